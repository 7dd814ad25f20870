#!/bin/sh
# Writes N flows (default 1,000,000: about 95 MB) between the pods of examples/shop/cluster.yaml to standard output,
# a flow file (docs/testing.md) for docs/performance.md's query figures:
#   benchmarks/generate-flows.sh 1000000 > /tmp/flows.yaml
#   java -Xmx512m -jar cli/target/netlingua.jar query --cluster examples/shop/cluster.yaml --flows /tmp/flows.yaml examples/shop > /dev/null
# A third of the flows carry an HTTP request; ports and pairs vary, so that allow rules, L7 blocks and isolation all decide.
n=${1:-1000000}
awk -v n="$n" 'BEGIN {
  split("shop/storefront-7d9f shop/orders-5c4b shop/payments-6f8d shop/catalog-59c7 ingress/gateway-0 monitoring/prometheus-0 backoffice/console-0 shop-data/postgres-0", pod, " ")
  split("8080 5432 8443 9090 443", port, " ")
  split("/api/v1/orders /catalog/shoes /checkout /metrics /admin/users", path, " ")
  for (i = 0; i < n; i++) {
    from = pod[i % 8 + 1]; to = pod[int(i / 8) % 8 + 1]; p = port[int(i / 64) % 5 + 1]
    if (i % 3 == 0) {
      printf "- {from: %s, to: %s, protocol: tcp, port: %s, http: {method: GET, path: %s}}\n", from, to, p, path[i % 5 + 1]
    } else {
      printf "- {from: %s, to: %s, protocol: tcp, port: %s}\n", from, to, p
    }
  }
}'

package io.netlingua.emit;

import io.netlingua.eval.Cluster;
import io.netlingua.eval.External;
import io.netlingua.eval.FlowProtocol;
import io.netlingua.eval.IpAddress;
import io.netlingua.eval.Node;
import io.netlingua.eval.Pod;
import io.netlingua.eval.PortSpec;
import io.netlingua.eval.Service;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The clusters of the tests that judge a target documentation's examples ({@code CiliumDocumentationExamplesTest},
 * {@code CalicoDocumentationExamplesTest}): nodes node-1 (10.0.0.1) and node-2 (10.0.0.2), namespaces default and
 * kube-system, kube-dns ({@code kube-system/coredns}, {@code k8s-app=kube-dns}, on node-2) and the external address
 * {@code outside} (203.0.113.7, no DNS name), plus what a test adds. Pods get the next address of their node's range
 * ({@code 10.244.1.0/24} on node-1, {@code 10.244.2.0/24} on node-2) and run as {@code default} unless stated.
 */
public final class DocumentationClusters {
  /** The first node. */
  public static final String N1 = "node-1";

  /** The second node, which runs kube-dns. */
  public static final String N2 = "node-2";

  private final Cluster.Builder b = Cluster.builder();
  private final Map<String, Integer> next = new HashMap<>();

  /** A cluster of the nodes, namespaces, kube-dns and the external address above. */
  public DocumentationClusters() {
    b.node(N1, "10.0.0.1");
    b.node(N2, "10.0.0.2");
    b.namespace("default", Map.of());
    b.namespace("kube-system", Map.of());
    pod("kube-system/coredns", N2, "k8s-app=kube-dns");
    external("outside", "203.0.113.7", null);
  }

  /** A namespace with labels written {@code key=value}. */
  public DocumentationClusters namespace(String name, String... labels) {
    b.namespace(name, labels(labels));
    return this;
  }

  /** A pod on that node, labels written {@code key=value}. */
  public DocumentationClusters pod(String qualifiedName, String node, String... labels) {
    return podAs(qualifiedName, "default", node, labels);
  }

  /** A pod running as that service account. */
  public DocumentationClusters podAs(String qualifiedName, String serviceAccount, String node, String... labels) {
    String[] parts = qualifiedName.split("/");
    int host = next.merge(node, 1, Integer::sum) + 9;
    String ip = "10.244." + (node.equals(N1) ? 1 : 2) + "." + host;
    b.pod(new Pod(parts[1], parts[0], labels(labels), IpAddress.parse(ip), serviceAccount, node, List.of()));
    return this;
  }

  /** A node. */
  public DocumentationClusters node(Node node) {
    b.node(node);
    return this;
  }

  /** An external address, with a DNS name or {@code null}. */
  public DocumentationClusters external(String name, String ip, String fqdn) {
    b.external(name, ip, fqdn);
    return this;
  }

  /** An external address. */
  public DocumentationClusters external(External external) {
    b.external(external);
    return this;
  }

  /** A Service of that namespace/name with a selector, a cluster IP and one TCP port. */
  public DocumentationClusters service(String qualifiedName, String clusterIp, int port, String... selector) {
    String[] parts = qualifiedName.split("/");
    b.service(new Service(parts[1], parts[0], labels(selector), Optional.of(IpAddress.parse(clusterIp)),
        List.of(PortSpec.of(port, FlowProtocol.TCP))));
    return this;
  }

  /** The cluster. */
  public Cluster build() {
    return b.build();
  }

  private static Map<String, String> labels(String... pairs) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String p : pairs) {
      int eq = p.indexOf('=');
      out.put(p.substring(0, eq), p.substring(eq + 1));
    }
    return out;
  }
}

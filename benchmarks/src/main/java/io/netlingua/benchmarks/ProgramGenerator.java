package io.netlingua.benchmarks;

import java.nio.charset.StandardCharsets;

/**
 * Writes a large, valid, realistic {@code .npl} program: one section per team, each with lets (some naming
 * other lets), namespaced and cluster policies, every peer kind, every port form and every L7 form, comments
 * included. The text is a pure function of the size asked for, so that runs compare.
 */
public final class ProgramGenerator {

  /** One team's section; {@code {t}}, {@code {port}}, {@code {net}} and {@code {v6}} vary per team. */
  private static final String SECTION = """
      # team {t}: web, API, workers
      let web-{t} = pods(app=web, team=team-{t}, tier in (frontend, edge))
      let api-{t} = pods(app=api, team=team-{t}, track!=canary)
      let workers-{t} = pods(app=worker, team==team-{t}, !legacy, env notin (dev, test))
      let backends-{t} = api-{t}, workers-{t}
      let observers-{t} = pods(app=prometheus) in namespace monitoring, namespaces(purpose=observability), \
      namespace logging
      let partners-{t} = cidr {net}.0/24 except {net}.128/25, cidr {v6}
      let apis-{t} = fqdn "api-{t}.example.com", fqdn "*.svc-{t}.example.org"
      let web-ports-{t} = tcp/{port}, tcp/8443
      let service-ports-{t} = web-ports-{t}, tcp/http, tcp/9000-9100

      policy api-{t} in namespace team-{t} {
        description "Team {t} API: the web tier in; data, partners out \u2014 ok"
        select api-{t}

        ingress {
          allow from web-{t} on web-ports-{t} {
            http GET path "/api/v1/orders"
            http POST path prefix "/api/v1/orders/" header "X-Tenant" = "team-{t}"
            http * path regex "/api/v[0-9]+/items/.*" host "shop-{t}.example.com" header "X-Trace"
          }
          allow from observers-{t} on tcp/9090
          log allow from serviceaccount deployer in namespace ci on tcp/22
          allow from nodes, host on icmp type 8, icmpv6 type 128
          deny from partners-{t} on tcp/23, udp
        }

        egress {
          allow to pods(app=postgres) in namespace data-{t} on tcp/5432
          allow to service kafka in namespace streaming on tcp/9092 {
            kafka produce topic "orders-{t}" client "api-{t}"
            kafka consume topic "refunds-{t}"
          }
          allow to apis-{t} on tcp/443
          allow to kube-dns on udp/53, tcp/53 { dns "api-{t}.example.com", "*.svc-{t}.example.org" }
          allow to pods(app=gateway) in any namespace on tcp/50051 {
            grpc "payments.Checkout/Pay"
            grpc "payments.Refunds/*"
          }
          log deny to world on tcp/25
        }
      }

      policy workers-{t} in namespace team-{t} {
        select workers-{t}
        egress {
          allow to backends-{t} on service-ports-{t}
          allow to kube-apiserver on tcp/443
          allow to cluster on sctp/9999, icmp type 3 code 4
          deny to any on sctp
        }
      }

      cluster policy baseline-{t} {
        select pods(team=team-{t}) in namespaces(tenant=team-{t})
        ingress { allow from pods in namespace kube-system on tcp }
        egress { allow to kube-dns on udp/53, tcp/53 }
      }

      """;

  private ProgramGenerator() {}

  /** A program of one section or more and at least {@code minBytes} bytes of UTF-8. */
  public static String generate(int minBytes) {
    StringBuilder out = new StringBuilder(minBytes + SECTION.length() * 2);
    out.append("# A generated program: one section per team.\nnamespace platform\n\n");
    int bytes = out.length();
    int team = 0;
    do {
      String section = section(team++);
      out.append(section);
      bytes += section.getBytes(StandardCharsets.UTF_8).length;
    } while (bytes < minBytes);
    return out.toString();
  }

  private static String section(int team) {
    return SECTION
        .replace("{t}", Integer.toString(team))
        .replace("{port}", Integer.toString(8000 + team % 1000))
        .replace("{net}", "10." + (team / 256 % 256) + "." + (team % 256))
        .replace("{v6}", "2001:db8:" + Integer.toHexString(team % 0xffff + 1) + "::/48");
  }
}

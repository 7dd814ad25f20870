package io.netlingua.benchmarks;

import java.nio.charset.StandardCharsets;

/**
 * Writes a large, valid, realistic {@code .npl} program: one section per team, each with lets (some naming
 * other lets), namespaced and cluster policies, every peer kind, every port form and every L7 form, comments
 * included. The text is a pure function of the size asked for, so that runs compare.
 */
public final class ProgramGenerator {

  private ProgramGenerator() {}

  /** A program of at least one section and {@code minBytes} bytes of UTF-8 (it ends with the section that passes). */
  public static String generate(int minBytes) {
    StringBuilder out = new StringBuilder(minBytes + 4096);
    out.append("# A generated program: one section per team.\nnamespace platform\n\n");
    int bytes = out.length();
    int team = 0;
    do {
      int before = out.length();
      section(out, team++);
      // Counting the bytes of the new section only keeps the loop linear.
      bytes += out.substring(before).getBytes(StandardCharsets.UTF_8).length;
    } while (bytes < minBytes);
    return out.toString();
  }

  private static void section(StringBuilder out, int team) {
    String t = Integer.toString(team);
    int port = 8000 + team % 1000;
    String net = "10." + (team / 256 % 256) + "." + (team % 256);
    String v6 = "2001:db8:" + Integer.toHexString(team % 0xffff + 1) + "::/48";
    out.append("# team ").append(t).append(": web, API, workers\n")
        .append("let web-").append(t).append(" = pods(app=web, team=team-").append(t)
        .append(", tier in (frontend, edge))\n")
        .append("let api-").append(t).append(" = pods(app=api, team=team-").append(t).append(", track!=canary)\n")
        .append("let workers-").append(t).append(" = pods(app=worker, team==team-").append(t)
        .append(", !legacy, env notin (dev, test))\n")
        .append("let backends-").append(t).append(" = api-").append(t).append(", workers-").append(t).append('\n')
        .append("let observers-").append(t).append(" = pods(app=prometheus) in namespace monitoring, ")
        .append("namespaces(purpose=observability), namespace logging\n")
        .append("let partners-").append(t).append(" = cidr ").append(net).append(".0/24 except ").append(net)
        .append(".128/25, cidr ").append(v6).append('\n')
        .append("let apis-").append(t).append(" = fqdn \"api-").append(t).append(".example.com\", fqdn \"*.svc-")
        .append(t).append(".example.org\"\n")
        .append("let web-ports-").append(t).append(" = tcp/").append(port).append(", tcp/8443\n")
        .append("let service-ports-").append(t).append(" = web-ports-").append(t)
        .append(", tcp/http, tcp/9000-9100\n\n");

    out.append("policy api-").append(t).append(" in namespace team-").append(t).append(" {\n")
        .append("  description \"Team ").append(t).append(" API: the web tier in; data, partners out \u2014 ok\"\n")
        .append("  select api-").append(t).append("\n\n")
        .append("  ingress {\n")
        .append("    allow from web-").append(t).append(" on web-ports-").append(t).append(" {\n")
        .append("      http GET path \"/api/v1/orders\"\n")
        .append("      http POST path prefix \"/api/v1/orders/\" header \"X-Tenant\" = \"team-").append(t)
        .append("\"\n")
        .append("      http * path regex \"/api/v[0-9]+/items/.*\" host \"shop-").append(t)
        .append(".example.com\" header \"X-Trace\"\n")
        .append("    }\n")
        .append("    allow from observers-").append(t).append(" on tcp/9090\n")
        .append("    log allow from serviceaccount deployer in namespace ci on tcp/22\n")
        .append("    allow from nodes, host on icmp type 8, icmpv6 type 128\n")
        .append("    deny from partners-").append(t).append(" on tcp/23, udp\n")
        .append("  }\n\n")
        .append("  egress {\n")
        .append("    allow to pods(app=postgres) in namespace data-").append(t).append(" on tcp/5432\n")
        .append("    allow to service kafka in namespace streaming on tcp/9092 {\n")
        .append("      kafka produce topic \"orders-").append(t).append("\" client \"api-").append(t).append("\"\n")
        .append("      kafka consume topic \"refunds-").append(t).append("\"\n")
        .append("    }\n")
        .append("    allow to apis-").append(t).append(" on tcp/443\n")
        .append("    allow to kube-dns on udp/53, tcp/53 { dns \"api-").append(t).append(".example.com\", \"*.svc-")
        .append(t).append(".example.org\" }\n")
        .append("    allow to pods(app=gateway) in any namespace on tcp/50051 {\n")
        .append("      grpc \"payments.Checkout/Pay\"\n")
        .append("      grpc \"payments.Refunds/*\"\n")
        .append("    }\n")
        .append("    log deny to world on tcp/25\n")
        .append("  }\n")
        .append("}\n\n");

    out.append("policy workers-").append(t).append(" in namespace team-").append(t).append(" {\n")
        .append("  select workers-").append(t).append('\n')
        .append("  egress {\n")
        .append("    allow to backends-").append(t).append(" on service-ports-").append(t).append('\n')
        .append("    allow to kube-apiserver on tcp/443\n")
        .append("    allow to cluster on sctp/9999, icmp type 3 code 4\n")
        .append("    deny to any on sctp\n")
        .append("  }\n")
        .append("}\n\n");

    out.append("cluster policy baseline-").append(t).append(" {\n")
        .append("  select pods(team=team-").append(t).append(") in namespaces(tenant=team-").append(t).append(")\n")
        .append("  ingress { allow from pods in namespace kube-system on tcp }\n")
        .append("  egress { allow to kube-dns on udp/53, tcp/53 }\n")
        .append("}\n\n");
  }
}

package io.netlingua.emit.cilium;

import io.netlingua.eval.Cluster;
import io.netlingua.eval.Endpoint;
import io.netlingua.eval.Evaluator;
import io.netlingua.eval.Flow;
import io.netlingua.eval.FlowProtocol;
import io.netlingua.eval.HttpRequest;
import io.netlingua.model.HttpPaths;
import java.util.Optional;

/**
 * The flows the Cilium target's report states as facts of the platform rather than judging them (SEMANTICS.md
 * section 3, Cilium): the equivalence property leaves exactly these out for Cilium, as the Kubernetes property
 * leaves out a pod's egress to its own node.
 *
 * <ul>
 *   <li>a flow to a Service's cluster IP: the agent's load balancer turns it into a flow to one backend before any
 *       policy applies, while the language judges the address (the evaluator judges the first backend); and a flow
 *       from one, which no connection is;
 *   <li>a bare UDP or TCP connection on port 53 that carries no DNS query, where the program has fqdn peers: the
 *       DNS rule written so that toFQDNs sees the queries sends port 53 through the DNS proxy, which forwards DNS
 *       messages only (the NL3904 fact);
 *   <li>a flow to an external address by its DNS name, from a pod that the program does not let query one of the
 *       cluster's DNS servers for that name: the report states that the pods query the DNS server the program
 *       allows (toFQDNs learns addresses from the answers), which such a cluster does not honour;
 *   <li>an HTTP request whose path Envoy's normalisation reads otherwise than the language
 *       ({@code ;} parameters, escapes of reserved characters, double encoding, a stray {@code %}: the L7 facts of
 *       docs/targets.md), with either googleurl table; with a path regex in the program, also a trailing
 *       {@code /}, which Envoy keeps and the language's normal form drops.
 * </ul>
 */
public final class CiliumStatedFacts {
  private CiliumStatedFacts() {}

  /**
   * Whether the flow is one of those.
   *
   * @param programHasFqdn whether the program has an fqdn peer (so that DNS rules were added)
   * @param programHasPathRegex whether the program has a path regex, which also sees a trailing {@code /}
   * @param neutral the program's own reading, which decides whether the pod may query a DNS server
   */
  public static boolean statedFact(
      Flow flow, Cluster cluster, boolean programHasFqdn, boolean programHasPathRegex, Evaluator neutral) {
    Endpoint destination = flow.destination();
    if (serviceAddress(flow.source(), cluster) || serviceAddress(destination, cluster)) {
      return true;
    }
    if (programHasFqdn && flow.protocol().hasPorts() && flow.port() == 53 && !flow.hasRequest()) {
      return true;
    }
    if (programHasFqdn && flow.source() instanceof Endpoint.PodEnd && resolve(destination, cluster)
        instanceof Endpoint.ExternalEnd e && e.external().fqdn().isPresent()
        && !queriesAllowed(flow.source(), e.external().fqdn().get(), cluster, neutral)) {
      return true;
    }
    return flow.http().filter(h -> envoyReadsOtherwise(h, programHasPathRegex)).isPresent();
  }

  private static boolean serviceAddress(Endpoint end, Cluster cluster) {
    return end instanceof Endpoint.AddressEnd a
        && cluster.services().stream().anyMatch(s -> s.clusterIP().filter(a.address()::equals).isPresent());
  }

  private static Endpoint resolve(Endpoint end, Cluster cluster) {
    return end instanceof Endpoint.AddressEnd a ? cluster.endpointAt(a.address()) : end;
  }

  private static boolean queriesAllowed(Endpoint pod, String name, Cluster cluster, Evaluator neutral) {
    for (Endpoint server : cluster.dnsServers()) {
      if (server instanceof Endpoint.ExternalEnd x && x.external().fqdn().isPresent()) {
        continue; // a resolver is not reached by its own DNS name: an fqdn peer cannot be what lets the query out
      }
      if (server.equals(pod)) {
        continue; // a pod's queries to itself never leave it, so no DNS proxy sees them
      }
      for (FlowProtocol protocol : new FlowProtocol[] {FlowProtocol.UDP, FlowProtocol.TCP}) {
        if (neutral.evaluate(Flow.of(pod, server, protocol, 53).withDnsQuery(name)).allowed()) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Whether Envoy hands its matcher another path than the language's normal form: the query aside, and one
   * trailing {@code /} (which the exact and prefix regexes accept) unless a path regex reads it.
   */
  static boolean envoyReadsOtherwise(HttpRequest request, boolean trailingSlashCounts) {
    Optional<String> language = HttpPaths.normalise(request.path());
    for (boolean newTable : new boolean[] {true, false}) {
      Optional<String> envoy =
          EnvoyPaths.normalise(request.path(), newTable).map(p -> pathPart(p, trailingSlashCounts));
      if (!envoy.equals(language)) {
        return true;
      }
    }
    return false;
  }

  private static String pathPart(String path, boolean trailingSlashCounts) {
    int q = path.indexOf('?');
    String p = q < 0 ? path : path.substring(0, q);
    return !trailingSlashCounts && p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
  }
}

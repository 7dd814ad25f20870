package io.netlingua.emit.cilium;

import io.netlingua.eval.Cluster;
import io.netlingua.eval.Endpoint;
import io.netlingua.eval.Evaluator;
import io.netlingua.eval.Flow;
import io.netlingua.eval.FlowProtocol;
import io.netlingua.eval.HttpRequest;
import io.netlingua.eval.NeutralEvaluator;
import io.netlingua.model.Action;
import io.netlingua.model.DnsBlock;
import io.netlingua.model.FqdnPeer;
import io.netlingua.model.HttpBlock;
import io.netlingua.model.HttpPaths;
import io.netlingua.model.HttpRule;
import io.netlingua.model.Policy;
import io.netlingua.model.PolicyFile;
import io.netlingua.model.Program;
import io.netlingua.model.Rule;
import io.netlingua.model.RuleBlock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

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
 *   <li>a flow to an external address by its DNS name, from a pod that the program's DNS allows do not let query
 *       one of the cluster's DNS servers for that name: the report states that the pods query the DNS server the
 *       program allows on port 53 (toFQDNs learns addresses from the answers), which such a cluster does not
 *       honour. A DNS allow is what the Cilium target gives DNS visibility to ({@code DnsVisibility.isDnsAllow}:
 *       an allow on port 53 only, or one on every port that names pods), or an allow with a {@code dns} block
 *       (which shows the proxy the queries itself); the query is judged
 *       on the program with its other egress allows left out (its isolation and denies kept), so that a server
 *       reached only by another allow (a Service, a CIDR on every port) does not count;
 *   <li>an HTTP request whose path Envoy's normalisation reads otherwise than the language
 *       ({@code ;} parameters, escapes of reserved characters, double encoding, a stray {@code %}: the L7 facts of
 *       docs/targets.md), with either googleurl table; with a path regex in the program, also a trailing
 *       {@code /}, which Envoy keeps and the language's normal form drops.
 * </ul>
 */
public final class CiliumStatedFacts {
  private final Cluster cluster;
  private final boolean fqdn;
  private final boolean pathRegex;
  private final Evaluator dnsAllows;

  private CiliumStatedFacts(Program program, Cluster cluster) {
    this.cluster = cluster;
    this.fqdn = rules(program).flatMap(r -> r.peers().stream()).anyMatch(peer -> peer instanceof FqdnPeer);
    this.pathRegex = rules(program).flatMap(r -> r.l7().stream())
        .filter(b -> b instanceof HttpBlock)
        .flatMap(b -> ((HttpBlock) b).rules().stream())
        .flatMap(h -> h.path().stream())
        .anyMatch(m -> m.kind() == HttpRule.PathMatch.Kind.REGEX);
    this.dnsAllows = NeutralEvaluator.of(dnsAllowsOnly(program), cluster);
  }

  /** The stated facts of one program in one cluster. */
  public static CiliumStatedFacts of(Program program, Cluster cluster) {
    return new CiliumStatedFacts(program, cluster);
  }

  /** Whether the flow is one of those. */
  public boolean statedFact(Flow flow) {
    Endpoint destination = flow.destination();
    if (serviceAddress(flow.source(), cluster) || serviceAddress(destination, cluster)) {
      return true;
    }
    if (fqdn && flow.protocol().hasPorts() && flow.port() == 53 && !flow.hasRequest()) {
      return true;
    }
    if (fqdn && flow.source() instanceof Endpoint.PodEnd && resolve(destination, cluster)
        instanceof Endpoint.ExternalEnd e && e.external().fqdn().isPresent()
        && !queriesAllowed(flow.source(), e.external().fqdn().get())) {
      return true;
    }
    return flow.http().filter(h -> envoyReadsOtherwise(h, pathRegex)).isPresent();
  }

  private static Stream<Rule> rules(Program program) {
    return program.policies().stream()
        .flatMap(p -> Stream.of(p.ingress(), p.egress()).flatMap(Optional::stream))
        .flatMap(b -> b.rules().stream());
  }

  /** The program with every egress allow but its DNS allows left out. */
  private static Program dnsAllowsOnly(Program program) {
    List<PolicyFile> files = new ArrayList<>();
    for (PolicyFile f : program.files()) {
      List<Policy> policies = new ArrayList<>();
      for (Policy p : f.policies()) {
        Optional<RuleBlock> egress = p.egress().map(b -> new RuleBlock(
            b.rules().stream().filter(r -> r.action() == Action.DENY || DnsVisibility.isDnsAllow(r)
                || r.l7().filter(l7 -> l7 instanceof DnsBlock).isPresent()).toList(), b.span()));
        policies.add(new Policy(p.name(), p.namespace(), p.description(), p.subject(), p.ingress(), egress,
            p.span()));
      }
      files.add(new PolicyFile(f.path(), f.namespace(), f.imports(), f.definitions(), policies));
    }
    return new Program(files);
  }

  private static boolean serviceAddress(Endpoint end, Cluster cluster) {
    return end instanceof Endpoint.AddressEnd a
        && cluster.services().stream().anyMatch(s -> s.clusterIP().filter(a.address()::equals).isPresent());
  }

  private static Endpoint resolve(Endpoint end, Cluster cluster) {
    return end instanceof Endpoint.AddressEnd a ? cluster.endpointAt(a.address()) : end;
  }

  private boolean queriesAllowed(Endpoint pod, String name) {
    for (Endpoint server : cluster.dnsServers()) {
      if (server instanceof Endpoint.ExternalEnd x && x.external().fqdn().isPresent()) {
        continue; // a resolver is not reached by its own DNS name: an fqdn peer cannot be what lets the query out
      }
      if (server.equals(pod)) {
        continue; // a pod's queries to itself never leave it, so no DNS proxy sees them
      }
      for (FlowProtocol protocol : new FlowProtocol[] {FlowProtocol.UDP, FlowProtocol.TCP}) {
        if (dnsAllows.evaluate(Flow.of(pod, server, protocol, 53).withDnsQuery(name)).allowed()) {
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

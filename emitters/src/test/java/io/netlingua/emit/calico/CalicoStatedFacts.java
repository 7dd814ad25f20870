package io.netlingua.emit.calico;

import io.netlingua.emit.lowering.ClusterLookup;
import io.netlingua.eval.Cluster;
import io.netlingua.eval.Endpoint;
import io.netlingua.eval.Flow;
import io.netlingua.eval.FlowProtocol;
import io.netlingua.eval.Service;
import io.netlingua.model.Entity;
import io.netlingua.model.EntityPeer;
import io.netlingua.model.Policy;
import io.netlingua.model.Program;
import io.netlingua.model.ServicePeer;
import java.util.ArrayList;
import java.util.List;

/**
 * The flows the Calico target's report states as facts rather than judging them (SEMANTICS.md section 3, Calico;
 * docs/targets.md, "Platform facts the output relies on"): the equivalence property leaves exactly these out for
 * Calico, as the Kubernetes property leaves out a pod's egress to its own node.
 *
 * <ul>
 *   <li>a flow to a Service's cluster IP, or from one: Calico's policy runs after the Service address is translated
 *       to a backend (the evaluator judges the first backend), while the language judges the address;
 *   <li>a pod's flow toward an end that an egress {@code service} or {@code kube-apiserver} peer of the program
 *       names (the pods a named Service selects, the API server's addresses): Calico's {@code services} match takes
 *       no ports on egress and matches the endpoints on their own ports, and the report states that the rule's
 *       ports are taken to be those (NL3904), which a random cluster's Service ports need not honour;
 *   <li>an ICMP flow of one IP family with an end whose address is of the other (ICMPv6 from an IPv4 address): a
 *       cluster file can write it, no packet is it, and Calico's rules are rendered per family ({@code ipVersion},
 *       nets of the packet's family), so it meets none of them, where the language judges the ends alone.
 * </ul>
 */
public final class CalicoStatedFacts {
  private final ClusterLookup cluster;
  private final List<Service> namedServices = new ArrayList<>();
  private final boolean apiServer;

  private CalicoStatedFacts(Program program, Cluster cluster) {
    this.cluster = new ClusterLookup(cluster);
    boolean api = false;
    for (Policy policy : program.policies()) {
      for (var rule : policy.egress().map(b -> b.rules()).orElse(List.of())) {
        for (var peer : rule.peers()) {
          if (peer instanceof ServicePeer s) {
            String namespace = s.namespace().or(policy::namespace).orElse(null);
            cluster.services().stream()
                .filter(x -> x.name().equals(s.name()) && (namespace == null || x.namespace().equals(namespace)))
                .forEach(namedServices::add);
          } else if (peer instanceof EntityPeer e && e.entity() == Entity.KUBE_APISERVER) {
            api = true;
          }
        }
      }
    }
    this.apiServer = api;
  }

  /** The stated facts of one program in one cluster. */
  public static CalicoStatedFacts of(Program program, Cluster cluster) {
    return new CalicoStatedFacts(program, cluster);
  }

  /** Whether the flow is one of those. */
  public boolean statedFact(Flow flow) {
    if (serviceAddress(flow.source()) || serviceAddress(flow.destination())) {
      return true;
    }
    if (!flow.protocol().hasPorts()) {
      boolean v6 = flow.protocol() == FlowProtocol.ICMPV6;
      if (flow.source().ip().ipv6() != v6 || flow.destination().ip().ipv6() != v6) {
        return true;
      }
    }
    Endpoint destination = cluster.resolve(flow.destination());
    if (!(flow.source() instanceof Endpoint.PodEnd)) {
      return false;
    }
    if (destination instanceof Endpoint.PodEnd p && namedServices.stream().anyMatch(s -> s.selects(p.pod()))) {
      return true;
    }
    return apiServer && (destination instanceof Endpoint.ExternalEnd x && x.external().kubeApiserver()
        || destination instanceof Endpoint.NodeEnd n && n.node().kubeApiserver());
  }

  private boolean serviceAddress(Endpoint end) {
    return end instanceof Endpoint.AddressEnd a
        && cluster.cluster().services().stream().anyMatch(s -> s.clusterIP().filter(a.address()::equals).isPresent());
  }
}

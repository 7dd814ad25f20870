package io.netlingua.emit.kubernetes;

import io.netlingua.emit.kubernetes.World.End;
import io.netlingua.emit.kubernetes.World.Flow;
import io.netlingua.emit.kubernetes.World.Pod;
import io.netlingua.model.Action;
import io.netlingua.model.AllPorts;
import io.netlingua.model.CidrPeer;
import io.netlingua.model.Direction;
import io.netlingua.model.EntityPeer;
import io.netlingua.model.FqdnPeer;
import io.netlingua.model.IcmpPort;
import io.netlingua.model.NamedPort;
import io.netlingua.model.NamespaceScope;
import io.netlingua.model.Peer;
import io.netlingua.model.PodPeer;
import io.netlingua.model.Policy;
import io.netlingua.model.Port;
import io.netlingua.model.PortRange;
import io.netlingua.model.Program;
import io.netlingua.model.Rule;
import io.netlingua.model.ServiceAccountPeer;
import io.netlingua.model.ServicePeer;
import java.util.List;

/**
 * The neutral semantics (SEMANTICS.md section 1) of a program without L7 blocks, on a {@link World}: a flow is
 * allowed when the source's egress and the destination's ingress allow it; a side is checked only for a pod, and
 * only when a policy isolates it in that direction; there, some allow must match and no deny may. The world has
 * no node, Service or DNS name as an end, so {@code host}, {@code nodes}, {@code kube-apiserver}, {@code service}
 * and {@code fqdn} match nothing here.
 */
final class NeutralEvaluator {
  private final List<Policy> policies;

  NeutralEvaluator(Program program) {
    this.policies = program.policies();
  }

  boolean allows(Flow flow) {
    return side(flow, Direction.EGRESS) && side(flow, Direction.INGRESS);
  }

  private boolean side(Flow flow, Direction d) {
    End self = d == Direction.EGRESS ? flow.source() : flow.destination();
    End other = d == Direction.EGRESS ? flow.destination() : flow.source();
    if (self.pod().isEmpty()) {
      return true;
    }
    Pod pod = self.pod().get();
    boolean isolated = false;
    boolean allowed = false;
    for (Policy p : policies) {
      if (p.block(d).isEmpty() || !governs(p, pod)) {
        continue;
      }
      isolated = true;
      for (Rule r : p.block(d).get().rules()) {
        if (matches(p, r, other, flow)) {
          if (r.action() == Action.DENY) {
            return false;
          }
          allowed = true;
        }
      }
    }
    return !isolated || allowed;
  }

  private static boolean governs(Policy p, Pod pod) {
    return p.subject().peers().stream().anyMatch(e -> podMatches(p, (PodPeer) e, pod));
  }

  private static boolean podMatches(Policy policy, PodPeer peer, Pod pod) {
    NamespaceScope s = peer.namespaces();
    boolean namespace;
    if (s instanceof NamespaceScope.Named n) {
      namespace = pod.namespace().name().equals(n.name());
    } else if (s instanceof NamespaceScope.Selected sel) {
      namespace = sel.selector().matches(pod.namespace().labels());
    } else if (s instanceof NamespaceScope.PolicyNamespace) {
      namespace = policy.namespace().map(ns -> ns.equals(pod.namespace().name())).orElse(true);
    } else {
      namespace = true;
    }
    return namespace && peer.pods().matches(pod.labels());
  }

  private static boolean matches(Policy policy, Rule rule, End other, Flow flow) {
    boolean peer = rule.peers().stream().anyMatch(p -> peerMatches(policy, p, other));
    End destination = flow.destination();
    boolean port = rule.allPorts() || rule.ports().stream().anyMatch(p -> portMatches(p, flow, destination));
    return peer && port;
  }

  private static boolean peerMatches(Policy policy, Peer peer, End other) {
    return peer.accept(
        new Peer.Visitor<Boolean>() {
          @Override
          public Boolean pods(PodPeer p) {
            return other.pod().map(pod -> podMatches(policy, p, pod)).orElse(false);
          }

          @Override
          public Boolean serviceAccount(ServiceAccountPeer p) {
            // Without a namespace: the policy's; in a cluster policy, any.
            return other.pod()
                .filter(pod -> pod.serviceAccount().equals(p.name()))
                .filter(pod -> p.namespace().or(policy::namespace).map(pod.namespace().name()::equals)
                    .orElse(true))
                .isPresent();
          }

          @Override
          public Boolean service(ServicePeer p) {
            return false;
          }

          @Override
          public Boolean cidr(CidrPeer p) {
            return other.pod().isEmpty() && p.cidr().contains(other.address())
                && p.except().stream().noneMatch(e -> e.contains(other.address()));
          }

          @Override
          public Boolean fqdn(FqdnPeer p) {
            return false;
          }

          @Override
          public Boolean entity(EntityPeer p) {
            return switch (p.entity()) {
              case WORLD -> other.pod().isEmpty();
              case CLUSTER -> other.pod().isPresent();
              case ANY -> true;
              case NODES, HOST, KUBE_APISERVER -> false;
            };
          }
        });
  }

  private static boolean portMatches(Port port, Flow flow, End destination) {
    return port.accept(
        new Port.Visitor<Boolean>() {
          @Override
          public Boolean range(PortRange p) {
            return p.protocol() == flow.protocol() && p.first() <= flow.port() && flow.port() <= p.last();
          }

          @Override
          public Boolean named(NamedPort p) {
            // Named ports resolve on the destination pod (SEMANTICS.md section 1, rule 6).
            return p.protocol() == flow.protocol()
                && destination.pod().map(d -> d.namedPorts().get(p.name())).filter(n -> n == flow.port())
                    .isPresent();
          }

          @Override
          public Boolean all(AllPorts p) {
            return p.protocol() == flow.protocol();
          }

          @Override
          public Boolean icmp(IcmpPort p) {
            return false;
          }
        });
  }
}

package io.netlingua.emit.kubernetes;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.networking.v1.IPBlock;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.netlingua.emit.kubernetes.World.End;
import io.netlingua.emit.kubernetes.World.Flow;
import io.netlingua.emit.kubernetes.World.Pod;
import io.netlingua.model.Cidr;
import java.util.List;
import java.util.Map;

/**
 * What a set of NetworkPolicy objects allows on a {@link World}, as the networking.k8s.io/v1 API reference and
 * the Kubernetes documentation ("Isolated and non-isolated pods", "Behavior of to and from selectors") say. An
 * ipBlock matches a pod address only when the run states the cluster CIDRs (the worst case the excepts guard
 * against); without them, cidr peers are assumed outside the cluster, as the report says (NL3902).
 */
final class KubernetesEvaluator {
  private final List<NetworkPolicy> policies;
  private final boolean ipBlocksMatchPods;

  KubernetesEvaluator(List<NetworkPolicy> policies, boolean ipBlocksMatchPods) {
    this.policies = policies;
    this.ipBlocksMatchPods = ipBlocksMatchPods;
  }

  boolean allows(Flow flow) {
    return side(flow, true) && side(flow, false);
  }

  private boolean side(Flow flow, boolean egress) {
    End self = egress ? flow.source() : flow.destination();
    End other = egress ? flow.destination() : flow.source();
    if (self.pod().isEmpty()) {
      return true;
    }
    Pod pod = self.pod().get();
    boolean isolated = false;
    for (NetworkPolicy np : policies) {
      boolean selects = np.getMetadata().getNamespace().equals(pod.namespace().name())
          && matches(np.getSpec().getPodSelector(), pod.labels());
      if (!selects || !np.getSpec().getPolicyTypes().contains(egress ? "Egress" : "Ingress")) {
        continue;
      }
      isolated = true;
      if (egress) {
        for (var rule : np.getSpec().getEgress()) {
          if (peers(np, rule.getTo(), other) && ports(rule.getPorts(), flow)) {
            return true;
          }
        }
      } else {
        for (var rule : np.getSpec().getIngress()) {
          if (peers(np, rule.getFrom(), other) && ports(rule.getPorts(), flow)) {
            return true;
          }
        }
      }
    }
    return !isolated;
  }

  private boolean peers(NetworkPolicy np, List<NetworkPolicyPeer> peers, End other) {
    if (peers == null || peers.isEmpty()) {
      return true;
    }
    for (NetworkPolicyPeer peer : peers) {
      IPBlock b = peer.getIpBlock();
      if (b != null) {
        boolean addressable = other.pod().isEmpty() || ipBlocksMatchPods;
        boolean excepted = b.getExcept() != null
            && b.getExcept().stream().anyMatch(e -> Cidr.parse(e).contains(other.address()));
        if (addressable && Cidr.parse(b.getCidr()).contains(other.address()) && !excepted) {
          return true;
        }
        continue;
      }
      if (other.pod().isEmpty()) {
        continue;
      }
      Pod pod = other.pod().get();
      boolean namespace = peer.getNamespaceSelector() == null
          ? pod.namespace().name().equals(np.getMetadata().getNamespace())
          : matches(peer.getNamespaceSelector(), pod.namespace().labels());
      boolean labels = peer.getPodSelector() == null || matches(peer.getPodSelector(), pod.labels());
      if (namespace && labels) {
        return true;
      }
    }
    return false;
  }

  private static boolean ports(List<NetworkPolicyPort> ports, Flow flow) {
    if (ports == null || ports.isEmpty()) {
      return true;
    }
    for (NetworkPolicyPort p : ports) {
      String protocol = p.getProtocol() == null ? "TCP" : p.getProtocol();
      if (!protocol.equals(flow.protocol().name())) {
        continue;
      }
      if (p.getPort() == null) {
        return true;
      }
      if (p.getPort().getStrVal() != null) {
        Integer n = flow.destination().pod().map(d -> d.namedPorts().get(p.getPort().getStrVal())).orElse(null);
        if (n != null && n == flow.port()) {
          return true;
        }
        continue;
      }
      int first = p.getPort().getIntVal();
      int last = p.getEndPort() == null ? first : p.getEndPort();
      if (first <= flow.port() && flow.port() <= last) {
        return true;
      }
    }
    return false;
  }

  private static boolean matches(LabelSelector selector, Map<String, String> labels) {
    if (selector.getMatchLabels() != null) {
      for (Map.Entry<String, String> e : selector.getMatchLabels().entrySet()) {
        if (!e.getValue().equals(labels.get(e.getKey()))) {
          return false;
        }
      }
    }
    for (LabelSelectorRequirement r : selector.getMatchExpressions()) {
      String v = labels.get(r.getKey());
      boolean ok = switch (r.getOperator()) {
        case "In" -> v != null && r.getValues().contains(v);
        case "NotIn" -> v == null || !r.getValues().contains(v);
        case "Exists" -> v != null;
        case "DoesNotExist" -> v == null;
        default -> throw new IllegalArgumentException(r.getOperator());
      };
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}

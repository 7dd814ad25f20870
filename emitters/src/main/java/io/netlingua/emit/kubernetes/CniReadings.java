package io.netlingua.emit.kubernetes;

import io.netlingua.diagnostics.Code;
import io.netlingua.emit.lowering.LoweredPeer;
import io.netlingua.emit.lowering.LoweredRule;
import io.netlingua.emit.lowering.PodSet;
import io.netlingua.emit.spi.Degradations;
import io.netlingua.model.Direction;
import io.netlingua.model.LabelRequirement;
import io.netlingua.model.NamedPort;
import io.netlingua.targets.Options;
import java.util.List;
import java.util.stream.Stream;

/**
 * The corners of NetworkPolicy that the objects rely on and that a CNI enforcing them reads otherwise than the
 * Kubernetes reading (docs/targets.md, "NetworkPolicy on Cilium" and "NetworkPolicy on Calico"): each stated once,
 * as an info (NL3905), at the first place that relies on it, naming the CNI, the fact and its source, so that a user
 * compiling for "any conformant CNI" knows which ones keep the meaning. {@code netlingua query --reading} shows the
 * flows concerned.
 */
final class CniReadings {
  private CniReadings() {}

  /** States each corner the units rely on, once. */
  static void report(List<Unit> units, Options options, Degradations degradations) {
    units.stream().filter(u -> u.blocks().containsKey(Direction.EGRESS)).findFirst().ifPresent(u ->
        degradations.info(Code.CNI_READING, u.policy().span(), "kubernetes: Cilium and Calico police a pod's egress"
            + " to its own node like any flow, which Kubernetes always allows: where these NetworkPolicies isolate"
            + " egress, that traffic is refused there unless a rule allows the node's address (Cilium: entity host,"
            + " docs.cilium.io language.rst \"Access to/from local host\"; Calico: the pod's egress policy, then"
            + " Felix's DefaultEndpointToHostAction)"));
    // With the pod and node CIDRs stated the emitter cuts them out of every block: no block holds an endpoint.
    boolean endpointsCutOut = !options.podCidrs().isEmpty() && !options.nodeCidrs().isEmpty();
    if (!endpointsCutOut) {
      rules(units).filter(r -> r.peers().orElse(List.of()).stream().anyMatch(p -> p instanceof LoweredPeer.Addresses))
          .findFirst().ifPresent(r -> degradations.info(Code.CNI_READING, r.span(), "kubernetes: Cilium never"
              + " matches a pod's or a node's address with an ipBlock (CIDR rules \"do not match in-cluster entities\""
              + " while the agent's policy-cidr-match-mode is unset), where Kubernetes and Calico do: where a block"
              + " holds cluster addresses the CNIs differ; state --pod-cidr and --node-cidr to cut them out"));
    }
    rules(units).filter(r -> r.peers().orElse(List.of()).stream()
            .anyMatch(p -> p instanceof LoweredPeer.Pods pods && negativeOnly(pods.pods())))
        .findFirst().ifPresent(r -> degradations.info(Code.CNI_READING, r.span(), "kubernetes: Cilium matches a"
            + " namespaceSelector of negative terms only (!=, notin, !exists) on every identity without namespace"
            + " labels too, nodes, addresses outside the cluster and the API server, not only on pods (its translator"
            + " adds no namespace term: parseNetworkPolicyPeer, cilium/cilium#46949): such an allow is wider there"));
    units.stream()
        .flatMap(u -> u.blocks().getOrDefault(Direction.EGRESS, List.of()).stream())
        .filter(r -> r.ports().orElse(List.of()).stream().anyMatch(p -> p instanceof NamedPort))
        .findFirst()
        .ifPresent(r -> degradations.info(Code.CNI_READING, r.span(), "kubernetes: Cilium up to 1.18 resolves a"
            + " named port of an egress rule on one map of every pod's port names in the cluster, not on the"
            + " destination pod (NamedPortMultiMap, cilium/cilium#12567): a destination that numbers the name"
            + " otherwise, or lacks it, is judged on the other pods' numbers there"));
  }

  /**
   * A peer whose namespace selector has terms and all of them negative, and whose pod selector has none but
   * negative ones: what Cilium's translator leaves without a term only pods hold.
   */
  private static boolean negativeOnly(PodSet peer) {
    return !peer.namespaces().requirements().isEmpty()
        && peer.namespaces().requirements().stream().allMatch(CniReadings::negative)
        && peer.pods().requirements().stream().allMatch(CniReadings::negative);
  }

  private static boolean negative(LabelRequirement requirement) {
    return switch (requirement.operator()) {
      case NOT_EQUALS, NOT_IN, DOES_NOT_EXIST -> true;
      case EQUALS, IN, EXISTS -> false;
    };
  }

  private static Stream<LoweredRule> rules(List<Unit> units) {
    return units.stream().flatMap(u -> u.blocks().values().stream()).flatMap(List::stream);
  }
}

package io.netlingua.emit.lowering;

import io.netlingua.eval.Endpoint;
import io.netlingua.eval.Flow;
import io.netlingua.eval.Pod;
import io.netlingua.eval.Verdict;
import io.netlingua.eval.Verdict.Reason;
import io.netlingua.eval.Verdict.Side;
import io.netlingua.model.Direction;
import java.util.List;
import java.util.Optional;

/**
 * The two ends of a flow as a target's dataplane sees them when its policy runs, for the evaluators of targets that
 * translate a Service's cluster IP before policy (Cilium's load balancer in {@code bpf_lxc}; Calico, whose policy
 * for a workload is enforced after DNAT: {@code reference/resources/globalnetworkpolicy.mdx}, "the policy is
 * enforced after connection tracking and any DNAT"). A bare address is the pod, node or external that has it; a
 * destination that is a Service's cluster IP is the Service's first backend pod in cluster order, which stands for
 * whichever backend the load balancer picks; an address with no backend stays an address.
 *
 * @param source the source end
 * @param destination the destination end, behind the Service address if it was one
 * @param translated whether the flow was addressed to a Service's cluster IP and its destination is a backend
 */
public record FlowEnds(Endpoint source, Endpoint destination, boolean translated) {

  /** The ends of a flow in a cluster, found through its lookup ({@link ClusterLookup}). */
  public static FlowEnds of(Flow flow, ClusterLookup cluster) {
    Endpoint addressed = cluster.resolve(flow.destination());
    Endpoint destination = cluster.behindServiceAddress(addressed);
    return new FlowEnds(cluster.resolve(flow.source()), destination, destination != addressed);
  }

  /** The pod an end is, if it is one. */
  public static Optional<Pod> pod(Endpoint end) {
    return end instanceof Endpoint.PodEnd p ? Optional.of(p.pod()) : Optional.empty();
  }

  /** The source pod, if the source is one. */
  public Optional<Pod> sourcePod() {
    return pod(source);
  }

  /** The destination pod, if the destination is one. */
  public Optional<Pod> destinationPod() {
    return pod(destination);
  }

  /**
   * Whether a pod talks to itself: its traffic to its own address never leaves its network namespace, so no
   * policy of any target sees it (SEMANTICS.md section 1, rule 7). Through a Service address it does unless the
   * dataplane translates the address in the pod's own socket (see {@link #translated}).
   */
  public boolean podToItself() {
    return sourcePod().isPresent() && sourcePod().equals(destinationPod());
  }

  /** Whether the source is the node the destination pod runs on (rule 7: the node may always reach its pods). */
  public boolean nodeToItsPod() {
    return source instanceof Endpoint.NodeEnd n
        && destinationPod().filter(p -> p.node().equals(n.node().name())).isPresent();
  }

  /** The verdict of a pod talking to itself: both sides node-local. */
  public static Verdict toItself(List<String> notes) {
    return new Verdict(Side.of(Direction.EGRESS, Reason.NODE_LOCAL, List.of()),
        Side.of(Direction.INGRESS, Reason.NODE_LOCAL, List.of()), notes);
  }
}

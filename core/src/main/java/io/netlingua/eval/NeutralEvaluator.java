package io.netlingua.eval;

import io.netlingua.eval.internal.Semantics;
import io.netlingua.model.Program;
import java.util.Objects;

/**
 * The evaluator of the neutral semantics, SEMANTICS.md section 1, which every target is judged against:
 *
 * <ol>
 *   <li>a policy governs the pods its {@code select} matches (a cluster policy: in every namespace); an
 *       {@code ingress} or {@code egress} block, even empty, isolates them in that direction;
 *   <li>a flow is allowed iff egress at the source and ingress at the destination allow it; a side that is not
 *       a pod, or a pod not isolated in that direction, allows everything; an isolated pod needs a matching
 *       allow rule of a policy that governs it;
 *   <li>a matching deny rule of any governing policy refuses, whatever allows;
 *   <li>a rule matches when a peer matches the other end and a port the flow (no ports: all); allows are a union
 *       and a rule without L7 block allows every request, so a request is refused at L7 only when every allow
 *       that matches its peer and port has an L7 block and none of their alternatives matches (a flow without a
 *       request matches no L7 block; a deny with an L7 block, which only a model built in Java can have, refuses
 *       the requests it matches);
 *   <li>{@code cidr} and {@code world} match only addresses outside the cluster (externals, and addresses of no
 *       pod, node or Service); {@code cluster} matches pods and nodes, {@code nodes} nodes, {@code host} the
 *       governed pod's node, {@code kube-apiserver} the nodes and externals marked as the API server, {@code any}
 *       everything; {@code service} the pods behind the Service and its cluster IP; {@code serviceaccount} the pods
 *       running as it;
 *   <li>named ports resolve on the destination pod; {@code fqdn} matches externals whose DNS name matches;
 *   <li>a pod talking to itself, and the node a pod runs on connecting to it, are always allowed.
 * </ol>
 *
 * <p>A bare address ({@code ip:}) that belongs to a pod, node or external is judged as that end. Construction
 * compiles the program for the cluster (each pod's governing policies, each peer's pods, computed once through
 * a label index); {@link #evaluate} then costs the rules of the policies that govern the flow's two pods. The
 * program's {@code let}s are already expanded, and it is assumed checked (its regexes valid).
 */
public final class NeutralEvaluator implements Evaluator {
  private final Semantics semantics;

  private NeutralEvaluator(Semantics semantics) {
    this.semantics = semantics;
  }

  /** The evaluator of a checked program on a cluster. */
  public static NeutralEvaluator of(Program program, Cluster cluster) {
    Objects.requireNonNull(program, "program");
    Objects.requireNonNull(cluster, "cluster");
    return new NeutralEvaluator(new Semantics(program, cluster));
  }

  @Override
  public Verdict evaluate(Flow flow) {
    return semantics.evaluate(Objects.requireNonNull(flow, "flow"));
  }
}

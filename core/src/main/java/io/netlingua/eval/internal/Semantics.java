package io.netlingua.eval.internal;

import io.netlingua.eval.Cluster;
import io.netlingua.eval.Flow;
import io.netlingua.eval.Verdict;
import io.netlingua.eval.Verdict.PolicyRef;
import io.netlingua.eval.Verdict.Reason;
import io.netlingua.eval.Verdict.RuleRef;
import io.netlingua.eval.Verdict.Side;
import io.netlingua.model.Action;
import io.netlingua.model.Direction;
import io.netlingua.model.Peer;
import io.netlingua.model.Policy;
import io.netlingua.model.Program;
import io.netlingua.model.Rule;
import io.netlingua.model.RuleBlock;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;

/**
 * The neutral semantics (SEMANTICS.md section 1) of one program on one cluster, compiled once: every rule's
 * peers, ports and L7 block become matchers, and every pod knows, per direction, the policies that isolate it
 * (rule 1), so that a flow only looks at the rules of the policies that govern its two pods.
 */
public final class Semantics {
  private record CompiledRule(
      RuleRef ref, Action action, List<PeerMatcher> peers, List<PortMatcher> ports, Optional<L7Matcher> l7) {}

  private record CompiledPolicy(PolicyRef ref, List<CompiledRule> rules) {}

  private final ClusterIndex index;
  /** Per direction (ordinal), per pod: the policies that isolate it, in program order. */
  private final CompiledPolicy[][][] governing = new CompiledPolicy[2][][];
  private final List<List<List<PolicyRef>>> isolatedBy = new ArrayList<>();

  /** Compiles the program against the cluster. */
  public Semantics(Program program, Cluster cluster) {
    this.index = new ClusterIndex(cluster);
    PeerMatcher.Compiler peers = new PeerMatcher.Compiler(index);
    for (Direction d : Direction.values()) {
      List<List<CompiledPolicy>> perPod = new ArrayList<>();
      for (int i = 0; i < index.podCount(); i++) {
        perPod.add(new ArrayList<>());
      }
      for (Policy p : program.policies()) {
        Optional<RuleBlock> block = p.block(d);
        if (block.isEmpty()) {
          continue;
        }
        BitSet subject = new BitSet();
        for (Peer s : p.subject().peers()) {
          subject.or(peers.selectedPods(p.namespace(), s));
        }
        if (subject.isEmpty()) {
          continue;
        }
        CompiledPolicy compiled = compile(p, block.get(), peers);
        for (int i = subject.nextSetBit(0); i >= 0; i = subject.nextSetBit(i + 1)) {
          perPod.get(i).add(compiled);
        }
      }
      CompiledPolicy[][] table = new CompiledPolicy[index.podCount()][];
      List<List<PolicyRef>> refs = new ArrayList<>();
      for (int i = 0; i < table.length; i++) {
        table[i] = perPod.get(i).toArray(new CompiledPolicy[0]);
        refs.add(perPod.get(i).stream().map(CompiledPolicy::ref).toList());
      }
      governing[d.ordinal()] = table;
      isolatedBy.add(refs);
    }
  }

  private static CompiledPolicy compile(Policy p, RuleBlock block, PeerMatcher.Compiler peers) {
    PolicyRef ref = new PolicyRef(p.name(), p.namespace(), p.span());
    List<CompiledRule> rules = new ArrayList<>();
    for (Rule r : block.rules()) {
      rules.add(new CompiledRule(
          new RuleRef(ref, r.action(), r.span()),
          r.action(),
          r.peers().stream().map(peer -> peers.compile(p.namespace(), peer)).toList(),
          r.ports().stream().map(PortMatcher::of).toList(),
          r.l7().map(L7Matcher::of)));
    }
    return new CompiledPolicy(ref, List.copyOf(rules));
  }

  /** The verdict for one flow. */
  public Verdict evaluate(Flow flow) {
    End source = index.resolve(flow.source());
    End destination = index.resolve(flow.destination());
    if (nodeLocal(source, destination)) {
      return new Verdict(
          source.isPod() ? Side.of(Direction.EGRESS, Reason.NODE_LOCAL, List.of())
              : Side.of(Direction.EGRESS, Reason.NOT_A_POD, List.of()),
          Side.of(Direction.INGRESS, Reason.NODE_LOCAL, List.of()));
    }
    return new Verdict(
        side(Direction.EGRESS, source, destination, flow, destination),
        side(Direction.INGRESS, destination, source, flow, destination));
  }

  /** Rule 7: a pod talking to itself, or the node a pod runs on opening a connection to that pod. */
  private static boolean nodeLocal(End source, End destination) {
    if (!destination.isPod()) {
      return false;
    }
    if (source.isPod()) {
      return source.podIndex() == destination.podIndex();
    }
    return source.kind() == End.Kind.NODE && source.node().name().equals(destination.pod().node());
  }

  /**
   * One side (rule 2): unpoliced unless a pod isolated in this direction; there a matching deny of any
   * governing policy refuses (rule 3); else some matching allow must accept the request (rule 4).
   */
  private Side side(Direction d, End self, End other, Flow flow, End destination) {
    if (!self.isPod()) {
      return Side.of(d, Reason.NOT_A_POD, List.of());
    }
    CompiledPolicy[] policies = governing[d.ordinal()][self.podIndex()];
    List<PolicyRef> isolating = isolatedBy.get(d.ordinal()).get(self.podIndex());
    if (policies.length == 0) {
      return Side.of(d, Reason.NOT_ISOLATED, isolating);
    }
    RuleRef allowed = null;
    RuleRef refused = null;
    for (CompiledPolicy p : policies) {
      for (CompiledRule r : p.rules()) {
        if (!matchesL4(r, self, other, flow, destination)) {
          continue;
        }
        if (r.action() == Action.DENY) {
          if (requestMatches(r, flow)) {
            return Side.of(d, Reason.DENIED_BY_RULE, r.ref(), isolating);
          }
        } else if (allowed == null) {
          if (requestMatches(r, flow)) {
            allowed = r.ref();
          } else if (refused == null) {
            refused = r.ref();
          }
        }
      }
    }
    if (allowed != null) {
      return Side.of(d, Reason.ALLOWED_BY_RULE, allowed, isolating);
    }
    if (refused != null) {
      return Side.of(d, Reason.REFUSED_AT_L7, refused, isolating);
    }
    return Side.of(d, Reason.NO_RULE_MATCHED, isolating);
  }

  /** A rule without L7 block matches every request; one with a block, a request one alternative matches. */
  private static boolean requestMatches(CompiledRule r, Flow flow) {
    return r.l7().isEmpty() || r.l7().get().matches(flow);
  }

  private static boolean matchesL4(CompiledRule r, End self, End other, Flow flow, End destination) {
    boolean peer = false;
    for (PeerMatcher m : r.peers()) {
      if (m.matches(other, self)) {
        peer = true;
        break;
      }
    }
    if (!peer) {
      return false;
    }
    if (r.ports().isEmpty()) {
      return true;
    }
    for (PortMatcher m : r.ports()) {
      if (m.matches(flow, destination)) {
        return true;
      }
    }
    return false;
  }
}

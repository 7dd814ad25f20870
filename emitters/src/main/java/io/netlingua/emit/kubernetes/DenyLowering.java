package io.netlingua.emit.kubernetes;

import io.netlingua.diagnostics.Outcome;
import io.netlingua.emit.internal.Work;
import io.netlingua.emit.lowering.AddressBlock;
import io.netlingua.emit.lowering.ClusterAddresses;
import io.netlingua.emit.lowering.DenyFolding;
import io.netlingua.emit.lowering.LoweredRule;
import io.netlingua.emit.lowering.PodSet;
import io.netlingua.emit.lowering.PodSetIndex;
import io.netlingua.emit.lowering.RuleSet;
import io.netlingua.emit.lowering.Use;
import io.netlingua.emit.spi.Degradations;
import io.netlingua.model.Action;
import io.netlingua.model.CidrPeer;
import io.netlingua.model.Direction;
import io.netlingua.model.Entity;
import io.netlingua.model.EntityPeer;
import io.netlingua.model.FqdnPeer;
import io.netlingua.model.LabelSelector;
import io.netlingua.model.NamespaceScope;
import io.netlingua.model.Peer;
import io.netlingua.model.PodPeer;
import io.netlingua.model.Policy;
import io.netlingua.model.Port;
import io.netlingua.model.Rule;
import io.netlingua.model.RuleBlock;
import io.netlingua.model.ServiceAccountPeer;
import io.netlingua.model.ServicePeer;
import io.netlingua.targets.Feature;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Deny rules on Kubernetes, which has none: "There is no explicit deny, the policies are additive"
 * (Kubernetes documentation, "What you can't do with network policies"). A deny of addresses is folded into
 * the {@code except} of every allow it cuts where {@link DenyFolding} finds that exact; every other deny is
 * left out and reported wider.
 */
final class DenyLowering {
  private static final String TARGET = "kubernetes: ";
  private static final String HINT = "compile for a target with deny rules, or cut the addresses out of the allow"
      + " rules with except";

  private final Degradations degradations;
  private final ClusterAddresses addresses;
  private final RuleLowering rules;

  DenyLowering(Degradations degradations, ClusterAddresses addresses, RuleLowering rules) {
    this.degradations = degradations;
    this.addresses = addresses;
    this.rules = rules;
  }

  /**
   * Folds every deny rule of the program, in source order, into the objects; returns the objects. Each deny
   * visits only the objects of its own policy and the objects an index finds may govern the same pods, so the
   * cost grows with the program, not with its square.
   */
  List<Unit> fold(List<Policy> policies, List<Unit> units) {
    List<Unit> out = new ArrayList<>(units);
    // By identity: the units hold the very policies of the program, and a policy's deep equals is costly.
    Map<Policy, List<Integer>> byPolicy = new IdentityHashMap<>();
    Map<Direction, PodSetIndex> byPods = new EnumMap<>(Direction.class);
    for (Direction d : Direction.values()) {
      byPods.put(d, new PodSetIndex());
    }
    for (int i = 0; i < out.size(); i++) {
      Unit u = out.get(i);
      byPolicy.computeIfAbsent(u.policy(), p -> new ArrayList<>()).add(i);
      for (Direction d : u.blocks().keySet()) {
        byPods.get(d).add(i, u.governs());
      }
    }
    Work.current().add(Work.Step.UNITS, out.size());
    for (Policy policy : policies) {
      List<PodSet> subject =
          byPolicy.getOrDefault(policy, List.of()).stream().map(i -> out.get(i).governs()).toList();
      for (Direction d : Direction.values()) {
        for (Rule rule : policy.block(d).map(RuleBlock::rules).orElse(List.of())) {
          if (rule.action() == Action.DENY) {
            if (rule.log()) {
              rules.reportLog(rule, d);
            }
            if (!subject.isEmpty()) {
              deny(policy, rule, d, subject, out, byPods.get(d));
            }
          }
        }
      }
    }
    return out;
  }

  /** Folds one deny into {@code units}, in place: only the objects {@code byPods} finds for its subject. */
  private void deny(
      Policy policy, Rule rule, Direction d, List<PodSet> subject, List<Unit> units, PodSetIndex byPods) {
    Optional<Direction> dir = Optional.of(d);
    List<AddressBlock> deniedAddresses = new ArrayList<>();
    List<PodSet> deniedPods = new ArrayList<>();
    List<String> unfoldable = new ArrayList<>();
    List<Use<Peer>> uses = Use.peers(rule.peerTerms());
    for (Use<Peer> use : uses) {
      use.value().accept(
          new Peer.Visitor<Void>() {
            @Override
            public Void pods(PodPeer p) {
              deniedPods.add(PodSet.of(policy, p));
              return null;
            }

            @Override
            public Void serviceAccount(ServiceAccountPeer p) {
              // Its pods are not known by label: every pod of its namespace stands for them (may match).
              NamespaceScope scope = p.namespace().map(NamespaceScope::named).orElse(NamespaceScope.POLICY);
              deniedPods.add(PodSet.scoped(policy, scope, LabelSelector.ALL));
              return null;
            }

            @Override
            public Void service(ServicePeer p) {
              // A Service without a selector may stand for any address: no allow can be said not to see it.
              unfoldable.add("service '" + p.name() + "'");
              return null;
            }

            @Override
            public Void cidr(CidrPeer p) {
              addresses.cidr(p, use.span()).ifPresent(deniedAddresses::add);
              return null;
            }

            @Override
            public Void fqdn(FqdnPeer p) {
              unfoldable.add("fqdn '" + p.pattern() + "'");
              return null;
            }

            @Override
            public Void entity(EntityPeer p) {
              // A switch expression over the enum: a new entity does not compile until it is handled here.
              return switch (p.entity()) {
                case WORLD -> {
                  deniedAddresses.addAll(addresses.world(use.span()));
                  yield null;
                }
                case ANY -> {
                  deniedAddresses.addAll(ClusterAddresses.everyAddress());
                  deniedPods.add(new PodSet(LabelSelector.ALL, LabelSelector.ALL));
                  yield null;
                }
                case CLUSTER -> {
                  // Its pods; its nodes only an allow of every peer matches, and that one sees the pods too.
                  deniedPods.add(new PodSet(LabelSelector.ALL, LabelSelector.ALL));
                  yield null;
                }
                case HOST -> {
                  degradations.report(
                      Feature.ENTITY_HOST, Outcome.WIDER, use.span(), dir,
                      TARGET + "host is left out of the deny rule: the platform always allows traffic between a"
                          + " pod and its own node (wider)",
                      "compile for a target that can deny the node");
                  yield null;
                }
                case NODES, KUBE_APISERVER -> {
                  unfoldable.add(p.entity().keyword());
                  yield null;
                }
              };
            }
          });
    }
    if (!unfoldable.isEmpty()) {
      degradations.report(
          Feature.DENY, Outcome.WIDER, rule.span(), dir,
          TARGET + "the deny rule is left out: a NetworkPolicy has no deny, and " + unfoldable.get(0)
              + " may be matched by allows that no except can cut (wider)",
          HINT);
      return;
    }
    if (uses.stream().allMatch(u -> u.value() instanceof EntityPeer e && e.entity() == Entity.HOST)) {
      return;
    }
    // The objects that may govern the same pods, in object order (so that the first blocking allow named in the
    // report does not depend on the index); DenyFolding asks each whether it really does.
    int[] index =
        subject.stream().flatMapToInt(s -> Arrays.stream(byPods.mayOverlap(s))).sorted().distinct().toArray();
    List<RuleSet> sets = new ArrayList<>(index.length);
    long ruleCount = 0;
    for (int i : index) {
      Unit u = units.get(i);
      List<LoweredRule> allows = u.blocks().get(d);
      sets.add(new RuleSet(u.governs(), d, allows));
      ruleCount += allows.size();
    }
    Work work = Work.current();
    work.add(Work.Step.INDEX_ENTRIES, index.length);
    work.add(Work.Step.RULES, ruleCount);
    Optional<List<Port>> ports = rule.allPorts() ? Optional.empty() : Optional.of(rule.ports());
    DenyFolding.Result result =
        DenyFolding.fold(subject, new DenyFolding.Denied(deniedAddresses, deniedPods), ports, sets);
    switch (result.verdict()) {
      case FOLDED -> degradations.report(
          Feature.DENY, Outcome.EXACT, rule.span(), dir,
          TARGET + "the deny rule is folded into the except of " + result.cut() + " allow rule"
              + (result.cut() == 1 ? "" : "s") + " that may match its addresses (exact)",
          null);
      case IMPLIED -> degradations.report(
          Feature.DENY, Outcome.EXACT, rule.span(), dir,
          TARGET + "the deny rule needs no object: no allow rule that may apply to the same pods matches its"
              + " peers on its ports, and the policy isolates its pods (exact)",
          null);
      case NOT_EXACT -> degradations.report(
          Feature.DENY, Outcome.WIDER, rule.span(), dir,
          TARGET + "the deny rule is left out: the allow rule at " + result.blocking().orElseThrow().location()
              + " may match the same flows and " + result.obstacle().orElseThrow().description() + " (wider)",
          HINT);
    }
    for (int k = 0; k < index.length; k++) {
      units.set(index[k], units.get(index[k]).with(d, result.allows().get(k).rules()));
    }
  }
}

package io.netlingua.emit.kubernetes;

import io.netlingua.diagnostics.Code;
import io.netlingua.diagnostics.Outcome;
import io.netlingua.emit.internal.Work;
import io.netlingua.emit.lowering.ClusterAddresses;
import io.netlingua.emit.lowering.LoweredRule;
import io.netlingua.emit.lowering.Use;
import io.netlingua.emit.spi.Degradations;
import io.netlingua.emit.spi.PlannedDocument;
import io.netlingua.emit.spi.TargetEmitter;
import io.netlingua.model.Action;
import io.netlingua.model.Direction;
import io.netlingua.model.NamespaceScope;
import io.netlingua.model.Peer;
import io.netlingua.model.PodPeer;
import io.netlingua.model.Policy;
import io.netlingua.model.Program;
import io.netlingua.model.Rule;
import io.netlingua.model.RuleBlock;
import io.netlingua.targets.Feature;
import io.netlingua.targets.Options;
import io.netlingua.targets.Target;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Lowers a program to Kubernetes {@code networking.k8s.io/v1} NetworkPolicy objects (SEMANTICS.md section 3):
 * one object per policy and namespace, or per subject entry when the subject is a union (one podSelector
 * cannot say "or", and the allows of several objects add up while each isolates its own pods: Kubernetes
 * documentation, "Isolated and non-isolated pods",
 * kubernetes.io/docs/concepts/services-networking/network-policies/). Deny rules are folded into the {@code
 * except} of the allows they cut where that is exact ({@link DenyLowering}).
 */
public final class KubernetesEmitter implements TargetEmitter {

  @Override
  public Target target() {
    return Target.KUBERNETES;
  }

  @Override
  public List<PlannedDocument> emit(Program program, Options options, Degradations degradations) {
    List<Policy> policies = program.policies();
    if (policies.isEmpty()) {
      return List.of();
    }
    degradations.info(
        Code.NODE_LOCAL_TRAFFIC, policies.get(0).span(),
        "kubernetes: traffic between a pod and its own node is always allowed, whatever the policies say"
            + " (Kubernetes documentation, \"What you can't do with network policies\")");
    ClusterAddresses addresses = new ClusterAddresses(options);
    RuleLowering rules = new RuleLowering(degradations, addresses);
    List<Unit> units = new ArrayList<>();
    for (Policy policy : policies) {
      Map<Direction, List<LoweredRule>> blocks = new EnumMap<>(Direction.class);
      for (Direction d : Direction.values()) {
        policy.block(d).ifPresent(b -> blocks.put(d, allows(policy, d, b, rules)));
      }
      units.addAll(units(policy, blocks, options, degradations));
    }
    Work.current().add(Work.Step.UNITS, units.size());
    units = new DenyLowering(degradations, addresses, rules).fold(policies, units);
    addresses.report(degradations, target().id());
    CniReadings.report(units, options, degradations);
    policies.stream()
        .filter(p -> expandsIntoNamespaces(p) && !options.namespaces().isEmpty())
        .findFirst()
        .ifPresent(first -> degradations.info(
            Code.CLUSTER_FACT, first.span(),
            "kubernetes: cluster policies are expanded into the namespaces "
                + String.join(", ", options.namespaces())
                + " (stated with --namespaces); a namespace not named there gets none of them"));
    return units.stream().map(unit -> NetworkPolicies.document(unit, options)).toList();
  }

  private static List<LoweredRule> allows(
      Policy policy, Direction direction, RuleBlock block, RuleLowering rules) {
    List<LoweredRule> out = new ArrayList<>();
    for (Rule rule : block.rules()) {
      if (rule.action() == Action.ALLOW) {
        rules.allow(policy, direction, rule).ifPresent(out::add);
      }
    }
    return out;
  }

  /**
   * The objects of a policy: one per subject entry (named {@code NAME-1}, {@code NAME-2}, ... in entry order
   * when there are several) in the policy's namespace. A cluster policy's entry {@code in namespace X} goes
   * to X; an entry of every namespace goes to each namespace the run names (without any: impossible, since a
   * NetworkPolicy is namespaced and "There is no cluster-wide default policy": Kubernetes documentation,
   * "What you can't do with network policies"); an entry of namespaces chosen by label cannot be placed at
   * all.
   */
  private static List<Unit> units(
      Policy policy, Map<Direction, List<LoweredRule>> blocks, Options options, Degradations degradations) {
    // With use sites: a subject written as a let is reported at the select that uses it, not inside the let.
    List<Use<Peer>> entries = Use.peers(policy.subject().terms());
    if (expandsIntoNamespaces(policy) && options.namespaces().isEmpty()) {
      degradations.report(
          Feature.CLUSTER_SCOPE, Outcome.IMPOSSIBLE, policy.span(), Optional.empty(),
          "kubernetes: cluster policy '" + policy.name() + "' cannot be expressed: a NetworkPolicy applies to the"
              + " pods of its own namespace only, and the run names no namespaces to expand it into (impossible)",
          "name the namespaces to expand cluster policies into with --namespaces");
      return List.of();
    }
    List<Unit> out = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      PodPeer entry = subjectEntry(entries.get(i).value());
      String name = entries.size() == 1 ? policy.name() : policy.name() + "-" + (i + 1);
      NamespaceScope scope = entry.namespaces();
      List<String> namespaces;
      if (policy.namespace().isPresent()) {
        namespaces = List.of(policy.namespace().get());
      } else if (scope instanceof NamespaceScope.Named named) {
        namespaces = List.of(named.name());
      } else if (scope instanceof NamespaceScope.Selected) {
        degradations.report(
            Feature.CLUSTER_SCOPE, Outcome.IMPOSSIBLE, entries.get(i).span(), Optional.empty(),
            "kubernetes: a subject in namespaces chosen by label cannot be expressed: a NetworkPolicy is written"
                + " into a named namespace (impossible)",
            "name the namespaces with pods(...) in namespace NAME, one subject entry each");
        continue;
      } else {
        namespaces = options.namespaces();
      }
      for (String namespace : namespaces) {
        out.add(new Unit(policy, namespace, name, entry.pods(), blocks));
      }
    }
    return out;
  }

  /** Whether a policy has a subject entry of every namespace: a cluster policy's unscoped or any one. */
  private static boolean expandsIntoNamespaces(Policy policy) {
    return policy.isClusterWide()
        && policy.subject().peers().stream()
            .map(KubernetesEmitter::subjectEntry)
            .anyMatch(e -> e.namespaces() instanceof NamespaceScope.PolicyNamespace
                || e.namespaces() instanceof NamespaceScope.AnyNamespace);
  }

  private static PodPeer subjectEntry(Peer peer) {
    if (peer instanceof PodPeer pods) {
      return pods;
    }
    throw new IllegalStateException("the checker admits only pods in select, got " + peer);
  }
}

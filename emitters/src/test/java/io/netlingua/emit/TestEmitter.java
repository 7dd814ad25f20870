package io.netlingua.emit;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.netlingua.diagnostics.Code;
import io.netlingua.diagnostics.Outcome;
import io.netlingua.emit.spi.Degradations;
import io.netlingua.emit.spi.PlannedDocument;
import io.netlingua.emit.spi.TargetEmitter;
import io.netlingua.model.Direction;
import io.netlingua.model.Policy;
import io.netlingua.model.Program;
import io.netlingua.model.Rule;
import io.netlingua.model.SourceSpan;
import io.netlingua.targets.Feature;
import io.netlingua.targets.Options;
import io.netlingua.targets.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A stand-in for the Kubernetes emitter in pipeline tests: each policy becomes the NetworkPolicies a function
 * builds; each rule with an L7 block is reported narrower (left out), as the Kubernetes table allows; the
 * node-local rule is stated once.
 */
final class TestEmitter implements TargetEmitter {
  private final Function<Policy, List<NetworkPolicy>> lower;

  TestEmitter(Function<Policy, List<NetworkPolicy>> lower) {
    this.lower = lower;
  }

  /** One valid NetworkPolicy per policy, named and namespaced as the policy. */
  static TestEmitter valid() {
    return new TestEmitter(p -> List.of(NetworkPolicies.api(p.namespace().orElseThrow(), p.name())));
  }

  @Override
  public Target target() {
    return Target.KUBERNETES;
  }

  @Override
  public List<PlannedDocument> emit(Program program, Options options, Degradations degradations) {
    degradations.info(
        Code.NODE_LOCAL_TRAFFIC, SourceSpan.NONE,
        "kubernetes: traffic between a pod and its own node is always allowed");
    List<PlannedDocument> documents = new ArrayList<>();
    for (Policy policy : program.policies()) {
      for (Direction direction : Direction.values()) {
        for (Rule rule : policy.block(direction).map(b -> b.rules()).orElse(List.of())) {
          if (rule.l7().isPresent()) {
            degradations.report(
                Feature.L7_HTTP, Outcome.NARROWER, rule.span(), Optional.of(direction),
                "kubernetes: HTTP rules cannot be expressed: the rule is left out",
                "compile for cilium, which enforces HTTP rules");
          }
        }
      }
      for (NetworkPolicy object : lower.apply(policy)) {
        documents.add(PlannedDocument.of(NetworkPolicies.document(object, policy.span())));
      }
    }
    return documents;
  }
}

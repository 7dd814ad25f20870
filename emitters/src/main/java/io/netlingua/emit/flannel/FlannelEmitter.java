package io.netlingua.emit.flannel;

import io.netlingua.diagnostics.Outcome;
import io.netlingua.emit.spi.Degradations;
import io.netlingua.emit.spi.PlannedDocument;
import io.netlingua.emit.spi.TargetEmitter;
import io.netlingua.model.Policy;
import io.netlingua.model.Program;
import io.netlingua.targets.Feature;
import io.netlingua.targets.Options;
import io.netlingua.targets.Target;
import java.util.List;
import java.util.Optional;

/**
 * Flannel implements the pod network only and enforces no network policy ("Flannel is focused on networking. For
 * network policy, other projects such as Calico can be used.": flannel-io/flannel README). A policy applied there
 * is accepted and has no effect, so every policy is impossible, in every mode, and nothing is emitted.
 */
public final class FlannelEmitter implements TargetEmitter {

  @Override
  public Target target() {
    return Target.FLANNEL;
  }

  @Override
  public List<PlannedDocument> emit(Program program, Options options, Degradations degradations) {
    for (Policy policy : program.policies()) {
      String what = policy.isClusterWide()
          ? "cluster policy '" + policy.name() + "'"
          : "policy '" + policy.name() + "' (namespace " + policy.namespace().orElseThrow() + ")";
      degradations.report(
          Feature.POLICY_ENFORCEMENT, Outcome.IMPOSSIBLE, policy.span(), Optional.empty(),
          "flannel: " + what + " cannot be enforced: Flannel enforces no network policy",
          "run Canal (Flannel networking with Calico policy) or another policy engine, and compile for it");
    }
    return List.of();
  }
}

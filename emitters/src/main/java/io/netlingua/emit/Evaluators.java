package io.netlingua.emit;

import io.netlingua.emit.calico.CalicoEvaluator;
import io.netlingua.emit.cilium.CiliumEvaluator;
import io.netlingua.emit.kubernetes.KubernetesEvaluator;
import io.netlingua.emit.spi.TargetEvaluator;
import io.netlingua.targets.Target;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The evaluators of emitted objects, one per target that has one: the registry beside {@link Emitters}. A target
 * without an evaluator enforces nothing that could be judged (Flannel), or has none yet.
 */
public final class Evaluators {
  /**
   * The targets that have an evaluator, in declaration order. Listing them creates no evaluator: the Cilium and
   * Calico evaluators hold a Jackson mapper each, which only judging their objects needs.
   */
  private static final List<Target> TARGETS = List.of(Target.KUBERNETES, Target.CILIUM, Target.CALICO);

  /** The evaluators created so far, each by the first call for its target. */
  private static final Map<Target, TargetEvaluator> EVALUATORS = new ConcurrentHashMap<>();

  private Evaluators() {}

  /** The targets that have an evaluator, in declaration order. */
  public static List<Target> targets() {
    return TARGETS;
  }

  /** The evaluator of a target's objects, if the target has one. */
  public static Optional<TargetEvaluator> forTarget(Target target) {
    if (!TARGETS.contains(target)) {
      return Optional.empty();
    }
    return Optional.of(EVALUATORS.computeIfAbsent(target, Evaluators::create));
  }

  /** A new evaluator for one of {@link #TARGETS}; {@code EvaluatorsTest} checks that each is for its own target. */
  private static TargetEvaluator create(Target target) {
    return switch (target) {
      case KUBERNETES -> new KubernetesEvaluator();
      case CILIUM -> new CiliumEvaluator();
      case CALICO -> new CalicoEvaluator();
      default -> throw new IllegalArgumentException("no evaluator for target " + target.id());
    };
  }
}

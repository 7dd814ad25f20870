package io.netlingua.emit;

import io.netlingua.emit.calico.CalicoEvaluator;
import io.netlingua.emit.cilium.CiliumEvaluator;
import io.netlingua.emit.kubernetes.KubernetesEvaluator;
import io.netlingua.emit.spi.TargetEvaluator;
import io.netlingua.targets.Target;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The evaluators of emitted objects, one per target that has one: the registry beside {@link Emitters}. A target
 * without an evaluator enforces nothing that could be judged (Flannel), or has none yet.
 */
public final class Evaluators {
  private static final Map<Target, TargetEvaluator> EVALUATORS = new EnumMap<>(Target.class);

  static {
    for (TargetEvaluator e : List.<TargetEvaluator>of(
        new KubernetesEvaluator(), new CiliumEvaluator(), new CalicoEvaluator())) {
      EVALUATORS.put(e.target(), e);
    }
  }

  private Evaluators() {}

  /** The targets that have an evaluator, in declaration order. */
  public static List<Target> targets() {
    return List.copyOf(EVALUATORS.keySet());
  }

  /** The evaluator of a target's objects, if the target has one. */
  public static Optional<TargetEvaluator> forTarget(Target target) {
    return Optional.ofNullable(EVALUATORS.get(target));
  }
}

package io.netlingua.emit;

import static org.assertj.core.api.Assertions.assertThat;

import io.netlingua.targets.Target;
import org.junit.jupiter.api.Test;

/** The registry of target evaluators: one per target that can be judged, each for its own target. */
class EvaluatorsTest {

  @Test
  void kubernetesCiliumAndCalicoHaveAnEvaluatorAndFlannelNone() {
    assertThat(Evaluators.targets()).containsExactly(Target.KUBERNETES, Target.CILIUM, Target.CALICO);
    for (Target t : Evaluators.targets()) {
      assertThat(Evaluators.forTarget(t)).hasValueSatisfying(e -> assertThat(e.target()).isEqualTo(t));
    }
    assertThat(Evaluators.forTarget(Target.FLANNEL)).isEmpty();
  }

  @Test
  void everyTargetWithAnEvaluatorHasAnEmitter() {
    assertThat(Emitters.targets()).containsAll(Evaluators.targets());
  }
}

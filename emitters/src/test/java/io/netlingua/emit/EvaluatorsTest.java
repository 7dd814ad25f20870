package io.netlingua.emit;

import static org.assertj.core.api.Assertions.assertThat;

import io.netlingua.targets.Target;
import org.junit.jupiter.api.Test;

/** The registry of target evaluators: one per target that can be judged, each for its own target. */
class EvaluatorsTest {

  @Test
  void kubernetesHasAnEvaluatorAndFlannelNone() {
    assertThat(Evaluators.targets()).containsExactly(Target.KUBERNETES);
    assertThat(Evaluators.forTarget(Target.KUBERNETES)).hasValueSatisfying(
        e -> assertThat(e.target()).isEqualTo(Target.KUBERNETES));
    assertThat(Evaluators.forTarget(Target.FLANNEL)).isEmpty();
  }

  @Test
  void everyTargetWithAnEvaluatorHasAnEmitter() {
    assertThat(Emitters.targets()).containsAll(Evaluators.targets());
  }
}

package io.netlingua.emit.lowering;

import static org.assertj.core.api.Assertions.assertThat;

import io.netlingua.emit.lowering.SelectorForm.Expression;
import io.netlingua.model.LabelSelector;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes LabelSelector form: matchLabels ANDed with matchExpressions of In, NotIn, Exists and
 * DoesNotExist (Kubernetes documentation, "Labels and Selectors", "Resources that support set-based
 * requirements": kubernetes.io/docs/concepts/overview/working-with-objects/labels/).
 */
class SelectorFormTest {

  @Test
  void equalitiesAreSortedMatchLabels() {
    SelectorForm f = SelectorForm.of(LabelSelector.builder().equal("tier", "api").equal("app", "web").build());
    assertThat(f.matchLabels()).containsExactly(Map.entry("app", "web"), Map.entry("tier", "api"));
    assertThat(f.matchExpressions()).isEmpty();
  }

  @Test
  void theOtherOperatorsAreExpressionsInWrittenOrderWithSortedValues() {
    SelectorForm f = SelectorForm.of(LabelSelector.builder()
        .notEqual("env", "prod").in("zone", "b", "a").notIn("team", "y", "x").exists("canary")
        .doesNotExist("legacy").build());
    assertThat(f.matchExpressions()).containsExactly(
        new Expression("env", "NotIn", List.of("prod")), new Expression("zone", "In", List.of("a", "b")),
        new Expression("team", "NotIn", List.of("x", "y")), new Expression("canary", "Exists", List.of()),
        new Expression("legacy", "DoesNotExist", List.of()));
  }

  /** A map holds one value per key: a second, different equality on a key becomes In, and matches nothing. */
  @Test
  void aSecondEqualityOnAKeyBecomesIn() {
    SelectorForm f = SelectorForm.of(
        LabelSelector.builder().equal("app", "a").equal("app", "b").equal("app", "a").build());
    assertThat(f.matchLabels()).containsExactly(Map.entry("app", "a"));
    assertThat(f.matchExpressions()).containsExactly(new Expression("app", "In", List.of("b")));
  }
}

package io.netlingua.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The operators mean what Kubernetes says: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/
 * ("!=" and "notin" also select resources that do not have the label at all).
 */
class LabelSelectorTest {
  private static final Map<String, String> WEB = Map.of("app", "web", "tier", "front");
  private static final Map<String, String> BARE = Map.of();

  @Test
  void everyOperator() {
    assertThat(LabelSelector.builder().equal("app", "web").build().matches(WEB)).isTrue();
    assertThat(LabelSelector.builder().equal("app", "web").build().matches(BARE)).isFalse();
    assertThat(LabelSelector.builder().notEqual("app", "db").build().matches(WEB)).isTrue();
    assertThat(LabelSelector.builder().notEqual("app", "db").build().matches(BARE)).isTrue();
    assertThat(LabelSelector.builder().notEqual("app", "web").build().matches(WEB)).isFalse();
    assertThat(LabelSelector.builder().in("tier", "front", "back").build().matches(WEB)).isTrue();
    assertThat(LabelSelector.builder().in("tier", "front").build().matches(BARE)).isFalse();
    assertThat(LabelSelector.builder().notIn("tier", "back").build().matches(WEB)).isTrue();
    assertThat(LabelSelector.builder().notIn("tier", "back").build().matches(BARE)).isTrue();
    assertThat(LabelSelector.builder().notIn("tier", "front").build().matches(WEB)).isFalse();
    assertThat(LabelSelector.builder().exists("app").build().matches(WEB)).isTrue();
    assertThat(LabelSelector.builder().exists("app").build().matches(BARE)).isFalse();
    assertThat(LabelSelector.builder().doesNotExist("app").build().matches(BARE)).isTrue();
    assertThat(LabelSelector.builder().doesNotExist("app").build().matches(WEB)).isFalse();
  }

  @Test
  void requirementsAreJoinedByAnd() {
    LabelSelector s = LabelSelector.builder().equal("app", "web").equal("tier", "back").build();
    assertThat(s.matches(WEB)).isFalse();
    assertThat(LabelSelector.ALL.matches(BARE)).isTrue();
    assertThat(LabelSelector.ALL.selectsAll()).isTrue();
  }

  @Test
  void operatorArityIsEnforced() {
    assertThatThrownBy(
            () -> new LabelRequirement("a", LabelRequirement.Operator.IN, List.of(), SourceSpan.NONE))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> new LabelRequirement("a", LabelRequirement.Operator.EXISTS, List.of("x"), SourceSpan.NONE))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

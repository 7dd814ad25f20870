package io.netlingua.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The check of a run's target options against the keys a target declares, on declared lists of the tests' own (no
 * target of this release declares a key).
 */
class TargetOptionTest {
  private static final TargetOption DEFAULT_DENY = TargetOption.oneOf(
      "default-deny", "whether selected pods are isolated", "true", List.of("true", "false"));
  private static final TargetOption TIER = TargetOption.matching(
      "tier", "the tier policies are written into", "default", "a DNS-1123 label",
      v -> v.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?"));
  private static final List<TargetOption> DECLARED = List.of(DEFAULT_DENY, TIER);

  @Test
  void declaredKeysWithValuesTheyTakePass() {
    assertThatCode(() -> TargetOption.check("t", DECLARED, Map.of("default-deny", "false", "tier", "platform")))
        .doesNotThrowAnyException();
    assertThatCode(() -> TargetOption.check("t", DECLARED, Map.of())).doesNotThrowAnyException();
    assertThatCode(() -> TargetOption.check("t", List.of(), Map.of())).doesNotThrowAnyException();
  }

  @Test
  void anUnknownKeyNamesTheValidKeys() {
    assertThatThrownBy(() -> TargetOption.check("cilium", DECLARED, Map.of("default-denny", "true")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cilium has no target option 'default-denny' (valid keys: default-deny, tier)");
  }

  @Test
  void aTargetWithoutKeysSaysItTakesNone() {
    assertThatThrownBy(() -> TargetOption.check("kubernetes", List.of(), Map.of("tier", "x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("kubernetes takes no target options (got 'tier')");
  }

  @Test
  void aValueTheKeyDoesNotTakeNamesTheValuesItTakes() {
    assertThatThrownBy(() -> TargetOption.check("cilium", DECLARED, Map.of("default-deny", "yes")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cilium target option 'default-deny' takes one of: true, false, not 'yes'");
    assertThatThrownBy(() -> TargetOption.check("calico", DECLARED, Map.of("tier", "Platform")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("calico target option 'tier' takes a DNS-1123 label, not 'Platform'");
  }

  @Test
  void theFirstKeyInKeyOrderIsTheOneNamed() {
    assertThatThrownBy(() -> TargetOption.check("t", DECLARED, Map.of("tier", "Bad", "default-deny", "maybe")))
        .hasMessageContaining("'default-deny'");
  }

  @Test
  void theValueInForceIsTheGivenOneOrTheDefault() {
    assertThat(TargetOption.valueIn("t", DECLARED, Map.of("tier", "platform"), "tier")).isEqualTo("platform");
    assertThat(TargetOption.valueIn("t", DECLARED, Map.of("tier", "platform"), "default-deny")).isEqualTo("true");
    assertThatThrownBy(() -> TargetOption.valueIn("t", DECLARED, Map.of(), "order"))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("t declares no target option 'order'");
  }

  @Test
  void anOptionDescribesItself() {
    assertThat(DEFAULT_DENY.key()).isEqualTo("default-deny");
    assertThat(DEFAULT_DENY.description()).isEqualTo("whether selected pods are isolated");
    assertThat(DEFAULT_DENY.defaultValue()).isEqualTo("true");
    assertThat(DEFAULT_DENY.values()).containsExactly("true", "false");
    assertThat(DEFAULT_DENY.expected()).isEqualTo("one of: true, false");
    assertThat(DEFAULT_DENY).hasToString("default-deny=true");
    assertThat(TIER.values()).isEmpty();
    assertThat(TIER.expected()).isEqualTo("a DNS-1123 label");
    assertThat(TIER.accepts("platform")).isTrue();
    assertThat(TIER.accepts(null)).isFalse();
  }

  @Test
  void aDeclarationThatCannotBeIsRefused() {
    assertThatThrownBy(() -> TargetOption.oneOf("Default_Deny", "d", "true", List.of("true")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'Default_Deny' is not a target option key");
    assertThatThrownBy(() -> TargetOption.oneOf("default-deny", "d", "yes", List.of("true", "false")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the default 'yes' of target option 'default-deny' is not one of: true, false");
    assertThatThrownBy(() -> TargetOption.oneOf("default-deny", "d", "true", List.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("takes no value");
    assertThatThrownBy(() -> TargetOption.matching("tier", "d", "", "a DNS-1123 label", v -> !v.isEmpty()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not a DNS-1123 label");
  }

  @Test
  void aKeyIsLowerCaseWordsJoinedByDashes() {
    assertThat(TargetOption.isKey("tier")).isTrue();
    assertThat(TargetOption.isKey("enable-default-deny")).isTrue();
    assertThat(TargetOption.isKey("ipv6")).isTrue();
    assertThat(TargetOption.isKey("Tier")).isFalse();
    assertThat(TargetOption.isKey("-tier")).isFalse();
    assertThat(TargetOption.isKey("tier-")).isFalse();
    assertThat(TargetOption.isKey("a--b")).isFalse();
    assertThat(TargetOption.isKey("a=b")).isFalse();
    assertThat(TargetOption.isKey("")).isFalse();
  }
}

package io.netlingua.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netlingua.model.Cidr;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OptionsTest {

  @Test
  void defaultsAreStrictWithTheTargetsVersionAndNoFacts() {
    Options o = Options.defaults();
    assertThat(o.mode()).isEqualTo(Mode.STRICT);
    assertThat(o.versionFor(Target.KUBERNETES)).isEqualTo("1.35");
    assertThat(o.clusterCidrs()).isEmpty();
    assertThat(o.namespaces()).isEmpty();
    assertThat(o.knowsClusterCidrs()).isFalse();
    assertThat(o.targetOptions()).isEmpty();
  }

  @Test
  void eachWithReturnsACopy() {
    Options base = Options.defaults();
    Options changed = base.mode(Mode.FAIL_CLOSED).targetVersion("1.24").namespaces("a", "b");
    assertThat(base).isEqualTo(Options.defaults());
    assertThat(changed.mode()).isEqualTo(Mode.FAIL_CLOSED);
    assertThat(changed.versionFor(Target.KUBERNETES)).isEqualTo("1.24");
    assertThat(changed.namespaces()).containsExactly("a", "b");
  }

  @Test
  void worldIsExactOnlyWhenPodServiceAndNodeCidrsAreAllStated() {
    Options two = Options.defaults().podCidrs("10.244.0.0/16").serviceCidrs("10.96.0.0/12");
    assertThat(two.knowsClusterCidrs()).isFalse();
    Options three = two.nodeCidrs("192.168.0.0/24", "fd00::/64");
    assertThat(three.knowsClusterCidrs()).isTrue();
    assertThat(three.clusterCidrs()).containsExactly(
        Cidr.parse("10.244.0.0/16"), Cidr.parse("10.96.0.0/12"), Cidr.parse("192.168.0.0/24"),
        Cidr.parse("fd00::/64"));
  }

  @Test
  void aCidrMustBeValidAndCanonical() {
    assertThatThrownBy(() -> Options.defaults().podCidrs("10.244.0.1/16"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("host bits set");
    assertThatThrownBy(() -> Options.defaults().nodeCidrs("nodes"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** The Java API refuses a namespace Kubernetes would reject, as the language does (NL2027). */
  @Test
  void aNamespaceMustBeADns1123Label() {
    assertThatThrownBy(() -> Options.defaults().namespaces("shop", "Web"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'Web' is not a namespace name");
    assertThat(Options.defaults().namespaces("shop", "shop-data").namespaces()).containsExactly("shop", "shop-data");
  }

  @Test
  void targetOptionReturnsACopySortedByKeyThatReplacesAnEarlierValue() {
    Options base = Options.defaults();
    Options changed = base.targetOption("tier", "platform").targetOption("default-deny", "false")
        .targetOption("tier", "security");
    assertThat(base.targetOptions()).isEmpty();
    assertThat(changed.targetOptions())
        .containsExactly(Map.entry("default-deny", "false"), Map.entry("tier", "security"));
    assertThat(changed.mode(Mode.BEST_EFFORT).targetVersion("1.30").targetOptions())
        .as("the other copies keep them").isEqualTo(changed.targetOptions());
    assertThat(changed)
        .isEqualTo(Options.defaults().targetOption("default-deny", "false").targetOption("tier", "security"));
  }

  @Test
  void theTargetOptionsCannotBeChangedInPlace() {
    Map<String, String> given = new HashMap<>(Map.of("tier", "a"));
    Options o = new Options(Mode.STRICT, Optional.empty(), List.of(), List.of(), List.of(), List.of(), given);
    given.put("tier", "b");
    assertThat(o.targetOptions()).containsExactly(Map.entry("tier", "a"));
    assertThatThrownBy(() -> o.targetOptions().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void theConstructorOfTheComponentsBeforeTargetOptionsStillCompilesAndGivesNone() {
    Options o = new Options(Mode.FAIL_CLOSED, Optional.of("1.24"), List.of(), List.of(), List.of(), List.of("shop"));
    assertThat(o.targetOptions()).isEmpty();
    assertThat(o).isEqualTo(Options.defaults().mode(Mode.FAIL_CLOSED).targetVersion("1.24").namespaces("shop"));
  }

  @Test
  void aTargetOptionKeyIsLowerCaseWordsJoinedByDashesAndHasAValue() {
    assertThatThrownBy(() -> Options.defaults().targetOption("Tier", "x"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'Tier' is not a target option key");
    assertThatThrownBy(() -> Options.defaults().targetOption("tier", null)).isInstanceOf(NullPointerException.class);
  }

  /** The form of a version is checked whatever the target; its range once the target is known. */
  @Test
  void aTargetVersionIsDottedNumbers() {
    assertThatThrownBy(() -> Options.defaults().targetVersion("latest"))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("'latest' is not a version such as 1.35 or 1.29.4");
    assertThatThrownBy(() -> Options.defaults().targetVersion("v1.30")).isInstanceOf(IllegalArgumentException.class);
    assertThat(Options.defaults().targetVersion("1.29.4").versionFor(Target.KUBERNETES)).isEqualTo("1.29.4");
  }

  @Test
  void checkForRefusesAVersionOutsideTheTargetsRangeAndKeysItDoesNotDeclare() {
    Options.defaults().checkFor(Target.KUBERNETES);
    Options.defaults().targetVersion("1.21").checkFor(Target.KUBERNETES);
    Options.defaults().targetVersion("1.35.1").checkFor(Target.KUBERNETES);
    Options.defaults().targetVersion("0.1").checkFor(Target.FLANNEL);
    assertThatThrownBy(() -> Options.defaults().targetVersion("1.20").checkFor(Target.KUBERNETES))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1.21 to 1.35");
    assertThatThrownBy(() -> Options.defaults().targetVersion("1.36").checkFor(Target.KUBERNETES))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1.21 to 1.35");
    assertThatThrownBy(() -> Options.defaults().targetOption("tier", "x").checkFor(Target.FLANNEL))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("flannel takes no target options (got 'tier')");
  }

  @Test
  void targetOptionForRefusesAKeyTheTargetDoesNotDeclare() {
    assertThatThrownBy(() -> Options.defaults().targetOptionFor(Target.KUBERNETES, "tier"))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("kubernetes declares no target option 'tier'");
  }
}

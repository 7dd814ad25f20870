package io.netlingua.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netlingua.model.Cidr;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
  void aSourceBaseNamesFilesBelowItRelativelyAndLeavesOthersAlone(@TempDir Path dir) {
    Options o = Options.defaults().sourceBase(dir);
    assertThat(o.sourceName(dir.resolve("src/main/netlingua/shop/web.npl").toString()))
        .isEqualTo("src/main/netlingua/shop/web.npl");
    Path elsewhere = dir.resolveSibling("other-project").resolve("web.npl");
    assertThat(o.sourceName(elsewhere.toString())).isEqualTo(elsewhere.toString());
    // A folder whose name starts like the base is not below it.
    Path sibling = dir.resolveSibling(dir.getFileName() + "-2").resolve("web.npl");
    assertThat(o.sourceName(sibling.toString())).isEqualTo(sibling.toString());
    // Without a base, and for the base's other settings, the name is as given.
    assertThat(Options.defaults().sourceName("policies/web.npl")).isEqualTo("policies/web.npl");
    assertThat(o.mode(Mode.FAIL_CLOSED).podCidrs("10.244.0.0/16").sourceBase()).contains(dir.toAbsolutePath());
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

  // ------------------------------------------------------------------------ per-target versions and options

  /** What a build compiling for Cilium and Calico at once states. */
  private static Options ciliumAndCalico() {
    return Options.defaults()
        .targetVersion(Target.CILIUM, "1.17").targetOptions(Target.CILIUM, Map.of("allow-localhost", "policy"))
        .targetVersion(Target.CALICO, "3.31").targetOptions(Target.CALICO, Map.of("tier", "platform"));
  }

  @Test
  void aTargetsOwnVersionWinsOverTheRunWideOneForThatTargetOnly() {
    Options o = Options.defaults().targetVersion("1.30").targetVersion(Target.CILIUM, "1.17");
    assertThat(o.versionFor(Target.CILIUM)).isEqualTo("1.17");
    assertThat(o.versionFor(Target.KUBERNETES)).as("the run-wide one").isEqualTo("1.30");
    assertThat(Options.defaults().targetVersion(Target.CILIUM, "1.17").versionFor(Target.KUBERNETES))
        .as("the default").isEqualTo(Target.KUBERNETES.defaultVersion());
    assertThat(o.targetVersion()).contains("1.30");
    assertThat(o.targetVersions()).containsExactly(Map.entry(Target.CILIUM, "1.17"));
    assertThat(o.targetVersion(Target.CILIUM, "1.16").versionFor(Target.CILIUM)).as("replaced").isEqualTo("1.16");
    o.checkFor(Target.CILIUM);
    o.checkFor(Target.KUBERNETES);
    assertThatThrownBy(() -> Options.defaults().targetVersion(Target.CALICO, "latest"))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("'latest' is not a version such as 1.35 or 1.29.4");
  }

  @Test
  void aVersionOutsideATargetsRangeIsRefusedForThatTargetOnly() {
    Options o = Options.defaults().targetVersion(Target.CILIUM, "1.15").targetVersion(Target.CALICO, "3.31");
    assertThatThrownBy(() -> o.checkFor(Target.CILIUM))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("cilium 1.15 is not supported: the supported versions are 1.16 to 1.18");
    o.checkFor(Target.CALICO);
    o.checkFor(Target.KUBERNETES);
    o.checkFor(Target.FLANNEL);
    assertThat(Options.defaults().targetVersion("1.15").targetVersion(Target.CILIUM, "1.17").versionFor(Target.CILIUM))
        .as("a run-wide version the target's own replaces is not its version").isEqualTo("1.17");
    Options.defaults().targetVersion("1.15").targetVersion(Target.CILIUM, "1.17").checkFor(Target.CILIUM);
  }

  @Test
  void theOptionsOfTwoTargetsStandSideBySideAndReachOnlyTheirTarget() {
    Options o = ciliumAndCalico();
    o.checkFor(Target.CILIUM);
    o.checkFor(Target.CALICO);
    o.checkFor(Target.KUBERNETES);
    o.checkFor(Target.FLANNEL);
    assertThat(o.versionFor(Target.CILIUM)).isEqualTo("1.17");
    assertThat(o.versionFor(Target.CALICO)).isEqualTo("3.31");
    assertThat(o.targetOptionFor(Target.CILIUM, "allow-localhost")).isEqualTo("policy");
    assertThat(o.targetOptionFor(Target.CALICO, "tier")).isEqualTo("platform");
    assertThat(o.targetOptionFor(Target.CALICO, "staged")).as("a key not given keeps its default").isEqualTo("false");
    assertThat(o.targetOptionsFor(Target.CILIUM)).containsExactly(Map.entry("allow-localhost", "policy"));
    assertThat(o.targetOptionsFor(Target.CALICO)).containsExactly(Map.entry("tier", "platform"));
    assertThat(o.targetOptionsFor(Target.KUBERNETES)).isEmpty();
    assertThat(o.targetOptions()).as("no run-wide option").isEmpty();
  }

  @Test
  void aTargetsOwnOptionsWinKeyByKeyOverTheRunWideOnes() {
    Options o = Options.defaults().targetOption("tier", "platform").targetOption("staged", "true")
        .targetOptions(Target.CALICO, Map.of("tier", "security", "alp", "enabled"));
    assertThat(o.targetOptionsFor(Target.CALICO)).containsExactly(
        Map.entry("alp", "enabled"), Map.entry("staged", "true"), Map.entry("tier", "security"));
    assertThat(o.targetOptionFor(Target.CALICO, "tier")).isEqualTo("security");
    assertThat(o.targetOptions(Target.CALICO, Map.of()).targetOptionsFor(Target.CALICO))
        .as("an empty map removes the target's own").isEqualTo(o.targetOptions());
  }

  @Test
  void anUnknownKeyOfATargetIsRefusedNamingItsValidKeysAndOnlyForThatTarget() {
    Options o = ciliumAndCalico().targetOptions(Target.CILIUM, Map.of("tier", "platform"));
    assertThatThrownBy(() -> o.checkFor(Target.CILIUM))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cilium has no target option 'tier' (valid keys: allow-localhost)");
    o.checkFor(Target.CALICO);
    assertThatThrownBy(() -> Options.defaults().targetOptions(Target.KUBERNETES, Map.of("tier", "x"))
        .checkFor(Target.KUBERNETES))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("kubernetes takes no target options (got 'tier')");
    assertThatThrownBy(() -> ciliumAndCalico().targetOptions(Target.CALICO, Map.of("allow-localhost", "policy"))
        .checkFor(Target.CALICO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("calico has no target option 'allow-localhost' (valid keys: tier, tier-order, deny-order,"
            + " allow-order, alp, staged)");
    assertThatThrownBy(() -> Options.defaults().targetOptions(Target.CALICO, Map.of("Tier", "x")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'Tier' is not a target option key");
  }

  @Test
  void aValueATargetsVersionLacksIsCheckedAgainstThatTargetsOwnVersion() {
    Options staged = Options.defaults().targetVersion("3.31").targetOptions(Target.CALICO, Map.of("staged", "true"));
    staged.checkFor(Target.CALICO);
    assertThatThrownBy(() -> staged.targetVersion(Target.CALICO, "3.29").checkFor(Target.CALICO))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs Calico 3.30 or later");
  }

  @Test
  void optionsWithPerTargetEntriesAreAnImmutableValue() {
    Options a = ciliumAndCalico();
    Options b = Options.defaults()
        .targetOptions(Target.CALICO, Map.of("tier", "platform")).targetVersion(Target.CALICO, "3.31")
        .targetOptions(Target.CILIUM, Map.of("allow-localhost", "policy")).targetVersion(Target.CILIUM, "1.17");
    assertThat(a).as("whatever the order they were given in").isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a).isNotEqualTo(a.targetVersion(Target.CALICO, "3.30"));
    assertThat(a).isNotEqualTo(a.targetOptions(Target.CALICO, Map.of("tier", "security")));
    assertThat(a.targetOptions(Target.KUBERNETES, Map.of())).as("an empty map is no entry").isEqualTo(a);
    assertThat(a.mode(Mode.BEST_EFFORT).namespaces("shop").targetVersion("1.30").targetOption("x", "y")
        .targetOptionsFor(Target.CALICO)).as("the other copies keep them")
        .containsExactly(Map.entry("tier", "platform"), Map.entry("x", "y"));
    Map<String, String> given = new HashMap<>(Map.of("tier", "a"));
    Options o = Options.defaults().targetOptions(Target.CALICO, given);
    given.put("tier", "b");
    assertThat(o.targetOptionsFor(Target.CALICO)).containsExactly(Map.entry("tier", "a"));
    assertThatThrownBy(() -> o.optionsByTarget().put(Target.CILIUM, Map.of()))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> o.optionsByTarget().get(Target.CALICO).put("x", "y"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> o.targetVersions().put(Target.CILIUM, "1.17"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void theConstructorOfTheComponentsBeforePerTargetEntriesStillCompilesAndGivesNone() {
    Options o = new Options(
        Mode.STRICT, Optional.of("3.31"), List.of(), List.of(), List.of(), List.of(), Map.of("tier", "platform"));
    assertThat(o.targetVersions()).isEmpty();
    assertThat(o.optionsByTarget()).isEmpty();
    assertThat(o).isEqualTo(Options.defaults().targetVersion("3.31").targetOption("tier", "platform"));
  }
}

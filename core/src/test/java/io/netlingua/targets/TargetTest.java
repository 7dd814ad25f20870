package io.netlingua.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What each target declares: its range of versions and its target options. */
class TargetTest {

  @Test
  void kubernetesSupports121To135AndDefaultsToTheNewest() {
    assertThat(Target.KUBERNETES.versions()).isEqualTo(VersionRange.between("1.21", "1.35"));
    assertThat(Target.KUBERNETES.defaultVersion()).isEqualTo("1.35");
    assertThatCode(() -> Target.KUBERNETES.checkVersion("1.21")).doesNotThrowAnyException();
    assertThatCode(() -> Target.KUBERNETES.checkVersion("1.24")).doesNotThrowAnyException();
    assertThatCode(() -> Target.KUBERNETES.checkVersion("1.35.2")).doesNotThrowAnyException();
  }

  @Test
  void aKubernetesVersionJustOutsideEitherEndIsRefusedNamingTheRange() {
    assertThatThrownBy(() -> Target.KUBERNETES.checkVersion("1.20"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("kubernetes 1.20 is not supported: the supported versions are 1.21 to 1.35"
            + " (patch versions included)");
    assertThatThrownBy(() -> Target.KUBERNETES.checkVersion("1.36.0"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1.21 to 1.35");
  }

  @Test
  void flannelEnforcesNothingInAnyVersionSoEveryVersionIsAccepted() {
    assertThat(Target.FLANNEL.versions().isUnbounded()).isTrue();
    assertThat(Target.FLANNEL.defaultVersion()).isEqualTo("0.27");
    assertThatCode(() -> Target.FLANNEL.checkVersion("0.1")).doesNotThrowAnyException();
    assertThatCode(() -> Target.FLANNEL.checkVersion("1.0.4")).doesNotThrowAnyException();
  }

  @Test
  void aTextThatIsNotAVersionIsRefusedForEveryTarget() {
    for (Target t : Target.values()) {
      assertThatThrownBy(() -> t.checkVersion("latest"))
          .isInstanceOf(IllegalArgumentException.class).hasMessage("'latest' is not a version such as 1.35 or 1.29.4");
    }
  }

  @Test
  void kubernetesAndFlannelTakeNoTargetOptions() {
    for (Target t : List.of(Target.KUBERNETES, Target.FLANNEL)) {
      assertThat(t.options()).as(t.id()).isEmpty();
      assertThatCode(() -> t.checkOptions(Map.of())).doesNotThrowAnyException();
      assertThatThrownBy(() -> t.checkOptions(Map.of("tier", "x")))
          .isInstanceOf(IllegalArgumentException.class).hasMessage(t.id() + " takes no target options (got 'tier')");
    }
  }

  /** Cilium 1.16 to 1.18, and the agent's allow-localhost as its one option (auto, always, policy). */
  @Test
  void ciliumSupports116To118AndTakesAllowLocalhost() {
    assertThat(Target.CILIUM.versions()).isEqualTo(VersionRange.between("1.16", "1.18"));
    assertThatCode(() -> Target.CILIUM.checkVersion("1.18.3")).doesNotThrowAnyException();
    assertThatThrownBy(() -> Target.CILIUM.checkVersion("1.15")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1.16 to 1.18");
    assertThatThrownBy(() -> Target.CILIUM.checkVersion("1.19")).isInstanceOf(IllegalArgumentException.class);
    assertThat(Target.CILIUM.options()).extracting(TargetOption::key).containsExactly("allow-localhost");
    assertThatCode(() -> Target.CILIUM.checkOptions(Map.of("allow-localhost", "policy")))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> Target.CILIUM.checkOptions(Map.of("allow-localhost", "never")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("auto, always, policy");
    assertThatThrownBy(() -> Target.CILIUM.checkOptions(Map.of("tier", "x")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("allow-localhost");
  }

  @Test
  void everyTargetDeclaresDistinctKeys() {
    for (Target t : Target.values()) {
      assertThat(t.options()).extracting(TargetOption::key).as(t.id()).doesNotHaveDuplicates();
    }
  }

  /** Calico 3.29 (the first open-source release with tiers) to 3.32, patch versions included; 3.32 by default. */
  @Test
  void calicoSupports329To332AndDefaultsToTheNewest() {
    assertThat(Target.CALICO.versions()).isEqualTo(VersionRange.between("3.29", "3.32"));
    assertThat(Target.CALICO.defaultVersion()).isEqualTo("3.32");
    assertThatCode(() -> Target.CALICO.checkVersion("3.29.0")).doesNotThrowAnyException();
    assertThatCode(() -> Target.CALICO.checkVersion("3.32.1")).doesNotThrowAnyException();
    assertThatThrownBy(() -> Target.CALICO.checkVersion("3.28.2"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("calico 3.28.2 is not supported: the supported versions are 3.29 to 3.32 (patch versions included)");
    assertThatThrownBy(() -> Target.CALICO.checkVersion("3.33")).hasMessageContaining("3.29 to 3.32");
  }

  @Test
  void calicoDeclaresTierOrdersAlpAndStaged() {
    assertThat(Target.CALICO.options()).extracting(TargetOption::toString).containsExactly(
        "tier=default", "tier-order=100000", "deny-order=100", "allow-order=200", "alp=disabled", "staged=false");
    assertThatCode(() -> Target.CALICO.checkOptions(
        Map.of("tier", "platform", "tier-order", "2000", "deny-order", "10", "allow-order", "20.5", "alp", "enabled",
            "staged", "true"))).doesNotThrowAnyException();
  }

  @Test
  void aCalicoTierMustBeALabelThatIsNotOneOfCalicosOwn() {
    for (String tier : List.of("kube-admin", "kube-baseline", "adminnetworkpolicy", "calico-system", "Platform",
        "a.b", "-x")) {
      assertThatThrownBy(() -> Target.CALICO.checkOptions(Map.of("tier", tier)))
          .as(tier).isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("calico target option 'tier' takes a DNS-1123 label that is not one of Calico's");
    }
  }

  @Test
  void aDenyOrderedAtOrAfterTheAllowsIsAUsageError() {
    assertThatThrownBy(() -> Target.CALICO.checkOptions(Map.of("deny-order", "200")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("calico target option 'deny-order' (200) must be below 'allow-order' (200)");
    assertThatThrownBy(() -> Target.CALICO.checkOptions(Map.of("deny-order", "300", "allow-order", "250")))
        .hasMessageContaining("a deny ordered after an allow would not win");
  }

  @Test
  void inTheDefaultTierTheAllowsMustComeBeforeKubernetesNetworkPolicies() {
    assertThatThrownBy(() -> Target.CALICO.checkOptions(Map.of("allow-order", "1000")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("calico target option 'allow-order' (1000) must be below 1000 in the default tier");
    // In a tier of its own the program's policies come before the default tier whatever their order.
    assertThatCode(() -> Target.CALICO.checkOptions(Map.of("tier", "platform", "allow-order", "5000")))
        .doesNotThrowAnyException();
  }

  @Test
  void aTierOrderOutsideTheAdminAndDefaultTiersOrWithoutATierIsRefused() {
    for (String order : List.of("1000", "999", "1000000", "-5", "x")) {
      assertThatThrownBy(() -> Target.CALICO.checkOptions(Map.of("tier", "platform", "tier-order", order)))
          .as(order).hasMessageContaining("a number strictly between 1000 and 1000000");
    }
    assertThatThrownBy(() -> Target.CALICO.checkOptions(Map.of("tier-order", "5000")))
        .hasMessageStartingWith("calico target option 'tier-order' names the order of a Tier of its own");
  }

  @Test
  void stagedPoliciesNeedCalico330() {
    assertThatThrownBy(() -> Target.CALICO.checkOptions(Map.of("staged", "true"), "3.29.4"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("calico target option 'staged=true' needs Calico 3.30 or later: StagedGlobalNetworkPolicy does not"
            + " exist in 3.29.4");
    assertThatCode(() -> Target.CALICO.checkOptions(Map.of("staged", "true"), "3.30")).doesNotThrowAnyException();
    assertThatCode(() -> Target.CALICO.checkOptions(Map.of("staged", "false"), "3.29")).doesNotThrowAnyException();
  }
}

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
}

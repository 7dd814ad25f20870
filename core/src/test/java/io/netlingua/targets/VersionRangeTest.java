package io.netlingua.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class VersionRangeTest {

  /** The ranges of the targets of this release and of the Cilium and Calico targets that join next. */
  private static final VersionRange KUBERNETES = VersionRange.between("1.21", "1.35");
  private static final VersionRange CILIUM = VersionRange.between("1.16", "1.18");
  private static final VersionRange CALICO = VersionRange.between("3.29", "3.32");

  @Test
  void bothEndsAreInTheRangeAndTheNewestIsTheDefault() {
    assertThat(KUBERNETES.contains("1.21")).isTrue();
    assertThat(KUBERNETES.contains("1.35")).isTrue();
    assertThat(KUBERNETES.defaultVersion()).isEqualTo("1.35");
    assertThat(CILIUM.defaultVersion()).isEqualTo("1.18");
    assertThat(CALICO.defaultVersion()).isEqualTo("3.32");
  }

  @Test
  void aPatchVersionIsInTheRangeOfItsMinorRelease() {
    assertThat(CILIUM.contains("1.18.3")).isTrue();
    assertThat(CILIUM.contains("1.16.0")).isTrue();
    assertThat(KUBERNETES.contains("1.35.2")).isTrue();
    assertThat(CALICO.contains("3.32.1")).isTrue();
    assertThat(CALICO.contains("3.29.99")).isTrue();
  }

  @Test
  void aVersionJustOutsideEitherEndIsNot() {
    assertThat(KUBERNETES.contains("1.20")).isFalse();
    assertThat(KUBERNETES.contains("1.20.15")).isFalse();
    assertThat(KUBERNETES.contains("1.36")).isFalse();
    assertThat(KUBERNETES.contains("1.36.0")).isFalse();
    assertThat(CILIUM.contains("1.15.9")).isFalse();
    assertThat(CILIUM.contains("1.19")).isFalse();
    assertThat(CALICO.contains("3.28.4")).isFalse();
    assertThat(CALICO.contains("3.33")).isFalse();
  }

  @Test
  void numbersAreComparedAsNumbersNotAsText() {
    assertThat(KUBERNETES.contains("1.3")).isFalse();
    assertThat(KUBERNETES.contains("1.100")).isFalse();
    assertThat(VersionRange.between("1.9", "1.10").contains("1.10.1")).isTrue();
    assertThat(KUBERNETES.contains("2.25")).isFalse();
    assertThat(KUBERNETES.contains("1")).isFalse();
  }

  @Test
  void aTextThatIsNotAVersionIsInNoRange() {
    assertThat(KUBERNETES.contains("v1.30")).isFalse();
    assertThat(VersionRange.any("0.27").contains("latest")).isFalse();
  }

  @Test
  void anUnboundedRangeHoldsEveryVersionAndKeepsItsDefault() {
    VersionRange any = VersionRange.any("0.27");
    assertThat(any.isUnbounded()).isTrue();
    assertThat(any.contains("0.1")).isTrue();
    assertThat(any.contains("99.0.1")).isTrue();
    assertThat(any.defaultVersion()).isEqualTo("0.27");
    assertThat(any).hasToString("any version");
    assertThat(KUBERNETES.isUnbounded()).isFalse();
    assertThat(KUBERNETES).hasToString("1.21 to 1.35");
  }

  @Test
  void aRangeThatCannotBeIsRefused() {
    assertThatThrownBy(() -> VersionRange.between("1.35", "1.21"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("after the newest");
    assertThatThrownBy(() -> VersionRange.between("1.21.0", "1.35"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MAJOR.MINOR, not '1.21.0'");
    assertThatThrownBy(() -> new VersionRange(Optional.of("1.21"), Optional.empty(), "1.21"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("both ends or neither");
    assertThatThrownBy(() -> new VersionRange(Optional.of("1.21"), Optional.of("1.35"), "1.36"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside 1.21 to 1.35");
    assertThatThrownBy(() -> VersionRange.any("latest"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'latest' is not a version");
  }

  @Test
  void aDefaultInsideTheRangeMayBeAPatchVersion() {
    assertThat(new VersionRange(Optional.of("1.21"), Optional.of("1.35"), "1.35.2").contains("1.35.2")).isTrue();
  }
}

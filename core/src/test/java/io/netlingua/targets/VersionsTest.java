package io.netlingua.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class VersionsTest {

  @Test
  void comparesComponentByComponentNotAsText() {
    assertThat(Versions.atLeast("1.25", "1.25")).isTrue();
    assertThat(Versions.atLeast("1.35", "1.25")).isTrue();
    assertThat(Versions.atLeast("1.100", "1.25")).isTrue();
    assertThat(Versions.atLeast("1.9", "1.25")).isFalse();
    assertThat(Versions.atLeast("2.0", "1.25")).isTrue();
    assertThat(Versions.atLeast("0.99", "1.25")).isFalse();
  }

  @Test
  void missingComponentsCountAsZero() {
    assertThat(Versions.atLeast("1.25", "1.25.0")).isTrue();
    assertThat(Versions.atLeast("1.25.0", "1.25")).isTrue();
    assertThat(Versions.atLeast("1.25", "1.25.1")).isFalse();
    assertThat(Versions.atLeast("1", "1.25")).isFalse();
  }

  @Test
  void aSuffixAfterTheDigitsIsIgnoredAndNonNumericComponentsCountAsZero() {
    assertThat(Versions.atLeast("1.25.0-rc.1", "1.25")).isTrue();
    assertThat(Versions.atLeast("1.25rc1", "1.25")).isTrue();
    assertThat(Versions.atLeast("v1.30", "1.25")).isFalse();
    assertThat(Versions.atLeast("latest", "0")).isTrue();
  }

  @Test
  void hugeComponentsDoNotOverflow() {
    assertThat(Versions.atLeast("1.99999999999999999999", "1.25")).isTrue();
  }

  @Test
  void aVersionIsOneToThreeDottedNumbers() {
    assertThat(Versions.isVersion("1")).isTrue();
    assertThat(Versions.isVersion("1.35")).isTrue();
    assertThat(Versions.isVersion("1.35.2")).isTrue();
    assertThat(Versions.isVersion("1.35.2.1")).isFalse();
    assertThat(Versions.isVersion("v1.35")).isFalse();
    assertThat(Versions.isVersion("1.35.0-rc.1")).isFalse();
    assertThat(Versions.isVersion("1..35")).isFalse();
    assertThat(Versions.isVersion("latest")).isFalse();
    assertThat(Versions.isVersion("")).isFalse();
    assertThat(Versions.requireVersion("1.29.4")).isEqualTo("1.29.4");
    assertThatThrownBy(() -> Versions.requireVersion("v1.29"))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("'v1.29' is not a version such as 1.35 or 1.29.4");
  }

  @Test
  void comparingTheMajorAndMinorNumbersOnlyMakesAPatchEqualToItsMinorRelease() {
    assertThat(Versions.compare("1.18.3", "1.18", 2)).isZero();
    assertThat(Versions.compare("1.18", "1.18.3", 2)).isZero();
    assertThat(Versions.compare("1.18.3", "1.18", 3)).isPositive();
    assertThat(Versions.compare("1.9", "1.18", 2)).isNegative();
    assertThat(Versions.compare("2", "1.99", 2)).isPositive();
  }
}

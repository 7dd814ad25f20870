package io.netlingua.targets;

import static org.assertj.core.api.Assertions.assertThat;

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
}

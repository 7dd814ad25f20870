package io.netlingua.targets;

import static org.assertj.core.api.Assertions.assertThat;

import io.netlingua.diagnostics.Outcome;
import io.netlingua.diagnostics.Severity;
import org.junit.jupiter.api.Test;

/** The table of SEMANTICS.md section 2: what a degradation becomes in each mode. */
class ModeTest {

  @Test
  void strictMakesEveryDegradationAnError() {
    assertThat(Mode.STRICT.severity(Feature.DENY, Outcome.NARROWER)).isEqualTo(Severity.ERROR);
    assertThat(Mode.STRICT.severity(Feature.DENY, Outcome.WIDER)).isEqualTo(Severity.ERROR);
    assertThat(Mode.STRICT.severity(Feature.DENY, Outcome.IMPOSSIBLE)).isEqualTo(Severity.ERROR);
  }

  @Test
  void failClosedAcceptsNarrowerOnly() {
    assertThat(Mode.FAIL_CLOSED.severity(Feature.L7_HTTP, Outcome.NARROWER)).isEqualTo(Severity.WARNING);
    assertThat(Mode.FAIL_CLOSED.severity(Feature.L7_HTTP, Outcome.WIDER)).isEqualTo(Severity.ERROR);
    assertThat(Mode.FAIL_CLOSED.severity(Feature.L7_HTTP, Outcome.IMPOSSIBLE)).isEqualTo(Severity.ERROR);
  }

  @Test
  void bestEffortAcceptsNarrowerAndWiderButNeverImpossible() {
    assertThat(Mode.BEST_EFFORT.severity(Feature.ENTITY_WORLD, Outcome.NARROWER)).isEqualTo(Severity.WARNING);
    assertThat(Mode.BEST_EFFORT.severity(Feature.ENTITY_WORLD, Outcome.WIDER)).isEqualTo(Severity.WARNING);
    assertThat(Mode.BEST_EFFORT.severity(Feature.CLUSTER_SCOPE, Outcome.IMPOSSIBLE)).isEqualTo(Severity.ERROR);
  }

  @Test
  void anExactTranslationIsOnlyInformation() {
    for (Mode mode : Mode.values()) {
      assertThat(mode.severity(Feature.CIDR, Outcome.EXACT)).as(mode.id()).isEqualTo(Severity.INFO);
    }
  }

  @Test
  void logChangesNoVerdictSoItIsAWarningInEveryModeUnlessImpossible() {
    for (Mode mode : Mode.values()) {
      for (Outcome outcome : new Outcome[] {Outcome.EXACT, Outcome.NARROWER, Outcome.WIDER}) {
        assertThat(mode.severity(Feature.LOG, outcome)).as("%s %s", mode.id(), outcome.label())
            .isEqualTo(Severity.WARNING);
      }
      assertThat(mode.severity(Feature.LOG, Outcome.IMPOSSIBLE)).isEqualTo(Severity.ERROR);
    }
  }

  @Test
  void onlyBestEffortTakesTheWiderWayOut() {
    assertThat(Mode.STRICT.prefersWider()).isFalse();
    assertThat(Mode.FAIL_CLOSED.prefersWider()).isFalse();
    assertThat(Mode.BEST_EFFORT.prefersWider()).isTrue();
  }

  @Test
  void idsAreTheCommandLineNamesAndReadBack() {
    assertThat(Mode.STRICT.id()).isEqualTo("strict");
    assertThat(Mode.FAIL_CLOSED.id()).isEqualTo("fail-closed");
    assertThat(Mode.BEST_EFFORT.id()).isEqualTo("best-effort");
    for (Mode mode : Mode.values()) {
      assertThat(Mode.byId(mode.id())).contains(mode);
    }
    assertThat(Mode.byId("FAIL_CLOSED")).isEmpty();
    assertThat(Mode.byId("")).isEmpty();
  }
}

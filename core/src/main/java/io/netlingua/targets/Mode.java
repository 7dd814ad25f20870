package io.netlingua.targets;

import io.netlingua.diagnostics.Outcome;
import io.netlingua.diagnostics.Severity;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What a degradation becomes (SEMANTICS.md section 2). An error for a target means nothing is written for it.
 *
 * <pre>
 * mode          narrower                    wider                     impossible
 * strict        error                       error                     error
 * fail-closed   warning, emitted narrower   error                     error
 * best-effort   warning                     warning, emitted wider    error
 * </pre>
 */
public enum Mode {
  STRICT,
  FAIL_CLOSED,
  BEST_EFFORT;

  /** The name on the command line: {@code strict}, {@code fail-closed}, {@code best-effort}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The mode with that id, if any. */
  public static Optional<Mode> byId(String id) {
    return Arrays.stream(values()).filter(m -> m.id().equals(id)).findFirst();
  }

  /** The severity of a degradation of a feature with this outcome. */
  public Severity severity(Feature feature, Outcome outcome) {
    if (feature.verdictNeutral() && outcome != Outcome.IMPOSSIBLE) {
      return Severity.WARNING;
    }
    if (outcome == Outcome.EXACT) {
      return Severity.INFO;
    }
    switch (outcome) {
      case NARROWER:
        return this == STRICT ? Severity.ERROR : Severity.WARNING;
      case WIDER:
        return this == BEST_EFFORT ? Severity.WARNING : Severity.ERROR;
      default:
        return Severity.ERROR;
    }
  }

  /**
   * Where a construct can be left out two ways (an L7 block: drop the whole rule, narrower; or drop only the L7
   * restriction, wider), whether this mode takes the wider way: only best-effort, which trades safety for
   * connectivity and says so.
   */
  public boolean prefersWider() {
    return this == BEST_EFFORT;
  }
}

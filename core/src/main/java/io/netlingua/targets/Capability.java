package io.netlingua.targets;

import io.netlingua.diagnostics.Outcome;
import java.util.List;
import java.util.Objects;

/**
 * How one target translates one feature: the outcomes it can give, each with when it gives it.
 *
 * @param feature the feature
 * @param translations the possible outcomes in order of preference, each with its condition
 */
public record Capability(Feature feature, List<Translation> translations) {

  /**
   * One way the feature is translated.
   *
   * @param outcome exact, narrower, wider or impossible
   * @param when when this happens and what is emitted, in a few words
   */
  public record Translation(Outcome outcome, String when) {
    public Translation {
      Objects.requireNonNull(outcome, "outcome");
      Objects.requireNonNull(when, "when");
    }
  }

  public Capability {
    Objects.requireNonNull(feature, "feature");
    translations = List.copyOf(translations);
    if (translations.isEmpty()) {
      throw new IllegalArgumentException("a capability needs at least one translation");
    }
  }

  /** Whether the target can give this outcome for the feature. */
  public boolean allows(Outcome outcome) {
    return translations.stream().anyMatch(t -> t.outcome() == outcome);
  }

  /** Whether every translation is exact. */
  public boolean isExact() {
    return translations.stream().allMatch(t -> t.outcome() == Outcome.EXACT);
  }

  /** The matrix cell: {@code exact}, or {@code wider (no cluster CIDRs given); exact (cluster CIDRs given)}. */
  public String summary() {
    if (isExact() && translations.size() == 1 && translations.get(0).when().isEmpty()) {
      return "exact";
    }
    StringBuilder s = new StringBuilder();
    for (Translation t : translations) {
      if (s.length() > 0) {
        s.append("; ");
      }
      s.append(t.outcome().label());
      if (!t.when().isEmpty()) {
        s.append(" (").append(t.when()).append(')');
      }
    }
    return s.toString();
  }
}

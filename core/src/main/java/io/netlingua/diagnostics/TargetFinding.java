package io.netlingua.diagnostics;

import io.netlingua.model.Direction;
import java.util.Objects;
import java.util.Optional;

/**
 * What a target-capability diagnostic ({@code NL3xxx}) is about: which target, which feature, what the translation
 * became, and in which direction.
 *
 * @param target the target's id ({@code kubernetes}, {@code flannel}, ...)
 * @param feature the feature's id ({@code l7-http}, {@code deny}, ...)
 * @param outcome what the translation of the construct became
 * @param direction the direction of the rule concerned, when there is one
 */
public record TargetFinding(String target, String feature, Outcome outcome, Optional<Direction> direction) {
  public TargetFinding {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(feature, "feature");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(direction, "direction");
  }
}

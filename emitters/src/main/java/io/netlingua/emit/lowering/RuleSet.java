package io.netlingua.emit.lowering;

import io.netlingua.model.Direction;
import java.util.List;
import java.util.Objects;

/**
 * The lowered allow rules of one direction of one emitted object, with the pods the object governs.
 *
 * @param governs the pods the object applies to
 * @param direction the direction of the rules
 * @param rules the rules, in source order
 */
public record RuleSet(PodSet governs, Direction direction, List<LoweredRule> rules) {
  public RuleSet {
    Objects.requireNonNull(governs, "governs");
    Objects.requireNonNull(direction, "direction");
    rules = List.copyOf(rules);
  }

  /** The same set with other rules. */
  public RuleSet withRules(List<LoweredRule> newRules) {
    return new RuleSet(governs, direction, newRules);
  }
}

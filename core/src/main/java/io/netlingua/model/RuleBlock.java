package io.netlingua.model;

import java.util.List;
import java.util.Objects;

/**
 * An {@code ingress { ... }} or {@code egress { ... }} block. Its presence isolates the governed pods in that
 * direction, even when it holds no rule.
 *
 * @param rules the rules in the order written
 * @param span where the block was written
 */
public record RuleBlock(List<Rule> rules, SourceSpan span) {
  public RuleBlock {
    rules = List.copyOf(rules);
    Objects.requireNonNull(span, "span");
  }

  public static RuleBlock of(Rule... rules) {
    return new RuleBlock(List.of(rules), SourceSpan.NONE);
  }
}

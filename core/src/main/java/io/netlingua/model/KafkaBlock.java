package io.netlingua.model;

import java.util.List;
import java.util.Objects;

/**
 * An L7 block of {@code kafka} alternatives.
 *
 * @param rules the alternatives, at least one
 * @param span where the block was written
 */
public record KafkaBlock(List<KafkaRule> rules, SourceSpan span) implements L7Block {
  public KafkaBlock {
    rules = List.copyOf(rules);
    if (rules.isEmpty()) {
      throw new IllegalArgumentException("an L7 block needs at least one alternative");
    }
    Objects.requireNonNull(span, "span");
  }

  public static KafkaBlock of(KafkaRule... rules) {
    return new KafkaBlock(List.of(rules), SourceSpan.NONE);
  }

  @Override
  public String keyword() {
    return "kafka";
  }

  @Override
  public <R> R accept(Visitor<R> visitor) {
    return visitor.kafka(this);
  }
}

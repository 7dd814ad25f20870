package io.netlingua.model;

import java.util.List;
import java.util.Objects;

/**
 * An L7 block of {@code dns} alternatives.
 *
 * @param rules the alternatives, at least one
 * @param span where the block was written
 */
public record DnsBlock(List<DnsRule> rules, SourceSpan span) implements L7Block {
  public DnsBlock {
    rules = List.copyOf(rules);
    if (rules.isEmpty()) {
      throw new IllegalArgumentException("an L7 block needs at least one alternative");
    }
    Objects.requireNonNull(span, "span");
  }

  public static DnsBlock of(DnsRule... rules) {
    return new DnsBlock(List.of(rules), SourceSpan.NONE);
  }

  @Override
  public String keyword() {
    return "dns";
  }

  @Override
  public <R> R accept(Visitor<R> visitor) {
    return visitor.dns(this);
  }
}

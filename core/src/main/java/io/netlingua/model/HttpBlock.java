package io.netlingua.model;

import java.util.List;
import java.util.Objects;

/**
 * An L7 block of {@code http} alternatives.
 *
 * @param rules the alternatives, at least one
 * @param span where the block was written
 */
public record HttpBlock(List<HttpRule> rules, SourceSpan span) implements L7Block {
  public HttpBlock {
    rules = List.copyOf(rules);
    if (rules.isEmpty()) {
      throw new IllegalArgumentException("an L7 block needs at least one alternative");
    }
    Objects.requireNonNull(span, "span");
  }

  public static HttpBlock of(HttpRule... rules) {
    return new HttpBlock(List.of(rules), SourceSpan.NONE);
  }

  @Override
  public String keyword() {
    return "http";
  }

  @Override
  public <R> R accept(Visitor<R> visitor) {
    return visitor.http(this);
  }
}

package io.netlingua.model;

import java.util.List;
import java.util.Objects;

/**
 * An L7 block of {@code grpc} alternatives.
 *
 * @param rules the alternatives, at least one
 * @param span where the block was written
 */
public record GrpcBlock(List<GrpcRule> rules, SourceSpan span) implements L7Block {
  public GrpcBlock {
    rules = List.copyOf(rules);
    if (rules.isEmpty()) {
      throw new IllegalArgumentException("an L7 block needs at least one alternative");
    }
    Objects.requireNonNull(span, "span");
  }

  public static GrpcBlock of(GrpcRule... rules) {
    return new GrpcBlock(List.of(rules), SourceSpan.NONE);
  }

  @Override
  public String keyword() {
    return "grpc";
  }

  @Override
  public <R> R accept(Visitor<R> visitor) {
    return visitor.grpc(this);
  }
}

package io.netlingua;

import io.netlingua.eval.Flow;
import io.netlingua.model.SourceSpan;
import java.util.Objects;
import java.util.Optional;

/**
 * A flow of a flow file, with the verdict the file expects for it, if it says one.
 *
 * @param flow the flow
 * @param expect the expected verdict: {@code true} for allow, {@code false} for deny
 * @param span where the flow is written in its file
 */
public record ExpectedFlow(Flow flow, Optional<Boolean> expect, SourceSpan span) {
  /** Requires every part. */
  public ExpectedFlow {
    Objects.requireNonNull(flow, "flow");
    Objects.requireNonNull(expect, "expect");
    Objects.requireNonNull(span, "span");
  }

  /** Whether the file expects a verdict other than {@code allowed}. */
  public boolean contradicts(boolean allowed) {
    return expect.filter(e -> e != allowed).isPresent();
  }
}

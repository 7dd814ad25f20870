package io.netlingua.dsl;

import io.netlingua.model.SourceSpan;
import java.util.Objects;

/**
 * A comment of a source file, kept so that {@code netlingua format} does not lose it.
 *
 * @param text the comment as written, marker included ({@code # ...} or {@code // ...}), without the line end
 * @param span where it was written
 * @param ownLine whether nothing but white space precedes it on its line
 */
public record Comment(String text, SourceSpan span, boolean ownLine) {
  public Comment {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(span, "span");
  }
}

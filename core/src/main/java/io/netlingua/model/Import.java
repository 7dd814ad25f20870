package io.netlingua.model;

import java.util.Objects;

/**
 * {@code import "relative/path.npl"}: makes the {@code let}s of that file visible.
 *
 * @param path the path as written, relative to the importing file
 * @param span where the import was written
 */
public record Import(String path, SourceSpan span) {
  public Import {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(span, "span");
  }
}

package io.netlingua.diagnostics;

import java.util.Optional;

/** The text of the files a program was read from, so that diagnostics can quote their source lines. */
@FunctionalInterface
public interface SourceText {

  /** No text: diagnostics are rendered without a source line. */
  SourceText NONE = (file, line) -> Optional.empty();

  /** The text of one line (1-based) of a file, without its line terminator, if known. */
  Optional<String> line(String file, int line);
}

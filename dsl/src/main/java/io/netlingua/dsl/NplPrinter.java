package io.netlingua.dsl;

import io.netlingua.dsl.internal.printer.CanonicalPrinter;
import io.netlingua.model.PolicyFile;
import java.util.List;

/**
 * Writes a file of the model as canonical {@code .npl} text, the form {@code netlingua format} prints.
 *
 * <p>The canonical form is described in {@code docs/format.md}. For a valid model the output parses back to an
 * equal model (source spans aside), and printing is idempotent: printing what was parsed from printed text gives
 * the same text again.
 */
public final class NplPrinter {
  private NplPrinter() {}

  /** The canonical text of a file, without comments. */
  public static String print(PolicyFile file) {
    return print(file, List.of());
  }

  /**
   * The canonical text of a file with its comments (those {@link ParseResult#comments()} holds for this file).
   * Each comment is printed before the element that follows it in the source; an end-of-line comment stays at
   * the end of the line of the element it followed. No comment is lost.
   */
  public static String print(PolicyFile file, List<Comment> comments) {
    return CanonicalPrinter.print(file, comments);
  }
}

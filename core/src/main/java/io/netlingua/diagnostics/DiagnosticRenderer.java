package io.netlingua.diagnostics;

import java.util.Collection;

/**
 * Renders diagnostics as compilers do, the one rendering used everywhere (CLI, build logs, golden files):
 *
 * <pre>
 * shop.npl:12:5: error[NL2001]: unknown name 'frontnd'
 *    12 |     allow from frontnd on tcp/8080
 *       |                ^
 *    = hint: did you mean 'frontend'?
 * </pre>
 */
public final class DiagnosticRenderer {
  private final SourceText sources;

  public DiagnosticRenderer(SourceText sources) {
    this.sources = sources;
  }

  /** Renders one diagnostic, ending with a line break. */
  public String render(Diagnostic d) {
    StringBuilder out = new StringBuilder();
    out.append(d).append('\n');
    sources
        .line(d.span().file(), d.span().line())
        .ifPresent(
            text -> {
              String number = Integer.toString(d.span().line());
              String gutter = " ".repeat(Math.max(0, 5 - number.length()));
              out.append(gutter).append(number).append(" | ").append(text).append('\n');
              out.append(" ".repeat(Math.max(5, number.length()) + 1)).append("| ");
              out.append(caretIndent(text, d.span().column())).append('^');
              int width = caretWidth(d);
              if (width > 1) {
                out.append("~".repeat(width - 1));
              }
              out.append('\n');
            });
    d.hint().ifPresent(h -> out.append("    = hint: ").append(h).append('\n'));
    return out.toString();
  }

  /** Renders diagnostics in order, then a summary line such as {@code 2 errors, 1 warning}. */
  public String renderAll(Collection<Diagnostic> diagnostics) {
    StringBuilder out = new StringBuilder();
    diagnostics.stream().sorted().forEach(d -> out.append(render(d)));
    return out.toString();
  }

  /** {@code 2 errors, 1 warning}; empty when there is nothing. */
  public static String summary(Collection<Diagnostic> diagnostics) {
    long errors = diagnostics.stream().filter(d -> d.severity() == Severity.ERROR).count();
    long warnings = diagnostics.stream().filter(d -> d.severity() == Severity.WARNING).count();
    StringBuilder s = new StringBuilder();
    if (errors > 0) {
      s.append(errors).append(errors == 1 ? " error" : " errors");
    }
    if (warnings > 0) {
      s.append(s.length() > 0 ? ", " : "").append(warnings).append(warnings == 1 ? " warning" : " warnings");
    }
    return s.toString();
  }

  /** Spaces up to a code-point column, keeping tabs so that the caret lines up in a terminal. */
  private static String caretIndent(String text, int column) {
    StringBuilder pad = new StringBuilder();
    int cp = 1;
    for (int i = 0; i < text.length() && cp < column; cp++) {
      int c = text.codePointAt(i);
      pad.append(c == '\t' ? '\t' : ' ');
      i += Character.charCount(c);
    }
    return pad.toString();
  }

  private static int caretWidth(Diagnostic d) {
    if (d.span().endLine() != d.span().line()) {
      return 1;
    }
    return Math.max(1, Math.min(80, d.span().endColumn() - d.span().column()));
  }
}

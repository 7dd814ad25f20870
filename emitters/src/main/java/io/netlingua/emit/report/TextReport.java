package io.netlingua.emit.report;

import io.netlingua.diagnostics.Diagnostic;
import io.netlingua.diagnostics.DiagnosticRenderer;
import io.netlingua.diagnostics.Severity;
import io.netlingua.diagnostics.SourceText;
import io.netlingua.emit.CompileReport;
import io.netlingua.model.SourceSpan;
import java.util.List;
import java.util.Map;

/**
 * The report a person reads: what {@code netlingua compile} prints on stderr and the golden
 * {@code expected/<target>.report.txt} holds. docs/reports.md shows it:
 *
 * <pre>
 * netlingua: target kubernetes 1.35, mode fail-closed
 * facts and assumptions:
 *   - the platform always allows ... [NL3901]
 *
 * shop/orders.npl:12:5: warning[NL3004]: ...
 *    12 |     allow from storefront on tcp/8080 {
 *       |     ^~~~~
 *     = hint: ...
 *
 * summary: 4 documents emitted, 0 errors, 1 warning
 * </pre>
 */
public final class TextReport {
  private TextReport() {}

  /**
   * Renders the report of a compilation.
   *
   * @param compilation the result
   * @param sources the program's text, to quote source lines
   * @return the report, ending with a line break
   */
  public static String render(CompileReport compilation, SourceText sources) {
    StringBuilder out = new StringBuilder();
    out.append("netlingua: target ").append(compilation.target().id()).append(' ')
        .append(compilation.targetVersion()).append(", mode ").append(compilation.options().mode().id());
    // The target options the run gave, when it gave any: they change the output, and a report says what run it is
    // of (the golden reports of runs without them keep their header).
    Map<String, String> targetOptions = compilation.options().targetOptionsFor(compilation.target());
    if (!targetOptions.isEmpty()) {
      out.append(", target options");
      targetOptions.forEach((key, value) -> out.append(' ').append(key).append('=').append(value));
    }
    out.append('\n');
    List<Diagnostic> facts = compilation.diagnostics().stream().filter(Facts::isFact).toList();
    out.append("facts and assumptions:").append(facts.isEmpty() ? " none\n" : "\n");
    for (Diagnostic fact : facts) {
      out.append("  - ");
      if (!fact.span().equals(SourceSpan.NONE)) {
        out.append(fact.span().location()).append(": ");
      }
      out.append(fact.message()).append(" [").append(fact.code().id()).append("]\n");
    }
    DiagnosticRenderer renderer = new DiagnosticRenderer(sources);
    for (Diagnostic d : compilation.diagnostics()) {
      if (!Facts.isFact(d)) {
        out.append('\n').append(renderer.render(d));
      }
    }
    out.append('\n').append(summary(compilation)).append('\n');
    return out.toString();
  }

  /** {@code summary: 4 documents emitted, 0 errors, 1 warning} or {@code summary: nothing written, 2 errors, ...}. */
  static String summary(CompileReport compilation) {
    int documents = compilation.documents().size();
    String written =
        compilation.hasErrors()
            ? "nothing written"
            : plural(documents, "document") + " emitted";
    return "summary: " + written + ", " + plural(count(compilation, Severity.ERROR), "error") + ", "
        + plural(count(compilation, Severity.WARNING), "warning");
  }

  static int count(CompileReport compilation, Severity severity) {
    return (int) compilation.diagnostics().stream().filter(d -> d.severity() == severity).count();
  }

  private static String plural(int n, String word) {
    return n + " " + word + (n == 1 ? "" : "s");
  }
}

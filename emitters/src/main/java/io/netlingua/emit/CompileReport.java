package io.netlingua.emit;

import io.netlingua.diagnostics.Diagnostic;
import io.netlingua.diagnostics.SourceText;
import io.netlingua.emit.report.JsonReport;
import io.netlingua.emit.report.TextReport;
import io.netlingua.targets.Options;
import io.netlingua.targets.Target;
import java.util.List;
import java.util.Objects;

/**
 * What compiling a program for one target says, without the objects: the documents written (by reference) and
 * every diagnostic. A streamed compilation returns it; {@link Compilation#report()} gives the same for one held
 * in memory. When a diagnostic is an error the document list is empty: nothing may be published.
 *
 * @param target the target
 * @param options the options of the run
 * @param documents the documents, in output order (kind, namespace, name); empty when there is an error
 * @param diagnostics every diagnostic, sorted
 */
public record CompileReport(Target target, Options options, List<DocumentRef> documents, List<Diagnostic> diagnostics) {

  public CompileReport {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(options, "options");
    diagnostics = diagnostics.stream().sorted().toList();
    documents = diagnostics.stream().anyMatch(Diagnostic::isError)
        ? List.of()
        : documents.stream().sorted(DocumentRef.ORDER).toList();
  }

  /** Whether any diagnostic is an error (then nothing is written). */
  public boolean hasErrors() {
    return diagnostics.stream().anyMatch(Diagnostic::isError);
  }

  /** The version of the target the output is for: the one the options name, or the target's default. */
  public String targetVersion() {
    return options.versionFor(target);
  }

  /**
   * The report a person reads (what {@code netlingua compile} prints on stderr), described in docs/reports.md.
   *
   * @param sources the text of the program's files, to quote source lines ({@link SourceText#NONE}: none)
   */
  public String textReport(SourceText sources) {
    return TextReport.render(this, sources);
  }

  /** The same report as JSON, valid against the {@code netlingua-report} schema (docs/reports.md). */
  public String jsonReport() {
    return JsonReport.render(this);
  }
}

package io.netlingua.emit;

import io.netlingua.diagnostics.Diagnostic;
import io.netlingua.diagnostics.SourceText;
import io.netlingua.targets.Options;
import io.netlingua.targets.Target;
import java.util.List;
import java.util.Objects;

/**
 * What compiling a program for one target gives: the objects, their YAML and every diagnostic. When a diagnostic
 * is an error there are no documents and no YAML: nothing may be written for that target.
 *
 * <p>A compilation holds the whole output in memory: the typed objects and the YAML text. For large programs,
 * {@link Emitters#compileChecked(io.netlingua.model.Program, List, Target, Options, DocumentSink)} hands each
 * validated document to a sink instead and returns only the {@link CompileReport}.
 *
 * @param target the target
 * @param options the options of the run
 * @param documents the objects, in output order (kind, namespace, name); empty when there is an error
 * @param diagnostics every diagnostic, sorted
 * @param yaml the documents as one deterministic multi-document YAML text, from the trees that were validated;
 *     empty when there is no document
 */
public record Compilation(
    Target target, Options options, List<EmittedDocument> documents, List<Diagnostic> diagnostics, String yaml) {

  public Compilation {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(yaml, "yaml");
    diagnostics = diagnostics.stream().sorted().toList();
    boolean errors = diagnostics.stream().anyMatch(Diagnostic::isError);
    documents = errors ? List.of() : documents.stream().sorted(EmittedDocument.ORDER).toList();
    yaml = errors ? "" : yaml;
    if (documents.isEmpty() != yaml.isEmpty()) {
      throw new IllegalArgumentException("the YAML must hold exactly the documents");
    }
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
   * The report a person reads (what {@code netlingua compile} prints on stderr): the run, the facts and
   * assumptions the output relies on, every other diagnostic with its source line, and a summary. The format is
   * described in docs/reports.md.
   *
   * @param sources the text of the program's files, to quote source lines ({@link SourceText#NONE}: none)
   */
  public String textReport(SourceText sources) {
    return report().textReport(sources);
  }

  /** The report of this compilation: the documents by reference and every diagnostic. */
  public CompileReport report() {
    return new CompileReport(target, options, documents.stream().map(EmittedDocument::ref).toList(), diagnostics);
  }

  /** The same report as JSON, valid against the {@code netlingua-report} schema (docs/reports.md). */
  public String jsonReport() {
    return report().jsonReport();
  }
}

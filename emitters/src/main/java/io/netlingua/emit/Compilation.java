package io.netlingua.emit;

import io.netlingua.diagnostics.Diagnostic;
import io.netlingua.target.Options;
import io.netlingua.target.Target;
import java.util.List;
import java.util.Objects;

/**
 * What compiling a program for one target gives: the objects and every diagnostic. When a diagnostic is an error
 * there are no documents: nothing may be written for that target.
 *
 * @param target the target
 * @param options the options of the run
 * @param documents the objects, in output order (kind, namespace, name); empty when there is an error
 * @param diagnostics every diagnostic, sorted
 */
public record Compilation(
    Target target, Options options, List<EmittedDocument> documents, List<Diagnostic> diagnostics) {

  public Compilation {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(options, "options");
    diagnostics = diagnostics.stream().sorted().toList();
    documents =
        diagnostics.stream().anyMatch(Diagnostic::isError)
            ? List.of()
            : documents.stream().sorted(EmittedDocument.ORDER).toList();
  }

  /** Whether any diagnostic is an error (then nothing is written). */
  public boolean hasErrors() {
    return diagnostics.stream().anyMatch(Diagnostic::isError);
  }
}

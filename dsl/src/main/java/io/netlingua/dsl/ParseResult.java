package io.netlingua.dsl;

import io.netlingua.diagnostics.Diagnostic;
import io.netlingua.diagnostics.SourceFiles;
import io.netlingua.model.Program;
import java.util.List;
import java.util.Objects;

/**
 * What reading a program gives: the model, every diagnostic, the text of the files read (to quote in
 * diagnostics) and their comments (for the formatter). User mistakes are diagnostics here, never exceptions.
 *
 * @param program the model; complete only when {@link #hasErrors()} is false, otherwise it holds what could be
 *     read (a policy with errors may be missing)
 * @param diagnostics every diagnostic, sorted by file, line, column and code
 * @param sources the decoded text of every file read, imports included
 * @param comments the comments of the program's own files, in file then source order
 */
public record ParseResult(
    Program program, List<Diagnostic> diagnostics, SourceFiles sources, List<Comment> comments) {

  public ParseResult {
    Objects.requireNonNull(program, "program");
    diagnostics = diagnostics.stream().sorted().toList();
    Objects.requireNonNull(sources, "sources");
    comments = List.copyOf(comments);
  }

  /** Whether any diagnostic is an error. */
  public boolean hasErrors() {
    return diagnostics.stream().anyMatch(Diagnostic::isError);
  }
}

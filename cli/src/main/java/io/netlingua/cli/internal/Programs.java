package io.netlingua.cli.internal;

import io.netlingua.Netlingua;
import io.netlingua.diagnostics.Diagnostic;
import io.netlingua.diagnostics.DiagnosticRenderer;
import io.netlingua.dsl.ParseResult;
import java.io.PrintWriter;
import java.util.List;

/** What every command does with a program: read it, report its diagnostics, and decide the exit code. */
final class Programs {

  private Programs() {}

  /** Renders every diagnostic of the result on {@code err}, in order. */
  static void report(ParseResult result, PrintWriter err) {
    err.print(Netlingua.render(result));
  }

  /**
   * 2 when the run itself failed (a path named on the command line that cannot be read, a directory without
   * {@code .npl} files), else 1 when the input has errors, else 0.
   */
  static int exitCode(ParseResult result) {
    return exitCode(result.diagnostics());
  }

  /**
   * 2 when the run itself failed (an {@code NL5xxx} error: a path that cannot be read, an output folder that
   * cannot be written), else 1 when there is an error, else 0.
   */
  static int exitCode(List<Diagnostic> diagnostics) {
    if (diagnostics.stream().anyMatch(d -> d.isError() && d.code().isRunProblem())) {
      return ExitCodes.RUN_FAILED;
    }
    return diagnostics.stream().anyMatch(Diagnostic::isError) ? ExitCodes.INPUT_ERRORS : ExitCodes.OK;
  }

  /** {@code 2 errors, 1 warning}, or {@code no errors} (with the warnings, if any) when there is no error. */
  static String problems(List<Diagnostic> diagnostics) {
    String counts = DiagnosticRenderer.summary(diagnostics);
    if (diagnostics.stream().anyMatch(Diagnostic::isError)) {
      return counts;
    }
    return counts.isEmpty() ? "no errors" : "no errors, " + counts;
  }

  /** {@code 1 file}, {@code 3 policies}: a count and a noun in the right number. */
  static String count(int n, String singular, String plural) {
    return n + " " + (n == 1 ? singular : plural);
  }
}

package io.netlingua.diagnostics;

import io.netlingua.model.SourceSpan;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;

/**
 * A finding about a program: what, where, how serious, and optionally how to fix it.
 *
 * @param code the stable code
 * @param severity how serious (usually the code's default)
 * @param message what is wrong, about this occurrence
 * @param span where
 * @param hint how to fix it, if there is something to say
 * @param finding for a target-capability diagnostic ({@code NL3xxx}): the target, feature, outcome and direction
 */
public record Diagnostic(
    Code code, Severity severity, String message, SourceSpan span, Optional<String> hint,
    Optional<TargetFinding> finding)
    implements Comparable<Diagnostic> {

  /** File, line, column, then code: the order diagnostics are reported in. */
  public static final Comparator<Diagnostic> ORDER =
      Comparator.comparing(Diagnostic::span)
          .thenComparing(d -> d.code().id())
          .thenComparing(Diagnostic::message);

  public Diagnostic {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(span, "span");
    Objects.requireNonNull(hint, "hint");
    Objects.requireNonNull(finding, "finding");
  }

  /** A diagnostic about the program itself (no target finding). */
  public Diagnostic(Code code, Severity severity, String message, SourceSpan span, Optional<String> hint) {
    this(code, severity, message, span, hint, Optional.empty());
  }

  /** A diagnostic with the code's default severity and no hint. */
  public static Diagnostic of(Code code, SourceSpan span, String message) {
    return new Diagnostic(code, code.severity(), message, span, Optional.empty());
  }

  /** A diagnostic with the code's default severity and a hint. */
  public static Diagnostic of(Code code, SourceSpan span, String message, String hint) {
    return new Diagnostic(code, code.severity(), message, span, Optional.ofNullable(hint));
  }

  /** Whether this is an error. */
  public boolean isError() {
    return severity == Severity.ERROR;
  }

  @Override
  public int compareTo(Diagnostic o) {
    return ORDER.compare(this, o);
  }

  /** {@code file:line:col: error[NL2001]: message}, without the source line (see {@link DiagnosticRenderer}). */
  @Override
  public String toString() {
    return span.location() + ": " + severity.label() + "[" + code.id() + "]: " + message;
  }
}

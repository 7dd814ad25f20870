package io.netlingua.emit.spi;

import io.netlingua.diagnostics.Code;
import io.netlingua.diagnostics.Diagnostic;
import io.netlingua.diagnostics.Outcome;
import io.netlingua.diagnostics.Severity;
import io.netlingua.diagnostics.TargetFinding;
import io.netlingua.model.Direction;
import io.netlingua.model.SourceSpan;
import io.netlingua.targets.Capabilities;
import io.netlingua.targets.Feature;
import io.netlingua.targets.Mode;
import io.netlingua.targets.Target;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Collects what a lowering could not translate exactly, and the facts it relied on, as diagnostics whose severity
 * the run's mode decides. An outcome that the target's capability table does not allow for the feature is a bug
 * in the lowering and fails loudly: the table and the lowering must tell the same story.
 */
public final class Degradations {
  private final Target target;
  private final Capabilities capabilities;
  private final Mode mode;
  private final Set<Diagnostic> diagnostics = new LinkedHashSet<>();

  public Degradations(Capabilities capabilities, Mode mode) {
    this.target = capabilities.target();
    this.capabilities = capabilities;
    this.mode = mode;
  }

  /** The run's mode, for lowerings that can leave a construct out two ways. */
  public Mode mode() {
    return mode;
  }

  /** The capability table in force (target and version). */
  public Capabilities capabilities() {
    return capabilities;
  }

  /**
   * Reports how a construct was translated.
   *
   * @param feature the feature concerned
   * @param outcome what the translation became
   * @param span where the construct was written
   * @param direction the direction of the rule, if any
   * @param message what happened, for this occurrence
   * @param hint how to get an exact result, if there is a way
   * @return the severity the mode gives it (an error means nothing will be written)
   */
  public Severity report(
      Feature feature, Outcome outcome, SourceSpan span, Optional<Direction> direction, String message,
      String hint) {
    if (!capabilities.get(feature).allows(outcome)) {
      throw new IllegalStateException(
          target.id() + " reports " + outcome.label() + " for " + feature.id() + ", which its table does not allow");
    }
    Severity severity = mode.severity(feature, outcome);
    diagnostics.add(
        new Diagnostic(
            feature.code(), severity, message, span, Optional.ofNullable(hint),
            Optional.of(new TargetFinding(target.id(), feature.id(), outcome, direction))));
    return severity;
  }

  /** Records a fact or assumption the output relies on, or a property of the platform, as an info. */
  public void info(Code code, SourceSpan span, String message) {
    if (code.severity() != Severity.INFO) {
      throw new IllegalArgumentException(code.id() + " is not an info code");
    }
    diagnostics.add(Diagnostic.of(code, span, message));
  }

  /** Whether any report so far is an error. */
  public boolean hasErrors() {
    return diagnostics.stream().anyMatch(Diagnostic::isError);
  }

  /** Everything reported, sorted. */
  public List<Diagnostic> diagnostics() {
    return diagnostics.stream().sorted().toList();
  }
}

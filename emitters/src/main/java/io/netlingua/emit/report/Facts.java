package io.netlingua.emit.report;

import io.netlingua.diagnostics.Diagnostic;

/** The facts and assumptions an output relies on: the {@code NL39xx} infos (SEMANTICS.md section 2). */
final class Facts {
  private Facts() {}

  /** Whether a diagnostic states a fact or an assumption rather than a finding. */
  static boolean isFact(Diagnostic d) {
    return d.code().id().startsWith("NL39");
  }
}

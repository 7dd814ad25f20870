package io.netlingua.diagnostics;

import java.util.Locale;

/** How serious a diagnostic is. Any error means no output is written. */
public enum Severity {
  ERROR,
  WARNING,
  INFO;

  /** The word compilers print: {@code error}, {@code warning}, {@code info}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}

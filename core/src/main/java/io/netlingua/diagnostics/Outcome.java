package io.netlingua.diagnostics;

import java.util.Locale;

/**
 * How faithfully a target expresses a construct (SEMANTICS.md section 2). The rule of thumb: leaving out a peer,
 * port, L7 alternative or rule of an allow makes the result narrower; leaving out a deny makes it wider.
 */
public enum Outcome {
  /** The emitted objects allow exactly the flows the neutral semantics allows. */
  EXACT,
  /** Some allowed flows become denied: safe, but may break connectivity. */
  NARROWER,
  /** Some denied flows become allowed: a security hole. */
  WIDER,
  /** Nothing sound can be emitted at all. */
  IMPOSSIBLE;

  /** The word used in reports: {@code exact}, {@code narrower}, {@code wider}, {@code impossible}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}

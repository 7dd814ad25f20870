package io.netlingua.emit.lowering;

import io.netlingua.diagnostics.Code;
import io.netlingua.emit.spi.Degradations;
import io.netlingua.model.SourceSpan;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The platform settings and facts a target's output relies on, each stated once, at the first construct that relies
 * on it ({@code NL3904}): a different setting on the cluster changes what the objects do, and no object can say so
 * (Cilium's agent options, Calico's Application Layer Policy and its tiers).
 */
public final class PlatformFacts {
  private final String target;
  private final Map<String, SourceSpan> facts = new LinkedHashMap<>();

  /** The facts of one run for a target, whose id starts every message. */
  public PlatformFacts(String target) {
    this.target = target;
  }

  /** Notes a fact at the first place that relies on it. */
  public void note(String fact, SourceSpan span) {
    facts.putIfAbsent(fact, span);
  }

  /** States every noted fact, once each. */
  public void report(Degradations degradations) {
    facts.forEach((fact, span) -> degradations.info(Code.PLATFORM_SETTING, span, target + ": " + fact));
  }
}

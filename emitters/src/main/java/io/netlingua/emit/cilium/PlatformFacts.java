package io.netlingua.emit.cilium;

import io.netlingua.diagnostics.Code;
import io.netlingua.emit.spi.Degradations;
import io.netlingua.model.SourceSpan;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The agent settings and facts a Cilium output relies on, each stated once, at the first construct that relies on
 * it ({@code NL3904}): a different setting on the cluster changes what the objects do, and no object can say so.
 */
final class PlatformFacts {
  private final Map<String, SourceSpan> facts = new LinkedHashMap<>();

  /** Notes a fact at the first place that relies on it. */
  void note(String fact, SourceSpan span) {
    facts.putIfAbsent(fact, span);
  }

  /** States every noted fact, once each. */
  void report(Degradations degradations) {
    facts.forEach((fact, span) -> degradations.info(Code.PLATFORM_SETTING, span, "cilium: " + fact));
  }
}

package io.netlingua.model;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Operations on port lists. */
public final class Ports {
  private Ports() {}

  /** The ports a list of terms stands for: references expanded, first appearance kept, duplicates removed. */
  public static List<Port> flatten(List<? extends PortTerm> terms) {
    Set<Port> out = new LinkedHashSet<>();
    for (PortTerm term : terms) {
      if (term instanceof PortRef ref) {
        out.addAll(ref.ports());
      } else {
        out.add((Port) term);
      }
    }
    return List.copyOf(out);
  }
}

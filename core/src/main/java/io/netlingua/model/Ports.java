package io.netlingua.model;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Operations on port lists. */
public final class Ports {
  private Ports() {}

  /** The ports a list of terms stands for: references expanded, first appearance kept, duplicates removed. */
  public static List<Port> flatten(List<? extends PortTerm> terms) {
    if (terms.size() == 1 && terms.get(0) instanceof PortRef only) {
      // Share the expansion: a let that names one other let must not copy its list (cost stays linear).
      return only.ports();
    }
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

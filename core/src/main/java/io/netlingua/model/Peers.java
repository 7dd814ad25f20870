package io.netlingua.model;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Operations on peer lists. */
public final class Peers {
  private Peers() {}

  /**
   * The peers a list of terms stands for: {@code let} references expanded, in order of first appearance,
   * duplicates (equal peers, spans included) removed.
   */
  public static List<Peer> flatten(List<? extends PeerTerm> terms) {
    if (terms.size() == 1 && terms.get(0) instanceof PeerRef only) {
      // Share the expansion: a let that names one other let must not copy its list (cost stays linear).
      return only.peers();
    }
    Set<Peer> out = new LinkedHashSet<>();
    for (PeerTerm term : terms) {
      if (term instanceof PeerRef ref) {
        out.addAll(ref.peers());
      } else {
        out.add((Peer) term);
      }
    }
    return List.copyOf(out);
  }
}

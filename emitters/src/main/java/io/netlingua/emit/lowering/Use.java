package io.netlingua.emit.lowering;

import io.netlingua.model.Peer;
import io.netlingua.model.PeerRef;
import io.netlingua.model.PeerTerm;
import io.netlingua.model.Port;
import io.netlingua.model.PortRef;
import io.netlingua.model.PortTerm;
import io.netlingua.model.SourceSpan;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A peer or port with the place a diagnostic about it should point at: where it was written, or, when it
 * comes from a {@code let}, where the {@code let} was used (the definition may serve many rules; the use is
 * the rule the reader is looking at).
 *
 * @param value the peer or port
 * @param span where to report it
 * @param <T> {@link Peer} or {@link Port}
 */
public record Use<T>(T value, SourceSpan span) {
  public Use {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(span, "span");
  }

  /** The peers of a list of terms, flattened as {@link io.netlingua.model.Peers#flatten} does, with use sites. */
  public static List<Use<Peer>> peers(List<PeerTerm> terms) {
    List<Use<Peer>> out = new ArrayList<>();
    Set<Peer> seen = new LinkedHashSet<>();
    for (PeerTerm term : terms) {
      if (term instanceof PeerRef ref) {
        ref.peers().stream().filter(seen::add).forEach(p -> out.add(new Use<>(p, ref.span())));
      } else if (seen.add((Peer) term)) {
        out.add(new Use<>((Peer) term, term.span()));
      }
    }
    return out;
  }

  /** The ports of a list of terms, flattened as {@link io.netlingua.model.Ports#flatten} does, with use sites. */
  public static List<Use<Port>> ports(List<PortTerm> terms) {
    List<Use<Port>> out = new ArrayList<>();
    Set<Port> seen = new LinkedHashSet<>();
    for (PortTerm term : terms) {
      if (term instanceof PortRef ref) {
        ref.ports().stream().filter(seen::add).forEach(p -> out.add(new Use<>(p, ref.span())));
      } else if (seen.add((Port) term)) {
        out.add(new Use<>((Port) term, term.span()));
      }
    }
    return out;
  }
}

package io.netlingua.model;

import java.util.List;
import java.util.Objects;

/**
 * {@code select SUBJECT}: the pods a policy governs; a list means their union. The checker requires every entry
 * to be a {@link PodPeer} (and, in a namespaced policy, one without a namespace).
 *
 * @param terms the entries as written
 * @param span where the {@code select} was written
 */
public record Subject(List<PeerTerm> terms, SourceSpan span) {
  public Subject {
    terms = List.copyOf(terms);
    if (terms.isEmpty()) {
      throw new IllegalArgumentException("select needs at least one entry");
    }
    Objects.requireNonNull(span, "span");
  }

  /** {@code select pods}: every pod of the policy's namespace (a cluster policy: of every namespace). */
  public static Subject allPods() {
    return of(PodPeer.of(LabelSelector.ALL));
  }

  public static Subject of(PeerTerm... terms) {
    return new Subject(List.of(terms), SourceSpan.NONE);
  }

  /** The entries flattened. */
  public List<Peer> peers() {
    return Peers.flatten(terms);
  }
}

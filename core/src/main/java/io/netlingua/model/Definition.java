package io.netlingua.model;

import java.util.List;
import java.util.Objects;

/** A {@code let}: a name for a list of peers or a list of ports, kept so that the printer can write it back. */
public sealed interface Definition {

  /** The name. */
  String name();

  /** Where the {@code let} was written. */
  SourceSpan span();

  /**
   * {@code let NAME = PEER, ...}.
   *
   * @param name the name
   * @param terms the entries as written
   * @param span where it was written
   */
  record Peers(String name, List<PeerTerm> terms, SourceSpan span) implements Definition {
    public Peers {
      Objects.requireNonNull(name, "name");
      terms = List.copyOf(terms);
      Objects.requireNonNull(span, "span");
    }
  }

  /**
   * {@code let NAME = PORT, ...}.
   *
   * @param name the name
   * @param terms the entries as written
   * @param span where it was written
   */
  record Ports(String name, List<PortTerm> terms, SourceSpan span) implements Definition {
    public Ports {
      Objects.requireNonNull(name, "name");
      terms = List.copyOf(terms);
      Objects.requireNonNull(span, "span");
    }
  }
}

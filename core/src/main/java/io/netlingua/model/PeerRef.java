package io.netlingua.model;

import java.util.List;
import java.util.Objects;

/**
 * A use of a {@code let} that names peers, together with what it stands for.
 *
 * <p>A {@code let} is a macro: its {@code pods(...)} entries keep {@link NamespaceScope.PolicyNamespace} and so
 * resolve against the namespace of the policy that uses it. The expansion is flat (nested {@code let}s are
 * expanded) and free of duplicates.
 *
 * @param name the name of the {@code let}
 * @param peers what the name stands for, flattened
 * @param span where the name was used
 */
public record PeerRef(String name, List<Peer> peers, SourceSpan span) implements PeerTerm {
  public PeerRef {
    Objects.requireNonNull(name, "name");
    peers = List.copyOf(peers);
    Objects.requireNonNull(span, "span");
  }
}

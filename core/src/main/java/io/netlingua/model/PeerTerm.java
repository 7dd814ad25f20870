package io.netlingua.model;

/**
 * One entry of a peer list as written: either a peer or a reference to a {@code let} that names a list of peers.
 * Consumers that only care about meaning use {@link Peers#flatten(java.util.List)}.
 */
public sealed interface PeerTerm permits Peer, PeerRef {

  /** Where the entry was written. */
  SourceSpan span();
}

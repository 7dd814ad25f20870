package io.netlingua.model;

/**
 * The other end of a flow.
 *
 * <p>Java 17 has no exhaustive pattern {@code switch}; lowerings use {@link #accept(Visitor)} instead, so that a new
 * peer kind does not compile until every target handles it.
 */
public sealed interface Peer extends PeerTerm
    permits PodPeer, ServiceAccountPeer, ServicePeer, CidrPeer, FqdnPeer, EntityPeer {

  /** Calls the visitor's method for this peer's kind. */
  <R> R accept(Visitor<R> visitor);

  /** One method per peer kind. */
  interface Visitor<R> {
    R pods(PodPeer peer);

    R serviceAccount(ServiceAccountPeer peer);

    R service(ServicePeer peer);

    R cidr(CidrPeer peer);

    R fqdn(FqdnPeer peer);

    R entity(EntityPeer peer);
  }
}

package io.netlingua.model;

import java.util.Objects;
import java.util.Optional;

/**
 * Pods that run as a service account: {@code serviceaccount NAME [in namespace NS]}.
 *
 * @param name the service account
 * @param namespace its namespace; empty for the policy's namespace (a cluster policy: any namespace)
 * @param span where the peer was written
 */
public record ServiceAccountPeer(String name, Optional<String> namespace, SourceSpan span) implements Peer {
  public ServiceAccountPeer {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(span, "span");
  }

  public static ServiceAccountPeer of(String name, String namespace) {
    return new ServiceAccountPeer(name, Optional.ofNullable(namespace), SourceSpan.NONE);
  }

  @Override
  public <R> R accept(Visitor<R> visitor) {
    return visitor.serviceAccount(this);
  }
}

package io.netlingua.model;

import java.util.Objects;
import java.util.Optional;

/**
 * The pods behind a Kubernetes Service (egress only): {@code service NAME [in namespace NS]}.
 *
 * @param name the Service
 * @param namespace its namespace; empty for the policy's namespace
 * @param span where the peer was written
 */
public record ServicePeer(String name, Optional<String> namespace, SourceSpan span) implements Peer {
  public ServicePeer {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(span, "span");
  }

  public static ServicePeer of(String name, String namespace) {
    return new ServicePeer(name, Optional.ofNullable(namespace), SourceSpan.NONE);
  }

  @Override
  public <R> R accept(Visitor<R> visitor) {
    return visitor.service(this);
  }
}

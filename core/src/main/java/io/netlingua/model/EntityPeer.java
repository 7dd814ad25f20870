package io.netlingua.model;

import java.util.Objects;

/**
 * {@code world}, {@code cluster}, {@code nodes}, {@code host}, {@code kube-apiserver} or {@code any}.
 *
 * @param entity which one
 * @param span where the peer was written
 */
public record EntityPeer(Entity entity, SourceSpan span) implements Peer {
  public EntityPeer {
    Objects.requireNonNull(entity, "entity");
    Objects.requireNonNull(span, "span");
  }

  public static EntityPeer of(Entity entity) {
    return new EntityPeer(entity, SourceSpan.NONE);
  }

  @Override
  public <R> R accept(Visitor<R> visitor) {
    return visitor.entity(this);
  }
}

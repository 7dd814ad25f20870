package io.netlingua.model;

import java.util.Objects;

/**
 * A named container port, resolved on the destination pod: {@code tcp/http}.
 *
 * @param protocol the transport protocol
 * @param name the port's name (IANA service name syntax)
 * @param span where the port was written
 */
public record NamedPort(Protocol protocol, String name, SourceSpan span) implements Port {
  public NamedPort {
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(span, "span");
  }

  public static NamedPort of(Protocol protocol, String name) {
    return new NamedPort(protocol, name, SourceSpan.NONE);
  }

  @Override
  public <R> R accept(Visitor<R> visitor) {
    return visitor.named(this);
  }
}

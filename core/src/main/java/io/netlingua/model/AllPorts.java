package io.netlingua.model;

import java.util.Objects;

/**
 * Every port of one protocol: {@code tcp}, {@code udp}, {@code sctp}.
 *
 * @param protocol the transport protocol
 * @param span where it was written
 */
public record AllPorts(Protocol protocol, SourceSpan span) implements Port {
  public AllPorts {
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(span, "span");
  }

  public static AllPorts of(Protocol protocol) {
    return new AllPorts(protocol, SourceSpan.NONE);
  }

  @Override
  public <R> R accept(Visitor<R> visitor) {
    return visitor.all(this);
  }
}

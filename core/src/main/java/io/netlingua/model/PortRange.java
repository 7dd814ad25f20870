package io.netlingua.model;

import java.util.Objects;

/**
 * One port ({@code tcp/8080}, {@code first == last}) or an inclusive range ({@code tcp/8000-8100}). Values outside
 * 1..65535 or {@code first > last} are representable so that the checker can report them with their position.
 *
 * @param protocol the transport protocol
 * @param first the first port
 * @param last the last port, equal to {@code first} for one port
 * @param span where the port was written
 */
public record PortRange(Protocol protocol, int first, int last, SourceSpan span) implements Port {
  public PortRange {
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(span, "span");
  }

  public static PortRange of(Protocol protocol, int port) {
    return new PortRange(protocol, port, port, SourceSpan.NONE);
  }

  public static PortRange of(Protocol protocol, int first, int last) {
    return new PortRange(protocol, first, last, SourceSpan.NONE);
  }

  /** Whether this is one port rather than a range. */
  public boolean isSingle() {
    return first == last;
  }

  @Override
  public <R> R accept(Visitor<R> visitor) {
    return visitor.range(this);
  }
}

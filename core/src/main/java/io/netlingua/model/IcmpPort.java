package io.netlingua.model;

import java.util.Objects;
import java.util.Optional;

/**
 * ICMP or ICMPv6: {@code icmp}, {@code icmp type 8}, {@code icmp type 3 code 4}, {@code icmpv6 type 128}. A code
 * needs a type. Values above 255 are representable so that the checker can report them.
 *
 * @param v6 {@code icmpv6} rather than {@code icmp}
 * @param type the ICMP type; empty for every type
 * @param code the ICMP code; empty for every code
 * @param span where it was written
 */
public record IcmpPort(boolean v6, Optional<Integer> type, Optional<Integer> code, SourceSpan span)
    implements Port {
  public IcmpPort {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(span, "span");
    if (code.isPresent() && type.isEmpty()) {
      throw new IllegalArgumentException("an ICMP code needs a type");
    }
  }

  public static IcmpPort of(boolean v6, Integer type, Integer code) {
    return new IcmpPort(v6, Optional.ofNullable(type), Optional.ofNullable(code), SourceSpan.NONE);
  }

  /** The language keyword: {@code icmp} or {@code icmpv6}. */
  public String keyword() {
    return v6 ? "icmpv6" : "icmp";
  }

  @Override
  public <R> R accept(Visitor<R> visitor) {
    return visitor.icmp(this);
  }
}

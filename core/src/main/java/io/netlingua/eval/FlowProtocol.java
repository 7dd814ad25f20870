package io.netlingua.eval;

import io.netlingua.model.Protocol;
import java.util.Locale;
import java.util.Optional;

/** The protocol of a flow: one with ports (TCP, UDP, SCTP) or ICMP of either IP version. */
public enum FlowProtocol {
  TCP,
  UDP,
  SCTP,
  ICMP,
  ICMPV6;

  private final String keyword = name().toLowerCase(Locale.ROOT);

  /** The lower-case keyword, as in the language and the flow syntax. */
  public String keyword() {
    return keyword;
  }

  /** Whether a flow of this protocol has a destination port (else an ICMP type and code). */
  public boolean hasPorts() {
    return this == TCP || this == UDP || this == SCTP;
  }

  /** The language's port protocol, for TCP, UDP and SCTP. */
  public Optional<Protocol> portProtocol() {
    return switch (this) {
      case TCP -> Optional.of(Protocol.TCP);
      case UDP -> Optional.of(Protocol.UDP);
      case SCTP -> Optional.of(Protocol.SCTP);
      case ICMP, ICMPV6 -> Optional.empty();
    };
  }

  /** The protocol named by a keyword ({@code tcp}, {@code udp}, {@code sctp}, {@code icmp}, {@code icmpv6}). */
  public static Optional<FlowProtocol> ofKeyword(String keyword) {
    for (FlowProtocol p : values()) {
      if (p.keyword().equals(keyword)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }
}

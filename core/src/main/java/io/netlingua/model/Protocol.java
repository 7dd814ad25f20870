package io.netlingua.model;

import java.util.Locale;

/** A transport protocol with ports. ICMP has no ports and is {@link IcmpPort}. */
public enum Protocol {
  TCP,
  UDP,
  SCTP;

  /** The language keyword: {@code tcp}, {@code udp}, {@code sctp}. */
  public String keyword() {
    return name().toLowerCase(Locale.ROOT);
  }
}

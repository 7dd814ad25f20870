package io.netlingua.eval;

import io.netlingua.model.Cidr;
import java.util.Objects;
import java.util.Optional;

/**
 * One IPv4 or IPv6 address, held as its host prefix ({@code /32} or {@code /128}).
 *
 * @param host the address as a full-length prefix
 */
public record IpAddress(Cidr host) {
  /** Checks that the prefix is one address. */
  public IpAddress {
    Objects.requireNonNull(host, "host");
    if (host.prefixLength() != host.bits()) {
      throw new IllegalArgumentException(host + " is not one address");
    }
  }

  /**
   * Reads an address such as {@code 10.0.0.1} or {@code 2001:db8::1}.
   *
   * @return the address, or empty when the text is not one
   */
  public static Optional<IpAddress> read(String text) {
    if (text.isEmpty() || text.indexOf('/') >= 0) {
      return Optional.empty();
    }
    String bits = text.indexOf(':') >= 0 ? "/128" : "/32";
    Cidr.Reading reading = Cidr.read(text + bits);
    Optional<Cidr> cidr = reading.cidr().or(() -> reading.canonical().flatMap(c -> Cidr.read(c).cidr()));
    return cidr.filter(c -> c.prefixLength() == c.bits()).map(IpAddress::new);
  }

  /** Reads an address, throwing {@link IllegalArgumentException} when the text is not one. */
  public static IpAddress parse(String text) {
    return read(text).orElseThrow(() -> new IllegalArgumentException("'" + text + "' is not an IP address"));
  }

  /** Whether this is an IPv6 address. */
  public boolean ipv6() {
    return host.ipv6();
  }

  /** Whether a prefix contains this address. */
  public boolean in(Cidr cidr) {
    return cidr.contains(host);
  }

  /** The canonical text of the address. */
  @Override
  public String toString() {
    return Cidr.formatAddress(host.ipv6(), host.address());
  }
}

package io.netlingua.model;

import java.math.BigInteger;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * An IPv4 or IPv6 prefix in canonical form: no leading zeros, no host bits set, IPv6 written as RFC 5952 says
 * (lower case, the longest run of two or more zero groups shortened to {@code ::}), no IPv4-mapped IPv6.
 *
 * <p>Text is parsed here by hand: {@code InetAddress.getByName} may resolve a malformed literal through DNS.
 *
 * @param ipv6 whether this is an IPv6 prefix
 * @param address the network address as an unsigned number (host bits zero)
 * @param prefixLength the prefix length, 0 to 32 or 0 to 128
 */
public record Cidr(boolean ipv6, BigInteger address, int prefixLength) implements Comparable<Cidr> {

  public Cidr {
    Objects.requireNonNull(address, "address");
    int bits = ipv6 ? 128 : 32;
    if (prefixLength < 0 || prefixLength > bits) {
      throw new IllegalArgumentException("prefix length " + prefixLength + " outside 0.." + bits);
    }
    if (address.signum() < 0 || address.bitLength() > bits) {
      throw new IllegalArgumentException("address out of range");
    }
    if (!address.and(hostMask(bits, prefixLength)).equals(BigInteger.ZERO)) {
      throw new IllegalArgumentException("host bits set");
    }
  }

  /**
   * The outcome of reading CIDR text.
   *
   * @param cidr the prefix, when the text is valid and canonical
   * @param problem what is wrong, when it is not
   * @param canonical the canonical form of what the text meant, when there is one (the hint of the error)
   */
  public record Reading(Optional<Cidr> cidr, Optional<String> problem, Optional<String> canonical) {}

  /** Parses canonical CIDR text; throws {@link IllegalArgumentException} for anything else. */
  public static Cidr parse(String text) {
    Reading r = read(text);
    return r.cidr().orElseThrow(() -> new IllegalArgumentException(text + ": " + r.problem().orElseThrow()));
  }

  /** Reads CIDR text, saying what is wrong with it and what its canonical form would be. Never throws. */
  public static Reading read(String text) {
    int slash = text.indexOf('/');
    String addressText = slash < 0 ? text : text.substring(0, slash);
    boolean v6 = addressText.indexOf(':') >= 0;
    BigInteger address = v6 ? parseIpv6(addressText) : parseIpv4(addressText);
    if (address == null) {
      return invalid("'" + text + "' is not an IPv" + (v6 ? "6" : "4") + " address with a prefix length", null);
    }
    int bits = v6 ? 128 : 32;
    if (v6 && address.shiftRight(32).equals(BigInteger.valueOf(0xffffL))) {
      Optional<Integer> prefix = slash < 0 ? Optional.of(128) : prefixLength(text.substring(slash + 1), 128);
      String hint =
          prefix.filter(p -> p >= 96).map(p -> canonical(false, address.and(mask(32)), p - 96)).orElse(null);
      return invalid("'" + text + "' is an IPv4-mapped IPv6 address: write the IPv4 prefix", hint);
    }
    if (slash < 0) {
      return invalid("'" + text + "' has no prefix length", new Cidr(v6, address, bits).toString());
    }
    Optional<Integer> prefix = prefixLength(text.substring(slash + 1), bits);
    if (prefix.isEmpty()) {
      return invalid("'" + text + "' has an invalid prefix length (0 to " + bits + ")", null);
    }
    BigInteger network = address.andNot(hostMask(bits, prefix.get()));
    Cidr cidr = new Cidr(v6, network, prefix.get());
    String canonical = cidr.toString();
    if (!network.equals(address)) {
      return invalid("'" + text + "' has host bits set", canonical);
    }
    if (!canonical.equals(text)) {
      return invalid("'" + text + "' is not written canonically", canonical);
    }
    return new Reading(Optional.of(cidr), Optional.empty(), Optional.empty());
  }

  private static Reading invalid(String problem, String canonical) {
    return new Reading(Optional.empty(), Optional.of(problem), Optional.ofNullable(canonical));
  }

  private static Optional<Integer> prefixLength(String s, int bits) {
    if (s.isEmpty() || s.length() > 3 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return Optional.empty();
    }
    int p = Integer.parseInt(s);
    return p <= bits ? Optional.of(p) : Optional.empty();
  }

  private static BigInteger parseIpv4(String s) {
    String[] parts = s.split("\\.", -1);
    if (parts.length != 4) {
      return null;
    }
    long value = 0;
    for (String part : parts) {
      if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(c -> c >= '0' && c <= '9')) {
        return null;
      }
      int octet = Integer.parseInt(part);
      if (octet > 255) {
        return null;
      }
      value = (value << 8) | octet;
    }
    return BigInteger.valueOf(value);
  }

  private static BigInteger parseIpv6(String s) {
    if (s.length() > 45) {
      return null;
    }
    int doubleColon = s.indexOf("::");
    if (doubleColon >= 0 && s.indexOf("::", doubleColon + 1) >= 0) {
      return null;
    }
    String head = doubleColon >= 0 ? s.substring(0, doubleColon) : s;
    String tail = doubleColon >= 0 ? s.substring(doubleColon + 2) : "";
    int[] headGroups = groups(head, doubleColon < 0);
    int[] tailGroups = doubleColon >= 0 ? groups(tail, true) : new int[0];
    if (headGroups == null || tailGroups == null) {
      return null;
    }
    int total = headGroups.length + tailGroups.length;
    if (doubleColon >= 0 ? total > 7 : total != 8) {
      return null;
    }
    int[] all = new int[8];
    System.arraycopy(headGroups, 0, all, 0, headGroups.length);
    System.arraycopy(tailGroups, 0, all, 8 - tailGroups.length, tailGroups.length);
    BigInteger value = BigInteger.ZERO;
    for (int g : all) {
      value = value.shiftLeft(16).or(BigInteger.valueOf(g));
    }
    return value;
  }

  /** 16-bit groups of a colon-separated run; the last may be a dotted IPv4 address when allowed. */
  private static int[] groups(String run, boolean mayEndInIpv4) {
    if (run.isEmpty()) {
      return new int[0];
    }
    String[] parts = run.split(":", -1);
    boolean ipv4Tail = mayEndInIpv4 && parts[parts.length - 1].indexOf('.') >= 0;
    int[] out = new int[parts.length + (ipv4Tail ? 1 : 0)];
    for (int i = 0; i < parts.length; i++) {
      String p = parts[i];
      if (ipv4Tail && i == parts.length - 1) {
        BigInteger v4 = parseIpv4(p);
        if (v4 == null) {
          return null;
        }
        out[i] = v4.intValue() >>> 16;
        out[i + 1] = v4.intValue() & 0xffff;
      } else {
        if (p.isEmpty() || p.length() > 4 || !p.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
          return null;
        }
        out[i] = Integer.parseInt(p, 16);
      }
    }
    return out;
  }

  private static BigInteger mask(int bits) {
    return BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE);
  }

  private static BigInteger hostMask(int bits, int prefix) {
    return mask(bits - prefix);
  }

  /** The number of address bits: 32 or 128. */
  public int bits() {
    return ipv6 ? 128 : 32;
  }

  /** The last address of the prefix. */
  public BigInteger lastAddress() {
    return address.or(hostMask(bits(), prefixLength));
  }

  /** Whether {@code other} lies inside this prefix (same family, equal or longer prefix). */
  public boolean contains(Cidr other) {
    return ipv6 == other.ipv6
        && other.prefixLength >= prefixLength
        && other.address.andNot(hostMask(bits(), prefixLength)).equals(address);
  }

  /** Whether an address of this family lies inside the prefix. */
  public boolean contains(boolean ipv6Address, BigInteger ip) {
    return ipv6 == ipv6Address && ip.andNot(hostMask(bits(), prefixLength)).equals(address);
  }

  /** Whether the two prefixes share at least one address. */
  public boolean overlaps(Cidr other) {
    return contains(other) || other.contains(this);
  }

  @Override
  public int compareTo(Cidr o) {
    int c = Boolean.compare(ipv6, o.ipv6);
    if (c != 0) {
      return c;
    }
    c = address.compareTo(o.address);
    return c != 0 ? c : Integer.compare(prefixLength, o.prefixLength);
  }

  /** The canonical text, {@code 10.0.0.0/8} or {@code 2001:db8::/32}. */
  @Override
  public String toString() {
    return canonical(ipv6, address, prefixLength);
  }

  /** The canonical text of an address alone (no prefix length). */
  public static String formatAddress(boolean ipv6, BigInteger address) {
    if (!ipv6) {
      long v = address.longValue();
      return (v >>> 24 & 255) + "." + (v >>> 16 & 255) + "." + (v >>> 8 & 255) + "." + (v & 255);
    }
    int[] g = new int[8];
    for (int i = 0; i < 8; i++) {
      g[i] = address.shiftRight(16 * (7 - i)).intValue() & 0xffff;
    }
    int bestStart = -1;
    int bestLength = 1;
    for (int i = 0; i < 8; ) {
      if (g[i] != 0) {
        i++;
        continue;
      }
      int j = i;
      while (j < 8 && g[j] == 0) {
        j++;
      }
      if (j - i > bestLength) {
        bestStart = i;
        bestLength = j - i;
      }
      i = j;
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        sb.append("::");
        i += bestLength - 1;
        continue;
      }
      if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
        sb.append(':');
      }
      sb.append(Integer.toHexString(g[i]));
    }
    return sb.toString().toLowerCase(Locale.ROOT);
  }

  private static String canonical(boolean ipv6, BigInteger address, int prefix) {
    return formatAddress(ipv6, address) + "/" + prefix;
  }
}

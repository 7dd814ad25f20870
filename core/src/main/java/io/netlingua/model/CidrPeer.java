package io.netlingua.model;

import java.util.List;
import java.util.Objects;

/**
 * Addresses outside the cluster: {@code cidr 10.0.0.0/8 [except 10.1.0.0/16, ...]}. A CIDR never matches pod or
 * node addresses in the neutral semantics.
 *
 * @param cidr the prefix
 * @param except prefixes cut out of it, in the order written
 * @param span where the peer was written
 */
public record CidrPeer(Cidr cidr, List<Cidr> except, SourceSpan span) implements Peer {
  public CidrPeer {
    Objects.requireNonNull(cidr, "cidr");
    except = List.copyOf(except);
    Objects.requireNonNull(span, "span");
  }

  public static CidrPeer of(String cidr, String... except) {
    return new CidrPeer(
        Cidr.parse(cidr), java.util.Arrays.stream(except).map(Cidr::parse).toList(), SourceSpan.NONE);
  }

  @Override
  public <R> R accept(Visitor<R> visitor) {
    return visitor.cidr(this);
  }
}

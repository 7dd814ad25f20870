package io.netlingua.emit.lowering;

import io.netlingua.model.Cidr;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A prefix with prefixes cut out of it: the addresses of a {@code cidr ... except ...} peer, of a Kubernetes
 * {@code ipBlock}, a Cilium {@code CIDRSet} or a Calico {@code nets}/{@code notNets} pair. Two prefixes either
 * nest or share no address, which keeps every operation here exact.
 *
 * <p>A block is kept normal: each except lies strictly inside the prefix (Kubernetes rejects an except that is not
 * "a strict subset of `cidr`": kubernetes/kubernetes pkg/apis/networking/validation/validation.go,
 * ValidateIPBlock), no except lies inside another, and the excepts are sorted. A block that would hold no address
 * is not built: the operations return nothing instead.
 *
 * @param cidr the prefix
 * @param except the prefixes cut out of it
 */
public record AddressBlock(Cidr cidr, List<Cidr> except) {

  public AddressBlock {
    Objects.requireNonNull(cidr, "cidr");
    except = List.copyOf(except);
    for (Cidr e : except) {
      if (!cidr.contains(e) || e.prefixLength() == cidr.prefixLength()) {
        throw new IllegalArgumentException(e + " is not strictly inside " + cidr);
      }
    }
  }

  /** The block of a prefix minus some prefixes, normalised; empty when nothing is left. */
  public static Optional<AddressBlock> of(Cidr cidr, List<Cidr> cut) {
    if (covered(cidr, cut)) {
      return Optional.empty();
    }
    List<Cidr> kept = new ArrayList<>();
    for (Cidr c : cut) {
      boolean inside = cidr.contains(c) && !c.equals(cidr);
      boolean outermost = cut.stream().noneMatch(o -> !o.equals(c) && o.contains(c));
      if (inside && outermost && !kept.contains(c)) {
        kept.add(c);
      }
    }
    kept.sort(null);
    return Optional.of(new AddressBlock(cidr, kept));
  }

  /** Whether some address lies in both blocks. */
  public boolean overlaps(AddressBlock other) {
    if (!cidr.overlaps(other.cidr)) {
      return false;
    }
    // The longer prefix lies inside the other; the blocks share an address unless the excepts cover it.
    Cidr inner = cidr.prefixLength() >= other.cidr.prefixLength() ? cidr : other.cidr;
    List<Cidr> cuts = new ArrayList<>(except);
    cuts.addAll(other.except);
    return !covered(inner, cuts);
  }

  /** This block without the addresses of {@code other}: none, one or several blocks (their union). */
  public List<AddressBlock> minus(AddressBlock other) {
    if (!overlaps(other)) {
      return List.of(this);
    }
    List<AddressBlock> out = new ArrayList<>();
    if (!other.cidr.contains(cidr)) {
      // other's prefix lies strictly inside ours: cut it out.
      List<Cidr> cut = new ArrayList<>(except);
      cut.add(other.cidr);
      of(cidr, cut).ifPresent(out::add);
    }
    // What other's excepts keep of it comes back, inside our prefix and without our own excepts.
    for (Cidr kept : other.except) {
      if (cidr.contains(kept) && !kept.equals(cidr)) {
        of(kept, except).ifPresent(out::add);
      }
    }
    return List.copyOf(out);
  }

  /** Whether the prefixes {@code cuts} (which nest or are disjoint) together cover every address of {@code c}. */
  static boolean covered(Cidr c, List<Cidr> cuts) {
    if (cuts.stream().anyMatch(e -> e.contains(c))) {
      return true;
    }
    List<Cidr> inside = cuts.stream().filter(c::contains).toList();
    if (inside.isEmpty()) {
      return false;
    }
    int length = c.prefixLength() + 1;
    BigInteger upper = c.address().setBit(c.bits() - length);
    return covered(new Cidr(c.ipv6(), c.address(), length), inside)
        && covered(new Cidr(c.ipv6(), upper, length), inside);
  }

  @Override
  public String toString() {
    return except.isEmpty() ? cidr.toString() : cidr + " except " + except;
  }
}

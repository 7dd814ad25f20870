package io.netlingua.emit.lowering;

import io.netlingua.model.AllPorts;
import io.netlingua.model.IcmpPort;
import io.netlingua.model.NamedPort;
import io.netlingua.model.Port;
import io.netlingua.model.PortRange;
import io.netlingua.model.Protocol;
import java.util.List;
import java.util.Optional;

/**
 * How the port lists of two rules relate. A list is {@link Optional#empty()} when the rule has no {@code on}
 * clause (every port of every protocol). A named port resolves on the destination pod, so it may stand for any
 * number of its protocol: a number and a name may overlap, and only an equal name is known to cover a name.
 */
public final class PortSets {
  private PortSets() {}

  /** Whether some flow may match a port of both lists. */
  public static boolean mayOverlap(Optional<List<Port>> a, Optional<List<Port>> b) {
    if (a.isEmpty() || b.isEmpty()) {
      return true;
    }
    for (Port x : a.get()) {
      for (Port y : b.get()) {
        if (mayOverlap(x, y)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Whether every flow a port of {@code inner} matches is provably matched by a port of {@code outer}. */
  public static boolean covers(Optional<List<Port>> outer, Optional<List<Port>> inner) {
    if (outer.isEmpty()) {
      return true;
    }
    if (inner.isEmpty()) {
      return false;
    }
    return inner.get().stream().allMatch(i -> outer.get().stream().anyMatch(o -> covers(o, i)));
  }

  private static boolean mayOverlap(Port a, Port b) {
    Optional<Protocol> pa = protocol(a);
    Optional<Protocol> pb = protocol(b);
    if (pa.isEmpty() || pb.isEmpty()) {
      // ICMP: overlaps only ICMP of the same family, and then unless type or code differ.
      return pa.isEmpty() && pb.isEmpty() && icmpOverlap((IcmpPort) a, (IcmpPort) b);
    }
    if (pa.get() != pb.get()) {
      return false;
    }
    if (a instanceof PortRange ra && b instanceof PortRange rb) {
      return ra.first() <= rb.last() && rb.first() <= ra.last();
    }
    return true;
  }

  private static boolean covers(Port outer, Port inner) {
    Optional<Protocol> po = protocol(outer);
    Optional<Protocol> pi = protocol(inner);
    if (po.isEmpty() || pi.isEmpty()) {
      return po.isEmpty() && pi.isEmpty() && icmpCovers((IcmpPort) outer, (IcmpPort) inner);
    }
    if (po.get() != pi.get()) {
      return false;
    }
    if (outer instanceof AllPorts || (outer instanceof PortRange r && r.first() <= 1 && r.last() >= 65535)) {
      // Every port of the protocol, whatever number a name resolves to.
      return true;
    }
    if (outer instanceof PortRange ro && inner instanceof PortRange ri) {
      return ro.first() <= ri.first() && ri.last() <= ro.last();
    }
    return outer instanceof NamedPort no && inner instanceof NamedPort ni && no.name().equals(ni.name());
  }

  private static boolean icmpOverlap(IcmpPort a, IcmpPort b) {
    return a.v6() == b.v6() && agree(a.type(), b.type()) && agree(a.code(), b.code());
  }

  private static boolean icmpCovers(IcmpPort outer, IcmpPort inner) {
    return outer.v6() == inner.v6()
        && (outer.type().isEmpty() || outer.type().equals(inner.type()))
        && (outer.code().isEmpty() || outer.code().equals(inner.code()));
  }

  private static boolean agree(Optional<Integer> a, Optional<Integer> b) {
    return a.isEmpty() || b.isEmpty() || a.equals(b);
  }

  /** The transport protocol of a port; empty for ICMP. */
  private static Optional<Protocol> protocol(Port port) {
    return port.accept(
        new Port.Visitor<Optional<Protocol>>() {
          @Override
          public Optional<Protocol> range(PortRange p) {
            return Optional.of(p.protocol());
          }

          @Override
          public Optional<Protocol> named(NamedPort p) {
            return Optional.of(p.protocol());
          }

          @Override
          public Optional<Protocol> all(AllPorts p) {
            return Optional.of(p.protocol());
          }

          @Override
          public Optional<Protocol> icmp(IcmpPort p) {
            return Optional.empty();
          }
        });
  }
}

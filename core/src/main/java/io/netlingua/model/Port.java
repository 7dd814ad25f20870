package io.netlingua.model;

/** What a rule's {@code on} clause admits: ports of a protocol, a named port, or ICMP. */
public sealed interface Port extends PortTerm permits PortRange, NamedPort, AllPorts, IcmpPort {

  /** Calls the visitor's method for this port's kind. */
  <R> R accept(Visitor<R> visitor);

  /** One method per port kind. */
  interface Visitor<R> {
    R range(PortRange port);

    R named(NamedPort port);

    R all(AllPorts port);

    R icmp(IcmpPort port);
  }
}

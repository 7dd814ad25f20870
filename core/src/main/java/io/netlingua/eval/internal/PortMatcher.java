package io.netlingua.eval.internal;

import io.netlingua.eval.Flow;
import io.netlingua.eval.FlowProtocol;
import io.netlingua.model.AllPorts;
import io.netlingua.model.IcmpPort;
import io.netlingua.model.NamedPort;
import io.netlingua.model.Port;
import io.netlingua.model.PortRange;
import io.netlingua.model.Protocol;
import java.util.Optional;

/** Whether a port of a rule matches a flow (SEMANTICS.md section 1, rules 4 and 6). */
interface PortMatcher {
  boolean matches(Flow flow, End destination);

  /** The matcher of one port. */
  static PortMatcher of(Port port) {
    return port.accept(new Port.Visitor<PortMatcher>() {
      @Override
      public PortMatcher range(PortRange p) {
        return (flow, destination) -> same(p.protocol(), flow)
            && p.first() <= flow.port() && flow.port() <= p.last();
      }

      @Override
      public PortMatcher named(NamedPort p) {
        // Named ports resolve on the destination pod (rule 6): elsewhere they name no port.
        FlowProtocol protocol = flowProtocol(p.protocol());
        return (flow, destination) -> flow.protocol() == protocol && destination.isPod()
            && destination.pod().namedPort(p.name(), protocol).filter(n -> n == flow.port()).isPresent();
      }

      @Override
      public PortMatcher all(AllPorts p) {
        return (flow, destination) -> same(p.protocol(), flow);
      }

      @Override
      public PortMatcher icmp(IcmpPort p) {
        FlowProtocol protocol = p.v6() ? FlowProtocol.ICMPV6 : FlowProtocol.ICMP;
        Optional<Integer> type = p.type();
        Optional<Integer> code = p.code();
        return (flow, destination) -> flow.protocol() == protocol
            && type.map(t -> t == flow.icmpType()).orElse(true)
            && code.map(c -> c == flow.icmpCode()).orElse(true);
      }
    });
  }

  private static boolean same(Protocol protocol, Flow flow) {
    return flow.protocol().portProtocol().filter(protocol::equals).isPresent();
  }

  private static FlowProtocol flowProtocol(Protocol protocol) {
    return switch (protocol) {
      case TCP -> FlowProtocol.TCP;
      case UDP -> FlowProtocol.UDP;
      case SCTP -> FlowProtocol.SCTP;
    };
  }
}

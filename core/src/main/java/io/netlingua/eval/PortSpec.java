package io.netlingua.eval;

import java.util.Objects;
import java.util.Optional;

/**
 * A port of a pod's container or of a Service: an optional name, a number and its protocol.
 *
 * @param name the port's name (resolves the language's named ports), if it has one
 * @param port the port number, 1 to 65535
 * @param protocol tcp, udp or sctp
 */
public record PortSpec(Optional<String> name, int port, FlowProtocol protocol) {
  /** Checks the number and that the protocol has ports. */
  public PortSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(protocol, "protocol");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port " + port + " outside 1..65535");
    }
    if (!protocol.hasPorts()) {
      throw new IllegalArgumentException(protocol.keyword() + " has no ports");
    }
  }

  /** A named port. */
  public static PortSpec named(String name, int port, FlowProtocol protocol) {
    return new PortSpec(Optional.of(name), port, protocol);
  }

  /** An unnamed port. */
  public static PortSpec of(int port, FlowProtocol protocol) {
    return new PortSpec(Optional.empty(), port, protocol);
  }
}

package io.netlingua.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code [log] allow|deny from|to PEERS [on PORTS] [{ L7 }]}. The direction is that of the block holding the rule.
 *
 * @param action allow or deny
 * @param log whether the target is asked to log matching traffic (changes no verdict)
 * @param peerTerms the peers as written ({@code let} references kept); see {@link #peers()}
 * @param portTerms the ports as written; empty when there is no {@code on} clause (every port and protocol)
 * @param l7 the L7 block, if any (only on allow rules with ports)
 * @param span where the rule was written
 */
public record Rule(
    Action action, boolean log, List<PeerTerm> peerTerms, List<PortTerm> portTerms, Optional<L7Block> l7,
    SourceSpan span) {

  public Rule {
    Objects.requireNonNull(action, "action");
    peerTerms = List.copyOf(peerTerms);
    portTerms = List.copyOf(portTerms);
    Objects.requireNonNull(l7, "l7");
    Objects.requireNonNull(span, "span");
  }

  /** The peers the rule names, flattened and without duplicates. */
  public List<Peer> peers() {
    return Peers.flatten(peerTerms);
  }

  /** The ports the rule names, flattened; empty means every port and protocol. */
  public List<Port> ports() {
    return Ports.flatten(portTerms);
  }

  /** Whether the rule admits every port and protocol (no {@code on} clause). */
  public boolean allPorts() {
    return portTerms.isEmpty();
  }

  /** Starts an allow rule towards or from these peers. */
  public static Builder allow(PeerTerm... peers) {
    return new Builder(Action.ALLOW, peers);
  }

  /** Starts a deny rule towards or from these peers. */
  public static Builder deny(PeerTerm... peers) {
    return new Builder(Action.DENY, peers);
  }

  /** Builds a rule. */
  public static final class Builder {
    private final Action action;
    private final List<PeerTerm> peers;
    private final List<PortTerm> ports = new ArrayList<>();
    private boolean log;
    private Optional<L7Block> l7 = Optional.empty();

    private Builder(Action action, PeerTerm... peers) {
      this.action = action;
      this.peers = Arrays.asList(peers);
    }

    public Builder on(PortTerm... ports) {
      this.ports.addAll(Arrays.asList(ports));
      return this;
    }

    public Builder log() {
      this.log = true;
      return this;
    }

    public Builder l7(L7Block block) {
      this.l7 = Optional.of(block);
      return this;
    }

    public Rule build() {
      return new Rule(action, log, peers, ports, l7, SourceSpan.NONE);
    }
  }
}

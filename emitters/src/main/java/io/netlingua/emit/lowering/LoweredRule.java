package io.netlingua.emit.lowering;

import io.netlingua.model.Port;
import io.netlingua.model.SourceSpan;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An allow rule after lowering: what the target will say. No list is ever empty, since in Kubernetes an empty
 * {@code from}/{@code to}/{@code ports} means "all" ("If this field is empty or missing, this rule matches all
 * sources": NetworkPolicyIngressRule.from, networking.k8s.io/v1 API reference); "all" is said with an absent list.
 *
 * @param peers the peers; empty when the rule admits every peer ({@code any})
 * @param ports the ports; empty when the rule admits every port and protocol (no {@code on})
 * @param span where the source rule was written
 */
public record LoweredRule(Optional<List<LoweredPeer>> peers, Optional<List<Port>> ports, SourceSpan span) {

  public LoweredRule {
    peers = peers.map(List::copyOf);
    ports = ports.map(List::copyOf);
    Objects.requireNonNull(span, "span");
    if (peers.filter(List::isEmpty).isPresent() || ports.filter(List::isEmpty).isPresent()) {
      throw new IllegalArgumentException("a lowered rule never holds an empty list: absent means all");
    }
  }

  /** The same rule with other peers; empty when none is left (the rule then allows nothing: leave it out). */
  public Optional<LoweredRule> withPeers(List<LoweredPeer> newPeers) {
    return newPeers.isEmpty() ? Optional.empty() : Optional.of(new LoweredRule(Optional.of(newPeers), ports, span));
  }

  /** The same rule on other ports (a non-empty list). */
  public LoweredRule withPorts(List<Port> newPorts) {
    return new LoweredRule(peers, Optional.of(newPorts), span);
  }
}

package io.netlingua.emit.lowering;

import java.util.Objects;

/**
 * A peer of an allow rule after lowering, in the two forms every target has: pods by labels, or addresses. What a
 * target cannot say in these forms (names, services, entities it lacks) is reported and left out before this.
 */
public sealed interface LoweredPeer permits LoweredPeer.Pods, LoweredPeer.Addresses {

  /** Calls the visitor's method for this peer's form. */
  <R> R accept(Visitor<R> visitor);

  /** One method per form. */
  interface Visitor<R> {
    R pods(Pods peer);

    R addresses(Addresses peer);
  }

  /**
   * Pods chosen by namespace and pod labels.
   *
   * @param pods which pods
   */
  record Pods(PodSet pods) implements LoweredPeer {
    public Pods {
      Objects.requireNonNull(pods, "pods");
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.pods(this);
    }
  }

  /**
   * Addresses: a prefix with excepts.
   *
   * @param block the addresses
   */
  record Addresses(AddressBlock block) implements LoweredPeer {
    public Addresses {
      Objects.requireNonNull(block, "block");
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.addresses(this);
    }
  }
}

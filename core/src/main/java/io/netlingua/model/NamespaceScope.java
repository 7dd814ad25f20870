package io.netlingua.model;

import java.util.Objects;

/** Which namespaces a {@link PodPeer} looks in. */
public sealed interface NamespaceScope {

  /**
   * The namespace of the policy that uses the peer (no {@code in} clause); in a cluster policy, every namespace.
   * Kept relative in the model so that a {@code let} stays a macro.
   */
  record PolicyNamespace() implements NamespaceScope {}

  /** {@code in namespace NAME}. */
  record Named(String name) implements NamespaceScope {
    public Named {
      Objects.requireNonNull(name, "name");
    }
  }

  /** {@code in namespaces(SELECTOR)}: every namespace whose labels match. */
  record Selected(LabelSelector selector) implements NamespaceScope {
    public Selected {
      Objects.requireNonNull(selector, "selector");
    }
  }

  /** {@code in any namespace}. */
  record AnyNamespace() implements NamespaceScope {}

  /** The scope without an {@code in} clause. */
  NamespaceScope POLICY = new PolicyNamespace();

  /** Every namespace. */
  NamespaceScope ANY = new AnyNamespace();

  /** {@code in namespace NAME}. */
  static NamespaceScope named(String name) {
    return new Named(name);
  }

  /** {@code in namespaces(SELECTOR)}. */
  static NamespaceScope selected(LabelSelector selector) {
    return new Selected(selector);
  }
}

package io.netlingua.model;

import java.util.Objects;

/**
 * Pods chosen by labels in some namespaces: {@code pods}, {@code pods(SELECTOR)}, {@code ... in namespace NS},
 * {@code ... in namespaces(SELECTOR)}, {@code ... in any namespace}, and the short forms {@code namespace NS} and
 * {@code namespaces(SELECTOR)} (every pod of those namespaces).
 *
 * @param pods which pods; {@link LabelSelector#ALL} for every pod
 * @param namespaces which namespaces
 * @param span where the peer was written
 */
public record PodPeer(LabelSelector pods, NamespaceScope namespaces, SourceSpan span) implements Peer {
  public PodPeer {
    Objects.requireNonNull(pods, "pods");
    Objects.requireNonNull(namespaces, "namespaces");
    Objects.requireNonNull(span, "span");
  }

  /** Pods of the policy's namespace whose labels match. */
  public static PodPeer of(LabelSelector pods) {
    return new PodPeer(pods, NamespaceScope.POLICY, SourceSpan.NONE);
  }

  /** Pods of the named namespace whose labels match. */
  public static PodPeer inNamespace(LabelSelector pods, String namespace) {
    return new PodPeer(pods, NamespaceScope.named(namespace), SourceSpan.NONE);
  }

  /** Every pod of the named namespace ({@code namespace NS}). */
  public static PodPeer namespace(String namespace) {
    return inNamespace(LabelSelector.ALL, namespace);
  }

  @Override
  public <R> R accept(Visitor<R> visitor) {
    return visitor.pods(this);
  }
}

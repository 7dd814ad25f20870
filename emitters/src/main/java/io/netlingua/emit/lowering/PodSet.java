package io.netlingua.emit.lowering;

import io.netlingua.model.LabelSelector;
import io.netlingua.model.NamespaceScope;
import io.netlingua.model.Peer;
import io.netlingua.model.PodPeer;
import io.netlingua.model.Policy;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Pods chosen by the labels of their namespace and their own labels: what a policy governs, or what a pod
 * peer names, in a form every target can compare. A namespace named by its name is the selector {@code
 * kubernetes.io/metadata.name=NAME}: the control plane sets that label, immutably, on every namespace
 * (Kubernetes documentation, "Targeting a Namespace by its name",
 * kubernetes.io/docs/concepts/services-networking/network-policies/#targeting-a-namespace-by-its-name).
 *
 * @param namespaces the namespaces, by their labels ({@link LabelSelector#ALL}: every namespace)
 * @param pods the pods in those namespaces, by their labels
 */
public record PodSet(LabelSelector namespaces, LabelSelector pods) {
  /** The label the control plane puts on every namespace, holding the namespace's name. */
  public static final String NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";

  public PodSet {
    Objects.requireNonNull(namespaces, "namespaces");
    Objects.requireNonNull(pods, "pods");
  }

  /** The pods a pod peer names, seen from a policy (a cluster policy's peer without a scope: every namespace). */
  public static PodSet of(Policy policy, PodPeer peer) {
    return scoped(policy, peer.namespaces(), peer.pods());
  }

  /** The pods each entry of a policy's subject governs, in entry order (the checker admits only pods there). */
  public static List<PodSet> subject(Policy policy) {
    List<PodSet> out = new ArrayList<>();
    for (Peer p : policy.subject().peers()) {
      out.add(of(policy, (PodPeer) p));
    }
    return out;
  }

  /** The pods of a scope that a selector matches, seen from a policy. */
  public static PodSet scoped(Policy policy, NamespaceScope scope, LabelSelector pods) {
    if (scope instanceof NamespaceScope.Named named) {
      return inNamespace(named.name(), pods);
    }
    if (scope instanceof NamespaceScope.Selected selected) {
      return new PodSet(selected.selector(), pods);
    }
    if (scope instanceof NamespaceScope.PolicyNamespace && policy.namespace().isPresent()) {
      return inNamespace(policy.namespace().get(), pods);
    }
    // In any namespace, or unscoped in a cluster policy.
    return new PodSet(LabelSelector.ALL, pods);
  }

  /** The pods of one namespace, named by its name, that the selector matches. */
  public static PodSet inNamespace(String namespace, LabelSelector pods) {
    return new PodSet(namespaceNamed(namespace), pods);
  }

  /** The selector of the namespace of that name. */
  public static LabelSelector namespaceNamed(String namespace) {
    return LabelSelector.builder().equal(NAMESPACE_NAME_LABEL, namespace).build();
  }

  /** Whether some pod may belong to both sets; {@code false} means provably disjoint. */
  public boolean mayOverlap(PodSet other) {
    return Selectors.mayOverlap(namespaces, other.namespaces) && Selectors.mayOverlap(pods, other.pods);
  }

  /** Whether every pod of this set is provably in {@code other}. */
  public boolean within(PodSet other) {
    return Selectors.matchesNothing(namespaces) || Selectors.matchesNothing(pods)
        || (Selectors.within(namespaces, other.namespaces) && Selectors.within(pods, other.pods));
  }

  /** Whether the set holds only pods of the named namespace, and the namespace selector says nothing more. */
  public boolean isOnlyNamespace(String namespace) {
    return namespaces.equals(namespaceNamed(namespace));
  }
}

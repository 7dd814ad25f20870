package io.netlingua.emit.cilium;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netlingua.emit.lowering.SelectorForm;
import io.netlingua.model.LabelSelector;
import io.netlingua.model.NamespaceScope;
import io.netlingua.model.Policy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Cilium endpoint selectors: label selectors over endpoint identity labels (TARGETS.md section 2.3).
 *
 * <p>A pod label {@code app} is the identity label {@code k8s:app}: the {@code k8s:} source is where Cilium puts a
 * pod's Kubernetes labels, and the form its own NetworkPolicy translator writes (cilium/cilium
 * {@code pkg/k8s/network_policy.go} {@code parseNetworkPolicyPeer}, {@code labels.LabelSourceK8sKeyPrefix}), so that
 * a label of another source never matches. The namespace is the label {@code k8s:io.kubernetes.pod.namespace},
 * namespace labels {@code k8s:io.cilium.k8s.namespace.labels.KEY}, the service account
 * {@code k8s:io.cilium.k8s.policy.serviceaccount}.
 *
 * <p>In a CiliumNetworkPolicy a peer selector is pinned to the policy's namespace unless it has a term on
 * {@code io.kubernetes.pod.namespace} or on an {@code io.cilium.k8s.namespace.labels.} key, whatever its operator
 * (cilium/cilium {@code pkg/k8s/apis/cilium.io/utils/utils.go} {@code getEndpointSelector} @
 * 0457444e30a73b24be023235d4cc57a419c892ce; namespace labels honoured in a CNP from 1.16, cilium/cilium#30650). An
 * unpinned selector without a positive term that reserved identities lack also matches world, host, remote-node,
 * ingress and kube-apiserver (cilium/cilium#46949): so every selector not pinned to one namespace gets
 * {@code k8s:io.kubernetes.pod.namespace Exists}, which only endpoints in a namespace (pods) carry.
 */
final class EndpointSelectors {
  static final String NAMESPACE = "k8s:io.kubernetes.pod.namespace";
  static final String NAMESPACE_LABELS = "k8s:io.cilium.k8s.namespace.labels.";
  static final String SERVICE_ACCOUNT = "k8s:io.cilium.k8s.policy.serviceaccount";
  static final String POD_LABEL = "k8s:";

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private EndpointSelectors() {}

  /**
   * The selector of pods: {@code pods} in the namespaces of {@code scope}, seen from {@code policy} (a
   * CiliumNetworkPolicy for a namespaced policy, a CiliumClusterwideNetworkPolicy for a cluster policy).
   */
  static ObjectNode pods(Policy policy, NamespaceScope scope, LabelSelector pods) {
    List<Term> terms = new ArrayList<>(terms(POD_LABEL, pods));
    terms.addAll(namespace(policy, scope));
    return selector(terms);
  }

  /** The selector of the pods that run as a service account, in the namespaces of {@code scope}. */
  static ObjectNode serviceAccount(Policy policy, NamespaceScope scope, String name) {
    List<Term> terms = new ArrayList<>();
    terms.add(Term.equal(SERVICE_ACCOUNT, name));
    terms.addAll(namespace(policy, scope));
    return selector(terms);
  }

  /** Every pod of every namespace (and nothing else: no reserved identity carries a namespace). */
  static ObjectNode everyPod() {
    return selector(List.of(Term.exists(NAMESPACE)));
  }

  /** The namespace terms of a scope; none where Cilium pins the selector to the policy's own namespace. */
  private static List<Term> namespace(Policy policy, NamespaceScope scope) {
    Optional<String> own = policy.namespace();
    if (scope instanceof NamespaceScope.Named named) {
      return own.filter(named.name()::equals).isPresent()
          ? List.of()
          : List.of(Term.equal(NAMESPACE, named.name()));
    }
    if (scope instanceof NamespaceScope.Selected selected) {
      List<Term> out = new ArrayList<>(terms(NAMESPACE_LABELS, selected.selector()));
      out.add(Term.exists(NAMESPACE));
      return out;
    }
    if (scope instanceof NamespaceScope.PolicyNamespace && own.isPresent()) {
      return List.of();
    }
    // Any namespace, or a cluster policy's peer without a namespace.
    return List.of(Term.exists(NAMESPACE));
  }

  /** The terms of a label selector, each key under a prefix. */
  private static List<Term> terms(String prefix, LabelSelector selector) {
    SelectorForm form = SelectorForm.of(selector);
    List<Term> out = new ArrayList<>();
    form.matchLabels().forEach((k, v) -> out.add(Term.equal(prefix + k, v)));
    for (SelectorForm.Expression e : form.matchExpressions()) {
      out.add(new Term(prefix + e.key(), e.operator(), e.values()));
    }
    return out;
  }

  /** A selector tree: {@code matchLabels} sorted by key, then {@code matchExpressions} in order. */
  private static ObjectNode selector(List<Term> terms) {
    ObjectNode out = JSON.objectNode();
    ObjectNode labels = JSON.objectNode();
    ArrayNode expressions = JSON.arrayNode();
    terms.stream().filter(t -> t.operator().equals("=")).sorted((a, b) -> a.key().compareTo(b.key()))
        .forEach(t -> labels.put(t.key(), t.values().get(0)));
    for (Term t : terms) {
      if (!t.operator().equals("=")) {
        ObjectNode e = expressions.addObject();
        e.put("key", t.key());
        e.put("operator", t.operator());
        if (!t.values().isEmpty()) {
          ArrayNode values = e.putArray("values");
          t.values().forEach(values::add);
        }
      }
    }
    if (!labels.isEmpty()) {
      out.set("matchLabels", labels);
    }
    if (!expressions.isEmpty()) {
      out.set("matchExpressions", expressions);
    }
    return out;
  }

  /**
   * One term: {@code =} (a matchLabels pair) or a matchExpressions operator.
   *
   * @param key the identity label key
   * @param operator {@code =}, {@code In}, {@code NotIn}, {@code Exists}, {@code DoesNotExist}
   * @param values the values
   */
  private record Term(String key, String operator, List<String> values) {
    static Term equal(String key, String value) {
      return new Term(key, "=", List.of(value));
    }

    static Term exists(String key) {
      return new Term(key, "Exists", List.of());
    }
  }
}

package io.netlingua.emit.cilium;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * An endpoint selector as the agent holds it once a policy is parsed: {@code matchLabels} and
 * {@code matchExpressions} (operators In, NotIn, Exists, DoesNotExist) over the labels of an {@link Identity}, with
 * the namespace terms the agent adds (cilium/cilium {@code pkg/k8s/apis/cilium.io/utils/utils.go}
 * {@code ParseToCiliumRule} and {@code getEndpointSelector}, 1.18 at 0457444e30a73b24be023235d4cc57a419c892ce).
 * An empty selector matches every identity, reserved ones included.
 *
 * @param terms every term, all of which must hold
 */
record IdentitySelector(List<Term> terms) {
  private static final String NAMESPACE_KEY = Identity.K8S + ":" + Identity.NAMESPACE;

  /**
   * One requirement on one label key ({@code source:key} as written, a bare key meaning any source); a
   * {@code matchLabels} entry has the operator {@code Equals}.
   */
  record Term(String key, String operator, Set<String> values) {
    boolean holds(Identity identity) {
      Optional<String> value = identity.value(key);
      return switch (operator) {
        case "Equals", "In" -> value.filter(values::contains).isPresent();
        case "NotIn" -> value.filter(values::contains).isEmpty();
        case "Exists" -> value.isPresent();
        case "DoesNotExist" -> value.isEmpty();
        default -> throw new IllegalStateException(operator);
      };
    }

    /** The key without its source, and whether its source is one the agent's namespace checks look at. */
    private String bareKey() {
      int colon = key.indexOf(':');
      return colon < 0 ? key : key.substring(colon + 1);
    }

    private String source() {
      int colon = key.indexOf(':');
      return colon < 0 ? Identity.ANY : key.substring(0, colon);
    }
  }

  IdentitySelector {
    terms = List.copyOf(terms);
  }

  boolean matches(Identity identity) {
    for (Term t : terms) {
      if (!t.holds(identity)) {
        return false;
      }
    }
    return true;
  }

  /**
   * A Kubernetes label selector as written.
   *
   * @throws IllegalArgumentException for an operator outside the four, or values where the operator takes none
   */
  static IdentitySelector read(JsonNode selector, String place) {
    List<Term> terms = new ArrayList<>();
    if (selector == null || selector.isNull()) {
      return new IdentitySelector(terms);
    }
    JsonNode labels = selector.path("matchLabels");
    for (Iterator<Map.Entry<String, JsonNode>> it = labels.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      terms.add(new Term(e.getKey(), "Equals", Set.of(e.getValue().asText())));
    }
    for (JsonNode expression : selector.path("matchExpressions")) {
      String operator = expression.path("operator").asText();
      Set<String> values = new TreeSet<>();
      expression.path("values").forEach(v -> values.add(v.asText()));
      if (!List.of("In", "NotIn", "Exists", "DoesNotExist").contains(operator)) {
        throw new IllegalArgumentException(place + ": operator '" + operator + "' is not a label selector operator");
      }
      terms.add(new Term(expression.path("key").asText(), operator, values));
    }
    return new IdentitySelector(terms);
  }

  /**
   * The subject of a spec ({@code endpointSelector}): in a CiliumNetworkPolicy the agent sets
   * {@code k8s:io.kubernetes.pod.namespace} to the policy's namespace, replacing any namespace the selector names
   * ("EndpointSelector always applies in namespace of the policy resource"); a clusterwide policy's subject is
   * kept as written.
   */
  IdentitySelector subject(Optional<String> policyNamespace) {
    if (policyNamespace.isEmpty()) {
      return this;
    }
    List<Term> out = new ArrayList<>();
    for (Term t : terms) {
      if (!(t.key().equals(NAMESPACE_KEY) && t.operator().equals("Equals"))) {
        out.add(t);
      }
    }
    out.add(new Term(NAMESPACE_KEY, "Equals", Set.of(policyNamespace.get())));
    return new IdentitySelector(out);
  }

  /**
   * A peer ({@code fromEndpoints}, {@code toEndpoints}), as {@code getEndpointSelector} pins it. A selector with a
   * {@code reserved:} key is kept as written. A selector with a term of any operator on
   * {@code io.kubernetes.pod.namespace} ({@code k8s:} or {@code any:} source, or no source) is not pinned, so a
   * negative term there also matches reserved identities, which have no namespace (cilium/cilium#46949). Otherwise
   * a clusterwide policy adds {@code k8s:io.kubernetes.pod.namespace Exists}, and a namespaced one the policy's
   * namespace unless the selector has a {@code io.cilium.k8s.namespace.labels.} key.
   */
  IdentitySelector peer(Optional<String> policyNamespace, boolean subjectMatchesInit) {
    boolean reserved = terms.stream().anyMatch(t -> t.source().equals(Identity.RESERVED));
    if (reserved || terms.stream().anyMatch(t -> namespaceSource(t) && t.bareKey().equals(Identity.NAMESPACE))) {
      return this;
    }
    List<Term> out = new ArrayList<>(terms);
    if (policyNamespace.isEmpty()) {
      if (subjectMatchesInit) {
        return this;
      }
      out.add(new Term(NAMESPACE_KEY, "Exists", Set.of()));
    } else if (terms.stream().noneMatch(t -> namespaceSource(t) && t.bareKey().startsWith(Identity.NAMESPACE_LABELS))) {
      out.add(new Term(NAMESPACE_KEY, "Equals", Set.of(policyNamespace.get())));
    }
    return new IdentitySelector(out);
  }

  /** Whether the subject selects initialising endpoints ({@code reserved:init}), which keeps peers unpinned. */
  boolean matchesInit() {
    return terms.stream().anyMatch(t -> t.key().equals(Identity.RESERVED + ":init"));
  }

  private static boolean namespaceSource(Term t) {
    return t.source().equals(Identity.K8S) || t.source().equals(Identity.ANY);
  }
}

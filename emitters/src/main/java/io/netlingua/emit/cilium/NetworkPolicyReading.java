package io.netlingua.emit.cilium;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.networking.v1.IPBlock;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicySpec;
import io.netlingua.emit.cilium.CiliumPolicy.CidrRule;
import io.netlingua.emit.cilium.CiliumPolicy.Endpoints;
import io.netlingua.emit.cilium.CiliumPolicy.Peer;
import io.netlingua.emit.cilium.CiliumPolicy.PeerRule;
import io.netlingua.emit.cilium.CiliumPolicy.Port;
import io.netlingua.emit.cilium.CiliumPolicy.PortRule;
import io.netlingua.emit.cilium.CiliumPolicy.Section;
import io.netlingua.emit.cilium.CiliumPolicy.Spec;
import io.netlingua.emit.cilium.IdentitySelector.Term;
import io.netlingua.emit.lowering.ObjectMetadata;
import io.netlingua.eval.Verdict.PolicyRef;
import io.netlingua.model.Cidr;
import io.netlingua.model.SourceSpan;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A {@code networking.k8s.io/v1} NetworkPolicy as the Cilium 1.18 agent holds it: the rule its own translator
 * makes of it, cilium/cilium {@code pkg/k8s/network_policy.go} ({@code ParseNetworkPolicy},
 * {@code parseNetworkPolicyPeer}, {@code parsePodSelector}, {@code ipBlockToCIDRRule}, {@code parsePorts}),
 * followed by {@code api.Rule.Sanitize} ({@code pkg/policy/api/rule_validation.go}). Read as vendored by
 * cilium/cilium-cli at v0.18.4 ({@code 1b7d896867915408ba988af5bd985a01d221a93e}, which requires cilium v1.18.0-pre.3)
 * and at v0.18.6 ({@code 56353b25339b91b69ba53d92a85565d5bb02dd5c}, cilium main of 2025-07-30, after v1.18.0): the
 * file is the same at both, so it is the one of v1.18.0. The result is a {@link CiliumPolicy} that
 * {@link AgentJudge} judges with the matching code of the Cilium objects (identities, selectors, CIDR rules, ports,
 * named ports, allow-localhost, Service addresses). The rules, each marked in the code:
 *
 * <ol>
 *   <li>the subject is the {@code podSelector} with {@code k8s:} keys and {@code k8s:io.kubernetes.pod.namespace}
 *       set to the policy's namespace ({@code default} when it has none), replacing a {@code matchLabels} value of
 *       that key ({@code parsePodSelector});
 *   <li>each {@code ingress} (and {@code egress}) entry with peers becomes one Cilium rule per peer, each with
 *       all the entry's ports; an entry whose {@code from} ({@code to}) is absent or empty becomes one rule whose
 *       peer is the wildcard endpoint selector, which matches every identity, reserved ones included;
 *   <li>a peer with a {@code namespaceSelector} becomes an endpoint selector of its terms on
 *       {@code k8s:io.cilium.k8s.namespace.labels.KEY} ({@code k8s:io.kubernetes.pod.namespace Exists} when it has
 *       none: {@code {}} is every namespace) and of the peer's {@code podSelector} terms, not pinned to a
 *       namespace; a peer with only a {@code podSelector} is pinned to the policy's namespace; with the agent's
 *       default {@code policy-default-local-cluster=false} no cluster term is added
 *       ({@code cmtypes.LocalClusterNameForPolicies} gives {@code PolicyAnyCluster});
 *   <li>an {@code ipBlock} becomes a {@code fromCIDRSet}/{@code toCIDRSet} entry with its {@code except}, which
 *       matches world identities only (never pods or nodes, {@code policy-cidr-match-mode} empty);
 *   <li>a port becomes a {@code toPorts} entry of one port: the protocol ({@code TCP} when absent), the number or
 *       the name (lower-cased, {@code PortProtocol.sanitize}), {@code 0} (every port) when absent, and
 *       {@code endPort}; an entry without ports has no {@code toPorts}, so it allows every protocol, ICMP included;
 *   <li>when no ingress rule came out and {@code policyTypes} holds {@code Ingress} or lacks {@code Egress} (so
 *       also when it is absent), the rule gets one empty ingress rule {@code {}}, which isolates and allows
 *       nothing; when no egress rule came out and {@code policyTypes} holds {@code Egress}, one empty egress rule.
 *       {@code ingress: []} and an absent {@code ingress} are the same (the loop runs over no entry). The
 *       {@code ingress} entries are translated whatever {@code policyTypes} says, and so are the egress ones;
 *   <li>{@code Sanitize} (with {@code enable-non-default-deny-policies}, default true): a direction with a rule
 *       isolates; a peer that combines {@code FromEndpoints} and {@code FromCIDRSet} is refused ("combining ... is
 *       not supported yet"), and then the whole NetworkPolicy enforces nothing (the API server refuses such a peer
 *       first).
 * </ol>
 */
final class NetworkPolicyReading {
  /** The kind a refusal names. */
  static final String KIND = "NetworkPolicy";

  private static final String NAMESPACE_KEY = Identity.K8S + ":" + Identity.NAMESPACE;

  private NetworkPolicyReading() {}

  /**
   * What the agent holds of one NetworkPolicy.
   *
   * @param ref how verdicts name it
   * @param policy the rule it became, or empty when the agent refused it
   * @param refusal why it was refused
   * @param subject its subject, which a refusal note uses
   */
  record Read(PolicyRef ref, Optional<CiliumPolicy> policy, Optional<String> refusal, IdentitySelector subject) {}

  /**
   * Reads a NetworkPolicy.
   *
   * @param np the object
   * @param documentSource the document's source, the place when the object has no {@code netlingua.io/source}
   */
  static Read read(NetworkPolicy np, SourceSpan documentSource) {
    String namespace = np.getMetadata().getNamespace() == null || np.getMetadata().getNamespace().isEmpty()
        ? "default" : np.getMetadata().getNamespace();
    PolicyRef ref = new PolicyRef(np.getMetadata().getName(), Optional.of(namespace),
        ObjectMetadata.source(np.getMetadata().getAnnotations(), documentSource));
    NetworkPolicySpec spec = np.getSpec();
    // Rule 1: the subject, pinned to the namespace (parsePodSelector).
    IdentitySelector subject = podSelector(spec == null ? null : spec.getPodSelector(), namespace);
    if (spec == null) {
      spec = new NetworkPolicySpec();
    }
    List<PeerRule> ingresses = new ArrayList<>();
    List<PeerRule> egresses = new ArrayList<>();
    try {
      int i = 0;
      for (NetworkPolicyIngressRule r : nullToEmpty(spec.getIngress())) {
        ingresses.addAll(rules(r.getFrom(), r.getPorts(), namespace, "spec.ingress[" + i++ + "]", "from"));
      }
      i = 0;
      for (NetworkPolicyEgressRule r : nullToEmpty(spec.getEgress())) {
        egresses.addAll(rules(r.getTo(), r.getPorts(), namespace, "spec.egress[" + i++ + "]", "to"));
      }
    } catch (IllegalArgumentException refused) {
      return new Read(ref, Optional.empty(), Optional.of(refused.getMessage()), subject);
    }
    // Rule 6: the Kubernetes default deny as Cilium's, from policyTypes.
    List<String> types = nullToEmpty(spec.getPolicyTypes());
    if (ingresses.isEmpty() && (types.contains("Ingress") || !types.contains("Egress"))) {
      ingresses.add(new PeerRule("spec (default deny)", true, List.of(), List.of(), List.of()));
    }
    if (egresses.isEmpty() && types.contains("Egress")) {
      egresses.add(new PeerRule("spec (default deny)", true, List.of(), List.of(), List.of()));
    }
    Map<Section, List<PeerRule>> sections = new EnumMap<>(Section.class);
    sections.put(Section.INGRESS, List.copyOf(ingresses));
    sections.put(Section.INGRESS_DENY, List.of());
    sections.put(Section.EGRESS, List.copyOf(egresses));
    sections.put(Section.EGRESS_DENY, List.of());
    // Rule 7: Sanitize's EnableDefaultDeny, a direction with a rule isolates.
    Spec rule = new Spec(subject, sections, !ingresses.isEmpty(), !egresses.isEmpty());
    return new Read(ref, Optional.of(new CiliumPolicy(ref, List.of(rule))), Optional.empty(), subject);
  }

  /** Rule 2: one Cilium rule per peer of an entry (one wildcard rule without peers), each with all its ports. */
  private static List<PeerRule> rules(
      List<NetworkPolicyPeer> peers, List<NetworkPolicyPort> ports, String namespace, String place, String field) {
    List<PortRule> toPorts = ports(nullToEmpty(ports));
    List<PeerRule> out = new ArrayList<>();
    if (peers == null || peers.isEmpty()) {
      out.add(new PeerRule(place, false, List.of(new Endpoints(new IdentitySelector(List.of()))), toPorts,
          List.of()));
      return out;
    }
    int i = 0;
    for (NetworkPolicyPeer peer : peers) {
      String at = place + "." + field + "[" + i++ + "]";
      List<Peer> l3 = new ArrayList<>();
      peer(peer, namespace).ifPresent(s -> l3.add(new Endpoints(s)));
      if (peer.getIpBlock() != null) {
        if (!l3.isEmpty()) {
          // Sanitize, IngressCommonRule/EgressCommonRule: the two L3 members cannot be combined.
          throw new IllegalArgumentException(at + ": combining " + (field.equals("from") ? "FromEndpoints and"
              + " FromCIDRSet" : "ToEndpoints and ToCIDRSet") + " is not supported yet");
        }
        l3.add(cidrRule(peer.getIpBlock(), at));
      }
      // A peer with neither (which the API server refuses) leaves a rule with no L3 field: every peer, with ports.
      out.add(new PeerRule(at, l3.isEmpty(), List.copyOf(l3), toPorts, List.of()));
    }
    return out;
  }

  /** Rule 3: parseNetworkPolicyPeer. */
  private static Optional<IdentitySelector> peer(NetworkPolicyPeer peer, String namespace) {
    if (peer.getNamespaceSelector() != null) {
      List<Term> terms = terms(peer.getNamespaceSelector(), Identity.K8S + ":" + Identity.NAMESPACE_LABELS);
      if (terms.isEmpty()) {
        // allowAllNamespacesRequirement: an empty namespace selector selects every namespace.
        terms.add(new Term(NAMESPACE_KEY, "Exists", Set.of()));
      }
      terms.addAll(terms(peer.getPodSelector()));
      return Optional.of(new IdentitySelector(terms));
    }
    if (peer.getPodSelector() != null) {
      return Optional.of(podSelector(peer.getPodSelector(), namespace));
    }
    return Optional.empty();
  }

  /** parsePodSelector: the selector's terms, the namespace label set to the policy's namespace. */
  private static IdentitySelector podSelector(LabelSelector selector, String namespace) {
    List<Term> terms = new ArrayList<>();
    for (Term t : terms(selector)) {
      if (!(t.key().equals(NAMESPACE_KEY) && t.operator().equals("Equals"))) {
        terms.add(t);
      }
    }
    terms.add(new Term(NAMESPACE_KEY, "Equals", Set.of(namespace)));
    return new IdentitySelector(terms);
  }

  /** NewESFromK8sLabelSelector with the {@code k8s.} source prefix: every key becomes {@code k8s:KEY}. */
  private static List<Term> terms(LabelSelector selector) {
    return terms(selector, Identity.K8S + ":");
  }

  /** A label selector's terms, each key behind {@code prefix} (a source, or the namespace labels' own prefix). */
  private static List<Term> terms(LabelSelector selector, String prefix) {
    List<Term> terms = new ArrayList<>();
    if (selector == null) {
      return terms;
    }
    if (selector.getMatchLabels() != null) {
      selector.getMatchLabels().forEach((k, v) -> terms.add(new Term(prefix + k, "Equals", Set.of(v))));
    }
    for (LabelSelectorRequirement r : nullToEmpty(selector.getMatchExpressions())) {
      terms.add(term(prefix + r.getKey(), r));
    }
    return terms;
  }

  private static Term term(String key, LabelSelectorRequirement r) {
    String operator = r.getOperator();
    if (!List.of("In", "NotIn", "Exists", "DoesNotExist").contains(operator)) {
      throw new IllegalArgumentException("operator '" + operator + "' is not a label selector operator");
    }
    return new Term(key, operator, new TreeSet<>(nullToEmpty(r.getValues())));
  }

  /** Rule 4: ipBlockToCIDRRule. */
  private static CidrRule cidrRule(IPBlock block, String place) {
    try {
      List<Cidr> except = new ArrayList<>();
      for (String e : nullToEmpty(block.getExcept())) {
        except.add(Cidr.parse(e));
      }
      return new CidrRule(Cidr.parse(block.getCidr()), List.copyOf(except));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(place + ".ipBlock: unable to parse CIDRRule: " + e.getMessage(), e);
    }
  }

  /** Rule 5: parsePorts, then PortProtocol.sanitize. */
  private static List<PortRule> ports(List<NetworkPolicyPort> ports) {
    List<PortRule> out = new ArrayList<>();
    for (NetworkPolicyPort p : ports) {
      String protocol = p.getProtocol() == null ? "TCP" : p.getProtocol().toUpperCase(Locale.ROOT);
      int endPort = p.getEndPort() == null ? 0 : p.getEndPort();
      IntOrString port = p.getPort();
      Port one;
      if (port == null) {
        one = new Port(Optional.of(0), endPort, Optional.empty(), protocol);
      } else if (port.getStrVal() != null && !port.getStrVal().chars().allMatch(Character::isDigit)) {
        one = new Port(Optional.empty(), 0, Optional.of(port.getStrVal().toLowerCase(Locale.ROOT)), protocol);
      } else {
        int number = port.getStrVal() != null ? Integer.parseInt(port.getStrVal()) : port.getIntVal();
        one = new Port(Optional.of(number), endPort, Optional.empty(), protocol);
      }
      out.add(new PortRule(List.of(one), Optional.empty()));
    }
    return List.copyOf(out);
  }

  private static <T> List<T> nullToEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }
}

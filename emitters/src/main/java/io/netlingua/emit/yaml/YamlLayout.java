package io.netlingua.emit.yaml;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fixed key order of one kind of document, and the lists written even when empty.
 *
 * <p>An object's keys are ordered by the key it sits under in its parent (the root sits under {@code ""}; the
 * elements of a list sit under the list's key): first the keys {@link #order} lists for it, in that order, then
 * every other key sorted. Maps such as {@code labels}, {@code annotations} and {@code matchLabels} are given no
 * order, so their keys are all sorted.
 *
 * @param order the leading keys of an object, by the key it sits under
 * @param alwaysWritten lists written as {@code []} when the object lacks them, by the key the object sits under
 */
public record YamlLayout(Map<String, List<String>> order, Map<String, List<String>> alwaysWritten) {

  /** Every Kubernetes object begins so; metadata too. */
  private static final Map<String, List<String>> OBJECT =
      Map.of(
          "", List.of("apiVersion", "kind", "metadata", "spec"),
          "metadata", List.of("name", "namespace", "labels", "annotations"));

  /**
   * A {@code networking.k8s.io/v1} NetworkPolicy, in the order of the API reference. {@code policyTypes} is always
   * written: Fabric8 drops empty lists, and without {@code policyTypes} Kubernetes assumes {@code Ingress} even for
   * an egress-only policy (NetworkPolicySpec.policyTypes in the Kubernetes 1.35 OpenAPI).
   */
  public static final YamlLayout NETWORK_POLICY =
      of(
          Map.ofEntries(
              Map.entry("spec", List.of("podSelector", "policyTypes", "ingress", "egress")),
              Map.entry("ingress", List.of("from", "ports")),
              Map.entry("egress", List.of("to", "ports")),
              Map.entry("from", List.of("podSelector", "namespaceSelector", "ipBlock")),
              Map.entry("to", List.of("podSelector", "namespaceSelector", "ipBlock")),
              Map.entry("ipBlock", List.of("cidr", "except")),
              Map.entry("ports", List.of("protocol", "port", "endPort")),
              Map.entry("podSelector", List.of("matchLabels", "matchExpressions")),
              Map.entry("namespaceSelector", List.of("matchLabels", "matchExpressions")),
              Map.entry("matchExpressions", List.of("key", "operator", "values"))),
          Map.of("spec", List.of("policyTypes")));

  /**
   * A {@code cilium.io/v2} CiliumNetworkPolicy or CiliumClusterwideNetworkPolicy, in the order of Cilium's
   * documentation: the selector, then allows before denies, peers before ports.
   */
  public static final YamlLayout CILIUM_POLICY =
      of(
          Map.ofEntries(
              Map.entry("", List.of("apiVersion", "kind", "metadata", "spec", "specs")),
              Map.entry("spec", List.of("endpointSelector", "log", "ingress", "ingressDeny", "egress", "egressDeny")),
              Map.entry("specs", List.of("endpointSelector", "log", "ingress", "ingressDeny", "egress", "egressDeny")),
              Map.entry("ingress", List.of("fromEndpoints", "fromCIDRSet", "fromEntities", "toPorts", "icmps")),
              Map.entry("ingressDeny", List.of("fromEndpoints", "fromCIDRSet", "fromEntities", "toPorts", "icmps")),
              Map.entry("egress", List.of(
                  "toEndpoints", "toCIDRSet", "toEntities", "toFQDNs", "toServices", "toPorts", "icmps")),
              Map.entry("egressDeny", List.of("toEndpoints", "toCIDRSet", "toEntities", "toPorts", "icmps")),
              Map.entry("endpointSelector", List.of("matchLabels", "matchExpressions")),
              Map.entry("fromEndpoints", List.of("matchLabels", "matchExpressions")),
              Map.entry("toEndpoints", List.of("matchLabels", "matchExpressions")),
              Map.entry("matchExpressions", List.of("key", "operator", "values")),
              Map.entry("fromCIDRSet", List.of("cidr", "except")),
              Map.entry("toCIDRSet", List.of("cidr", "except")),
              Map.entry("toPorts", List.of("ports", "rules")),
              Map.entry("ports", List.of("port", "endPort", "protocol")),
              Map.entry("http", List.of("method", "path", "host", "headers")),
              Map.entry("kafka", List.of("role", "topic", "clientID")),
              Map.entry("toServices", List.of("k8sService")),
              Map.entry("k8sService", List.of("serviceName", "namespace")),
              Map.entry("fields", List.of("family", "type"))),
          Map.of());

  /**
   * A {@code projectcalico.org/v3} GlobalNetworkPolicy, StagedGlobalNetworkPolicy or Tier, in the order of Calico's
   * reference pages ({@code reference/resources/globalnetworkpolicy.mdx}, {@code tier.mdx}): where the policy sits
   * (tier, order), whom it selects, then its rules; a rule's action, protocol and family before its two sides.
   */
  public static final YamlLayout CALICO_POLICY =
      of(
          Map.ofEntries(
              Map.entry("spec", List.of(
                  "stagedAction", "tier", "order", "defaultAction", "selector", "namespaceSelector", "types",
                  "ingress", "egress")),
              Map.entry("ingress", List.of(
                  "action", "protocol", "ipVersion", "icmp", "source", "destination", "http")),
              Map.entry("egress", List.of(
                  "action", "protocol", "ipVersion", "icmp", "source", "destination", "http")),
              Map.entry("source", List.of(
                  "selector", "namespaceSelector", "serviceAccounts", "services", "nets", "notNets", "ports")),
              Map.entry("destination", List.of(
                  "selector", "namespaceSelector", "serviceAccounts", "services", "nets", "notNets", "ports")),
              Map.entry("icmp", List.of("type", "code")),
              Map.entry("services", List.of("name", "namespace")),
              Map.entry("http", List.of("methods", "paths"))),
          Map.of());

  public YamlLayout {
    order = Map.copyOf(order);
    alwaysWritten = Map.copyOf(alwaysWritten);
  }

  /** A layout of a Kubernetes kind: the object and metadata order, plus the kind's own. */
  public static YamlLayout of(Map<String, List<String>> kindOrder, Map<String, List<String>> alwaysWritten) {
    Map<String, List<String>> all = new LinkedHashMap<>(OBJECT);
    all.putAll(kindOrder);
    return new YamlLayout(all, alwaysWritten);
  }

  /** The leading keys of an object that sits under {@code parentKey}. */
  public List<String> orderUnder(String parentKey) {
    return order.getOrDefault(parentKey, List.of());
  }

  /** The lists an object under {@code parentKey} always has. */
  public List<String> listsUnder(String parentKey) {
    return alwaysWritten.getOrDefault(parentKey, List.of());
  }
}

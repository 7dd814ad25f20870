package io.netlingua.emit.kubernetes;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.networking.v1.IPBlock;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.netlingua.emit.DocumentRef;
import io.netlingua.emit.lowering.LoweredPeer;
import io.netlingua.emit.lowering.LoweredRule;
import io.netlingua.emit.lowering.SelectorForm;
import io.netlingua.emit.spi.PlannedDocument;
import io.netlingua.model.AllPorts;
import io.netlingua.model.Cidr;
import io.netlingua.model.Direction;
import io.netlingua.model.IcmpPort;
import io.netlingua.model.LabelSelector;
import io.netlingua.model.NamedPort;
import io.netlingua.model.Port;
import io.netlingua.model.PortRange;
import io.netlingua.model.Protocol;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Builds the Fabric8 NetworkPolicy of a lowered object. */
final class NetworkPolicies {
  static final String API_VERSION = "networking.k8s.io/v1";
  static final String KIND = "NetworkPolicy";
  static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  static final String SOURCE = "netlingua.io/source";
  static final String DESCRIPTION = "netlingua.io/description";

  private NetworkPolicies() {}

  /** The document of one object, built when the pipeline writes it. */
  static PlannedDocument document(Unit unit) {
    DocumentRef ref =
        new DocumentRef(API_VERSION, KIND, Optional.of(unit.namespace()), unit.name(), unit.policy().span());
    return new PlannedDocument(ref, () -> object(unit));
  }

  /** The Fabric8 NetworkPolicy of one object. */
  private static NetworkPolicy object(Unit unit) {
    Map<String, String> annotations = new LinkedHashMap<>();
    unit.policy().description().ifPresent(d -> annotations.put(DESCRIPTION, d));
    annotations.put(SOURCE, unit.policy().span().file() + ":" + unit.policy().span().line());
    List<String> types = new ArrayList<>();
    unit.blocks().keySet().forEach(d -> types.add(d == Direction.INGRESS ? "Ingress" : "Egress"));
    return new NetworkPolicyBuilder()
        .withApiVersion(API_VERSION)
        .withKind(KIND)
        .withNewMetadata()
        .withName(unit.name())
        .withNamespace(unit.namespace())
        .withLabels(Map.of(MANAGED_BY, "netlingua"))
        .withAnnotations(annotations)
        .endMetadata()
        .withNewSpec()
        .withPodSelector(selector(unit.pods()))
            // policyTypes is always written: without it a policy with no ingress rules also isolates ingress
            // (NetworkPolicySpec.policyTypes, networking.k8s.io/v1 API reference).
        .withPolicyTypes(types)
        .withIngress(unit.blocks().getOrDefault(Direction.INGRESS, List.of()).stream()
            .map(r -> new NetworkPolicyIngressRule(peers(unit, r), ports(r)))
            .toList())
        .withEgress(unit.blocks().getOrDefault(Direction.EGRESS, List.of()).stream()
            .map(r -> new NetworkPolicyEgressRule(ports(r), peers(unit, r)))
            .toList())
        .endSpec()
        .build();
  }

  /** A label selector in the Fabric8 form. */
  static io.fabric8.kubernetes.api.model.LabelSelector selector(LabelSelector selector) {
    SelectorForm form = SelectorForm.of(selector);
    return new LabelSelectorBuilder()
        .withMatchLabels(form.matchLabels().isEmpty() ? null : new LinkedHashMap<>(form.matchLabels()))
        .withMatchExpressions(form.matchExpressions().stream()
            .map(e -> new LabelSelectorRequirement(
                e.key(), e.operator(), e.values().isEmpty() ? null : e.values()))
            .toList())
        .build();
  }

  /** The peers of a rule; {@code null} (no list) for a rule of every peer. */
  private static List<NetworkPolicyPeer> peers(Unit unit, LoweredRule rule) {
    return rule.peers().map(list -> list.stream().map(p -> peer(unit, p)).toList()).orElse(null);
  }

  private static NetworkPolicyPeer peer(Unit unit, LoweredPeer peer) {
    return peer.accept(
        new LoweredPeer.Visitor<NetworkPolicyPeer>() {
          @Override
          public NetworkPolicyPeer pods(LoweredPeer.Pods p) {
            // Pods of the object's own namespace: a podSelector alone ("selects the pods matching podSelector
            // in the policy's own namespace": NetworkPolicyPeer.podSelector). Otherwise both selectors in ONE
            // peer (the pods matching podSelector in the namespaces namespaceSelector selects; a
            // namespaceSelector alone selects every pod there): Kubernetes documentation, "Behavior of to and
            // from selectors".
            LabelSelector pods = p.pods().pods();
            if (p.pods().isOnlyNamespace(unit.namespace())) {
              return new NetworkPolicyPeerBuilder().withPodSelector(selector(pods)).build();
            }
            return new NetworkPolicyPeerBuilder()
                .withNamespaceSelector(selector(p.pods().namespaces()))
                .withPodSelector(pods.selectsAll() ? null : selector(pods))
                .build();
          }

          @Override
          public NetworkPolicyPeer addresses(LoweredPeer.Addresses p) {
            List<String> except = p.block().except().stream().map(Cidr::toString).toList();
            return new NetworkPolicyPeerBuilder()
                .withIpBlock(new IPBlock(p.block().cidr().toString(), except.isEmpty() ? null : except))
                .build();
          }
        });
  }

  /** The ports of a rule; {@code null} (no list) for a rule of every port. */
  private static List<NetworkPolicyPort> ports(LoweredRule rule) {
    return rule.ports().map(list -> list.stream().map(NetworkPolicies::port).toList()).orElse(null);
  }

  private static NetworkPolicyPort port(Port port) {
    return port.accept(
        new Port.Visitor<NetworkPolicyPort>() {
          @Override
          public NetworkPolicyPort range(PortRange p) {
            // endPort: "the range of ports from port to endPort, inclusive" (NetworkPolicyPort.endPort;
            // Kubernetes documentation, "Targeting a range of ports").
            return new NetworkPolicyPort(
                p.isSingle() ? null : p.last(), new IntOrString(p.first()), protocol(p.protocol()));
          }

          @Override
          public NetworkPolicyPort named(NamedPort p) {
            return new NetworkPolicyPort(null, new IntOrString(p.name()), protocol(p.protocol()));
          }

          @Override
          public NetworkPolicyPort all(AllPorts p) {
            // No port: "this matches all port names and numbers" of the protocol (NetworkPolicyPort.port).
            return new NetworkPolicyPort(null, null, protocol(p.protocol()));
          }

          @Override
          public NetworkPolicyPort icmp(IcmpPort p) {
            throw new IllegalStateException("ICMP is left out during lowering");
          }
        });
  }

  private static String protocol(Protocol protocol) {
    return protocol.name();
  }
}

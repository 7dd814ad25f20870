package io.netlingua.emit.kubernetes;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.networking.v1.IPBlock;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicySpec;
import io.netlingua.emit.DocumentRef;
import io.netlingua.emit.lowering.LoweredPeer;
import io.netlingua.emit.lowering.LoweredRule;
import io.netlingua.emit.lowering.ObjectMetadata;
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
import io.netlingua.targets.Options;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;

/** Builds the Fabric8 NetworkPolicy of a lowered object. */
final class NetworkPolicies {
  static final String API_VERSION = "networking.k8s.io/v1";
  static final String KIND = "NetworkPolicy";

  private NetworkPolicies() {}

  /** The document of one object, built when the pipeline writes it. */
  static PlannedDocument document(Unit unit, Options options) {
    DocumentRef ref =
        new DocumentRef(API_VERSION, KIND, Optional.of(unit.namespace()), unit.name(), unit.policy().span());
    return new PlannedDocument(ref, () -> object(unit, options));
  }

  /**
   * The Fabric8 NetworkPolicy of one object, made with the model's constructors and setters rather than its fluent
   * builders, which copy every nested object once more on {@code build()} (the same object either way).
   */
  private static NetworkPolicy object(Unit unit, Options options) {
    ObjectMeta metadata = new ObjectMeta();
    metadata.setName(unit.name());
    metadata.setNamespace(unit.namespace());
    metadata.setLabels(ObjectMetadata.labels());
    metadata.setAnnotations(ObjectMetadata.annotations(unit.policy(), options));
    List<String> types = new ArrayList<>(2);
    List<NetworkPolicyIngressRule> ingress = new ArrayList<>();
    List<NetworkPolicyEgressRule> egress = new ArrayList<>();
    unit.blocks().forEach((direction, rules) -> {
      types.add(direction == Direction.INGRESS ? "Ingress" : "Egress");
      for (LoweredRule r : rules) {
        if (direction == Direction.INGRESS) {
          ingress.add(new NetworkPolicyIngressRule(peers(unit, r), ports(r)));
        } else {
          egress.add(new NetworkPolicyEgressRule(ports(r), peers(unit, r)));
        }
      }
    });
    // policyTypes is always written: without it a policy with no ingress rules also isolates ingress
    // (NetworkPolicySpec.policyTypes, networking.k8s.io/v1 API reference).
    NetworkPolicySpec spec = new NetworkPolicySpec(egress, ingress, selector(unit.pods()), types);
    return new NetworkPolicy(API_VERSION, KIND, metadata, spec);
  }

  /** A label selector in the Fabric8 form. */
  static io.fabric8.kubernetes.api.model.LabelSelector selector(LabelSelector selector) {
    SelectorForm form = SelectorForm.of(selector);
    List<LabelSelectorRequirement> expressions = new ArrayList<>(form.matchExpressions().size());
    for (SelectorForm.Expression e : form.matchExpressions()) {
      expressions.add(new LabelSelectorRequirement(e.key(), e.operator(), e.values().isEmpty() ? null : e.values()));
    }
    return new io.fabric8.kubernetes.api.model.LabelSelector(
        expressions, form.matchLabels().isEmpty() ? null : new LinkedHashMap<>(form.matchLabels()));
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
              return new NetworkPolicyPeer(null, null, selector(pods));
            }
            return new NetworkPolicyPeer(
                null, selector(p.pods().namespaces()), pods.selectsAll() ? null : selector(pods));
          }

          @Override
          public NetworkPolicyPeer addresses(LoweredPeer.Addresses p) {
            List<String> except = p.block().except().stream().map(Cidr::toString).toList();
            return new NetworkPolicyPeer(
                new IPBlock(p.block().cidr().toString(), except.isEmpty() ? null : except), null, null);
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

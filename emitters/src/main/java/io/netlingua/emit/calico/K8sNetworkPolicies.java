package io.netlingua.emit.calico;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.netlingua.emit.lowering.NetworkPolicyDefaults;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A {@code networking.k8s.io/v1} NetworkPolicy as Calico converts it before Felix sees it: projectcalico/calico at
 * v3.32.1, {@code libcalico-go/lib/backend/k8s/conversion/conversion.go}, {@code K8sNetworkPolicyToCalico} and its
 * helpers ({@code k8sSelectorToCalico}, {@code k8sRuleToCalico}, {@code k8sPortToCalicoFields}, {@code
 * k8sPeerToCalicoFields}, {@code k8sPortToCalico}), followed step by step. The result is the tree of the
 * {@code projectcalico.org/v3} NetworkPolicy that function returns, which {@link CalicoPolicies} then reads as it
 * reads any Calico policy, scoped to the namespace ({@code updateprocessors/networkpolicyprocessor.go}, {@code
 * rules.go}):
 *
 * <ul>
 *   <li>{@code spec.order} 1000 ("We insert all the NetworkPolicy Policies at order 1000.0 after conversion") and
 *       {@code spec.tier: default}; the key Felix orders it by is the NetworkPolicy's own name and namespace with
 *       the kind {@code KubernetesNetworkPolicy} ({@code ResourceKey{Name: np.Name, Namespace: np.Namespace, Kind:
 *       model.KindKubernetesNetworkPolicy}}; the {@code knp.default.} prefix is the spelling of Typha before 3.32,
 *       {@code model/policy.go} {@code parseLegacyPolicyName});
 *   <li>{@code spec.selector}: {@code projectcalico.org/orchestrator == 'k8s'} and the podSelector
 *       ({@code k8sSelectorToCalico}, {@code SelectorPod}: {@code matchLabels} in key order as {@code k == 'v'},
 *       then {@code In}, {@code NotIn}, {@code Exists}, {@code DoesNotExist} as {@code k in { 'a', 'b' }}, {@code
 *       k not in { ... }}, {@code has(k)}, {@code ! has(k)}, all joined with {@code &&});
 *   <li>{@code spec.types}: {@code Ingress} and {@code Egress} as {@code policyTypes} lists them, {@code Ingress}
 *       when it lists neither. The API server defaults {@code policyTypes} before Calico reads the object
 *       (kubernetes {@code pkg/apis/networking/v1/defaults.go} {@code SetDefaults_NetworkPolicy}: Ingress, plus
 *       Egress when there are egress rules), so an object without it is defaulted so first, as the Kubernetes
 *       evaluator reads it;
 *   <li>each rule becomes one Allow rule per protocol and per peer: ports grouped by protocol (TCP when a port
 *       names none: "TCP is the implicit default"), a port without a number meaning every port of its protocol
 *       (and winning over the numbers of the same protocol), protocols in text order; no ports (or none left) is
 *       one rule without {@code protocol}, of every protocol; no peers is one rule without a peer. Numbers and
 *       names go into {@code destination.ports} as they are, {@code port:endPort} as a range. ({@code
 *       SimplifyPorts} then merges adjacent numbers into ranges, which matches the same ports: not repeated.)
 *   <li>a peer's {@code ipBlock} becomes {@code nets} (its {@code cidr}) and {@code notNets} (its {@code except});
 *       otherwise its {@code podSelector} becomes {@code selector} (as the policy's, {@code orchestrator == 'k8s'}
 *       included, even when absent) and its {@code namespaceSelector} {@code namespaceSelector} (its terms as
 *       above without the orchestrator; {@code all()} when it has none; nothing when absent). The peer goes into
 *       {@code source} of an ingress rule (ports into {@code destination}), {@code destination} of an egress rule.
 * </ul>
 */
final class K8sNetworkPolicies {
  /** The kind Felix's key gives a converted NetworkPolicy ({@code model.KindKubernetesNetworkPolicy}). */
  static final String KIND = "KubernetesNetworkPolicy";

  /** The order of every converted NetworkPolicy. */
  static final double ORDER = 1000.0;

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final String ORCHESTRATOR = "projectcalico.org/orchestrator == '" + WorkloadLabels.KUBERNETES + "'";

  private K8sNetworkPolicies() {}

  /** The {@code projectcalico.org/v3} NetworkPolicy Calico makes of a NetworkPolicy of that name and namespace. */
  static ObjectNode toCalico(NetworkPolicy np, String name, String namespace) {
    ObjectNode tree = JSON.objectNode();
    tree.put("apiVersion", CalicoEmitter.API_VERSION);
    tree.put("kind", "NetworkPolicy");
    ObjectNode metadata = tree.putObject("metadata");
    metadata.put("name", name);
    metadata.put("namespace", namespace);
    ObjectNode spec = tree.putObject("spec");
    spec.put("order", ORDER);
    spec.put("tier", CalicoPolicies.DEFAULT_TIER);
    LabelSelector podSelector = np.getSpec() == null ? null : np.getSpec().getPodSelector();
    spec.put("selector", selector(podSelector, true));
    List<NetworkPolicyIngressRule> ingress = np.getSpec() == null ? null : np.getSpec().getIngress();
    List<NetworkPolicyEgressRule> egress = np.getSpec() == null ? null : np.getSpec().getEgress();
    ArrayNode ingressRules = spec.putArray("ingress");
    for (NetworkPolicyIngressRule r : nullToEmpty(ingress)) {
      rules(r.getFrom(), r.getPorts(), true).forEach(ingressRules::add);
    }
    ArrayNode egressRules = spec.putArray("egress");
    for (NetworkPolicyEgressRule r : nullToEmpty(egress)) {
      rules(r.getTo(), r.getPorts(), false).forEach(egressRules::add);
    }
    // The API server defaults policyTypes before Calico reads the object.
    List<String> policyTypes = NetworkPolicyDefaults.policyTypes(np.getSpec());
    ArrayNode types = spec.putArray("types");
    if (policyTypes.contains(NetworkPolicyDefaults.INGRESS)) {
      types.add(NetworkPolicyDefaults.INGRESS);
    }
    if (policyTypes.contains(NetworkPolicyDefaults.EGRESS)) {
      types.add(NetworkPolicyDefaults.EGRESS);
    }
    if (types.isEmpty()) {
      // "If no types were specified in the policy, then ... the policy [applies] to only ingress traffic."
      types.add("Ingress");
    }
    return tree;
  }

  /**
   * {@code k8sSelectorToCalico}: a pod selector always starts with the orchestrator term (alone for a null or empty
   * selector); a namespace selector without terms is {@code all()}, a null one the empty string.
   */
  static String selector(LabelSelector s, boolean pod) {
    List<String> terms = new ArrayList<>();
    if (pod) {
      terms.add(ORCHESTRATOR);
    }
    if (s == null) {
      return String.join(" && ", terms);
    }
    Map<String, String> labels = s.getMatchLabels() == null ? Map.of() : s.getMatchLabels();
    List<LabelSelectorRequirement> expressions = nullToEmpty(s.getMatchExpressions());
    if (!pod && labels.isEmpty() && expressions.isEmpty()) {
      return "all()";
    }
    new TreeMap<>(labels).forEach((k, v) -> terms.add(k + " == '" + v + "'"));
    for (LabelSelectorRequirement e : expressions) {
      String values = String.join("', '", nullToEmpty(e.getValues()));
      switch (e.getOperator()) {
        case "In" -> terms.add(e.getKey() + " in { '" + values + "' }");
        case "NotIn" -> terms.add(e.getKey() + " not in { '" + values + "' }");
        case "Exists" -> terms.add("has(" + e.getKey() + ")");
        case "DoesNotExist" -> terms.add("! has(" + e.getKey() + ")");
        default -> { } // The Go switch has no default: an unknown operator adds nothing.
      }
    }
    return String.join(" && ", terms);
  }

  /** {@code k8sRuleToCalico}: one Allow rule per protocol (in text order) and per peer (in order). */
  private static List<ObjectNode> rules(List<NetworkPolicyPeer> peers, List<NetworkPolicyPort> ports, boolean ingress) {
    // protocolPorts: protocol -> ports, null for every port of it; the key "" (no protocol) for a rule of no ports.
    TreeMap<String, List<Object>> protocolPorts = new TreeMap<>();
    if (nullToEmpty(ports).isEmpty()) {
      protocolPorts.put("", null);
    }
    for (NetworkPolicyPort p : nullToEmpty(ports)) {
      String protocol = p.getProtocol() == null ? "TCP" : p.getProtocol();
      List<Object> calicoPorts = port(p);
      if (calicoPorts == null) {
        protocolPorts.put(protocol, null);
      } else if (!protocolPorts.containsKey(protocol) || protocolPorts.get(protocol) != null) {
        protocolPorts.computeIfAbsent(protocol, k -> new ArrayList<>()).addAll(calicoPorts);
      }
    }
    List<NetworkPolicyPeer> peerList = new ArrayList<>(nullToEmpty(peers));
    if (peerList.isEmpty()) {
      peerList.add(null);
    }
    List<ObjectNode> out = new ArrayList<>();
    protocolPorts.forEach((protocol, calicoPorts) -> {
      for (NetworkPolicyPeer peer : peerList) {
        ObjectNode rule = JSON.objectNode();
        rule.put("action", "Allow");
        if (!protocol.isEmpty()) {
          rule.put("protocol", protocol);
        }
        ObjectNode peerSide = peer(peer);
        ObjectNode portSide = ingress ? JSON.objectNode() : peerSide;
        if (calicoPorts != null && !calicoPorts.isEmpty()) {
          ArrayNode list = portSide.putArray("ports");
          for (Object c : calicoPorts) {
            if (c instanceof Integer i) {
              list.add(i);
            } else {
              list.add((String) c);
            }
          }
        }
        rule.set(ingress ? "source" : "destination", peerSide);
        if (ingress) {
          rule.set("destination", portSide);
        }
        out.add(rule);
      }
    });
    return out;
  }

  /**
   * {@code k8sPortToCalico}: the port's number or name, {@code port:endPort} with an end; {@code null} (every port
   * of the protocol) without a port.
   */
  private static List<Object> port(NetworkPolicyPort p) {
    IntOrString port = p.getPort();
    if (port == null) {
      return null;
    }
    String text = port.getStrVal() != null ? port.getStrVal() : String.valueOf(port.getIntVal());
    if (p.getEndPort() != null) {
      return List.of(text + ":" + p.getEndPort());
    }
    return List.of(port.getStrVal() != null ? (Object) port.getStrVal() : (Object) port.getIntVal());
  }

  /** {@code k8sPeerToCalicoFields}: an ipBlock as nets and notNets, else both selectors; nothing for no peer. */
  private static ObjectNode peer(NetworkPolicyPeer peer) {
    ObjectNode fields = JSON.objectNode();
    if (peer == null) {
      return fields;
    }
    if (peer.getIpBlock() != null) {
      fields.putArray("nets").add(peer.getIpBlock().getCidr());
      List<String> except = nullToEmpty(peer.getIpBlock().getExcept());
      if (!except.isEmpty()) {
        ArrayNode notNets = fields.putArray("notNets");
        except.forEach(notNets::add);
      }
      return fields;
    }
    fields.put("selector", selector(peer.getPodSelector(), true));
    String namespaces = selector(peer.getNamespaceSelector(), false);
    if (!namespaces.isEmpty()) {
      fields.put("namespaceSelector", namespaces);
    }
    return fields;
  }

  private static <T> List<T> nullToEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }
}

package io.netlingua.emit.calico;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.networking.v1.IPBlock;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.netlingua.emit.EmittedDocument;
import io.netlingua.emit.kubernetes.KubernetesEvaluator;
import io.netlingua.emit.lowering.ClusterLookup;
import io.netlingua.emit.lowering.FlowEnds;
import io.netlingua.eval.Cluster;
import io.netlingua.eval.Endpoint;
import io.netlingua.eval.Flow;
import io.netlingua.eval.FlowProtocol;
import io.netlingua.eval.IpAddress;
import io.netlingua.eval.Namespace;
import io.netlingua.eval.Pod;
import io.netlingua.eval.Verdict;
import io.netlingua.model.Cidr;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether the Calico reading of Kubernetes NetworkPolicy objects ({@link CalicoEvaluator} on {@code
 * networking.k8s.io/v1} documents) may judge a flow otherwise than the Kubernetes reading ({@link
 * KubernetesEvaluator}): true exactly when the flow is in one of the classes docs/targets.md lists under "NetworkPolicy
 * on Calico", each as narrow as the evidence allows, so that the Kubernetes target's equivalence property, run
 * under the Calico reading, compares every other flow. Each class is tested in {@code CalicoReadsNetworkPolicyTest}.
 *
 * <p>The classes are decided on the Kubernetes reading's view of the objects (which pods a NetworkPolicy isolates,
 * which addresses an ipBlock holds), never on the Calico reading under test, so a mistranslation in the Calico
 * reading is not hidden by the predicate.
 */
public final class CalicoReadingDifferences {
  private static final KubernetesEvaluator KUBERNETES = new KubernetesEvaluator();

  private CalicoReadingDifferences() {}

  /**
   * Whether the flow is in a class where the two readings may differ.
   *
   * @param flow the flow
   * @param cluster the cluster it runs in
   * @param networkPolicies the documents of the Kubernetes output (other documents are ignored, as both readings
   *     ignore them)
   * @return true when the flow is in one of the documented classes
   */
  public static boolean mayDiffer(Flow flow, Cluster cluster, List<EmittedDocument> networkPolicies) {
    List<NetworkPolicy> objects = networkPolicies.stream().map(EmittedDocument::object)
        .filter(NetworkPolicy.class::isInstance).map(NetworkPolicy.class::cast).toList();
    if (objects.isEmpty()) {
      // No NetworkPolicy: no pod is isolated in either reading, and Calico's profile allows what Kubernetes does.
      return false;
    }
    ClusterLookup lookup = new ClusterLookup(cluster);
    Endpoint source = lookup.resolve(flow.source());
    Endpoint addressed = lookup.resolve(flow.destination());
    FlowEnds ends = FlowEnds.of(flow, lookup);
    return podToItsOwnNode(flow, cluster, networkPolicies, source, addressed)
        || serviceClusterIp(flow, cluster, networkPolicies, ends)
        || icmpOfTheOtherFamily(flow, objects, source, addressed)
        || calicoLabelKeys(objects, cluster, source, ends.destination());
  }

  /**
   * docs/targets.md, "NetworkPolicy on Calico", class "a pod's egress to its own node": the source is a pod, the
   * destination the node it runs on, and a NetworkPolicy isolates the pod for egress. Kubernetes always allows it;
   * Calico judges it by the pod's egress policy (then {@code DefaultEndpointToHostAction}, ACCEPT as the manifests
   * and the operator set it).
   */
  private static boolean podToItsOwnNode(
      Flow flow, Cluster cluster, List<EmittedDocument> documents, Endpoint source, Endpoint addressed) {
    Optional<Pod> pod = FlowEnds.pod(source);
    if (pod.isEmpty() || !(addressed instanceof Endpoint.NodeEnd n) || !n.node().name().equals(pod.get().node())) {
      return false;
    }
    Verdict kubernetes = KUBERNETES.evaluator(documents, cluster).evaluate(flow);
    return !kubernetes.egress().isolatedBy().isEmpty();
  }

  /**
   * docs/targets.md, "NetworkPolicy on Calico", class "a flow to a Service's cluster IP": the destination is the
   * cluster IP of a Service with a backend pod, and a NetworkPolicy isolates the source pod for egress or the
   * backend for ingress. The Kubernetes reading judges the address; on Calico kube-proxy's DNAT comes first and the
   * backend is judged (its ingress policy, and the source's egress rules against the backend's address and labels).
   */
  private static boolean serviceClusterIp(Flow flow, Cluster cluster, List<EmittedDocument> documents, FlowEnds ends) {
    if (!ends.translated()) {
      return false;
    }
    Flow toBackend = new Flow(flow.source(), ends.destination(), flow.protocol(), flow.port(), flow.icmpType(),
        flow.icmpCode(), flow.http(), flow.kafka(), flow.dnsQuery());
    Verdict kubernetes = KUBERNETES.evaluator(documents, cluster).evaluate(toBackend);
    return !kubernetes.egress().isolatedBy().isEmpty() || !kubernetes.ingress().isolatedBy().isEmpty();
  }

  /**
   * docs/targets.md, "NetworkPolicy on Calico", class "ICMP of the other IP family": an ICMP (ICMPv6) flow one of
   * whose ends has an IPv6 (IPv4) address inside an ipBlock of the objects. Calico renders a rule per family, the
   * packet's family being its protocol's, so an ipBlock of the address's family is not in the rule of the packet's
   * family; the Kubernetes reading matches the address. No real packet is such a flow; a cluster file can write it.
   */
  private static boolean icmpOfTheOtherFamily(
      Flow flow, List<NetworkPolicy> objects, Endpoint source, Endpoint addressed) {
    if (flow.protocol().hasPorts()) {
      return false;
    }
    boolean v6 = flow.protocol() == FlowProtocol.ICMPV6;
    for (IpAddress ip : List.of(source.ip(), addressed.ip())) {
      if (ip.ipv6() != v6 && ipBlocks(objects).stream().anyMatch(b -> inBlock(b, ip))) {
        return true;
      }
    }
    return false;
  }

  /**
   * docs/targets.md, "NetworkPolicy on Calico", class "label keys Calico sets on endpoints": a selector of the
   * objects names a key whose value on Calico's workload endpoint ({@link WorkloadLabels}: {@code
   * projectcalico.org/namespace}, {@code /orchestrator}, {@code /serviceaccount}, {@code pcns.*}, {@code pcsa.*})
   * differs from the pod's own label for a pod of the flow; or a namespaceSelector names a key whose value among
   * the pod's namespace labels differs from the endpoint's {@code pcns.KEY} (such as {@code projectcalico.org/name}).
   */
  private static boolean calicoLabelKeys(
      List<NetworkPolicy> objects, Cluster cluster, Endpoint source, Endpoint destination) {
    List<String> podKeys = new ArrayList<>();
    List<String> namespaceKeys = new ArrayList<>();
    for (NetworkPolicy np : objects) {
      keys(np.getSpec().getPodSelector(), podKeys);
      for (NetworkPolicyPeer peer : peers(np)) {
        keys(peer.getPodSelector(), podKeys);
        keys(peer.getNamespaceSelector(), namespaceKeys);
      }
    }
    for (Endpoint end : List.of(source, destination)) {
      Optional<Pod> pod = FlowEnds.pod(end);
      if (pod.isEmpty()) {
        continue;
      }
      Optional<Namespace> namespace = cluster.namespace(pod.get().namespace());
      Map<String, String> endpoint = WorkloadLabels.of(pod.get(), namespace);
      Map<String, String> namespaceLabels = namespace.map(Namespace::labels).orElse(Map.of());
      for (String key : podKeys) {
        if (!java.util.Objects.equals(pod.get().labels().get(key), endpoint.get(key))) {
          return true;
        }
      }
      for (String key : namespaceKeys) {
        if (!java.util.Objects.equals(namespaceLabels.get(key),
            endpoint.get(CalicoPolicies.NAMESPACE_PREFIX + key))) {
          return true;
        }
      }
    }
    return false;
  }

  private static List<NetworkPolicyPeer> peers(NetworkPolicy np) {
    List<NetworkPolicyPeer> out = new ArrayList<>();
    for (NetworkPolicyIngressRule r : orEmpty(np.getSpec().getIngress())) {
      out.addAll(orEmpty(r.getFrom()));
    }
    for (NetworkPolicyEgressRule r : orEmpty(np.getSpec().getEgress())) {
      out.addAll(orEmpty(r.getTo()));
    }
    return out;
  }

  private static List<IPBlock> ipBlocks(List<NetworkPolicy> objects) {
    List<IPBlock> out = new ArrayList<>();
    for (NetworkPolicy np : objects) {
      for (NetworkPolicyPeer peer : peers(np)) {
        if (peer.getIpBlock() != null) {
          out.add(peer.getIpBlock());
        }
      }
    }
    return out;
  }

  private static boolean inBlock(IPBlock block, IpAddress ip) {
    return ip.in(Cidr.parse(block.getCidr()))
        && orEmpty(block.getExcept()).stream().noneMatch(e -> ip.in(Cidr.parse(e)));
  }

  private static void keys(LabelSelector selector, List<String> out) {
    if (selector == null) {
      return;
    }
    if (selector.getMatchLabels() != null) {
      out.addAll(selector.getMatchLabels().keySet());
    }
    for (LabelSelectorRequirement r : orEmpty(selector.getMatchExpressions())) {
      out.add(r.getKey());
    }
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }
}

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
import io.netlingua.emit.EmittedDocument;
import io.netlingua.emit.lowering.ClusterLookup;
import io.netlingua.emit.lowering.FlowEnds;
import io.netlingua.eval.Cluster;
import io.netlingua.eval.Endpoint;
import io.netlingua.eval.Flow;
import io.netlingua.eval.IpAddress;
import io.netlingua.eval.Pod;
import io.netlingua.eval.PortSpec;
import io.netlingua.model.Cidr;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The flows whose verdict may differ between the Kubernetes reading of NetworkPolicy documents
 * ({@code KubernetesEvaluator}) and the Cilium reading ({@code CiliumEvaluator}, which enforces them as the Cilium
 * 1.18 agent does): exactly the classes docs/targets.md lists in "NetworkPolicy on Cilium", for the property test
 * that compares the two readings verdict by verdict everywhere else. Each branch is one class, named as the table
 * names it, and is as narrow as the class: it looks at the policies that select the side's pod, in the direction
 * concerned, and at the flow's ends. {@link CiliumReadsNetworkPolicyTest} shows each class does differ, and that the
 * predicate is false where the readings agree.
 *
 * <p>The selection of a pod is read as Kubernetes reads it (namespace and {@code podSelector}); where Cilium would
 * select differently, the class "a selector on a key Cilium derives or drops" holds first.
 */
public final class CiliumReadingDifferences {
  private CiliumReadingDifferences() {}

  /**
   * Whether the flow is in one of the classes where the Cilium reading of the documents may differ from the
   * Kubernetes reading.
   *
   * @param flow the flow
   * @param cluster its cluster
   * @param networkPolicies the documents; those that hold no Fabric8 NetworkPolicy are ignored, as both readings
   *     ignore them
   * @return true when the flow is in a listed class
   */
  public static boolean mayDiffer(Flow flow, Cluster cluster, List<EmittedDocument> networkPolicies) {
    List<NetworkPolicy> policies = networkPolicies.stream()
        .filter(d -> d.object() instanceof NetworkPolicy)
        .map(d -> (NetworkPolicy) d.object())
        .toList();
    if (policies.isEmpty()) {
      return false;
    }
    // The ends as the Kubernetes reading sees them (a bare address resolved, a Service address kept).
    ClusterLookup lookup = new ClusterLookup(cluster);
    Endpoint source = lookup.resolve(flow.source());
    Endpoint destination = lookup.resolve(flow.destination());
    Optional<Pod> sourcePod = FlowEnds.pod(source);
    Optional<Pod> destinationPod = FlowEnds.pod(destination);

    // Class "a Service's cluster IP": Kubernetes judges the address, Cilium the first backend pod.
    if (FlowEnds.of(flow, lookup).translated()) {
      return true;
    }
    if (sourcePod.isPresent() && sourcePod.equals(destinationPod)) {
      // A pod talking to itself: no policy sees it on either.
      return false;
    }
    if (source instanceof Endpoint.NodeEnd n
        && destinationPod.filter(p -> p.node().equals(n.node().name())).isPresent()) {
      // Its own node to a pod: always allowed by Kubernetes, by allow-localhost on Cilium (a NetworkPolicy has no
      // deny): they agree whatever the policies say.
      return false;
    }

    // Class "a pod's egress to its own node": always allowed by Kubernetes, policed by Cilium (entity host), where
    // some policy isolates the pod's egress on either reading.
    if (sourcePod.isPresent() && destination instanceof Endpoint.NodeEnd n
        && n.node().name().equals(sourcePod.get().node())
        && selecting(policies, sourcePod.get()).anyMatch(CiliumReadingDifferences::isolatesEgressOnEither)) {
      return true;
    }

    // Class "an ipBlock holding a pod's or a node's address": Kubernetes matches it, Cilium never does.
    if (sourcePod.isPresent() && clusterAddress(destination).isPresent()
        && selecting(policies, sourcePod.get()).anyMatch(np -> egressRules(np)
            .flatMap(r -> nullToEmpty(r.getTo()).stream())
            .anyMatch(peer -> inBlock(peer.getIpBlock(), clusterAddress(destination).get())))) {
      return true;
    }
    if (destinationPod.isPresent() && clusterAddress(source).isPresent()
        && selecting(policies, destinationPod.get()).anyMatch(np -> ingressRules(np)
            .flatMap(r -> nullToEmpty(r.getFrom()).stream())
            .anyMatch(peer -> inBlock(peer.getIpBlock(), clusterAddress(source).get())))) {
      return true;
    }

    // Class "an egress named port": Kubernetes resolves it on the destination pod, Cilium up to 1.18 on the
    // cluster-wide map (one number for the name across the cluster, else none); they differ where the two
    // resolutions disagree about the flow's port.
    if (sourcePod.isPresent() && flow.protocol().hasPorts()
        && selecting(policies, sourcePod.get()).anyMatch(np -> egressRules(np)
            .flatMap(r -> nullToEmpty(r.getPorts()).stream())
            .anyMatch(p -> namedPortsDisagree(p, flow, cluster, destinationPod)))) {
      return true;
    }

    // Class "a selector on a key Cilium derives or drops": a label key of a podSelector (subject or peer) that is
    // no pod label of a Cilium identity (the label filter drops it, or Cilium derives it itself), where a pod of
    // the flow carries that label, or the key is a derived one (its value comes from Cilium, not from the pod).
    List<Pod> pods = Stream.of(sourcePod, destinationPod).flatMap(Optional::stream).toList();
    if (!pods.isEmpty()) {
      for (String key : podSelectorKeys(policies)) {
        ReservedKeys.Kind kind = ReservedKeys.podLabel(key);
        if (kind == ReservedKeys.Kind.DERIVED
            || kind == ReservedKeys.Kind.FILTERED && pods.stream().anyMatch(p -> p.labels().containsKey(key))) {
          return true;
        }
      }
    }

    // Class "policyTypes without a direction whose rules the object has": Kubernetes ignores those rules, Cilium
    // translates them, so they isolate and allow on Cilium.
    if (sourcePod.isPresent() && selecting(policies, sourcePod.get())
        .anyMatch(np -> omits(np, "Egress") && egressRules(np).findAny().isPresent())) {
      return true;
    }
    if (destinationPod.isPresent() && selecting(policies, destinationPod.get())
        .anyMatch(np -> omits(np, "Ingress") && ingressRules(np).findAny().isPresent())) {
      return true;
    }

    // Class "a namespaceSelector of negative terms only": on Cilium it also matches identities without namespace
    // labels (nodes, the world, the API server), which Kubernetes never matches with a selector.
    if (sourcePod.isPresent() && !(destination instanceof Endpoint.PodEnd)
        && selecting(policies, sourcePod.get()).anyMatch(np -> egressRules(np)
            .flatMap(r -> nullToEmpty(r.getTo()).stream()).anyMatch(CiliumReadingDifferences::negativeOnly))) {
      return true;
    }
    return destinationPod.isPresent() && !(source instanceof Endpoint.PodEnd)
        && selecting(policies, destinationPod.get()).anyMatch(np -> ingressRules(np)
            .flatMap(r -> nullToEmpty(r.getFrom()).stream()).anyMatch(CiliumReadingDifferences::negativeOnly));
  }

  /** The address of an end that is a pod or a node: the ends Cilium's CIDR rules never match. */
  private static Optional<IpAddress> clusterAddress(Endpoint end) {
    if (end instanceof Endpoint.PodEnd p) {
      return Optional.of(p.pod().ip());
    }
    if (end instanceof Endpoint.NodeEnd n) {
      return Optional.of(n.node().ip());
    }
    return Optional.empty();
  }

  private static boolean inBlock(IPBlock block, IpAddress address) {
    return block != null && address.in(Cidr.parse(block.getCidr()))
        && nullToEmpty(block.getExcept()).stream().noneMatch(e -> address.in(Cidr.parse(e)));
  }

  private static boolean isolatesEgressOnEither(NetworkPolicy np) {
    return egressRules(np).findAny().isPresent() || types(np).contains("Egress");
  }

  private static boolean omits(NetworkPolicy np, String type) {
    return !types(np).isEmpty() && !types(np).contains(type);
  }

  private static boolean namedPortsDisagree(NetworkPolicyPort p, Flow flow, Cluster cluster, Optional<Pod> destination) {
    IntOrString port = p.getPort();
    if (port == null || port.getStrVal() == null || port.getStrVal().chars().allMatch(Character::isDigit)) {
      return false;
    }
    String protocol = p.getProtocol() == null ? "TCP" : p.getProtocol();
    if (!protocol.equalsIgnoreCase(flow.protocol().keyword())) {
      return false;
    }
    String name = port.getStrVal();
    boolean kubernetes = destination.flatMap(d -> d.namedPort(name, flow.protocol()))
        .filter(n -> n == flow.port()).isPresent();
    Set<Integer> numbers = new TreeSet<>();
    String lower = name.toLowerCase(Locale.ROOT);
    for (Pod pod : cluster.pods()) {
      for (PortSpec s : pod.ports()) {
        if (s.protocol() == flow.protocol() && s.name().filter(lower::equals).isPresent()) {
          numbers.add(s.port());
        }
      }
    }
    boolean cilium = numbers.size() == 1 && numbers.contains(flow.port());
    return kubernetes != cilium;
  }

  /** Every label key of a podSelector of the documents: their subjects and their peers' pod selectors. */
  private static List<String> podSelectorKeys(List<NetworkPolicy> policies) {
    List<String> keys = new ArrayList<>();
    for (NetworkPolicy np : policies) {
      List<LabelSelector> selectors = new ArrayList<>();
      selectors.add(spec(np).getPodSelector());
      Stream.concat(ingressRules(np).flatMap(r -> nullToEmpty(r.getFrom()).stream()),
              egressRules(np).flatMap(r -> nullToEmpty(r.getTo()).stream()))
          .forEach(peer -> selectors.add(peer.getPodSelector()));
      for (LabelSelector s : selectors) {
        if (s == null) {
          continue;
        }
        if (s.getMatchLabels() != null) {
          keys.addAll(s.getMatchLabels().keySet());
        }
        nullToEmpty(s.getMatchExpressions()).forEach(r -> keys.add(r.getKey()));
      }
    }
    return keys;
  }

  /**
   * Whether a peer is a namespaceSelector whose terms (with its podSelector's) all hold for an identity without
   * labels: no matchLabels, only NotIn and DoesNotExist, and at least one term on the namespace (an empty
   * namespaceSelector becomes {@code io.kubernetes.pod.namespace Exists}, which only pods hold).
   */
  private static boolean negativeOnly(NetworkPolicyPeer peer) {
    LabelSelector ns = peer.getNamespaceSelector();
    if (ns == null) {
      return false;
    }
    boolean nsTerms = ns.getMatchLabels() != null && !ns.getMatchLabels().isEmpty()
        || !nullToEmpty(ns.getMatchExpressions()).isEmpty();
    return nsTerms && negative(ns) && (peer.getPodSelector() == null || negative(peer.getPodSelector()));
  }

  private static boolean negative(LabelSelector s) {
    return (s.getMatchLabels() == null || s.getMatchLabels().isEmpty())
        && nullToEmpty(s.getMatchExpressions()).stream()
            .allMatch(r -> r.getOperator().equals("NotIn") || r.getOperator().equals("DoesNotExist"));
  }

  /** The policies that select the pod, as Kubernetes reads the selection. */
  private static Stream<NetworkPolicy> selecting(List<NetworkPolicy> policies, Pod pod) {
    return policies.stream().filter(np -> namespace(np).equals(pod.namespace())
        && matches(spec(np).getPodSelector(), pod.labels()));
  }

  private static String namespace(NetworkPolicy np) {
    String ns = np.getMetadata().getNamespace();
    return ns == null || ns.isEmpty() ? "default" : ns;
  }

  private static boolean matches(LabelSelector selector, Map<String, String> labels) {
    if (selector == null) {
      return true;
    }
    if (selector.getMatchLabels() != null
        && selector.getMatchLabels().entrySet().stream().anyMatch(e -> !e.getValue().equals(labels.get(e.getKey())))) {
      return false;
    }
    for (LabelSelectorRequirement r : nullToEmpty(selector.getMatchExpressions())) {
      String value = labels.get(r.getKey());
      List<String> values = nullToEmpty(r.getValues());
      boolean holds = switch (r.getOperator()) {
        case "In" -> value != null && values.contains(value);
        case "NotIn" -> value == null || !values.contains(value);
        case "Exists" -> value != null;
        default -> value == null;
      };
      if (!holds) {
        return false;
      }
    }
    return true;
  }

  private static NetworkPolicySpec spec(NetworkPolicy np) {
    return np.getSpec() == null ? new NetworkPolicySpec() : np.getSpec();
  }

  private static List<String> types(NetworkPolicy np) {
    return nullToEmpty(spec(np).getPolicyTypes());
  }

  private static Stream<NetworkPolicyIngressRule> ingressRules(NetworkPolicy np) {
    return nullToEmpty(spec(np).getIngress()).stream();
  }

  private static Stream<NetworkPolicyEgressRule> egressRules(NetworkPolicy np) {
    return nullToEmpty(spec(np).getEgress()).stream();
  }

  private static <T> List<T> nullToEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }
}

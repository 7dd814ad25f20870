package io.netlingua.emit.kubernetes;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.networking.v1.IPBlock;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.netlingua.emit.lowering.ClusterLookup;
import io.netlingua.emit.lowering.NetworkPolicyDefaults;
import io.netlingua.emit.lowering.ObjectMetadata;
import io.netlingua.eval.Cluster;
import io.netlingua.eval.Endpoint;
import io.netlingua.eval.Evaluator;
import io.netlingua.eval.External;
import io.netlingua.eval.Flow;
import io.netlingua.eval.IpAddress;
import io.netlingua.eval.Namespace;
import io.netlingua.eval.Node;
import io.netlingua.eval.Pod;
import io.netlingua.eval.Verdict;
import io.netlingua.eval.Verdict.PolicyRef;
import io.netlingua.eval.Verdict.Reason;
import io.netlingua.eval.Verdict.RuleRef;
import io.netlingua.eval.Verdict.Side;
import io.netlingua.model.Action;
import io.netlingua.model.Cidr;
import io.netlingua.model.Direction;
import io.netlingua.model.SourceSpan;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The evaluator {@link KubernetesEvaluator} makes: the semantics its Javadoc lists, over a fixed set of objects. */
final class NetworkPolicyEvaluator implements Evaluator {

  /**
   * One NetworkPolicy and how a verdict names it.
   *
   * @param policy the object
   * @param ref its namespace and name, and the place of the program's policy it comes from
   */
  record Governing(NetworkPolicy policy, PolicyRef ref) {
    /** Names the object after its metadata, placed by its source annotation, else by the document's source. */
    Governing(NetworkPolicy policy, SourceSpan documentSource) {
      this(policy, new PolicyRef(policy.getMetadata().getName(),
          Optional.ofNullable(policy.getMetadata().getNamespace()), source(policy, documentSource)));
    }

    private static SourceSpan source(NetworkPolicy policy, SourceSpan fallback) {
      return ObjectMetadata.source(policy.getMetadata().getAnnotations(), fallback);
    }

    boolean selects(Pod pod) {
      return pod.namespace().equals(policy.getMetadata().getNamespace())
          && LabelSelectors.matches(policy.getSpec().getPodSelector(), pod.labels());
    }

    /** Whether the object isolates in that direction: its policyTypes, or the API's default without them. */
    boolean isolates(Direction direction) {
      return NetworkPolicyDefaults.policyTypes(policy.getSpec())
          .contains(direction == Direction.INGRESS ? NetworkPolicyDefaults.INGRESS : NetworkPolicyDefaults.EGRESS);
    }
  }

  /**
   * The objects that select a pod and isolate it, per direction, in the order of the objects.
   *
   * @param ingress those that isolate it for ingress
   * @param egress those that isolate it for egress
   */
  private record Selecting(List<Governing> ingress, List<Governing> egress) {
    List<Governing> of(Direction direction) {
      return direction == Direction.INGRESS ? ingress : egress;
    }
  }

  private final List<Governing> policies;
  private final ClusterLookup cluster;
  /** Per pod, the objects that govern it: a flow looks only at those of its two pods. */
  private final ClusterLookup.PerPod<Selecting> selecting;
  /** The ipBlock CIDRs and excepts, each parsed once. */
  private final Map<String, Cidr> cidrs = new ConcurrentHashMap<>();

  NetworkPolicyEvaluator(List<Governing> policies, Cluster cluster) {
    this.policies = List.copyOf(policies);
    this.cluster = new ClusterLookup(cluster);
    this.selecting = this.cluster.perPod(pod -> new Selecting(governing(pod, Direction.INGRESS),
        governing(pod, Direction.EGRESS)));
  }

  private List<Governing> governing(Pod pod, Direction direction) {
    return policies.stream().filter(g -> g.selects(pod) && g.isolates(direction)).toList();
  }

  @Override
  public Verdict evaluate(Flow flow) {
    End source = flow.source().accept(new Resolve());
    End destination = flow.destination().accept(new Resolve());
    boolean local = source.pod().isPresent() && source.pod().equals(destination.pod())
        || source.hostOf(destination) || destination.hostOf(source);
    return new Verdict(
        side(Direction.EGRESS, source.pod(), destination, local, flow, destination.pod()),
        side(Direction.INGRESS, destination.pod(), source, local, flow, destination.pod()));
  }

  /**
   * One end of a flow, a bare address resolved to the pod, node or external that has it.
   *
   * @param pod the pod, if the end is one
   * @param node the node, if the end is one
   * @param ip its address
   */
  private record End(Optional<Pod> pod, Optional<Node> node, IpAddress ip) {
    /** Whether this end is the node the other end, a pod, runs on. */
    boolean hostOf(End other) {
      return node.isPresent() && other.pod().filter(p -> p.node().equals(node.get().name())).isPresent();
    }
  }

  private final class Resolve implements Endpoint.Visitor<End> {
    @Override
    public End pod(Pod pod) {
      return new End(Optional.of(pod), Optional.empty(), pod.ip());
    }

    @Override
    public End node(Node node) {
      return new End(Optional.empty(), Optional.of(node), node.ip());
    }

    @Override
    public End external(External external) {
      return new End(Optional.empty(), Optional.empty(), external.ip());
    }

    @Override
    public End address(IpAddress address) {
      Endpoint resolved = cluster.endpointAt(address);
      return resolved instanceof Endpoint.AddressEnd
          ? new End(Optional.empty(), Optional.empty(), address)
          : resolved.accept(this);
    }
  }

  private Side side(
      Direction direction, Optional<Pod> self, End other, boolean local, Flow flow, Optional<Pod> destination) {
    if (self.isEmpty()) {
      return Side.of(direction, Reason.NOT_A_POD, List.of());
    }
    List<PolicyRef> isolating = new ArrayList<>();
    Optional<RuleRef> allowing = Optional.empty();
    for (Governing g : selecting.get(self.get()).of(direction)) {
      isolating.add(g.ref());
      if (allowing.isEmpty() && allows(g, direction, other, flow, destination)) {
        allowing = Optional.of(new RuleRef(g.ref(), Action.ALLOW, g.ref().span()));
      }
    }
    if (local) {
      return Side.of(direction, Reason.NODE_LOCAL, isolating);
    }
    if (isolating.isEmpty()) {
      return Side.of(direction, Reason.NOT_ISOLATED, isolating);
    }
    return allowing
        .map(rule -> Side.of(direction, Reason.ALLOWED_BY_RULE, rule, List.copyOf(isolating)))
        .orElseGet(() -> Side.of(direction, Reason.NO_RULE_MATCHED, isolating));
  }

  /** Whether one rule of the object's list for that direction matches the other end and the port. */
  private boolean allows(Governing g, Direction direction, End other, Flow flow, Optional<Pod> destination) {
    String namespace = g.policy().getMetadata().getNamespace();
    if (direction == Direction.INGRESS) {
      for (NetworkPolicyIngressRule r : nullToEmpty(g.policy().getSpec().getIngress())) {
        if (peers(r.getFrom(), namespace, other) && ports(r.getPorts(), flow, destination)) {
          return true;
        }
      }
      return false;
    }
    for (NetworkPolicyEgressRule r : nullToEmpty(g.policy().getSpec().getEgress())) {
      if (peers(r.getTo(), namespace, other) && ports(r.getPorts(), flow, destination)) {
        return true;
      }
    }
    return false;
  }

  private boolean peers(List<NetworkPolicyPeer> peers, String namespace, End other) {
    if (peers == null || peers.isEmpty()) {
      return true;
    }
    for (NetworkPolicyPeer peer : peers) {
      if (peer.getIpBlock() != null ? inBlock(peer.getIpBlock(), other.ip()) : selects(peer, namespace, other)) {
        return true;
      }
    }
    return false;
  }

  /** Every address of the block outside its excepts: pods and nodes included (see {@link KubernetesEvaluator}). */
  private boolean inBlock(IPBlock block, IpAddress address) {
    return address.in(cidr(block.getCidr()))
        && nullToEmpty(block.getExcept()).stream().noneMatch(e -> address.in(cidr(e)));
  }

  private Cidr cidr(String text) {
    return cidrs.computeIfAbsent(text, Cidr::parse);
  }

  /** podSelector and namespaceSelector of one peer: both must match, and only a pod can. */
  private boolean selects(NetworkPolicyPeer peer, String namespace, End other) {
    if (other.pod().isEmpty()) {
      return false;
    }
    Pod p = other.pod().get();
    boolean inNamespace = peer.getNamespaceSelector() == null
        ? p.namespace().equals(namespace)
        : LabelSelectors.matches(peer.getNamespaceSelector(),
            cluster.namespace(p.namespace()).map(Namespace::labels).orElse(Map.of()));
    return inNamespace && (peer.getPodSelector() == null || LabelSelectors.matches(peer.getPodSelector(), p.labels()));
  }

  private static boolean ports(List<NetworkPolicyPort> ports, Flow flow, Optional<Pod> destination) {
    if (ports == null || ports.isEmpty()) {
      return true;
    }
    for (NetworkPolicyPort p : ports) {
      String protocol = p.getProtocol() == null ? "TCP" : p.getProtocol();
      if (!flow.protocol().hasPorts() || !protocol.equalsIgnoreCase(flow.protocol().keyword())) {
        continue;
      }
      IntOrString port = p.getPort();
      if (port == null) {
        return true;
      }
      if (port.getStrVal() != null) {
        if (destination.flatMap(d -> d.namedPort(port.getStrVal(), flow.protocol()))
            .filter(n -> n == flow.port()).isPresent()) {
          return true;
        }
        continue;
      }
      int first = port.getIntVal();
      int last = p.getEndPort() == null ? first : p.getEndPort();
      if (first <= flow.port() && flow.port() <= last) {
        return true;
      }
    }
    return false;
  }

  private static <T> List<T> nullToEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }
}

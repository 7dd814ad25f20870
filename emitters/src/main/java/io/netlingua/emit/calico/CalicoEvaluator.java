package io.netlingua.emit.calico;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.netlingua.emit.EmittedDocument;
import io.netlingua.emit.lowering.ObjectMetadata;
import io.netlingua.emit.spi.TargetEvaluator;
import io.netlingua.eval.Cluster;
import io.netlingua.eval.Evaluator;
import io.netlingua.eval.Verdict.PolicyRef;
import io.netlingua.targets.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What emitted Calico {@code projectcalico.org/v3} objects allow, read as Calico 3.32 (Felix, and Dikastes for
 * HTTP) enforces them on pods (docs/targets.md, "How the Calico evaluator reads the objects"), from the objects
 * alone, never the program. Sources are projectcalico/calico at v3.32.1 (commit
 * 0ca9d1b93644778cafdf1812f3dda02ac0c361e8) and tigera/docs {@code calico_versioned_docs/version-3.32/}:
 *
 * <ul>
 *   <li>Tier, GlobalNetworkPolicy and StagedGlobalNetworkPolicy objects are read ({@link CalicoPolicies}); a staged
 *       policy enforces nothing, and a verdict about a pod it selects says so in {@code Verdict.notes()};
 *   <li>tiers by {@code order} (absent last, ties by name); the {@code default} tier is order 1,000,000 with
 *       {@code defaultAction: Deny} when no Tier object names it ({@code kube-admin} and {@code kube-baseline},
 *       3.32's built-in tiers, likewise: 1,000 and 10,000,000, both Pass); a policy in a tier no Tier object names
 *       is refused, as Calico refuses to create it;
 *   <li>policies by {@code order} then name (absent order last), rules in order; the first matching Allow or Deny
 *       ends evaluation in every tier, Pass ends the tier, Log goes on; a tier with at least one policy selecting
 *       the pod in that direction that decides nothing drops the flow, or passes it with {@code defaultAction:
 *       Pass}; after the last tier (or when none applies) the namespace's profile allows
 *       ({@code reference/resources/tier.mdx}; {@code felix/rules/endpoints.go}; {@code conversion.go}
 *       {@code NamespaceToProfile});
 *   <li>{@code types} as written, or as Calico defaults it: no egress rules, Ingress; egress rules only, Egress;
 *       both, both ({@code api/pkg/defaults/networkpolicy.go});
 *   <li>a policy selects the pods whose workload endpoint labels ({@link WorkloadLabels}: the pod's labels,
 *       {@code projectcalico.org/namespace}, {@code /orchestrator}, {@code /serviceaccount}, {@code pcns.} namespace
 *       labels) match its {@code selector} and its {@code namespaceSelector} (over the namespace's labels and
 *       {@code projectcalico.org/name}), each read with {@link SelectorParser} and matched as {@link CalicoSelector}
 *       matches ({@code !=} and {@code not in} match a pod without the label); a rule's {@code selector},
 *       {@code namespaceSelector} and {@code serviceAccounts} are combined as {@code updateprocessors/rules.go}
 *       combines them: a selector without a namespaceSelector matches pods of every namespace, {@code all()} there
 *       every pod and {@code global()} none; selectors match pods only, never nodes or external addresses;
 *   <li>{@code nets} and {@code notNets} match any address, pods and nodes included, a rule being rendered per IP
 *       family ({@code felix/rules/policy.go} {@code FilterRuleToIPVersion}; the packet's family is its protocol's
 *       for ICMP and ICMPv6, else its ends'); {@code protocol} (absent: any), {@code ipVersion}, {@code icmp} type
 *       and code; {@code ports} of the destination by number, range and
 *       name (resolved on the destination pod's ports of the flow's protocol); {@code services} as the Service's
 *       endpoints, on the Service's ports as a destination (the cluster model's Service ports stand for its
 *       endpoints' ports; for {@code kubernetes} in {@code default}, the ends the API server listens on, on every
 *       port when the cluster declares no such Service), on any port as a source;
 *   <li>{@code http} as Application Layer Policy matches in 3.32 ({@code app-policy/checker/match.go}): methods
 *       exact (or {@code *}), paths normalised and matched exactly or by segment; a flow without an HTTP request
 *       does not match a rule with an {@code http} match, and a side refused only there says so
 *       ({@code REFUSED_AT_L7}). Every pod is taken to run the ALP sidecar;
 *   <li>a pod's traffic to itself meets no policy; the node a pod runs on always reaches it (Felix never polices
 *       host to local workload: {@code felix/rules/static.go}, eBPF {@code felix/bpf-gpl/tc.c}); a pod's egress to
 *       its own node is policed like any other, and so is a pod reaching itself through its Service's cluster IP
 *       (kube-proxy's translation on the host hairpins the packet through the pod's interface);
 *   <li>a flow to a Service's cluster IP is judged toward the first pod behind it: Calico's policy for a workload
 *       runs after DNAT ({@code reference/resources/globalnetworkpolicy.mdx}).
 * </ul>
 *
 * <p>It also reads {@code networking.k8s.io/v1} NetworkPolicy documents (a Fabric8 {@code NetworkPolicy} object,
 * picked as {@code KubernetesEvaluator} picks them, or its tree), as Calico enforces them: a <em>reading</em> of the
 * Kubernetes target's output (docs/targets.md, "NetworkPolicy on Calico"). Each is converted as libcalico-go converts
 * it ({@link K8sNetworkPolicies}: {@code libcalico-go/lib/backend/k8s/conversion/conversion.go} {@code
 * K8sNetworkPolicyToCalico} at v3.32.1) into a namespaced Calico NetworkPolicy of the {@code default} tier at order
 * 1000, Allow rules only, whose selector and rule selectors are scoped to its namespace ({@code
 * networkpolicyprocessor.go}, {@code rules.go} {@code getEndpointSelector}), and judged with the Calico objects of
 * the same documents: one default tier, GlobalNetworkPolicies and converted policies by order then {@code
 * NAME/NAMESPACE/KIND} ({@code PolKVLess}; the kind {@code KubernetesNetworkPolicy}). Where that reading differs from
 * {@code KubernetesEvaluator}'s (a pod's egress to its own node, a flow to a Service's cluster IP, ICMP of the other
 * family against an ipBlock, label keys Calico sets on endpoints), docs/targets.md lists it with its source.
 *
 * <p>A verdict names the GlobalNetworkPolicy that decided (no namespace), or the NetworkPolicy as {@code
 * namespace/name}, the object applied (Felix 3.32 keys it by that name and namespace; {@code knp.default.NAME} is the
 * older spelling), at the place its {@code netlingua.io/source} annotation records. A document of another API group
 * (a Cilium object) is ignored. A field or kind the evaluator cannot judge on the cluster model (host endpoint
 * options, negated matches, source ports, service account labels, host endpoints and network sets, namespaced
 * {@code projectcalico.org/v3} policies), a NetworkPolicy without a namespace, or one Calico's validator refuses, is
 * an {@link IllegalArgumentException} naming the place, rather than a verdict that would pretend.
 */
public final class CalicoEvaluator implements TargetEvaluator {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The API group and version, and the kind, of a Kubernetes NetworkPolicy. */
  private static final String K8S_API_VERSION = "networking.k8s.io/v1";

  private static final String K8S_KIND = "NetworkPolicy";

  /**
   * Kinds of {@code projectcalico.org/v3} that police pods or change what selectors match, and that the evaluator
   * does not read: refused rather than ignored.
   */
  private static final Set<String> NOT_READ = Set.of("NetworkPolicy", "HostEndpoint", "GlobalNetworkSet",
      "NetworkSet", "Profile");

  @Override
  public Target target() {
    return Target.CALICO;
  }

  /** Calico's own objects, and Kubernetes NetworkPolicy, which Calico converts ({@link K8sNetworkPolicies}). */
  @Override
  public Set<Target> reads() {
    return Set.of(Target.CALICO, Target.KUBERNETES);
  }

  @Override
  public Evaluator evaluator(List<EmittedDocument> documents, Cluster cluster) {
    List<CalicoPolicies.Read> read = new ArrayList<>();
    for (EmittedDocument d : documents) {
      Optional<NetworkPolicy> k8s = kubernetesNetworkPolicy(d);
      if (k8s.isPresent()) {
        read.add(converted(k8s.get(), d));
        continue;
      }
      if (!d.apiVersion().equals(CalicoEmitter.API_VERSION)) {
        continue;
      }
      if (NOT_READ.contains(d.kind())) {
        throw new IllegalArgumentException(d.kind() + " " + d.name() + ": the Calico evaluator reads Tier,"
            + " GlobalNetworkPolicy and StagedGlobalNetworkPolicy objects only");
      }
      if (!List.of(CalicoEmitter.TIER, CalicoEmitter.POLICY, CalicoEmitter.STAGED_POLICY).contains(d.kind())) {
        continue;
      }
      JsonNode tree = d.object() instanceof JsonNode n ? n : JSON.valueToTree(d.object());
      read.add(new CalicoPolicies.Read(d.kind(), tree,
          new PolicyRef(d.name(), Optional.empty(), ObjectMetadata.source(tree, d.source()))));
    }
    return new CalicoJudge(CalicoPolicies.read(read), cluster);
  }

  /**
   * The Fabric8 NetworkPolicy of a {@code networking.k8s.io/v1} NetworkPolicy document, as the Kubernetes evaluator
   * picks them (by the object's type), or read from its tree; empty for any other document.
   */
  private static Optional<NetworkPolicy> kubernetesNetworkPolicy(EmittedDocument d) {
    if (d.object() instanceof NetworkPolicy np) {
      return Optional.of(np);
    }
    if (!d.apiVersion().equals(K8S_API_VERSION) || !d.kind().equals(K8S_KIND)) {
      return Optional.empty();
    }
    try {
      JsonNode tree = d.object() instanceof JsonNode n ? n : JSON.valueToTree(d.object());
      return Optional.of(JSON.treeToValue(tree, NetworkPolicy.class));
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new IllegalArgumentException("NetworkPolicy " + d.name() + ": not a networking.k8s.io/v1 NetworkPolicy: "
          + e.getMessage(), e);
    }
  }

  /**
   * A NetworkPolicy converted as Calico converts it ({@link K8sNetworkPolicies}), named as the Kubernetes evaluator
   * names it: {@code namespace/name}, the object the user applied (Felix keys it by that name and namespace with
   * the kind {@code KubernetesNetworkPolicy} from 3.32; {@code knp.default.NAME} is the older spelling), at the place
   * its {@code netlingua.io/source} annotation records.
   */
  private static CalicoPolicies.Read converted(NetworkPolicy np, EmittedDocument d) {
    String name = np.getMetadata() == null || np.getMetadata().getName() == null ? d.name()
        : np.getMetadata().getName();
    String namespace = Optional.ofNullable(np.getMetadata() == null ? null : np.getMetadata().getNamespace())
        .or(d::namespace)
        .orElseThrow(() -> new IllegalArgumentException("NetworkPolicy " + name + ": no namespace"));
    ObjectNode tree = K8sNetworkPolicies.toCalico(np, name, namespace);
    return new CalicoPolicies.Read(K8sNetworkPolicies.KIND, tree, new PolicyRef(name, Optional.of(namespace),
        ObjectMetadata.source(np.getMetadata() == null ? null : np.getMetadata().getAnnotations(), d.source())));
  }
}

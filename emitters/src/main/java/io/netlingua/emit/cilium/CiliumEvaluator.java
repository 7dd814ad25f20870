package io.netlingua.emit.cilium;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * What emitted CiliumNetworkPolicy and CiliumClusterwideNetworkPolicy objects allow, read as the Cilium 1.18 agent
 * reads them (docs/targets.md, "How the Cilium evaluator reads the objects"), from the objects alone, never the
 * program:
 *
 * <ul>
 *   <li>an object the agent refuses ({@link AgentRefusals}) is dropped whole: it isolates and allows nothing, and
 *       every verdict about a pod it would have selected names it and the reason in {@code Verdict.notes()};
 *   <li>a rule ({@code spec} or a {@code specs} entry) governs the pods its {@code endpointSelector} matches, in
 *       the object's namespace for a CiliumNetworkPolicy; it isolates a direction once it has an allow or deny
 *       rule there ({@code ingress: [{}]} isolates, {@code []} or an absent section does not) unless its
 *       {@code enableDefaultDeny} says false;
 *   <li>a matching deny rule of any selecting rule wins over every allow; otherwise an isolated side needs a
 *       matching allow rule, and a matching rule whose port carries L7 rules allows only the requests they match;
 *   <li>selectors match identity labels ({@link Identity}, {@link IdentitySelector}): {@code k8s:} pod labels,
 *       {@code any:} or unprefixed keys of any source, the namespace, service account and namespace labels the
 *       agent derives, with the namespace pins {@code getEndpointSelector} adds (and leaves out for a selector
 *       with a namespace term of any operator, which then also matches reserved identities: cilium/cilium#46949);
 *   <li>entities by their Cilium meaning ({@code cluster} holds every reserved identity but world); CIDR rules
 *       match only world identities, never pods or nodes; toFQDNs matches an external's name only when the
 *       pod's query for it passes the agent's DNS proxy toward one of the cluster's DNS servers
 *       ({@link Cluster#dnsServers()}); toServices stands for the pods behind a Service with a selector;
 *   <li>ports by number, range, name (an egress name resolved on the cluster-wide map of Cilium up to 1.18) and
 *       protocol (absent: any); ICMP by family and type;
 *   <li>HTTP as Envoy matches it with the agent's {@code http-normalize-path} on: the path normalised as
 *       {@link EnvoyPaths} models it, then RE2 full matches on {@code :path} with its query, {@code :method} and
 *       {@code :authority} with its port; Kafka by role, topic and client id; DNS by {@code matchName} and
 *       {@code matchPattern} ({@link DnsMatch});
 *   <li>a pod's traffic to itself never meets a policy; the node a pod runs on reaches it unless an
 *       {@code ingressDeny} selecting the pod matches the host (the agent's {@code allow-localhost} default);
 *   <li>a flow to a Service's cluster IP is judged toward the first pod behind it, which the agent's load
 *       balancer picks before any policy applies.
 * </ul>
 *
 * <p>It also reads {@code networking.k8s.io/v1} NetworkPolicy documents (a Fabric8 {@code NetworkPolicy} object,
 * as {@code KubernetesEvaluator} picks them) as the agent enforces them: through Cilium's own translator,
 * {@code pkg/k8s/network_policy.go} {@code ParseNetworkPolicy} at v1.18.0 ({@link NetworkPolicyReading} lists its
 * rules and the commits read), into a rule judged by the same code as the Cilium objects, so a NetworkPolicy's
 * {@code ipBlock} never matches a pod or a node, a pod's egress to its own node is policed, an egress named port
 * resolves on the cluster-wide map and a Service address is judged toward its first backend. A verdict names the
 * NetworkPolicy ({@code namespace/name}) and its {@code netlingua.io/source} place; docs/targets.md, "NetworkPolicy
 * on Cilium", lists where this reading differs from the Kubernetes one. A document of any other kind (a Calico
 * object) is ignored. A field the evaluator cannot judge on the cluster model
 * (host policies, groups, node selectors, requirements, authentication, TLS, generic L7) is an
 * {@link IllegalArgumentException} naming the place, rather than a verdict that would pretend.
 */
public final class CiliumEvaluator implements TargetEvaluator {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public Target target() {
    return Target.CILIUM;
  }

  /** Cilium's own objects, and Kubernetes NetworkPolicy, which the agent translates ({@link NetworkPolicyReading}). */
  @Override
  public Set<Target> reads() {
    return Set.of(Target.CILIUM, Target.KUBERNETES);
  }

  @Override
  public Evaluator evaluator(List<EmittedDocument> documents, Cluster cluster) {
    List<CiliumPolicy> accepted = new ArrayList<>();
    List<AgentJudge.Refused> refused = new ArrayList<>();
    for (EmittedDocument d : documents) {
      if (d.object() instanceof NetworkPolicy np) {
        // A reading: the agent enforces NetworkPolicy through its own translator (NetworkPolicyReading).
        NetworkPolicyReading.Read read = NetworkPolicyReading.read(np, d.source());
        read.policy().ifPresent(accepted::add);
        read.refusal().ifPresent(why -> refused.add(new AgentJudge.Refused(read.ref(), NetworkPolicyReading.KIND,
            why, Optional.of(List.of(read.subject())))));
        continue;
      }
      if (!d.apiVersion().equals(CiliumEmitter.API_VERSION)
          || !d.kind().equals(CiliumEmitter.NAMESPACED) && !d.kind().equals(CiliumEmitter.CLUSTERWIDE)) {
        continue;
      }
      JsonNode tree = d.object() instanceof JsonNode n ? n : JSON.valueToTree(d.object());
      PolicyRef ref = ref(d, tree);
      Optional<String> refusal = AgentRefusals.refusal(tree);
      if (refusal.isPresent()) {
        refused.add(new AgentJudge.Refused(ref, d.kind(), refusal.get(), subjects(tree, ref)));
      } else {
        accepted.add(CiliumPolicy.read(tree, ref));
      }
    }
    return new AgentJudge(accepted, refused, cluster);
  }

  private static PolicyRef ref(EmittedDocument d, JsonNode tree) {
    Optional<String> namespace = d.kind().equals(CiliumEmitter.NAMESPACED)
        ? Optional.of(d.namespace().orElse("default")) : Optional.empty();
    return new PolicyRef(d.name(), namespace, ObjectMetadata.source(tree, d.source()));
  }

  /** The subjects of a refused object, read leniently; empty when even they cannot be read. */
  private static Optional<List<IdentitySelector>> subjects(JsonNode tree, PolicyRef ref) {
    try {
      List<IdentitySelector> out = new ArrayList<>();
      List<JsonNode> specs = new ArrayList<>();
      if (tree.has("spec")) {
        specs.add(tree.get("spec"));
      }
      tree.path("specs").forEach(specs::add);
      for (JsonNode spec : specs) {
        if (!spec.has("endpointSelector")) {
          return Optional.empty();
        }
        out.add(IdentitySelector.read(spec.get("endpointSelector"), "endpointSelector").subject(ref.namespace()));
      }
      return Optional.of(out);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}

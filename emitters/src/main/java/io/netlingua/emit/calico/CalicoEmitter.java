package io.netlingua.emit.calico;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.ValueNode;
import io.netlingua.diagnostics.Outcome;
import io.netlingua.emit.DocumentRef;
import io.netlingua.emit.internal.Work;
import io.netlingua.emit.lowering.ClusterAddresses;
import io.netlingua.emit.lowering.ObjectMetadata;
import io.netlingua.emit.lowering.PlatformFacts;
import io.netlingua.emit.lowering.Use;
import io.netlingua.emit.spi.Degradations;
import io.netlingua.emit.spi.PlannedDocument;
import io.netlingua.emit.spi.TargetEmitter;
import io.netlingua.model.Action;
import io.netlingua.model.Direction;
import io.netlingua.model.Peer;
import io.netlingua.model.PodPeer;
import io.netlingua.model.Policy;
import io.netlingua.model.Program;
import io.netlingua.model.Rule;
import io.netlingua.model.RuleBlock;
import io.netlingua.model.SourceSpan;
import io.netlingua.targets.Options;
import io.netlingua.targets.Target;
import io.netlingua.targets.Versions;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Lowers a program to Calico {@code projectcalico.org/v3} objects (SEMANTICS.md section 3, Calico; TARGETS.md
 * section 3.0): every policy becomes a GlobalNetworkPolicy, never a {@code crd.projectcalico.org/v1} object (Calico's
 * storage, "never modify resources in the crd.projectcalico.org API group directly":
 * {@code operations/calicoctl/install.mdx}).
 *
 * <p>Calico applies the first Allow or Deny it meets, tier by tier, policy by policy in {@code order} (then name),
 * rule by rule ({@code reference/resources/tier.mdx}). The language's deny wins over every allow of every policy, so
 * a policy's deny rules go into an object of their own ({@code NAME-deny}) at {@code deny-order}, before every
 * allow object at {@code allow-order}, and, in the default tier, before order 1000, where Calico puts Kubernetes
 * NetworkPolicies ({@code libcalico-go/lib/backend/k8s/conversion/conversion.go}, {@code K8sNetworkPolicyToCalico}).
 * The allow object always exists and lists every direction the policy has a block for in {@code types}: a tier that
 * selected an endpoint in a direction and decided nothing drops the flow (the tier's {@code defaultAction: Deny}),
 * which is the isolation of the language. {@code types} is always written, since Calico defaults it otherwise than
 * the blocks say ({@code api/pkg/defaults/networkpolicy.go}).
 *
 * <p>A namespaced policy selects its pods with {@code namespaceSelector: projectcalico.org/name == 'NS'}; a cluster
 * policy with {@code namespaceSelector: all()}, which Calico turns into {@code has(projectcalico.org/namespace)}
 * ({@code updateprocessors/globalnetworkpolicyprocessor.go}), so that a subject never selects host endpoints. A
 * subject whose entries have different namespaces becomes one object per namespace selector ({@code -2}, {@code
 * -3}...), its pod selectors joined with {@code ||} within each.
 *
 * <p>With a tier of its own ({@code tier}), the output starts with that Tier ({@code defaultAction: Deny}, order
 * {@code tier-order}); with {@code staged=true}, every policy is a StagedGlobalNetworkPolicy ({@code stagedAction:
 * Set}), which Calico evaluates and reports in flow logs without enforcing it.
 */
public final class CalicoEmitter implements TargetEmitter {
  static final String API_VERSION = "projectcalico.org/v3";
  static final String POLICY = "GlobalNetworkPolicy";
  static final String STAGED_POLICY = "StagedGlobalNetworkPolicy";
  static final String TIER = "Tier";

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  @Override
  public Target target() {
    return Target.CALICO;
  }

  @Override
  public List<PlannedDocument> emit(Program program, Options options, Degradations degradations) {
    List<Policy> policies = program.policies();
    if (policies.isEmpty()) {
      return List.of();
    }
    Run run = new Run(options);
    PlatformFacts facts = new PlatformFacts("calico");
    ClusterAddresses addresses = new ClusterAddresses(options);
    HttpRules http = new HttpRules(degradations, run.version, run.alp, facts);
    CalicoRules rules = new CalicoRules(degradations, addresses, facts, http);
    List<PlannedDocument> out = new ArrayList<>();
    if (!run.tier.equals("default")) {
      out.add(tier(run, policies.get(0).span()));
    }
    if (run.alp && !Versions.atLeast(run.version, "3.32")) {
      facts.note(Versions.atLeast(run.version, "3.30")
          ? "Application Layer Policy (stated with alp=enabled) refuses every request through Calico's sidecar from"
              + " 3.30.0 to 3.31.x (projectcalico/calico#11986, fixed in 3.32.0): no http match is written"
          : "Application Layer Policy (stated with alp=enabled) matches paths by characters, unnormalised, on 3.29:"
              + " no http match is written", policies.get(0).span());
    }
    for (Policy policy : policies) {
      out.addAll(documents(policy, run, rules, facts, degradations));
    }
    Work.current().add(Work.Step.UNITS, out.size());
    addresses.report(degradations, "calico");
    facts.report(degradations);
    return out;
  }

  /** The target options of the run, read once. */
  private static final class Run {
    final String version;
    final String tier;
    final String tierOrder;
    final String denyOrder;
    final String allowOrder;
    final boolean alp;
    final boolean staged;
    final Options options;

    Run(Options options) {
      this.options = options;
      version = options.versionFor(Target.CALICO);
      tier = options.targetOptionFor(Target.CALICO, "tier");
      tierOrder = options.targetOptionFor(Target.CALICO, "tier-order");
      denyOrder = options.targetOptionFor(Target.CALICO, "deny-order");
      allowOrder = options.targetOptionFor(Target.CALICO, "allow-order");
      alp = options.targetOptionFor(Target.CALICO, "alp").equals("enabled");
      staged = options.targetOptionFor(Target.CALICO, "staged").equals("true");
    }

    String kind() {
      return staged ? STAGED_POLICY : POLICY;
    }
  }

  /** The objects of one policy: per subject part, the allow object and, with deny rules, the deny object. */
  private static List<PlannedDocument> documents(
      Policy policy, Run run, CalicoRules rules, PlatformFacts facts, Degradations degradations) {
    Map<Direction, List<ObjectNode>> allows = new EnumMap<>(Direction.class);
    Map<Direction, List<ObjectNode>> denies = new EnumMap<>(Direction.class);
    int count = 0;
    for (Direction direction : Direction.values()) {
      Optional<RuleBlock> block = policy.block(direction);
      if (block.isEmpty()) {
        continue;
      }
      allows.put(direction, new ArrayList<>());
      for (Rule rule : block.get().rules()) {
        count++;
        List<ObjectNode> lowered = rules.lower(policy, direction, rule);
        if (rule.action() == Action.DENY) {
          facts.note("deny rules win through order: they are in policies at deny-order " + run.denyOrder
              + ", before every allow at allow-order " + run.allowOrder + (run.tier.equals("default")
                  ? " and before the Kubernetes NetworkPolicies Calico puts at order 1000 of the default tier" : "")
              + "; an Accept of a cluster administrator's policy in Calico's " + adminTier(run.version)
              + " tier (order 1000) still ends evaluation before them", rule.span());
          if (!lowered.isEmpty()) {
            denies.computeIfAbsent(direction, d -> new ArrayList<>()).addAll(lowered);
          }
        } else {
          allows.get(direction).addAll(lowered);
        }
      }
    }
    Work.current().add(Work.Step.RULES, count);
    String base = CalicoNames.base(policy);
    List<PlannedDocument> out = new ArrayList<>();
    List<Map.Entry<String, String>> parts = subjectParts(policy, rules);
    for (int i = 0; i < parts.size(); i++) {
      String suffix = i == 0 ? "" : "-" + (i + 1);
      Map.Entry<String, String> part = parts.get(i);
      out.add(policyDocument(policy, run, CalicoNames.object(base, suffix, run.tier, run.version), run.allowOrder,
          part, allows));
      if (!denies.isEmpty()) {
        out.add(policyDocument(policy, run,
            CalicoNames.object(base, suffix + CalicoNames.DENY_SUFFIX, run.tier, run.version), run.denyOrder, part,
            denies));
      }
    }
    return out;
  }

  /** The Calico tier Calico puts ClusterNetworkPolicy's (before 3.32, AdminNetworkPolicy's) Admin rules in. */
  private static String adminTier(String version) {
    return Versions.atLeast(version, "3.32") ? "kube-admin" : "adminnetworkpolicy";
  }

  /**
   * The subject's parts: per namespace selector (in the order first written), the pod selectors of that namespace
   * selector joined with {@code ||}; {@code all()} when one of them selects every pod.
   */
  private static List<Map.Entry<String, String>> subjectParts(Policy policy, CalicoRules rules) {
    Map<String, List<CalicoSelector>> byNamespaces = new LinkedHashMap<>();
    for (Use<Peer> entry : Use.peers(policy.subject().terms())) {
      PodPeer pods = (PodPeer) entry.value();
      // A key Calico sets itself governs other pods, or none, whose isolation is then lost: wider either way.
      rules.reservedKeys(pods.pods(), pods.namespaces(), entry.span(), Optional.empty(), Outcome.WIDER);
      byNamespaces.computeIfAbsent(CalicoRules.namespaceSelector(policy, pods.namespaces()), k -> new ArrayList<>())
          .add(CalicoSelectors.of(pods.pods()));
    }
    List<Map.Entry<String, String>> out = new ArrayList<>();
    byNamespaces.forEach((namespaces, selectors) -> out.add(Map.entry(namespaces,
        selectors.contains(CalicoSelector.all()) ? "all()" : CalicoSelector.or(selectors).render())));
    return out;
  }

  /** A GlobalNetworkPolicy (or staged one) of one part of a policy; the trees are complete and handed over. */
  private static PlannedDocument policyDocument(
      Policy policy, Run run, String name, String order, Map.Entry<String, String> subject,
      Map<Direction, List<ObjectNode>> rules) {
    DocumentRef ref = new DocumentRef(API_VERSION, run.kind(), Optional.empty(), name, policy.span());
    return new PlannedDocument(ref, () -> {
      ObjectNode root = root(run.kind(), name, ObjectMetadata.annotations(policy, run.options));
      ObjectNode spec = root.putObject("spec");
      if (run.staged) {
        spec.put("stagedAction", "Set");
      }
      if (!run.tier.equals("default")) {
        spec.put("tier", run.tier);
      }
      spec.set("order", number(order));
      spec.put("selector", subject.getValue());
      spec.put("namespaceSelector", subject.getKey());
      ArrayNode types = spec.putArray("types");
      rules.keySet().forEach(d -> types.add(d == Direction.INGRESS ? "Ingress" : "Egress"));
      rules.forEach((direction, list) -> {
        if (!list.isEmpty()) {
          ArrayNode array = spec.putArray(direction == Direction.INGRESS ? "ingress" : "egress");
          list.forEach(array::add);
        }
      });
      return root;
    });
  }

  /**
   * The Tier the policies go into, with {@code defaultAction: Deny}: a flow a selecting policy of the tier does not
   * decide is dropped there, as the language's isolation says, rather than passed on to the default tier.
   */
  private static PlannedDocument tier(Run run, SourceSpan first) {
    DocumentRef ref = new DocumentRef(API_VERSION, TIER, Optional.empty(), run.tier, first);
    return new PlannedDocument(ref, () -> {
      ObjectNode root = root(TIER, run.tier, Map.of());
      ObjectNode spec = root.putObject("spec");
      spec.set("order", number(run.tierOrder));
      spec.put("defaultAction", "Deny");
      return root;
    });
  }

  private static ObjectNode root(String kind, String name, Map<String, String> annotations) {
    ObjectNode root = JSON.objectNode();
    root.put("apiVersion", API_VERSION);
    root.put("kind", kind);
    ObjectNode metadata = root.putObject("metadata");
    metadata.put("name", name);
    ObjectNode labels = metadata.putObject("labels");
    ObjectMetadata.labels().forEach(labels::put);
    if (!annotations.isEmpty()) {
      ObjectNode a = metadata.putObject("annotations");
      annotations.forEach(a::put);
    }
    return root;
  }

  /**
   * An order as written: an integer stays one ({@code 100}, not {@code 100.0}), as the int node YAML reads back (the
   * option's pattern keeps it below ten million).
   */
  private static ValueNode number(String order) {
    BigDecimal value = new BigDecimal(order).stripTrailingZeros();
    return value.scale() <= 0 ? JSON.numberNode(value.intValueExact()) : JSON.numberNode(value.doubleValue());
  }
}

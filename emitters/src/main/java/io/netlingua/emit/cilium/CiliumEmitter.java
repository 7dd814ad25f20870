package io.netlingua.emit.cilium;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netlingua.diagnostics.Outcome;
import io.netlingua.emit.DocumentRef;
import io.netlingua.emit.internal.Work;
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
import io.netlingua.targets.Feature;
import io.netlingua.targets.Options;
import io.netlingua.targets.Target;
import io.netlingua.targets.Versions;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * Lowers a program to Cilium {@code cilium.io/v2} objects (SEMANTICS.md section 3): a namespaced policy becomes a
 * CiliumNetworkPolicy in its namespace, a cluster policy a CiliumClusterwideNetworkPolicy, each named after the
 * policy. A subject of several entries becomes one rule ({@code specs} entry) per entry, with the same rules: an
 * endpoint selector cannot say "or", and the allows of the specs that select an endpoint add up. A rule asking for
 * {@code log} gets a spec of its own whose {@code log.value} marks its flows in Hubble (from 1.18,
 * cilium/cilium#39902).
 *
 * <p>Every direction the policy has a block for is written, with {@code [{}]} when no allow is left: one empty
 * rule matches nothing and switches on default deny for the direction ({@code Rule.Sanitize}; upstream
 * {@code examples/policies/l3/egress-default-deny/egress-default-deny.yaml}), where {@code []} or an absent key
 * would isolate nothing. With the agent's {@code allow-localhost} stated as {@code policy} (target option), every
 * isolated ingress also allows the entity {@code host}, so that a node reaches its own pods as the language says.
 */
public final class CiliumEmitter implements TargetEmitter {
  static final String API_VERSION = "cilium.io/v2";
  static final String NAMESPACED = "CiliumNetworkPolicy";
  static final String CLUSTERWIDE = "CiliumClusterwideNetworkPolicy";

  /** At most 32 printable characters (CRD {@code spec.log.value}). */
  static final int LOG_VALUE_MAX = 32;

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  @Override
  public Target target() {
    return Target.CILIUM;
  }

  @Override
  public List<PlannedDocument> emit(Program program, Options options, Degradations degradations) {
    List<Policy> policies = program.policies();
    if (policies.isEmpty()) {
      return List.of();
    }
    String version = options.versionFor(Target.CILIUM);
    PlatformFacts facts = new PlatformFacts("cilium");
    boolean policedLocalhost = options.targetOptionFor(Target.CILIUM, "allow-localhost").equals("policy");
    facts.note(policedLocalhost
        ? "the agent's allow-localhost is policy (stated with --target-option allow-localhost=policy): every"
            + " isolated ingress allows the host, so that a node still reaches its own pods (kubelet probes)"
        : "a node's connections to its own pods (kubelet probes) are allowed whatever the policies say while the"
            + " agent's allow-localhost is auto or always (the default); state --target-option"
            + " allow-localhost=policy when it is policy",
        policies.get(0).span());
    L7Rules l7 = new L7Rules(degradations, version);
    CiliumRules rules = new CiliumRules(degradations, version, l7, new DnsVisibility(program), facts);
    List<PlannedDocument> out = new ArrayList<>(policies.size());
    for (Policy policy : policies) {
      out.add(document(policy, options, specs(policy, rules, version, policedLocalhost, degradations)));
    }
    Work.current().add(Work.Step.UNITS, out.size());
    facts.report(degradations);
    return out;
  }

  /** The rules ({@code specs} entries) of a policy: per subject entry, one for its rules and one per logged rule. */
  private static List<ObjectNode> specs(
      Policy policy, CiliumRules rules, String version, boolean policedLocalhost, Degradations d) {
    boolean logs = Versions.atLeast(version, "1.18");
    ObjectNode shared = JSON.objectNode();
    List<ObjectNode> logged = new ArrayList<>();
    int count = 0;
    for (Direction direction : Direction.values()) {
      Optional<RuleBlock> block = policy.block(direction);
      if (block.isEmpty()) {
        continue;
      }
      ArrayNode allows = JSON.arrayNode();
      ArrayNode denies = JSON.arrayNode();
      for (Rule rule : block.get().rules()) {
        count++;
        boolean deny = rule.action() == Action.DENY;
        List<ObjectNode> lowered = deny ? rules.deny(policy, direction, rule) : rules.allow(policy, direction, rule);
        if (rule.log() && !logs) {
          d.report(
              Feature.LOG, Outcome.EXACT, rule.span(), Optional.of(direction),
              "cilium: log needs Cilium 1.18 (spec.log): matching traffic is not logged, and no verdict changes"
                  + " (exact)",
              "target Cilium 1.18 or later to log it");
        }
        if (rule.log() && logs && !lowered.isEmpty()) {
          ObjectNode spec = JSON.objectNode();
          spec.putObject("log").put("value", logValue(policy, rule));
          ArrayNode list = spec.putArray(key(direction, deny));
          lowered.forEach(list::add);
          logged.add(spec);
        } else {
          (deny ? denies : allows).addAll(lowered);
        }
      }
      if (policedLocalhost && direction == Direction.INGRESS) {
        // The node's connections to its own pods are always allowed in the language (rule 7); with the agent
        // policing them, the host must be allowed where a policy isolates ingress.
        allows.addObject().putArray("fromEntities").add("host");
      }
      if (allows.isEmpty()) {
        allows.addObject();
      }
      shared.set(key(direction, false), allows);
      if (!denies.isEmpty()) {
        shared.set(key(direction, true), denies);
      }
    }
    Work.current().add(Work.Step.RULES, count);
    List<ObjectNode> out = new ArrayList<>();
    for (Use<Peer> entry : Use.peers(policy.subject().terms())) {
      PodPeer pods = (PodPeer) entry.value();
      subjectKeys(pods, entry, rules);
      ObjectNode selector = EndpointSelectors.pods(policy, pods.namespaces(), pods.pods());
      out.add(withSelector(selector, shared));
      logged.forEach(l -> out.add(withSelector(selector, l)));
    }
    return out;
  }

  /**
   * A subject naming a key Cilium reads otherwise governs other pods there, or none, whose isolation is then lost:
   * wider either way.
   */
  private static void subjectKeys(PodPeer pods, Use<Peer> entry, CiliumRules rules) {
    rules.selectorKeys(pods, entry.span(), Optional.empty(), Outcome.WIDER, Outcome.WIDER);
  }

  /** A spec: the selector, then the rules, shared with the other specs of the policy (trees are never changed). */
  private static ObjectNode withSelector(ObjectNode selector, ObjectNode rules) {
    ObjectNode spec = JSON.objectNode();
    spec.set("endpointSelector", selector);
    spec.setAll(rules);
    return spec;
  }

  private static String key(Direction direction, boolean deny) {
    return (direction == Direction.INGRESS ? "ingress" : "egress") + (deny ? "Deny" : "");
  }

  /**
   * {@code <policy>:<line>}, at most 32 characters: a longer policy name is cut and marked with four hex digits of
   * its CRC-32, so that the value stays the same run to run and two long names rarely share one.
   */
  static String logValue(Policy policy, Rule rule) {
    String line = ":" + rule.span().line();
    String name = policy.name();
    if (name.length() + line.length() <= LOG_VALUE_MAX) {
      return name + line;
    }
    CRC32 crc = new CRC32();
    crc.update(name.getBytes(StandardCharsets.UTF_8));
    String mark = "~" + String.format("%04x", crc.getValue() & 0xffff);
    return name.substring(0, LOG_VALUE_MAX - line.length() - mark.length()) + mark + line;
  }

  /** The document of a policy; the tree is complete already and handed over as it is. */
  private static PlannedDocument document(Policy policy, Options options, List<ObjectNode> specs) {
    String kind = policy.isClusterWide() ? CLUSTERWIDE : NAMESPACED;
    DocumentRef ref = new DocumentRef(API_VERSION, kind, policy.namespace(), policy.name(), policy.span());
    return new PlannedDocument(ref, () -> {
      ObjectNode root = JSON.objectNode();
      root.put("apiVersion", API_VERSION);
      root.put("kind", kind);
      ObjectNode metadata = root.putObject("metadata");
      metadata.put("name", policy.name());
      policy.namespace().ifPresent(ns -> metadata.put("namespace", ns));
      ObjectNode labels = metadata.putObject("labels");
      ObjectMetadata.labels().forEach(labels::put);
      ObjectNode annotations = metadata.putObject("annotations");
      ObjectMetadata.annotations(policy, options).forEach(annotations::put);
      if (specs.size() == 1) {
        root.set("spec", specs.get(0));
      } else {
        ArrayNode list = root.putArray("specs");
        specs.forEach(list::add);
      }
      return root;
    });
  }
}

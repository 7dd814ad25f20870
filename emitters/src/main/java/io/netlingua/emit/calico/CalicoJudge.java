package io.netlingua.emit.calico;

import io.netlingua.emit.calico.CalicoPolicies.Entity;
import io.netlingua.emit.calico.CalicoPolicies.Http;
import io.netlingua.emit.calico.CalicoPolicies.PathMatch;
import io.netlingua.emit.calico.CalicoPolicies.Policy;
import io.netlingua.emit.calico.CalicoPolicies.PortMatch;
import io.netlingua.emit.calico.CalicoPolicies.Rule;
import io.netlingua.emit.calico.CalicoPolicies.RuleAction;
import io.netlingua.emit.calico.CalicoPolicies.ServiceRef;
import io.netlingua.emit.calico.CalicoPolicies.Tier;
import io.netlingua.emit.lowering.ClusterLookup;
import io.netlingua.emit.lowering.FlowEnds;
import io.netlingua.eval.Cluster;
import io.netlingua.eval.Endpoint;
import io.netlingua.eval.Evaluator;
import io.netlingua.eval.Flow;
import io.netlingua.eval.FlowProtocol;
import io.netlingua.eval.HttpRequest;
import io.netlingua.eval.IpAddress;
import io.netlingua.eval.Pod;
import io.netlingua.eval.Service;
import io.netlingua.eval.Verdict;
import io.netlingua.eval.Verdict.PolicyRef;
import io.netlingua.eval.Verdict.Reason;
import io.netlingua.eval.Verdict.RuleRef;
import io.netlingua.eval.Verdict.Side;
import io.netlingua.model.Action;
import io.netlingua.model.Cidr;
import io.netlingua.model.Direction;
import io.netlingua.model.HttpPaths;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The evaluator {@link CalicoEvaluator} makes: Felix's reading of a fixed set of tiers and policies in a cluster,
 * side by side: egress at the source pod, ingress at the destination pod.
 *
 * <p>One side walks the tiers in order ({@code felix/rules/endpoints.go}, the policy part of the endpoint chain;
 * Dikastes does the same per request: {@code app-policy/checker/check.go} {@code checkTiers}): a tier none of whose
 * enforced policies selects the pod for that direction is skipped; otherwise its selecting policies are tried in
 * order and their rules in order, the first matching Allow or Deny decides, a Pass ends the tier, a Log goes on; a
 * tier that decided nothing drops the flow ("End of tier ... if no policies passed packet"), unless its
 * {@code defaultAction} is {@code Pass}. After the last tier the namespace's profile allows
 * ({@code conversion.go} {@code NamespaceToProfile}: Allow in and out).
 *
 * <p>A namespaced policy (a converted Kubernetes NetworkPolicy) selects only pods of its namespace: {@link
 * CalicoPolicies} has ANDed {@code projectcalico.org/namespace == 'NS'} into its selector, as Felix's v1 model holds
 * it, so the judge matches it like any other policy.
 */
final class CalicoJudge implements Evaluator {
  /** How a rule meets a flow. */
  private enum Match {
    NO,
    YES,
    /** Everything but the {@code http} match: the request is refused there (or there is no request). */
    REFUSED_AT_L7
  }

  /** The Service whose endpoints are the Kubernetes API server ({@code kubernetes} in {@code default}). */
  private static final ServiceRef API_SERVER = new ServiceRef("kubernetes", "default");

  /**
   * What selects a pod for one direction.
   *
   * @param byTier per tier, in tier order, its enforced policies that select the pod, in order
   * @param selecting those policies, tier by tier
   * @param staged the notes of the staged policies that select it
   */
  private record Selecting(List<List<Policy>> byTier, List<PolicyRef> selecting, List<String> staged) {}

  private final CalicoPolicies policies;
  private final Cluster cluster;
  private final ClusterLookup lookup;
  /** Per pod: its workload endpoint's labels, and what selects it for ingress and for egress. */
  private final ClusterLookup.PerPod<Map<String, String>> labels;
  private final ClusterLookup.PerPod<Map<Direction, Selecting>> governing;

  CalicoJudge(CalicoPolicies policies, Cluster cluster) {
    this.policies = policies;
    this.cluster = cluster;
    this.lookup = new ClusterLookup(cluster);
    this.labels = lookup.perPod(pod -> WorkloadLabels.of(pod, lookup.namespace(pod.namespace())));
    this.governing = lookup.perPod(pod -> {
      Map<Direction, Selecting> out = new EnumMap<>(Direction.class);
      for (Direction d : Direction.values()) {
        out.put(d, selecting(d, pod));
      }
      return out;
    });
  }

  private Selecting selecting(Direction direction, Pod self) {
    Map<String, String> labels = labels(self);
    List<PolicyRef> selecting = new ArrayList<>();
    List<List<Policy>> byTier = new ArrayList<>();
    for (Tier tier : policies.tiers()) {
      List<Policy> applying = tier.policies().stream()
          .filter(p -> p.governs(direction) && p.subject().matches(labels)).toList();
      applying.forEach(p -> selecting.add(p.ref()));
      byTier.add(applying);
    }
    List<String> staged = new ArrayList<>();
    for (Policy p : policies.staged()) {
      if (p.governs(direction) && p.subject().matches(labels)) {
        staged.add(p.kind() + " " + p.ref().name() + " selects " + self.qualifiedName() + " for "
            + direction.keyword() + " and is staged: it enforces nothing");
      }
    }
    return new Selecting(List.copyOf(byTier), List.copyOf(selecting), List.copyOf(staged));
  }

  @Override
  public Verdict evaluate(Flow flow) {
    FlowEnds ends = FlowEnds.of(flow, lookup);
    List<String> notes = new ArrayList<>();
    if (ends.podToItself() && !ends.translated()) {
      // A pod talking to its own address never leaves its network namespace: no policy sees it. Through its
      // Service's cluster IP it does: kube-proxy's DNAT is on the host, and the hairpinned packet leaves through the
      // pod's interface (egress policy) and comes back through it (ingress policy).
      return FlowEnds.toItself(notes);
    }
    Side egress = ends.sourcePod().map(p -> side(Direction.EGRESS, p, ends, flow, notes))
        .orElseGet(() -> Side.of(Direction.EGRESS, Reason.NOT_A_POD, List.of()));
    Side ingress = ends.destinationPod().map(p -> side(Direction.INGRESS, p, ends, flow, notes))
        .orElseGet(() -> Side.of(Direction.INGRESS, Reason.NOT_A_POD, List.of()));
    return new Verdict(egress, ingress, notes);
  }

  /** The decision of one side, for the pod at that end. */
  private Side side(Direction direction, Pod self, FlowEnds ends, Flow flow, List<String> notes) {
    Selecting governed = governing.get(self).get(direction);
    List<PolicyRef> selecting = governed.selecting();
    List<List<Policy>> byTier = governed.byTier();
    for (String staged : governed.staged()) {
      note(notes, staged);
    }
    if (direction == Direction.INGRESS && ends.nodeToItsPod()) {
      // felix/rules/static.go: "We don't currently police host -> endpoint according to the endpoint's ingress
      // policy"; eBPF felix/bpf-gpl/tc.c: "Host to workload traffic always allowed".
      return Side.of(direction, Reason.NODE_LOCAL, selecting);
    }
    Optional<RuleRef> refusal = Optional.empty();
    List<String> passedBy = new ArrayList<>();
    for (int t = 0; t < byTier.size(); t++) {
      Tier tier = policies.tiers().get(t);
      List<Policy> applying = byTier.get(t);
      if (applying.isEmpty()) {
        continue;
      }
      Optional<String> passed = Optional.empty();
      for (Policy policy : applying) {
        for (Rule rule : policy.rules(direction)) {
          Match m = matches(rule, flow, ends, direction);
          if (m == Match.NO || rule.action() == RuleAction.LOG) {
            // "After a Log action, processing continues with the next rule" (_includes/content/_rule.mdx).
            continue;
          }
          if (m == Match.REFUSED_AT_L7) {
            refusal = refusal.or(() -> Optional.of(ref(policy, Action.ALLOW)));
            continue;
          }
          if (rule.action() == RuleAction.ALLOW) {
            return Side.of(direction, Reason.ALLOWED_BY_RULE, ref(policy, Action.ALLOW), selecting);
          }
          if (rule.action() == RuleAction.DENY) {
            return Side.of(direction, Reason.DENIED_BY_RULE, ref(policy, Action.DENY), selecting);
          }
          passed = Optional.of("a Pass rule of " + policy.kind() + " " + policy.ref().name());
          break;
        }
        if (passed.isPresent()) {
          break;
        }
      }
      if (passed.isEmpty() && !tier.passByDefault()) {
        return refusal.map(r -> Side.of(direction, Reason.REFUSED_AT_L7, r, selecting))
            .orElseGet(() -> Side.of(direction, Reason.NO_RULE_MATCHED, selecting));
      }
      passedBy.add("tier " + tier.name() + " (" + passed.orElse("its defaultAction Pass") + ")");
    }
    if (!passedBy.isEmpty()) {
      note(notes, direction.keyword() + " of " + self.qualifiedName() + ": passed on by " + String.join(", ",
          passedBy) + " and decided by no later tier, so the profile of namespace " + self.namespace()
          + " allows it");
    }
    return Side.of(direction, Reason.NOT_ISOLATED, selecting);
  }

  private static void note(List<String> notes, String note) {
    if (!notes.contains(note)) {
      notes.add(note);
    }
  }

  private static RuleRef ref(Policy policy, Action action) {
    return new RuleRef(policy.ref(), action, policy.ref().span());
  }

  private Map<String, String> labels(Pod pod) {
    return labels.get(pod);
  }

  /**
   * Whether a rule matches a flow, as Felix renders it ({@code felix/rules/policy.go}): {@code ipVersion} and the
   * nets of the packet's family ({@code FilterRuleToIPVersion}: a rule whose {@code nets} or {@code notNets} hold no
   * CIDR of that family, or whose {@code notNets} hold its catch-all, is not rendered for it), protocol, ICMP type
   * and code, then both entity rules; and, for a rule with an {@code http} match, the request as Dikastes matches it.
   *
   * <p>The packet's family is its protocol's for ICMP and ICMPv6, else its ends'. A flow between an IPv4 and an IPv6
   * end, which a cluster file can write and no packet is, is read end by end: each entity rule in the family of its
   * end's address, {@code ipVersion} in the family of the judged pod's peer.
   */
  private Match matches(Rule rule, Flow flow, FlowEnds ends, Direction direction) {
    // Tests without optionals or lambdas of their own: every rule of every selecting policy meets every flow.
    boolean sourceV6 = ends.source().ip().ipv6();
    boolean destinationV6 = ends.destination().ip().ipv6();
    // The packet's family, when it has one: its protocol's for ICMP and ICMPv6, else its ends' when they agree.
    boolean icmp = flow.protocol() == FlowProtocol.ICMP || flow.protocol() == FlowProtocol.ICMPV6;
    boolean known = icmp || sourceV6 == destinationV6;
    boolean packetV6 = icmp ? flow.protocol() == FlowProtocol.ICMPV6 : sourceV6;
    boolean peerV6 = known ? packetV6 : direction == Direction.INGRESS ? sourceV6 : destinationV6;
    if (rule.ipVersion().isPresent() && rule.ipVersion().get() != (peerV6 ? 6 : 4)
        || !rendered(rule.source(), known ? packetV6 : sourceV6)
        || !rendered(rule.destination(), known ? packetV6 : destinationV6)
        || rule.protocol().isPresent() && rule.protocol().get() != CalicoPolicies.number(flow.protocol())) {
      return Match.NO;
    }
    if (rule.icmp().isPresent()) {
      CalicoPolicies.Icmp field = rule.icmp().get();
      if (flow.protocol().hasPorts() || flow.icmpType() != field.type()
          || field.code().isPresent() && field.code().get() != flow.icmpCode()) {
        return Match.NO;
      }
    }
    if (!entity(rule.source(), ends.source(), flow, false) || !entity(rule.destination(), ends.destination(), flow,
        true)) {
      return Match.NO;
    }
    if (rule.http().isPresent()) {
      return flow.http().isPresent() && http(rule.http().get(), flow.http().get()) ? Match.YES : Match.REFUSED_AT_L7;
    }
    return Match.YES;
  }

  /**
   * Whether Felix renders the rule for a family, as far as this entity rule's CIDRs go. (Loops, not streams: every
   * rule of every policy that selects a pod is asked this for every flow, and its lists are mostly empty.)
   */
  private static boolean rendered(Entity entity, boolean v6) {
    if (!entity.nets().isEmpty() && !anyOfFamily(entity.nets(), v6)) {
      return false;
    }
    if (!entity.notNets().isEmpty() && !anyOfFamily(entity.notNets(), v6)) {
      return false;
    }
    // "Ignoring rule with negated catch-all CIDR to prevent iptables logical contradiction" (filterNets).
    for (Cidr c : entity.notNets()) {
      if (c.ipv6() == v6 && c.prefixLength() == 0) {
        return false;
      }
    }
    return true;
  }

  private static boolean anyOfFamily(List<Cidr> cidrs, boolean v6) {
    for (Cidr c : cidrs) {
      if (c.ipv6() == v6) {
        return true;
      }
    }
    return false;
  }

  private static boolean anyContains(List<Cidr> cidrs, IpAddress ip) {
    for (Cidr c : cidrs) {
      if (ip.in(c)) {
        return true;
      }
    }
    return false;
  }

  /** Whether one end of the flow meets an entity rule: every field set must match. */
  private boolean entity(Entity entity, Endpoint end, Flow flow, boolean destination) {
    IpAddress ip = end.ip();
    if (!entity.nets().isEmpty() && !anyContains(entity.nets(), ip) || anyContains(entity.notNets(), ip)) {
      return false;
    }
    // A selector matches endpoints (here pods: host endpoints and network sets are not in the cluster model), by
    // the IP sets Felix builds of their addresses.
    Optional<Pod> pod = FlowEnds.pod(end);
    if (entity.selector().isPresent() && (pod.isEmpty() || !entity.selector().get().matches(labels(pod.get())))) {
      return false;
    }
    if (entity.service().isPresent() && !service(entity.service().get(), end, flow, destination)) {
      return false;
    }
    if (entity.ports().isEmpty()) {
      return true;
    }
    for (PortMatch p : entity.ports()) {
      if (port(p, pod, flow)) {
        return true;
      }
    }
    return false;
  }

  /**
   * A number or range; a name as the destination endpoint's port of that name and the flow's protocol (Felix's
   * named-port IP sets hold the endpoints' address, protocol and port: {@code felix/calc/rule_scanner.go}).
   */
  private static boolean port(PortMatch p, Optional<Pod> pod, Flow flow) {
    if (!flow.protocol().hasPorts()) {
      return false;
    }
    if (p.name().isPresent()) {
      return pod.flatMap(x -> x.namedPort(p.name().get(), flow.protocol())).filter(n -> n == flow.port()).isPresent();
    }
    return p.first() <= flow.port() && flow.port() <= p.last();
  }

  /**
   * {@code services}: the Service's endpoints, the pods it selects (and for {@code kubernetes} in {@code default}
   * the ends the API server listens on). As a destination Felix matches an IP-and-port set of the endpoints and
   * the Service's ports, which the cluster model holds as the endpoints' own ports (every port of
   * {@code default/kubernetes} when the cluster declares no such Service), so no ICMP packet is in it; as a source,
   * the endpoints' addresses on any port ({@code rule_scanner.go}: {@code ServiceIncludePorts} true for the
   * destination, false for the source).
   */
  private boolean service(ServiceRef ref, Endpoint end, Flow flow, boolean destination) {
    Optional<Service> service = lookup.service(ref.namespace(), ref.name());
    boolean apiServer = ref.equals(API_SERVER);
    boolean endpoint = FlowEnds.pod(end).filter(p -> service.filter(s -> s.selects(p)).isPresent()).isPresent()
        || apiServer && kubeApiserver(end);
    if (!endpoint || !destination) {
      return endpoint;
    }
    if (!flow.protocol().hasPorts()) {
      return false;
    }
    return service.map(s -> s.ports().stream().anyMatch(p -> p.protocol() == flow.protocol() && p.port() == flow.port()))
        .orElse(true);
  }

  private static boolean kubeApiserver(Endpoint end) {
    if (end instanceof Endpoint.NodeEnd n) {
      return n.node().kubeApiserver();
    }
    return end instanceof Endpoint.ExternalEnd x && x.external().kubeApiserver();
  }

  /**
   * Dikastes' {@code matchHTTP} ({@code app-policy/checker/match.go} at v3.32.1): a method equal to one listed, or
   * {@code *}; a path whose normal form ({@code normalizeHTTPPath}, which {@link HttpPaths#normalise} follows rule
   * by rule) equals an {@code exact} path's or extends a {@code prefix} at a segment boundary ({@code
   * segmentPrefixMatch}, {@link HttpPaths#startsWithSegments}); a rule path that does not normalise is skipped, a
   * request path that does not matches no path. An empty list matches every request.
   */
  private static boolean http(Http http, HttpRequest request) {
    if (!http.methods().isEmpty()
        && http.methods().stream().noneMatch(m -> m.equals("*") || m.equals(request.method()))) {
      return false;
    }
    if (http.paths().isEmpty()) {
      return true;
    }
    Optional<String> path = HttpPaths.normalise(request.path());
    if (path.isEmpty()) {
      return false;
    }
    for (PathMatch p : http.paths()) {
      Optional<String> rule = HttpPaths.normalise(p.value());
      if (rule.isPresent() && (p.exact() ? path.get().equals(rule.get())
          : HttpPaths.startsWithSegments(path.get(), rule.get()))) {
        return true;
      }
    }
    return false;
  }
}

package io.netlingua.emit.cilium;

import io.netlingua.emit.cilium.CiliumPolicy.CidrRule;
import io.netlingua.emit.cilium.CiliumPolicy.Dns;
import io.netlingua.emit.cilium.CiliumPolicy.Endpoints;
import io.netlingua.emit.cilium.CiliumPolicy.Entity;
import io.netlingua.emit.cilium.CiliumPolicy.Fqdn;
import io.netlingua.emit.cilium.CiliumPolicy.Http;
import io.netlingua.emit.cilium.CiliumPolicy.HttpRule;
import io.netlingua.emit.cilium.CiliumPolicy.IcmpField;
import io.netlingua.emit.cilium.CiliumPolicy.Kafka;
import io.netlingua.emit.cilium.CiliumPolicy.KafkaMatch;
import io.netlingua.emit.cilium.CiliumPolicy.L7;
import io.netlingua.emit.cilium.CiliumPolicy.Peer;
import io.netlingua.emit.cilium.CiliumPolicy.PeerRule;
import io.netlingua.emit.cilium.CiliumPolicy.Port;
import io.netlingua.emit.cilium.CiliumPolicy.PortRule;
import io.netlingua.emit.cilium.CiliumPolicy.Section;
import io.netlingua.emit.cilium.CiliumPolicy.ServiceRef;
import io.netlingua.emit.cilium.CiliumPolicy.Spec;
import io.netlingua.emit.lowering.ClusterLookup;
import io.netlingua.emit.lowering.FlowEnds;
import io.netlingua.eval.Cluster;
import io.netlingua.eval.Endpoint;
import io.netlingua.eval.Evaluator;
import io.netlingua.eval.External;
import io.netlingua.eval.Flow;
import io.netlingua.eval.FlowProtocol;
import io.netlingua.eval.HttpRequest;
import io.netlingua.eval.IpAddress;
import io.netlingua.eval.KafkaRequest;
import io.netlingua.eval.Node;
import io.netlingua.eval.Pod;
import io.netlingua.eval.PortSpec;
import io.netlingua.eval.Service;
import io.netlingua.eval.Verdict;
import io.netlingua.eval.Verdict.PolicyRef;
import io.netlingua.eval.Verdict.Reason;
import io.netlingua.eval.Verdict.RuleRef;
import io.netlingua.eval.Verdict.Side;
import io.netlingua.model.Action;
import io.netlingua.model.Direction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The evaluator {@link CiliumEvaluator} makes: the agent's reading of a fixed set of accepted objects, and the
 * objects it refused, in a cluster.
 */
final class AgentJudge implements Evaluator {
  /** A port name and protocol: the key of the cluster-wide named-port map of egress rules. */
  private record NamedPort(String name, FlowProtocol protocol) {}

  /**
   * An object the agent refused: it enforces nothing.
   *
   * @param ref the object
   * @param kind its kind
   * @param why the agent's refusal
   * @param subjects the subjects of its rules, when they could be read (a verdict notes the object where one of
   *     them selects an end); empty: noted on every verdict
   */
  record Refused(PolicyRef ref, String kind, String why, Optional<List<IdentitySelector>> subjects) {
    String note() {
      return kind + " " + ref.qualifiedName() + " is refused by the agent and enforces nothing (" + why + ")";
    }
  }

  /**
   * One side's decision, and whether the allowing rules send the flow through the agent's DNS proxy (a matching
   * allow rule on the port carries {@code rules.dns}), which is how a name reaches toFQDNs.
   */
  private record Decision(Side side, boolean dnsProxy) {}

  /** A rule ({@code spec} or {@code specs} entry) of an object, which selects some pod. */
  private record Selected(CiliumPolicy policy, Spec spec) {}

  /**
   * The objects that isolate a pod in one direction, in object order, each once, and how many of them come before
   * each of the pod's rules (a deny of rule {@code i} names the {@code before[i]} first).
   */
  private record Isolation(List<PolicyRef> by, int[] before) {
    static Isolation of(List<Selected> rules, boolean ingress) {
      List<PolicyRef> by = new ArrayList<>();
      int[] before = new int[rules.size()];
      for (int i = 0; i < rules.size(); i++) {
        before[i] = by.size();
        Selected s = rules.get(i);
        if ((ingress ? s.spec().isolatesIngress() : s.spec().isolatesEgress()) && !by.contains(s.policy().ref())) {
          by.add(s.policy().ref());
        }
      }
      return new Isolation(List.copyOf(by), before);
    }
  }

  /** What selects a pod: its rules, in object order, and the objects that isolate it per direction. */
  private record Selection(List<Selected> rules, Isolation ingress, Isolation egress) {}

  /** The port rule of a rule without ports: every port and protocol, no L7 rules. */
  private static final PortRule ANY_PORT = new PortRule(List.of(), Optional.empty());

  private final List<CiliumPolicy> policies;
  private final List<Refused> refused;
  private final Cluster cluster;
  private final ClusterLookup lookup;
  private final Map<NamedPort, Set<Integer>> namedPorts = new HashMap<>();
  /** Per pod: its identity, the rules whose endpointSelector selects it (in object order), its DNS answers. */
  private final ClusterLookup.PerPod<Identity> identities;
  private final ClusterLookup.PerPod<Selection> selected;
  private final ClusterLookup.PerPod<Map<String, Boolean>> dnsAnswers;

  AgentJudge(List<CiliumPolicy> policies, List<Refused> refused, Cluster cluster) {
    this.policies = List.copyOf(policies);
    this.refused = List.copyOf(refused);
    this.cluster = cluster;
    this.lookup = new ClusterLookup(cluster);
    this.identities = lookup.perPod(pod -> Identity.of(pod, lookup.namespace(pod.namespace())));
    this.selected = lookup.perPod(this::selecting);
    this.dnsAnswers = lookup.perPod(pod -> new ConcurrentHashMap<>());
    for (Pod p : cluster.pods()) {
      for (PortSpec s : p.ports()) {
        s.name().ifPresent(n -> namedPorts.computeIfAbsent(new NamedPort(n, s.protocol()), k -> new TreeSet<>())
            .add(s.port()));
      }
    }
  }

  /** The rules of every accepted object whose endpointSelector selects the pod, in object order. */
  private Selection selecting(Pod pod) {
    Identity me = identities.get(pod);
    List<Selected> out = new ArrayList<>();
    for (CiliumPolicy policy : policies) {
      for (Spec spec : policy.specs()) {
        if (spec.subject().matches(me)) {
          out.add(new Selected(policy, spec));
        }
      }
    }
    List<Selected> rules = List.copyOf(out);
    return new Selection(rules, Isolation.of(rules, true), Isolation.of(rules, false));
  }

  @Override
  public Verdict evaluate(Flow flow) {
    FlowEnds ends = FlowEnds.of(flow, lookup);
    Optional<Pod> src = ends.sourcePod();
    Optional<Pod> dst = ends.destinationPod();
    List<String> notes = new ArrayList<>();
    src.ifPresent(p -> notes(p, notes));
    dst.filter(p -> !src.equals(Optional.of(p))).ifPresent(p -> notes(p, notes));
    if (ends.podToItself()) {
      // A pod talking to its own address never leaves its network namespace: no policy sees it.
      return FlowEnds.toItself(notes);
    }
    Side egress = src.map(p -> side(Direction.EGRESS, p, ends.destination(), flow, true).side())
        .orElseGet(() -> Side.of(Direction.EGRESS, Reason.NOT_A_POD, List.of()));
    Side ingress = dst.map(p -> side(Direction.INGRESS, p, ends.source(), flow, true).side())
        .orElseGet(() -> Side.of(Direction.INGRESS, Reason.NOT_A_POD, List.of()));
    return new Verdict(egress, ingress, notes);
  }

  private void notes(Pod pod, List<String> notes) {
    Identity identity = identities.get(pod);
    for (Refused r : refused) {
      if (r.subjects().map(s -> s.stream().anyMatch(sel -> sel.matches(identity))).orElse(true)) {
        String note = r.note();
        if (!notes.contains(note)) {
          notes.add(note);
        }
      }
    }
  }

  private Identity identity(Endpoint end, String viewpoint) {
    return end.accept(new Endpoint.Visitor<Identity>() {
      @Override
      public Identity pod(Pod pod) {
        return identities.get(pod);
      }

      @Override
      public Identity node(Node node) {
        return Identity.of(node, viewpoint);
      }

      @Override
      public Identity external(External external) {
        return Identity.world(external.ip(), external.kubeApiserver());
      }

      @Override
      public Identity address(IpAddress address) {
        return Identity.world(address, false);
      }
    });
  }

  private Decision side(Direction direction, Pod self, Endpoint otherEnd, Flow flow, boolean fqdn) {
    Identity other = identity(otherEnd, self.node());
    boolean ingress = direction == Direction.INGRESS;
    Section allow = ingress ? Section.INGRESS : Section.EGRESS;
    Section deny = ingress ? Section.INGRESS_DENY : Section.EGRESS_DENY;
    boolean localHost = ingress && other.reserved("host");
    Selection selection = selected.get(self);
    Isolation isolation = ingress ? selection.ingress() : selection.egress();
    Optional<RuleRef> firstAllow = Optional.empty();
    Optional<RuleRef> firstRefusal = Optional.empty();
    boolean dnsProxy = false;
    List<Selected> rules = selection.rules();
    for (int i = 0; i < rules.size(); i++) {
      CiliumPolicy policy = rules.get(i).policy();
      Spec spec = rules.get(i).spec();
      for (PeerRule rule : spec.rules(deny)) {
        if (peerMatches(rule, otherEnd, other, self, fqdn) && !l4(rule, flow, ingress, self).isEmpty()) {
          // The objects isolating the pod that come before this rule.
          return new Decision(Side.of(direction, Reason.DENIED_BY_RULE, ref(policy, Action.DENY),
              isolation.by().subList(0, isolation.before()[i])), false);
        }
      }
      for (PeerRule rule : spec.rules(allow)) {
        if (!peerMatches(rule, otherEnd, other, self, fqdn)) {
          continue;
        }
        for (PortRule port : l4(rule, flow, ingress, self)) {
          dnsProxy |= port.l7().filter(l7 -> l7 instanceof Dns).isPresent();
          if (port.l7().map(l7 -> l7Matches(l7, flow)).orElse(true)) {
            firstAllow = firstAllow.or(() -> Optional.of(ref(policy, Action.ALLOW)));
          } else {
            firstRefusal = firstRefusal.or(() -> Optional.of(ref(policy, Action.ALLOW)));
          }
        }
      }
    }
    List<PolicyRef> by = isolation.by();
    if (localHost) {
      // allow-localhost auto or always (the default): the agent inserts an allow of the host identity into every
      // endpoint's policy map after the policy's own entries (cilium/cilium pkg/policy/mapstate.go
      // determineAllowLocalhostIngress), and a deny entry of the map still wins over it: the denies were judged
      // above.
      return new Decision(Side.of(direction, Reason.NODE_LOCAL, by), dnsProxy);
    }
    if (by.isEmpty()) {
      return new Decision(Side.of(direction, Reason.NOT_ISOLATED, by), false);
    }
    if (firstAllow.isPresent()) {
      return new Decision(Side.of(direction, Reason.ALLOWED_BY_RULE, firstAllow.get(), by), dnsProxy);
    }
    if (firstRefusal.isPresent()) {
      return new Decision(Side.of(direction, Reason.REFUSED_AT_L7, firstRefusal.get(), by), dnsProxy);
    }
    return new Decision(Side.of(direction, Reason.NO_RULE_MATCHED, by), false);
  }

  private static RuleRef ref(CiliumPolicy policy, Action action) {
    return new RuleRef(policy.ref(), action, policy.ref().span());
  }

  private boolean peerMatches(PeerRule rule, Endpoint otherEnd, Identity other, Pod self, boolean fqdn) {
    if (rule.everyPeer()) {
      // A rule with no L3 field applies to every peer, unless it has no port either: {} matches nothing.
      return !rule.ports().isEmpty() || !rule.icmps().isEmpty();
    }
    for (Peer peer : rule.peers()) {
      if (peerMatches(peer, otherEnd, other, self, fqdn)) {
        return true;
      }
    }
    return false;
  }

  private boolean peerMatches(Peer peer, Endpoint otherEnd, Identity other, Pod self, boolean fqdn) {
    if (peer instanceof Endpoints e) {
      return e.selector().matches(other);
    }
    if (peer instanceof Entity e) {
      return entity(e.name(), other);
    }
    if (peer instanceof CidrRule c) {
      return other.world() && other.ip().in(c.cidr()) && c.except().stream().noneMatch(other.ip()::in);
    }
    if (peer instanceof Fqdn f) {
      return fqdn && otherEnd instanceof Endpoint.ExternalEnd x && x.external().fqdn()
          .filter(name -> DnsMatch.matches(f.regex(), name)
              && dnsAnswers.get(self).computeIfAbsent(name, n -> dnsSeen(self, n))).isPresent();
    }
    ServiceRef s = (ServiceRef) peer;
    if (!(otherEnd instanceof Endpoint.PodEnd p)) {
      return false;
    }
    for (Service service : cluster.services()) {
      if (s.name().filter(service.name()::equals).isPresent()
          && s.namespace().map(service.namespace()::equals).orElse(true) && service.selects(p.pod())) {
        return true;
      }
    }
    return false;
  }

  /**
   * Entities (cilium/cilium {@code pkg/policy/api/entity.go} {@code InitEntities}): {@code cluster} is every
   * identity of the cluster, the reserved ones included (host, remote-node, kube-apiserver, health, init, ingress,
   * unmanaged), not just pods and nodes.
   */
  private static boolean entity(String name, Identity other) {
    return switch (name) {
      case "all" -> true;
      case "none" -> false;
      case "world" -> other.reserved("world");
      case "world-ipv4" -> other.reserved("world") && !other.ip().ipv6();
      case "world-ipv6" -> other.reserved("world") && other.ip().ipv6();
      case "cluster" -> other.value(Identity.K8S + ":" + Identity.CLUSTER).isPresent()
          || List.of("host", "remote-node", "kube-apiserver", "health", "init", "ingress", "unmanaged").stream()
              .anyMatch(other::reserved);
      default -> other.reserved(name);
    };
  }

  /**
   * Whether a DNS server answered the pod's query for the name through the agent's DNS proxy, which is how the
   * agent learns the addresses a toFQDNs selector stands for: some DNS server of the cluster must be reachable on
   * port 53 (UDP or TCP) with that query, allowed at the pod's egress by a rule whose port carries
   * {@code rules.dns} (language.rst, "DNS based"). toFQDNs plays no part in that judgement. A function of the pod
   * and the name alone, kept per pod in {@link #dnsAnswers}.
   */
  private boolean dnsSeen(Pod pod, String name) {
    for (Endpoint server : cluster.dnsServers()) {
      for (FlowProtocol protocol : List.of(FlowProtocol.UDP, FlowProtocol.TCP)) {
        Flow query = Flow.of(Endpoint.of(pod), server, protocol, 53).withDnsQuery(name);
        Endpoint target = lookup.resolve(server);
        Decision egress = side(Direction.EGRESS, pod, target, query, false);
        boolean answered = !(target instanceof Endpoint.PodEnd p)
            || side(Direction.INGRESS, p.pod(), Endpoint.of(pod), query, false).side().allows();
        if (egress.side().allows() && egress.dnsProxy() && answered) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * The port rules of a rule that the flow's protocol and port match: every {@code toPorts} entry one of whose
   * ports matches, or a single entry without ports for a rule without {@code toPorts} and {@code icmps} (or with
   * a matching ICMP field).
   */
  private List<PortRule> l4(PeerRule rule, Flow flow, boolean ingress, Pod self) {
    if (rule.ports().isEmpty() && rule.icmps().isEmpty()) {
      return List.of(ANY_PORT);
    }
    if (!flow.protocol().hasPorts()) {
      boolean v6 = flow.protocol() == FlowProtocol.ICMPV6;
      for (IcmpField f : rule.icmps()) {
        if (f.v6() == v6 && f.type() == flow.icmpType()) {
          return List.of(ANY_PORT);
        }
      }
      return List.of();
    }
    List<PortRule> out = new ArrayList<>();
    for (PortRule pr : rule.ports()) {
      if (pr.ports().isEmpty() || pr.ports().stream().anyMatch(p -> portMatches(p, flow, ingress, self))) {
        out.add(pr);
      }
    }
    return out;
  }

  /**
   * A number ({@code 0}: all), a range, or a name: on ingress the pod's own port of that name; on egress the one
   * number the name has on every pod of the cluster, and nothing when pods give it different numbers (Cilium up to
   * 1.18 resolves egress named ports on a cluster-wide map, {@code NamedPortMultiMap}, and skips a name that maps
   * to several ports, "duplicate named ports": cilium/cilium#12567, #30003; per destination only from #44429,
   * 2026).
   */
  private boolean portMatches(Port p, Flow flow, boolean ingress, Pod self) {
    if (!p.hasProtocol(flow.protocol())) {
      return false;
    }
    if (p.name().isPresent()) {
      if (ingress) {
        return self.namedPort(p.name().get(), flow.protocol()).filter(n -> n == flow.port()).isPresent();
      }
      Set<Integer> numbers = namedPorts.getOrDefault(new NamedPort(p.name().get(), flow.protocol()), Set.of());
      return numbers.size() == 1 && numbers.contains(flow.port());
    }
    int first = p.number().orElse(0);
    if (first == 0) {
      return true;
    }
    int last = p.endPort() > first ? p.endPort() : first;
    return first <= flow.port() && flow.port() <= last;
  }

  private static boolean l7Matches(L7 l7, Flow flow) {
    if (l7 instanceof Http h) {
      return flow.http().filter(r -> h.rules().stream().anyMatch(rule -> httpMatches(rule, r))).isPresent();
    }
    if (l7 instanceof Kafka k) {
      return flow.kafka().filter(r -> k.rules().stream().anyMatch(rule -> kafkaMatches(rule, r))).isPresent();
    }
    Dns d = (Dns) l7;
    return flow.dnsQuery().filter(q -> d.names().stream().anyMatch(n -> DnsMatch.matches(n, q))).isPresent();
  }

  /**
   * Envoy's header matchers: {@code :method}, {@code :path} (after the listener's normalisation, with the query)
   * and {@code :authority} (with its port, as sent) each a full RE2 match; a header present, or equal to the value.
   * A path Envoy answers itself (400) reaches no rule.
   */
  private static boolean httpMatches(HttpRule rule, HttpRequest request) {
    if (rule.method().isPresent() && !rule.method().get().matcher(request.method()).matches()) {
      return false;
    }
    if (rule.path().isPresent()) {
      Optional<String> path = EnvoyPaths.normalise(request.path(), true);
      if (path.isEmpty() || !rule.path().get().matcher(path.get()).matches()) {
        return false;
      }
    }
    if (rule.host().isPresent() && !request.host().filter(h -> rule.host().get().matcher(h).matches()).isPresent()) {
      return false;
    }
    for (Map.Entry<String, String> h : rule.headers().entrySet()) {
      String sent = request.headers().get(h.getKey().toLowerCase(Locale.ROOT));
      if (sent == null || !h.getValue().isEmpty() && !h.getValue().equals(sent)) {
        return false;
      }
    }
    return true;
  }

  private static boolean kafkaMatches(KafkaMatch rule, KafkaRequest request) {
    return rule.request().filter(r -> r == request.role()).isPresent()
        && rule.topic().map(request.topic()::equals).orElse(true)
        && rule.clientId().map(c -> request.clientId().filter(c::equals).isPresent()).orElse(true);
  }
}

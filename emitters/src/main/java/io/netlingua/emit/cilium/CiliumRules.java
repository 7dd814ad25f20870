package io.netlingua.emit.cilium;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netlingua.diagnostics.Outcome;
import io.netlingua.emit.lowering.L7Fallback;
import io.netlingua.emit.lowering.PlatformFacts;
import io.netlingua.emit.lowering.Use;
import io.netlingua.emit.spi.Degradations;
import io.netlingua.model.Action;
import io.netlingua.model.AllPorts;
import io.netlingua.model.Cidr;
import io.netlingua.model.CidrPeer;
import io.netlingua.model.Direction;
import io.netlingua.model.DnsBlock;
import io.netlingua.model.Entity;
import io.netlingua.model.EntityPeer;
import io.netlingua.model.FqdnPeer;
import io.netlingua.model.IcmpPort;
import io.netlingua.model.L7Block;
import io.netlingua.model.LabelRequirement;
import io.netlingua.model.NamedPort;
import io.netlingua.model.NamespaceScope;
import io.netlingua.model.Peer;
import io.netlingua.model.PodPeer;
import io.netlingua.model.Policy;
import io.netlingua.model.Port;
import io.netlingua.model.PortRange;
import io.netlingua.model.Protocol;
import io.netlingua.model.Rule;
import io.netlingua.model.ServiceAccountPeer;
import io.netlingua.model.ServicePeer;
import io.netlingua.model.SourceSpan;
import io.netlingua.targets.Feature;
import io.netlingua.targets.Versions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Lowers the rules of one policy to Cilium rule trees ({@code ingress}, {@code egress}, {@code ingressDeny},
 * {@code egressDeny} entries), never writing a rule the agent refuses (SEMANTICS.md section 3, Cilium; TARGETS.md
 * section 2.0, from cilium/cilium {@code pkg/policy/api/rule_validation.go} @
 * 005aed241b0ca39c91b31a14352b299187259af2):
 *
 * <ul>
 *   <li>one L3 peer kind per rule ("Combining %s and %s is not supported yet"): a program rule becomes one Cilium
 *       rule per kind of its peers (endpoints, CIDR sets, entities, FQDNs, Services), whose allows add up;
 *   <li>{@code icmps} never beside {@code toPorts} ("The ICMPs block may only be present without ToPorts"): ICMP
 *       ports go into rules of their own;
 *   <li>at most 40 ports and 40 ICMP fields per rule (the CRD's {@code maxItems}): longer lists are split;
 *   <li>{@code toServices} with {@code toPorts} only from 1.17 ({@code l3DependentL4Support} refuses it in 1.16:
 *       cilium/cilium#20067; from 1.17 toServices becomes generated toEndpoints, and ports apply); L7 only on
 *       TCP ports that are neither port 0 nor (before 1.17) a range, DNS on a port, never on a range, on egress;
 *   <li>a rule that loses every peer is left out: a rule with ports but no peer would match every peer, world
 *       included (language.rst, "Layer 4 Examples").
 * </ul>
 */
final class CiliumRules {
  /** The CRD's {@code maxItems} of {@code toPorts[].ports} and {@code icmps[].fields}. */
  static final int MAX_ITEMS = 40;

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final String TARGET = "cilium: ";
  private static final List<Port> DNS_PORTS = List.of(PortRange.of(Protocol.UDP, 53), PortRange.of(Protocol.TCP, 53));
  private static final String L7_PROXY =
      "L7 rules (http, kafka, dns) and toFQDNs need the agent's enable-l7-proxy (on by default); without it the"
          + " agent refuses the policy";

  /** What the DNS rule added for toFQDNs changes on its ports, besides showing the proxy the queries. */
  private static final String DNS_PROXY =
      "a DNS allow gets rules.dns matchPattern \"*\" so that the agent's DNS proxy sees the queries toFQDNs needs:"
          + " the proxy forwards DNS messages only, so other traffic to those ports is dropped";

  private final Degradations degradations;
  private final String version;
  private final L7Rules l7;
  private final DnsVisibility dns;
  private final PlatformFacts facts;
  private final L7Conflicts conflicts = new L7Conflicts();

  CiliumRules(Degradations degradations, String version, L7Rules l7, DnsVisibility dns, PlatformFacts facts) {
    this.degradations = degradations;
    this.version = version;
    this.l7 = l7;
    this.dns = dns;
    this.facts = facts;
  }

  /** The Cilium rules of an allow rule; empty when it is left out (every such case is reported). */
  List<ObjectNode> allow(Policy policy, Direction direction, Rule rule) {
    Optional<ObjectNode> rules = Optional.empty();
    if (rule.l7().isPresent()) {
      Optional<String> refusal = l7Refusal(rule, direction);
      if (refusal.isPresent()) {
        if (!L7Fallback.keepWithout(degradations, rule.l7().get(), direction, "cilium", refusal.get(),
            "write the rule on single TCP ports")) {
          return List.of();
        }
      } else {
        rules = l7.rules(rule.l7().get(), direction);
        l7.facts().forEach(f -> facts.note(f, rule.l7().get().span()));
        if (rules.isEmpty() || conflicts(policy, direction, rule, L7Fallback.feature(rule.l7().get()))) {
          return List.of();
        }
        facts.note(L7_PROXY, rule.l7().get().span());
      }
    }
    Peers peers = new Peers(direction, Versions.atLeast(version, "1.17"));
    for (Use<Peer> use : Use.peers(rule.peerTerms())) {
      peer(policy, direction, Action.ALLOW, use, peers, rule);
    }
    Ports ports = ports(rule, Action.ALLOW, direction);
    if (rules.isEmpty() && dns.addsDnsVisibility(direction, rule)) {
      List<Port> dnsPorts = rule.allPorts() ? DNS_PORTS : rule.ports();
      if (conflicts.record(policy, direction, Feature.L7_DNS, dnsPorts, rule.span().location()).isEmpty()) {
        facts.note(L7_PROXY, rule.span());
        facts.note(DNS_PROXY, rule.span());
        if (!rule.allPorts()) {
          return peers.rules(ports, Optional.of(DnsVisibility.everyName()), false);
        }
        // Every port: the rule as it is, and the same peers on 53/UDP and 53/TCP with the DNS rule (the agent
        // refuses DNS rules without a port: rule_validation.go, TARGETS.md section 2.0; the two allow the same,
        // and the second shows the proxy the queries).
        List<ObjectNode> out = new ArrayList<>(peers.rules(ports, Optional.empty(), true));
        Ports dns53 = new Ports();
        DNS_PORTS.forEach(p -> dns53.port("53", ((PortRange) p).protocol().keyword()));
        out.addAll(peers.dnsServerRules(dns53, DnsVisibility.everyName()));
        return out;
      }
    }
    return peers.rules(ports, rules, rule.allPorts());
  }

  /** The Cilium deny rules of a deny rule; empty when nothing of it can be said (reported: wider). */
  List<ObjectNode> deny(Policy policy, Direction direction, Rule rule) {
    Peers peers = new Peers(direction, Versions.atLeast(version, "1.17"));
    for (Use<Peer> use : Use.peers(rule.peerTerms())) {
      peer(policy, direction, Action.DENY, use, peers, rule);
    }
    return peers.rules(ports(rule, Action.DENY, direction), Optional.empty(), rule.allPorts());
  }

  /**
   * Whether the rule's L7 block would put a second L7 kind on a port of pods an earlier rule has one on; reported
   * (narrower) when so, the rule then being left out.
   */
  private boolean conflicts(Policy policy, Direction direction, Rule rule, Feature kind) {
    L7Block block = rule.l7().orElseThrow();
    Optional<String> earlier = conflicts.record(policy, direction, kind, rule.ports(), block.span().location());
    earlier.ifPresent(where -> degradations.report(
        kind, Outcome.NARROWER, block.span(), Optional.of(direction),
        TARGET + "the " + block.keyword() + " block puts a second L7 kind on a port whose pods get another from the"
            + " rule at " + where + ": the agent refuses such a policy whole, so this rule is left out (narrower)",
        "give each port of a pod one L7 kind"));
    return earlier.isPresent();
  }

  /** Why the rule's L7 block cannot stand on its ports, completing "the http block ...", or nothing. */
  private Optional<String> l7Refusal(Rule rule, Direction direction) {
    L7Block block = rule.l7().orElseThrow();
    boolean isDns = block instanceof DnsBlock;
    if (isDns && direction == Direction.INGRESS) {
      return Optional.of("cannot be said on ingress: Cilium applies DNS rules to egress only");
    }
    for (Port p : rule.ports()) {
      if (p instanceof AllPorts) {
        return Optional.of("cannot stand on every " + ((AllPorts) p).protocol().keyword()
            + " port: the agent refuses L7 rules on port 0");
      }
      if (p instanceof PortRange r && !r.isSingle()) {
        if (isDns) {
          return Optional.of("cannot stand on a port range: the agent refuses DNS rules on a range");
        }
        if (!Versions.atLeast(version, "1.17")) {
          return Optional.of("cannot stand on a port range before Cilium 1.17 (cilium/cilium#36050, #36966)");
        }
      }
    }
    return Optional.empty();
  }

  /** Adds one peer to the rule's peers by kind, reporting what Cilium cannot say. */
  private void peer(Policy policy, Direction direction, Action action, Use<Peer> use, Peers peers, Rule rule) {
    SourceSpan span = use.span();
    Optional<Direction> dir = Optional.of(direction);
    boolean deny = action == Action.DENY;
    use.value().accept(
        new Peer.Visitor<Void>() {
          @Override
          public Void pods(PodPeer p) {
            reservedKeys(p, span, dir, deny);
            peers.endpoints.add(EndpointSelectors.pods(policy, p.namespaces(), p.pods()));
            return null;
          }

          @Override
          public Void serviceAccount(ServiceAccountPeer p) {
            NamespaceScope scope = p.namespace().map(NamespaceScope::named).orElse(NamespaceScope.POLICY);
            peers.endpoints.add(EndpointSelectors.serviceAccount(policy, scope, p.name()));
            return null;
          }

          @Override
          public Void service(ServicePeer p) {
            lowerService(policy, p, span, dir, deny, rule, peers);
            return null;
          }

          @Override
          public Void cidr(CidrPeer p) {
            facts.note("cidr peers become CIDR sets, which never match pods or nodes while the agent's"
                + " policy-cidr-match-mode is unset (the default; with nodes they also match node addresses)", span);
            ObjectNode set = JSON.objectNode();
            set.put("cidr", p.cidr().toString());
            if (!p.except().isEmpty()) {
              ArrayNode except = set.putArray("except");
              p.except().stream().map(Cidr::toString).forEach(except::add);
            }
            peers.cidrs.add(set);
            return null;
          }

          @Override
          public Void fqdn(FqdnPeer p) {
            if (deny) {
              degradations.report(
                  Feature.FQDN, Outcome.WIDER, span, dir,
                  TARGET + "fqdn '" + p.pattern() + "' is left out of the deny: Cilium's deny rules take no"
                      + " toFQDNs (wider)",
                  "deny the addresses with cidr");
            } else if (dns.covers(policy, p)) {
              facts.note(L7_PROXY, span);
              facts.note("toFQDNs allows the addresses of the DNS answers Cilium's DNS proxy saw: the pods must"
                  + " query the DNS server the program allows on port 53 (with NodeLocal DNSCache they query"
                  + " node-local-dns instead, which the program must then allow)", span);
              peers.fqdns.add(DnsVisibility.selector(p.pattern()));
            } else {
              degradations.report(
                  Feature.FQDN, Outcome.NARROWER, span, dir,
                  TARGET + "fqdn '" + p.pattern() + "' is left out of the rule: toFQDNs learns addresses only from"
                      + " DNS answers that pass Cilium's DNS proxy, and no egress allow of these pods on port 53"
                      + " lets the query for this name through (narrower)",
                  "allow DNS to the DNS server on udp/53 (and tcp/53), with no dns block or one that covers '"
                      + p.pattern() + "'");
            }
            return null;
          }

          @Override
          public Void entity(EntityPeer p) {
            lowerEntity(p.entity(), direction, deny, span, dir, peers);
            return null;
          }
        });
  }

  /**
   * {@code service NAME}: {@code toServices} on egress. From 1.17 a Service with a selector stands for its pods,
   * all their ports (cilium/cilium#34208, {@code pkg/policy/k8s/service.go}); before, only a Service without a
   * selector matched. From 1.17 the rule's ports go with it: the agent turns toServices into generated toEndpoints
   * and toCIDRSet rules, and {@code EgressCommonRule.l3DependentL4Support} accepts ToServices with ToPorts
   * ({@code pkg/policy/api/rule_validation.go}, 1.17.0 and the 1.18-era copy read through the index; found by
   * {@code AgentRefusals}' reading). In 1.16 the agent refuses the pair (cilium/cilium#20067), so ports are dropped:
   * wider.
   */
  private void lowerService(
      Policy policy, ServicePeer p, SourceSpan span, Optional<Direction> dir, boolean deny, Rule rule,
      Peers peers) {
    String name = "service '" + p.name() + "'";
    Optional<String> namespace = p.namespace().or(policy::namespace);
    if (deny) {
      degradations.report(
          Feature.SERVICE, Outcome.WIDER, span, dir,
          TARGET + name + " is left out of the deny: Netlingua writes toServices in allow rules only (wider)",
          "deny the Service's pods with pods(...) in namespace ...");
      return;
    }
    if (namespace.isEmpty()) {
      degradations.report(
          Feature.SERVICE, Outcome.NARROWER, span, dir,
          TARGET + name + " in a cluster policy names no namespace, and toServices needs one: it is left out"
              + " (narrower)",
          "write service NAME in namespace NS");
      return;
    }
    if (!Versions.atLeast(version, "1.17")) {
      degradations.report(
          Feature.SERVICE, Outcome.NARROWER, span, dir,
          TARGET + name + " becomes toServices, which before Cilium 1.17 matches only a Service without a selector:"
              + " a Service with a selector matches nothing (narrower)",
          "target Cilium 1.17 or later, or name the Service's pods with pods(...)");
    }
    if (!rule.allPorts() && !Versions.atLeast(version, "1.17")) {
      degradations.report(
          Feature.SERVICE, Outcome.WIDER, span, dir,
          TARGET + name + " becomes toServices without the rule's ports" + (rule.l7().isPresent()
              ? " and its " + rule.l7().get().keyword() + " block" : "") + ": before Cilium 1.17 the agent refuses"
              + " toServices with toPorts, so every port of the Service's pods is allowed (wider)",
          "target Cilium 1.17 or later, or name the Service's pods with pods(...) to keep the ports");
    }
    facts.note("toServices of a Service whose selector has a key with a dot (app.kubernetes.io/name) selects nothing"
        + " on Cilium 1.17 and 1.18 releases without the fix of cilium/cilium#44949 (backports #44950): use a patch"
        + " release that has it", span);
    ObjectNode service = JSON.objectNode();
    ObjectNode k8s = service.putObject("k8sService");
    k8s.put("serviceName", p.name());
    k8s.put("namespace", namespace.get());
    peers.services.add(service);
  }

  /**
   * The Cilium entities of a language entity (SEMANTICS.md section 3): the neutral {@code cluster} is every pod and
   * node, not Cilium's {@code cluster} entity, which also holds ingress, health, init, unmanaged and the API server
   * wherever it runs ({@code pkg/policy/api/entity.go} {@code InitEntities}). An ingress deny never names the local
   * host: the node's connections to its own pods stay open whatever the policies say (SEMANTICS.md rule 7), but a
   * Cilium ingressDeny of {@code reserved:host} closes them and breaks kubelet probes (deny.rst).
   */
  private void lowerEntity(
      Entity entity, Direction direction, boolean deny, SourceSpan span, Optional<Direction> dir, Peers peers) {
    boolean ingressDeny = deny && direction == Direction.INGRESS;
    switch (entity) {
      case WORLD -> peers.entities.add("world");
      case CLUSTER -> {
        peers.endpoints.add(EndpointSelectors.everyPod());
        peers.entities.add("remote-node");
        if (!ingressDeny) {
          peers.entities.add("host");
        }
      }
      case NODES -> {
        peers.entities.add("remote-node");
        if (!ingressDeny) {
          peers.entities.add("host");
        }
      }
      case HOST -> {
        if (!ingressDeny) {
          peers.entities.add("host");
        } else {
          degradations.report(
              Feature.ENTITY_HOST, Outcome.EXACT, span, dir,
              TARGET + "host is left out of the ingress deny: a node's connections to its own pods are always"
                  + " allowed, and a Cilium deny of the host would break kubelet probes (exact)",
              null);
        }
      }
      case KUBE_APISERVER -> {
        peers.entities.add("kube-apiserver");
        if (ingressDeny) {
          reportApiServerDeny("names kube-apiserver", span, dir);
        }
      }
      case ANY -> {
        if (!ingressDeny) {
          peers.entities.add("all");
        } else {
          peers.endpoints.add(EndpointSelectors.everyPod());
          peers.entities.addAll(List.of(
              "world", "remote-node", "kube-apiserver", "ingress", "health", "init", "unmanaged"));
          reportApiServerDeny("of any names kube-apiserver too", span, dir);
        }
      }
    }
  }

  private void reportApiServerDeny(String what, SourceSpan span, Optional<Direction> dir) {
    degradations.report(
        Feature.ENTITY_KUBE_APISERVER, Outcome.NARROWER, span, dir,
        TARGET + "the ingress deny " + what + ": on a node that runs the API server, Cilium gives the local"
            + " host the kube-apiserver identity too, so the deny also refuses that node's connections to its own"
            + " pods, kubelet probes included (narrower)",
        "deny the API server's addresses with cidr, or leave kube-apiserver out of the deny");
  }

  /** A peer selector naming a key that Cilium reads otherwise: reported. */
  private void reservedKeys(PodPeer p, SourceSpan span, Optional<Direction> dir, boolean deny) {
    selectorKeys(p, span, dir, deny ? Outcome.NARROWER : Outcome.WIDER, deny ? Outcome.WIDER : Outcome.NARROWER);
  }

  /**
   * Reports the keys of a pod peer or subject that Cilium reads otherwise than the program does.
   *
   * @param derived the outcome of a key Cilium derives itself (it matches other endpoints)
   * @param filtered the outcome of a key the agent's label filter drops (it matches no pod)
   */
  void selectorKeys(PodPeer p, SourceSpan span, Optional<Direction> dir, Outcome derived, Outcome filtered) {
    for (LabelRequirement r : p.pods().requirements()) {
      ReservedKeys.Kind kind = ReservedKeys.podLabel(r.key());
      if (kind == ReservedKeys.Kind.DERIVED) {
        reportKey(r.key(), span, dir, derived, "is one Cilium derives for every endpoint itself, so on Cilium the"
            + " selector matches endpoints by Cilium's label, not by a pod label of that name");
      } else if (kind == ReservedKeys.Kind.FILTERED) {
        reportKey(r.key(), span, dir, filtered, "is no identity label on Cilium (the agent's default label filter"
            + " drops it), so on Cilium the selector matches no pod");
      }
    }
    if (p.namespaces() instanceof NamespaceScope.Selected s) {
      s.selector().requirements().stream().map(LabelRequirement::key).filter(ReservedKeys::isDerived)
          .forEach(k -> reportKey(k, span, dir, derived, "is one Cilium derives for every endpoint itself, so on"
              + " Cilium the namespace selector matches by Cilium's label, not by a namespace label of that name"));
    }
  }

  private void reportKey(String key, SourceSpan span, Optional<Direction> dir, Outcome outcome, String why) {
    degradations.report(
        Feature.SELECTORS, outcome, span, dir,
        TARGET + "the label key '" + key + "' " + why + " (" + outcome.label() + ")",
        "select pods by labels of their own; name namespaces with in namespace or in namespaces(...)");
  }

  /**
   * A named port on egress, reported; whether it is written. Up to 1.18 the agent resolves an egress port name on
   * one map of the port names of every pod in the cluster, not on the destination pod ({@code NamedPortMultiMap};
   * cilium/cilium#12567: "When a named port is used in an egress policy the named port can be [resolved from] a
   * collection of named ports across all the PODs in the cluster"), and drops the port from the rule when pods
   * number the name differently ("duplicate named ports", #30003; resolved per destination only from #44429,
   * merged 2026-02, after 1.18). So a destination without the name is reached on the number others give it
   * (wider), and a name numbered twice opens nothing (narrower). An allow keeps the name in best-effort mode only
   * and leaves it out otherwise; a deny keeps it, which is wider (the evaluator reads both ways).
   */
  private boolean egressNamedPort(NamedPort p, Action action, SourceSpan span) {
    String head = TARGET + "the named port '" + p.name() + "' on egress is resolved on the port names of every"
        + " pod of the cluster (Cilium up to 1.18), not on the destination pod: ";
    String hint = "write the port's number on egress";
    if (action == Action.DENY) {
      degradations.report(
          Feature.NAMED_PORT, Outcome.WIDER, span, Optional.of(Direction.EGRESS),
          head + "the deny misses every destination when pods number the name differently (wider)", hint);
      return true;
    }
    if (degradations.mode().prefersWider()) {
      degradations.report(
          Feature.NAMED_PORT, Outcome.WIDER, span, Optional.of(Direction.EGRESS),
          head + "a destination that does not name it is reached on the number other pods give it (wider)", hint);
      return true;
    }
    degradations.report(
        Feature.NAMED_PORT, Outcome.NARROWER, span, Optional.of(Direction.EGRESS),
        head + "the port is left out of the rule (narrower)",
        hint + ", or run in best-effort mode to keep the name (wider)");
    return false;
  }

  /** The ports of a rule, in Cilium's two forms; ICMP codes are reported. */
  private Ports ports(Rule rule, Action action, Direction direction) {
    Ports out = new Ports();
    for (Use<Port> use : Use.ports(rule.portTerms())) {
      use.value().accept(
          new Port.Visitor<Void>() {
            @Override
            public Void range(PortRange p) {
              ObjectNode port = out.port(String.valueOf(p.first()), p.protocol().keyword());
              if (!p.isSingle()) {
                port.put("endPort", p.last());
              }
              return null;
            }

            @Override
            public Void named(NamedPort p) {
              if (direction == Direction.INGRESS || egressNamedPort(p, action, use.span())) {
                out.port(p.name(), p.protocol().keyword());
              }
              return null;
            }

            @Override
            public Void all(AllPorts p) {
              // Port 0 is every port of the protocol (PortProtocol.port in the CRD).
              out.port("0", p.protocol().keyword());
              return null;
            }

            @Override
            public Void icmp(IcmpPort p) {
              lowerIcmp(p, action, direction, use.span(), out);
              return null;
            }
          });
    }
    return out;
  }

  /**
   * ICMP: {@code icmps[].fields[]} holds a family and a type, no code (cilium/cilium {@code pkg/policy/api/icmp.go}).
   * A code is dropped: wider in an allow, narrower in a deny. Without a type, every type (0 to 255) is listed.
   */
  private void lowerIcmp(IcmpPort p, Action action, Direction direction, SourceSpan span, Ports out) {
    facts.note("icmps rules need the agent's enable-icmp-rules (on by default)", span);
    String family = p.v6() ? "IPv6" : "IPv4";
    if (p.code().isPresent()) {
      boolean deny = action == Action.DENY;
      Outcome outcome = deny ? Outcome.NARROWER : Outcome.WIDER;
      degradations.report(
          Feature.ICMP, outcome, span, Optional.of(direction),
          TARGET + p.keyword() + " type " + p.type().orElseThrow() + " code " + p.code().get() + ": Cilium's icmps"
              + " match the type only, so every code of type " + p.type().get() + " is "
              + (deny ? "denied" : "allowed") + " (" + outcome.label() + ")",
          "leave the code out, or compile for a target with ICMP codes (Calico)");
    }
    if (p.type().isPresent()) {
      out.icmp(family, p.type().get());
    } else {
      for (int type = 0; type <= 255; type++) {
        out.icmp(family, type);
      }
    }
  }

  /** The ports of a rule in Cilium's forms: {@code toPorts[].ports[]} entries and {@code icmps[].fields[]}. */
  private static final class Ports {
    final List<ObjectNode> ports = new ArrayList<>();
    final List<ObjectNode> icmps = new ArrayList<>();

    ObjectNode port(String port, String protocol) {
      ObjectNode p = JSON.objectNode();
      p.put("port", port);
      p.put("protocol", protocol.toUpperCase(Locale.ROOT));
      ports.add(p);
      return p;
    }

    void icmp(String family, int type) {
      ObjectNode f = JSON.objectNode();
      f.put("family", family);
      f.put("type", type);
      icmps.add(f);
    }
  }

  /** The peers of a rule by Cilium peer kind, in the order written within each kind. */
  private static final class Peers {
    final Direction direction;
    final List<ObjectNode> endpoints = new ArrayList<>();
    final List<ObjectNode> cidrs = new ArrayList<>();
    final TreeSet<String> entities = new TreeSet<>();
    final List<ObjectNode> fqdns = new ArrayList<>();
    final List<ObjectNode> services = new ArrayList<>();
    /** Whether toServices takes toPorts: from 1.17 (before, {@code l3DependentL4Support} refused it). */
    final boolean servicesTakePorts;

    Peers(Direction direction, boolean servicesTakePorts) {
      this.direction = direction;
      this.servicesTakePorts = servicesTakePorts;
    }

    private String field(String kind) {
      return (direction == Direction.INGRESS ? "from" : "to") + kind;
    }

    /**
     * The Cilium rules: one per peer kind and port group, each port group of at most {@link #MAX_ITEMS} entries;
     * none when no peer is left. The key order is the layout's ({@code YamlLayout.CILIUM_POLICY}). Rules share
     * their peer, port and L7 subtrees: the trees are never changed once built, and writing copies them.
     */
    List<ObjectNode> rules(Ports ports, Optional<ObjectNode> l7, boolean allPorts) {
      return rules(ports, l7, allPorts, true);
    }

    /**
     * The rules of the peers a DNS server can be among, on these ports with these L7 rules: every kind but FQDNs (a
     * resolver is not reached by its own name) and, before 1.17, Services (whose rules take no ports there).
     */
    List<ObjectNode> dnsServerRules(Ports ports, ObjectNode l7) {
      return rules(ports, Optional.of(l7), false, false);
    }

    private List<ObjectNode> rules(Ports ports, Optional<ObjectNode> l7, boolean allPorts, boolean everyKind) {
      List<ObjectNode> out = new ArrayList<>();
      add(out, field("Endpoints"), array(endpoints.stream().distinct().toList()), ports, l7, allPorts);
      add(out, field("CIDRSet"), array(cidrs.stream().distinct().toList()), ports, l7, allPorts);
      ArrayNode entityList = JSON.arrayNode();
      entities.forEach(entityList::add);
      add(out, field("Entities"), entityList, ports, l7, allPorts);
      if (everyKind) {
        add(out, "toFQDNs", array(fqdns.stream().distinct().toList()), ports, l7, allPorts);
      }
      if (servicesTakePorts) {
        add(out, "toServices", array(services.stream().distinct().toList()), ports, l7, allPorts);
      } else if (everyKind && !services.isEmpty()) {
        // Before 1.17 toServices carries no ports (reported at the peer when the rule had some).
        ObjectNode r = JSON.objectNode();
        r.set("toServices", array(services.stream().distinct().toList()));
        out.add(r);
      }
      return out;
    }

    private static ArrayNode array(List<ObjectNode> nodes) {
      ArrayNode list = JSON.arrayNode();
      nodes.forEach(list::add);
      return list;
    }

    private void add(
        List<ObjectNode> out, String key, ArrayNode peers, Ports ports, Optional<ObjectNode> l7, boolean allPorts) {
      if (peers.isEmpty()) {
        return;
      }
      for (ObjectNode r : withPorts(ports, l7, allPorts)) {
        r.set(key, peers);
        out.add(r);
      }
    }

    /** The port parts of the rules of one peer kind: none (every port), or toPorts and icmps groups of 40. */
    private static List<ObjectNode> withPorts(Ports ports, Optional<ObjectNode> l7, boolean allPorts) {
      List<ObjectNode> out = new ArrayList<>();
      if (allPorts) {
        out.add(JSON.objectNode());
        return out;
      }
      for (int i = 0; i < ports.ports.size(); i += MAX_ITEMS) {
        ObjectNode r = JSON.objectNode();
        ObjectNode portRule = r.putArray("toPorts").addObject();
        ArrayNode list = portRule.putArray("ports");
        ports.ports.subList(i, Math.min(ports.ports.size(), i + MAX_ITEMS)).forEach(list::add);
        l7.ifPresent(rules -> portRule.set("rules", rules));
        out.add(r);
      }
      for (int i = 0; i < ports.icmps.size(); i += MAX_ITEMS) {
        ObjectNode r = JSON.objectNode();
        ArrayNode fields = r.putArray("icmps").addObject().putArray("fields");
        ports.icmps.subList(i, Math.min(ports.icmps.size(), i + MAX_ITEMS)).forEach(fields::add);
        out.add(r);
      }
      return out;
    }
  }
}

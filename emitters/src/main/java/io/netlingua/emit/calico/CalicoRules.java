package io.netlingua.emit.calico;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netlingua.diagnostics.Outcome;
import io.netlingua.emit.lowering.AddressBlock;
import io.netlingua.emit.lowering.ClusterAddresses;
import io.netlingua.emit.lowering.L7Fallback;
import io.netlingua.emit.lowering.PlatformFacts;
import io.netlingua.emit.lowering.Use;
import io.netlingua.emit.spi.Degradations;
import io.netlingua.model.Action;
import io.netlingua.model.AllPorts;
import io.netlingua.model.Cidr;
import io.netlingua.model.CidrPeer;
import io.netlingua.model.Direction;
import io.netlingua.model.Entity;
import io.netlingua.model.EntityPeer;
import io.netlingua.model.FqdnPeer;
import io.netlingua.model.HttpBlock;
import io.netlingua.model.IcmpPort;
import io.netlingua.model.L7Block;
import io.netlingua.model.LabelRequirement;
import io.netlingua.model.LabelSelector;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Lowers the rules of one policy to Calico rules ({@code projectcalico.org/v3} {@code Rule}), one program rule to
 * one Calico rule per peer and per protocol, never writing a rule Calico's validator would refuse. From 3.32 users
 * may apply {@code projectcalico.org/v3} as native CRDs, where libcalico-go's validator does not run
 * ({@code operations/native-v3-crds.mdx}), so the checks of {@code libcalico-go/lib/validator/v3/validator.go}
 * (v3.32.1) are kept here, each at the step it concerns:
 *
 * <ul>
 *   <li>one IP family per rule ("rule contains both IPv4 and IPv6 CIDRs"): an address block is a rule of its own,
 *       with {@code ipVersion}, and an ICMP port of the other family is not paired with it (it would match nothing);
 *   <li>no catch-all prefix in {@code notNets} ("catch-all CIDR in negation"): excepts lie strictly inside their
 *       prefix ({@link AddressBlock}), and a block that nothing is left of is not written;
 *   <li>numeric ports only with a protocol ({@code AllPortsAreNamed}): every port list comes with its protocol, one
 *       rule per protocol;
 *   <li>{@code icmp} only with protocol ICMP or ICMPv6 and the matching {@code ipVersion};
 *   <li>HTTP only in ingress Allow rules over TCP (and the CRD's CEL rule: Allow, protocol TCP or none);
 *   <li>{@code services} alone in its entity rule, with a namespace (a GlobalNetworkPolicy has none to default
 *       to), and without ports in {@code destination}.
 * </ul>
 *
 * <p>The entity rules follow the selector scopes of {@code libcalico-go/lib/backend/syncersv1/updateprocessors/
 * rules.go} ({@code getEndpointSelector}, v3.32.1): a rule {@code selector} without a {@code namespaceSelector}
 * matches every labelled resource, host endpoints and global network sets included, so every pod peer carries a
 * {@code namespaceSelector}; {@code all()} there is turned into {@code has(projectcalico.org/namespace)}, every
 * workload endpoint. A rule whose peers all drop out is left out whole: without a peer it would match everything.
 */
final class CalicoRules {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final String TARGET = "calico: ";

  /** The label Calico gives a namespace, holding its name ({@code projectcalico.org/name}: constants.go). */
  static final String NAMESPACE_NAME = "projectcalico.org/name";

  private final Degradations degradations;
  private final ClusterAddresses addresses;
  private final PlatformFacts facts;
  private final HttpRules http;

  CalicoRules(Degradations degradations, ClusterAddresses addresses, PlatformFacts facts, HttpRules http) {
    this.degradations = degradations;
    this.addresses = addresses;
    this.facts = facts;
    this.http = http;
  }

  /**
   * The Calico rules of a program rule, in order: with {@code log}, each match is preceded by a Log rule of the
   * same match; empty when the rule is left out (every such case is reported).
   */
  List<ObjectNode> lower(Policy policy, Direction direction, Rule rule) {
    Optional<List<ObjectNode>> l7 = Optional.empty();
    if (rule.l7().isPresent()) {
      l7 = l7(rule.l7().get(), direction, rule);
      if (l7.isPresent() && l7.get().isEmpty()) {
        return List.of();
      }
    }
    boolean deny = rule.action() == Action.DENY;
    List<EntityRule> peers = new ArrayList<>();
    for (Use<Peer> use : Use.peers(rule.peerTerms())) {
      peers.addAll(peer(policy, direction, deny, use, rule));
    }
    List<PortGroup> ports = ports(rule);
    Set<ObjectNode> out = new LinkedHashSet<>();
    String action = deny ? "Deny" : "Allow";
    for (EntityRule peer : peers) {
      for (PortGroup group : ports) {
        Optional<ObjectNode> lowered = rule(action, direction, peer, group);
        if (lowered.isEmpty()) {
          continue;
        }
        if (rule.log()) {
          // Log continues (_includes/content/_rule.mdx): one Log rule of the same match, without http (Calico takes
          // http in Allow rules only), before the rule and its http variants, so that a packet is logged once.
          ObjectNode log = lowered.get().deepCopy();
          log.put("action", "Log");
          out.add(log);
        }
        if (l7.isEmpty()) {
          out.add(lowered.get());
          continue;
        }
        for (ObjectNode match : l7.get()) {
          // An alternative of any method and any path matches every request: the rule without a match.
          ObjectNode withHttp = lowered.get().deepCopy();
          if (!match.isEmpty()) {
            withHttp.set("http", match);
          }
          out.add(withHttp);
        }
      }
    }
    return List.copyOf(out);
  }

  /**
   * What the rule's L7 block becomes: empty when the block is dropped (best-effort, wider) and the rule stays an L4
   * rule; a list of {@code http} matches (one per alternative kept); an empty list when the rule is left out.
   */
  private Optional<List<ObjectNode>> l7(L7Block block, Direction direction, Rule rule) {
    if (block instanceof HttpBlock h) {
      return Optional.of(http.matches(h, direction, rule));
    }
    boolean keep = L7Fallback.keepWithout(
        degradations, block, direction, "calico", "is not expressible in Calico open source",
        "compile for Cilium to enforce it");
    return keep ? Optional.empty() : Optional.of(List.of());
  }

  /** One Calico rule of a peer and a port group, or none when the two cannot meet (an ICMP family off the nets'). */
  private static Optional<ObjectNode> rule(String action, Direction direction, EntityRule peer, PortGroup group) {
    Optional<Integer> family = peer.family().or(group::family);
    if (peer.family().isPresent() && group.family().isPresent() && !peer.family().equals(group.family())) {
      return Optional.empty();
    }
    if (direction == Direction.EGRESS && peer.fields().has("services") && group.family().isPresent()) {
      // Reported at the peer (serviceRule): a services match on egress matches addresses and ports only.
      return Optional.empty();
    }
    ObjectNode r = JSON.objectNode();
    r.put("action", action);
    group.protocol().ifPresent(p -> r.put("protocol", p));
    family.ifPresent(f -> r.put("ipVersion", f));
    group.icmp().ifPresent(icmp -> r.set("icmp", icmp));
    ObjectNode peerSide = peer.fields().deepCopy();
    boolean servicesOnEgress = direction == Direction.EGRESS && peer.fields().has("services");
    ObjectNode portSide = direction == Direction.INGRESS ? JSON.objectNode() : peerSide;
    if (!group.ports().isEmpty() && !servicesOnEgress) {
      ArrayNode list = portSide.putArray("ports");
      group.entries().forEach(list::add);
    }
    String peerKey = direction == Direction.INGRESS ? "source" : "destination";
    if (!peerSide.isEmpty()) {
      r.set(peerKey, peerSide);
    }
    if (direction == Direction.INGRESS && !portSide.isEmpty()) {
      r.set("destination", portSide);
    }
    return Optional.of(r);
  }

  /** The entity rules of one peer; empty when it is left out or matches nothing. */
  private List<EntityRule> peer(Policy policy, Direction direction, boolean deny, Use<Peer> use, Rule rule) {
    SourceSpan span = use.span();
    Optional<Direction> dir = Optional.of(direction);
    return use.value().accept(
        new Peer.Visitor<List<EntityRule>>() {
          @Override
          public List<EntityRule> pods(PodPeer p) {
            reservedKeys(p.pods(), p.namespaces(), span, dir, deny ? Outcome.NARROWER : Outcome.WIDER);
            return List.of(podsRule(policy, p.namespaces(), p.pods()));
          }

          @Override
          public List<EntityRule> serviceAccount(ServiceAccountPeer p) {
            ObjectNode fields = JSON.objectNode();
            fields.putObject("serviceAccounts").putArray("names").add(p.name());
            Optional<String> namespace = p.namespace().or(policy::namespace);
            // A service account without a namespace in a cluster policy is that account in every namespace.
            fields.put("namespaceSelector", namespace.map(CalicoRules::namespaceNamed).orElse("all()"));
            return List.of(new EntityRule(fields, Optional.empty()));
          }

          @Override
          public List<EntityRule> service(ServicePeer p) {
            return serviceRule(p.name(), p.namespace().or(policy::namespace), Feature.SERVICE, "service '"
                + p.name() + "'", deny, span, dir, rule);
          }

          @Override
          public List<EntityRule> cidr(CidrPeer p) {
            return addresses.cidr(p, span).map(b -> List.of(nets(b))).orElse(List.of());
          }

          @Override
          public List<EntityRule> fqdn(FqdnPeer p) {
            Outcome outcome = deny ? Outcome.WIDER : Outcome.NARROWER;
            degradations.report(
                Feature.FQDN, outcome, span, dir,
                TARGET + "fqdn '" + p.pattern() + "' is left out of the " + (deny ? "deny" : "rule") + ": Calico open"
                    + " source has no domain rules (" + outcome.label() + ")",
                deny ? "deny the addresses with cidr" : "allow the addresses with cidr, or compile for Cilium");
            return List.of();
          }

          @Override
          public List<EntityRule> entity(EntityPeer p) {
            return entityRules(policy, p.entity(), direction, deny, span, dir, rule);
          }
        });
  }

  /** Pods by namespace and labels: a selector (none for every pod) and always a namespaceSelector. */
  static EntityRule podsRule(Policy policy, NamespaceScope scope, LabelSelector pods) {
    ObjectNode fields = JSON.objectNode();
    if (!pods.selectsAll()) {
      fields.put("selector", CalicoSelectors.of(pods).render());
    }
    fields.put("namespaceSelector", namespaceSelector(policy, scope));
    return new EntityRule(fields, Optional.empty());
  }

  /**
   * The namespaceSelector of a scope seen from a policy: a namespace by its name ({@code projectcalico.org/name},
   * which Calico gives every namespace), namespaces by their labels, or {@code all()}.
   */
  static String namespaceSelector(Policy policy, NamespaceScope scope) {
    if (scope instanceof NamespaceScope.Named named) {
      return namespaceNamed(named.name());
    }
    if (scope instanceof NamespaceScope.Selected selected) {
      return CalicoSelectors.of(selected.selector()).render();
    }
    if (scope instanceof NamespaceScope.PolicyNamespace && policy.namespace().isPresent()) {
      return namespaceNamed(policy.namespace().get());
    }
    return "all()";
  }

  /** {@code projectcalico.org/name == 'NS'}. */
  static String namespaceNamed(String namespace) {
    return CalicoSelector.equal(NAMESPACE_NAME, namespace).render();
  }

  /** An address block: {@code nets} and {@code notNets} of one family. */
  private static EntityRule nets(AddressBlock block) {
    ObjectNode fields = JSON.objectNode();
    fields.putArray("nets").add(block.cidr().toString());
    if (!block.except().isEmpty()) {
      ArrayNode not = fields.putArray("notNets");
      block.except().stream().map(Cidr::toString).forEach(not::add);
    }
    return new EntityRule(fields, Optional.of(block.cidr().ipv6() ? 6 : 4));
  }

  /**
   * A Service by name: {@code services}, which matches the Service's endpoints on the endpoints' own ports
   * ({@code reference/resources/globalnetworkpolicy.mdx}, ServiceMatch; egress from 3.20, ingress from 3.21), and
   * takes no ports in {@code destination} (the CRD's CEL rule and validator.go). So the rule's ports are dropped on
   * egress, which is exact when they are the Service's target ports: the report states that the output takes them
   * to be. Without ports the language means every port of the Service's pods, and Calico matches only the
   * endpoints' ports: narrower in an allow, wider in a deny.
   */
  private List<EntityRule> serviceRule(
      String name, Optional<String> namespace, Feature feature, String what, boolean deny,
      SourceSpan span, Optional<Direction> dir, Rule rule) {
    if (namespace.isEmpty()) {
      Outcome outcome = deny ? Outcome.WIDER : Outcome.NARROWER;
      degradations.report(
          feature, outcome, span, dir,
          TARGET + what + " in a cluster policy names no namespace, and Calico's services match needs one: it is"
              + " left out (" + outcome.label() + ")",
          "write service NAME in namespace NS");
      return List.of();
    }
    boolean egress = dir.orElseThrow() == Direction.EGRESS;
    Outcome lost = deny ? Outcome.WIDER : Outcome.NARROWER;
    if (egress && rule.ports().stream().anyMatch(p -> p instanceof IcmpPort)) {
      degradations.report(
          feature, lost, span, dir,
          TARGET + what + " becomes a services match, which on egress matches the endpoints' addresses and ports"
              + " (felix/calc/rule_scanner.go: IP and port sets), so no ICMP packet: the ICMP ports are left out ("
              + lost.label() + ")",
          "name the Service's pods with pods(...) in namespace ... for ICMP");
    }
    boolean everyPort = rule.allPorts() || rule.ports().stream().anyMatch(p -> p instanceof AllPorts);
    if (egress && everyPort) {
      degradations.report(
          feature, lost, span, dir,
          TARGET + what + " becomes a services match, which matches the Service's endpoints on their own ports only,"
              + " where the rule names every port (" + lost.label() + ")",
          "name the ports the Service's pods listen on");
    } else if (egress) {
      facts.note("a services match takes no ports on egress and matches the Service's endpoints on their own"
          + " ports: the ports of a rule toward a Service (or kube-apiserver) are taken to be the ones its endpoints"
          + " listen on (its target ports), as the program's rules name them", span);
    }
    ObjectNode fields = JSON.objectNode();
    ObjectNode services = fields.putObject("services");
    services.put("name", name);
    services.put("namespace", namespace.get());
    return List.of(new EntityRule(fields, Optional.empty()));
  }

  /** The entity rules of a language entity (SEMANTICS.md section 3, Calico). */
  private List<EntityRule> entityRules(
      Policy policy, Entity entity, Direction direction, boolean deny, SourceSpan span, Optional<Direction> dir,
      Rule rule) {
    return switch (entity) {
      case ANY -> List.of(new EntityRule(JSON.objectNode(), Optional.empty()));
      case WORLD -> {
        if (!addresses.worldIsExact()) {
          Outcome outcome = deny ? Outcome.NARROWER : Outcome.WIDER;
          degradations.report(
              Feature.ENTITY_WORLD, outcome, span, dir,
              TARGET + "world becomes 0.0.0.0/0 and ::/0, which Calico matches against pod and node addresses too:"
                  + " the run states no pod, service and node CIDRs to cut out (" + outcome.label() + ")",
              "state the cluster's CIDRs with --pod-cidr, --service-cidr and --node-cidr");
        }
        yield addresses.world(span).stream().map(CalicoRules::nets).toList();
      }
      case CLUSTER -> {
        List<EntityRule> out = new ArrayList<>();
        out.add(podsRule(policy, new NamespaceScope.AnyNamespace(), LabelSelector.ALL));
        out.addAll(nodes(Feature.ENTITY_CLUSTER, "cluster", deny, span, dir, "its pods only"));
        yield out;
      }
      case NODES -> nodes(Feature.ENTITY_NODES, "nodes", deny, span, dir, "nothing");
      case HOST -> host(direction, deny, span, dir);
      case KUBE_APISERVER -> serviceRule(
          "kubernetes", Optional.of("default"), Feature.ENTITY_KUBE_APISERVER,
          "kube-apiserver (the Service kubernetes in default)", deny, span, dir, rule);
    };
  }

  /** The stated node CIDRs as address blocks; reported when none are stated. */
  private List<EntityRule> nodes(
      Feature feature, String what, boolean deny, SourceSpan span, Optional<Direction> dir, String left) {
    List<AddressBlock> blocks = addresses.nodes(span);
    if (blocks.isEmpty()) {
      Outcome outcome = deny ? Outcome.WIDER : Outcome.NARROWER;
      degradations.report(
          feature, outcome, span, dir,
          TARGET + what + ": Calico names nodes by their addresses, and the run states no node CIDRs, so the "
              + (deny ? "deny" : "rule") + " covers " + left + " (" + outcome.label() + ")",
          "state the node CIDRs with --node-cidr");
    }
    return blocks.stream().map(CalicoRules::nets).toList();
  }

  /**
   * {@code host}, the node of the governed pod. Calico never polices a node's connections to its own pods
   * ({@code felix/rules/static.go}: "We don't currently police host -> endpoint"; eBPF {@code felix/bpf-gpl/tc.c}:
   * "Host to workload traffic always allowed"), as the language says (SEMANTICS.md rule 7): on ingress nothing is
   * written, exact. A pod's egress to its own node is policed, but no Calico match names "the node this pod runs
   * on": left out, narrower in an allow, wider in a deny.
   */
  private List<EntityRule> host(Direction direction, boolean deny, SourceSpan span, Optional<Direction> dir) {
    if (direction == Direction.INGRESS) {
      degradations.report(
          Feature.ENTITY_HOST, Outcome.EXACT, span, dir,
          TARGET + "host is left out of the ingress " + (deny ? "deny" : "rule") + ": Calico never polices a"
              + " node's connections to its own pods, which the language always allows too (exact)",
          null);
      return List.of();
    }
    Outcome outcome = deny ? Outcome.WIDER : Outcome.NARROWER;
    degradations.report(
        Feature.ENTITY_HOST, outcome, span, dir,
        TARGET + "host on egress is left out of the " + (deny ? "deny" : "rule") + ": no Calico match names the"
            + " node a pod runs on (" + outcome.label() + ")",
        "name the nodes with nodes and the node CIDRs (--node-cidr)");
    return List.of();
  }

  /**
   * A selector key Calico sets itself on endpoints or namespaces ({@code projectcalico.org/namespace},
   * {@code /orchestrator}, {@code /serviceaccount}, {@code /name}; {@code pcns.} and {@code pcsa.} for namespace and
   * service account labels: {@code api/pkg/apis/projectcalico/v3/constants.go}, {@code
   * libcalico-go/lib/backend/k8s/conversion/constants.go} at v3.32.1) matches by Calico's label, not by a label of
   * the user's: reported, with the outcome the caller gives (wider in an allow or a subject, narrower in a deny).
   */
  void reservedKeys(
      LabelSelector pods, NamespaceScope scope, SourceSpan span, Optional<Direction> dir, Outcome outcome) {
    List<String> keys = new ArrayList<>(pods.requirements().stream().map(LabelRequirement::key)
        .filter(CalicoRules::isReserved).toList());
    if (scope instanceof NamespaceScope.Selected s) {
      // A namespace selector's keys are prefixed with pcns. and matched against the namespace's labels, prefixed
      // the same way (rules.go, parseSelectorAttachPrefix): only the label Calico adds to every namespace differs.
      s.selector().requirements().stream().map(LabelRequirement::key).filter(NAMESPACE_NAME::equals)
          .forEach(keys::add);
    }
    keys.stream().distinct().forEach(key -> degradations.report(
        Feature.SELECTORS, outcome, span, dir,
        TARGET + "the label key '" + key + "' is one Calico sets itself, so on Calico the selector matches by"
            + " Calico's label, not by a label of that name (" + outcome.label() + ")",
        "select by labels of your own; name namespaces with in namespace or in namespaces(...)"));
  }

  /** Whether Calico sets a label of that key on workload endpoints itself. */
  static boolean isReserved(String key) {
    return key.startsWith("projectcalico.org/") || key.startsWith(CalicoPolicies.NAMESPACE_PREFIX)
        || key.startsWith(CalicoPolicies.SERVICE_ACCOUNT_PREFIX);
  }

  /**
   * The port groups of a rule: one per transport protocol (its numbers, {@code lo:hi} ranges and names; none when
   * the rule names every port of it), one per ICMP port, or one without a protocol when the rule has no ports.
   */
  private static List<PortGroup> ports(Rule rule) {
    if (rule.allPorts()) {
      return List.of(new PortGroup(Optional.empty(), List.of(), Optional.empty(), Optional.empty()));
    }
    Map<Protocol, List<Object>> byProtocol = new LinkedHashMap<>();
    Set<Protocol> everyPort = new LinkedHashSet<>();
    List<PortGroup> icmp = new ArrayList<>();
    for (Use<Port> use : Use.ports(rule.portTerms())) {
      use.value().accept(
          new Port.Visitor<Void>() {
            @Override
            public Void range(PortRange p) {
              byProtocol.computeIfAbsent(p.protocol(), k -> new ArrayList<>())
                  .add(p.isSingle() ? p.first() : p.first() + ":" + p.last());
              return null;
            }

            @Override
            public Void named(NamedPort p) {
              byProtocol.computeIfAbsent(p.protocol(), k -> new ArrayList<>()).add(p.name());
              return null;
            }

            @Override
            public Void all(AllPorts p) {
              byProtocol.computeIfAbsent(p.protocol(), k -> new ArrayList<>());
              everyPort.add(p.protocol());
              return null;
            }

            @Override
            public Void icmp(IcmpPort p) {
              icmp.add(icmpGroup(p));
              return null;
            }
          });
    }
    List<PortGroup> out = new ArrayList<>();
    byProtocol.forEach((protocol, ports) -> {
      List<Object> listed = everyPort.contains(protocol) ? List.of() : ports.stream().distinct().toList();
      out.add(new PortGroup(
          Optional.of(protocol.keyword().toUpperCase(Locale.ROOT)), listed, Optional.empty(), Optional.empty()));
    });
    out.addAll(icmp);
    return out;
  }

  /** ICMP: protocol ICMP or ICMPv6 with its {@code ipVersion}, and the type and code when given. */
  private static PortGroup icmpGroup(IcmpPort p) {
    Optional<ObjectNode> fields = Optional.empty();
    if (p.type().isPresent()) {
      ObjectNode icmp = JSON.objectNode();
      icmp.put("type", p.type().get());
      p.code().ifPresent(c -> icmp.put("code", c));
      fields = Optional.of(icmp);
    }
    return new PortGroup(Optional.of(p.v6() ? "ICMPv6" : "ICMP"), List.of(), fields, Optional.of(p.v6() ? 6 : 4));
  }

  /**
   * The fields of one entity rule ({@code source} on ingress, {@code destination} on egress) before ports.
   *
   * @param fields selector, namespaceSelector, nets, notNets, serviceAccounts or services
   * @param family the IP family of its nets, if it has some
   */
  record EntityRule(ObjectNode fields, Optional<Integer> family) {}

  /**
   * The protocol part of a Calico rule.
   *
   * @param protocol {@code TCP}, {@code UDP}, {@code SCTP}, {@code ICMP}, {@code ICMPv6}; empty for every protocol
   * @param ports numbers, {@code lo:hi} ranges and names; empty for every port of the protocol
   * @param icmp the {@code icmp} type and code, if any
   * @param family the IP family an ICMP protocol implies
   */
  private record PortGroup(
      Optional<String> protocol, List<Object> ports, Optional<ObjectNode> icmp, Optional<Integer> family) {

    /** The {@code ports} entries: numbers as numbers, ranges and names as strings ({@code numorstring/port.go}). */
    List<JsonNode> entries() {
      return ports.stream().map(p -> p instanceof Integer i ? (JsonNode) JSON.numberNode(i) : JSON.textNode((String) p))
          .toList();
    }
  }
}

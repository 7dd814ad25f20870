package io.netlingua.emit.cilium;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The Cilium agent's refusal rules, as the 1.18 agent applies them when it reads one CiliumNetworkPolicy (CNP) or
 * CiliumClusterwideNetworkPolicy (CCNP). A refused object is dropped whole: the policy watcher logs "Unable to add
 * CiliumNetworkPolicy" and returns before {@code UpdatePolicy} ({@code pkg/policy/k8s/cilium_network_policy.go}
 * {@code upsertCiliumNetworkPolicyV2}; the copy read, from the search index without a commit, calls
 * {@code cnp.Parse(scopedLog, clusterName)}, the 1.18 signature), while the API server has already stored it. The
 * cluster then runs without it: the isolation it would switch on never comes (fail open), and its allows are
 * missing wherever other policies isolate.
 *
 * <p>Source. cilium/cilium at the tag v1.18.0-pre.3, read as vendored by cilium/cilium-cli at commit
 * 6e65fa094c051aee03959dc9a75e66213e9050c7 ({@code vendor/github.com/cilium/cilium/...}; no {@code replace} for
 * it in that go.mod); the line numbers below are of those files. The main branch of 2025-07-02 (2d0825e9acfa,
 * vendored by cilium/cilium-cli 011bd4acc9dd898b40bca93faf2986ea4b55a95a) differs in names and comments only, that
 * of 2025-07-30 (ccb662c179a6, cilium-cli 746083db48591ffbebd37743873a91a13a6b04b8) adds only 1.19's empty port for
 * extended IP protocols; v1.17.0 (vendored by cilium/hubble 2bb87ac9a40faeb3a926bbabcc6a8e18b995a3e1) has the same
 * rules. Files: {@code pkg/k8s/apis/cilium.io/v2/cnp_types.go} and {@code ccnp_types.go} ({@code Parse}),
 * {@code pkg/policy/api/rule_validation.go} ({@code Rule.Sanitize} and its helpers), {@code pkg/policy/api/l4.go}
 * ({@code L7Rules.IsEmpty}), {@code selector.go}, {@code http.go}, {@code l7.go}, {@code icmp.go},
 * {@code pkg/iana/svcname.go}, {@code pkg/labels/labels.go}, and cilium/proxy {@code pkg/policy/api/kafka/kafka.go}
 * (v0.0.0-20250526114940-b80199397e8a, in the same vendor tree). The ToServices translation of the policy watcher
 * ({@code pkg/policy/k8s/service.go}) runs before {@code Parse} and adds only entries marked {@code Generated},
 * which {@code Sanitize} does not count as peer kinds (rule_validation.go:274-299), so it refuses nothing of its own.
 *
 * <p>Reasons read {@code place: what (agent: "its error text")}; the place is {@code spec} or {@code specs[i]}
 * and the path below it, the text is what the agent logs after "Invalid CiliumNetworkPolicy spec: " (or
 * "specs: "), its quotes escaped. Where {@code Sanitize} ranges over a Go map (the peer kinds, the L7 kinds) the
 * agent may name the members in another order; here the order is the source's. The first refusal found is
 * returned, in the agent's order: decoding, then {@code Parse}, then per rule the selectors, ingress, ingressDeny,
 * egress, egressDeny.
 *
 * <p>Checked here, each as the source words it (more at each method):
 * <ul>
 *   <li>neither {@code spec} nor {@code specs} (cnp_types.go:187); {@code spec} and {@code specs} together are
 *       accepted in 1.18, both are parsed (cnp_types.go:191-209);
 *   <li>a {@code nodeSelector} in the {@code spec} of a CNP (cnp_types.go:195); 1.18 does not check it in
 *       {@code specs} of a CNP, which becomes a host policy (accepted here, as the agent does);
 *   <li>a rule with none of ingress, ingressDeny, egress, egressDeny, each absent or empty (rule_validation.go:40,
 *       since 1.17.0; 1.16 accepts it);
 *   <li>neither or both of endpointSelector and nodeSelector (:63, :66);
 *   <li>an invalid label selector: keys, values of matchExpressions, values with Exists, no values with In
 *       (selector.go:352, the Kubernetes validation the agent vendors);
 *   <li>two L3 peer kinds in one rule, allow or deny (:216, :429), with ToFQDNs in allow egress (:368);
 *   <li>L7 in a host policy: any on ingress (:136), HTTP and Kafka on egress (:307; DNS is allowed there);
 *   <li>DNS rules on ingress (:144); icmps with toPorts (:153, :183, :339, :397);
 *   <li>in a port rule: serverNames with L7 and no terminatingTLS (:568), more than 40 ports (:575, :628), a port
 *       neither a number of 0..65535 in Go's base-0 syntax nor an IANA service name (:652), DNS on a range
 *       (:656), L7 other than DNS on a protocol other than TCP, an omitted one (ANY) included (:592), a listener
 *       on ingress or with L7 (:602, :609), L7 on port 0 (:616), DNS without a port (:528), {@code l7} without
 *       {@code l7proto} (:540), several L7 kinds (:552);
 *   <li>an HTTP path or method that Go's regexp refuses (http.go:117, :124), a headerMatches secret without a
 *       name (http.go:143), an empty key in {@code l7} (l7.go:19), Kafka's role with apiKey, an unknown apiKey,
 *       a bad apiVersion, a bad topic (kafka.go:236-266);
 *   <li>more than 40 ICMP fields (:666); an ICMP type name of the other family, which fails decoding
 *       (icmp.go:145);
 *   <li>an except CIDR outside its cidr (:754), a bad cidrGroupSelector (:717).
 * </ul>
 *
 * <p>Left out, because the API server's CRD schema (the 1.18.2 one, shared/upstream) refuses the object first:
 * an unknown entity (the entity enum; every value of it is in {@code EntitySelectorMapping}, entity.go:92); an
 * invalid CIDR (format {@code cidr}, stricter than the agent's parse, which also takes a bare IP); a label
 * selector operator (enum); a matchLabels value (pattern); an empty port, a protocol, a family (pattern, enums),
 * an endPort beyond 0..65535 (bounds); an empty server name, the FQDN and DNS name characters, a header name, a
 * mismatch action, a Kafka role, a topic over 255 characters (patterns, enums, lengths); a CIDR rule with none
 * or several of cidr, cidrGroupRef, cidrGroupSelector (oneOf); a missing {@code metadata.name}. Several rules
 * kept above are refused by the CRD too: neither or both selectors ({@code oneOf}), a section-less rule when
 * the sections are absent rather than empty ({@code anyOf}), more than 40 ports or ICMP fields in allow rules
 * ({@code maxItems}; deny rules have no such bound in the CRD), several L7 kinds ({@code oneOf} on
 * {@code rules}); they are kept because the agent words them and an emitter must not write them either.
 *
 * <p>Left out as agent settings, facts to report rather than properties of the object: L7 without
 * {@code enable-l7-proxy} (:140), ICMP without {@code enable-icmp-rules} (:149), fromNodes/toNodes without
 * {@code enable-node-selector-labels} (:224, :437). Not refusals in 1.18: toServices with toPorts
 * (l3DependentL4Support is true for every kind, :491-501, since 1.17.0; 1.16 refused it, cilium/cilium#20067), an
 * endPort below its port ({@code Sanitize} never compares them), a namespace match in a CNP's endpointSelector (a
 * warning, {@code pkg/k8s/apis/cilium.io/utils/utils.go} ParseToCiliumRule), a {@code toGroups} object (not
 * imported by the agent at all but left to the operator's derivative policy, cilium_network_policy.go
 * {@code RequiresDerivative}).
 * Not per object, so read elsewhere: two L7 kinds on one port and peer across rules or policies
 * ({@code pkg/policy/l4.go}:415 "cannot merge conflicting L7 parsers", at policy computation for an endpoint;
 * see {@link L7Conflicts}).
 *
 * <p>The input is the object as applied, a Jackson tree of its YAML. A JSON null counts as absent, as the API
 * server prunes it before the agent sees it; the ICMP family defaults to IPv4, as the CRD's default sets it.
 */
final class AgentRefusals {
  private static final int MAX_PORTS = 40; // rule_validation.go:20
  private static final int MAX_ICMP_FIELDS = 40; // rule_validation.go:21

  /** The peer kinds IngressCommonRule.sanitize compares (rule_validation.go:204-211); not fromRequires. */
  private static final List<String> INGRESS_PEERS =
      List.of("fromEndpoints", "fromCIDR", "fromCIDRSet", "fromEntities", "fromNodes", "fromGroups");

  /** The peer kinds EgressCommonRule.l3Members counts (rule_validation.go:479-489); not toRequires. */
  private static final List<String> EGRESS_PEERS =
      List.of("toCIDR", "toCIDRSet", "toEndpoints", "toEntities", "toServices", "toGroups", "toNodes");

  /** EgressRule.l3Members adds ToFQDNs to them (rule_validation.go:366-370); egressDeny has no toFQDNs. */
  private static final List<String> EGRESS_ALLOW_PEERS = concat(EGRESS_PEERS, "toFQDNs");

  private static final List<String> SECTIONS = List.of("ingress", "ingressDeny", "egress", "egressDeny");

  /** {@code iana.IsSvcName} (pkg/iana/svcname.go:14): RFC 6335 service names, at most 15 characters. */
  private static final Pattern SVC_NAME = Pattern.compile("([a-zA-Z0-9]-?)*[a-zA-Z](-?[a-zA-Z0-9])*");

  /** Kubernetes' qualifiedNameFmt and DNS-1123 subdomain (k8s.io/apimachinery v0.33.1 util/validation). */
  private static final Pattern QUALIFIED_NAME = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");

  private static final Pattern DNS1123_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

  /** kafka.go:229, {@code ^[a-zA-Z0-9\\._\\-]+$} in a Go raw string: a backslash is allowed too. */
  private static final Pattern KAFKA_TOPIC = Pattern.compile("[a-zA-Z0-9\\\\._\\\\-]+");

  /** kafka.go {@code APIKeyMap}: the names an apiKey may take, compared in lower case. */
  private static final Set<String> KAFKA_API_KEYS = Set.of("produce", "fetch", "offsets", "metadata",
      "leaderandisr", "stopreplica", "updatemetadata", "controlledshutdown", "offsetcommit", "offsetfetch",
      "findcoordinator", "joingroup", "heartbeat", "leavegroup", "syncgroup", "describegroups", "listgroups",
      "saslhandshake", "apiversions", "createtopics", "deletetopics", "deleterecords", "initproducerid",
      "offsetforleaderepoch", "addpartitionstotxn", "addoffsetstotxn", "endtxn", "writetxnmarkers",
      "txnoffsetcommit", "describeacls", "createacls", "deleteacls", "describeconfigs", "alterconfigs");

  private AgentRefusals() {}

  /**
   * Why the agent refuses this object (it then drops the whole object and keeps its previous state: none), or
   * empty when it accepts it. An object of another kind is not read by the agent's policy watcher: empty.
   */
  static Optional<String> refusal(JsonNode object) {
    String kind = object.path("kind").asText("");
    boolean namespaced = kind.equals("CiliumNetworkPolicy");
    if (!namespaced && !kind.equals("CiliumClusterwideNetworkPolicy")) {
      return Optional.empty();
    }
    JsonNode spec = field(object, "spec");
    JsonNode specs = field(object, "specs");
    List<Place> rules = new ArrayList<>();
    if (spec != null) {
      rules.add(new Place(spec, "spec"));
    }
    if (specs != null) {
      for (int i = 0; i < specs.size(); i++) {
        if (field(specs, i) != null) {
          rules.add(new Place(specs.get(i), "specs[" + i + "]"));
        }
      }
    }
    // Decoding comes before Parse: one bad ICMP type fails the whole object.
    for (Place rule : rules) {
      Optional<String> r = icmpTypes(rule.node(), rule.at());
      if (r.isPresent()) {
        return r;
      }
    }
    // cnp_types.go:187 (ccnp_types.go:91): a nil spec and a nil specs; "specs: []" is not nil and parses to nothing.
    if (spec == null && specs == null) {
      return refused(kind, "neither spec nor specs", "Invalid " + kind + " spec(s): empty policy");
    }
    for (Place rule : rules) {
      Optional<String> r = rule(rule.node(), rule.at());
      if (r.isPresent()) {
        return r;
      }
      // cnp_types.go:195: after Sanitize, and for spec only; specs are not checked (cnp_types.go:201-209).
      if (namespaced && rule.node() == spec && field(spec, "nodeSelector") != null) {
        return refused("spec.nodeSelector", "a host policy in a namespaced CiliumNetworkPolicy",
            "rule cannot have NodeSelector");
      }
    }
    return Optional.empty();
  }

  /** {@code Rule.Sanitize} (rule_validation.go:39-109), in its order. */
  private static Optional<String> rule(JsonNode rule, String at) {
    if (SECTIONS.stream().allMatch(s -> list(rule, s).isEmpty())) {
      return refused(at, "no ingress, ingressDeny, egress or egressDeny rule",
          "rule must have at least one of Ingress, IngressDeny, Egress, EgressDeny");
    }
    JsonNode endpoints = field(rule, "endpointSelector");
    JsonNode nodes = field(rule, "nodeSelector");
    if (endpoints == null && nodes == null) {
      return refused(at, "neither endpointSelector nor nodeSelector",
          "rule must have one of EndpointSelector or NodeSelector");
    }
    if (endpoints != null && nodes != null) {
      return refused(at, "both endpointSelector and nodeSelector",
          "rule cannot have both EndpointSelector and NodeSelector");
    }
    Optional<String> r = endpoints != null
        ? selector(endpoints, at + ".endpointSelector", Keys.EXTENDED)
        : selector(nodes, at + ".nodeSelector", Keys.EXTENDED);
    boolean host = nodes != null;
    List<JsonNode> ingress = list(rule, "ingress");
    for (int i = 0; r.isEmpty() && i < ingress.size(); i++) {
      r = ingress(ingress.get(i), at + ".ingress[" + i + "]", host);
    }
    List<JsonNode> ingressDeny = list(rule, "ingressDeny");
    for (int i = 0; r.isEmpty() && i < ingressDeny.size(); i++) {
      r = deny(ingressDeny.get(i), at + ".ingressDeny[" + i + "]", true);
    }
    List<JsonNode> egress = list(rule, "egress");
    for (int i = 0; r.isEmpty() && i < egress.size(); i++) {
      r = egress(egress.get(i), at + ".egress[" + i + "]", host);
    }
    List<JsonNode> egressDeny = list(rule, "egressDeny");
    for (int i = 0; r.isEmpty() && i < egressDeny.size(); i++) {
      r = deny(egressDeny.get(i), at + ".egressDeny[" + i + "]", false);
    }
    return r;
  }

  /** {@code IngressRule.sanitize} (rule_validation.go:123-171). */
  private static Optional<String> ingress(JsonNode rule, String at, boolean host) {
    Optional<String> r = commonRule(rule, at, INGRESS_PEERS, true);
    if (r.isPresent()) {
      return r;
    }
    L7Count l7 = L7Count.of(list(rule, "toPorts"));
    // :135: countL7Rules returns its three keys as soon as one port rule has L7 rules.
    if (host && l7.any()) {
      return refused(at, "L7 rules in a host (nodeSelector) policy", "L7 policy is not supported on host ingress yet");
    }
    // :142-146: DNS is the one kind l7IngressSupport refuses; PortRule.sanitize's own check (:563) comes later.
    if (l7.dns() > 0) {
      return refused(at, "DNS rules on ingress", "L7 protocol DNS is not supported on ingress yet");
    }
    return portsAndIcmps(rule, at, true);
  }

  /** {@code EgressRule.sanitize} (rule_validation.go:301-364). */
  private static Optional<String> egress(JsonNode rule, String at, boolean host) {
    Optional<String> r = commonRule(rule, at, EGRESS_ALLOW_PEERS, false);
    if (r.isPresent()) {
      return r;
    }
    // :314-319, "combining %s and ToPorts": l3DependentL4Support is true for every kind in 1.18 (:491-501, :374).
    L7Count l7 = L7Count.of(list(rule, "toPorts"));
    // :304-308, :325-331: a host policy may keep DNS on egress, not HTTP or Kafka.
    if (host && l7.http() > 0) {
      return refused(at, "HTTP rules in a host (nodeSelector) policy",
          "L7 protocol HTTP is not supported on host egress yet");
    }
    if (host && l7.kafka() > 0) {
      return refused(at, "Kafka rules in a host (nodeSelector) policy",
          "L7 protocol Kafka is not supported on host egress yet");
    }
    // :353-358: the toFQDNs sanitize: its checks (one of matchName and matchPattern, their characters) are the CRD's.
    return portsAndIcmps(rule, at, false);
  }

  /** {@code IngressDenyRule.sanitize} (:173-201) and {@code EgressDenyRule.sanitize} (:378-415). */
  private static Optional<String> deny(JsonNode rule, String at, boolean ingress) {
    Optional<String> r = commonRule(rule, at, ingress ? INGRESS_PEERS : EGRESS_PEERS, ingress);
    if (r.isPresent()) {
      return r;
    }
    r = icmpsWithToPorts(rule, at);
    // PortDenyRule.sanitize (:626-637): the ports only; a deny rule has no L7 (l4.go PortDenyRule has no rules).
    List<JsonNode> toPorts = list(rule, "toPorts");
    for (int n = 0; r.isEmpty() && n < toPorts.size(); n++) {
      String where = at + ".toPorts[" + n + "]";
      List<JsonNode> ports = list(toPorts.get(n), "ports");
      if (ports.size() > MAX_PORTS) {
        return tooManyPorts(where, ports.size());
      }
      for (int k = 0; r.isEmpty() && k < ports.size(); k++) {
        r = port(ports.get(k), false, where + ".ports[" + k + "]").refusal();
      }
    }
    return r.or(() -> icmpFields(rule, at));
  }

  /**
   * {@code IngressCommonRule.sanitize} (:203-265) and {@code EgressCommonRule.sanitize} (:417-477): two peer kinds,
   * then the selectors and the CIDR sets. Entities and CIDRs are the CRD's (class comment).
   */
  private static Optional<String> commonRule(JsonNode rule, String at, List<String> peers, boolean ingress) {
    // :212-219, :425-432: len > 0, so an empty list is no peer kind.
    List<String> present = peers.stream().filter(p -> !list(rule, p).isEmpty()).toList();
    if (present.size() > 1) {
      String a = present.get(0);
      String b = present.get(1);
      return refused(at, a + " with " + b, "combining " + goName(a) + " and " + goName(b) + " is not supported yet");
    }
    List<String> selectors = ingress
        ? List.of("fromEndpoints", "fromRequires", "fromNodes")
        : List.of("toEndpoints", "toRequires", "toNodes");
    for (String s : selectors) {
      List<JsonNode> each = list(rule, s);
      for (int k = 0; k < each.size(); k++) {
        Optional<String> r = selector(each.get(k), at + "." + s + "[" + k + "]", Keys.EXTENDED);
        if (r.isPresent()) {
          return r;
        }
      }
    }
    String sets = ingress ? "fromCIDRSet" : "toCIDRSet";
    List<JsonNode> each = list(rule, sets);
    for (int k = 0; k < each.size(); k++) {
      Optional<String> r = cidrRule(each.get(k), at + "." + sets + "[" + k + "]");
      if (r.isPresent()) {
        return r;
      }
    }
    return Optional.empty();
  }

  /** The rest of IngressRule and EgressRule: icmps with toPorts, each port rule, each ICMP rule. */
  private static Optional<String> portsAndIcmps(JsonNode rule, String at, boolean ingress) {
    Optional<String> r = icmpsWithToPorts(rule, at);
    List<JsonNode> toPorts = list(rule, "toPorts");
    for (int n = 0; r.isEmpty() && n < toPorts.size(); n++) {
      r = portRule(toPorts.get(n), at + ".toPorts[" + n + "]", ingress);
    }
    return r.or(() -> icmpFields(rule, at));
  }

  /** :152, :182, :338, :396: list lengths, so {@code icmps: [{}]} counts. */
  private static Optional<String> icmpsWithToPorts(JsonNode rule, String at) {
    if (!list(rule, "icmps").isEmpty() && !list(rule, "toPorts").isEmpty()) {
      return refused(at, "icmps with toPorts",
          "the ICMPs block may only be present without ToPorts. Define a separate rule to use ToPorts");
    }
    return Optional.empty();
  }

  /** {@code ICMPRule.verify} (:664-676); the family is the CRD's enum. */
  private static Optional<String> icmpFields(JsonNode rule, String at) {
    List<JsonNode> icmps = list(rule, "icmps");
    for (int n = 0; n < icmps.size(); n++) {
      int fields = list(icmps.get(n), "fields").size();
      if (fields > MAX_ICMP_FIELDS) {
        return refused(at + ".icmps[" + n + "].fields", fields + " ICMP fields, more than " + MAX_ICMP_FIELDS,
            "too many types, the max is " + MAX_ICMP_FIELDS);
      }
    }
    return Optional.empty();
  }

  /**
   * {@code ICMPField.UnmarshalJSON} (icmp.go:124-154): a type given as a name must be a name of its family
   * (IPv4 unless IPv6), else decoding fails. The CRD's pattern lists the names of both families together, so
   * {@code PacketTooBig} passes it as an IPv4 type. What the watcher does after a failed decode is client-go's
   * (not read here): the agent never parses the object.
   */
  private static Optional<String> icmpTypes(JsonNode rule, String at) {
    for (String section : SECTIONS) {
      List<JsonNode> rules = list(rule, section);
      for (int i = 0; i < rules.size(); i++) {
        List<JsonNode> icmps = list(rules.get(i), "icmps");
        for (int n = 0; n < icmps.size(); n++) {
          List<JsonNode> fields = list(icmps.get(n), "fields");
          for (int m = 0; m < fields.size(); m++) {
            JsonNode type = field(fields.get(m), "type");
            if (type == null || !(type.isTextual() || type.isIntegralNumber())) {
              continue; // required, int or string: the CRD's
            }
            String name = type.asText();
            // t.Type.String() != "0" && t.Type.IntValue() == 0: IntValue of a string is strconv.Atoi, 0 on error.
            long value = type.isIntegralNumber() ? type.asLong() : atoi(name);
            String family = text(fields.get(m), "family").isEmpty() ? "IPv4" : text(fields.get(m), "family");
            Set<String> names = IcmpTypeNames.of(family.equals("IPv6")).keySet();
            if (!name.equals("0") && value == 0 && !names.contains(name)) {
              String where = at + "." + section + "[" + i + "].icmps[" + n + "].fields[" + m + "].type";
              return Optional.of(where + ": " + name + " is not an " + family
                  + " ICMP type (agent, decoding: \"ICMP type " + name + " not found in " + family + "\")");
            }
          }
        }
      }
    }
    return Optional.empty();
  }

  /** {@code PortRule.sanitize} (rule_validation.go:561-624), ingress or egress allow. */
  private static Optional<String> portRule(JsonNode portRule, String at, boolean ingress) {
    JsonNode rules = field(portRule, "rules");
    L7Count l7 = L7Count.of(List.of(portRule));
    // :563: hasDNSRules is len(DNS) > 0; on ingress :144 has refused it already, so only the flag is needed here.
    boolean dns = l7.dns() > 0;
    if (!list(portRule, "serverNames").isEmpty() && l7.any() && field(portRule, "terminatingTLS") == null) {
      return refused(at, "serverNames with L7 rules and no terminatingTLS",
          "ServerNames are not allowed with L7 rules without TLS termination");
    }
    List<JsonNode> ports = list(portRule, "ports");
    if (ports.size() > MAX_PORTS) {
      return tooManyPorts(at, ports.size());
    }
    boolean zero = false;
    for (int k = 0; k < ports.size(); k++) {
      String where = at + ".ports[" + k + "]";
      Port p = port(ports.get(k), dns, where);
      if (p.refusal().isPresent()) {
        return p.refusal();
      }
      zero |= p.zero();
      // :587-593: "DNS L7 rules can be TCP, UDP or ANY, all others are TCP only"; the switch lets DNS through on
      // any protocol, and an omitted protocol is ANY (utils.go ParseL4Proto).
      if (l7.any() && !dns && !p.protocol().equals("TCP")) {
        return refused(where, l7.kinds() + " rules on protocol " + p.protocol(),
            "L7 rules can only apply to TCP (not " + p.protocol() + ") except for DNS rules");
      }
    }
    JsonNode listener = field(portRule, "listener");
    if (listener != null) {
      String name = text(listener, "name");
      // :601, TestAllowIngressListener is false outside Cilium's unit tests.
      if (ingress) {
        return refused(at + ".listener", "a listener on ingress", "Listener is not allowed on ingress (" + name + ")");
      }
      if (l7.any()) {
        return refused(at + ".listener", "a listener with L7 rules",
            "Listener is not allowed with L7 rules (" + name + ")");
      }
    }
    if (!l7.any()) {
      return Optional.empty();
    }
    if (zero) {
      return refused(at, l7.kinds() + " rules on port 0", "L7 rules can not be used when a port is 0");
    }
    return l7Rules(rules, at + ".rules", ports.isEmpty());
  }

  /** The result of {@code PortProtocol.sanitize}: a refusal, or whether the port is 0 and its protocol. */
  private record Port(Optional<String> refusal, boolean zero, String protocol) {}

  /**
   * {@code PortProtocol.sanitize} (rule_validation.go:639-662): a name if {@code iana.IsSvcName}, else
   * {@code strconv.ParseUint(port, 0, 16)}, so "0x10" is a name, "010" is 8, "08" and "99999" are refused. An
   * empty port and the protocol's values are the CRD's.
   */
  private static Port port(JsonNode port, boolean dns, String at) {
    String text = text(port, "port");
    String protocol = text(port, "protocol").isEmpty() ? "ANY" : text(port, "protocol").toUpperCase(Locale.ROOT);
    if (text.isEmpty() || isSvcName(text)) {
      return new Port(Optional.empty(), false, protocol);
    }
    GoUint parsed = parseUint16(text);
    if (parsed.error() != null) {
      String what = parsed.error().equals("value out of range")
          ? "port " + text + " is above 65535"
          : "port \"" + text + "\" is neither a port number nor a service name";
      return new Port(refused(at + ".port", what,
          "unable to parse port: strconv.ParseUint: parsing \"" + text + "\": " + parsed.error()), false, protocol);
    }
    long endPort = port.path("endPort").asLong(0);
    if (dns && endPort > parsed.value()) {
      return new Port(refused(at, "DNS rules on the range " + text + "-" + endPort,
          "DNS rules do not support port ranges"), parsed.value() == 0, protocol);
    }
    return new Port(Optional.empty(), parsed.value() == 0, protocol);
  }

  /** {@code L7Rules.sanitize} (rule_validation.go:503-555): a kind counts when its key is there, even empty. */
  private static Optional<String> l7Rules(JsonNode rules, String at, boolean noPorts) {
    List<String> kinds = new ArrayList<>();
    if (field(rules, "http") != null) {
      kinds.add("http");
      List<JsonNode> http = list(rules, "http");
      for (int k = 0; k < http.size(); k++) {
        Optional<String> r = http(http.get(k), at + ".http[" + k + "]");
        if (r.isPresent()) {
          return r;
        }
      }
    }
    if (field(rules, "kafka") != null) {
      kinds.add("kafka");
      List<JsonNode> kafka = list(rules, "kafka");
      for (int k = 0; k < kafka.size(); k++) {
        Optional<String> r = kafka(kafka.get(k), at + ".kafka[" + k + "]");
        if (r.isPresent()) {
          return r;
        }
      }
    }
    if (field(rules, "dns") != null) {
      // :524-529: "Require the port 53 be explicitly configured"; only the presence of a port is checked.
      if (noPorts) {
        return refused(at + ".dns", "DNS rules without a port", "port 53 must be specified for DNS rules");
      }
      kinds.add("dns"); // PortRuleDNS.Sanitize: the characters, the CRD's
    }
    String l7proto = text(rules, "l7proto");
    if (field(rules, "l7") != null && l7proto.isEmpty()) {
      return refused(at + ".l7", "l7 rules without l7proto",
          "'l7' may only be specified when a 'l7proto' is also specified");
    }
    if (!l7proto.isEmpty()) {
      kinds.add("l7proto");
      List<JsonNode> l7 = list(rules, "l7");
      for (int k = 0; k < l7.size(); k++) {
        for (var names = l7.get(k).fieldNames(); names.hasNext(); ) {
          if (names.next().isEmpty()) {
            return refused(at + ".l7[" + k + "]", "an empty key", "Empty key not allowed"); // l7.go:19
          }
        }
      }
    }
    if (kinds.size() > 1) {
      return refused(at, String.join(" and ", kinds) + " in one port rule",
          "multiple L7 protocol rule types specified in single rule");
    }
    return Optional.empty();
  }

  /**
   * {@code PortRuleHTTP.Sanitize} (http.go:115-149): path and method compile as Go regular expressions (the host
   * is not compiled by the agent; the headers are not checked); a headerMatches secret needs a name. The header
   * name and mismatch action are the CRD's.
   */
  private static Optional<String> http(JsonNode http, String at) {
    for (String f : List.of("path", "method")) {
      String regex = text(http, f);
      Optional<String> problem = regex.isEmpty() ? Optional.empty() : GoRegexp.problem(regex);
      if (problem.isPresent()) {
        return refused(at + "." + f, f + " \"" + shorten(regex) + "\" is not a Go regular expression", problem.get());
      }
    }
    List<JsonNode> matches = list(http, "headerMatches");
    for (int m = 0; m < matches.size(); m++) {
      JsonNode secret = field(matches.get(m), "secret");
      if (secret != null && text(secret, "name").isEmpty()) {
        return refused(at + ".headerMatches[" + m + "].secret", "a secret without a name", "Secret name missing");
      }
    }
    return Optional.empty();
  }

  /** cilium/proxy {@code kafka.PortRule.Sanitize} (kafka.go:234-270); the role's values are the CRD's enum. */
  private static Optional<String> kafka(JsonNode kafka, String at) {
    String role = text(kafka, "role");
    String apiKey = text(kafka, "apiKey");
    if (!role.isEmpty() && !apiKey.isEmpty()) {
      return refused(at, "both role and apiKey",
          "cannot set both Role \"" + role + "\" and APIKey \"" + apiKey + "\" together");
    }
    if (!apiKey.isEmpty() && !KAFKA_API_KEYS.contains(apiKey.toLowerCase(Locale.ROOT))) {
      return refused(at + ".apiKey", "\"" + apiKey + "\" is not a Kafka API key",
          "invalid Kafka APIKey \"" + apiKey + "\"");
    }
    String version = text(kafka, "apiVersion");
    // strconv.ParseInt(v, 10, 16), then n < 0 refused: an optional sign and ASCII digits, 0..32767.
    if (!version.isEmpty() && !validKafkaVersion(version)) {
      return refused(at + ".apiVersion", "\"" + version + "\" is not a version in 0..32767",
          "invalid Kafka APIVersion \"" + version + "\"");
    }
    String topic = text(kafka, "topic");
    if (!topic.isEmpty()) {
      // Go's len counts bytes; the CRD's maxLength counts characters.
      if (topic.getBytes(StandardCharsets.UTF_8).length > 255) {
        return refused(at + ".topic", "a topic of more than 255 bytes", "kafka topic exceeds maximum len of 255");
      }
      if (!KAFKA_TOPIC.matcher(topic).matches()) {
        return refused(at + ".topic", "\"" + shorten(topic) + "\" is not a Kafka topic name",
            "invalid Kafka Topic name \"" + shorten(topic) + "\"");
      }
    }
    return Optional.empty();
  }

  /**
   * {@code CIDRRule.sanitize} (rule_validation.go:704-761): a cidrGroupSelector is a label selector whose keys
   * get the {@code cidrgroup.} prefix; an except must hold an address inside its cidr ({@code netip.Prefix.Contains}
   * of the except's address, so only its first address counts, and a family mismatch is outside). An except
   * with a cidrGroupRef or cidrGroupSelector is not checked (:727-729), and prefixes that do not parse are the CRD's.
   */
  private static Optional<String> cidrRule(JsonNode rule, String at) {
    JsonNode groupSelector = field(rule, "cidrGroupSelector");
    if (groupSelector != null) {
      Optional<String> r = selector(groupSelector, at + ".cidrGroupSelector", Keys.CIDR_GROUP);
      if (r.isPresent()) {
        return r;
      }
    }
    if (!text(rule, "cidrGroupRef").isEmpty() || groupSelector != null) {
      return Optional.empty();
    }
    String cidr = text(rule, "cidr");
    Optional<Prefix> prefix = Prefix.parse(cidr);
    if (prefix.isEmpty()) {
      return Optional.empty();
    }
    List<JsonNode> except = list(rule, "except");
    for (int k = 0; k < except.size(); k++) {
      String e = except.get(k).asText();
      Optional<Prefix> ex = Prefix.parse(e);
      if (ex.isPresent() && !prefix.get().contains(ex.get())) {
        return refused(at + ".except[" + k + "]", e + " is not inside " + cidr,
            "allow CIDR prefix " + cidr + " does not contain exclude CIDR prefix " + e);
      }
    }
    return Optional.empty();
  }

  /** How the agent reads a selector's keys before validating them. */
  private enum Keys {
    /** {@code EndpointSelector.UnmarshalJSON} (selector.go:63-87): {@code labels.GetExtendedKeyFrom}. */
    EXTENDED,
    /** {@code NewESFromK8sLabelSelector("cidrgroup.", ...)} (rule_validation.go:714). */
    CIDR_GROUP
  }

  /**
   * {@code EndpointSelector.sanitize} (selector.go:352-358), Kubernetes' {@code ValidateLabelSelector} with invalid
   * values refused, over the keys as the agent holds them: {@code k8s:app} is {@code k8s.app}, {@code app} is
   * {@code any.app}, so a name part of 60 characters becomes 64 and fails. The first problem found is returned;
   * the agent reports all of them. The operator's values and the matchLabels values are the CRD's.
   */
  private static Optional<String> selector(JsonNode selector, String at, Keys keys) {
    String words = keys == Keys.EXTENDED ? "invalid label selector" : "failed to parse cidrGroupSelector";
    JsonNode labels = field(selector, "matchLabels");
    if (labels != null) {
      for (var e = labels.fields(); e.hasNext(); ) {
        Map.Entry<String, JsonNode> label = e.next();
        Optional<String> key = keyProblem(label.getKey(), keys);
        if (key.isPresent()) {
          return refused(at + ".matchLabels", key.get(), words);
        }
        if (!validLabelValue(label.getValue().asText())) {
          return refused(at + ".matchLabels", "value \"" + shorten(label.getValue().asText()) + "\" of \""
              + label.getKey() + "\" is not a label value", words);
        }
      }
    }
    List<JsonNode> expressions = list(selector, "matchExpressions");
    for (int k = 0; k < expressions.size(); k++) {
      JsonNode e = expressions.get(k);
      String where = at + ".matchExpressions[" + k + "]";
      String operator = text(e, "operator");
      List<JsonNode> values = list(e, "values");
      if ((operator.equals("In") || operator.equals("NotIn")) && values.isEmpty()) {
        return refused(where, "operator " + operator + " without values", words);
      }
      if ((operator.equals("Exists") || operator.equals("DoesNotExist")) && !values.isEmpty()) {
        return refused(where, "operator " + operator + " with values", words);
      }
      Optional<String> key = keyProblem(text(e, "key"), keys);
      if (key.isPresent()) {
        return refused(where, key.get(), words);
      }
      for (JsonNode v : values) {
        if (!validLabelValue(v.asText())) {
          return refused(where, "value \"" + shorten(v.asText()) + "\" is not a label value", words);
        }
      }
    }
    return Optional.empty();
  }

  /** Kubernetes' {@code IsQualifiedName} over the key as the agent holds it. */
  private static Optional<String> keyProblem(String key, Keys keys) {
    String held = keys == Keys.EXTENDED ? extendedKey(key) : "cidrgroup." + key;
    String[] parts = held.split("/", -1);
    String name = parts[parts.length - 1];
    boolean ok = parts.length <= 2
        && (parts.length == 1 || !parts[0].isEmpty() && parts[0].length() <= 253
            && DNS1123_SUBDOMAIN.matcher(parts[0]).matches())
        && !name.isEmpty() && name.length() <= 63 && QUALIFIED_NAME.matcher(name).matches();
    return ok ? Optional.empty()
        : Optional.of("key \"" + shorten(key) + "\" (held as \"" + shorten(held) + "\") is not a qualified name");
  }

  /** {@code labels.GetExtendedKeyFrom} with {@code parseSource(str, ':')} (pkg/labels/labels.go:516, :769). */
  private static String extendedKey(String key) {
    String source;
    String next;
    int colon = key.indexOf(':');
    if (key.isEmpty()) {
      source = "";
      next = "";
    } else if (key.charAt(0) == '$') {
      source = "reserved";
      next = key.substring(1);
    } else if (colon < 0) {
      boolean reserved = key.startsWith("reserved.");
      source = reserved ? "reserved" : "";
      next = reserved ? key.substring("reserved.".length()) : key;
    } else {
      source = key.substring(0, colon);
      next = key.substring(colon + 1);
    }
    int eq = next.indexOf('=');
    return (source.isEmpty() ? "any" : source) + "." + (eq >= 0 ? next.substring(0, eq) : next);
  }

  /** Kubernetes' {@code IsValidLabelValue}: at most 63 characters, empty or a qualified name. */
  private static boolean validLabelValue(String value) {
    return value.length() <= 63 && (value.isEmpty() || QUALIFIED_NAME.matcher(value).matches());
  }

  /** {@code iana.IsSvcName}: the length first, which also bounds the backtracking of the pattern. */
  private static boolean isSvcName(String name) {
    return !name.isEmpty() && name.length() <= 15 && SVC_NAME.matcher(name).matches();
  }

  /** A value of Go's {@code strconv.ParseUint(s, 0, 16)}, or its error's last words. */
  private record GoUint(long value, String error) {}

  /**
   * Go's {@code strconv.ParseUint(s, 0, 16)}: prefixes 0b, 0o, 0x (either case, with at least one more
   * character), a leading 0 for octal, underscores only between digits and only with base 0 ({@code underscoreOK}).
   */
  private static GoUint parseUint16(String s) {
    if (s.isEmpty()) {
      return new GoUint(0, "invalid syntax");
    }
    int base = 10;
    int i = 0;
    if (s.charAt(0) == '0') {
      char c = s.length() >= 3 ? Character.toLowerCase(s.charAt(1)) : 0;
      base = c == 'b' ? 2 : c == 'o' ? 8 : c == 'x' ? 16 : 8;
      i = c == 'b' || c == 'o' || c == 'x' ? 2 : 1;
    }
    long n = 0;
    boolean underscores = false;
    boolean range = false;
    for (; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '_') {
        underscores = true;
        continue;
      }
      int d = c >= '0' && c <= '9' ? c - '0'
          : c >= 'a' && c <= 'z' ? c - 'a' + 10
          : c >= 'A' && c <= 'Z' ? c - 'A' + 10
          : 99;
      if (d >= base) {
        return new GoUint(0, "invalid syntax");
      }
      n = n * base + d;
      if (n > 0xFFFF) {
        range = true;
        n = 0xFFFF + 1L;
      }
    }
    if (underscores && !underscoreOk(s)) {
      return new GoUint(0, "invalid syntax");
    }
    return range ? new GoUint(0, "value out of range") : new GoUint(n, null);
  }

  /** Go's {@code strconv.underscoreOK}: every underscore between two digits, a base prefix counting as one. */
  private static boolean underscoreOk(String s) {
    char saw = '^';
    int i = 0;
    boolean hex = false;
    if (s.length() >= 2 && s.charAt(0) == '0' && "box".indexOf(Character.toLowerCase(s.charAt(1))) >= 0) {
      i = 2;
      saw = '0';
      hex = Character.toLowerCase(s.charAt(1)) == 'x';
    }
    for (; i < s.length(); i++) {
      char c = s.charAt(i);
      char l = Character.toLowerCase(c);
      if (c >= '0' && c <= '9' || hex && l >= 'a' && l <= 'f') {
        saw = '0';
      } else if (c == '_') {
        if (saw != '0') {
          return false;
        }
        saw = '_';
      } else {
        if (saw == '_') {
          return false;
        }
        saw = '!';
      }
    }
    return saw != '_';
  }

  private static boolean validKafkaVersion(String v) {
    long n = decimal(v);
    return n >= 0 && n <= Short.MAX_VALUE; // "-0" is 0, accepted
  }

  /** Go's {@code strconv.Atoi} as {@code intstr.IntValue} uses it: 0 when it is not a number. */
  private static long atoi(String s) {
    long n = decimal(s);
    return n == Long.MIN_VALUE ? 0 : n;
  }

  /**
   * A base-10 integer as Go's {@code strconv.ParseInt(s, 10, _)} reads it (an optional sign, ASCII digits, leading
   * zeros allowed), saturated at one million either way; {@link Long#MIN_VALUE} when it is not one.
   */
  private static long decimal(String s) {
    int start = !s.isEmpty() && (s.charAt(0) == '+' || s.charAt(0) == '-') ? 1 : 0;
    if (start == s.length()) {
      return Long.MIN_VALUE;
    }
    long n = 0;
    for (int i = start; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return Long.MIN_VALUE;
      }
      n = Math.min(1_000_000, n * 10 + (c - '0'));
    }
    return s.charAt(0) == '-' ? -n : n;
  }

  private static Optional<String> tooManyPorts(String at, int ports) {
    return refused(at + ".ports", ports + " ports, more than " + MAX_PORTS, "too many ports, the max is " + MAX_PORTS);
  }

  /** The L7 rules of some port rules, as {@code countL7Rules} (:111-121) and {@code L7Rules.Len} count them. */
  private record L7Count(int http, int kafka, int dns, int l7) {
    static L7Count of(List<JsonNode> portRules) {
      int http = 0;
      int kafka = 0;
      int dns = 0;
      int l7 = 0;
      for (JsonNode pr : portRules) {
        JsonNode rules = field(pr, "rules");
        http += list(rules, "http").size();
        kafka += list(rules, "kafka").size();
        dns += list(rules, "dns").size();
        l7 += list(rules, "l7").size();
      }
      return new L7Count(http, kafka, dns, l7);
    }

    /** {@code !Rules.IsEmpty()}: at least one rule of any kind, l7 included. */
    boolean any() {
      return http + kafka + dns + l7 > 0;
    }

    String kinds() {
      List<String> out = new ArrayList<>();
      if (http > 0) {
        out.add("HTTP");
      }
      if (kafka > 0) {
        out.add("Kafka");
      }
      if (dns > 0) {
        out.add("DNS");
      }
      if (l7 > 0) {
        out.add("l7");
      }
      return String.join(" and ", out);
    }
  }

  /**
   * A prefix as Go's {@code netip.ParsePrefix} reads it (the address as written, not masked; no zone; bits in
   * decimal without a leading zero) and {@code Prefix.Contains} compares it: an IPv4 address never inside an
   * IPv6 prefix nor the other way round, an IPv4-mapped IPv6 address being IPv6.
   */
  private record Prefix(byte[] address, int bits) {
    static Optional<Prefix> parse(String s) {
      int slash = s.lastIndexOf('/');
      if (slash < 0) {
        return Optional.empty();
      }
      String b = s.substring(slash + 1);
      if (b.isEmpty() || b.length() > 3 || !b.chars().allMatch(c -> c >= '0' && c <= '9')
          || b.length() > 1 && b.charAt(0) == '0') {
        return Optional.empty();
      }
      int bits = Integer.parseInt(b);
      Optional<byte[]> address = s.indexOf(':') >= 0 ? ipv6(s.substring(0, slash)) : ipv4(s.substring(0, slash));
      return address.filter(a -> bits <= a.length * 8).map(a -> new Prefix(a, bits));
    }

    boolean contains(Prefix other) {
      if (other.address.length != address.length) {
        return false;
      }
      for (int bit = 0; bit < bits; bit++) {
        int mask = 0x80 >> (bit % 8);
        if ((address[bit / 8] & mask) != (other.address[bit / 8] & mask)) {
          return false;
        }
      }
      return true;
    }

    private static Optional<byte[]> ipv4(String s) {
      String[] parts = s.split("\\.", -1);
      if (parts.length != 4) {
        return Optional.empty();
      }
      byte[] out = new byte[4];
      for (int i = 0; i < 4; i++) {
        String p = parts[i];
        if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')
            || p.length() > 1 && p.charAt(0) == '0' || Integer.parseInt(p) > 255) {
          return Optional.empty();
        }
        out[i] = (byte) Integer.parseInt(p);
      }
      return Optional.of(out);
    }

    private static Optional<byte[]> ipv6(String s) {
      if (s.indexOf('%') >= 0) {
        return Optional.empty();
      }
      int gap = s.indexOf("::");
      if (gap >= 0 && s.indexOf("::", gap + 1) >= 0) {
        return Optional.empty();
      }
      List<Integer> head = new ArrayList<>();
      List<Integer> tail = new ArrayList<>();
      if (gap >= 0) {
        if (!groups(s.substring(0, gap), head, false) || !groups(s.substring(gap + 2), tail, true)) {
          return Optional.empty();
        }
      } else if (!groups(s, head, true)) {
        return Optional.empty();
      }
      int words = head.size() + tail.size();
      if (gap < 0 ? words != 8 : words > 7) {
        return Optional.empty();
      }
      byte[] out = new byte[16];
      for (int i = 0; i < head.size(); i++) {
        out[2 * i] = (byte) (head.get(i) >> 8);
        out[2 * i + 1] = (byte) (int) head.get(i);
      }
      for (int i = 0; i < tail.size(); i++) {
        int w = 8 - tail.size() + i;
        out[2 * w] = (byte) (tail.get(i) >> 8);
        out[2 * w + 1] = (byte) (int) tail.get(i);
      }
      return Optional.of(out);
    }

    /** Colon-separated hex words; the last may be a dotted IPv4 address (two words) where allowed. */
    private static boolean groups(String s, List<Integer> out, boolean mayEndInIpv4) {
      if (s.isEmpty()) {
        return true;
      }
      String[] parts = s.split(":", -1);
      for (int i = 0; i < parts.length; i++) {
        String p = parts[i];
        if (i == parts.length - 1 && mayEndInIpv4 && p.indexOf('.') >= 0) {
          Optional<byte[]> v4 = ipv4(p);
          if (v4.isEmpty()) {
            return false;
          }
          out.add((v4.get()[0] & 0xff) << 8 | v4.get()[1] & 0xff);
          out.add((v4.get()[2] & 0xff) << 8 | v4.get()[3] & 0xff);
        } else if (p.isEmpty() || p.length() > 4 || !p.chars().allMatch(c -> Character.digit(c, 16) >= 0 && c < 128)) {
          return false;
        } else {
          out.add(Integer.parseInt(p, 16));
        }
      }
      return true;
    }
  }

  /**
   * Go's {@code regexp.Compile} (Perl flags, as PortRuleHTTP.Sanitize calls it), by re2j, the Java port of Go's
   * {@code regexp/syntax}: it accepts and refuses what Go's parser does and words its errors the same way
   * ({@code error parsing regexp: missing closing ): `/api/(`}). Go's parser also refuses an expression nested
   * more than 1,000 deep and one whose program would exceed its size budget (Go 1.19 and later, {@code maxHeight},
   * {@code maxSize} = 128 MiB / 40 bytes); re2j has neither, and compiling a huge counted repetition would exhaust
   * the heap. So a first linear pass estimates both (Go's {@code calcSize} terms over groups and repetitions,
   * the height as groups and repetitions nest: near those limits an estimate, not Go's exact count); beyond a
   * modest size the syntax is checked on a copy whose repetition counts are cut to at most 1. Not checked, so
   * taken as accepted: a pattern over {@value #MAX_LENGTH} characters, and one that overflows the thread's stack
   * in re2j. Unicode classes follow re2j's tables, which may lag Go 1.24's for the newest scripts.
   */
  private static final class GoRegexp {
    static final int MAX_HEIGHT = 1000;
    static final long MAX_SIZE = (128L << 20) / 40;
    /** Compiled as it stands up to this size; a copy with cut counts above. */
    static final long COMPILE_AS_IS = 100_000;
    /** Longer patterns are not checked at all: re2j joins literal runs in quadratic time (64 KiB: 1.5 s). */
    static final int MAX_LENGTH = 16_384;

    private GoRegexp() {}

    /** Go's error text for the pattern, or empty when Go compiles it (or it is too long to check). */
    static Optional<String> problem(String regex) {
      if (regex.length() > MAX_LENGTH) {
        return Optional.empty();
      }
      Shape shape = Shape.of(regex);
      if (shape.height > MAX_HEIGHT) {
        return Optional.of("error parsing regexp: expression nests too deeply");
      }
      if (shape.size > MAX_SIZE) {
        return Optional.of("error parsing regexp: expression too large");
      }
      String checked = shape.size <= COMPILE_AS_IS ? regex : shape.cutCounts(regex);
      try {
        com.google.re2j.Pattern.compile(checked);
        return Optional.empty();
      } catch (com.google.re2j.PatternSyntaxException e) {
        return Optional.of(e.getMessage());
      } catch (StackOverflowError e) {
        // re2j simplifies recursively; near Go's height limit a small thread stack may not hold it: not checked.
        return Optional.empty();
      }
    }

    /** The estimate of one pass: size, height, and the counted repetitions that are valid (start, end, min, max). */
    private static final class Shape {
      long size;
      int height;
      final List<int[]> counts = new ArrayList<>();

      /** One open group: the finished alternatives, the current branch, its last atom. */
      private static final class Frame {
        final boolean capture;
        long alternatives;
        int alternativesHeight;
        int bars;
        long branch;
        int branchHeight;
        int items;
        long atom = -1;
        int atomHeight;

        Frame(boolean capture) {
          this.capture = capture;
        }

        void add(long size, int height) {
          branch = sat(branch + size);
          atom = size;
          atomHeight = height;
          items++;
          branchHeight = Math.max(branchHeight, height);
        }

        /** Replaces the last atom by a repetition of it of the given size. */
        void repeat(long size) {
          if (atom < 0) {
            return; // a missing argument: re2j reports it
          }
          branch = sat(branch - atom + size);
          atom = size;
          atomHeight++;
          branchHeight = Math.max(branchHeight, atomHeight);
        }

        void bar() {
          alternatives = sat(alternatives + branch + 1);
          alternativesHeight = Math.max(alternativesHeight, branchHeight + (items > 1 ? 1 : 0));
          bars++;
          branch = 0;
          branchHeight = 0;
          items = 0;
          atom = -1;
        }

        long size() {
          return sat(alternatives + branch + (capture ? 2 : 0));
        }

        int height() {
          int h = Math.max(alternativesHeight, branchHeight + (items > 1 ? 1 : 0)) + (bars > 0 ? 1 : 0);
          return h + (capture ? 1 : 0);
        }
      }

      static Shape of(String re) {
        Shape shape = new Shape();
        Deque<Frame> frames = new ArrayDeque<>();
        frames.push(new Frame(false));
        int n = re.length();
        int i = 0;
        while (i < n) {
          char c = re.charAt(i);
          Frame top = frames.peek();
          switch (c) {
            case '\\' -> {
              if (i + 1 < n && re.charAt(i + 1) == 'Q') {
                int end = re.indexOf("\\E", i + 2);
                int stop = end < 0 ? n : end;
                for (int k = i + 2; k < stop; k++) {
                  top.add(1, 1);
                }
                i = end < 0 ? n : end + 2;
              } else {
                i = escapeEnd(re, i);
                top.add(1, 1);
              }
            }
            case '[' -> {
              i = classEnd(re, i);
              top.add(1, 1);
            }
            case '(' -> {
              int j = i + 1;
              if (j < n && re.charAt(j) == '?') {
                int k = j + 1;
                if (k < n && (re.charAt(k) == 'P' || re.charAt(k) == '<')) {
                  frames.push(new Frame(true));
                  int close = re.indexOf('>', k);
                  i = close < 0 ? n : close + 1;
                  break;
                }
                while (k < n && "imsU-".indexOf(re.charAt(k)) >= 0) {
                  k++;
                }
                if (k < n && re.charAt(k) == ')') {
                  i = k + 1; // flags only, no group
                  break;
                }
                frames.push(new Frame(false));
                i = k < n && re.charAt(k) == ':' ? k + 1 : k;
              } else {
                frames.push(new Frame(true));
                i = j;
              }
            }
            case ')' -> {
              if (frames.size() > 1) {
                Frame done = frames.pop();
                frames.peek().add(done.size(), done.height());
                shape.height = Math.max(shape.height, done.height());
              }
              i++;
            }
            case '|' -> {
              top.bar();
              i++;
            }
            case '*', '+', '?' -> {
              top.repeat(sat((c == '*' ? 2 : 1) + Math.max(top.atom, 0)));
              i = nonGreedy(re, i + 1);
            }
            case '{' -> {
              int[] count = repeat(re, i);
              if (count == null) {
                top.add(1, 1); // not a repetition: a literal '{', as Go's parser reads it
                i++;
              } else {
                long min = count[2];
                long max = count[3];
                boolean valid = min <= 1000 && max <= 1000 && (max < 0 || min <= max);
                if (valid) {
                  shape.counts.add(count);
                  long x = Math.max(top.atom, 0);
                  top.repeat(max < 0 ? (min == 0 ? sat(2 + x) : sat(1 + sat(min * x))) : sat(sat(max * x) + max - min));
                }
                i = nonGreedy(re, count[1]);
              }
            }
            default -> {
              top.add(1, 1);
              i++;
            }
          }
          shape.height = Math.max(shape.height, top.height());
        }
        while (frames.size() > 1) {
          Frame done = frames.pop();
          frames.peek().add(done.size(), done.height());
        }
        shape.size = frames.peek().size();
        shape.height = Math.max(shape.height, frames.peek().height());
        return shape;
      }

      /** Past the '?' that makes a repetition non-greedy: a flag, not a repetition of its own. */
      private static int nonGreedy(String re, int i) {
        return i < re.length() && re.charAt(i) == '?' ? i + 1 : i;
      }

      /** The pattern with each valid count cut to at most 1, which keeps its syntax and shrinks its program. */
      String cutCounts(String re) {
        StringBuilder out = new StringBuilder(re.length());
        int from = 0;
        for (int[] c : counts) {
          out.append(re, from, c[0]);
          int min = Math.min(c[2], 1);
          out.append('{').append(min);
          if (c[3] < 0) {
            out.append(',');
          } else if (c[3] != c[2]) {
            out.append(',').append(Math.max(min, Math.min(c[3], 1)));
          }
          out.append('}');
          from = c[1];
        }
        return out.append(re, from, re.length()).toString();
      }

      /**
       * Go's {@code parseRepeat} at a '{': {@code {n}}, {@code {n,}} or {@code {n,m}} with decimal numbers without
       * a leading zero; {start, end, min, max (-1 for none)}, or null when '{' is a literal there.
       */
      private static int[] repeat(String re, int at) {
        int i = at + 1;
        int start = i;
        while (i < re.length() && Character.isDigit(re.charAt(i)) && re.charAt(i) < 128) {
          i++;
        }
        if (i == start || i - start > 1 && re.charAt(start) == '0') {
          return null;
        }
        int min = number(re.substring(start, i));
        int max = min;
        if (i < re.length() && re.charAt(i) == ',') {
          i++;
          int s = i;
          while (i < re.length() && Character.isDigit(re.charAt(i)) && re.charAt(i) < 128) {
            i++;
          }
          if (i == s) {
            max = -1;
          } else if (i - s > 1 && re.charAt(s) == '0') {
            return null;
          } else {
            max = number(re.substring(s, i));
          }
        }
        if (i >= re.length() || re.charAt(i) != '}') {
          return null;
        }
        return new int[] {at, i + 1, min, max};
      }

      /** Go's parser turns a count of 1e8 or more into an invalid one; so does this. */
      private static int number(String digits) {
        return digits.length() > 8 ? Integer.MAX_VALUE : Integer.parseInt(digits);
      }

      private static int escapeEnd(String re, int i) {
        int n = re.length();
        if (i + 1 >= n) {
          return n;
        }
        char c = re.charAt(i + 1);
        if ((c == 'p' || c == 'P' || c == 'x') && i + 2 < n && re.charAt(i + 2) == '{') {
          int close = re.indexOf('}', i + 2);
          return close < 0 ? n : close + 1;
        }
        if (c == 'p' || c == 'P') {
          return Math.min(n, i + 3);
        }
        if (c == 'x') {
          return Math.min(n, i + 4);
        }
        return i + 1 + Character.charCount(re.codePointAt(i + 1));
      }

      private static int classEnd(String re, int i) {
        int n = re.length();
        int j = i + 1;
        if (j < n && re.charAt(j) == '^') {
          j++;
        }
        if (j < n && re.charAt(j) == ']') {
          j++; // a leading ']' is a literal
        }
        while (j < n && re.charAt(j) != ']') {
          if (re.charAt(j) == '\\') {
            j = escapeEnd(re, j);
          } else if (re.startsWith("[:", j) && re.indexOf(":]", j + 2) >= 0) {
            j = re.indexOf(":]", j + 2) + 2;
          } else {
            j++;
          }
        }
        return Math.min(n, j + 1);
      }

      private static long sat(long v) {
        return v < 0 || v > Long.MAX_VALUE / 2 ? Long.MAX_VALUE / 2 : v;
      }
    }
  }

  private record Place(JsonNode node, String at) {}

  /** The field, or null when it is absent or JSON null (the API server prunes nulls). */
  private static JsonNode field(JsonNode node, String name) {
    JsonNode v = node == null ? null : node.get(name);
    return v == null || v.isNull() ? null : v;
  }

  private static JsonNode field(JsonNode array, int index) {
    JsonNode v = array.get(index);
    return v == null || v.isNull() ? null : v;
  }

  /** The elements of an array field; empty when absent, null or not an array (the CRD's concern). */
  private static List<JsonNode> list(JsonNode node, String name) {
    JsonNode v = field(node, name);
    if (v == null || !v.isArray()) {
      return List.of();
    }
    List<JsonNode> out = new ArrayList<>(v.size());
    v.forEach(out::add);
    return out;
  }

  /** The text of a scalar field; empty when absent, as Go's zero string. */
  private static String text(JsonNode node, String name) {
    JsonNode v = field(node, name);
    return v == null || !v.isValueNode() ? "" : v.asText();
  }

  /** The Go field name Sanitize prints: fromCIDR is FromCIDR. */
  private static String goName(String field) {
    return Character.toUpperCase(field.charAt(0)) + field.substring(1);
  }

  private static String shorten(String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }

  /** The reason; quotes inside the agent's text are escaped, as the agent's log quotes its error. */
  private static Optional<String> refused(String at, String what, String agent) {
    return Optional.of(at + ": " + what + " (agent: \"" + agent.replace("\"", "\\\"") + "\")");
  }

  private static List<String> concat(List<String> list, String last) {
    List<String> out = new ArrayList<>(list);
    out.add(last);
    return List.copyOf(out);
  }
}

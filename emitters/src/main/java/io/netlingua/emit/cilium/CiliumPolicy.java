package io.netlingua.emit.cilium;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.netlingua.eval.FlowProtocol;
import io.netlingua.eval.Verdict.PolicyRef;
import io.netlingua.model.Cidr;
import io.netlingua.model.KafkaRule;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A CiliumNetworkPolicy or CiliumClusterwideNetworkPolicy as the agent holds it after parsing: its rules
 * ({@code spec} and every {@code specs} entry), each with its subject and its four sections, the selectors pinned as
 * the agent pins them ({@link IdentitySelector}). Only what decides a flow is kept. A field the Cilium evaluator
 * cannot judge on the cluster model (host policies, groups, node selectors, requirements, authentication, TLS,
 * generic L7) is refused with {@link IllegalArgumentException} rather than read as something else.
 *
 * @param ref how verdicts name the object
 * @param specs its rules, in order
 */
record CiliumPolicy(PolicyRef ref, List<Spec> specs) {
  /** The four sections of a rule. */
  enum Section {
    INGRESS("ingress", true),
    INGRESS_DENY("ingressDeny", true),
    EGRESS("egress", false),
    EGRESS_DENY("egressDeny", false);

    final String key;
    final boolean ingress;

    Section(String key, boolean ingress) {
      this.key = key;
      this.ingress = ingress;
    }
  }

  /**
   * One rule ({@code spec} or {@code specs[i]}).
   *
   * @param subject the endpoints it governs
   * @param sections the peer rules of each section (absent: an empty list)
   * @param isolatesIngress whether it switches on default deny for ingress: it has an {@code ingress} or
   *     {@code ingressDeny} rule and {@code enableDefaultDeny.ingress} is not false ({@code Rule.Sanitize})
   * @param isolatesEgress the same for egress
   */
  record Spec(
      IdentitySelector subject, Map<Section, List<PeerRule>> sections, boolean isolatesIngress,
      boolean isolatesEgress) {
    List<PeerRule> rules(Section section) {
      return sections.getOrDefault(section, List.of());
    }
  }

  /**
   * One ingress or egress rule.
   *
   * @param place where it is in the object ({@code specs[1].egress[0]})
   * @param everyPeer whether it has no L3 field at all, so that its ports apply to every peer (a field present with
   *     an empty list selects nothing: cilium/cilium#29608)
   * @param peers the peers of its L3 fields, any of which may match
   * @param ports its {@code toPorts} entries; empty with {@code icmps} empty: every port and protocol
   * @param icmps its ICMP fields
   */
  record PeerRule(String place, boolean everyPeer, List<Peer> peers, List<PortRule> ports, List<IcmpField> icmps) {}

  /** One L3 peer of a rule. */
  sealed interface Peer {}

  /** {@code fromEndpoints}/{@code toEndpoints}. */
  record Endpoints(IdentitySelector selector) implements Peer {}

  /** {@code fromEntities}/{@code toEntities}. */
  record Entity(String name) implements Peer {}

  /** {@code fromCIDR}/{@code toCIDR}/{@code fromCIDRSet}/{@code toCIDRSet}. */
  record CidrRule(Cidr cidr, List<Cidr> except) implements Peer {}

  /** {@code toFQDNs}: {@code matchName} or {@code matchPattern}, as the anchored regex the agent builds. */
  record Fqdn(java.util.regex.Pattern regex) implements Peer {}

  /** {@code toServices}: a Service by name, or Services by label selector, in a namespace (empty: any). */
  record ServiceRef(Optional<String> name, Optional<Map<String, String>> selector, Optional<String> namespace)
      implements Peer {}

  /**
   * A {@code toPorts} entry.
   *
   * @param ports its ports; empty: every port of every protocol
   * @param l7 its {@code rules}, if any
   */
  record PortRule(List<Port> ports, Optional<L7> l7) {}

  /**
   * One port: a number ({@code 0}: every port), a range to {@code endPort}, or a name; protocol TCP, UDP, SCTP or
   * ANY (absent).
   */
  record Port(Optional<Integer> number, int endPort, Optional<String> name, String protocol) {
    boolean hasProtocol(FlowProtocol p) {
      // As written (TCP, UDP, ...) first: the case-blind comparison only for other spellings.
      return protocol.equals(p.name()) || protocol.equals("ANY") || protocol.equalsIgnoreCase(p.keyword());
    }
  }

  /** An {@code icmps} field: the family and the type; Cilium has no code. */
  record IcmpField(boolean v6, int type) {}

  /** The {@code rules} of a port. */
  sealed interface L7 {}

  /** {@code rules.http}. */
  record Http(List<HttpRule> rules) implements L7 {}

  /**
   * One {@code rules.http} entry: each part an RE2 full match (absent: any), headers present or equal.
   *
   * @param headers header name (lower case) to value; an empty value means present
   */
  record HttpRule(Optional<Pattern> method, Optional<Pattern> path, Optional<Pattern> host, Map<String, String> headers)
      {}

  /** {@code rules.kafka}. */
  record Kafka(List<KafkaMatch> rules) implements L7 {}

  /**
   * One {@code rules.kafka} entry: the kind of request it lets through, and the topic and client id when set.
   *
   * @param request the flows' request kind it matches: a role, or an {@code apiKey} read as the request it names
   *     ({@code produce} a produce request, {@code fetch} a consume one); empty for another API key, which no
   *     request of the flow model is
   */
  record KafkaMatch(Optional<KafkaRule.Role> request, Optional<String> topic, Optional<String> clientId) {}

  /** {@code rules.dns}: the anchored regexes of its {@code matchName} and {@code matchPattern} entries. */
  record Dns(List<java.util.regex.Pattern> names) implements L7 {}

  private static final Set<String> ENTITIES = Set.of(
      "all", "world", "world-ipv4", "world-ipv6", "cluster", "host", "init", "ingress", "unmanaged", "remote-node",
      "health", "none", "kube-apiserver");

  private static final List<String> NOT_JUDGED = List.of(
      "fromGroups", "toGroups", "fromNodes", "toNodes", "fromRequires", "toRequires", "authentication");

  /**
   * Reads an object.
   *
   * @param object the document's tree
   * @param ref how verdicts name it
   * @throws IllegalArgumentException for a field the evaluator cannot judge, or a value the agent would refuse
   *     that {@link AgentRefusals} did not catch first
   */
  static CiliumPolicy read(JsonNode object, PolicyRef ref) {
    Optional<String> namespace = ref.namespace();
    List<Spec> specs = new ArrayList<>();
    if (object.has("spec")) {
      specs.add(spec(object.get("spec"), namespace, "spec"));
    }
    int i = 0;
    for (JsonNode spec : object.path("specs")) {
      specs.add(spec(spec, namespace, "specs[" + i++ + "]"));
    }
    return new CiliumPolicy(ref, specs);
  }

  private static Spec spec(JsonNode spec, Optional<String> namespace, String place) {
    if (spec.has("nodeSelector")) {
      throw new IllegalArgumentException(place + ": a host policy (nodeSelector) polices nodes, which the"
          + " evaluator does not judge");
    }
    IdentitySelector written = IdentitySelector.read(spec.get("endpointSelector"), place + ".endpointSelector");
    boolean init = written.matchesInit();
    Map<Section, List<PeerRule>> sections = new java.util.EnumMap<>(Section.class);
    for (Section s : Section.values()) {
      List<PeerRule> rules = new ArrayList<>();
      int i = 0;
      for (JsonNode rule : spec.path(s.key)) {
        rules.add(peerRule(rule, s, namespace, init, place + "." + s.key + "[" + i++ + "]"));
      }
      sections.put(s, rules);
    }
    JsonNode defaultDeny = spec.path("enableDefaultDeny");
    boolean ingress = (spec.path("ingress").size() > 0 || spec.path("ingressDeny").size() > 0)
        && defaultDeny.path("ingress").asBoolean(true);
    boolean egress = (spec.path("egress").size() > 0 || spec.path("egressDeny").size() > 0)
        && defaultDeny.path("egress").asBoolean(true);
    return new Spec(written.subject(namespace), sections, ingress, egress);
  }

  private static PeerRule peerRule(
      JsonNode rule, Section section, Optional<String> namespace, boolean init, String place) {
    for (String field : NOT_JUDGED) {
      if (rule.has(field)) {
        throw new IllegalArgumentException(place + ": " + field + " is not judged by the evaluator");
      }
    }
    String from = section.ingress ? "from" : "to";
    List<Peer> peers = new ArrayList<>();
    boolean l3 = false;
    for (String kind : List.of("Endpoints", "Entities", "CIDR", "CIDRSet", "FQDNs", "Services")) {
      JsonNode list = rule.get((kind.equals("FQDNs") || kind.equals("Services") ? "to" : from) + kind);
      if (list == null || (section.ingress && (kind.equals("FQDNs") || kind.equals("Services")))) {
        continue;
      }
      l3 = true;
      int i = 0;
      for (JsonNode item : list) {
        peers.add(peer(kind, item, namespace, init, place + "." + from + kind + "[" + i++ + "]"));
      }
    }
    List<PortRule> ports = new ArrayList<>();
    int i = 0;
    for (JsonNode portRule : rule.path("toPorts")) {
      ports.add(portRule(portRule, place + ".toPorts[" + i++ + "]"));
    }
    List<IcmpField> icmps = new ArrayList<>();
    for (JsonNode icmp : rule.path("icmps")) {
      for (JsonNode field : icmp.path("fields")) {
        boolean v6 = "IPv6".equals(field.path("family").asText("IPv4"));
        icmps.add(new IcmpField(v6, icmpType(field.path("type"), v6, place)));
      }
    }
    return new PeerRule(place, !l3, peers, ports, icmps);
  }

  private static Peer peer(String kind, JsonNode item, Optional<String> namespace, boolean init, String place) {
    switch (kind) {
      case "Endpoints":
        return new Endpoints(IdentitySelector.read(item, place).peer(namespace, init));
      case "Entities": {
        String entity = item.asText();
        if (!ENTITIES.contains(entity)) {
          throw new IllegalArgumentException(place + ": '" + entity + "' is not a Cilium entity");
        }
        return new Entity(entity);
      }
      case "CIDR":
        return new CidrRule(cidr(item.asText(), place), List.of());
      case "CIDRSet": {
        if (!item.has("cidr")) {
          throw new IllegalArgumentException(place + ": a CIDR group reference is not judged by the evaluator");
        }
        List<Cidr> except = new ArrayList<>();
        item.path("except").forEach(e -> except.add(cidr(e.asText(), place)));
        return new CidrRule(cidr(item.path("cidr").asText(), place), except);
      }
      case "FQDNs": {
        if (item.hasNonNull("matchName")) {
          String name = item.get("matchName").asText();
          return new Fqdn(DnsMatch.name(name));
        }
        return new Fqdn(DnsMatch.pattern(item.path("matchPattern").asText()));
      }
      case "Services": {
        Optional<String> ns;
        if (item.has("k8sService")) {
          JsonNode s = item.get("k8sService");
          ns = text(s, "namespace").or(() -> namespace);
          return new ServiceRef(Optional.of(s.path("serviceName").asText()), Optional.empty(), ns);
        }
        JsonNode s = item.path("k8sServiceSelector");
        ns = text(s, "namespace").or(() -> namespace);
        Map<String, String> labels = new java.util.TreeMap<>();
        JsonNode selector = s.path("selector");
        if (selector.has("matchExpressions")) {
          throw new IllegalArgumentException(place + ": a Service selector with matchExpressions is not judged");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = selector.path("matchLabels").fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          labels.put(e.getKey(), e.getValue().asText());
        }
        return new ServiceRef(Optional.empty(), Optional.of(labels), ns);
      }
      default:
        throw new IllegalStateException(kind);
    }
  }

  private static Optional<String> text(JsonNode node, String field) {
    return node.hasNonNull(field) ? Optional.of(node.get(field).asText()) : Optional.empty();
  }

  private static Cidr cidr(String text, String place) {
    try {
      return Cidr.parse(text.contains("/") ? text : text + (text.contains(":") ? "/128" : "/32"));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(place + ": '" + text + "' is not a CIDR", e);
    }
  }

  private static PortRule portRule(JsonNode rule, String place) {
    for (String field : List.of("terminatingTLS", "originatingTLS", "serverNames", "listener")) {
      if (rule.has(field)) {
        throw new IllegalArgumentException(place + ": " + field + " is not judged by the evaluator");
      }
    }
    List<Port> ports = new ArrayList<>();
    for (JsonNode p : rule.path("ports")) {
      String port = p.path("port").asText("0");
      String protocol = p.path("protocol").asText("ANY").toUpperCase(Locale.ROOT);
      int end = p.path("endPort").asInt(0);
      if (port.isEmpty() || port.chars().allMatch(Character::isDigit)) {
        ports.add(new Port(Optional.of(port.isEmpty() ? 0 : Integer.parseInt(port)), end, Optional.empty(),
            protocol));
      } else {
        ports.add(new Port(Optional.empty(), 0, Optional.of(port), protocol));
      }
    }
    return new PortRule(ports, rule.has("rules") ? Optional.of(l7(rule.get("rules"), place + ".rules"))
        : Optional.empty());
  }

  private static L7 l7(JsonNode rules, String place) {
    if (rules.has("http")) {
      List<HttpRule> out = new ArrayList<>();
      int i = 0;
      for (JsonNode h : rules.get("http")) {
        String at = place + ".http[" + i++ + "]";
        if (h.has("headerMatches")) {
          throw new IllegalArgumentException(at + ": headerMatches is not judged by the evaluator");
        }
        Map<String, String> headers = new java.util.TreeMap<>();
        for (JsonNode header : h.path("headers")) {
          // "Name" is present, "Name value" equal; the agent splits at the first space and trims a ':' off the
          // name (pkg/envoy/xds_server.go getHTTPRule).
          String[] parts = header.asText().split(" ", 2);
          String name = parts[0].endsWith(":") ? parts[0].substring(0, parts[0].length() - 1) : parts[0];
          headers.put(name.toLowerCase(Locale.ROOT), parts.length == 2 ? parts[1] : "");
        }
        out.add(new HttpRule(regex(h, "method", at), regex(h, "path", at), regex(h, "host", at), headers));
      }
      return new Http(out);
    }
    if (rules.has("kafka")) {
      List<KafkaMatch> out = new ArrayList<>();
      for (JsonNode k : rules.get("kafka")) {
        out.add(new KafkaMatch(kafkaRequest(k, place), text(k, "topic"), text(k, "clientID")));
      }
      return new Kafka(out);
    }
    if (rules.has("dns")) {
      List<java.util.regex.Pattern> out = new ArrayList<>();
      for (JsonNode d : rules.get("dns")) {
        out.add(d.hasNonNull("matchName") ? DnsMatch.name(d.get("matchName").asText())
            : DnsMatch.pattern(d.path("matchPattern").asText()));
      }
      return new Dns(out);
    }
    throw new IllegalArgumentException(place + ": only http, kafka and dns rules are judged by the evaluator");
  }

  /**
   * What a Kafka entry matches: its {@code role}, or its {@code apiKey} (cilium/proxy
   * {@code pkg/policy/api/kafka/kafka.go}: a role is a set of API keys, produce holding Produce and consume Fetch,
   * which are the requests a flow models; the other keys of a role are a stated fact of the target).
   */
  private static Optional<KafkaRule.Role> kafkaRequest(JsonNode k, String place) {
    if (k.hasNonNull("role")) {
      return switch (k.get("role").asText()) {
        case "produce" -> Optional.of(KafkaRule.Role.PRODUCE);
        case "consume" -> Optional.of(KafkaRule.Role.CONSUME);
        default -> throw new IllegalArgumentException(place + ": a Kafka role is produce or consume");
      };
    }
    return switch (k.path("apiKey").asText()) {
      case "produce" -> Optional.of(KafkaRule.Role.PRODUCE);
      case "fetch" -> Optional.of(KafkaRule.Role.CONSUME);
      default -> Optional.empty();
    };
  }

  /** An RE2 pattern as Envoy compiles it (the agent passes the text through unchanged). */
  private static Optional<Pattern> regex(JsonNode rule, String field, String place) {
    if (!rule.hasNonNull(field)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Pattern.compile(rule.get(field).asText()));
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(place + "." + field + ": RE2 refuses the regex: " + e.getMessage(), e);
    }
  }

  /** A type number, or a name of the field's family ({@link IcmpTypeNames}). */
  private static int icmpType(JsonNode type, boolean v6, String place) {
    String text = type.asText();
    if (type.isInt() || !text.isEmpty() && text.chars().allMatch(Character::isDigit)) {
      return Integer.parseInt(text);
    }
    Integer number = IcmpTypeNames.of(v6).get(text);
    if (number == null) {
      throw new IllegalArgumentException(place + ": '" + text + "' is no ICMP type of " + (v6 ? "IPv6" : "IPv4"));
    }
    return number;
  }
}

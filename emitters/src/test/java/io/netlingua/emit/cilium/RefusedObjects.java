package io.netlingua.emit.cilium;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * One offending object per refusal rule of {@link AgentRefusals}, shared by {@link AgentRefusalsTest} (the agent
 * refuses it, with this reason) and {@link CiliumEvaluatorTest} (the evaluator drops it whole and says so).
 *
 * <p>Each object is named {@code p}, in namespace {@code shop} for a CiliumNetworkPolicy. Its {@code spec} is the
 * offending rule; every object but {@link #NEITHER_SPEC_NOR_SPECS} also carries {@link #ISOLATING} as
 * {@code specs[0]}: a valid rule selecting {@code app=api} that isolates it both ways, so that the object, were it
 * accepted, would deny {@code shop/web -> shop/api} and {@code shop/api -> shop/web} on TCP 8080. The agent checks
 * {@code spec} before {@code specs} (cnp_types.go:191-209), so the refusal found is the one of {@code spec}, and it
 * drops the whole object with it (cilium_network_policy.go {@code upsertCiliumNetworkPolicyV2} returns before
 * {@code UpdatePolicy}): the isolation of {@code specs[0]} is lost too.
 */
enum RefusedObjects {
  /** cnp_types.go:187: no rules at all, so nothing to isolate either. */
  NEITHER_SPEC_NOR_SPECS(Kind.CNP, null,
      "CiliumNetworkPolicy: neither spec nor specs (agent: \"Invalid CiliumNetworkPolicy spec(s): empty policy\")"),
  NODE_SELECTOR_IN_THE_SPEC_OF_A_CNP(Kind.CNP, "nodeSelector: {}\ningress: [{fromEntities: [world]}]",
      "spec.nodeSelector: a host policy in a namespaced CiliumNetworkPolicy"
          + " (agent: \"rule cannot have NodeSelector\")"),
  RULE_WITHOUT_SECTIONS(Kind.CNP, "endpointSelector: {}\ningress: []\negressDeny: []",
      "spec: no ingress, ingressDeny, egress or egressDeny rule"
          + " (agent: \"rule must have at least one of Ingress, IngressDeny, Egress, EgressDeny\")"),
  NEITHER_SELECTOR(Kind.CNP, "ingress: [{fromEntities: [world]}]",
      "spec: neither endpointSelector nor nodeSelector"
          + " (agent: \"rule must have one of EndpointSelector or NodeSelector\")"),
  BOTH_SELECTORS(Kind.CCNP, "endpointSelector: {}\nnodeSelector: {}\ningress: [{fromEntities: [world]}]",
      "spec: both endpointSelector and nodeSelector"
          + " (agent: \"rule cannot have both EndpointSelector and NodeSelector\")"),
  INVALID_LABEL_SELECTOR(Kind.CNP, """
      endpointSelector:
        matchExpressions: [{key: app, operator: In}]
      ingress: [{}]""",
      "spec.endpointSelector.matchExpressions[0]: operator In without values (agent: \"invalid label selector\")"),
  TWO_PEER_KINDS_IN_ONE_RULE(Kind.CNP, "endpointSelector: {}\ningress:\n- fromEndpoints: [{}]\n"
      + "  fromCIDRSet: [{cidr: 10.0.0.0/8}]",
      "spec.ingress[0]: fromEndpoints with fromCIDRSet"
          + " (agent: \"combining FromEndpoints and FromCIDRSet is not supported yet\")"),
  EXCEPT_OUTSIDE_ITS_CIDR(Kind.CNP, "endpointSelector: {}\negress:\n"
      + "- toCIDRSet: [{cidr: 10.0.0.0/8, except: [192.168.0.0/16]}]",
      "spec.egress[0].toCIDRSet[0].except[0]: 192.168.0.0/16 is not inside 10.0.0.0/8"
          + " (agent: \"allow CIDR prefix 10.0.0.0/8 does not contain exclude CIDR prefix 192.168.0.0/16\")"),
  INVALID_CIDR_GROUP_SELECTOR(Kind.CNP, """
      endpointSelector: {}
      egress:
      - toCIDRSet:
        - cidrGroupSelector: {matchExpressions: [{key: team, operator: In, values: []}]}""",
      "spec.egress[0].toCIDRSet[0].cidrGroupSelector.matchExpressions[0]: operator In without values"
          + " (agent: \"failed to parse cidrGroupSelector\")"),
  L7_IN_A_HOST_POLICY(Kind.CCNP, "nodeSelector: {}\ningress:\n- fromEntities: [world]" + hostHttp(),
      "spec.ingress[0]: L7 rules in a host (nodeSelector) policy"
          + " (agent: \"L7 policy is not supported on host ingress yet\")"),
  DNS_RULES_ON_INGRESS(Kind.CNP, """
      endpointSelector: {}
      ingress:
      - toPorts:
        - ports: [{port: "53", protocol: UDP}]
          rules: {dns: [{matchPattern: "*"}]}""",
      "spec.ingress[0]: DNS rules on ingress (agent: \"L7 protocol DNS is not supported on ingress yet\")"),
  ICMPS_WITH_TO_PORTS(Kind.CNP, """
      endpointSelector: {}
      egressDeny:
      - toEntities: [world]
        icmps: [{fields: [{type: 8}]}]
        toPorts: [{ports: [{port: "443"}]}]""",
      "spec.egressDeny[0]: icmps with toPorts (agent: \"the ICMPs block may only be present without"
          + " ToPorts. Define a separate rule to use ToPorts\")"),
  TOO_MANY_ICMP_FIELDS(Kind.CNP, "endpointSelector: {}\ningress:\n- icmps: [{fields: ["
      + IntStream.range(0, 41).mapToObj(i -> "{type: " + i + "}").collect(Collectors.joining(", ")) + "]}]",
      "spec.ingress[0].icmps[0].fields: 41 ICMP fields, more than 40 (agent: \"too many types, the max is 40\")"),
  ICMP_TYPE_OF_THE_OTHER_FAMILY(Kind.CNP, "endpointSelector: {}\ningress:\n- icmps: [{fields: [{type: PacketTooBig}]}]",
      "spec.ingress[0].icmps[0].fields[0].type: PacketTooBig is not an IPv4 ICMP type"
          + " (agent, decoding: \"ICMP type PacketTooBig not found in IPv4\")"),
  SERVER_NAMES_WITH_L7_WITHOUT_TERMINATION(Kind.CNP, """
      endpointSelector: {}
      egress:
      - toEntities: [world]
        toPorts:
        - ports: [{port: "443", protocol: TCP}]
          serverNames: [example.com]
          rules: {http: [{method: GET}]}""",
      "spec.egress[0].toPorts[0]: serverNames with L7 rules and no terminatingTLS"
          + " (agent: \"ServerNames are not allowed with L7 rules without TLS termination\")"),
  TOO_MANY_PORTS(Kind.CNP, "endpointSelector: {}\ningressDeny:\n- fromEntities: [world]\n  toPorts: [{ports: ["
      + IntStream.range(0, 41).mapToObj(i -> "{port: \"" + (1000 + i) + "\"}").collect(Collectors.joining(", "))
      + "]}]",
      "spec.ingressDeny[0].toPorts[0].ports: 41 ports, more than 40 (agent: \"too many ports, the max is 40\")"),
  PORT_THAT_IS_NEITHER_NUMBER_NOR_NAME(Kind.CNP, egressToWorldOnPort("65536"),
      "spec.egress[0].toPorts[0].ports[0].port: port 65536 is above 65535 (agent: \"unable to parse port:"
          + " strconv.ParseUint: parsing \\\"65536\\\": value out of range\")"),
  DNS_RULES_ON_A_RANGE(Kind.CNP, """
      endpointSelector: {}
      egress:
      - toEndpoints: [{}]
        toPorts:
        - ports: [{port: "53", endPort: 54, protocol: UDP}]
          rules: {dns: [{matchPattern: "*"}]}""",
      "spec.egress[0].toPorts[0].ports[0]: DNS rules on the range 53-54"
          + " (agent: \"DNS rules do not support port ranges\")"),
  L7_ON_A_PORT_THAT_IS_NOT_TCP(Kind.CNP, """
      endpointSelector: {}
      ingress:
      - fromEndpoints: [{}]
        toPorts:
        - ports: [{port: "8080"}]
          rules: {http: [{method: GET}]}""",
      "spec.ingress[0].toPorts[0].ports[0]: HTTP rules on protocol ANY"
          + " (agent: \"L7 rules can only apply to TCP (not ANY) except for DNS rules\")"),
  LISTENER_ON_INGRESS(Kind.CNP, """
      endpointSelector: {}
      ingress:
      - fromEntities: [world]
        toPorts:
        - ports: [{port: "80", protocol: TCP}]
          listener: {envoyConfig: {name: cec}, name: l1}""",
      "spec.ingress[0].toPorts[0].listener: a listener on ingress"
          + " (agent: \"Listener is not allowed on ingress (l1)\")"),
  LISTENER_WITH_L7_RULES(Kind.CNP, """
      endpointSelector: {}
      egress:
      - toEntities: [world]
        toPorts:
        - ports: [{port: "80", protocol: TCP}]
          listener: {envoyConfig: {name: cec}, name: l1}
          rules: {http: [{}]}""",
      "spec.egress[0].toPorts[0].listener: a listener with L7 rules"
          + " (agent: \"Listener is not allowed with L7 rules (l1)\")"),
  L7_ON_PORT_ZERO(Kind.CNP, """
      endpointSelector: {}
      egress:
      - toEntities: [world]
        toPorts:
        - ports: [{port: "0", protocol: TCP}]
          rules: {http: [{method: GET}]}""",
      "spec.egress[0].toPorts[0]: HTTP rules on port 0 (agent: \"L7 rules can not be used when a port is 0\")"),
  DNS_RULES_WITHOUT_A_PORT(Kind.CNP, "endpointSelector: {}\negress:\n- toEndpoints: [{}]\n"
      + "  toPorts: [{rules: {dns: [{matchName: x.io}]}}]",
      "spec.egress[0].toPorts[0].rules.dns: DNS rules without a port"
          + " (agent: \"port 53 must be specified for DNS rules\")"),
  SEVERAL_L7_KINDS_IN_ONE_PORT_RULE(Kind.CNP, """
      endpointSelector: {}
      egress:
      - toEntities: [world]
        toPorts:
        - ports: [{port: "9092", protocol: TCP}]
          rules: {http: [{method: GET}], kafka: []}""",
      "spec.egress[0].toPorts[0].rules: http and kafka in one port rule"
          + " (agent: \"multiple L7 protocol rule types specified in single rule\")"),
  L7_WITHOUT_L7PROTO(Kind.CNP, """
      endpointSelector: {}
      egress:
      - toEntities: [world]
        toPorts:
        - ports: [{port: "80", protocol: TCP}]
          rules: {http: [{}], l7: [{cmd: get}]}""",
      "spec.egress[0].toPorts[0].rules.l7: l7 rules without l7proto"
          + " (agent: \"'l7' may only be specified when a 'l7proto' is also specified\")"),
  EMPTY_KEY_IN_AN_L7_RULE(Kind.CNP, """
      endpointSelector: {}
      egress:
      - toEntities: [world]
        toPorts:
        - ports: [{port: "6379", protocol: TCP}]
          rules: {l7proto: r2d2, l7: [{"": x}]}""",
      "spec.egress[0].toPorts[0].rules.l7[0]: an empty key (agent: \"Empty key not allowed\")"),
  HTTP_PATH_THAT_IS_NOT_A_GO_REGEXP(Kind.CNP, ingressHttp("path: \"*.php\""),
      "spec.ingress[0].toPorts[0].rules.http[0].path: path \"*.php\" is not a Go regular expression"
          + " (agent: \"error parsing regexp: missing argument to repetition operator: `*`\")"),
  HEADER_MATCH_SECRET_WITHOUT_A_NAME(Kind.CNP, """
      endpointSelector: {}
      egress:
      - toEntities: [world]
        toPorts:
        - ports: [{port: "443", protocol: TCP}]
          rules: {http: [{headerMatches: [{name: x-token, secret: {name: ""}}]}]}""",
      "spec.egress[0].toPorts[0].rules.http[0].headerMatches[0].secret: a secret without a name"
          + " (agent: \"Secret name missing\")"),
  KAFKA_ROLE_WITH_API_KEY(Kind.CNP, egressKafka("role: produce, apiKey: produce"),
      "spec.egress[0].toPorts[0].rules.kafka[0]: both role and apiKey"
          + " (agent: \"cannot set both Role \\\"produce\\\" and APIKey \\\"produce\\\" together\")"),
  KAFKA_UNKNOWN_API_KEY(Kind.CNP, egressKafka("apiKey: publish"),
      "spec.egress[0].toPorts[0].rules.kafka[0].apiKey: \"publish\" is not a Kafka API key"
          + " (agent: \"invalid Kafka APIKey \\\"publish\\\"\")"),
  KAFKA_BAD_API_VERSION(Kind.CNP, egressKafka("apiKey: fetch, apiVersion: v2"),
      "spec.egress[0].toPorts[0].rules.kafka[0].apiVersion: \"v2\" is not a version in 0..32767"
          + " (agent: \"invalid Kafka APIVersion \\\"v2\\\"\")"),
  KAFKA_BAD_TOPIC(Kind.CNP, egressKafka("role: consume, topic: \"orders/eu\""),
      "spec.egress[0].toPorts[0].rules.kafka[0].topic: \"orders/eu\" is not a Kafka topic name"
          + " (agent: \"invalid Kafka Topic name \\\"orders/eu\\\"\")");

  /** The two kinds the agent reads. */
  enum Kind {
    CNP("CiliumNetworkPolicy"),
    CCNP("CiliumClusterwideNetworkPolicy");

    final String kind;

    Kind(String kind) {
      this.kind = kind;
    }
  }

  /**
   * A valid rule selecting {@code app=api} (in {@code shop} for a CNP, in every namespace for a CCNP) that
   * isolates it both ways: ingress from the world only, egress to the world on TCP 443 only. Accepted alone, it
   * denies {@link #INGRESS_FLOW} and {@link #EGRESS_FLOW}.
   */
  static final String ISOLATING = """
      endpointSelector:
        matchLabels: {app: api}
      ingress:
      - fromEntities: [world]
      egress:
      - toEntities: [world]
        toPorts:
        - ports: [{port: "443", protocol: TCP}]""";

  /** A flow {@link #ISOLATING} denies at the ingress of shop/api. */
  static final String INGRESS_FLOW = "shop/web -> shop/api tcp/8080";

  /** A flow {@link #ISOLATING} denies at the egress of shop/api. */
  static final String EGRESS_FLOW = "shop/api -> shop/web tcp/8080";

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  final Kind kind;
  /** The offending rule, written under {@code spec}; null for an object with neither spec nor specs. */
  final String spec;
  /** The agent's refusal, as {@link AgentRefusals#refusal} words it. */
  final String refusal;

  RefusedObjects(Kind kind, String spec, String refusal) {
    this.kind = kind;
    this.spec = spec;
    this.refusal = refusal;
  }

  /** The object as applied: the offending {@code spec}, and {@link #ISOLATING} as {@code specs[0]}. */
  String yaml() {
    StringBuilder out = new StringBuilder(header(kind));
    if (spec != null) {
      out.append("spec:\n").append(spec.indent(2)).append("specs:\n- ").append(ISOLATING.indent(2).substring(2));
    }
    return out.toString();
  }

  /** {@link #yaml()} as a Jackson tree. */
  JsonNode tree() {
    return tree(yaml());
  }

  /** How verdicts name the object: {@code CiliumNetworkPolicy shop/p}, or {@code cluster/p} for a CCNP. */
  String qualifiedName() {
    return kind.kind + " " + (kind == Kind.CNP ? "shop" : "cluster") + "/p";
  }

  /** The object's head: apiVersion, kind and metadata (name p, namespace shop for a CNP). */
  static String header(Kind kind) {
    return "apiVersion: cilium.io/v2\nkind: " + kind.kind + "\nmetadata:\n  name: p\n"
        + (kind == Kind.CNP ? "  namespace: shop\n" : "");
  }

  /** An object of that kind whose {@code spec} is {@link #ISOLATING}: what each refused object would isolate. */
  static String isolatingOnly(Kind kind) {
    return header(kind) + "spec:\n" + ISOLATING.indent(2);
  }

  static JsonNode tree(String yaml) {
    try {
      return YAML.readTree(yaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The HTTP port rule of {@link #L7_IN_A_HOST_POLICY}, continuing a peer rule. */
  static String hostHttp() {
    return "\n  toPorts:\n  - ports: [{port: \"80\", protocol: TCP}]\n    rules: {http: [{method: GET}]}";
  }

  /** A spec whose one egress rule allows the world on that port (as written, unparsed). */
  static String egressToWorldOnPort(String port) {
    return "endpointSelector: {}\negress:\n- toEntities: [world]\n  toPorts: [{ports: [{port: \"" + port + "\"}]}]";
  }

  /** A spec whose one ingress rule has an HTTP port rule of these fields. */
  static String ingressHttp(String fields) {
    return """
        endpointSelector: {}
        ingress:
        - fromEndpoints: [{}]
          toPorts:
          - ports: [{port: "80", protocol: TCP}]
            rules: {http: [{%s}]}""".formatted(fields);
  }

  /** A spec whose one egress rule has a Kafka port rule of these fields. */
  static String egressKafka(String fields) {
    return """
        endpointSelector: {}
        egress:
        - toEndpoints: [{}]
          toPorts:
          - ports: [{port: "9092", protocol: TCP}]
            rules: {kafka: [{%s}]}""".formatted(fields);
  }
}

package io.netlingua.emit.cilium;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * One test per refusal rule of {@link AgentRefusals}, each with a small hand-written object the way a user applies
 * it (the first object of each test is the one {@link RefusedObjects} shares with {@link CiliumEvaluatorTest}), and
 * objects the 1.18 agent accepts. Line numbers are of cilium/cilium v1.18.0-pre.3 as vendored by
 * cilium/cilium-cli at 6e65fa094c051aee03959dc9a75e66213e9050c7 ({@code rv} = pkg/policy/api/rule_validation.go).
 */
class AgentRefusalsTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private static JsonNode tree(String yaml) {
    try {
      return YAML.readTree(yaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Optional<String> refusal(String yaml) {
    return AgentRefusals.refusal(tree(yaml));
  }

  /**
   * The shared offending object of a rule ({@link RefusedObjects}: the offending {@code spec} and a valid
   * {@code specs[0]}) is refused for that rule, with that reason.
   */
  private static void assertRefused(RefusedObjects object) {
    assertThat(AgentRefusals.refusal(object.tree())).as(object.name()).contains(object.refusal);
  }

  /** A CNP in namespace shop whose {@code spec} is the given YAML (indented by two here). */
  private static String cnp(String spec) {
    return "apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata:\n  name: p\n  namespace: shop\nspec:\n"
        + spec.indent(2);
  }

  /** A CCNP whose {@code spec} is the given YAML. */
  private static String ccnp(String spec) {
    return "apiVersion: cilium.io/v2\nkind: CiliumClusterwideNetworkPolicy\nmetadata:\n  name: p\nspec:\n"
        + spec.indent(2);
  }

  // ---- Parse (pkg/k8s/apis/cilium.io/v2/cnp_types.go, ccnp_types.go) ----

  /** cnp_types.go:187 {@code r.Spec == nil && r.Specs == nil} -> ErrEmptyCNP; ccnp_types.go:91 likewise. */
  @Test
  void neitherSpecNorSpecs() {
    assertRefused(RefusedObjects.NEITHER_SPEC_NOR_SPECS);
    assertThat(refusal("kind: CiliumClusterwideNetworkPolicy\nmetadata: {name: p}\nspec: null\n"))
        .contains("CiliumClusterwideNetworkPolicy: neither spec nor specs"
            + " (agent: \"Invalid CiliumClusterwideNetworkPolicy spec(s): empty policy\")");
  }

  /** cnp_types.go:195: "rule cannot have NodeSelector", checked on spec after its Sanitize. */
  @Test
  void nodeSelectorInTheSpecOfACnp() {
    assertRefused(RefusedObjects.NODE_SELECTOR_IN_THE_SPEC_OF_A_CNP);
  }

  // ---- Rule.Sanitize (rv:39-109) ----

  /** rv:40-42: len of all four sections 0, so empty lists count as none (since 1.17.0; 1.16 accepts it). */
  @Test
  void ruleWithoutSections() {
    assertRefused(RefusedObjects.RULE_WITHOUT_SECTIONS);
  }

  /** rv:63-65: neither EndpointSelector nor NodeSelector. */
  @Test
  void neitherSelector() {
    assertRefused(RefusedObjects.NEITHER_SELECTOR);
  }

  /** rv:66-68: both selectors. */
  @Test
  void bothSelectors() {
    assertRefused(RefusedObjects.BOTH_SELECTORS);
  }

  /**
   * selector.go:352-358: Kubernetes' ValidateLabelSelector over the keys as UnmarshalJSON holds them (labels.go:516,
   * "app" is "any.app"): In without values, Exists with values, a key that is no qualified name, a bad value.
   */
  @Test
  void invalidLabelSelector() {
    assertRefused(RefusedObjects.INVALID_LABEL_SELECTOR);
    assertThat(refusal(cnp("""
        endpointSelector: {}
        ingress:
        - fromEndpoints:
          - matchExpressions: [{key: app, operator: Exists, values: [web]}]""")))
        .contains("spec.ingress[0].fromEndpoints[0].matchExpressions[0]: operator Exists with values"
            + " (agent: \"invalid label selector\")");
    assertThat(refusal(cnp("endpointSelector:\n  matchLabels: {\"k8s:my app\": web}\ningress: [{}]")))
        .contains("spec.endpointSelector.matchLabels: key \"k8s:my app\" (held as \"k8s.my app\") is not a qualified"
            + " name (agent: \"invalid label selector\")");
    String sixty = "a".repeat(60);
    assertThat(refusal(cnp("endpointSelector:\n  matchLabels: {" + sixty + ": x}\ningress: [{}]")))
        .hasValueSatisfying(r -> assertThat(r).contains("(held as \"any." + sixty + "\") is not a qualified name"));
    assertThat(refusal(cnp("""
        endpointSelector: {}
        egress:
        - toEndpoints:
          - matchExpressions: [{key: app, operator: NotIn, values: ["not a value"]}]""")))
        .contains("spec.egress[0].toEndpoints[0].matchExpressions[0]: value \"not a value\" is not a label value"
            + " (agent: \"invalid label selector\")");
  }

  // ---- IngressCommonRule / EgressCommonRule (rv:203-265, :425-477) ----

  /**
   * rv:212-219 and :425-432, "combining %s and %s is not supported yet", over l3Members: ingress FromEndpoints,
   * FromCIDR, FromCIDRSet, FromEntities, FromNodes, FromGroups (:204-211); egress ToCIDR, ToCIDRSet, ToEndpoints,
   * ToEntities, ToServices, ToGroups, ToNodes (:479-489) and, in allow rules, ToFQDNs (:368). Deny rules too.
   * fromRequires is not a peer kind.
   */
  @Test
  void twoPeerKindsInOneRule() {
    assertRefused(RefusedObjects.TWO_PEER_KINDS_IN_ONE_RULE);
    assertThat(refusal(cnp("""
        endpointSelector: {}
        egress:
        - toEndpoints: [{}]
        - toEndpoints: [{matchLabels: {"k8s:app": api}}]
          toFQDNs: [{matchName: example.com}]""")))
        .contains("spec.egress[1]: toEndpoints with toFQDNs"
            + " (agent: \"combining ToEndpoints and ToFQDNs is not supported yet\")");
    assertThat(refusal(ccnp("endpointSelector: {}\negressDeny:\n- toEntities: [world]\n  toCIDR: [192.0.2.0/24]")))
        .contains("spec.egressDeny[0]: toCIDR with toEntities"
            + " (agent: \"combining ToCIDR and ToEntities is not supported yet\")");
    assertThat(refusal(cnp("endpointSelector: {}\ningress:\n- fromEndpoints: [{}]\n  fromRequires: [{}]")))
        .as("fromRequires is not in l3Members").isEmpty();
    assertThat(refusal(cnp("endpointSelector: {}\ningress:\n- fromEndpoints: []\n  fromEntities: [world]")))
        .as("an empty list has len 0").isEmpty();
  }

  /** rv:754-757: netip.Prefix.Contains of the except's address, so another family is outside too. */
  @Test
  void exceptOutsideItsCidr() {
    assertRefused(RefusedObjects.EXCEPT_OUTSIDE_ITS_CIDR);
    assertThat(refusal(cnp("endpointSelector: {}\ningress:\n- fromCIDRSet: [{cidr: 10.0.0.0/8, except: [\"::/0\"]}]")))
        .hasValueSatisfying(r -> assertThat(r).startsWith("spec.ingress[0].fromCIDRSet[0].except[0]: ::/0"));
    assertThat(refusal(cnp("endpointSelector: {}\negress:\n- toCIDRSet: [{cidr: 10.0.0.0/16, except: [10.0.0.0/8]}]")))
        .as("only the except's address is compared").isEmpty();
  }

  /** rv:713-718: a cidrGroupSelector is validated as a selector whose keys get the "cidrgroup." prefix. */
  @Test
  void invalidCidrGroupSelector() {
    assertRefused(RefusedObjects.INVALID_CIDR_GROUP_SELECTOR);
  }

  // ---- IngressRule / EgressRule (rv:123-171, :301-364) ----

  /** rv:135-137 (ingress, any L7) and :304-308, :325-331 (egress, HTTP and Kafka; DNS stays allowed). */
  @Test
  void l7InAHostPolicy() {
    assertRefused(RefusedObjects.L7_IN_A_HOST_POLICY);
    assertThat(refusal(ccnp("nodeSelector: {}\negress:\n- toEntities: [world]" + RefusedObjects.hostHttp())))
        .contains("spec.egress[0]: HTTP rules in a host (nodeSelector) policy"
            + " (agent: \"L7 protocol HTTP is not supported on host egress yet\")");
  }

  /** rv:142-146: l7IngressSupport["DNS"] is false; PortRule.sanitize's "not allowed on ingress" (:563) comes later. */
  @Test
  void dnsRulesOnIngress() {
    assertRefused(RefusedObjects.DNS_RULES_ON_INGRESS);
  }

  /** rv:152-154 (and :182, :338, :396 for the others): "the ICMPs block may only be present without ToPorts". */
  @Test
  void icmpsWithToPorts() {
    assertRefused(RefusedObjects.ICMPS_WITH_TO_PORTS);
  }

  /** rv:665-667: more than maxICMPFields (40) fields. */
  @Test
  void tooManyIcmpFields() {
    assertRefused(RefusedObjects.TOO_MANY_ICMP_FIELDS);
  }

  /** icmp.go:135-148 (UnmarshalJSON): a name must be one of its family's; PacketTooBig is IPv6 only. */
  @Test
  void icmpTypeOfTheOtherFamily() {
    assertRefused(RefusedObjects.ICMP_TYPE_OF_THE_OTHER_FAMILY);
    assertThat(refusal(cnp("endpointSelector: {}\ningress:\n"
        + "- icmps: [{fields: [{family: IPv6, type: PacketTooBig}]}]")))
        .isEmpty();
  }

  // ---- PortRule.sanitize (rv:561-624), PortDenyRule.sanitize (:626-637), PortProtocol.sanitize (:639-662) ----

  /** rv:567-569: serverNames with L7 rules and no terminatingTLS. */
  @Test
  void serverNamesWithL7WithoutTermination() {
    assertRefused(RefusedObjects.SERVER_NAMES_WITH_L7_WITHOUT_TERMINATION);
  }

  /** rv:574-576 and :627-629: more than maxPorts (40); the CRD bounds allow rules only, so a deny rule here. */
  @Test
  void tooManyPorts() {
    assertRefused(RefusedObjects.TOO_MANY_PORTS);
  }

  /**
   * rv:647-653: not an IANA service name (svcname.go:14-20, at most 15 characters), so strconv.ParseUint(port, 0, 16):
   * 65536 is out of range, "08" is a bad octal number, a 16-character name is no name.
   */
  @Test
  void portThatIsNeitherNumberNorName() {
    assertRefused(RefusedObjects.PORT_THAT_IS_NEITHER_NUMBER_NOR_NAME);
    assertThat(refusal(cnp(RefusedObjects.egressToWorldOnPort("08"))))
        .hasValueSatisfying(r -> assertThat(r).contains("parsing \\\"08\\\": invalid syntax"));
    assertThat(refusal(cnp(RefusedObjects.egressToWorldOnPort("metrics-exporter1"))))
        .hasValueSatisfying(r -> assertThat(r).contains("port \"metrics-exporter1\" is neither a port number nor"));
    assertThat(refusal(cnp(RefusedObjects.egressToWorldOnPort("0x1F90")))).as("0x1F90 is a service name").isEmpty();
    assertThat(refusal(cnp(RefusedObjects.egressToWorldOnPort("8_080")))).as("base 0 takes underscores between digits")
        .isEmpty();
  }

  /** rv:655-657: DNS rules and an endPort above the port. */
  @Test
  void dnsRulesOnARange() {
    assertRefused(RefusedObjects.DNS_RULES_ON_A_RANGE);
  }

  /**
   * rv:587-593: L7 rules other than DNS only on TCP; an omitted protocol is ANY (utils.go ParseL4Proto), so it is
   * refused too.
   */
  @Test
  void l7OnAPortThatIsNotTcp() {
    assertRefused(RefusedObjects.L7_ON_A_PORT_THAT_IS_NOT_TCP);
    assertThat(refusal(cnp("""
        endpointSelector: {}
        egress:
        - toEndpoints: [{}]
          toPorts:
          - ports: [{port: "9092", protocol: UDP}]
            rules: {kafka: [{topic: orders}]}""")))
        .hasValueSatisfying(r -> assertThat(r).contains("Kafka rules on protocol UDP"));
  }

  /** rv:600-603: a listener on ingress (TestAllowIngressListener is for Cilium's unit tests). */
  @Test
  void listenerOnIngress() {
    assertRefused(RefusedObjects.LISTENER_ON_INGRESS);
  }

  /** rv:608-610: a listener with L7 rules. */
  @Test
  void listenerWithL7Rules() {
    assertRefused(RefusedObjects.LISTENER_WITH_L7_RULES);
  }

  /** rv:614-617: L7 rules with a port 0 (isZero from ParseUint, :654). */
  @Test
  void l7OnPortZero() {
    assertRefused(RefusedObjects.L7_ON_PORT_ZERO);
  }

  // ---- L7Rules.sanitize (rv:503-555) and the rules of each kind ----

  /** rv:524-529: DNS rules with no port at all. */
  @Test
  void dnsRulesWithoutAPort() {
    assertRefused(RefusedObjects.DNS_RULES_WITHOUT_A_PORT);
  }

  /** rv:551-553: a kind counts when its key is there (pr.HTTP != nil), an empty list included. */
  @Test
  void severalL7KindsInOnePortRule() {
    assertRefused(RefusedObjects.SEVERAL_L7_KINDS_IN_ONE_PORT_RULE);
  }

  /** rv:539-541: l7 without l7proto (reached past the CRD's oneOf when another kind is there). */
  @Test
  void l7WithoutL7proto() {
    assertRefused(RefusedObjects.L7_WITHOUT_L7PROTO);
  }

  /** l7.go:16-22 (rv:545-547 calls it): an empty key in a key-value rule. */
  @Test
  void emptyKeyInAnL7Rule() {
    assertRefused(RefusedObjects.EMPTY_KEY_IN_AN_L7_RULE);
  }

  /**
   * http.go:116-128: path and method go through Go's regexp.Compile; a glob's leading '*' has no argument. Go's
   * parser (regexp/syntax parse.go, Go 1.19 and later) also bounds the size and the nesting (maxSize, maxHeight).
   */
  @Test
  void httpPathThatIsNotAGoRegexp() {
    assertRefused(RefusedObjects.HTTP_PATH_THAT_IS_NOT_A_GO_REGEXP);
    assertThat(refusal(cnp(RefusedObjects.ingressHttp("method: \"(GET|HEAD\""))))
        .hasValueSatisfying(r -> assertThat(r).startsWith("spec.ingress[0].toPorts[0].rules.http[0].method:")
            .contains("missing closing )"));
    assertThat(refusal(cnp(RefusedObjects.ingressHttp("path: \"/a{2}{3}\"")))).hasValueSatisfying(
        r -> assertThat(r).contains("invalid nested repetition operator"));
    assertThat(refusal(cnp(RefusedObjects.ingressHttp("path: \"((a{1000}){1000}){1000}\"")))).hasValueSatisfying(
        r -> assertThat(r).contains("expression too large"));
    assertThat(refusal(cnp(RefusedObjects.ingressHttp("path: \"" + "(a".repeat(600) + ")".repeat(600) + "\""))))
        .hasValueSatisfying(r -> assertThat(r).contains("expression nests too deeply"));
    assertThat(refusal(cnp(RefusedObjects.ingressHttp("path: \"" + "(".repeat(999) + "a" + ")".repeat(999) + "\""))))
        .as("a height of 1,000 is Go's limit, not over it").isEmpty();
    assertThat(refusal(cnp(RefusedObjects.ingressHttp("path: \"/(?<id>[0-9]+){1,1000}\", host: \"(\"")))).as(
        "named groups since Go 1.22; the host is not compiled").isEmpty();
  }

  /** http.go:142-144: a headerMatches secret without a name. */
  @Test
  void headerMatchSecretWithoutAName() {
    assertRefused(RefusedObjects.HEADER_MATCH_SECRET_WITHOUT_A_NAME);
  }

  private static String kafka(String rule) {
    return cnp(RefusedObjects.egressKafka(rule));
  }

  /** cilium/proxy kafka.go:235-237: role and apiKey together. */
  @Test
  void kafkaRoleWithApiKey() {
    assertRefused(RefusedObjects.KAFKA_ROLE_WITH_API_KEY);
  }

  /** kafka.go:239-243: an apiKey not in APIKeyMap (compared in lower case). */
  @Test
  void kafkaUnknownApiKey() {
    assertRefused(RefusedObjects.KAFKA_UNKNOWN_API_KEY);
    assertThat(refusal(kafka("apiKey: Produce"))).isEmpty();
  }

  /** kafka.go:254-259: strconv.ParseInt(v, 10, 16), negative refused. */
  @Test
  void kafkaBadApiVersion() {
    assertRefused(RefusedObjects.KAFKA_BAD_API_VERSION);
    assertThat(refusal(kafka("apiKey: fetch, apiVersion: \"-1\""))).isPresent();
    assertThat(refusal(kafka("apiKey: fetch, apiVersion: \"007\""))).isEmpty();
  }

  /** kafka.go:261-268 with TopicValidChar (:229): letters, digits, '.', '_', '-' and a backslash. */
  @Test
  void kafkaBadTopic() {
    assertRefused(RefusedObjects.KAFKA_BAD_TOPIC);
  }

  // ---- accepted ----

  /** Upstream examples/policies/l3/fqdn/fqdn.yaml (cilium/cilium 25972d8e8c67dd3a4d74c2dbea54461fa7f20707). */
  @Test
  void upstreamFqdnExampleIsAccepted() {
    assertThat(refusal("""
        apiVersion: "cilium.io/v2"
        kind: CiliumNetworkPolicy
        metadata:
          name: "to-fqdn"
        spec:
          endpointSelector:
            matchLabels:
              app: test-app
          egress:
            - toEndpoints:
              - matchLabels:
                  "k8s:io.kubernetes.pod.namespace": kube-system
                  "k8s:k8s-app": kube-dns
              toPorts:
                - ports:
                   - port: "53"
                     protocol: ANY
                  rules:
                    dns:
                      - matchPattern: "*"
            - toFQDNs:
                - matchName: "my-remote-service.com"
        """)).isEmpty();
  }

  /** rv:40: one rule, empty, is a section (upstream examples/policies/l3/egress-default-deny uses egress: [{}]). */
  @Test
  void anEmptyRuleIsAccepted() {
    assertThat(refusal(cnp("endpointSelector: {}\ningress: [{}]"))).isEmpty();
  }

  /** rv:587-590: DNS rules pass the TCP check on any protocol, ANY included. */
  @Test
  void dnsOnPort53AnyIsAccepted() {
    assertThat(refusal(cnp("""
        endpointSelector: {}
        egress:
        - toEndpoints: [{matchLabels: {"k8s:k8s-app": kube-dns, "k8s:io.kubernetes.pod.namespace": kube-system}}]
          toPorts:
          - ports: [{port: "53", protocol: ANY}, {port: "53", endPort: 53, protocol: UDP}]
            rules: {dns: [{matchPattern: "*"}]}"""))).isEmpty();
  }

  /**
   * What TARGETS.md 2.0 lists but 1.18 accepts: toServices with toPorts (rv:497, l3DependentL4Support true since
   * 1.17.0), spec and specs together (cnp_types.go:191-209), a nodeSelector in specs of a CNP (only spec is checked,
   * :195), DNS on host egress (:304-308), an endPort below its port (never compared).
   */
  @Test
  void whatTheAgentOf118Accepts() {
    assertThat(refusal(cnp("""
        endpointSelector: {}
        egress:
        - toServices: [{k8sService: {serviceName: db, namespace: shop}}]
          toPorts: [{ports: [{port: "5432", protocol: TCP}]}]"""))).isEmpty();
    assertThat(refusal("""
        kind: CiliumNetworkPolicy
        metadata: {name: p, namespace: shop}
        spec: {endpointSelector: {}, ingress: [{}]}
        specs:
        - nodeSelector: {}
          egress:
          - toEntities: [world]
            toPorts:
            - ports: [{port: "53", protocol: UDP}]
              rules: {dns: [{matchPattern: "*"}]}
        - endpointSelector: {}
          ingress: [{toPorts: [{ports: [{port: "8080", endPort: 80, protocol: TCP}]}]}]
        """)).isEmpty();
    assertThat(refusal("kind: CiliumNetworkPolicy\nmetadata: {name: p}\nspecs: []\n")).as("specs not nil").isEmpty();
    assertThat(refusal("kind: NetworkPolicy\nmetadata: {name: p}\n")).as("not read by the agent").isEmpty();
  }

  /**
   * The emitter must never write what the agent refuses: every document of every bundled example's Cilium
   * goldens (examples/&#42;/expected/cilium*.yaml, from the emitters module's directory).
   */
  @Test
  void noGoldenDocumentIsRefused() throws IOException {
    Path examples = Path.of("..", "examples");
    List<Path> goldens;
    try (Stream<Path> cases = Files.list(examples)) {
      goldens = cases.map(c -> c.resolve("expected")).filter(Files::isDirectory).flatMap(AgentRefusalsTest::ciliumFiles)
          .sorted().toList();
    }
    assertThat(goldens).as("cilium goldens under " + examples.toAbsolutePath()).isNotEmpty();
    List<String> refused = new ArrayList<>();
    int documents = 0;
    for (Path golden : goldens) {
      try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(golden.toFile())) {
        while (docs.hasNext()) {
          JsonNode doc = docs.next();
          documents++;
          AgentRefusals.refusal(doc)
              .ifPresent(r -> refused.add(golden + " " + doc.path("metadata").path("name").asText() + ": " + r));
        }
      }
    }
    assertThat(documents).isGreaterThan(goldens.size());
    assertThat(refused).isEmpty();
  }

  private static Stream<Path> ciliumFiles(Path expected) {
    try (Stream<Path> files = Files.list(expected)) {
      return files.filter(f -> f.getFileName().toString().matches("cilium.*\\.yaml")).toList().stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

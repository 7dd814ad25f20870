package io.netlingua.schemas;

import static io.netlingua.schemas.Samples.REMOVE;
import static io.netlingua.schemas.Samples.allowedNames;
import static io.netlingua.schemas.Samples.keywords;
import static io.netlingua.schemas.Samples.list;
import static io.netlingua.schemas.Samples.sample;
import static io.netlingua.schemas.Samples.usedNames;
import static io.netlingua.schemas.Samples.with;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Cilium schemas accept the two rich samples (every field they allow, {@code cilium/*.yaml}) and refuse each
 * change of one place that Netlingua never writes or that the Cilium agent refuses; the two files share their
 * {@code $defs}. Validated as the emitters validate ({@link SchemaValidation}).
 */
class CiliumSchemasTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String CNP = "cilium/cnp-rich.yaml";
  static final String CCNP = "cilium/ccnp-rich.yaml";

  static String schemaOf(String sample) {
    return sample.equals(CNP) ? Schemas.CILIUM_NETWORK_POLICY : Schemas.CILIUM_CLUSTERWIDE_NETWORK_POLICY;
  }

  @Test
  void theSharedDefinitionsAreTheSameInBothFiles() throws IOException {
    // Each file loads on its own (DocumentValidator compiles a schema from its text alone, and a $ref to the other
    // file would be fetched from netlingua.io), so the definitions are written twice: here they may not drift.
    JsonNode cnp = JSON.readTree(Schemas.text(Schemas.CILIUM_NETWORK_POLICY)).path("$defs");
    JsonNode ccnp = JSON.readTree(Schemas.text(Schemas.CILIUM_CLUSTERWIDE_NETWORK_POLICY)).path("$defs");
    Set<String> names = new TreeSet<>();
    cnp.fieldNames().forEachRemaining(names::add);
    Set<String> others = new TreeSet<>();
    ccnp.fieldNames().forEachRemaining(others::add);
    assertThat(others).isEqualTo(names);
    List<String> differing = names.stream().filter(n -> !cnp.get(n).equals(ccnp.get(n))).toList();
    assertThat(differing).containsExactly("metadata");
    // And the two metadata differ by the namespace only.
    ObjectNode namespaced = cnp.get("metadata").deepCopy();
    ((ObjectNode) namespaced.get("properties")).remove("namespace");
    ArrayNode required = (ArrayNode) namespaced.get("required");
    required.remove(1);
    assertThat(cnp.get("metadata").path("required").get(1).asText()).isEqualTo("namespace");
    assertThat(namespaced).isEqualTo(ccnp.get("metadata"));
  }

  @Test
  void theRichSamplesValidateAndTogetherUseEveryPropertyTheSchemasAllow() throws IOException {
    // Every property of every definition (as DEFINITION.PROPERTY, inline objects named by their path from it)
    // appears in one of the two samples at least once.
    Set<String> allowed = new TreeSet<>();
    Set<String> used = new TreeSet<>();
    for (String resource : List.of(CNP, CCNP)) {
      String name = schemaOf(resource);
      assertThat(SchemaValidation.errors(name, sample(resource))).as(resource).isEmpty();
      JsonNode schema = JSON.readTree(Schemas.text(name));
      allowedNames(schema, schema, "root", allowed, new TreeSet<>());
      usedNames(schema, schema, "root", sample(resource), used);
    }
    assertThat(allowed).hasSizeGreaterThan(70);
    assertThat(used).containsAll(allowed);
  }

  @Test
  void onlyTwoBranchesCanFailOnAValidDocument() throws IOException {
    // The emitters validate every document, so a valid one should build no error object: networknt builds one for
    // each failing subschema under oneOf, anyOf, not and if, even when the whole passes. The schemas use dependentSchemas,
    // false properties and counts instead; the two anyOf left try the common case first.
    for (String name : List.of(Schemas.CILIUM_NETWORK_POLICY, Schemas.CILIUM_CLUSTERWIDE_NETWORK_POLICY)) {
      List<String> branches = new ArrayList<>();
      keywords(JSON.readTree(Schemas.text(name)), "#", Set.of("oneOf", "anyOf", "not", "if"), branches);
      assertThat(branches).as(name).containsExactlyInAnyOrder(
          "#/$defs/egressPortRule/dependentSchemas/rules/anyOf", "#/$defs/labelSelectorRequirement/anyOf");
    }
  }


  @Test
  void aSampleOfOneKindIsRefusedByTheOtherSchema() {
    assertThat(SchemaValidation.errors(Schemas.CILIUM_CLUSTERWIDE_NETWORK_POLICY, sample(CNP))).isNotEmpty();
    assertThat(SchemaValidation.errors(Schemas.CILIUM_NETWORK_POLICY, sample(CCNP))).isNotEmpty();
  }

  static Stream<Arguments> refused() {
    String port = "{port: '1', protocol: TCP}";
    String field = "{family: IPv4, type: 8}";
    return Stream.of(
        // Anything Netlingua does not write.
        refuse("an unknown top-level field", CNP, "/status", "{}", ""),
        refuse("an unknown metadata field", CNP, "/metadata/uid", "abc", "/metadata"),
        refuse("a nodeSelector", CNP, "/spec/nodeSelector", "{}", "/spec"),
        refuse("enableDefaultDeny", CNP, "/spec/enableDefaultDeny", "{ingress: true}", "/spec"),
        refuse("rule labels", CNP, "/spec/labels", "[{key: a}]", "/spec"),
        refuse("fromCIDR", CNP, "/spec/ingress/3/fromCIDR", "[10.0.0.0/8]", "/spec/ingress/3"),
        refuse("fromNodes", CNP, "/spec/ingress/3/fromNodes", "[{}]", "/spec/ingress/3"),
        refuse("authentication", CNP, "/spec/ingress/3/authentication", "{mode: required}", "/spec/ingress/3"),
        refuse("toGroups", CNP, "/spec/egress/4/toGroups", "[{}]", "/spec/egress/4"),
        refuse("serverNames", CNP, "/spec/egress/1/toPorts/0/serverNames", "[api.stripe.com]",
            "/spec/egress/1/toPorts/0"),
        refuse("headerMatches", CNP, "/spec/ingress/0/toPorts/0/rules/http/0/headerMatches", "[{name: X}]",
            "/spec/ingress/0/toPorts/0/rules/http/0"),
        refuse("a cidrGroupRef", CNP, "/spec/ingress/1/fromCIDRSet/0", "{cidrGroupRef: office}",
            "/spec/ingress/1/fromCIDRSet/0"),
        refuse("a k8sServiceSelector", CNP, "/spec/egress/2/toServices/0", "{k8sServiceSelector: {selector: {}}}",
            "/spec/egress/2/toServices/0"),
        refuse("a Kafka apiKey", CNP, "/spec/ingress/1/toPorts/0/rules/kafka/0/apiKey", "produce",
            "/spec/ingress/1/toPorts/0/rules/kafka/0"),
        refuse("an ICMP code", CNP, "/spec/ingress/2/icmps/0/fields/0/code", "0", "/spec/ingress/2/icmps/0/fields/0"),
        refuse("l7proto", CNP, "/spec/ingress/0/toPorts/0/rules", "{l7proto: envoy.x}", "/spec/ingress/0/toPorts/0"),
        // The object.
        refuse("another apiVersion", CNP, "/apiVersion", "cilium.io/v2alpha1", "/apiVersion"),
        refuse("the other kind", CNP, "/kind", "CiliumClusterwideNetworkPolicy", "/kind"),
        refuse("both spec and specs", CNP, "/specs", "[{endpointSelector: {}, ingress: [{}]}]", ""),
        refuse("neither spec nor specs", CNP, "/spec", REMOVE, ""),
        refuse("an empty specs", CCNP, "/specs", "[]", "/specs"),
        refuse("no namespace in a CiliumNetworkPolicy", CNP, "/metadata/namespace", REMOVE, "/metadata"),
        refuse("a namespace in a CiliumClusterwideNetworkPolicy", CCNP, "/metadata/namespace", "shop", "/metadata"),
        refuse("a name that is no DNS subdomain", CNP, "/metadata/name", "Web_1", "/metadata/name"),
        refuse("a namespace that is no DNS label", CNP, "/metadata/namespace", "shop.eu", "/metadata/namespace"),
        refuse("no managed-by label", CNP, "/metadata/labels/app.kubernetes.io~1managed-by", REMOVE,
            "/metadata/labels"),
        refuse("managed by someone else", CNP, "/metadata/labels/app.kubernetes.io~1managed-by", "helm",
            "/metadata/labels"),
        refuse("no annotations", CNP, "/metadata/annotations", REMOVE, "/metadata"),
        refuse("no source annotation", CCNP, "/metadata/annotations/netlingua.io~1source", REMOVE,
            "/metadata/annotations"),
        refuse("a source without a line", CNP, "/metadata/annotations/netlingua.io~1source", "shop/web.npl",
            "/metadata/annotations"),
        // A rule.
        refuse("a rule without endpointSelector", CNP, "/spec/endpointSelector", REMOVE, "/spec"),
        refuse("a rule with no section", CNP, "/spec", "{endpointSelector: {}}", "/spec"),
        refuse("a rule with a description and no section", CNP, "/spec", "{endpointSelector: {}, description: d}",
            "/spec"),
        refuse("a rule with a log and no section", CNP, "/spec", "{endpointSelector: {}, log: {value: v}}", "/spec"),
        refuse("a rule with a description, a log and no section", CNP, "/spec",
            "{endpointSelector: {}, description: d, log: {value: v}}", "/spec"),
        refuse("an empty ingress", CNP, "/spec/ingress", "[]", "/spec/ingress"),
        refuse("an empty ingressDeny", CNP, "/spec/ingressDeny", "[]", "/spec/ingressDeny"),
        refuse("an empty egress", CCNP, "/specs/0/egress", "[]", "/specs/0/egress"),
        refuse("an empty egressDeny", CNP, "/spec/egressDeny", "[]", "/spec/egressDeny"),
        refuse("an empty description", CNP, "/spec/description", "''", "/spec/description"),
        refuse("a log of 33 characters", CNP, "/spec/log/value", "'" + "x".repeat(33) + "'", "/spec/log/value"),
        refuse("a log that is not ASCII", CNP, "/spec/log/value", "café", "/spec/log/value"),
        refuse("a log with a line break", CNP, "/spec/log/value", "\"a\\nb\"", "/spec/log/value"),
        refuse("an empty log", CNP, "/spec/log/value", "''", "/spec/log/value"),
        // Two L3 peer kinds in one rule (the agent: "combining %s and %s is not supported yet").
        refuse("fromEndpoints and fromEntities", CNP, "/spec/ingress/0/fromEntities", "[world]", "/spec/ingress/0"),
        refuse("fromCIDRSet and fromEndpoints", CNP, "/spec/ingress/1/fromEndpoints", "[{}]", "/spec/ingress/1"),
        refuse("toFQDNs and toCIDRSet", CNP, "/spec/egress/1/toCIDRSet", "[{cidr: 10.0.0.0/8}]", "/spec/egress/1"),
        refuse("toServices and toEndpoints", CNP, "/spec/egress/2/toEndpoints", "[{}]", "/spec/egress/2"),
        refuse("toEntities and toFQDNs", CNP, "/spec/egress/4/toFQDNs", "[{matchName: a.com}]", "/spec/egress/4"),
        refuse("two peer kinds in an ingressDeny", CNP, "/spec/ingressDeny/0/fromEntities", "[world]",
            "/spec/ingressDeny/0"),
        refuse("two peer kinds in an egressDeny", CNP, "/spec/egressDeny/0/toCIDRSet", "[{cidr: 10.0.0.0/8}]",
            "/spec/egressDeny/0"),
        // icmps beside toPorts ("The ICMPs block may only be present without ToPorts").
        refuse("icmps with toPorts in an ingress rule", CNP, "/spec/ingress/0/icmps", "[{fields: [" + field + "]}]",
            "/spec/ingress/0"),
        refuse("icmps with toPorts in an egress rule", CNP, "/spec/egress/4/icmps", "[{fields: [" + field + "]}]",
            "/spec/egress/4"),
        refuse("icmps with toPorts in an ingressDeny rule", CNP, "/spec/ingressDeny/0/icmps",
            "[{fields: [" + field + "]}]", "/spec/ingressDeny/0"),
        refuse("toPorts with icmps in an egressDeny rule", CNP, "/spec/egressDeny/0/toPorts",
            "[{ports: [" + port + "]}]", "/spec/egressDeny/0"),
        // Deny rules.
        refuse("an empty ingressDeny rule", CNP, "/spec/ingressDeny/0", "{}", "/spec/ingressDeny/0"),
        refuse("a deny port rule with rules", CNP, "/spec/ingressDeny/0/toPorts/0/rules", "{http: [{method: GET}]}",
            "/spec/ingressDeny/0/toPorts/0"),
        refuse("toFQDNs in an egressDeny", CNP, "/spec/egressDeny/0", "{toFQDNs: [{matchName: a.com}]}",
            "/spec/egressDeny/0"),
        refuse("toServices in an egressDeny", CNP, "/spec/egressDeny/0",
            "{toServices: [{k8sService: {serviceName: a, namespace: b}}]}", "/spec/egressDeny/0"),
        // L7 rules ("L7 rules can only apply to TCP", "L7 rules can not be used when a port is 0", DNS).
        refuse("rules.http on a UDP port", CNP, "/spec/ingress/0/toPorts/0/ports/0/protocol", "UDP",
            "/spec/ingress/0/toPorts/0"),
        refuse("rules.http on an ANY port", CNP, "/spec/ingress/0/toPorts/0/ports/1/protocol", "ANY",
            "/spec/ingress/0/toPorts/0"),
        refuse("rules.kafka on an SCTP port", CNP, "/spec/ingress/1/toPorts/0/ports/0/protocol", "SCTP",
            "/spec/ingress/1/toPorts/0"),
        refuse("rules.http on port 0", CNP, "/spec/ingress/0/toPorts/0/ports/0/port", "'0'",
            "/spec/ingress/0/toPorts/0"),
        refuse("rules.http on an egress UDP port", CNP, "/spec/egress/1/toPorts/0",
            "{ports: [{port: '443', protocol: UDP}], rules: {http: [{method: GET}]}}", "/spec/egress/1/toPorts/0"),
        refuse("rules.kafka on egress port 0", CNP, "/spec/egress/1/toPorts/0",
            "{ports: [{port: '0', protocol: TCP}], rules: {kafka: [{role: consume}]}}", "/spec/egress/1/toPorts/0"),
        refuse("rules.dns on an SCTP port", CNP, "/spec/egress/0/toPorts/0/ports/0/protocol", "SCTP",
            "/spec/egress/0/toPorts/0"),
        refuse("rules.dns on a range", CNP, "/spec/egress/0/toPorts/0/ports/0/endPort", "54",
            "/spec/egress/0/toPorts/0"),
        refuse("rules.dns on port 0", CNP, "/spec/egress/0/toPorts/0/ports/0/port", "'0'",
            "/spec/egress/0/toPorts/0"),
        refuse("rules.dns on ingress", CNP, "/spec/ingress/0/toPorts/0/rules", "{dns: [{matchName: a.com}]}",
            "/spec/ingress/0/toPorts/0/rules"),
        refuse("two L7 kinds in one port rule", CNP, "/spec/ingress/0/toPorts/0/rules/kafka", "[{role: consume}]",
            "/spec/ingress/0/toPorts/0/rules"),
        refuse("two L7 kinds in one egress port rule", CNP, "/spec/egress/0/toPorts/0/rules/http", "[{}]",
            "/spec/egress/0/toPorts/0/rules"),
        refuse("empty rules", CNP, "/spec/ingress/0/toPorts/0/rules", "{}", "/spec/ingress/0/toPorts/0/rules"),
        refuse("an empty http list", CNP, "/spec/ingress/0/toPorts/0/rules/http", "[]",
            "/spec/ingress/0/toPorts/0/rules/http"),
        refuse("a Kafka role that is not produce or consume", CNP, "/spec/ingress/1/toPorts/0/rules/kafka/0/role",
            "admin", "/spec/ingress/1/toPorts/0/rules/kafka/0/role"),
        // Ports.
        refuse("a port rule without ports", CNP, "/spec/egress/4/toPorts/0/ports", REMOVE, "/spec/egress/4/toPorts/0"),
        refuse("an empty ports", CNP, "/spec/egress/4/toPorts/0/ports", "[]", "/spec/egress/4/toPorts/0/ports"),
        refuse("41 ports", CNP, "/spec/egress/4/toPorts/0/ports", list(41, port), "/spec/egress/4/toPorts/0/ports"),
        refuse("no protocol", CNP, "/spec/egress/4/toPorts/0/ports/0/protocol", REMOVE,
            "/spec/egress/4/toPorts/0/ports/0"),
        refuse("protocol ICMP", CNP, "/spec/egress/4/toPorts/0/ports/0/protocol", "ICMP",
            "/spec/egress/4/toPorts/0/ports/0/protocol"),
        refuse("protocol in lower case", CNP, "/spec/egress/4/toPorts/0/ports/0/protocol", "tcp",
            "/spec/egress/4/toPorts/0/ports/0/protocol"),
        refuse("a port as a number", CNP, "/spec/egress/4/toPorts/0/ports/0/port", "6443",
            "/spec/egress/4/toPorts/0/ports/0/port"),
        refuse("port 65536", CNP, "/spec/egress/4/toPorts/0/ports/0/port", "'65536'",
            "/spec/egress/4/toPorts/0/ports/0/port"),
        refuse("a port with a leading zero", CNP, "/spec/egress/4/toPorts/0/ports/0/port", "'010'",
            "/spec/egress/4/toPorts/0/ports/0/port"),
        refuse("a named port of 16 characters", CNP, "/spec/egress/4/toPorts/0/ports/0/port", "abcdefghijklmnop",
            "/spec/egress/4/toPorts/0/ports/0/port"),
        refuse("a named port in upper case", CNP, "/spec/egress/4/toPorts/0/ports/0/port", "HTTP",
            "/spec/egress/4/toPorts/0/ports/0/port"),
        refuse("endPort after a named port", CNP, "/spec/egress/4/toPorts/0/ports/0",
            "{port: https, endPort: 444, protocol: TCP}", "/spec/egress/4/toPorts/0/ports/0"),
        refuse("endPort after port 0", CNP, "/spec/egress/3/toPorts/0/ports/1/endPort", "10",
            "/spec/egress/3/toPorts/0/ports/1"),
        refuse("endPort 65536", CNP, "/spec/egress/3/toPorts/0/ports/0/endPort", "65536",
            "/spec/egress/3/toPorts/0/ports/0/endPort"),
        // ICMP.
        refuse("an icmp type above 255", CNP, "/spec/ingress/2/icmps/0/fields/0/type", "256",
            "/spec/ingress/2/icmps/0/fields/0/type"),
        refuse("an icmp type by name", CNP, "/spec/ingress/2/icmps/0/fields/0/type", "EchoRequest",
            "/spec/ingress/2/icmps/0/fields/0/type"),
        refuse("an icmp field without family", CNP, "/spec/ingress/2/icmps/0/fields/0/family", REMOVE,
            "/spec/ingress/2/icmps/0/fields/0"),
        refuse("an icmp family in lower case", CNP, "/spec/ingress/2/icmps/0/fields/0/family", "ipv4",
            "/spec/ingress/2/icmps/0/fields/0/family"),
        refuse("41 icmp fields", CNP, "/spec/ingress/2/icmps/0/fields", list(41, field),
            "/spec/ingress/2/icmps/0/fields"),
        refuse("41 icmp rules", CNP, "/spec/ingress/2/icmps", list(41, "{fields: [" + field + "]}"),
            "/spec/ingress/2/icmps"),
        refuse("an icmp rule without fields", CNP, "/spec/ingress/2/icmps/0", "{}", "/spec/ingress/2/icmps/0"),
        // Peers.
        refuse("the entity none", CNP, "/spec/ingress/2/fromEntities/0", "none", "/spec/ingress/2/fromEntities/0"),
        refuse("the entity world-ipv4", CNP, "/spec/ingress/2/fromEntities/0", "world-ipv4",
            "/spec/ingress/2/fromEntities/0"),
        refuse("an entity twice", CNP, "/spec/ingress/2/fromEntities/1", "health", "/spec/ingress/2/fromEntities"),
        refuse("a CIDR without prefix length", CNP, "/spec/ingress/1/fromCIDRSet/0/cidr", "203.0.113.0",
            "/spec/ingress/1/fromCIDRSet/0/cidr"),
        refuse("a CIDR rule without cidr", CNP, "/spec/ingress/1/fromCIDRSet/0/cidr", REMOVE,
            "/spec/ingress/1/fromCIDRSet/0"),
        refuse("an empty except", CNP, "/spec/ingress/1/fromCIDRSet/0/except", "[]",
            "/spec/ingress/1/fromCIDRSet/0/except"),
        refuse("an fqdn with matchName and matchPattern", CNP, "/spec/egress/1/toFQDNs/0/matchPattern", "'*.a.com'",
            "/spec/egress/1/toFQDNs/0"),
        refuse("an empty fqdn selector", CNP, "/spec/egress/1/toFQDNs/0", "{}", "/spec/egress/1/toFQDNs/0"),
        refuse("a dns rule with matchName and matchPattern", CNP,
            "/spec/egress/0/toPorts/0/rules/dns/1/matchPattern", "'*'", "/spec/egress/0/toPorts/0/rules/dns/1"),
        refuse("a pattern that starts with * and no dot", CNP, "/spec/egress/1/toFQDNs/1/matchPattern",
            "'*stripe.com'", "/spec/egress/1/toFQDNs/1/matchPattern"),
        refuse("a pattern that starts with **.", CNP, "/spec/egress/1/toFQDNs/1/matchPattern", "'**.stripe.com'",
            "/spec/egress/1/toFQDNs/1/matchPattern"),
        refuse("a name with a trailing dot", CNP, "/spec/egress/1/toFQDNs/0/matchName", "api.stripe.com.",
            "/spec/egress/1/toFQDNs/0/matchName"),
        refuse("a name in upper case", CNP, "/spec/egress/1/toFQDNs/0/matchName", "API.stripe.com",
            "/spec/egress/1/toFQDNs/0/matchName"),
        refuse("a name with a *", CNP, "/spec/egress/1/toFQDNs/0/matchName", "'*.stripe.com'",
            "/spec/egress/1/toFQDNs/0/matchName"),
        refuse("a Service without namespace", CNP, "/spec/egress/2/toServices/0/k8sService/namespace", REMOVE,
            "/spec/egress/2/toServices/0/k8sService"),
        refuse("a Service name that starts with a digit", CNP,
            "/spec/egress/2/toServices/0/k8sService/serviceName", "1db",
            "/spec/egress/2/toServices/0/k8sService/serviceName"),
        // Selectors.
        refuse("In without values", CNP, "/spec/endpointSelector/matchExpressions/0/values", REMOVE,
            "/spec/endpointSelector/matchExpressions/0"),
        refuse("NotIn with no value", CNP, "/spec/endpointSelector/matchExpressions/1/values", "[]",
            "/spec/endpointSelector/matchExpressions/1/values"),
        refuse("DoesNotExist with values", CNP, "/spec/endpointSelector/matchExpressions/2/values", "[x]",
            "/spec/endpointSelector/matchExpressions/2"),
        refuse("Exists with values", CNP, "/spec/ingress/0/fromEndpoints/0/matchExpressions/0/values", "[x]",
            "/spec/ingress/0/fromEndpoints/0/matchExpressions/0"),
        refuse("an operator Gt", CNP, "/spec/endpointSelector/matchExpressions/0/operator", "Gt",
            "/spec/endpointSelector/matchExpressions/0/operator"),
        refuse("an empty matchLabels", CNP, "/spec/endpointSelector/matchLabels", "{}",
            "/spec/endpointSelector/matchLabels"),
        refuse("an empty matchExpressions", CNP, "/spec/endpointSelector/matchExpressions", "[]",
            "/spec/endpointSelector/matchExpressions"),
        refuse("an empty fromEndpoints", CNP, "/spec/ingress/0/fromEndpoints", "[]", "/spec/ingress/0/fromEndpoints"),
        refuse("a label key of another source", CNP, "/spec/endpointSelector/matchLabels", "{'reserved:host': ''}",
            "/spec/endpointSelector/matchLabels"),
        refuse("a label key with a space", CNP, "/spec/endpointSelector/matchLabels", "{'k8s:my app': web}",
            "/spec/endpointSelector/matchLabels"),
        refuse("a label value with a space", CNP, "/spec/endpointSelector/matchLabels/k8s:app", "my web",
            "/spec/endpointSelector/matchLabels/k8s:app"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refused")
  void eachChangeIsRefusedWhereItIsMade(String name, String sample, String pointer, String value, String where) {
    List<Error> errors = SchemaValidation.errors(schemaOf(sample), with(sample(sample), pointer, value));
    assertThat(errors).as(name).isNotEmpty();
    assertThat(errors).as(name + ": an error at or under '" + where + "'")
        .anySatisfy(e -> assertThat(e.getInstanceLocation().toString()).startsWith(where));
  }

  static Stream<Arguments> accepted() {
    return Stream.of(
        accept("an isolating ingress", CNP, "/spec", "{endpointSelector: {}, ingress: [{}]}"),
        accept("an isolating egress with a description", CNP, "/spec", "{endpointSelector: {}, description: d, "
            + "egress: [{}]}"),
        accept("an egressDeny alone, with a description and a log", CNP, "/spec",
            "{endpointSelector: {}, description: d, log: {value: v}, egressDeny: [{toEntities: [world]}]}"),
        accept("an ingressDeny alone with a log", CCNP, "/specs/0",
            "{endpointSelector: {}, log: {value: '~ !'}, ingressDeny: [{toPorts: [{ports: [{port: '0', "
                + "protocol: ANY}]}]}]}"),
        accept("one rule in specs", CCNP, "/specs", "[{endpointSelector: {}, ingress: [{}]}]"),
        accept("toPorts without a peer", CNP, "/spec/egress/4/toEntities", REMOVE),
        // toServices with toPorts: refused by the 1.16 validator (cilium/cilium#20067), accepted from 1.17.0
        // (EgressCommonRule.l3DependentL4Support); the emitter writes it from 1.17 only.
        accept("toServices with toPorts", CNP, "/spec/egress/2/toPorts", "[{ports: [{port: '5432', protocol: TCP}]}]"),
        accept("every port of every protocol", CNP, "/spec/egress/4/toPorts/0/ports/0", "{port: '0', protocol: ANY}"),
        accept("the highest port", CNP, "/spec/egress/4/toPorts/0/ports/0", "{port: '65535', protocol: TCP}"),
        accept("40 ports", CNP, "/spec/egress/4/toPorts/0/ports", list(40, "{port: '1', protocol: TCP}")),
        accept("dns on UDP and TCP", CNP, "/spec/egress/0/toPorts/0/ports",
            "[{port: '53', protocol: UDP}, {port: '53', protocol: TCP}]"),
        accept("dns on a named port", CNP, "/spec/egress/0/toPorts/0/ports/0/port", "dns"),
        accept("http on a range", CNP, "/spec/ingress/0/toPorts/0/ports/0/endPort", "8090"),
        accept("an http alternative that matches everything", CNP, "/spec/ingress/0/toPorts/0/rules/http/0", "{}"),
        accept("a header with a value", CNP, "/spec/ingress/0/toPorts/0/rules/http/0/headers/0", "'X-Env prod'"),
        accept("a Kafka rule of a topic only", CNP, "/spec/ingress/1/toPorts/0/rules/kafka/0", "{topic: orders}"),
        accept("the pattern *", CNP, "/spec/egress/1/toFQDNs/1/matchPattern", "'*'"),
        accept("a service label", CNP, "/spec/egress/1/toFQDNs/0/matchName", "_sip._tcp.example.com"),
        accept("a * inside a label", CNP, "/spec/egress/1/toFQDNs/1/matchPattern", "'api-*.eu-*.example.com'"),
        accept("a label key of any source", CNP, "/spec/endpointSelector/matchLabels", "{'any:app': web}"),
        accept("a label key without source", CNP, "/spec/endpointSelector/matchLabels",
            "{app.kubernetes.io/name: web}"),
        accept("a long namespace label key", CNP, "/spec/ingress/0/fromEndpoints/0/matchLabels",
            "{'k8s:io.cilium.k8s.namespace.labels." + "a".repeat(63) + "': x}"),
        accept("an empty label value", CNP, "/spec/endpointSelector/matchLabels/k8s:app", "''"),
        accept("an IPv6 ICMP rule in an egress rule", CNP, "/spec/egress/2",
            "{icmps: [{fields: [{family: IPv6, type: 255}]}]}"),
        accept("type 0", CNP, "/spec/ingress/2/icmps/0/fields/0/type", "0"),
        accept("no description annotation", CNP, "/metadata/annotations/netlingua.io~1description", REMOVE),
        accept("another annotation", CNP, "/metadata/annotations/example.com~1owner", "team-web"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("accepted")
  void eachOfTheseChangesIsAccepted(String name, String sample, String pointer, String value) {
    assertThat(SchemaValidation.errors(schemaOf(sample), with(sample(sample), pointer, value))).as(name).isEmpty();
  }

  @Test
  void theCasesChangeTheSamplesWhereTheySay() {
    // A pointer that does not reach into the sample would test a document of another shape than the case says.
    for (Stream<Arguments> cases : List.of(refused(), accepted())) {
      cases.forEach(c -> {
        Object[] a = c.get();
        JsonPointer pointer = JsonPointer.compile((String) a[2]);
        assertThat(sample((String) a[1]).at(pointer.head()).isMissingNode()).as((String) a[0]).isFalse();
      });
    }
  }

  private static Arguments refuse(String name, String sample, String pointer, String value, String where) {
    return Arguments.of(name, sample, pointer, value, where);
  }

  private static Arguments accept(String name, String sample, String pointer, String value) {
    return Arguments.of(name, sample, pointer, value);
  }
}


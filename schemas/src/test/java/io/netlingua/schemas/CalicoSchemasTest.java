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
import com.fasterxml.jackson.databind.node.TextNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Calico schemas accept the three rich samples ({@code calico/*.yaml}, each using every field its schema
 * allows) and refuse each change of one place that Netlingua never writes, that a CEL rule of the Calico 3.32.1 CRDs
 * refuses, or that Calico's validator refuses ({@code libcalico-go/lib/validator/v3/validator.go @ v3.32.1}, the
 * checks of the aggregated API server that a native CRD leaves out). Each refusal names the place it is made and the
 * keyword of our schema that makes it (a fragment of the failing keyword's schema location). The two policy schemas
 * share their {@code $defs}, and the tier schema the definitions of the same name. Validated as the emitters
 * validate ({@link SchemaValidation}).
 *
 * <p>The CEL rules ({@code x-kubernetes-validations}) of the GlobalNetworkPolicy CRD
 * ({@code api/config/crd/projectcalico.org_globalnetworkpolicies.yaml @ v3.32.1}; the StagedGlobalNetworkPolicy CRD
 * has the same ones), each with a document of the subset that would break it, refused here ({@link #cel()}):
 * <ul>
 *   <li>on each rule of {@code spec.ingress} and {@code spec.egress} ({@code Rule},
 *       {@code api/pkg/apis/projectcalico/v3/policy_common.go}): {@value #CEL_HTTP_PROTOCOL}, {@value #CEL_HTTP_ALLOW}
 *       and {@value #CEL_SERVICE_PORTS} (its {@code notPorts} half cannot apply: the subset has no {@code notPorts});
 *   <li>on {@code icmp} of each rule ({@code ICMPFields}): {@value #CEL_ICMP_CODE}; on {@code notICMP}, the same,
 *       which cannot apply: the subset has no {@code notICMP}.
 * </ul>
 * And those that cannot apply, since the subset has none of {@code preDNAT}, {@code doNotTrack} and
 * {@code applyOnForward} (a document that would break them is refused for the field itself): on {@code spec}
 * ({@code GlobalNetworkPolicySpec}, {@code globalnetworkpolicy.go}) {@value #CEL_PRE_DNAT_DO_NOT_TRACK},
 * {@value #CEL_PRE_DNAT_EGRESS}, {@value #CEL_PRE_DNAT_EGRESS_TYPE} and {@value #CEL_APPLY_ON_FORWARD}. The Tier CRD
 * ({@code libcalico-go/config/crd/crd.projectcalico.org_tiers.yaml @ v3.32.1}) has three, which cannot apply either:
 * our tier is never named {@code kube-admin}, {@code kube-baseline} or {@code default}:
 * {@value #CEL_TIER_KUBE_ADMIN}, {@value #CEL_TIER_KUBE_BASELINE} and {@value #CEL_TIER_DEFAULT}.
 * {@link CalicoSchemaUpstreamTest} checks that these are all the CEL rules of the three CRDs.
 */
class CalicoSchemasTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String GNP = "calico/gnp-rich.yaml";
  static final String SGNP = "calico/sgnp-rich.yaml";
  static final String TIER = "calico/tier-rich.yaml";

  static final String CEL_HTTP_PROTOCOL =
      "!has(self.http) || !has(self.protocol) || self.protocol == 'TCP' || self.protocol == 6";
  static final String CEL_HTTP_ALLOW = "self.action == 'Allow' || !has(self.http)";
  static final String CEL_SERVICE_PORTS = "!has(self.destination) || !has(self.destination.services)"
      + " || (!has(self.destination.ports) || size(self.destination.ports) == 0)"
      + " && (!has(self.destination.notPorts) || size(self.destination.notPorts) == 0)";
  static final String CEL_ICMP_CODE = "!has(self.code) || has(self.type)";
  static final String CEL_PRE_DNAT_DO_NOT_TRACK =
      "!((has(self.doNotTrack) && self.doNotTrack) && (has(self.preDNAT) && self.preDNAT))";
  static final String CEL_PRE_DNAT_EGRESS =
      "(!has(self.preDNAT) || !self.preDNAT) || !has(self.egress) || size(self.egress) == 0";
  static final String CEL_PRE_DNAT_EGRESS_TYPE =
      "(!has(self.preDNAT) || !self.preDNAT) || !has(self.types) || !self.types.exists(t, t == 'Egress')";
  static final String CEL_APPLY_ON_FORWARD = "(has(self.applyOnForward) && self.applyOnForward)"
      + " || ((!has(self.doNotTrack) || !self.doNotTrack) && (!has(self.preDNAT) || !self.preDNAT))";
  static final String CEL_TIER_KUBE_ADMIN =
      "self.metadata.name == 'kube-admin' ? self.spec.defaultAction == 'Pass' : true";
  static final String CEL_TIER_KUBE_BASELINE =
      "self.metadata.name == 'kube-baseline' ? self.spec.defaultAction == 'Pass' : true";
  static final String CEL_TIER_DEFAULT = "self.metadata.name == 'default' ? self.spec.defaultAction == 'Deny' : true";

  /** The CEL rules of the two policy CRDs, each once. */
  static final Set<String> POLICY_CEL_RULES = Set.of(CEL_HTTP_PROTOCOL, CEL_HTTP_ALLOW, CEL_SERVICE_PORTS,
      CEL_ICMP_CODE, CEL_PRE_DNAT_DO_NOT_TRACK, CEL_PRE_DNAT_EGRESS, CEL_PRE_DNAT_EGRESS_TYPE, CEL_APPLY_ON_FORWARD);
  /** The CEL rules of the Tier CRD. */
  static final Set<String> TIER_CEL_RULES = Set.of(CEL_TIER_KUBE_ADMIN, CEL_TIER_KUBE_BASELINE, CEL_TIER_DEFAULT);

  static String schemaOf(String sample) {
    return switch (sample) {
      case GNP -> Schemas.GLOBAL_NETWORK_POLICY;
      case SGNP -> Schemas.STAGED_GLOBAL_NETWORK_POLICY;
      case TIER -> Schemas.TIER;
      default -> throw new IllegalArgumentException(sample);
    };
  }

  private static JsonNode definitions(String schema) throws IOException {
    return JSON.readTree(Schemas.text(schema)).path("$defs");
  }

  @Test
  void thePolicySchemasHaveTheSameDefinitionsButTheSpecWhichDiffersByStagedActionOnly() throws IOException {
    // Each file loads on its own (DocumentValidator compiles a schema from its text alone), so the rules and entity
    // rules are written twice: here they may not drift.
    JsonNode gnp = definitions(Schemas.GLOBAL_NETWORK_POLICY);
    JsonNode sgnp = definitions(Schemas.STAGED_GLOBAL_NETWORK_POLICY);
    Set<String> names = new TreeSet<>();
    gnp.fieldNames().forEachRemaining(names::add);
    Set<String> others = new TreeSet<>();
    sgnp.fieldNames().forEachRemaining(others::add);
    assertThat(others).isEqualTo(names);
    assertThat(names).contains("rule", "ingressRule", "egressRule", "entityRule", "entityConditions", "port", "cidr");
    List<String> differing = names.stream().filter(n -> !gnp.get(n).equals(sgnp.get(n))).toList();
    assertThat(differing).containsExactly("spec");
    ObjectNode staged = sgnp.get("spec").deepCopy();
    assertThat(staged.path("properties").fieldNames().next()).isEqualTo("stagedAction");
    ((ObjectNode) staged.get("properties")).remove("stagedAction");
    ArrayNode required = (ArrayNode) staged.get("required");
    assertThat(required.get(0).asText()).isEqualTo("stagedAction");
    required.remove(0);
    assertThat(staged).isEqualTo(gnp.get("spec"));
  }

  @Test
  void theTierSchemaSharesTheDefinitionsOfTheSameName() throws IOException {
    JsonNode gnp = definitions(Schemas.GLOBAL_NETWORK_POLICY);
    JsonNode tier = definitions(Schemas.TIER);
    List<String> shared = new ArrayList<>();
    tier.fieldNames().forEachRemaining(n -> {
      if (gnp.has(n)) {
        shared.add(n);
      }
    });
    assertThat(shared).containsExactly("metadata", "labels", "annotations", "spec", "qualifiedName", "labelValue");
    for (String n : List.of("labels", "annotations", "qualifiedName", "labelValue")) {
      assertThat(tier.get(n)).as(n).isEqualTo(gnp.get(n));
    }
    // metadata differs by the name only: a tier's own, not a policy's.
    ObjectNode metadata = tier.get("metadata").deepCopy();
    ((ObjectNode) metadata.get("properties")).set("name", gnp.path("metadata").path("properties").get("name"));
    assertThat(metadata).isEqualTo(gnp.get("metadata"));
    assertThat(tier.path("metadata").path("properties").path("name").path("$ref").asText())
        .isEqualTo("#/$defs/newTierName");
    // A tier's own name is a tier name that Calico does not make.
    assertThat(tier.path("newTierName").path("pattern").asText())
        .endsWith(gnp.path("tierName").path("pattern").asText().substring(1));
  }

  @Test
  void theCidrPatternIsTheIpv4AndTheIpv6PatternSideBySide() throws IOException {
    JsonNode defs = definitions(Schemas.GLOBAL_NETWORK_POLICY);
    String v4 = defs.path("ipv4Cidr").path("pattern").asText();
    String v6 = defs.path("ipv6Cidr").path("pattern").asText();
    assertThat(v4).startsWith("^(?:").endsWith(")$");
    assertThat(v6).startsWith("^(?:").endsWith(")$");
    assertThat(defs.path("cidr").path("pattern").asText()).isEqualTo(v4 + "|" + v6);
  }

  @ParameterizedTest
  @ValueSource(strings = {GNP, SGNP, TIER})
  void eachRichSampleValidatesAndUsesEveryPropertyItsSchemaAllows(String resource) throws IOException {
    // Every property of every definition (as DEFINITION.PROPERTY, inline objects named by their path from it)
    // appears in the sample at least once.
    String name = schemaOf(resource);
    assertThat(SchemaValidation.errors(name, sample(resource))).as(resource).isEmpty();
    JsonNode schema = JSON.readTree(Schemas.text(name));
    Set<String> allowed = new TreeSet<>();
    Set<String> used = new TreeSet<>();
    allowedNames(schema, schema, "root", allowed, new TreeSet<>());
    usedNames(schema, schema, "root", sample(resource), used);
    assertThat(allowed).hasSizeGreaterThan(resource.equals(TIER) ? 8 : 35);
    assertThat(used).containsAll(allowed);
  }

  @Test
  void aSampleOfOneKindIsRefusedByTheOtherSchemas() {
    for (String resource : List.of(GNP, SGNP, TIER)) {
      for (String other : List.of(GNP, SGNP, TIER)) {
        if (!other.equals(resource)) {
          assertThat(SchemaValidation.errors(schemaOf(other), sample(resource))).as(resource + " " + other)
              .isNotEmpty();
        }
      }
    }
  }

  @Test
  void theBranchesAreAllConditionsLookedAtOnlyWhenTheirKeyIsPresent() throws IOException {
    // The emitters validate every document, so a valid one should build few error objects: networknt builds one for
    // each failing subschema under oneOf, anyOf, not, if and contains, even when the whole passes. Where a
    // condition compares two values (ipVersion with the protocol and the CIDRs, ports with the protocol, the CIDRs
    // of a rule with each other) it needs a branch; each sits under dependentSchemas, so that only a rule with an
    // ipVersion, a source or a destination looks at it. The anyOf try the common case first: a rule pays for a
    // failed branch only when its CIDRs are IPv6, when it has an entity rule and no port-carrying protocol, and when
    // its ipVersion is 6. The tier schema has none.
    Set<String> branching = Set.of("oneOf", "anyOf", "not", "if", "contains");
    for (String name : List.of(Schemas.GLOBAL_NETWORK_POLICY, Schemas.STAGED_GLOBAL_NETWORK_POLICY)) {
      JsonNode schema = JSON.readTree(Schemas.text(name));
      List<String> branches = new ArrayList<>();
      keywords(schema, "#", branching, branches);
      assertThat(branches).as(name).containsExactlyInAnyOrder(
          "#/$defs/rule/dependentSchemas/ipVersion/if",
          "#/$defs/entityConditions/allOf/0/anyOf",
          "#/$defs/entityConditions/allOf/1/anyOf");
      List<String> references = new ArrayList<>();
      keywords(schema, "#", Set.of("$ref"), references);
      assertThat(references.stream().filter(r -> schema.at(r.substring(1)).asText().equals("#/$defs/entityConditions")))
          .containsExactlyInAnyOrder(
              "#/$defs/rule/dependentSchemas/source/$ref", "#/$defs/rule/dependentSchemas/destination/$ref");
    }
    List<String> none = new ArrayList<>();
    keywords(JSON.readTree(Schemas.text(Schemas.TIER)), "#", branching, none);
    assertThat(none).isEmpty();
  }

  /** The anyOf of one family of CIDRs (entityConditions), as evaluation reaches it from a rule's source. */
  private static final String FAMILIES_OF_SOURCE = "/dependentSchemas/source/$ref/allOf/1/anyOf";
  /** The same, from a rule's destination. */
  private static final String FAMILIES_OF_DESTINATION = "/dependentSchemas/destination/$ref/allOf/1/anyOf";

  static Stream<Arguments> refused() {
    String service = "{name: db, namespace: data}";
    return Stream.of(
        // Anything Netlingua does not write.
        refuse("an unknown top-level field", GNP, "/status", "{}", "", "/additionalProperties"),
        refuse("a namespace: a GlobalNetworkPolicy is cluster-scoped", GNP, "/metadata/namespace", "shop",
            "/metadata", "/$defs/metadata/additionalProperties"),
        refuse("doNotTrack", GNP, "/spec/doNotTrack", "true", "/spec", "/$defs/spec/additionalProperties"),
        refuse("serviceAccountSelector", GNP, "/spec/serviceAccountSelector", "all()", "/spec",
            "/$defs/spec/additionalProperties"),
        refuse("performanceHints", GNP, "/spec/performanceHints", "[AssumeNeededOnEveryNode]", "/spec",
            "/$defs/spec/additionalProperties"),
        refuse("notProtocol", GNP, "/spec/ingress/4/notProtocol", "UDP", "/spec/ingress/4",
            "/$defs/rule/additionalProperties"),
        refuse("notSelector", GNP, "/spec/ingress/4/source/notSelector", "a == 'b'", "/spec/ingress/4/source",
            "/$defs/entityRule/additionalProperties"),
        refuse("rule metadata labels", GNP, "/spec/ingress/0/metadata/labels", "{a: b}",
            "/spec/ingress/0/metadata", "/$defs/ruleMetadata/additionalProperties"),
        refuse("the action Pass", GNP, "/spec/ingress/4/action", "Pass", "/spec/ingress/4/action",
            "/$defs/rule/properties/action/enum"),
        refuse("the protocol UDPLite", GNP, "/spec/ingress/1/protocol", "UDPLite", "/spec/ingress/1/protocol",
            "/$defs/rule/properties/protocol/enum"),
        refuse("a protocol by number", GNP, "/spec/ingress/1/protocol", "17", "/spec/ingress/1/protocol",
            "/$defs/rule/properties/protocol/type"),
        refuse("an ipVersion 5", GNP, "/spec/ingress/0/ipVersion", "5", "/spec/ingress/0/ipVersion",
            "/$defs/rule/properties/ipVersion/enum"),
        // The object.
        refuse("another apiVersion", GNP, "/apiVersion", "crd.projectcalico.org/v1", "/apiVersion",
            "/properties/apiVersion/const"),
        refuse("another kind", GNP, "/kind", "NetworkPolicy", "/kind", "/properties/kind/const"),
        refuse("no name", GNP, "/metadata/name", REMOVE, "/metadata", "/$defs/metadata/required"),
        refuse("a name of three labels", GNP, "/metadata/name", "a.b.c", "/metadata/name",
            "/$defs/policyName/pattern"),
        refuse("a name in upper case", GNP, "/metadata/name", "Web", "/metadata/name", "/$defs/policyName/pattern"),
        refuse("a name of 254 characters", GNP, "/metadata/name", "a".repeat(127) + "." + "b".repeat(126),
            "/metadata/name", "/$defs/policyName/maxLength"),
        refuse("a label key with a space", GNP, "/metadata/labels/my app", "web", "/metadata/labels",
            "/$defs/labels/propertyNames"),
        refuse("a label value with a space", GNP, "/metadata/labels/app.kubernetes.io~1managed-by", "net lingua",
            "/metadata/labels", "/$defs/labelValue/pattern"),
        refuse("an annotation key with two slashes", GNP, "/metadata/annotations/a~1b~1c", "x",
            "/metadata/annotations", "/$defs/annotations/propertyNames"),
        // The spec.
        refuse("no selector", GNP, "/spec/selector", REMOVE, "/spec", "/$defs/spec/required"),
        refuse("an empty selector", GNP, "/spec/selector", "''", "/spec/selector", "/$defs/selector/minLength"),
        refuse("global() in the spec's selector", GNP, "/spec/selector", "global()", "/spec/selector",
            "/$defs/selector/pattern"),
        refuse("global() in the spec's namespaceSelector", GNP, "/spec/namespaceSelector", "global()",
            "/spec/namespaceSelector", "/$defs/selector/pattern"),
        refuse("no types", GNP, "/spec/types", REMOVE, "/spec", "/$defs/spec/required"),
        refuse("empty types", GNP, "/spec/types", "[]", "/spec/types", "/$defs/types/minItems"),
        refuse("a type twice", GNP, "/spec/types/1", "Ingress", "/spec/types", "/$defs/types/uniqueItems"),
        refuse("three types", GNP, "/spec/types", "[Ingress, Egress, Ingress]", "/spec/types",
            "/$defs/types/maxItems"),
        refuse("a type in lower case", GNP, "/spec/types/0", "ingress", "/spec/types/0",
            "/$defs/types/items/enum"),
        refuse("ingress rules of a policy that does not apply to ingress", GNP, "/spec/types", "[Egress]",
            "/spec/types", "/$defs/spec/dependentSchemas/ingress/properties/types/enum"),
        refuse("egress rules of a policy that does not apply to egress", GNP, "/spec/types", "[Ingress]",
            "/spec/types", "/$defs/spec/dependentSchemas/egress/properties/types/enum"),
        refuse("an empty ingress", GNP, "/spec/ingress", "[]", "/spec/ingress", "/properties/ingress/minItems"),
        refuse("an empty egress", GNP, "/spec/egress", "[]", "/spec/egress", "/properties/egress/minItems"),
        refuse("a tier name with a dot", GNP, "/spec/tier", "net.lingua", "/spec/tier", "/$defs/tierName/pattern"),
        refuse("a tier name of 64 characters", GNP, "/spec/tier", "t".repeat(64), "/spec/tier",
            "/$defs/tierName/maxLength"),
        refuse("an order as a string", GNP, "/spec/order", "'100'", "/spec/order", "/properties/order/type"),
        // A rule.
        refuse("a rule without action", GNP, "/spec/ingress/4/action", REMOVE, "/spec/ingress/4",
            "/$defs/rule/required"),
        refuse("an empty rule metadata", GNP, "/spec/ingress/0/metadata", "{}", "/spec/ingress/0/metadata",
            "/$defs/ruleMetadata/required"),
        refuse("a rule annotation key with a space", GNP, "/spec/ingress/0/metadata/annotations/my key", "v",
            "/spec/ingress/0/metadata/annotations", "/$defs/annotations/propertyNames"),
        // ICMP.
        refuse("icmp without protocol", GNP, "/spec/ingress/2/protocol", REMOVE, "/spec/ingress/2",
            "/$defs/rule/dependentSchemas/icmp/required"),
        refuse("icmp with protocol TCP", GNP, "/spec/ingress/2/protocol", "TCP", "/spec/ingress/2/protocol",
            "/$defs/rule/dependentSchemas/icmp/properties/protocol/enum"),
        refuse("protocol ICMP with ipVersion 6", GNP, "/spec/ingress/2/ipVersion", "6", "/spec/ingress/2/protocol",
            "/$defs/ipv6Rule/properties/protocol/enum"),
        refuse("protocol ICMPv6 with ipVersion 4", GNP, "/spec/ingress/3/ipVersion", "4",
            "/spec/ingress/3/protocol", "/$defs/ipv4Rule/properties/protocol/enum"),
        refuse("protocol ICMP with ipVersion 6 and no icmp", GNP, "/spec/ingress/2",
            "{action: Deny, protocol: ICMP, ipVersion: 6}", "/spec/ingress/2/protocol",
            "/$defs/ipv6Rule/properties/protocol/enum"),
        refuse("an icmp type of 255", GNP, "/spec/ingress/2/icmp/type", "255", "/spec/ingress/2/icmp/type",
            "/$defs/icmp/properties/type/maximum"),
        refuse("an icmp code of 256", GNP, "/spec/ingress/2/icmp/code", "256", "/spec/ingress/2/icmp/code",
            "/$defs/icmp/properties/code/maximum"),
        refuse("an empty icmp", GNP, "/spec/ingress/3/icmp", "{}", "/spec/ingress/3/icmp",
            "/$defs/icmp/minProperties"),
        // Ports ("rules that specify ports must set protocol to TCP or UDP or SCTP").
        refuse("source ports with protocol ICMP", GNP, "/spec/ingress/2/source/ports", "[80]", "/spec/ingress/2",
            "/$defs/entityConditions/allOf/0/anyOf"),
        refuse("destination ports without protocol", GNP, "/spec/egress/2/protocol", REMOVE, "/spec/egress/2",
            "/$defs/entityConditions/allOf/0/anyOf"),
        refuse("a named port without protocol", GNP, "/spec/ingress/4/destination", "{ports: [http]}",
            "/spec/ingress/4", "/$defs/entityConditions/allOf/0/anyOf"),
        refuse("port 0", GNP, "/spec/ingress/0/destination/ports/0", "0", "/spec/ingress/0/destination/ports/0",
            "/$defs/port/minimum"),
        refuse("port 65536", GNP, "/spec/ingress/0/destination/ports/0", "65536",
            "/spec/ingress/0/destination/ports/0", "/$defs/port/maximum"),
        refuse("a port number as a string", GNP, "/spec/ingress/0/destination/ports/0", "'8080'",
            "/spec/ingress/0/destination/ports/0", "/$defs/port/pattern"),
        refuse("a range from 0", GNP, "/spec/ingress/0/destination/ports/1", "'0:10'",
            "/spec/ingress/0/destination/ports/1", "/$defs/port/pattern"),
        refuse("a range to 65536", GNP, "/spec/ingress/0/destination/ports/1", "'9000:65536'",
            "/spec/ingress/0/destination/ports/1", "/$defs/port/pattern"),
        refuse("a range from high to low", GNP, "/spec/ingress/0/destination/ports/1", "'9100:9000'",
            "/spec/ingress/0/destination/ports/1", "/$defs/port/pattern"),
        refuse("a range with a leading zero", GNP, "/spec/ingress/0/destination/ports/1", "'0900:9100'",
            "/spec/ingress/0/destination/ports/1", "/$defs/port/pattern"),
        refuse("a range with a dash", GNP, "/spec/ingress/0/destination/ports/1", "'9000-9100'",
            "/spec/ingress/0/destination/ports/1", "/$defs/port/pattern"),
        refuse("a port name of 16 characters", GNP, "/spec/ingress/0/destination/ports/2", "abcdefghijklmnop",
            "/spec/ingress/0/destination/ports/2", "/$defs/port/pattern"),
        refuse("a port name in upper case", GNP, "/spec/ingress/0/destination/ports/2", "HTTP",
            "/spec/ingress/0/destination/ports/2", "/$defs/port/pattern"),
        refuse("a port name with two dashes in a row", GNP, "/spec/ingress/0/destination/ports/2", "web--tls",
            "/spec/ingress/0/destination/ports/2", "/$defs/port/pattern"),
        refuse("a port name that ends in a dash", GNP, "/spec/ingress/0/destination/ports/2", "web-",
            "/spec/ingress/0/destination/ports/2", "/$defs/port/pattern"),
        refuse("a port name with an underscore", GNP, "/spec/ingress/0/destination/ports/2", "web_tls",
            "/spec/ingress/0/destination/ports/2", "/$defs/port/pattern"),
        refuse("an empty ports", GNP, "/spec/ingress/0/destination/ports", "[]", "/spec/ingress/0/destination/ports",
            "/$defs/entityRule/properties/ports/minItems"),
        // HTTP (CEL rules of Rule; validateRule; validateGlobalNetworkPolicySpec; validateHTTPRule). http on a
        // Deny rule and over UDP, as a destination Service with ports, are among the cel() cases.
        refuse("http on a Log rule", GNP, "/spec/ingress/0/action", "Log", "/spec/ingress/0/action",
            "/$defs/rule/dependentSchemas/http/properties/action/const"),
        refuse("http in an egress rule", GNP, "/spec/egress/0/http", "{methods: [GET]}", "/spec/egress/0/http",
            "/$defs/egressRule/properties/http"),
        refuse("an empty http", GNP, "/spec/ingress/0/http", "{}", "/spec/ingress/0/http",
            "/$defs/http/minProperties"),
        refuse("21 methods", GNP, "/spec/ingress/0/http/methods", list(21, "GET").replace("GET", "M"),
            "/spec/ingress/0/http/methods", "/$defs/http/properties/methods/maxItems"),
        refuse("a method twice", GNP, "/spec/ingress/0/http/methods/1", "GET", "/spec/ingress/0/http/methods",
            "/$defs/http/properties/methods/uniqueItems"),
        refuse("a method with a space", GNP, "/spec/ingress/0/http/methods/1", "'GET /'",
            "/spec/ingress/0/http/methods/1", "/$defs/http/properties/methods/items/pattern"),
        refuse("21 paths", GNP, "/spec/ingress/0/http/paths", list(21, "{prefix: /}"),
            "/spec/ingress/0/http/paths", "/$defs/http/properties/paths/maxItems"),
        refuse("a path with exact and prefix", GNP, "/spec/ingress/0/http/paths/0/prefix", "/api",
            "/spec/ingress/0/http/paths/0", "/$defs/httpPath/maxProperties"),
        refuse("a path with neither", GNP, "/spec/ingress/0/http/paths/0", "{}", "/spec/ingress/0/http/paths/0",
            "/$defs/httpPath/minProperties"),
        refuse("a path without a leading slash", GNP, "/spec/ingress/0/http/paths/0/exact", "api",
            "/spec/ingress/0/http/paths/0/exact", "/$defs/httpPathValue/pattern"),
        refuse("a path with a query", GNP, "/spec/ingress/0/http/paths/0/exact", "/api?x=1",
            "/spec/ingress/0/http/paths/0/exact", "/$defs/httpPathValue/pattern"),
        refuse("a path with a fragment", GNP, "/spec/ingress/0/http/paths/1/prefix", "'/static/#top'",
            "/spec/ingress/0/http/paths/1/prefix", "/$defs/httpPathValue/pattern"),
        refuse("a path with a space", GNP, "/spec/ingress/0/http/paths/1/prefix", "'/static files/'",
            "/spec/ingress/0/http/paths/1/prefix", "/$defs/httpPathValue/pattern"),
        refuse("a path of 1025 characters", GNP, "/spec/ingress/0/http/paths/1/prefix", "/" + "a".repeat(1024),
            "/spec/ingress/0/http/paths/1/prefix", "/$defs/httpPathValue/maxLength"),
        // CIDRs.
        refuse("a CIDR without prefix length", GNP, "/spec/ingress/0/source/nets/0", "10.0.0.0",
            "/spec/ingress/0/source/nets/0", "/$defs/cidr/pattern"),
        refuse("an IPv4 prefix length of 33", GNP, "/spec/ingress/0/source/nets/0", "10.0.0.0/33",
            "/spec/ingress/0/source/nets/0", "/$defs/cidr/pattern"),
        refuse("an IPv6 CIDR in upper case", GNP, "/spec/ingress/3/source/nets/0", "2001:DB8::/32",
            "/spec/ingress/3/source/nets/0", "/$defs/cidr/pattern"),
        refuse("an IPv6 CIDR of nine groups", GNP, "/spec/ingress/3/source/nets/0", "1:2:3:4:5:6:7:8:9/64",
            "/spec/ingress/3/source/nets/0", "/$defs/cidr/pattern"),
        refuse("an IPv6 CIDR with two ::", GNP, "/spec/ingress/3/source/nets/0", "2001::db8::/32",
            "/spec/ingress/3/source/nets/0", "/$defs/cidr/pattern"),
        refuse("an IPv4-mapped IPv6 CIDR", GNP, "/spec/ingress/3/source/nets/0", "::ffff:a00:0/104",
            "/spec/ingress/3/source/nets/0", "/$defs/cidr/pattern"),
        refuse("a CIDR twice", GNP, "/spec/ingress/0/source/nets/1", "10.0.0.0/8", "/spec/ingress/0/source/nets",
            "/$defs/entityRule/properties/nets/uniqueItems"),
        refuse("notNets 0.0.0.0/0", GNP, "/spec/ingress/0/source/notNets/0", "0.0.0.0/0",
            "/spec/ingress/0/source/notNets/0", "/$defs/entityRule/properties/notNets/items/pattern"),
        refuse("notNets ::/0", GNP, "/spec/ingress/3/source/notNets/0", "::/0",
            "/spec/ingress/3/source/notNets/0", "/$defs/entityRule/properties/notNets/items/pattern"),
        refuse("an IPv6 CIDR with ipVersion 4", GNP, "/spec/ingress/0/source/nets/1", "2001:db8::/32",
            "/spec/ingress/0/source/nets/1", "/$defs/ipv4Cidr/pattern"),
        refuse("an IPv4 CIDR with ipVersion 6", GNP, "/spec/egress/1/destination/nets/0", "10.0.0.0/8",
            "/spec/egress/1/destination/nets/0", "/$defs/ipv6Cidr/pattern"),
        refuse("IPv4 and IPv6 in one nets", GNP, "/spec/egress/2/destination/nets/0", "::/0", "/spec/egress/2",
            FAMILIES_OF_DESTINATION),
        refuse("IPv6 nets, IPv4 notNets", GNP, "/spec/ingress/3/source/notNets/0", "10.0.0.0/8", "/spec/ingress/3",
            FAMILIES_OF_SOURCE),
        refuse("IPv6 in the source, IPv4 in the destination", GNP, "/spec/egress/2/source/nets", "[fd00::/8]",
            "/spec/egress/2", FAMILIES_OF_SOURCE),
        // Selectors and service accounts.
        refuse("an empty entity rule", GNP, "/spec/ingress/4/source", "{}", "/spec/ingress/4/source",
            "/$defs/entityRule/minProperties"),
        refuse("global() in an entity selector", GNP, "/spec/ingress/0/source/selector", "global()",
            "/spec/ingress/0/source/selector", "/$defs/selector/pattern"),
        refuse("global() with another namespace selector", GNP, "/spec/ingress/4/source/namespaceSelector",
            "global() && team == 'a'", "/spec/ingress/4/source/namespaceSelector",
            "/$defs/entityNamespaceSelector/pattern"),
        refuse("an empty serviceAccounts", GNP, "/spec/ingress/2/source/serviceAccounts", "{}",
            "/spec/ingress/2/source/serviceAccounts", "/$defs/serviceAccounts/minProperties"),
        refuse("a service account twice", GNP, "/spec/ingress/2/source/serviceAccounts/names/1", "legacy",
            "/spec/ingress/2/source/serviceAccounts/names", "/$defs/serviceAccounts/properties/names/uniqueItems"),
        refuse("a service account name with an underscore", GNP,
            "/spec/ingress/2/source/serviceAccounts/names/1", "batch_job",
            "/spec/ingress/2/source/serviceAccounts/names/1", "/$defs/dns1123Subdomain/pattern"),
        // Services ("must specify a service name", "must specify a namespace", stands alone, no destination ports).
        refuse("a Service without name", GNP, "/spec/egress/0/destination/services/name", REMOVE,
            "/spec/egress/0/destination/services", "/$defs/services/required"),
        refuse("a Service without namespace", GNP, "/spec/egress/0/destination/services/namespace", REMOVE,
            "/spec/egress/0/destination/services", "/$defs/services/required"),
        refuse("a Service name that starts with a digit", GNP, "/spec/egress/0/destination/services/name", "1db",
            "/spec/egress/0/destination/services/name", "/$defs/dns1035Label/pattern"),
        refuse("a Service with a selector", GNP, "/spec/egress/0/destination/selector", "app == 'db'",
            "/spec/egress/0/destination/selector", "/$defs/entityRule/dependentSchemas/services/properties/selector"),
        refuse("a Service with a namespaceSelector", GNP, "/spec/ingress/1/source/namespaceSelector", "all()",
            "/spec/ingress/1/source/namespaceSelector",
            "/$defs/entityRule/dependentSchemas/services/properties/namespaceSelector"),
        refuse("a Service with nets", GNP, "/spec/egress/0/destination/nets", "[10.0.0.0/8]",
            "/spec/egress/0/destination/nets", "/$defs/entityRule/dependentSchemas/services/properties/nets"),
        refuse("a Service with notNets", GNP, "/spec/ingress/1/source/notNets", "[10.0.0.0/8]",
            "/spec/ingress/1/source/notNets", "/$defs/entityRule/dependentSchemas/services/properties/notNets"),
        refuse("a Service with serviceAccounts", GNP, "/spec/egress/0/destination/serviceAccounts",
            "{names: [db]}", "/spec/egress/0/destination/serviceAccounts",
            "/$defs/entityRule/dependentSchemas/services/properties/serviceAccounts"),
        refuse("a Service as the destination of an ingress rule", GNP, "/spec/ingress/4/destination",
            "{services: " + service + "}", "/spec/ingress/4/destination/services",
            "/$defs/ingressRule/properties/destination/properties/services"),
        refuse("a Service as the source of an egress rule", GNP, "/spec/egress/0/source",
            "{services: " + service + "}", "/spec/egress/0/source/services",
            "/$defs/egressRule/properties/source/properties/services"),
        // The staged policy.
        refuse("no stagedAction", SGNP, "/spec/stagedAction", REMOVE, "/spec", "/$defs/spec/required"),
        refuse("stagedAction Delete", SGNP, "/spec/stagedAction", "Delete", "/spec/stagedAction",
            "/$defs/spec/properties/stagedAction/const"),
        refuse("stagedAction Learn", SGNP, "/spec/stagedAction", "Learn", "/spec/stagedAction",
            "/$defs/spec/properties/stagedAction/const"),
        refuse("stagedAction Ignore", SGNP, "/spec/stagedAction", "Ignore", "/spec/stagedAction",
            "/$defs/spec/properties/stagedAction/const"),
        refuse("a stagedAction in a GlobalNetworkPolicy", GNP, "/spec/stagedAction", "Set", "/spec",
            "/$defs/spec/additionalProperties"),
        refuse("a staged http in an egress rule", SGNP, "/spec/egress/0/http", "{methods: [GET]}",
            "/spec/egress/0/http", "/$defs/egressRule/properties/http"),
        refuse("a staged mix of IPv4 and IPv6", SGNP, "/spec/egress/1/destination/notNets/0", "fd00::/8",
            "/spec/egress/1", FAMILIES_OF_DESTINATION),
        // The tier.
        refuse("the default tier", TIER, "/metadata/name", "default", "/metadata/name",
            "/$defs/newTierName/pattern"),
        refuse("the kube-admin tier", TIER, "/metadata/name", "kube-admin", "/metadata/name",
            "/$defs/newTierName/pattern"),
        refuse("the kube-baseline tier", TIER, "/metadata/name", "kube-baseline", "/metadata/name",
            "/$defs/newTierName/pattern"),
        refuse("the adminnetworkpolicy tier", TIER, "/metadata/name", "adminnetworkpolicy", "/metadata/name",
            "/$defs/newTierName/pattern"),
        refuse("the baselineadminnetworkpolicy tier", TIER, "/metadata/name", "baselineadminnetworkpolicy",
            "/metadata/name", "/$defs/newTierName/pattern"),
        refuse("the allow-tigera tier", TIER, "/metadata/name", "allow-tigera", "/metadata/name",
            "/$defs/newTierName/pattern"),
        refuse("the calico-system tier", TIER, "/metadata/name", "calico-system", "/metadata/name",
            "/$defs/newTierName/pattern"),
        refuse("a tier name with a dot", TIER, "/metadata/name", "net.lingua", "/metadata/name",
            "/$defs/newTierName/pattern"),
        refuse("a tier name of 64 characters", TIER, "/metadata/name", "t".repeat(64), "/metadata/name",
            "/$defs/newTierName/maxLength"),
        refuse("a namespace: a Tier is cluster-scoped", TIER, "/metadata/namespace", "shop", "/metadata",
            "/$defs/metadata/additionalProperties"),
        refuse("no order", TIER, "/spec/order", REMOVE, "/spec", "/$defs/spec/required"),
        refuse("the order of the admin tier", TIER, "/spec/order", "1000", "/spec/order",
            "/$defs/spec/properties/order/exclusiveMinimum"),
        refuse("an order before the admin tier", TIER, "/spec/order", "100", "/spec/order",
            "/$defs/spec/properties/order/exclusiveMinimum"),
        refuse("the order of the default tier", TIER, "/spec/order", "1000000", "/spec/order",
            "/$defs/spec/properties/order/exclusiveMaximum"),
        refuse("the order of the baseline tier", TIER, "/spec/order", "10000000", "/spec/order",
            "/$defs/spec/properties/order/exclusiveMaximum"),
        refuse("no defaultAction", TIER, "/spec/defaultAction", REMOVE, "/spec", "/$defs/spec/required"),
        refuse("the defaultAction Pass", TIER, "/spec/defaultAction", "Pass", "/spec/defaultAction",
            "/$defs/spec/properties/defaultAction/const"),
        refuse("the defaultAction Allow", TIER, "/spec/defaultAction", "Allow", "/spec/defaultAction",
            "/$defs/spec/properties/defaultAction/const"),
        refuse("a tier status", TIER, "/status", "{}", "", "/additionalProperties"),
        refuse("a tier label value with a space", TIER, "/metadata/labels/app.kubernetes.io~1managed-by",
            "net lingua", "/metadata/labels", "/$defs/labelValue/pattern"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refused")
  void eachChangeIsRefusedWhereItIsMadeByTheKeywordThatSaysIt(
      String name, String sample, String pointer, String value, String where, String keyword) {
    assertRefused(name, sample, pointer, value, where, keyword);
  }

  /**
   * For each CEL rule of the CRDs, documents of the subset that would break it, refused here (the list is in the
   * class comment). A rule that no document of the subset can break is shown with the field it needs, which the
   * subset does not have.
   */
  static Stream<Arguments> cel() {
    return Stream.of(
        celCase(CEL_HTTP_PROTOCOL, "http over UDP", GNP, "/spec/ingress/0/protocol", "UDP",
            "/spec/ingress/0/protocol", "/$defs/rule/dependentSchemas/http/properties/protocol/const"),
        celCase(CEL_HTTP_PROTOCOL, "http over ICMP", GNP, "/spec/ingress/4",
            "{action: Allow, protocol: ICMP, http: {methods: [GET]}}", "/spec/ingress/4/protocol",
            "/$defs/rule/dependentSchemas/http/properties/protocol/const"),
        celCase(CEL_HTTP_PROTOCOL, "staged http over SCTP", SGNP, "/spec/ingress/0/protocol", "SCTP",
            "/spec/ingress/0/protocol", "/$defs/rule/dependentSchemas/http/properties/protocol/const"),
        celCase(CEL_HTTP_ALLOW, "http on a Deny rule", GNP, "/spec/ingress/0/action", "Deny",
            "/spec/ingress/0/action", "/$defs/rule/dependentSchemas/http/properties/action/const"),
        celCase(CEL_HTTP_ALLOW, "staged http on a Log rule", SGNP, "/spec/ingress/0/action", "Log",
            "/spec/ingress/0/action", "/$defs/rule/dependentSchemas/http/properties/action/const"),
        celCase(CEL_SERVICE_PORTS, "a destination Service with ports", GNP, "/spec/egress/0",
            "{action: Allow, protocol: TCP, destination: {services: {name: db, namespace: data}, ports: [5432]}}",
            "/spec/egress/0/destination/ports",
            "/$defs/rule/properties/destination/dependentSchemas/services/properties/ports"),
        celCase(CEL_SERVICE_PORTS, "a staged destination Service with ports", SGNP, "/spec/egress/0/destination",
            "{services: {name: standby, namespace: data}, ports: ['5432:5433']}", "/spec/egress/0/destination/ports",
            "/$defs/rule/properties/destination/dependentSchemas/services/properties/ports"),
        celCase(CEL_SERVICE_PORTS, "a destination Service with notPorts (no notPorts in the subset)", GNP,
            "/spec/egress/0/destination/notPorts", "[5432]", "/spec/egress/0/destination",
            "/$defs/entityRule/additionalProperties"),
        celCase(CEL_ICMP_CODE, "an icmp code without type", GNP, "/spec/ingress/2/icmp", "{code: 0}",
            "/spec/ingress/2/icmp", "/$defs/icmp/dependentRequired"),
        celCase(CEL_ICMP_CODE, "a staged icmp code without type", SGNP, "/spec/egress/1/icmp/type", REMOVE,
            "/spec/egress/1/icmp", "/$defs/icmp/dependentRequired"),
        celCase(CEL_ICMP_CODE, "a notICMP code without type (no notICMP in the subset)", GNP,
            "/spec/ingress/2/notICMP", "{code: 0}", "/spec/ingress/2", "/$defs/rule/additionalProperties"),
        celCase(CEL_PRE_DNAT_DO_NOT_TRACK, "preDNAT and doNotTrack (neither in the subset)", GNP, "/spec",
            "{selector: all(), types: [Ingress], preDNAT: true, doNotTrack: true, applyOnForward: true}", "/spec",
            "/$defs/spec/additionalProperties"),
        celCase(CEL_PRE_DNAT_EGRESS, "preDNAT with egress rules (no preDNAT in the subset)", GNP,
            "/spec/preDNAT", "true", "/spec", "/$defs/spec/additionalProperties"),
        celCase(CEL_PRE_DNAT_EGRESS_TYPE, "preDNAT with type Egress (no preDNAT in the subset)", GNP, "/spec",
            "{selector: all(), types: [Egress], preDNAT: true, applyOnForward: true}", "/spec",
            "/$defs/spec/additionalProperties"),
        celCase(CEL_APPLY_ON_FORWARD, "doNotTrack without applyOnForward (no doNotTrack in the subset)", SGNP,
            "/spec/doNotTrack", "true", "/spec", "/$defs/spec/additionalProperties"),
        celCase(CEL_TIER_KUBE_ADMIN, "the kube-admin tier with Deny (never our tier's name)", TIER,
            "/metadata/name", "kube-admin", "/metadata/name", "/$defs/newTierName/pattern"),
        celCase(CEL_TIER_KUBE_BASELINE, "the kube-baseline tier with Deny (never our tier's name)", TIER,
            "/metadata/name", "kube-baseline", "/metadata/name", "/$defs/newTierName/pattern"),
        celCase(CEL_TIER_DEFAULT, "the default tier with Pass (never our tier's name, never Pass)", TIER,
            "/metadata", "{name: default}", "/metadata/name", "/$defs/newTierName/pattern"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("cel")
  void aDocumentThatWouldBreakACelRuleIsRefused(
      String rule, String name, String sample, String pointer, String value, String where, String keyword) {
    JsonNode document = with(sample(sample), pointer, value);
    if (rule.equals(CEL_TIER_DEFAULT)) {
      ((ObjectNode) document.get("spec")).put("defaultAction", "Pass");
    }
    assertRefusedDocument(name, sample, document, where, keyword);
  }

  @Test
  void everyCelRuleHasACase() {
    Set<String> covered = cel().map(a -> (String) a.get()[0]).collect(Collectors.toSet());
    assertThat(covered).containsAll(POLICY_CEL_RULES).containsAll(TIER_CEL_RULES)
        .hasSize(POLICY_CEL_RULES.size() + TIER_CEL_RULES.size());
  }

  static Stream<Arguments> accepted() {
    return Stream.of(
        accept("a policy in the default tier", GNP, "/spec/tier", "default"),
        accept("a policy without tier, order or namespaceSelector", GNP, "/spec",
            "{selector: all(), types: [Ingress]}"),
        accept("a name without a dot", GNP, "/metadata/name", "shop-web"),
        accept("a name of 253 characters", GNP, "/metadata/name", "a".repeat(126) + "." + "b".repeat(126)),
        accept("no labels and no annotations", GNP, "/metadata", "{name: web}"),
        accept("an egress-only policy", GNP, "/spec",
            "{selector: all(), types: [Egress], egress: [{action: Deny}]}"),
        accept("the types the other way round", GNP, "/spec/types", "[Egress, Ingress]"),
        accept("a negative order", GNP, "/spec/order", "-1.5"),
        accept("http without protocol", GNP, "/spec/ingress/4", "{action: Allow, http: {methods: [GET]}}"),
        accept("http with paths only", GNP, "/spec/ingress/0/http", "{paths: [{exact: /}]}"),
        accept("20 methods", GNP, "/spec/ingress/0/http/methods",
            IntStream.range(0, 20).mapToObj(i -> "M" + i).collect(Collectors.joining(", ", "[", "]"))),
        accept("a path of 1024 characters", GNP, "/spec/ingress/0/http/paths/1/prefix", "/" + "a".repeat(1023)),
        accept("icmp of a type only", GNP, "/spec/ingress/2/icmp", "{type: 0}"),
        accept("icmp type 254 code 255", GNP, "/spec/ingress/2/icmp", "{type: 254, code: 255}"),
        accept("protocol ICMP without ipVersion", GNP, "/spec/ingress/2/ipVersion", REMOVE),
        accept("protocol ICMPv6 with ipVersion 6", GNP, "/spec/ingress/3/ipVersion", "6"),
        accept("ports over UDP", GNP, "/spec/egress/2/protocol", "UDP"),
        accept("ports over SCTP", GNP, "/spec/egress/2/protocol", "SCTP"),
        accept("the lowest and highest port", GNP, "/spec/ingress/0/destination/ports", "[1, 65535, '1:65535']"),
        accept("a range of one port", GNP, "/spec/ingress/0/destination/ports/1", "'9000:9000'"),
        accept("a range across digit counts", GNP, "/spec/ingress/0/destination/ports/1", "'9:10000'"),
        accept("a port name of 15 characters", GNP, "/spec/ingress/0/destination/ports/2", "abcdefghijklmno"),
        accept("a port name with digits and dashes", GNP, "/spec/ingress/0/destination/ports/2", "h2-c-8080"),
        accept("a Service with source ports in an ingress rule", GNP, "/spec/ingress/1/source/ports", "[53, dns]"),
        accept("notNets /1 of both families", GNP, "/spec/egress/2", "{action: Deny, destination: {notNets: "
            + "[0.0.0.0/1]}, source: {notNets: [128.0.0.0/1]}}"),
        accept("IPv6 on both sides", GNP, "/spec/egress/2", "{action: Deny, source: {nets: ['::1/128']}, "
            + "destination: {nets: ['::/0'], notNets: ['fe80::/10']}}"),
        accept("an IPv6 CIDR of eight groups", GNP, "/spec/ingress/3/source/nets/0",
            "2001:db8:0:1:2:3:4:0/128"),
        accept("an IPv6 CIDR ending in ::", GNP, "/spec/ingress/3/source/nets/0", "2001:db8::/32"),
        accept("a CIDR of ::ffff:0:0 without the rest", GNP, "/spec/ingress/3/source/nets/0", "::ffff:0/128"),
        accept("global() alone", GNP, "/spec/ingress/4/source", "{namespaceSelector: global(), nets: [10.0.0.0/8]}"),
        accept("a selector of all()", GNP, "/spec/ingress/0/source/selector", "all()"),
        accept("a rule annotation with an empty value", GNP, "/spec/ingress/0/metadata/annotations/x", "''"),
        accept("a staged policy in the default tier", SGNP, "/spec/tier", "default"),
        accept("a tier just after the admin tier", TIER, "/spec/order", "1000.5"),
        accept("a tier just before the default tier", TIER, "/spec/order", "999999"),
        accept("a tier named like a reserved one but longer", TIER, "/metadata/name", "default-2"),
        accept("a tier without labels or annotations", TIER, "/metadata", "{name: shop}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("accepted")
  void eachOfTheseChangesIsAccepted(String name, String sample, String pointer, String value) {
    assertThat(SchemaValidation.errors(schemaOf(sample), with(sample(sample), pointer, value))).as(name).isEmpty();
  }

  @Test
  void theCasesChangeTheSamplesWhereTheySay() {
    // A pointer that does not reach into the sample would test a document of another shape than the case says.
    List<Object[]> cases = new ArrayList<>();
    refused().forEach(a -> cases.add(new Object[] {a.get()[0], a.get()[1], a.get()[2]}));
    accepted().forEach(a -> cases.add(new Object[] {a.get()[0], a.get()[1], a.get()[2]}));
    cel().forEach(a -> cases.add(new Object[] {a.get()[1], a.get()[2], a.get()[3]}));
    for (Object[] c : cases) {
      JsonPointer pointer = JsonPointer.compile((String) c[2]);
      assertThat(sample((String) c[1]).at(pointer.head()).isMissingNode()).as((String) c[0]).isFalse();
    }
  }

  @Test
  void aRangeIsAcceptedExactlyWhenItsLowEndIsAtMostItsHighEnd() {
    // The port pattern orders two numbers with a regular expression (digit counts, then the first digit that
    // differs after a common prefix): checked here against arithmetic on the numbers of every digit count.
    Schema port = portSchema();
    int[] edges = {1, 2, 8, 9, 10, 11, 19, 20, 89, 90, 99, 100, 101, 109, 110, 999, 1000, 1023, 1024, 8999, 9000,
        9099, 9100, 9999, 10000, 10001, 19999, 59999, 60000, 64999, 65000, 65534, 65535};
    List<int[]> pairs = new ArrayList<>();
    for (int lo : edges) {
      for (int hi : edges) {
        pairs.add(new int[] {lo, hi});
      }
    }
    Random random = new Random(20260101L);
    for (int i = 0; i < 3000; i++) {
      int lo = 1 + random.nextInt(65535);
      int hi = random.nextBoolean() ? 1 + random.nextInt(65535) : lo + random.nextInt(Math.max(1, 65536 - lo));
      pairs.add(new int[] {lo, Math.min(hi, 65535)});
      // Near each other (mostly the same digit count and prefix): the digit that decides.
      pairs.add(new int[] {lo, Math.max(1, Math.min(65535, lo + random.nextInt(11) - 5))});
    }
    List<String> wrong = new ArrayList<>();
    for (int[] p : pairs) {
      String range = p[0] + ":" + p[1];
      boolean accepted = port.validate(TextNode.valueOf(range)).isEmpty();
      if (accepted != (p[0] <= p[1])) {
        wrong.add(range + (accepted ? " accepted" : " refused"));
      }
    }
    assertThat(wrong).isEmpty();
    // Outside 1 to 65535, or written otherwise, a range is refused whatever its order.
    for (String range : List.of("0:1", "1:65536", "65536:65537", "01:2", "1:02", ":1", "1:", "1::2", "1:2:3")) {
      assertThat(port.validate(TextNode.valueOf(range))).as(range).isNotEmpty();
    }
  }

  private static Schema portSchema() {
    try {
      JsonNode port = definitions(Schemas.GLOBAL_NETWORK_POLICY).get("port").deepCopy();
      ((ObjectNode) port).put("$schema", "https://json-schema.org/draft/2020-12/schema");
      return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(port);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void assertRefused(
      String name, String sample, String pointer, String value, String where, String keyword) {
    assertRefusedDocument(name, sample, with(sample(sample), pointer, value), where, keyword);
  }

  private static void assertRefusedDocument(
      String name, String sample, JsonNode document, String where, String keyword) {
    List<Error> errors = SchemaValidation.errors(schemaOf(sample), document);
    assertThat(errors).as(name).isNotEmpty();
    String described = errors.stream()
        .map(e -> e.getInstanceLocation() + " " + e.getSchemaLocation().getFragment() + " " + e.getEvaluationPath())
        .collect(Collectors.joining("\n"));
    assertThat(errors).as(name + ": an error at or under '" + where + "' by '" + keyword + "' among\n" + described)
        .anySatisfy(e -> {
          assertThat(e.getInstanceLocation().toString()).startsWith(where);
          assertThat(madeBy(e, keyword)).isTrue();
        });
  }

  /**
   * Whether an error comes from the keyword at {@code keyword} of our schema: its schema location ends there (a
   * false schema's location ends in /false after the property it forbids), or is inside it (a failed branch of an
   * anyOf), or, for a branch that reached the failing keyword through a $ref, its evaluation path went through it.
   */
  private static boolean madeBy(Error error, String keyword) {
    String location = error.getSchemaLocation().getFragment().toString().replaceFirst("/false$", "");
    return location.endsWith(keyword) || location.startsWith(keyword + "/")
        || error.getEvaluationPath().toString().contains(keyword + "/");
  }

  private static Arguments refuse(
      String name, String sample, String pointer, String value, String where, String keyword) {
    return Arguments.of(name, sample, pointer, value, where, keyword);
  }

  private static Arguments celCase(
      String rule, String name, String sample, String pointer, String value, String where, String keyword) {
    return Arguments.of(rule, name, sample, pointer, value, where, keyword);
  }

  private static Arguments accept(String name, String sample, String pointer, String value) {
    return Arguments.of(name, sample, pointer, value);
  }
}

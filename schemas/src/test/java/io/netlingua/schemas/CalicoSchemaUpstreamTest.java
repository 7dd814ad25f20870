package io.netlingua.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our Calico schemas allow nothing the Calico 3.32.1 CRDs do not define: every property they allow exists upstream
 * at the same path with the same type, every enum or const is a subset of upstream's, every property upstream
 * requires is required by ours, and every bound upstream sets (at most 2 types, 20 HTTP methods and paths, 1024
 * characters a path, ICMP type 0 to 254 and code 0 to 255) holds in ours. The CRDs leave {@code metadata} to the API
 * server ({@code {"type": "object"}}), so ours is compared there with {@code ObjectMeta} of the Kubernetes 1.35
 * OpenAPI. The rich samples of {@link CalicoSchemasTest} validate against the CRD schemas themselves (the structural
 * part: no CRD schema library here evaluates CEL), and the CRDs' CEL rules are exactly those that
 * {@link CalicoSchemasTest} shows our schemas refuse to break.
 *
 * <p>Upstream ({@code ../shared/upstream/SOURCES.md}), all projectcalico/calico at tag v3.32.1 (0ca9d1b9):
 * <ul>
 *   <li>{@code api/config/crd/projectcalico.org_globalnetworkpolicies.yaml}: the native {@code projectcalico.org/v3}
 *       GlobalNetworkPolicy CRD, the authority for what Netlingua writes.
 *   <li>{@code libcalico-go/config/crd/crd.projectcalico.org_stagedglobalnetworkpolicies.yaml} and
 *       {@code crd.projectcalico.org_tiers.yaml}: the {@code crd.projectcalico.org/v1} storage CRDs. Their
 *       {@code openAPIV3Schema} is generated from the same Go types as the {@code projectcalico.org/v3} CRDs
 *       ({@code StagedGlobalNetworkPolicySpec} in {@code api/pkg/apis/projectcalico/v3/stagedglobalnetworkpolicy.go},
 *       {@code TierSpec} in {@code tier.go}); what differs is the group and version, which the schema does not
 *       constrain ({@code apiVersion} is any string), and, in the v3 CRDs, {@code required: [metadata, spec]} at the
 *       root, which ours require too. So ours are compared with these CRDs as they are, and the staged and tier
 *       samples validate against them with {@code apiVersion} set to {@code crd.projectcalico.org/v1}, the object as
 *       it is stored. (The staged CRD's spec is the GlobalNetworkPolicy CRD's plus {@code stagedAction}: checked
 *       below.)
 *   <li>kubernetes-sigs/kubectl-validate {@code builtins/1.35/apis/networking.k8s.io/v1.json} at a97ccfac, for
 *       {@code ObjectMeta}.
 * </ul>
 * Skipped when that folder is absent, unless {@code netlingua.upstream.required} is true.
 */
class CalicoSchemaUpstreamTest {
  private static final String GNP_FILE = "calico-v3.32.1-projectcalico.org_globalnetworkpolicies.yaml";
  private static final String SGNP_FILE = "calico-v3.32.1-crd.projectcalico.org_stagedglobalnetworkpolicies.yaml";
  private static final String TIER_FILE = "calico-v3.32.1-crd.projectcalico.org_tiers.yaml";
  private static final String STORAGE_API_VERSION = "crd.projectcalico.org/v1";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** The CRD of each of our schemas. */
  private static final Map<String, JsonNode> CRD = new HashMap<>();
  private static JsonNode kubernetes;

  /** Per test, so that a skip shows on each test rather than as a class with no tests. */
  @BeforeEach
  void load() throws IOException {
    Path folder = UpstreamFiles.require(GNP_FILE, SGNP_FILE, TIER_FILE, UpstreamFiles.KUBERNETES);
    if (kubernetes == null) {
      CRD.put(Schemas.GLOBAL_NETWORK_POLICY, YAML.readTree(folder.resolve(GNP_FILE).toFile()));
      CRD.put(Schemas.STAGED_GLOBAL_NETWORK_POLICY, YAML.readTree(folder.resolve(SGNP_FILE).toFile()));
      CRD.put(Schemas.TIER, YAML.readTree(folder.resolve(TIER_FILE).toFile()));
      kubernetes = JSON.readTree(folder.resolve(UpstreamFiles.KUBERNETES).toFile());
    }
  }

  static Stream<Arguments> kinds() {
    return Stream.of(
        Arguments.of(Schemas.GLOBAL_NETWORK_POLICY, "GlobalNetworkPolicy", CalicoSchemasTest.GNP),
        Arguments.of(Schemas.STAGED_GLOBAL_NETWORK_POLICY, "StagedGlobalNetworkPolicy", CalicoSchemasTest.SGNP),
        Arguments.of(Schemas.TIER, "Tier", CalicoSchemasTest.TIER));
  }

  @Test
  void theCrdsAreTheOnesWeThinkTheyAre() {
    assertThat(crd(Schemas.GLOBAL_NETWORK_POLICY).path("spec").path("group").asText()).isEqualTo("projectcalico.org");
    assertThat(version(Schemas.GLOBAL_NETWORK_POLICY).path("name").asText()).isEqualTo("v3");
    for (String schema : List.of(Schemas.STAGED_GLOBAL_NETWORK_POLICY, Schemas.TIER)) {
      assertThat(crd(schema).path("spec").path("group").asText()).isEqualTo("crd.projectcalico.org");
      assertThat(version(schema).path("name").asText()).isEqualTo("v1");
    }
    for (Map.Entry<String, String> kind : Map.of(Schemas.GLOBAL_NETWORK_POLICY, "GlobalNetworkPolicy",
        Schemas.STAGED_GLOBAL_NETWORK_POLICY, "StagedGlobalNetworkPolicy", Schemas.TIER, "Tier").entrySet()) {
      assertThat(crd(kind.getKey()).path("spec").path("names").path("kind").asText()).isEqualTo(kind.getValue());
      assertThat(crd(kind.getKey()).path("spec").path("scope").asText()).isEqualTo("Cluster");
    }
  }

  @Test
  void theStagedSpecIsTheGlobalNetworkPolicySpecPlusStagedAction() {
    // The two policy CRDs are of two groups; their specs come from the same Go type, but for stagedAction.
    ObjectNode staged = upstreamRoot(Schemas.STAGED_GLOBAL_NETWORK_POLICY).path("properties").path("spec").deepCopy();
    JsonNode stagedAction = ((ObjectNode) staged.get("properties")).remove("stagedAction");
    assertThat(stagedAction.path("enum").toString()).isEqualTo("[\"Set\",\"Delete\",\"Learn\",\"Ignore\"]");
    assertThat(staged).isEqualTo(upstreamRoot(Schemas.GLOBAL_NETWORK_POLICY).path("properties").path("spec"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("kinds")
  void everyPropertyWeAllowExistsUpstreamWithTheSameTypeAndBounds(String schema, String kind) throws IOException {
    assertThat(comparison(ours(schema), kind).compare(upstream(schema), kind).problems()).isEmpty();
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("kinds")
  void everyDefinitionButThoseOfTheConditionsIsReachedByTheComparison(String schema, String kind)
      throws IOException {
    // The comparison leaves out conditions (dependentSchemas): the definitions only they use narrow a rule (one
    // family of CIDRs, a protocol that goes with an ipVersion) and allow nothing of their own.
    JsonNode ours = ours(schema);
    Set<String> reached = comparison(ours, kind).compare(upstream(schema), kind).reached();
    Set<String> unreached = new TreeSet<>();
    ours.path("$defs").fieldNames().forEachRemaining(unreached::add);
    unreached.removeAll(reached);
    if (schema.equals(Schemas.TIER)) {
      assertThat(unreached).isEmpty();
    } else {
      assertThat(unreached)
          .containsExactlyInAnyOrder("entityConditions", "ipv4Rule", "ipv6Rule", "ipv4Nets", "ipv6Nets", "ipv4Cidr",
              "ipv6Cidr");
    }
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("kinds")
  void theRichSampleValidatesAgainstTheUpstreamSchema(String schema, String kind, String sample) {
    // Draft 2020-12 reads the CRD's structural keywords (type, properties, items, required, enum, bounds, anyOf,
    // pattern, additionalProperties) as the API server does and ignores the x-kubernetes-* ones.
    JsonNode document = Samples.sample(sample);
    if (!schema.equals(Schemas.GLOBAL_NETWORK_POLICY)) {
      ((ObjectNode) document).put("apiVersion", STORAGE_API_VERSION);
    }
    Schema crd = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(upstreamRoot(schema));
    List<Error> errors = crd.validate(document);
    assertThat(errors).as(sample).isEmpty();
    // And the CRD schema is no empty shell: it refuses what it does not define.
    JsonNode wrong = Samples.with(document, "/spec", schema.equals(Schemas.TIER) ? "{order: first}" : "{types: [Up]}");
    assertThat(crd.validate(wrong)).isNotEmpty();
  }

  @Test
  void theCelRulesOfTheCrdsAreThoseTheCalicoSchemasTestCovers() {
    // Where each x-kubernetes-validations stands in the policy CRDs, and its rules.
    Map<String, Set<String>> expected = new TreeMap<>();
    expected.put("spec", Set.of(CalicoSchemasTest.CEL_PRE_DNAT_DO_NOT_TRACK, CalicoSchemasTest.CEL_PRE_DNAT_EGRESS,
        CalicoSchemasTest.CEL_PRE_DNAT_EGRESS_TYPE, CalicoSchemasTest.CEL_APPLY_ON_FORWARD));
    for (String direction : List.of("spec.ingress[]", "spec.egress[]")) {
      expected.put(direction, Set.of(CalicoSchemasTest.CEL_HTTP_PROTOCOL, CalicoSchemasTest.CEL_HTTP_ALLOW,
          CalicoSchemasTest.CEL_SERVICE_PORTS));
      expected.put(direction + ".icmp", Set.of(CalicoSchemasTest.CEL_ICMP_CODE));
      expected.put(direction + ".notICMP", Set.of(CalicoSchemasTest.CEL_ICMP_CODE));
    }
    for (String schema : List.of(Schemas.GLOBAL_NETWORK_POLICY, Schemas.STAGED_GLOBAL_NETWORK_POLICY)) {
      Map<String, Set<String>> found = new TreeMap<>();
      celRules(upstreamRoot(schema), "", found);
      assertThat(found).as(schema).isEqualTo(expected);
    }
    Map<String, Set<String>> tier = new TreeMap<>();
    celRules(upstreamRoot(Schemas.TIER), "", tier);
    assertThat(tier).isEqualTo(Map.of("", CalicoSchemasTest.TIER_CEL_RULES));
    Set<String> all = new TreeSet<>();
    expected.values().forEach(all::addAll);
    assertThat(all).isEqualTo(CalicoSchemasTest.POLICY_CEL_RULES);
  }

  @Test
  void theComparisonNoticesWhatUpstreamDoesNotAllow() throws IOException {
    // The check itself: each of these must be found, in a policy and in a tier.
    JsonNode badPolicy = JSON.readTree("""
        {"type": "object", "required": ["metadata", "spec"], "properties": {
          "metadata": {"type": "object", "properties": {"namespace": {"type": "string"}, "owner": {"type": "string"}}},
          "spec": {"type": "object", "properties": {
            "priority": {"type": "integer"},
            "types": {"type": "array", "minItems": 1, "maxItems": 3, "items": {"type": "string"}},
            "ingress": {"type": "array", "items": {"type": "object", "properties": {
              "action": {"type": "string", "enum": ["Allow", "Reject"]},
              "ipVersion": {"type": "string"},
              "http": {"type": "object", "properties": {
                "paths": {"type": "array", "maxItems": 20, "items": {"type": "object", "properties": {
                  "exact": {"type": "string", "maxLength": 2048}}}}}}}}}}}}}
        """);
    List<String> problems = comparison(badPolicy, "GlobalNetworkPolicy")
        .compare(upstream(Schemas.GLOBAL_NETWORK_POLICY), "GlobalNetworkPolicy").problems();
    assertThat(String.join("\n", problems))
        .contains("GlobalNetworkPolicy.metadata.owner: no such property upstream")
        .contains("GlobalNetworkPolicy.spec.priority: no such property upstream")
        .contains("GlobalNetworkPolicy.spec.types: maxItems 2 upstream")
        .contains("GlobalNetworkPolicy.spec.ingress[].action: value \"Reject\"")
        .contains("GlobalNetworkPolicy.spec.ingress[].action: required upstream")
        .contains("GlobalNetworkPolicy.spec.ingress[].ipVersion: our types [string]")
        .contains("GlobalNetworkPolicy.spec.ingress[].http.paths[].exact: maxLength 1024 upstream");
    assertThat(problems).hasSize(7);
    JsonNode badTier = JSON.readTree("""
        {"type": "object", "required": ["metadata", "spec"], "properties": {
          "spec": {"type": "object", "properties": {
            "order": {"type": "string"},
            "defaultAction": {"type": "string", "enum": ["Deny", "Allow"]}}}}}
        """);
    List<String> tierProblems = comparison(badTier, "Tier").compare(upstream(Schemas.TIER), "Tier").problems();
    assertThat(tierProblems).containsExactlyInAnyOrder(
        "Tier.spec.order: our types [string] are not among upstream's [number]",
        "Tier.spec.defaultAction: value \"Allow\" is not allowed upstream");
  }

  /** Each x-kubernetes-validations under {@code schema}, by the path of the object it stands on. */
  private static void celRules(JsonNode schema, String path, Map<String, Set<String>> found) {
    for (JsonNode validation : schema.path("x-kubernetes-validations")) {
      found.computeIfAbsent(path, p -> new TreeSet<>()).add(validation.path("rule").asText());
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> property = it.next();
      celRules(property.getValue(), path.isEmpty() ? property.getKey() : path + "." + property.getKey(), found);
    }
    if (schema.has("items")) {
      celRules(schema.get("items"), path + "[]", found);
    }
  }

  private static JsonNode ours(String schema) throws IOException {
    return JSON.readTree(Schemas.text(schema));
  }

  private static JsonNode crd(String schema) {
    return CRD.get(schema);
  }

  private static JsonNode version(String schema) {
    JsonNode versions = crd(schema).path("spec").path("versions");
    assertThat(versions).as(schema + ": one version").hasSize(1);
    return versions.get(0);
  }

  private static JsonNode upstreamRoot(String schema) {
    return version(schema).path("schema").path("openAPIV3Schema");
  }

  private static SchemaComparison.Upstream upstream(String schema) {
    JsonNode root = upstreamRoot(schema);
    return new SchemaComparison.Upstream(root, root);
  }

  private static SchemaComparison comparison(JsonNode ours, String kind) {
    return UpstreamFiles.strictWithObjectMeta(ours, kind, kubernetes);
  }
}

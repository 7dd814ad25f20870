package io.netlingua.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our Cilium schemas allow nothing the Cilium 1.18.2 CRDs do not define: every property they allow exists upstream
 * at the same path with the same type, every enum or const is a subset of upstream's, every property upstream
 * requires is required by ours, and every bound upstream sets (maxItems 40 on ports and ICMP fields, maxLength 32
 * on log, 63 on label values, 255 on topics and names) holds in ours. The CRD leaves {@code metadata} to the API
 * server ({@code {"type": "object"}}), so ours is compared there with {@code ObjectMeta} of the Kubernetes 1.35
 * OpenAPI. And the rich samples of {@link CiliumSchemasTest} validate against the CRD schemas themselves.
 *
 * <p>Upstream ({@code ../shared/upstream/SOURCES.md}): datreeio/CRDs-catalog
 * {@code cilium.io/ciliumnetworkpolicy_v2.json} and {@code ciliumclusterwidenetworkpolicy_v2.json} at ea03cc2a
 * ("Update cilium to 1.18.2": the openAPIV3Schema of the CRDs as JSON Schema, inline, without {@code $ref}: the
 * object at the root, a rule at {@code properties.spec} and at {@code properties.specs.items});
 * kubernetes-sigs/kubectl-validate {@code builtins/1.35/apis/networking.k8s.io/v1.json} at a97ccfac. Skipped when
 * that folder is absent, unless {@code netlingua.upstream.required} is true.
 */
class CiliumSchemaUpstreamTest {
  private static final String CNP_FILE = "cilium-v1.18.2-ciliumnetworkpolicy_v2.schema.json";
  private static final String CCNP_FILE = "cilium-v1.18.2-ciliumclusterwidenetworkpolicy_v2.schema.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final Map<String, JsonNode> UPSTREAM = new HashMap<>();
  private static JsonNode kubernetes;

  /** Per test, so that a skip shows on each test rather than as a class with no tests. */
  @BeforeEach
  void load() throws IOException {
    Path folder = UpstreamFiles.require(CNP_FILE, CCNP_FILE, UpstreamFiles.KUBERNETES);
    if (kubernetes == null) {
      UPSTREAM.put(Schemas.CILIUM_NETWORK_POLICY, JSON.readTree(folder.resolve(CNP_FILE).toFile()));
      UPSTREAM.put(Schemas.CILIUM_CLUSTERWIDE_NETWORK_POLICY, JSON.readTree(folder.resolve(CCNP_FILE).toFile()));
      kubernetes = JSON.readTree(folder.resolve(UpstreamFiles.KUBERNETES).toFile());
    }
  }

  static Stream<Arguments> kinds() {
    return Stream.of(
        Arguments.of(Schemas.CILIUM_NETWORK_POLICY, "CiliumNetworkPolicy", CiliumSchemasTest.CNP),
        Arguments.of(Schemas.CILIUM_CLUSTERWIDE_NETWORK_POLICY, "CiliumClusterwideNetworkPolicy",
            CiliumSchemasTest.CCNP));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("kinds")
  void everyPropertyWeAllowExistsUpstreamWithTheSameTypeAndBounds(String schema, String kind) throws IOException {
    assertThat(comparison(ours(schema), kind).compare(upstream(schema), kind).problems()).isEmpty();
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("kinds")
  void everyDefinitionIsReachedByTheComparison(String schema, String kind) throws IOException {
    JsonNode ours = ours(schema);
    Set<String> reached = comparison(ours, kind).compare(upstream(schema), kind).reached();
    Set<String> defined = new TreeSet<>();
    ours.path("$defs").fieldNames().forEachRemaining(defined::add);
    assertThat(reached).containsAll(defined);
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("kinds")
  void theRichSampleValidatesAgainstTheUpstreamSchema(String schema, String kind, String sample) {
    // Draft 2020-12 reads the CRD's keywords (type, properties, items, required, enum, pattern, anyOf, oneOf,
    // additionalProperties, bounds) as the API server does, and leaves format as an annotation: the API server
    // ignores the formats it does not know (idn-hostname on http.host, which holds a regular expression).
    SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    Schema crd = registry.getSchema(UPSTREAM.get(schema));
    List<Error> errors = crd.validate(Samples.sample(sample));
    assertThat(errors).as(sample).isEmpty();
    // And the CRD schema is no empty shell: it refuses what it does not define.
    JsonNode wrong = Samples.with(Samples.sample(sample), "/spec", "{endpointSelector: {}}");
    assertThat(crd.validate(wrong)).isNotEmpty();
  }

  @Test
  void theComparisonNoticesWhatUpstreamDoesNotAllow() throws IOException {
    // The check itself: each of these must be found.
    JsonNode bad = JSON.readTree("""
        {"type": "object", "required": ["metadata"], "properties": {
          "metadata": {"type": "object", "properties": {"owner": {"type": "string"}}},
          "spec": {"type": "object", "properties": {
            "priority": {"type": "integer"},
            "description": {"type": "integer"},
            "ingress": {"type": "array", "items": {"type": "object", "properties": {
              "fromEntities": {"type": "array", "items": {"type": "string", "enum": ["world", "world-ipv4"]}},
              "icmps": {"type": "array", "items": {"type": "object", "properties": {
                "fields": {"type": "array", "maxItems": 50, "items": {"type": "object",
                  "properties": {"type": {"type": "integer"}}}}}}},
              "toPorts": {"type": "array", "items": {"type": "object", "properties": {
                "ports": {"type": "array", "maxItems": 40, "items": {"type": "object", "required": ["port"],
                  "properties": {"port": {"type": "integer"}}}}}}}}}}}}}}
        """);
    List<String> problems = comparison(bad, "CiliumNetworkPolicy")
        .compare(upstream(Schemas.CILIUM_NETWORK_POLICY), "CiliumNetworkPolicy").problems();
    assertThat(String.join("\n", problems))
        .contains("CiliumNetworkPolicy.metadata.owner: no such property upstream")
        .contains("CiliumNetworkPolicy.spec.priority: no such property upstream")
        .contains("CiliumNetworkPolicy.spec.description: our types [integer]")
        .contains("CiliumNetworkPolicy.spec.ingress[].fromEntities[]: value \"world-ipv4\"")
        .contains("CiliumNetworkPolicy.spec.ingress[].icmps[].fields: maxItems 40 upstream")
        .contains("CiliumNetworkPolicy.spec.ingress[].icmps[].fields[].type: required upstream")
        .contains("CiliumNetworkPolicy.spec.ingress[].toPorts[].ports[].port: our types [integer]");
    assertThat(problems).hasSize(7);
  }

  private static JsonNode ours(String schema) throws IOException {
    return JSON.readTree(Schemas.text(schema));
  }

  private static SchemaComparison.Upstream upstream(String schema) {
    JsonNode crd = UPSTREAM.get(schema);
    return new SchemaComparison.Upstream(crd, crd);
  }

  private static SchemaComparison comparison(JsonNode ours, String kind) {
    return UpstreamFiles.strictWithObjectMeta(ours, kind, kubernetes);
  }
}

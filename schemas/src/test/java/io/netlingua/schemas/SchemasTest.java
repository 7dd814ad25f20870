package io.netlingua.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The schemas load by name, are valid draft 2020-12 schemas, and close every object they describe. */
class SchemasTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema";

  static List<String> names() {
    return Schemas.names();
  }

  @Test
  void theNamesAreTheTargetObjectsTheReportAndTheClusterAndFlowFiles() {
    assertThat(Schemas.names())
        .containsExactly(Schemas.NETWORK_POLICY, Schemas.CILIUM_NETWORK_POLICY,
            Schemas.CILIUM_CLUSTERWIDE_NETWORK_POLICY, Schemas.GLOBAL_NETWORK_POLICY,
            Schemas.STAGED_GLOBAL_NETWORK_POLICY, Schemas.TIER, Schemas.REPORT, Schemas.CLUSTER, Schemas.FLOWS);
    assertThat(Schemas.resource(Schemas.REPORT)).isEqualTo("/io/netlingua/schemas/netlingua-report.schema.json");
    assertThat(Schemas.resource(Schemas.CILIUM_CLUSTERWIDE_NETWORK_POLICY))
        .isEqualTo("/io/netlingua/schemas/netlingua-ciliumclusterwidenetworkpolicy.schema.json");
    assertThat(Schemas.resource(Schemas.GLOBAL_NETWORK_POLICY))
        .isEqualTo("/io/netlingua/schemas/netlingua-globalnetworkpolicy.schema.json");
    assertThat(Schemas.resource(Schemas.STAGED_GLOBAL_NETWORK_POLICY))
        .isEqualTo("/io/netlingua/schemas/netlingua-stagedglobalnetworkpolicy.schema.json");
    assertThat(Schemas.resource(Schemas.TIER)).isEqualTo("/io/netlingua/schemas/netlingua-tier.schema.json");
  }

  @Test
  void anUnknownNameIsRefusedWithTheKnownOnes() {
    assertThatThrownBy(() -> Schemas.text("cilium"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cilium")
        .hasMessageContaining(Schemas.NETWORK_POLICY);
  }

  @ParameterizedTest
  @MethodSource("names")
  void eachSchemaValidatesAgainstTheDraft202012MetaSchema(String name) throws Exception {
    JsonNode schema = JSON.readTree(Schemas.text(name));
    assertThat(schema.path("$schema").asText()).isEqualTo(DRAFT_2020_12);
    assertThat(schema.path("$id").asText()).endsWith("/" + name + ".schema.json");
    SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    // The meta-schema ships inside the validator, so this needs no network.
    Schema meta = registry.getSchema(SchemaLocation.of(DRAFT_2020_12));
    List<Error> errors = meta.validate(Schemas.text(name), InputFormat.JSON);
    assertThat(errors).as(name).isEmpty();
    // And the validator accepts it as a schema (resolves every $ref).
    assertThat(registry.getSchema(schema)).isNotNull();
  }

  @ParameterizedTest
  @MethodSource("names")
  void everyObjectSchemaSaysWhatElseItAllows(String name) throws Exception {
    // Strict: an object either closes itself (additionalProperties false) or is a map whose values it describes.
    List<String> open = new ArrayList<>();
    walk(JSON.readTree(Schemas.text(name)), "#", open);
    assertThat(open).as("object schemas without additionalProperties in " + name).isEmpty();
  }

  private static void walk(JsonNode node, String path, List<String> open) {
    if (node.isObject()) {
      boolean objectType = node.path("type").asText().equals("object");
      if (objectType && !node.has("additionalProperties")) {
        open.add(path);
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        walk(e.getValue(), path + "/" + e.getKey(), open);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        walk(node.get(i), path + "/" + i, open);
      }
    }
  }
}

package io.netlingua.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Our NetworkPolicy schema allows nothing the Kubernetes 1.35 API does not define: every property it allows exists
 * upstream at the same path ({@code $ref} and {@code allOf} followed on both sides) with the same type, and every
 * enum or const is a subset of what upstream allows. Upstream: kubernetes-sigs/kubectl-validate
 * {@code pkg/openapiclient/builtins/1.35/apis/networking.k8s.io/v1.json} at a97ccfac (../shared/upstream/SOURCES.md).
 * Skipped when that folder is absent, unless {@code netlingua.upstream.required} is true.
 */
class NetworkPolicySchemaUpstreamTest {
  private static final String FILE = "kubernetes-1.35-apis__networking.k8s.io__v1_openapi.json";
  private static final String ROOT = "io.k8s.api.networking.v1.NetworkPolicy";
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode upstream;
  private static JsonNode ours;

  /** Per test, so that a skip shows on each test rather than as a class with no tests. */
  @BeforeEach
  void load() throws IOException {
    String folder = System.getProperty("netlingua.upstream", "");
    Path file = Path.of(folder.isEmpty() ? "." : folder, FILE);
    if (folder.isEmpty() || !Files.isRegularFile(file)) {
      if (Boolean.getBoolean("netlingua.upstream.required")) {
        fail("netlingua.upstream.required is true but " + file + " is missing");
      }
      assumeTrue(false, "upstream schemas absent (" + file + "): skipped");
    }
    if (upstream == null) {
      upstream = JSON.readTree(file.toFile());
      ours = JSON.readTree(Schemas.text(Schemas.NETWORK_POLICY));
    }
  }

  @Test
  void everyPropertyWeAllowExistsUpstreamWithTheSameType() {
    List<String> problems = new ArrayList<>();
    compare(ours, upstreamSchema(ROOT), "NetworkPolicy", problems, new TreeSet<>());
    assertThat(problems).isEmpty();
  }

  @Test
  void theComparisonNoticesAPropertyUpstreamLacksAndAWrongType() throws IOException {
    // The check itself: a made-up field and a port typed as boolean must both be found.
    JsonNode bad = JSON.readTree(
        "{\"type\":\"object\",\"properties\":{\"spec\":{\"type\":\"object\",\"properties\":{"
            + "\"priority\":{\"type\":\"integer\"},"
            + "\"ingress\":{\"type\":\"array\",\"items\":{\"type\":\"object\",\"properties\":{"
            + "\"ports\":{\"type\":\"array\",\"items\":{\"type\":\"object\",\"properties\":{"
            + "\"port\":{\"type\":\"boolean\"},\"protocol\":{\"type\":\"string\",\"enum\":[\"TCP\",7]}}}}}}}}}}}");
    List<String> problems = new ArrayList<>();
    compare(bad, upstreamSchema(ROOT), "NetworkPolicy", problems, new TreeSet<>());
    assertThat(problems).hasSize(3);
    assertThat(String.join("\n", problems))
        .contains("NetworkPolicy.spec.priority")
        .contains("NetworkPolicy.spec.ingress[].ports[].port")
        .contains("NetworkPolicy.spec.ingress[].ports[].protocol");
  }

  @Test
  void everyPropertyOfTheSchemaIsCoveredByTheComparison() {
    // Each $defs entry we define is reached from the root, so nothing escapes the comparison.
    Set<String> reached = new TreeSet<>();
    compare(ours, upstreamSchema(ROOT), "NetworkPolicy", new ArrayList<>(), reached);
    Set<String> defined = new TreeSet<>();
    ours.path("$defs").fieldNames().forEachRemaining(defined::add);
    assertThat(reached).containsAll(defined);
  }

  /** Compares one of our subschemas with the upstream schema at the same path. */
  private static void compare(JsonNode mine, JsonNode theirs, String path, List<String> problems, Set<String> refs) {
    mine = resolveOurs(mine, refs);
    theirs = resolveUpstream(theirs);
    Set<String> myTypes = ourTypes(mine, refs);
    Set<String> theirTypes = upstreamTypes(theirs);
    if (myTypes.isEmpty()) {
      problems.add(path + ": our schema gives no type");
      return;
    }
    if (!theirTypes.isEmpty() && !theirTypes.containsAll(myTypes)) {
      problems.add(path + ": our types " + myTypes + " are not among upstream's " + theirTypes);
      return;
    }
    for (JsonNode value : allowedValues(mine, refs)) {
      String type = typeOf(value);
      boolean inEnum = !theirs.has("enum") || contains(theirs.get("enum"), value);
      if (!inEnum || (!theirTypes.isEmpty() && !theirTypes.contains(type))) {
        problems.add(path + ": value " + value + " is not allowed upstream");
      }
    }
    for (JsonNode part : parts(mine, refs)) {
      for (Iterator<String> it = part.path("properties").fieldNames(); it.hasNext(); ) {
        String name = it.next();
        JsonNode theirProperty = theirs.path("properties").get(name);
        if (theirProperty == null && theirs.path("additionalProperties").isObject()) {
          theirProperty = theirs.get("additionalProperties");
        }
        if (theirProperty == null) {
          problems.add(path + "." + name + ": no such property upstream");
        } else {
          compare(part.get("properties").get(name), theirProperty, path + "." + name, problems, refs);
        }
      }
      if (part.path("additionalProperties").isObject()) {
        if (theirs.path("additionalProperties").isObject()) {
          compare(part.get("additionalProperties"), theirs.get("additionalProperties"), path + ".*", problems, refs);
        } else {
          problems.add(path + ": we allow any key, upstream does not");
        }
      }
      if (part.has("items")) {
        compare(part.get("items"), theirs.path("items"), path + "[]", problems, refs);
      }
    }
  }

  /**
   * The subschemas of ours that allow properties or items: the schema itself and its allOf, anyOf, oneOf, then and
   * else branches. {@code if} and {@code not} are conditions, which allow nothing.
   */
  private static List<JsonNode> parts(JsonNode schema, Set<String> refs) {
    List<JsonNode> parts = new ArrayList<>();
    parts.add(schema);
    for (String key : List.of("allOf", "anyOf", "oneOf")) {
      schema.path(key).forEach(p -> parts.addAll(parts(resolveOurs(p, refs), refs)));
    }
    for (String key : List.of("then", "else")) {
      if (schema.has(key)) {
        parts.addAll(parts(resolveOurs(schema.get(key), refs), refs));
      }
    }
    return parts;
  }

  private static Set<String> ourTypes(JsonNode schema, Set<String> refs) {
    Set<String> types = new TreeSet<>();
    JsonNode type = schema.path("type");
    if (type.isTextual()) {
      types.add(type.asText());
    } else if (type.isArray()) {
      type.forEach(t -> types.add(t.asText()));
    }
    if (types.isEmpty()) {
      for (String key : List.of("anyOf", "oneOf")) {
        schema.path(key).forEach(b -> types.addAll(ourTypes(resolveOurs(b, refs), refs)));
      }
      allowedValues(schema, refs).forEach(v -> types.add(typeOf(v)));
    }
    types.remove("null");
    return types;
  }

  private static List<JsonNode> allowedValues(JsonNode schema, Set<String> refs) {
    List<JsonNode> values = new ArrayList<>();
    if (schema.has("const")) {
      values.add(schema.get("const"));
    }
    schema.path("enum").forEach(values::add);
    values.removeIf(JsonNode::isNull);
    return values;
  }

  private static Set<String> upstreamTypes(JsonNode schema) {
    Set<String> types = new TreeSet<>();
    if (schema.has("type")) {
      types.add(schema.get("type").asText());
    }
    schema.path("oneOf").forEach(b -> types.addAll(upstreamTypes(resolveUpstream(b))));
    return types;
  }

  private static JsonNode resolveOurs(JsonNode schema, Set<String> refs) {
    while (schema.has("$ref")) {
      String ref = schema.get("$ref").asText();
      refs.add(ref.substring(ref.lastIndexOf('/') + 1));
      schema = ours.at(ref.substring(1));
    }
    return schema;
  }

  private static JsonNode resolveUpstream(JsonNode schema) {
    // Upstream wraps references as allOf: [{$ref}] beside a description and a default.
    while (schema.has("$ref") || (schema.path("allOf").size() == 1 && !schema.has("properties"))) {
      schema = schema.has("$ref") ? upstream.at(schema.get("$ref").asText().substring(1)) : schema.get("allOf").get(0);
    }
    return schema;
  }

  private static JsonNode upstreamSchema(String name) {
    return upstream.path("components").path("schemas").path(name);
  }

  private static boolean contains(JsonNode array, JsonNode value) {
    for (JsonNode v : array) {
      if (v.equals(value)) {
        return true;
      }
    }
    return false;
  }

  private static String typeOf(JsonNode value) {
    JsonNodeType t = value.getNodeType();
    if (t == JsonNodeType.NUMBER) {
      return value.isIntegralNumber() ? "integer" : "number";
    }
    return t.name().toLowerCase(java.util.Locale.ROOT);
  }
}

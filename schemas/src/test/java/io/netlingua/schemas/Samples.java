package io.netlingua.schemas;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The sample documents of the schema tests and what the tests do with them: read one, change it in one place, and
 * list the properties a schema allows beside those a sample uses. Shared by the Cilium and the Calico tests.
 */
final class Samples {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  /** Marks a case that removes the value at its pointer. */
  static final String REMOVE = null;

  private Samples() {}

  /** A sample, read from the test resources. */
  static JsonNode sample(String resource) {
    try (InputStream in = Samples.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + resource);
      }
      return YAML.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The document with the value at {@code pointer} replaced, added or (value {@link #REMOVE}) removed. */
  static JsonNode with(JsonNode document, String pointer, String yamlValue) {
    JsonNode copy = document.deepCopy();
    JsonPointer at = JsonPointer.compile(pointer);
    JsonNode parent = copy.at(at.head());
    String last = at.last().getMatchingProperty();
    JsonNode value;
    try {
      value = yamlValue == null ? null : YAML.readTree(yamlValue);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (parent instanceof ObjectNode object) {
      if (value == null) {
        object.remove(last);
      } else {
        object.set(last, value);
      }
    } else if (parent instanceof ArrayNode array) {
      int index = Integer.parseInt(last);
      if (value == null) {
        array.remove(index);
      } else {
        array.set(index, value);
      }
    } else {
      throw new IllegalArgumentException(pointer + " does not reach into the sample");
    }
    return copy;
  }

  /** A YAML flow list of {@code n} times {@code item}. */
  static String list(int n, String item) {
    return IntStream.range(0, n).mapToObj(i -> item).collect(Collectors.joining(", ", "[", "]"));
  }

  /**
   * The places of a schema where one of the {@code wanted} keywords is used, as JSON pointers from {@code path}
   * (a property or definition that happens to bear the keyword's name is not a use).
   */
  static void keywords(JsonNode node, String path, Set<String> wanted, List<String> found) {
    if (node.isObject()) {
      for (var it = node.fields(); it.hasNext(); ) {
        var e = it.next();
        boolean keyword = !path.endsWith("/properties") && !path.endsWith("/$defs");
        if (keyword && wanted.contains(e.getKey())) {
          found.add(path + "/" + e.getKey());
        }
        keywords(e.getValue(), path + "/" + e.getKey(), wanted, found);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        keywords(node.get(i), path + "/" + i, wanted, found);
      }
    }
  }

  /** Each property a schema names, as DEFINITION.PROPERTY; each definition walked once. */
  static void allowedNames(JsonNode root, JsonNode schema, String at, Set<String> names, Set<String> seen) {
    while (schema.has("$ref")) {
      String ref = schema.get("$ref").asText();
      at = ref.substring(ref.lastIndexOf('/') + 1);
      schema = root.at(ref.substring(1));
      if (!seen.add(at)) {
        return;
      }
    }
    for (var it = schema.path("properties").fields(); it.hasNext(); ) {
      var property = it.next();
      names.add(at + "." + property.getKey());
      allowedNames(root, property.getValue(), at + "." + property.getKey(), names, seen);
    }
    if (schema.has("items")) {
      allowedNames(root, schema.get("items"), at + "[]", names, seen);
    }
    if (schema.path("additionalProperties").isObject()) {
      allowedNames(root, schema.get("additionalProperties"), at + ".*", names, seen);
    }
  }

  /** Each property a document holds, named as {@link #allowedNames} names it, by walking the schema beside it. */
  static void usedNames(JsonNode root, JsonNode of, String path, JsonNode instance, Set<String> used) {
    JsonNode schema = of;
    String at = path;
    while (schema.has("$ref")) {
      String ref = schema.get("$ref").asText();
      at = ref.substring(ref.lastIndexOf('/') + 1);
      schema = root.at(ref.substring(1));
    }
    JsonNode properties = schema.path("properties");
    if (instance.isObject()) {
      for (var it = instance.fields(); it.hasNext(); ) {
        var field = it.next();
        if (properties.has(field.getKey())) {
          used.add(at + "." + field.getKey());
          usedNames(root, properties.get(field.getKey()), at + "." + field.getKey(), field.getValue(), used);
        } else if (schema.path("additionalProperties").isObject()) {
          usedNames(root, schema.get("additionalProperties"), at + ".*", field.getValue(), used);
        }
      }
    } else if (instance.isArray() && schema.has("items")) {
      for (JsonNode item : instance) {
        usedNames(root, schema.get("items"), at + "[]", item, used);
      }
    }
  }
}

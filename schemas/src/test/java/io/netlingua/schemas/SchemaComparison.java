package io.netlingua.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Walks one of our schemas beside an upstream schema and lists what ours allows that upstream does not define: a
 * property upstream lacks at the same path ({@code $ref} and single {@code allOf} wrappers followed on both sides),
 * another JSON type, or an enum or const value outside upstream's (or outside the enum of one of upstream's
 * {@code allOf} branches). Upstream types may be given by {@code type} or by the branches of a {@code oneOf} or
 * {@code anyOf} (the CRDs' int-or-string); a map's {@code propertyNames} must give strings. With {@link #strict()},
 * it also lists a property upstream requires that ours does not, and a bound (length, items, value) wider than
 * upstream's.
 *
 * <p>Our {@code if}, {@code not} and {@code dependentSchemas} are conditions: they allow nothing that the object's
 * own properties do not, so the walk leaves them out, and so are keywords beside one of our {@code $ref}s (the
 * walk follows the reference): beside a target that closes itself with {@code additionalProperties: false} they can
 * only narrow it. Our {@code allOf}, {@code anyOf}, {@code oneOf}, {@code then} and {@code else} branches are walked
 * like the schema itself.
 */
final class SchemaComparison {
  private static final List<String> UPPER_BOUNDS = List.of("maxLength", "maxItems", "maximum");
  private static final List<String> LOWER_BOUNDS = List.of("minLength", "minItems", "minimum");

  private static final JsonNode STRING = JsonNodeFactory.instance.objectNode().put("type", "string");

  private final JsonNode ours;
  private final Map<String, Upstream> substitutes;
  private final boolean strict;
  private final List<String> problems = new ArrayList<>();
  private final Set<String> reached = new TreeSet<>();

  /** An upstream schema and the document its {@code $ref}s point into. */
  record Upstream(JsonNode document, JsonNode schema) {}

  private SchemaComparison(JsonNode ours, Map<String, Upstream> substitutes, boolean strict) {
    this.ours = ours;
    this.substitutes = substitutes;
    this.strict = strict;
  }

  /** A comparison of the types, properties and values of {@code ours} (a whole schema document). */
  static SchemaComparison of(JsonNode ours) {
    return new SchemaComparison(ours, Map.of(), false);
  }

  /** The same comparison, with upstream's required properties and bounds checked too. */
  SchemaComparison strict() {
    return new SchemaComparison(ours, substitutes, true);
  }

  /**
   * The same comparison, comparing our schema at {@code path} with {@code substitute} instead of what the upstream
   * walk reaches there (say, {@code metadata}, which a CRD leaves to the API server's ObjectMeta).
   */
  SchemaComparison substituting(Map<String, Upstream> substitutes) {
    return new SchemaComparison(ours, substitutes, strict);
  }

  /**
   * Compares our whole schema with {@code upstream}.
   *
   * @param upstream the upstream schema of the same object, and its document
   * @param path the name of the root in the problems, e.g. {@code NetworkPolicy}
   * @return this, with {@link #problems()} and {@link #reached()} filled in
   */
  SchemaComparison compare(Upstream upstream, String path) {
    compare(ours, upstream.document(), upstream.schema(), path);
    return this;
  }

  /** What ours allows that upstream does not define, one line each, with its path. */
  List<String> problems() {
    return problems;
  }

  /** The names of the {@code $defs} the walk went through. */
  Set<String> reached() {
    return reached;
  }

  private void compare(JsonNode mine, JsonNode theirRoot, JsonNode theirs, String path) {
    Upstream substitute = substitutes.get(path);
    if (substitute != null) {
      theirRoot = substitute.document();
      theirs = substitute.schema();
    }
    mine = resolveOurs(mine);
    theirs = resolveUpstream(theirRoot, theirs);
    Set<String> myTypes = ourTypes(mine);
    Set<String> theirTypes = upstreamTypes(theirRoot, theirs);
    if (myTypes.isEmpty()) {
      problems.add(path + ": our schema gives no type");
      return;
    }
    if (!theirTypes.isEmpty() && !theirTypes.containsAll(myTypes)) {
      problems.add(path + ": our types " + myTypes + " are not among upstream's " + theirTypes);
      return;
    }
    for (JsonNode value : allowedValues(mine)) {
      String type = typeOf(value);
      if (!inEveryEnum(theirRoot, theirs, value) || (!theirTypes.isEmpty() && !theirTypes.contains(type))) {
        problems.add(path + ": value " + value + " is not allowed upstream");
      }
    }
    List<JsonNode> parts = parts(mine);
    if (strict) {
      checkRequired(parts, theirs, path);
      checkBounds(parts, theirs, path);
    }
    for (JsonNode part : parts) {
      for (Iterator<String> it = part.path("properties").fieldNames(); it.hasNext(); ) {
        String name = it.next();
        JsonNode theirProperty = theirs.path("properties").get(name);
        if (theirProperty == null && theirs.path("additionalProperties").isObject()) {
          theirProperty = theirs.get("additionalProperties");
        }
        if (theirProperty == null) {
          problems.add(path + "." + name + ": no such property upstream");
        } else {
          compare(part.get("properties").get(name), theirRoot, theirProperty, path + "." + name);
        }
      }
      if (part.path("additionalProperties").isObject()) {
        if (theirs.path("additionalProperties").isObject()) {
          compare(part.get("additionalProperties"), theirRoot, theirs.get("additionalProperties"), path + ".*");
        } else {
          problems.add(path + ": we allow any key, upstream does not");
        }
      }
      if (part.has("items")) {
        compare(part.get("items"), theirRoot, theirs.path("items"), path + "[]");
      }
      if (part.has("propertyNames")) {
        // Upstream says nothing of a map's keys but that they are strings.
        compare(part.get("propertyNames"), theirRoot, STRING, path + ".<key>");
      }
    }
  }

  /** Upstream's own required properties (not those of its oneOf or anyOf branches) are required by ours too. */
  private void checkRequired(List<JsonNode> parts, JsonNode theirs, String path) {
    Set<String> required = new TreeSet<>();
    for (JsonNode part : parts) {
      part.path("required").forEach(r -> required.add(r.asText()));
    }
    for (JsonNode r : theirs.path("required")) {
      if (!required.contains(r.asText())) {
        problems.add(path + "." + r.asText() + ": required upstream, optional in ours");
      }
    }
  }

  /** Each of upstream's bounds is met by ours: a maximum no greater, a minimum no smaller. */
  private void checkBounds(List<JsonNode> parts, JsonNode theirs, String path) {
    UPPER_BOUNDS.forEach(keyword -> checkBound(parts, theirs, path, keyword, true));
    LOWER_BOUNDS.forEach(keyword -> checkBound(parts, theirs, path, keyword, false));
  }

  private void checkBound(List<JsonNode> parts, JsonNode theirs, String path, String keyword, boolean upper) {
    if (!theirs.has(keyword)) {
      return;
    }
    double limit = theirs.get(keyword).asDouble();
    for (JsonNode part : parts) {
      if (part.has(keyword)) {
        double mine = part.get(keyword).asDouble();
        if (upper ? mine <= limit : mine >= limit) {
          return;
        }
      }
    }
    problems.add(path + ": " + keyword + " " + theirs.get(keyword) + " upstream, not met by ours");
  }

  /** The subschemas of ours that allow properties or items: the schema itself and its applicator branches. */
  private List<JsonNode> parts(JsonNode schema) {
    List<JsonNode> parts = new ArrayList<>();
    parts.add(schema);
    for (String key : List.of("allOf", "anyOf", "oneOf")) {
      schema.path(key).forEach(p -> parts.addAll(parts(resolveOurs(p))));
    }
    for (String key : List.of("then", "else")) {
      if (schema.has(key)) {
        parts.addAll(parts(resolveOurs(schema.get(key))));
      }
    }
    return parts;
  }

  private Set<String> ourTypes(JsonNode schema) {
    Set<String> types = new TreeSet<>();
    JsonNode type = schema.path("type");
    if (type.isTextual()) {
      types.add(type.asText());
    } else if (type.isArray()) {
      type.forEach(t -> types.add(t.asText()));
    }
    if (types.isEmpty()) {
      for (String key : List.of("anyOf", "oneOf")) {
        schema.path(key).forEach(b -> types.addAll(ourTypes(resolveOurs(b))));
      }
      allowedValues(schema).forEach(v -> types.add(typeOf(v)));
    }
    types.remove("null");
    return types;
  }

  private static List<JsonNode> allowedValues(JsonNode schema) {
    List<JsonNode> values = new ArrayList<>();
    if (schema.has("const")) {
      values.add(schema.get("const"));
    }
    schema.path("enum").forEach(values::add);
    values.removeIf(JsonNode::isNull);
    return values;
  }

  private static Set<String> upstreamTypes(JsonNode root, JsonNode schema) {
    Set<String> types = new TreeSet<>();
    JsonNode type = schema.path("type");
    if (type.isTextual()) {
      types.add(type.asText());
    } else if (type.isArray()) {
      type.forEach(t -> types.add(t.asText()));
    }
    for (String key : List.of("oneOf", "anyOf")) {
      schema.path(key).forEach(b -> types.addAll(upstreamTypes(root, resolveUpstream(root, b))));
    }
    types.remove("null");
    return types;
  }

  private JsonNode resolveOurs(JsonNode schema) {
    while (schema.has("$ref")) {
      String ref = schema.get("$ref").asText();
      reached.add(ref.substring(ref.lastIndexOf('/') + 1));
      schema = ours.at(ref.substring(1));
    }
    return schema;
  }

  private static JsonNode resolveUpstream(JsonNode root, JsonNode schema) {
    // The Kubernetes OpenAPI wraps references as allOf: [{$ref}] beside a description and a default.
    while (schema.has("$ref") || (schema.path("allOf").size() == 1 && !schema.has("properties"))) {
      schema = schema.has("$ref") ? root.at(schema.get("$ref").asText().substring(1)) : schema.get("allOf").get(0);
    }
    return schema;
  }

  /**
   * Whether a value is in upstream's enum and in that of each of its {@code allOf} branches, where they have one (a
   * CRD field whose type's enum is narrowed by the field's own, as Calico's Tier {@code defaultAction}).
   */
  private static boolean inEveryEnum(JsonNode root, JsonNode theirs, JsonNode value) {
    if (theirs.has("enum") && !contains(theirs.get("enum"), value)) {
      return false;
    }
    for (JsonNode branch : theirs.path("allOf")) {
      JsonNode part = resolveUpstream(root, branch);
      if (part.has("enum") && !contains(part.get("enum"), value)) {
        return false;
      }
    }
    return true;
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
    return t.name().toLowerCase(Locale.ROOT);
  }
}

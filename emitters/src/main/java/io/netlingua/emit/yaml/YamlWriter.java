package io.netlingua.emit.yaml;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactoryBuilder;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Deterministic YAML: the same objects give the same bytes, run after run and JVM after JVM.
 *
 * <p>An emitted object is first turned into its canonical tree ({@link #tree}): the keys in the fixed order of its
 * {@link YamlLayout}, no nulls, no empty lists except those the layout always writes (an empty list in a
 * Kubernetes rule means "all", so the lowering never produces one on purpose, and Fabric8 already drops them).
 * That one tree is validated and then written ({@link #write}), so what is checked is what is written.
 *
 * <p>Strings are quoted only where YAML needs it, and always where a reader would take them for a number, a
 * boolean, a null or a date ({@link TypeSafeQuoting}).
 */
public final class YamlWriter {
  /** Converts typed objects (Fabric8 models, records) with their own Jackson annotations. */
  private static final ObjectMapper OBJECTS = new ObjectMapper();

  private static final YAMLMapper YAML =
      new YAMLMapper(generatorFeatures().stringQuotingChecker(new TypeSafeQuoting()).build());

  /** What stands between two documents of a multi-document text. */
  public static final String SEPARATOR = "---\n";

  private YamlWriter() {}

  /**
   * The writer's generator features without its quoting checker (Jackson's default one then): what the compile
   * benchmark's floor writes with, so that the floor follows the writer.
   *
   * @return a fresh factory builder
   */
  public static YAMLFactoryBuilder generatorFeatures() {
    return YAMLFactory.builder()
        .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
        .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
        // Long strings (descriptions, annotations) stay on one line instead of being folded.
        .disable(YAMLGenerator.Feature.SPLIT_LINES);
  }

  /**
   * The canonical tree of an emitted object.
   *
   * @param object a Fabric8 object, a record, or any object Jackson can serialise as a JSON object
   * @param layout the key order of its kind
   * @return a fresh tree, keys in layout order
   */
  public static ObjectNode tree(Object object, YamlLayout layout) {
    JsonNode raw = OBJECTS.valueToTree(object);
    if (!raw.isObject()) {
      throw new IllegalArgumentException("an emitted document must be an object, not " + raw.getNodeType());
    }
    return canonical((ObjectNode) raw, "", layout);
  }

  /**
   * Writes canonical trees as one multi-document YAML text, {@code ---} between documents, in the order given
   * (the pipeline sorts documents by kind, namespace and name first).
   *
   * @param trees trees from {@link #tree}
   * @return the YAML text, ending with a line break; empty when there is no document
   */
  public static String write(List<ObjectNode> trees) {
    StringBuilder out = new StringBuilder();
    for (ObjectNode tree : trees) {
      if (out.length() > 0) {
        out.append(SEPARATOR);
      }
      out.append(write(tree));
    }
    return out.toString();
  }

  /**
   * Writes one canonical tree as a YAML document, without a separator.
   *
   * @param tree a tree from {@link #tree}
   * @return the YAML text, ending with a line break
   */
  public static String write(ObjectNode tree) {
    try {
      return YAML.writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot write a YAML tree", e);
    }
  }

  private static ObjectNode canonical(ObjectNode node, String parentKey, YamlLayout layout) {
    List<String> always = layout.listsUnder(parentKey);
    List<String> order = layout.orderUnder(parentKey);
    List<String> keys = new ArrayList<>(node.size() + always.size());
    node.fieldNames().forEachRemaining(keys::add);
    for (String list : always) {
      if (!node.has(list)) {
        keys.add(list);
      }
    }
    // The layout's keys first, in its order; then every other key, sorted.
    keys.sort(Comparator.<String>comparingInt(k -> rank(order, k)).thenComparing(Comparator.naturalOrder()));
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    for (String key : keys) {
      JsonNode value = node.path(key);
      if (value.isNull() || value.isMissingNode() || (value.isArray() && value.isEmpty())) {
        if (always.contains(key)) {
          out.putArray(key);
        }
        continue;
      }
      out.set(key, canonicalValue(value, key, layout));
    }
    return out;
  }

  /** Where a key stands among the layout's leading keys; every other key after them. */
  private static int rank(List<String> order, String key) {
    int i = order.indexOf(key);
    return i < 0 ? order.size() : i;
  }

  private static JsonNode canonicalValue(JsonNode value, String key, YamlLayout layout) {
    if (value.isObject()) {
      return canonical((ObjectNode) value, key, layout);
    }
    if (value.isArray()) {
      ArrayNode out = JsonNodeFactory.instance.arrayNode();
      for (JsonNode element : value) {
        // A null element is kept: validation then refuses the document rather than the writer hiding a bug.
        out.add(element.isObject() ? canonical((ObjectNode) element, key, layout) : element);
      }
      return out;
    }
    return value;
  }
}

package io.netlingua.emit.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.netlingua.emit.NetworkPolicies;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.SourceDSL;
import org.yaml.snakeyaml.Yaml;

/**
 * Over random label maps and annotation texts: the bytes do not depend on the order the maps were filled in, and
 * the YAML reads back (with SnakeYAML, YAML 1.1 types as go-yaml) as exactly the tree that was written. Tries
 * come from {@code netlingua.property.tries}; the seed is fixed.
 */
class YamlWriterPropertyTest {
  private static final long SEED = 0x59414d4cL;
  private static final int TRIES = Integer.getInteger("netlingua.property.tries", 1000);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Words a YAML reader could take for something else, and ordinary ones. */
  private static final List<String> WORDS = List.of(
      "web", "8080", "0x1F", "1e3", "yes", "No", "on", "null", "~", "true", "2001-12-14", "1:20", ".inf", "a-b",
      "x.y", "_", "0", "-1", "+1", "012", "0o17", "y", "API", "name", "kind", "metadata", "z");

  @Test
  void theBytesDoNotDependOnInsertionOrderAndTheYamlReadsBackAsTheTree() {
    qt().withFixedSeed(SEED).withExamples(TRIES)
        .forAll(labels(), labels(), texts())
        .checkAssert((podLabels, metadataLabels, annotation) -> {
          NetworkPolicy forward = policy(podLabels, metadataLabels, annotation, false);
          NetworkPolicy backward = policy(podLabels, metadataLabels, annotation, true);
          ObjectNode tree = YamlWriter.tree(forward, YamlLayout.NETWORK_POLICY);
          String yaml = YamlWriter.write(List.of(tree));
          assertThat(YamlWriter.write(List.of(YamlWriter.tree(backward, YamlLayout.NETWORK_POLICY))))
              .isEqualTo(yaml);
          Object back = new Yaml().load(yaml);
          JsonNode read = JSON.valueToTree(back);
          assertThat(read).as(yaml).isEqualTo(tree);
        });
  }

  private static NetworkPolicy policy(
      List<String> podLabels, List<String> metadataLabels, String annotation, boolean reversed) {
    Map<String, String> pods = map(podLabels, reversed);
    Map<String, String> labels = map(metadataLabels, reversed);
    labels.put("app.kubernetes.io/managed-by", "netlingua");
    return new NetworkPolicyBuilder(NetworkPolicies.api("shop", "api"))
        .editMetadata().withLabels(labels).addToAnnotations("netlingua.io/description", annotation).endMetadata()
        .editSpec().editPodSelector().withMatchLabels(pods).endPodSelector().endSpec()
        .build();
  }

  /** Pairs of words as key and value, in the given order or reversed (later keys win, as in either order). */
  private static Map<String, String> map(List<String> words, boolean reversed) {
    Map<String, String> distinct = new LinkedHashMap<>();
    for (int i = 0; i + 1 < words.size(); i += 2) {
      distinct.putIfAbsent(words.get(i), words.get(i + 1));
    }
    List<String> keys = new ArrayList<>(distinct.keySet());
    if (reversed) {
      Collections.reverse(keys);
    }
    Map<String, String> out = new LinkedHashMap<>();
    keys.forEach(k -> out.put(k, distinct.get(k)));
    return out;
  }

  private static Gen<List<String>> labels() {
    return SourceDSL.lists().of(SourceDSL.integers().between(0, WORDS.size() - 1).map(WORDS::get))
        .ofSizeBetween(0, 12);
  }

  private static Gen<String> texts() {
    Gen<String> printable = SourceDSL.strings().betweenCodePoints(0x20, 0x7e).ofLengthBetween(0, 30);
    Gen<String> wide = SourceDSL.strings().betweenCodePoints(0x09, 0x2ff).ofLengthBetween(0, 12);
    Gen<String> word = SourceDSL.integers().between(0, WORDS.size() - 1).map(WORDS::get);
    return printable.mix(wide, 30).mix(word, 30);
  }
}

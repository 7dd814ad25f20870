package io.netlingua.emit.calico;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netlingua.emit.yaml.YamlLayout;
import io.netlingua.emit.yaml.YamlWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

/**
 * Selectors written into YAML by the project's writer read back as the same text. A selector that begins with
 * {@code !} must be quoted: a plain {@code !} starts a YAML tag, as Calico's documentation warns (tigera/docs
 * calico/_includes/content/_selectors.mdx: "! is a special character at the start of a YAML string").
 */
class CalicoSelectorYamlTest {

  @Test
  void aLeadingBangIsQuoted() {
    // SnakeYAML's emitter refuses a plain scalar that begins with an indicator such as '!' and falls back to
    // single quotes, which TypeSafeQuoting leaves alone; YamlWriter needs no change for it.
    assertThat(yaml("!has(a)")).isEqualTo("spec:\n  selector: '!has(a)'\n");
    assertThat(yaml("app == 'web'")).isEqualTo("spec:\n  selector: app == 'web'\n");
    // Jackson's own check quotes a value holding a brace or a comma, in double quotes.
    assertThat(yaml("!a in {'x', 'y'}")).isEqualTo("spec:\n  selector: \"!a in {'x', 'y'}\"\n");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "!has(a)", "! has(a)", "!a == 'b'", "!(has(a) || has(b))", "app == 'web' && tier in {'api', 'worker'}",
      "a == \"it's\"", "(has(a) || has(b)) && has(c)", "all()", "a == 'x: y'", "a == 'x #y'", "a in {}"})
  void aSelectorReadsBackAsTheTextWritten(String selector) {
    String yaml = yaml(selector);
    if (selector.startsWith("!")) {
      assertThat(yaml).as(yaml).doesNotContain("selector: !");
    }
    Map<String, Map<String, String>> back = new Yaml().load(yaml);
    assertThat(back.get("spec").get("selector")).as(yaml).isEqualTo(selector);
    assertThat(SelectorParser.parse(back.get("spec").get("selector"))).isEqualTo(SelectorParser.parse(selector));
  }

  /** A document holding the selector as {@code spec.selector}, as an emitted Calico policy holds it. */
  private static String yaml(String selector) {
    ObjectNode tree = new ObjectMapper().createObjectNode();
    tree.putObject("spec").put("selector", selector);
    return YamlWriter.write(List.of(YamlWriter.tree(tree, YamlLayout.of(Map.of(), Map.of()))));
  }
}

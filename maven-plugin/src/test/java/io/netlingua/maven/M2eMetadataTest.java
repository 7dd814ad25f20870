package io.netlingua.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The lifecycle mapping m2e reads from the plugin's jar ({@code META-INF/m2e/lifecycle-mapping-metadata.xml}): the
 * IDE runs {@code generate} on incremental builds and leaves {@code check} to the command line, and both goals it
 * names are goals of this plugin.
 */
class M2eMetadataTest {

  @Test
  void generateRunsOnIncrementalBuildsAndCheckIsIgnored() throws Exception {
    Map<String, Element> actions = new LinkedHashMap<>();
    try (InputStream in = getClass().getResourceAsStream("/META-INF/m2e/lifecycle-mapping-metadata.xml")) {
      assertThat(in).as("the metadata is on the plugin's classpath").isNotNull();
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      Document doc = factory.newDocumentBuilder().parse(in);
      NodeList executions = doc.getElementsByTagName("pluginExecution");
      for (int i = 0; i < executions.getLength(); i++) {
        Element execution = (Element) executions.item(i);
        String goal = execution.getElementsByTagName("goal").item(0).getTextContent();
        actions.put(goal, (Element) execution.getElementsByTagName("action").item(0));
      }
    }
    assertThat(actions).containsOnlyKeys("generate", "check");
    Element generate = actions.get("generate");
    assertThat(generate.getElementsByTagName("execute").getLength()).isEqualTo(1);
    assertThat(generate.getElementsByTagName("runOnIncremental").item(0).getTextContent()).isEqualTo("true");
    assertThat(actions.get("check").getElementsByTagName("ignore").getLength()).isEqualTo(1);
    assertThat(goalsOfThePlugin()).contains("generate", "check");
  }

  /** The goals of the descriptor maven-plugin-plugin generated ({@code META-INF/maven/plugin.xml}). */
  private List<String> goalsOfThePlugin() throws Exception {
    try (InputStream in = getClass().getResourceAsStream("/META-INF/maven/plugin.xml")) {
      assertThat(in).as("the plugin descriptor").isNotNull();
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      NodeList goals = factory.newDocumentBuilder().parse(in).getElementsByTagName("goal");
      List<String> out = new ArrayList<>();
      for (int i = 0; i < goals.getLength(); i++) {
        out.add(goals.item(i).getTextContent());
      }
      return out;
    }
  }
}

package io.netlingua.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every Calico document of every example's golden output validates against Calico's own v3.32.1
 * {@code projectcalico.org/v3} GlobalNetworkPolicy CRD ({@code ../shared/upstream}, SOURCES.md there): the native
 * CRD of 3.32, whose {@code openAPIV3Schema} is what the API server checks when Calico's validator does not run. It
 * is read as draft 2020-12, as the API server reads a structural schema (formats and {@code x-kubernetes-*} keys are
 * annotations; the CEL rules are checked by the project's schema, in the schemas module). Skipped when the upstream
 * folder is absent, unless {@code netlingua.upstream.required} is true.
 */
class ExamplesCalicoUpstreamSchemaTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final String CRD = "calico-v3.32.1-projectcalico.org_globalnetworkpolicies.yaml";

  @Test
  void everyCalicoDocumentOfEveryExampleValidatesAgainstTheUpstreamCrd() throws IOException {
    Path folder = Path.of(System.getProperty("netlingua.upstream", ""));
    if (!Files.isDirectory(folder)) {
      if (Boolean.getBoolean("netlingua.upstream.required")) {
        fail("netlingua.upstream.required is true but " + folder + " is missing");
      }
      assumeTrue(false, "upstream schemas absent (" + folder + "): skipped");
    }
    JsonNode crd = YAML.readTree(folder.resolve(CRD).toFile());
    JsonNode openApi = crd.path("spec").path("versions").get(0).path("schema").path("openAPIV3Schema");
    assertThat(openApi.isObject()).as("%s holds an openAPIV3Schema", CRD).isTrue();
    Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(openApi);
    int documents = 0;
    List<String> problems = new ArrayList<>();
    for (Path example : Examples.all()) {
      for (String golden : List.of("calico.yaml", "calico.fail-closed.yaml")) {
        Path file = example.resolve("expected").resolve(golden);
        if (!Files.exists(file)) {
          continue;
        }
        for (JsonNode doc : documents(file)) {
          documents++;
          assertThat(doc.path("kind").asText()).as("%s: the examples write GlobalNetworkPolicies", file)
              .isEqualTo("GlobalNetworkPolicy");
          assertThat(doc.path("apiVersion").asText()).isEqualTo("projectcalico.org/v3");
          for (Error e : schema.validate(doc)) {
            problems.add(file + " " + doc.path("metadata").path("name").asText() + ": " + e);
          }
        }
      }
    }
    assertThat(problems).isEmpty();
    assertThat(documents).as("the examples' Calico outputs").isGreaterThan(Examples.all().size());
  }

  private static List<JsonNode> documents(Path file) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    try (YAMLParser parser = (YAMLParser) YAML.getFactory().createParser(file.toFile())) {
      YAML.readValues(parser, JsonNode.class).forEachRemaining(out::add);
    }
    return out;
  }
}

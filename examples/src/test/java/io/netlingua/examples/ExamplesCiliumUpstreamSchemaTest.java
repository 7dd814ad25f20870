package io.netlingua.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
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
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every Cilium document of every example's golden output validates against Cilium's own 1.18.2 CRD schemas
 * ({@code ../shared/upstream}, SOURCES.md there), read as draft 2020-12 as the API server reads a CRD's structural
 * schema (formats are annotations). The goldens are what the compiler writes, so this holds for the compiler's
 * output; the project's stricter schemas are checked against these upstream ones in the schemas module. Skipped
 * when the upstream folder is absent, unless {@code netlingua.upstream.required} is true.
 */
class ExamplesCiliumUpstreamSchemaTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Map<String, String> FILES = Map.of(
      "CiliumNetworkPolicy", "cilium-v1.18.2-ciliumnetworkpolicy_v2.schema.json",
      "CiliumClusterwideNetworkPolicy", "cilium-v1.18.2-ciliumclusterwidenetworkpolicy_v2.schema.json");

  @Test
  void everyCiliumDocumentOfEveryExampleValidatesAgainstTheUpstreamCrd() throws IOException {
    Path folder = Path.of(System.getProperty("netlingua.upstream", ""));
    if (!Files.isDirectory(folder)) {
      if (Boolean.getBoolean("netlingua.upstream.required")) {
        fail("netlingua.upstream.required is true but " + folder + " is missing");
      }
      assumeTrue(false, "upstream schemas absent (" + folder + "): skipped");
    }
    SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    Map<String, Schema> schemas = Map.of(
        "CiliumNetworkPolicy", schema(registry, folder.resolve(FILES.get("CiliumNetworkPolicy"))),
        "CiliumClusterwideNetworkPolicy",
        schema(registry, folder.resolve(FILES.get("CiliumClusterwideNetworkPolicy"))));
    int documents = 0;
    List<String> problems = new ArrayList<>();
    for (Path example : Examples.all()) {
      for (String golden : List.of("cilium.yaml", "cilium.best-effort.yaml")) {
        Path file = example.resolve("expected").resolve(golden);
        if (!Files.exists(file)) {
          continue;
        }
        for (JsonNode doc : documents(file)) {
          documents++;
          Schema schema = schemas.get(doc.path("kind").asText());
          assertThat(schema).as("%s: a Cilium kind", file).isNotNull();
          for (Error e : schema.validate(doc)) {
            problems.add(file + " " + doc.path("metadata").path("name").asText() + ": " + e);
          }
        }
      }
    }
    assertThat(problems).isEmpty();
    assertThat(documents).as("every example has a best-effort Cilium output").isGreaterThan(Examples.all().size());
  }

  private static Schema schema(SchemaRegistry registry, Path file) throws IOException {
    return registry.getSchema(JsonMapper.builder().build().readTree(file.toFile()));
  }

  private static List<JsonNode> documents(Path file) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    try (YAMLParser parser = (YAMLParser) YAML.getFactory().createParser(file.toFile())) {
      YAML.readValues(parser, JsonNode.class).forEachRemaining(out::add);
    }
    return out;
  }
}

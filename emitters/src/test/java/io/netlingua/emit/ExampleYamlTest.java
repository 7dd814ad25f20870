package io.netlingua.emit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netlingua.diagnostics.Diagnostic;
import io.netlingua.diagnostics.Severity;
import io.netlingua.diagnostics.SourceText;
import io.netlingua.dsl.NplParser;
import io.netlingua.dsl.ParseResult;
import io.netlingua.emit.validate.DocumentValidator;
import io.netlingua.model.Program;
import io.netlingua.schemas.Schemas;
import io.netlingua.targets.Mode;
import io.netlingua.targets.Options;
import io.netlingua.targets.Target;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * End to end, without golden files: the examples compiled for Kubernetes give YAML that is byte-identical from
 * run to run, reads back as exactly the objects emitted, and is sorted by kind, namespace and name. The goldens
 * of the examples module pin the text itself.
 */
class ExampleYamlTest {
  private static final Path EXAMPLES = Path.of(System.getProperty("netlingua.root", "..")).resolve("examples");

  static Stream<String> examples() throws Exception {
    try (Stream<Path> folders = Files.list(EXAMPLES)) {
      return folders.filter(p -> Files.isDirectory(p.resolve("expected"))).map(p -> p.getFileName().toString())
          .sorted().toList().stream();
    }
  }

  @Test
  void namespaceIsolationCompilesInStrictModeWithOnlyInfos() {
    Compilation c = compile("namespace-isolation", Options.defaults());
    assertThat(c.diagnostics()).extracting(Diagnostic::severity).containsOnly(Severity.INFO);
    assertThat(c.documents()).isNotEmpty();
    assertThat(c.yaml().split("\n---\n")).hasSize(c.documents().size());
    assertThat(c.yaml()).startsWith("apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: ");
    assertThat(c.documents()).isSortedAccordingTo(EmittedDocument.ORDER);
  }

  @ParameterizedTest
  @MethodSource("examples")
  void compilingTwiceGivesByteIdenticalYamlAndReports(String example) {
    Options options = Options.defaults().mode(Mode.BEST_EFFORT);
    Compilation first = compile(example, options);
    Compilation second = compile(example, options);
    assertThat(bytes(second.yaml())).isEqualTo(bytes(first.yaml()));
    assertThat(bytes(second.jsonReport())).isEqualTo(bytes(first.jsonReport()));
    assertThat(bytes(second.textReport(SourceText.NONE))).isEqualTo(bytes(first.textReport(SourceText.NONE)));
  }

  @ParameterizedTest
  @MethodSource("examples")
  void theJsonReportOfEveryExampleInEveryModeValidatesAgainstItsSchema(String example) throws Exception {
    for (Mode mode : Mode.values()) {
      for (Target target : Emitters.targets()) {
        ParseResult parsed = NplParser.create().parse(List.of(EXAMPLES.resolve(example)));
        String json = Emitters.compile(parsed.program(), target, Options.defaults().mode(mode)).jsonReport();
        assertThat(DocumentValidator.validate(Schemas.REPORT, new ObjectMapper().readTree(json)))
            .as(example + " " + target.id() + " " + mode.id()).isEmpty();
      }
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @ParameterizedTest
  @MethodSource("examples")
  void theYamlReadsBackAsTheObjectsEmitted(String example) {
    Compilation c = compile(example, Options.defaults().mode(Mode.BEST_EFFORT));
    // An example with an impossible construct (zero-trust selects namespaces by label) writes nothing.
    assumeTrue(!c.hasErrors(), example + " is impossible on kubernetes");
    assertThat(c.yaml()).isNotEmpty();
    List<Object> read = new ArrayList<>();
    new Yaml(new LoaderOptions()).loadAll(c.yaml()).forEach(read::add);
    ObjectMapper json = new ObjectMapper();
    List<Object> emitted = c.documents().stream()
        .map(d -> (Object) json.convertValue(d.object(), java.util.Map.class)).toList();
    assertThat(read).hasSameSizeAs(emitted);
    for (int i = 0; i < read.size(); i++) {
      // Same content; the writer only reorders keys and adds policyTypes (which the emitter always sets).
      JsonNode back = json.valueToTree(read.get(i));
      assertThat(back).isEqualTo(json.valueToTree(emitted.get(i)));
    }
  }

  private static Compilation compile(String example, Options options) {
    ParseResult parsed = NplParser.create().parse(List.of(EXAMPLES.resolve(example)));
    assertThat(parsed.hasErrors()).as(example).isFalse();
    Program program = parsed.program();
    return Emitters.compile(program, Target.KUBERNETES, options);
  }
}

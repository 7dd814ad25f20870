package io.netlingua.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netlingua.targets.Capabilities;
import io.netlingua.targets.Feature;
import io.netlingua.targets.Target;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code netlingua capabilities}: the matrix of the code's own tables, and the README's copy of it. */
class CapabilitiesCommandTest {
  static final String BEGIN = "<!-- netlingua capabilities: begin -->\n";
  static final String END = "<!-- netlingua capabilities: end -->\n";

  @Test
  void markdownHasARowPerFeatureAndAColumnPerTargetAtItsDefaultVersion() {
    CliRun run = CliRun.of("capabilities");

    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).isEmpty();
    String[] lines = run.out().split("\n");
    assertThat(lines[0]).isEqualTo("| feature | code | kubernetes 1.35 | cilium 1.18 | calico 3.32 | flannel 0.27 |");
    assertThat(lines[1]).isEqualTo("|---|---|---|---|---|---|");
    assertThat(lines).hasSize(2 + Feature.values().length);
    assertThat(lines[2])
        .startsWith("| `policy-enforcement`: network policy at all | NL3001 | exact | exact | exact | impossible (");
    assertThat(run.out()).contains(
        "| `deny`: deny rules | NL3003 | "
            + Capabilities.of(Target.KUBERNETES).get(Feature.DENY).summary() + " | ");
  }

  @Test
  void jsonHoldsTheSameTables() throws IOException {
    CliRun run = CliRun.of("capabilities", "--format", "json");

    assertThat(run.exitCode()).isZero();
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertThat(json.get("targets").get(0).get("id").asText()).isEqualTo("kubernetes");
    assertThat(json.get("targets").get(0).get("version").asText()).isEqualTo("1.35");
    assertThat(json.get("features")).hasSize(Feature.values().length);
    JsonNode world = json.get("features").get(Feature.ENTITY_WORLD.ordinal());
    assertThat(world.get("id").asText()).isEqualTo("entity-world");
    assertThat(world.get("code").asText()).isEqualTo("NL3009");
    JsonNode k8s = world.get("targets").get("kubernetes");
    assertThat(k8s.get("summary").asText())
        .isEqualTo(Capabilities.of(Target.KUBERNETES).get(Feature.ENTITY_WORLD).summary());
    assertThat(k8s.get("translations")).extracting(t -> t.get("outcome").asText())
        .containsExactly("exact", "wider");
    assertThat(run.out()).doesNotContain("\r").endsWith("}\n");
  }

  @Test
  void anUnknownFormatIsAUsageErrorThatNamesTheChoices() {
    CliRun run = CliRun.of("capabilities", "--format", "html");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("unknown format 'html' (expected one of: markdown, json)");
  }

  @Test
  void theReadmeShowsTheMatrixTheCommandPrints() throws IOException {
    String root = System.getProperty("netlingua.root");
    assertThat(root).as("the parent pom hands tests the repository root").isNotBlank();
    String readme = Files.readString(Path.of(root, "README.md"), StandardCharsets.UTF_8).replace("\r\n", "\n");
    int begin = readme.indexOf(BEGIN);
    int end = readme.indexOf(END);
    assertThat(begin).as("README.md marks the matrix with %s", BEGIN.strip()).isNotNegative();
    assertThat(end).as("README.md ends the matrix with %s", END.strip()).isGreaterThan(begin);

    assertThat(readme.substring(begin + BEGIN.length(), end))
        .as("README.md's matrix (paste the output of `netlingua capabilities` between the markers)")
        .isEqualTo(CliRun.of("capabilities").out());
  }
}

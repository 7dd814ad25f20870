package io.netlingua.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --sarif FILE}, {@code --sarif-base DIR} and {@code --sarif-docs URL} of {@code compile} and {@code check}. */
class SarifOptionTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void aFailingCompileWritesTheLogAndKeepsTheReportOnStandardError() throws IOException {
    Path file = write("src/web.npl", CompileCommandTest.WEB.replace("on tcp/8080", "on tcp/8080 { http GET }"));
    Path sarif = dir.resolve("netlingua.sarif");

    CliRun run = CliRun.of("compile", file.toString(), "--target", "kubernetes", "--report", "json",
        "--sarif", sarif.toString(), "--sarif-base", dir.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    assertThat(JSON.readTree(run.err()).path("summary").path("errors").asInt()).isEqualTo(1);
    JsonNode log = JSON.readTree(sarif.toFile());
    JsonNode kubernetes = log.path("runs").get(1);
    assertThat(kubernetes.path("automationDetails").path("id").asText()).isEqualTo("netlingua/kubernetes/");
    JsonNode result = null;
    for (JsonNode r : kubernetes.path("results")) {
      result = r.path("ruleId").asText().equals("NL3004") ? r : result;
    }
    assertThat(result).as("NL3004 in %s", kubernetes).isNotNull();
    assertThat(result.path("ruleId").asText()).isEqualTo("NL3004");
    assertThat(result.path("level").asText()).isEqualTo("error");
    JsonNode artifact = result.path("locations").get(0).path("physicalLocation").path("artifactLocation");
    assertThat(artifact.path("uri").asText()).isEqualTo("src/web.npl");
    assertThat(kubernetes.path("tool").path("driver").path("version").asText())
        .isEqualTo(System.getProperty("netlingua.version"));
  }

  @Test
  void aFailingCheckWritesTheLogReplacingAnOldOne() throws IOException {
    Path file = write("web.npl", CheckCommandTest.WEB);
    Path sarif = write("out/check.sarif", "old");

    CliRun run = CliRun.of("check", file.toString(), "--sarif", sarif.toString(), "--sarif-base", dir.toString(),
        "--sarif-docs", "https://example.org/diagnostics.md");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("error[NL2001]").endsWith("netlingua check: 1 error" + System.lineSeparator());
    JsonNode language = JSON.readTree(sarif.toFile()).path("runs").get(0);
    assertThat(language.path("automationDetails").path("id").asText()).isEqualTo("netlingua/language/");
    assertThat(language.path("results").get(0).path("ruleId").asText()).isEqualTo("NL2001");
    assertThat(language.path("tool").path("driver").path("rules").get(0).path("helpUri").asText())
        .isEqualTo("https://example.org/diagnostics.md#nl2001-unknown-name");
    assertThat(language.path("originalUriBaseIds").path("%SRCROOT%").path("uri").asText())
        .isEqualTo(dir.toUri().toString());
  }

  @Test
  void aSuccessfulCheckWritesALogWithoutResults() throws IOException {
    Path file = write("web.npl", CheckCommandTest.VALID);
    Path sarif = dir.resolve("check.sarif");

    CliRun run = CliRun.of("check", file.toString(), "--sarif", sarif.toString());

    assertThat(run.exitCode()).isZero();
    assertThat(JSON.readTree(sarif.toFile()).path("runs").get(0).path("results").size()).isZero();
  }

  @Test
  void aLogThatCannotBeWrittenFailsTheRun() throws IOException {
    Path file = write("web.npl", CheckCommandTest.VALID);
    Path sarif = dir.resolve("missing/folder/check.sarif");

    CliRun run = CliRun.of("check", file.toString(), "--sarif", sarif.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("netlingua: cannot write the SARIF file '" + sarif + "'");
    assertThat(sarif).doesNotExist();
  }

  private Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    return Files.writeString(p, text);
  }
}

package io.netlingua.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netlingua.Netlingua;
import io.netlingua.dsl.ParseResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's two set-up commands are the ones the project promises: the README shows exactly them, CI runs
 * the test command, and the main job's {@code java -jar} part really compiles the shop example when run as a
 * user runs it, in a child process on the jar that {@code mvn package} built (the cli module is built before
 * this one): exit 0, the YAML of fail-closed mode on standard output (the golden file), the report on standard
 * error. The README's language snippet is a valid program.
 */
class ReadmeCommandsTest {
  static final String MAIN_JOB =
      "mvn -B -q package -DskipTests && java -jar cli/target/netlingua.jar"
          + " compile examples/shop --target kubernetes --mode fail-closed";
  static final String TESTS = "mvn -B verify";

  /** Surefire runs in the examples module's folder; the repository root is its parent. */
  static final Path ROOT = Path.of("").toAbsolutePath().getParent();

  @Test
  void theReadmeShowsExactlyTheTwoCommands() throws IOException {
    assertThat(shellCommands(Files.readString(ROOT.resolve("README.md")))).containsExactly(MAIN_JOB, TESTS);
  }

  @Test
  void continuousIntegrationRunsTheReadmesTestCommand() throws IOException {
    assertThat(Files.readString(ROOT.resolve(".ci/run")))
        .contains(TESTS + " -Dnetlingua.upstream.required=true");
  }

  @Test
  void theMainJobCompilesTheShopExampleWithYamlOnStdoutAndTheReportOnStderr(@TempDir Path dir)
      throws Exception {
    assumeTrue(Files.isDirectory(ROOT.resolve("examples/shop")), "examples/shop is not written yet");
    assertThat(ROOT.resolve("cli/target/netlingua.jar"))
        .as("the jar `mvn package` builds (run the tests with mvn verify, which packages cli first)")
        .isRegularFile();
    List<String> command = new ArrayList<>(Arrays.asList(MAIN_JOB.split(" && ")[1].split(" ")));
    assertThat(command.get(0)).isEqualTo("java");
    command.set(0, Path.of(System.getProperty("java.home"), "bin", "java").toString());

    Path stderr = dir.resolve("stderr.txt");
    Process process = new ProcessBuilder(command).directory(ROOT.toFile())
        .redirectError(ProcessBuilder.Redirect.to(stderr.toFile())).start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String report = Files.readString(stderr, StandardCharsets.UTF_8);

    assertThat(process.exitValue()).as(report).isZero();
    assertThat(report).startsWith("netlingua: target kubernetes 1.35, mode fail-closed")
        .containsPattern("summary: \\d+ documents emitted, 0 errors, \\d+ warnings");
    assertThat(output.replace("\r\n", "\n")).as("the YAML is the reviewed golden file")
        .isEqualTo(Files.readString(ROOT.resolve("examples/shop/expected/kubernetes.fail-closed.yaml")));
  }

  @Test
  void theReadmesLanguageSnippetIsAValidProgram(@TempDir Path dir) throws IOException {
    List<String> snippets = blocks(Files.readString(ROOT.resolve("README.md")), "```npl");
    assertThat(snippets).hasSize(1);
    Path file = Files.writeString(dir.resolve("readme.npl"), snippets.get(0));
    // The snippet imports a file of lets; an empty file is a valid one.
    Files.writeString(dir.resolve("common.npl"), "");

    ParseResult result = Netlingua.parse(file);

    assertThat(Netlingua.render(result)).isEmpty();
    assertThat(result.program().policies()).hasSize(1);
  }

  /** The lines of the README's {@code sh} code blocks that are commands (not blank, not comments). */
  static List<String> shellCommands(String readme) {
    List<String> commands = new ArrayList<>();
    for (String block : blocks(readme, "```sh")) {
      block.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).map(String::strip).forEach(commands::add);
    }
    return commands;
  }

  /** The text of every fenced code block of the README that opens with {@code fence} (e.g. {@code ```sh}). */
  static List<String> blocks(String readme, String fence) {
    List<String> blocks = new ArrayList<>();
    StringBuilder block = null;
    boolean inBlock = false;
    for (String line : readme.split("\\R")) {
      if (line.startsWith("```")) {
        if (!inBlock && line.equals(fence)) {
          block = new StringBuilder();
        } else if (inBlock && block != null) {
          blocks.add(block.toString());
          block = null;
        }
        inBlock = !inBlock;
      } else if (block != null) {
        block.append(line).append('\n');
      }
    }
    return blocks;
  }
}

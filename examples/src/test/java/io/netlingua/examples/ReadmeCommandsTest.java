package io.netlingua.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The README's two set-up commands are the ones the project promises: the README shows exactly them, CI runs
 * the test command, and the main job's {@code java -jar} part really passes on the shop example when run as a
 * user runs it, in a child process on the jar that {@code mvn package} built (the cli module is built before this
 * one).
 */
class ReadmeCommandsTest {
  static final String MAIN_JOB =
      "mvn -B -q package -DskipTests && java -jar cli/target/netlingua.jar check examples/shop";
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
  void theMainJobChecksTheShopExampleWithoutErrors() throws Exception {
    assumeTrue(Files.isDirectory(ROOT.resolve("examples/shop")), "examples/shop is not written yet");
    assertThat(ROOT.resolve("cli/target/netlingua.jar"))
        .as("the jar `mvn package` builds (run the tests with mvn verify, which packages cli first)")
        .isRegularFile();
    List<String> command = new ArrayList<>(Arrays.asList(MAIN_JOB.split(" && ")[1].split(" ")));
    assertThat(command.get(0)).isEqualTo("java");
    command.set(0, Path.of(System.getProperty("java.home"), "bin", "java").toString());

    Process process =
        new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true).start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

    assertThat(process.exitValue()).as(output).isZero();
    assertThat(output).containsPattern("netlingua check: \\d+ files?, \\d+ polic(y|ies): no errors");
  }

  /** The lines of the README's {@code sh} code blocks that are commands (not blank, not comments). */
  static List<String> shellCommands(String readme) {
    List<String> commands = new ArrayList<>();
    boolean inShell = false;
    for (String line : readme.split("\\R")) {
      if (line.startsWith("```")) {
        inShell = !inShell && line.equals("```sh");
      } else if (inShell && !line.isBlank() && !line.startsWith("#")) {
        commands.add(line.strip());
      }
    }
    return commands;
  }
}

package io.netlingua.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.netlingua.Netlingua;
import io.netlingua.targets.Target;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

class MainTest {

  @Test
  void helpListsTheCommandsAndTheExitCodes() {
    CliRun run = CliRun.of("--help");

    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.out())
        .startsWith("Usage: netlingua [-hV] [COMMAND]")
        .contains("  check ", "  format ", "  compile ", "  capabilities ", "  help ", "-V, --version",
            "Exit codes:", "  2   usage error");
  }

  @Test
  void helpListsTheTargetsThatExist() {
    CliRun run = CliRun.of("--help");

    String n = System.lineSeparator();
    assertThat(run.out()).endsWith("Targets (compile --target):" + n
        + "  kubernetes  Kubernetes NetworkPolicy (networking.k8s.io/v1), versions 1.21 to 1.35" + n
        + "  cilium      Cilium (cilium.io/v2 Cilium[Clusterwide]NetworkPolicy), versions 1.16 to 1.18" + n
        + "  calico      Calico (projectcalico.org/v3 GlobalNetworkPolicy), versions 3.29 to 3.32" + n
        + "  flannel     Flannel (no policy enforcement), any version" + n);
    assertThat(Netlingua.targets()).extracting(Target::id).containsExactly("kubernetes", "cilium", "calico", "flannel");
    assertThat(CliRun.of("compile", "--help").out())
        .contains("--target=TARGET", "the target: " + String.join(", ",
            Netlingua.targets().stream().map(Target::id).toList()));
  }

  @Test
  void compileAndQueryTakeTheSameOptionsOfTheCompilation() {
    for (String command : List.of("compile", "query")) {
      assertThat(CliRun.of(command, "--help").out()).as(command)
          .contains("[--target-version=VERSION]", "[--pod-cidr=CIDR]...", "[--service-cidr=CIDR]...",
              "[--node-cidr=CIDR]...", "[--target-option=KEY=VALUE]...");
    }
  }

  @Test
  void helpIsPlainTextWithoutColourEvenWhenPicocliIsAskedForIt() {
    String before = System.getProperty("picocli.ansi");
    System.setProperty("picocli.ansi", "true");
    try {
      assertThat(CliRun.of("--help").out()).contains("Usage:").doesNotContain("\u001b[");
      assertThat(CliRun.of("check", "--help").out()).contains("Usage:").doesNotContain("\u001b[");
    } finally {
      if (before == null) {
        System.clearProperty("picocli.ansi");
      } else {
        System.setProperty("picocli.ansi", before);
      }
    }
  }

  @Test
  void eachCommandHasItsOwnHelp() {
    CliRun check = CliRun.of("check", "--help");
    CliRun format = CliRun.of("help", "format");

    assertThat(check.exitCode()).isZero();
    assertThat(check.out()).startsWith("Usage: netlingua check [-hV] [--sarif=FILE] [--sarif-base=DIR] [--sarif-docs=URL] PATH...");
    assertThat(format.exitCode()).isZero();
    assertThat(format.out()).startsWith("Usage: netlingua format [-hV] [-w | --check] PATH...");
  }

  @Test
  void versionIsTheProjectVersion() {
    String version = System.getProperty("netlingua.version");
    assertThat(version).as("surefire passes the project version").isNotBlank();

    CliRun run = CliRun.of("--version");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).isEqualTo("netlingua " + version + System.lineSeparator());
  }

  @Test
  void noCommandIsAUsageError() {
    CliRun run = CliRun.of();

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .startsWith("Missing command: check, format, compile, query or capabilities").contains("Usage: netlingua");
  }

  @Test
  void unknownOptionsAndCommandsAreUsageErrors() {
    assertThat(CliRun.of("--colour").exitCode()).isEqualTo(2);
    assertThat(CliRun.of("query", "x.npl").exitCode()).isEqualTo(2);
    assertThat(CliRun.of("check").exitCode()).isEqualTo(2);
    assertThat(CliRun.of("check").err()).contains("Missing required parameter: 'PATH'");
  }

  @Test
  void anUnexpectedIoFailureIsOneLineAndExitCodeTwo() {
    CommandLine command = Main.commandLine();
    command.addSubcommand("fail", new Failing());

    CliRun run = CliRun.on(command, "fail");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("netlingua: error: no such file: gone.npl" + System.lineSeparator());
  }

  @Test
  void runNeverThrowsAndFlushesItsStreams() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    int code = Main.run(new PrintWriter(out), new PrintWriter(err), "--version");

    assertThat(code).isZero();
    assertThat(out.toString()).startsWith("netlingua ");
    assertThat(err.toString()).isEmpty();
  }

  /** A command whose file disappears under it. */
  @Command(name = "fail")
  static final class Failing implements Callable<Integer> {
    @Override
    public Integer call() throws NoSuchFileException {
      throw new NoSuchFileException("gone.npl");
    }
  }
}

package io.netlingua.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.netlingua.cli.internal.RootCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Command;

/**
 * {@link Main#run} answers {@code --version} alone without picocli and builds in full only the subcommand a run
 * names, listing the others by their annotation (docs/performance.md, "Cold start"). Whatever it builds, a run prints
 * exactly what it prints on the command line {@link Main#commandLine()} builds with every subcommand: the same
 * bytes on both streams and the same exit code, for help, versions, usage errors and runs.
 */
class CommandTreeTest {
  @TempDir Path dir;

  @Test
  void everyRunPrintsWhatTheFullCommandLinePrints() throws IOException {
    Path valid = Files.writeString(dir.resolve("web.npl"), CheckCommandTest.VALID);
    Path broken = Files.writeString(dir.resolve("broken.npl"), CheckCommandTest.WEB);
    String v = valid.toString();
    List<String[]> runs = new ArrayList<>(List.of(
        new String[] {},
        new String[] {"--version"},
        new String[] {"-V"},
        new String[] {"--help"},
        new String[] {"-h"},
        new String[] {"--help", "--version"},
        new String[] {"-V", "check", v},
        new String[] {"-h", "compile"},
        new String[] {"--version", "extra"},
        new String[] {"-hV"},
        new String[] {"--colour"},
        new String[] {"chek", v},
        new String[] {"help"},
        new String[] {"help", "query"},
        new String[] {"help", "nothing"},
        new String[] {"help", "help"},
        new String[] {"help", "-h"},
        new String[] {"help", "check", "extra"},
        new String[] {"-h", "help", "compile"},
        new String[] {"check"},
        new String[] {"check", v},
        new String[] {"check", broken.toString()},
        new String[] {"check", dir.resolve("missing.npl").toString()},
        new String[] {"check", "--version"},
        new String[] {"check", "--unknown", v},
        new String[] {"format", v},
        new String[] {"format", "--check", v},
        new String[] {"compile", v, "--target", "kubernetes"},
        new String[] {"compile", v, "--target", "nope"},
        new String[] {"compile", v},
        new String[] {"compile", "check", "--target", "cilium"},
        new String[] {"query", v},
        new String[] {"capabilities"},
        new String[] {"capabilities", "--format", "json"},
        new String[] {"capabilities", "--format", "yaml"}));
    for (Class<?> command : RootCommand.SUBCOMMANDS) {
      String name = command.getAnnotation(Command.class).name();
      runs.add(new String[] {name, "--help"});
      runs.add(new String[] {"help", name});
    }

    for (String[] args : runs) {
      CliRun full = CliRun.of(args);
      CliRun run = run(args);
      String what = "netlingua " + String.join(" ", args);
      assertThat(run.exitCode()).as(what).isEqualTo(full.exitCode());
      assertThat(run.out()).as(what).isEqualTo(full.out());
      assertThat(run.err()).as(what).isEqualTo(full.err());
    }
  }

  @Test
  void theVersionAloneIsOneLine() {
    String n = System.lineSeparator();

    assertThat(run("--version").out()).isEqualTo("netlingua " + System.getProperty("netlingua.version") + n);
    assertThat(run("-V").out()).isEqualTo(run("--version").out());
  }

  /** A run through {@link Main#run}, as {@code java -jar netlingua.jar} does. */
  private static CliRun run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exitCode = Main.run(new PrintWriter(out), new PrintWriter(err), args);
    return new CliRun(exitCode, out.toString(), err.toString());
  }
}

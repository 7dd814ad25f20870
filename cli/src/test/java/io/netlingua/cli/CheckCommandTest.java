package io.netlingua.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckCommandTest {
  static final String WEB =
      "namespace shop\n"
          + "\n"
          + "policy web {\n"
          + "  select pods(app=web)\n"
          + "  ingress {\n"
          + "    allow from frontnd on tcp/8080\n"
          + "  }\n"
          + "}\n";

  static final String VALID =
      "namespace shop\n"
          + "\n"
          + "let frontend = pods(app=frontend)\n"
          + "\n"
          + "policy web {\n"
          + "  select pods(app=web)\n"
          + "  ingress {\n"
          + "    allow from frontend on tcp/8080\n"
          + "  }\n"
          + "}\n";

  @TempDir Path dir;

  @Test
  void aValidProgramExitsZeroWithASummary() throws IOException {
    Path file = write("web.npl", VALID);

    CliRun run = CliRun.of("check", file.toString());

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).isEqualTo("netlingua check: 1 file, 1 policy: no errors" + System.lineSeparator());
  }

  @Test
  void aDirectoryIsEveryNplFileBelowIt() throws IOException {
    write("a/web.npl", VALID);
    write("b/api.npl", VALID.replace("policy web", "policy api"));
    write("notes.txt", "not a policy");

    CliRun run = CliRun.of("check", dir.toString());

    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).startsWith("netlingua check: 2 files, 2 policies: no errors");
  }

  @Test
  void errorsAreRenderedLikeACompilerAndExitOne() throws IOException {
    Path file = write("web.npl", WEB);

    CliRun run = CliRun.of("check", file.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    String[] lines = run.err().split("\\R");
    assertThat(lines[0]).startsWith(file + ":6:16: error[NL2001]: ").contains("frontnd");
    assertThat(lines[1]).isEqualTo("    6 |     allow from frontnd on tcp/8080");
    assertThat(lines[2]).startsWith("      |                ^");
    assertThat(lines[lines.length - 1]).isEqualTo("netlingua check: 1 error");
  }

  @Test
  void aMissingImportIsAnErrorOfTheInputAtTheImportLine() throws IOException {
    Path file = write("web.npl", "namespace shop\nimport \"common.npl\"\n" + VALID.substring(15));

    CliRun run = CliRun.of("check", file.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains(file + ":2:1: error[NL2031]: ");
  }

  @Test
  void warningsAloneDoNotFailTheCheck() throws IOException {
    Path outside = Files.createDirectories(dir.resolve("outside"));
    Path program = Files.createDirectories(dir.resolve("program"));
    Files.writeString(outside.resolve("elsewhere.npl"), VALID);
    Files.writeString(program.resolve("web.npl"), VALID);
    Files.createSymbolicLink(program.resolve("link.npl"), outside.resolve("elsewhere.npl"));

    CliRun run = CliRun.of("check", program.toString());

    assertThat(run.exitCode()).isZero();
    assertThat(run.err())
        .contains("warning[NL5003]")
        .endsWith("netlingua check: 1 file, 1 policy: no errors, 1 warning" + System.lineSeparator());
  }

  @Test
  void aPathThatCannotBeReadIsExitTwo() {
    Path missing = dir.resolve("missing.npl");

    CliRun run = CliRun.of("check", missing.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).startsWith(missing + ":1:1: error[NL5001]: ");
  }

  @Test
  void aDirectoryWithoutNplFilesIsExitTwo() throws IOException {
    write("README.md", "no policies here");

    CliRun run = CliRun.of("check", dir.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("error[NL5002]");
  }

  @Test
  void aRunProblemWinsOverErrorsOfTheInput() throws IOException {
    Path file = write("web.npl", WEB);

    CliRun run = CliRun.of("check", file.toString(), dir.resolve("missing").toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains("error[NL2001]", "error[NL5001]")
        .endsWith("2 errors" + System.lineSeparator());
  }

  private Path write(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, text);
  }
}

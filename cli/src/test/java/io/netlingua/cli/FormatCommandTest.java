package io.netlingua.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.netlingua.Netlingua;
import io.netlingua.dsl.ParseResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FormatCommandTest {
  /** Valid, with a comment, but not in canonical form (spacing, {@code ==}, one line). */
  static final String MESSY =
      "# the web tier\n"
          + "namespace   shop\n"
          + "policy web {   select pods(app==web)\n"
          + "  ingress { allow from pods(app=frontend)   on tcp/8080 }}\n";

  static final FileTime LONG_AGO = FileTime.fromMillis(946_684_800_000L);

  @TempDir Path dir;
  String canonical;

  @BeforeEach
  void canonicalFormOfMessy() {
    ParseResult parsed = Netlingua.parse("web.npl", MESSY);
    assertThat(parsed.diagnostics()).isEmpty();
    canonical = Netlingua.format(parsed.program().files().get(0), parsed.comments());
    assertThat(canonical).isNotEqualTo(MESSY).contains("# the web tier");
  }

  @Test
  void printsTheCanonicalFormOfOneFileWithoutHeader() throws IOException {
    Path file = write("web.npl", MESSY);

    CliRun run = CliRun.of("format", file.toString());

    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.out()).isEqualTo(canonical);
    assertThat(Files.readString(file)).as("printing writes nothing").isEqualTo(MESSY);
  }

  @Test
  void theCanonicalFormIsAFixedPoint() throws IOException {
    Path file = write("web.npl", canonical);

    assertThat(CliRun.of("format", file.toString()).out()).isEqualTo(canonical);
    assertThat(CliRun.of("format", "--check", file.toString()).exitCode()).isZero();
  }

  @Test
  void severalFilesEachGetAHeaderInProgramOrder() throws IOException {
    Path b = write("b.npl", MESSY.replace("policy web", "policy api"));
    Path a = write("a.npl", MESSY);

    CliRun run = CliRun.of("format", dir.toString());

    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .isEqualTo(
            "==> " + a + " <==\n" + canonical
                + "==> " + b + " <==\n"
                + canonical.replace("policy web", "policy api"));
  }

  @Test
  void writeRewritesOnlyTheChangedFilesAtomically() throws IOException {
    Path messy = write("messy.npl", MESSY.replace("policy web", "policy api"));
    Path tidy = write("tidy.npl", canonical);
    Files.setPosixFilePermissions(messy, PosixFilePermissions.fromString("rw-r-----"));
    Files.setLastModifiedTime(tidy, LONG_AGO);
    Object messyKey = fileKey(messy);

    CliRun run = CliRun.of("format", "--write", dir.toString());

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .isEqualTo(
            "reformatted " + messy + System.lineSeparator()
                + "netlingua format: 1 file reformatted, 1 unchanged" + System.lineSeparator());
    assertThat(Files.readString(messy)).isEqualTo(canonical.replace("policy web", "policy api"));
    assertThat(fileKey(messy)).as("a new file moved into place, not written in place").isNotEqualTo(messyKey);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(messy))).isEqualTo("rw-r-----");
    assertThat(Files.getLastModifiedTime(tidy)).as("an unchanged file is not touched").isEqualTo(LONG_AGO);
    assertThat(listing()).as("no temporary file left behind").containsExactly(messy, tidy);
  }

  @Test
  void writeGoesThroughASymbolicLinkToItsFile() throws IOException {
    Path real = write("real/web.npl", MESSY);
    Path link = Files.createSymbolicLink(dir.resolve("web.npl"), Path.of("real/web.npl"));

    CliRun run = CliRun.of("format", "--write", link.toString());

    assertThat(run.exitCode()).isZero();
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(Files.readString(real)).isEqualTo(canonical);
  }

  @Test
  void nothingIsWrittenOrPrintedWhenTheProgramHasErrors() throws IOException {
    Path messy = write("messy.npl", MESSY);
    Path broken =
        write("broken.npl", "namespace shop\npolicy api { select pods ingress { allow from nobody } }\n");

    CliRun print = CliRun.of("format", dir.toString());
    CliRun rewrite = CliRun.of("format", "--write", dir.toString());

    for (CliRun run : List.of(print, rewrite)) {
      assertThat(run.exitCode()).isEqualTo(1);
      assertThat(run.out()).isEmpty();
      assertThat(run.err())
          .contains(broken + ":2:47: error[NL2001]")
          .endsWith("netlingua format: 1 error; nothing formatted" + System.lineSeparator());
    }
    assertThat(Files.readString(messy)).isEqualTo(MESSY);
    assertThat(listing()).containsExactly(broken, messy);
  }

  @Test
  void checkFailsOnAFileNotInCanonicalFormAndWritesNothing() throws IOException {
    Path messy = write("messy.npl", MESSY.replace("policy web", "policy api"));
    Path tidy = write("tidy.npl", canonical);

    CliRun run = CliRun.of("format", "--check", dir.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .isEqualTo(
            "not in canonical form: " + messy + System.lineSeparator()
                + "netlingua format: 1 of 2 files not in canonical form" + System.lineSeparator());
    assertThat(Files.readString(messy)).isEqualTo(MESSY.replace("policy web", "policy api"));
    assertThat(Files.readString(tidy)).isEqualTo(canonical);
  }

  @Test
  void checkPassesWhenEveryFileIsCanonical() throws IOException {
    write("tidy.npl", canonical);

    CliRun run = CliRun.of("format", "--check", dir.toString());

    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).isEqualTo("netlingua format: 1 file in canonical form" + System.lineSeparator());
  }

  @Test
  void lineEndsAndByteOrderMarkAreNotCanonical() throws IOException {
    Path crlf = write("crlf.npl", canonical.replace("\n", "\r\n"));
    Path bom = write("bom.npl", "\ufeff" + canonical.replace("policy web", "policy api"));

    CliRun check = CliRun.of("format", "--check", dir.toString());
    CliRun rewrite = CliRun.of("format", "--write", dir.toString());

    assertThat(check.exitCode()).isEqualTo(1);
    assertThat(rewrite.exitCode()).isZero();
    assertThat(Files.readString(crlf)).isEqualTo(canonical);
    assertThat(Files.readString(bom)).isEqualTo(canonical.replace("policy web", "policy api"));
  }

  @Test
  void writeAndCheckTogetherAreAUsageError() throws IOException {
    Path file = write("web.npl", MESSY);

    CliRun run = CliRun.of("format", "--write", "--check", file.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("mutually exclusive");
    assertThat(Files.readString(file)).isEqualTo(MESSY);
  }

  @Test
  void aPathThatCannotBeReadIsExitTwo() {
    CliRun run = CliRun.of("format", "--write", dir.resolve("missing.npl").toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("error[NL5001]");
  }

  private Path write(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, text);
  }

  private List<Path> listing() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.sorted().toList();
    }
  }

  private static Object fileKey(Path file) throws IOException {
    return Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
  }
}

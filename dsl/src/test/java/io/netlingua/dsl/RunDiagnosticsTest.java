package io.netlingua.dsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.netlingua.diagnostics.Code;
import io.netlingua.diagnostics.Diagnostic;
import io.netlingua.diagnostics.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The NL5xxx diagnostics of a run and how directories are read; each test is named after its code. */
class RunDiagnosticsTest {
  @TempDir Path dir;

  private static final String POLICY =
      "namespace shop\npolicy %s {\n  select pods\n  ingress { allow from pods }\n}\n";

  private Path write(String relative, String text) throws IOException {
    Path p = dir.resolve(relative);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
    return p;
  }

  @Test
  void nl5001MissingPathIsReportedAtItsName() {
    Path missing = dir.resolve("nope");
    ParseResult r = NplParser.create().parse(List.of(missing));
    assertThat(r.diagnostics()).singleElement().satisfies(d -> {
      assertThat(d.code()).isEqualTo(Code.UNREADABLE_PATH);
      assertThat(d.span().file()).isEqualTo(missing.toString().replace('\\', '/'));
      assertThat(d.span().line()).isEqualTo(1);
      assertThat(d.span().column()).isEqualTo(1);
    });
    assertThat(r.program().files()).isEmpty();
  }

  @Test
  void nl5002DirectoryWithoutNplFiles() throws IOException {
    write("readme.txt", "not a policy");
    ParseResult r = NplParser.create().parse(List.of(dir));
    assertThat(r.diagnostics()).extracting(Diagnostic::code).containsExactly(Code.NO_SOURCE_FILES);
    assertThat(r.hasErrors()).isTrue();
  }

  @Test
  void nl5003LinkLeavingTheDirectoryIsSkippedWithAWarning() throws IOException {
    Path outside = Files.createDirectories(dir.resolve("outside"));
    Files.writeString(outside.resolve("secret.npl"), String.format(POLICY, "secret"));
    Path root = write("root/a.npl", String.format(POLICY, "a")).getParent();
    Files.createSymbolicLink(root.resolve("escape"), outside);
    Files.createSymbolicLink(root.resolve("escape.npl"), outside.resolve("secret.npl"));
    ParseResult r = NplParser.create().parse(List.of(root));
    assertThat(r.diagnostics()).extracting(Diagnostic::code, Diagnostic::severity)
        .containsExactly(
            tuple(Code.LINK_OUTSIDE_ROOT, Severity.WARNING),
            tuple(Code.LINK_OUTSIDE_ROOT, Severity.WARNING));
    assertThat(r.hasErrors()).isFalse();
    assertThat(r.program().policies()).extracting(p -> p.name()).containsExactly("a");
    assertThat(r.sources().text(root + "/escape.npl")).isEmpty();
  }

  @Test
  void linksInsideTheDirectoryAreFollowedAndNoFolderIsReadTwice() throws IOException {
    Path root = write("root/sub/b.npl", String.format(POLICY, "b")).getParent().getParent();
    write("root/a.npl", String.format(POLICY, "a"));
    Files.createSymbolicLink(root.resolve("again"), root.resolve("sub"));
    Files.createSymbolicLink(root.resolve("sub/loop"), root);
    ParseResult r = NplParser.create().parse(List.of(root));
    assertThat(r.diagnostics()).isEmpty();
    assertThat(r.program().policies()).extracting(p -> p.name()).containsExactly("a", "b");
  }

  @Test
  void filesAreReadInSortedPathOrderWithNamesAsGiven() throws IOException {
    write("p/z.npl", String.format(POLICY, "z"));
    write("p/b/y.npl", String.format(POLICY, "y"));
    write("p/a.npl", String.format(POLICY, "a"));
    write("p/notes.txt", "ignored");
    Path given = dir.resolve("p/./b/..");
    ParseResult r = NplParser.create().parse(List.of(given));
    String base = dir.resolve("p").toString().replace('\\', '/');
    assertThat(r.program().files()).extracting(f -> f.path())
        .containsExactly(base + "/a.npl", base + "/b/y.npl", base + "/z.npl");
    assertThat(r.diagnostics()).isEmpty();
  }

  @Test
  void filesNamedOneByOneAndTwiceAreReadOnce() throws IOException {
    Path a = write("a.npl", String.format(POLICY, "a"));
    Path b = write("b.npl", String.format(POLICY, "b"));
    ParseResult r = NplParser.create().parse(List.of(b, a, a));
    assertThat(r.program().policies()).extracting(p -> p.name()).containsExactly("a", "b");
  }

  @Test
  void nl5005FileSelectedOutsideTheRootIsRefusedAtItsName() throws IOException {
    Path root = write("root/a.npl", String.format(POLICY, "a")).getParent();
    Path stray = write("other/b.npl", String.format(POLICY, "b"));
    ParseResult r = NplParser.create().parse(root, List.of(root.resolve("a.npl"), stray));
    assertThat(r.diagnostics()).singleElement().satisfies(d -> {
      assertThat(d.code()).isEqualTo(Code.FILE_OUTSIDE_ROOT);
      assertThat(d.severity()).isEqualTo(Severity.ERROR);
      assertThat(d.span().file()).isEqualTo(stray.toString().replace('\\', '/'));
      assertThat(d.message()).contains("not inside the program's root");
    });
    assertThat(r.program().policies()).extracting(p -> p.name()).containsExactly("a");
  }

  @Test
  void aSelectedLinkLeavingTheRootIsSkippedAsTheWalkOfTheRootSkipsIt() throws IOException {
    Path outside = write("outside/secret.npl", String.format(POLICY, "secret"));
    Path root = write("root/a.npl", String.format(POLICY, "a")).getParent();
    Files.createSymbolicLink(root.resolve("escape.npl"), outside);
    ParseResult selected = NplParser.create().parse(root, List.of(root.resolve("escape.npl"), root.resolve("a.npl")));
    ParseResult walked = NplParser.create().parse(List.of(root));
    assertThat(selected.diagnostics()).extracting(Diagnostic::code).containsExactly(Code.LINK_OUTSIDE_ROOT);
    assertThat(selected.diagnostics()).isEqualTo(walked.diagnostics());
    assertThat(selected.program()).isEqualTo(walked.program());
  }

  @Test
  void aRootThatIsNotADirectoryAndAnEmptySelectionAreRunErrors() throws IOException {
    Path file = write("a.npl", String.format(POLICY, "a"));
    assertThat(NplParser.create().parse(file, List.of(file)).diagnostics()).extracting(Diagnostic::code)
        .containsExactly(Code.UNREADABLE_PATH);
    assertThat(NplParser.create().parse(dir, List.of()).diagnostics()).extracting(Diagnostic::code)
        .containsExactly(Code.NO_SOURCE_FILES);
  }
}

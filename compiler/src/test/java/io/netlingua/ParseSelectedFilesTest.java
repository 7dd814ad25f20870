package io.netlingua;

import static org.assertj.core.api.Assertions.assertThat;

import io.netlingua.diagnostics.Code;
import io.netlingua.diagnostics.Diagnostic;
import io.netlingua.dsl.ParseResult;
import io.netlingua.model.PolicyFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Netlingua#parse(Path, List)}: some files of a root, named, imported and bounded as when the whole root is
 * read, as a build's includes and excludes select them.
 */
class ParseSelectedFilesTest {
  private static final String COMMON = "let frontend = pods(app=frontend)\n";
  private static final String WEB = "import \"../common.npl\"\nnamespace shop\n"
      + "policy web {\n  select pods(app=web)\n  ingress { allow from frontend on tcp/8080 }\n}\n";
  private static final String API = "import \"../common.npl\"\nnamespace shop\n"
      + "policy api {\n  select pods(app=api)\n  ingress { allow from frontend, backend on tcp/9090 }\n}\n";
  private static final String DB = "namespace data\n"
      + "policy db {\n  select pods(app=db)\n  ingress { allow from pods on tcp/5432 }\n}\n";

  @TempDir Path dir;

  private Path write(String relative, String text) throws IOException {
    Path p = dir.resolve(relative);
    Files.createDirectories(p.getParent());
    return Files.writeString(p, text);
  }

  private static String name(Path p) {
    return p.toString().replace('\\', '/');
  }

  @Test
  void anImportAcrossFoldersReadsAFileThatIsNotSelected() throws IOException {
    Path root = dir.resolve("src");
    write("src/common.npl", COMMON);
    Path web = write("src/shop/web.npl", WEB);
    write("src/data/db.npl", DB);

    ParseResult result = Netlingua.parse(root, List.of(web));

    assertThat(result.diagnostics()).isEmpty();
    assertThat(result.program().files()).extracting(PolicyFile::path).containsExactly(name(web));
    assertThat(result.program().policies()).extracting(p -> p.name()).containsExactly("web");
    assertThat(result.sources().text(name(root.resolve("common.npl")))).contains(COMMON);
  }

  @Test
  void anImportLeavingTheRootIsRefusedAsWhenTheRootIsRead() throws IOException {
    write("common.npl", COMMON);
    Path root = dir.resolve("src");
    Path web = write("src/web.npl", WEB);

    ParseResult selected = Netlingua.parse(root, List.of(web));

    assertThat(selected.diagnostics()).extracting(Diagnostic::code).contains(Code.IMPORT_OUTSIDE_ROOT);
    assertThat(Netlingua.render(selected)).isEqualTo(Netlingua.render(Netlingua.parse(root)));
  }

  @Test
  void aFileOutsideTheRootIsRefusedAtItsName() throws IOException {
    Path root = dir.resolve("src");
    Path web = write("src/shop/web.npl", WEB.replace("import \"../common.npl\"\n", "").replace("frontend", "pods"));
    Path stray = write("elsewhere/db.npl", DB);

    ParseResult result = Netlingua.parse(root, List.of(web, stray));

    assertThat(result.hasErrors()).isTrue();
    assertThat(result.diagnostics()).singleElement().satisfies(d -> {
      assertThat(d.code()).isEqualTo(Code.FILE_OUTSIDE_ROOT);
      assertThat(d.span().file()).isEqualTo(name(stray));
      assertThat(d.span().line()).isEqualTo(1);
      assertThat(d.span().column()).isEqualTo(1);
    });
    assertThat(Netlingua.render(result)).startsWith(
        name(stray) + ":1:1: error[NL5005]: '" + name(stray) + "' is not inside the program's root '" + name(root)
            + "'");
    assertThat(result.program().files()).extracting(PolicyFile::path).containsExactly(name(web));
  }

  @Test
  void everyFileSelectedGivesTheProgramAndDiagnosticsOfTheWholeRoot() throws IOException {
    Path root = dir.resolve("src");
    write("src/common.npl", COMMON);
    write("src/shop/web.npl", WEB);
    // 'backend' is defined nowhere: the same NL2001 either way.
    write("src/shop/api.npl", API);
    write("src/data/db.npl", DB);
    List<Path> all;
    try (Stream<Path> walk = Files.walk(root)) {
      all = walk.filter(p -> p.toString().endsWith(".npl")).toList();
    }

    ParseResult whole = Netlingua.parse(root);
    ParseResult selected = Netlingua.parse(root, all);

    assertThat(whole.diagnostics()).extracting(Diagnostic::code).containsExactly(Code.UNKNOWN_NAME);
    assertThat(selected.program()).isEqualTo(whole.program());
    assertThat(selected.diagnostics()).isEqualTo(whole.diagnostics());
    assertThat(Netlingua.render(selected)).isEqualTo(Netlingua.render(whole));
    assertThat(formatted(selected)).isEqualTo(formatted(whole));
  }

  @Test
  void theOrderOfTheListDoesNotMatterAndAFileGivenTwiceIsReadOnce() throws IOException {
    Path root = dir.resolve("src");
    write("src/common.npl", COMMON);
    Path web = write("src/shop/web.npl", WEB);
    Path db = write("src/data/db.npl", DB);
    Path common = root.resolve("common.npl");
    List<Path> shuffled = new ArrayList<>(List.of(web, db, common, web));
    ParseResult first = Netlingua.parse(root, shuffled);
    Collections.reverse(shuffled);

    ParseResult reversed = Netlingua.parse(root, shuffled);

    assertThat(first.diagnostics()).isEmpty();
    assertThat(first.program().files()).extracting(PolicyFile::path)
        .containsExactly(name(common), name(db), name(web));
    assertThat(reversed.program()).isEqualTo(first.program());
    assertThat(formatted(reversed)).isEqualTo(formatted(first));
  }

  @Test
  void aFileGivenThroughAnotherSpellingOfTheRootIsNamedBelowTheRoot() throws IOException {
    Path root = dir.resolve("src");
    Path web = write("src/shop/web.npl", DB);

    ParseResult result = Netlingua.parse(root, List.of(dir.resolve("src/shop/../shop/./web.npl")));

    assertThat(result.diagnostics()).isEmpty();
    assertThat(result.program().files()).extracting(PolicyFile::path).containsExactly(name(web));
  }

  private static List<String> formatted(ParseResult result) {
    return result.program().files().stream().map(f -> Netlingua.format(f, result.comments())).toList();
  }
}

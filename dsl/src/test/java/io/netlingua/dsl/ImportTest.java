package io.netlingua.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import io.netlingua.diagnostics.Code;
import io.netlingua.diagnostics.Diagnostic;
import io.netlingua.model.Import;
import io.netlingua.model.PeerRef;
import io.netlingua.model.Policy;
import io.netlingua.model.PolicyFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Imports: relative to their file, inside the program's root, lets only, never policies. */
class ImportTest {
  @TempDir Path dir;

  private Path write(String relative, String text) throws IOException {
    Path p = dir.resolve(relative);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
    return p;
  }

  private static List<String> found(ParseResult r) {
    return r.diagnostics().stream()
        .map(d -> d.code().id() + " " + Path.of(d.span().file()).getFileName() + ":" + d.span().line())
        .toList();
  }

  @Test
  void anImportIsRelativeToItsFileAndBringsItsLets() throws IOException {
    write("prog/common/peers.npl", "import \"../lib/more.npl\"\nlet web = pods(app=web)\nlet both = web, more\n");
    write("prog/lib/more.npl", "let more = pods(app=more)\n");
    Path main = write("prog/apps/main.npl",
        "import \"../common/peers.npl\"\nnamespace shop\npolicy p { select both ingress { allow from web } }\n");
    ParseResult r = NplParser.create().parse(List.of(main.getParent().getParent()));
    assertThat(r.diagnostics()).isEmpty();
    PolicyFile file = r.program().files().stream().filter(f -> f.path().endsWith("apps/main.npl")).findFirst()
        .orElseThrow();
    assertThat(file.imports()).extracting(Import::path).containsExactly("../common/peers.npl");
    Policy p = file.policies().get(0);
    assertThat(((PeerRef) p.subject().terms().get(0)).peers()).hasSize(2);
    assertThat(r.sources().text(dir.resolve("prog/lib/more.npl").toString())).isPresent();
  }

  @Test
  void anImportBringsOnlyTheFilesOwnLetsAndNeverItsPolicies() throws IOException {
    write("app/lib/deep.npl", "let deep = pods(app=deep)\n");
    write("app/lib/mid.npl", "// not a comment of the program\nimport \"deep.npl\"\nlet mid = deep\n"
        + "policy hidden in namespace x { select pods ingress {} }\n");
    Path main = write("app/main.npl",
        "import \"lib/mid.npl\"\nnamespace shop\npolicy p { select mid ingress { allow from deep } }\n");
    ParseResult r = NplParser.create().parse(List.of(main));
    assertThat(found(r)).containsExactly("NL2001 main.npl:3");
    assertThat(r.program().files()).extracting(PolicyFile::path).containsExactly(main.toString());
    assertThat(r.program().policies()).extracting(Policy::name).containsExactly("p");
    assertThat(r.comments()).isEmpty();
    ParseResult whole = NplParser.create().parse(List.of(dir.resolve("app")));
    assertThat(whole.program().policies()).extracting(Policy::name).containsExactly("hidden", "p");
  }

  @Test
  void importsOfFilesNamedOneByOneStayInTheirFolder() throws IOException {
    write("lib/peers.npl", "let web = pods(app=web)\n");
    Path main = write("app/main.npl", "import \"../lib/peers.npl\"\n");
    assertThat(found(NplParser.create().parse(List.of(main)))).containsExactly("NL2032 main.npl:1");
    assertThat(found(NplParser.create().parse(List.of(dir)))).isEmpty();
  }

  @Test
  void aLinkThatLeavesTheRootCannotBeImported() throws IOException {
    write("outside/secret.npl", "let secret = pods\n");
    Path main = write("root/main.npl", "import \"link.npl\"\n");
    Files.createSymbolicLink(dir.resolve("root/link.npl"), dir.resolve("outside/secret.npl"));
    ParseResult r = NplParser.create().parse(List.of(main));
    assertThat(r.diagnostics()).extracting(Diagnostic::code).containsExactly(Code.IMPORT_OUTSIDE_ROOT);
    assertThat(r.sources().text(dir.resolve("outside/secret.npl").toString())).isEmpty();
  }

  @Test
  void cyclesAndMissingFilesAreReportedAtTheImportLine() throws IOException {
    write("p/a.npl", "# a\nimport \"b.npl\"\nlet a = pods\n");
    write("p/b.npl", "import \"c.npl\"\nimport \"a.npl\"\nlet b = a\n");
    write("p/c.npl", "\n\nimport \"gone.npl\"\n");
    ParseResult r = NplParser.create().parse(List.of(dir.resolve("p")));
    assertThat(found(r)).containsExactly("NL2030 b.npl:2", "NL2031 c.npl:3");
  }

  @Test
  void aLetDefinedAndImportedIsADuplicate() throws IOException {
    write("p/lib.npl", "let web = pods(app=web)\n");
    write("p/other.npl", "let web = pods(app=other)\n");
    write("p/main.npl", "import \"lib.npl\"\nimport \"other.npl\"\n");
    write("p/x.npl", "import \"lib.npl\"\nlet web = pods\n");
    ParseResult r = NplParser.create().parse(List.of(dir.resolve("p")));
    assertThat(found(r)).containsExactly("NL2003 main.npl:2", "NL2003 x.npl:2");
  }

  @Test
  void textInMemoryCannotImport() {
    ParseResult r = NplParser.create().parse("mem.npl", "import \"x.npl\"\n");
    assertThat(found(r)).containsExactly("NL2031 mem.npl:1");
  }
}

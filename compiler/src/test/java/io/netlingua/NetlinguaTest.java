package io.netlingua;

import static org.assertj.core.api.Assertions.assertThat;

import io.netlingua.diagnostics.Code;
import io.netlingua.dsl.ParseResult;
import io.netlingua.model.PolicyFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NetlinguaTest {
  static final String WEB =
      "# web tier\n"
          + "namespace shop\n"
          + "\n"
          + "policy web {\n"
          + "  select pods(app=web)\n"
          + "  ingress {\n"
          + "    allow from pods(app=frontend) on tcp/8080\n"
          + "  }\n"
          + "}\n";

  @TempDir Path dir;

  @Test
  void parsesOneInMemoryFile() {
    ParseResult result = Netlingua.parse("web.npl", WEB);

    assertThat(result.diagnostics()).isEmpty();
    assertThat(result.program().files()).extracting(PolicyFile::path).containsExactly("web.npl");
    assertThat(result.program().policies()).hasSize(1);
  }

  @Test
  void theVarargsAndListFormsReadTheSameProgram() throws IOException {
    Path a = Files.writeString(dir.resolve("a.npl"), WEB);
    Path b = Files.writeString(dir.resolve("b.npl"), WEB.replace("policy web", "policy api"));

    ParseResult varargs = Netlingua.parse(a, b);
    ParseResult list = Netlingua.parse(List.of(a, b));

    assertThat(varargs.diagnostics()).isEmpty();
    assertThat(varargs.program()).isEqualTo(list.program());
    assertThat(varargs.program().files())
        .extracting(PolicyFile::path)
        .containsExactly(a.toString(), b.toString());
  }

  @Test
  void formatPrintsOnlyTheCommentsOfItsOwnFile() throws IOException {
    Path a = Files.writeString(dir.resolve("a.npl"), WEB);
    String api = WEB.replace("web tier", "api tier").replace("web {", "api {");
    Path b = Files.writeString(dir.resolve("b.npl"), api);
    ParseResult result = Netlingua.parse(a, b);

    String first = Netlingua.format(result.program().files().get(0), result.comments());

    assertThat(first).contains("# web tier", "policy web").doesNotContain("api");
    ParseResult again = Netlingua.parse("a.npl", first);
    assertThat(again.diagnostics()).isEmpty();
    assertThat(Netlingua.format(again.program().files().get(0), again.comments())).isEqualTo(first);
  }

  @Test
  void renderQuotesTheLineAndPointsAtTheColumn() {
    ParseResult result = Netlingua.parse("web.npl", WEB.replace("pods(app=frontend)", "frontnd"));

    assertThat(result.diagnostics()).extracting(d -> d.code()).containsExactly(Code.UNKNOWN_NAME);
    assertThat(Netlingua.render(result))
        .startsWith("web.npl:7:16: error[NL2001]: ")
        .contains("\n    7 |     allow from frontnd on tcp/8080\n      |                ^");
  }

  @Test
  void renderIsEmptyWithoutDiagnostics() {
    assertThat(Netlingua.render(Netlingua.parse("web.npl", WEB))).isEmpty();
  }
}

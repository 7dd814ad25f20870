package io.netlingua.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import io.netlingua.model.SourceSpan;
import java.util.List;
import org.junit.jupiter.api.Test;

class DiagnosticRendererTest {

  private static SourceFiles files(String name, String text) {
    SourceFiles f = new SourceFiles();
    f.put(name, text);
    return f;
  }

  @Test
  void rendersLikeACompilerWithSourceLineCaretAndHint() {
    SourceFiles src = files("shop.npl", "namespace shop\n\npolicy a {\n  allow from frontnd\n}\n");
    Diagnostic d =
        Diagnostic.of(Code.UNKNOWN_NAME, new SourceSpan("shop.npl", 4, 14, 4, 21, 42, 49),
            "unknown name 'frontnd'", "did you mean 'frontend'?");
    assertThat(new DiagnosticRenderer(src).render(d))
        .isEqualTo(
            "shop.npl:4:14: error[NL2001]: unknown name 'frontnd'\n"
                + "    4 |   allow from frontnd\n"
                + "      |              ^~~~~~~\n"
                + "    = hint: did you mean 'frontend'?\n");
  }

  @Test
  void caretCountsCodePointsAndKeepsTabs() {
    SourceFiles src = files("x.npl", "\t# \uD83D\uDE00 x\r\nnext");
    Diagnostic d = Diagnostic.of(Code.SYNTAX_ERROR, SourceSpan.point("x.npl", 1, 6, 6), "m");
    String out = new DiagnosticRenderer(src).render(d);
    assertThat(out).contains("    1 | \t# \uD83D\uDE00 x\n").contains("      | \t    ^\n");
  }

  @Test
  void linesEndWithLfCrlfOrCr() {
    SourceFiles src = files("x.npl", "one\rtwo\r\nthree\nfour");
    assertThat(src.line("x.npl", 1)).contains("one");
    assertThat(src.line("x.npl", 2)).contains("two");
    assertThat(src.line("x.npl", 3)).contains("three");
    assertThat(src.line("x.npl", 4)).contains("four");
    assertThat(src.line("x.npl", 5)).isEmpty();
    assertThat(src.line("y.npl", 1)).isEmpty();
  }

  @Test
  void withoutSourceTextOnlyTheHeadlineAndHint() {
    Diagnostic d = Diagnostic.of(Code.NO_SOURCE_FILES, SourceSpan.point("dir", 1, 1, 0), "no .npl file", "h");
    assertThat(new DiagnosticRenderer(SourceText.NONE).render(d))
        .isEqualTo("dir:1:1: error[NL5002]: no .npl file\n    = hint: h\n");
  }

  @Test
  void ordersByFileLineColumnThenCodeAndSummarises() {
    Diagnostic late = Diagnostic.of(Code.UNKNOWN_NAME, SourceSpan.point("a.npl", 3, 1, 9), "x");
    Diagnostic early = Diagnostic.of(Code.INVALID_PORT, SourceSpan.point("a.npl", 1, 9, 8), "y");
    Diagnostic warning = Diagnostic.of(Code.LINK_OUTSIDE_ROOT, SourceSpan.point("b.npl", 1, 1, 0), "z");
    assertThat(List.of(late, warning, early).stream().sorted()).containsExactly(early, late, warning);
    assertThat(DiagnosticRenderer.summary(List.of(late, early, warning))).isEqualTo("2 errors, 1 warning");
    assertThat(DiagnosticRenderer.summary(List.of())).isEmpty();
  }

  @Test
  void everyCodeIsUniqueAndWellFormed() {
    assertThat(java.util.Arrays.stream(Code.values()).map(Code::id)).doesNotHaveDuplicates()
        .allMatch(id -> id.matches("NL[1-5][0-9]{3}"));
  }
}

package io.netlingua.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import io.netlingua.diagnostics.Code;
import io.netlingua.diagnostics.Diagnostic;
import io.netlingua.dsl.internal.FileParser;
import io.netlingua.dsl.internal.SourceFile;
import io.netlingua.model.Policy;
import io.netlingua.model.SourceSpan;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Input rules: encodings, line ends, positions, limits, parsing strategy and error recovery. */
class InputTest {
  @TempDir Path dir;

  private static final String POLICY =
      "namespace shop\npolicy p {\n  select pods\n  ingress { allow from bogus }\n}\n";

  private static SourceSpan unknownNameSpan(ParseResult r) {
    return r.diagnostics().stream().filter(d -> d.code() == Code.UNKNOWN_NAME).findFirst().orElseThrow().span();
  }

  @Test
  void aLeadingByteOrderMarkIsIgnored() throws IOException {
    Path f = dir.resolve("bom.npl");
    byte[] text = POLICY.getBytes(StandardCharsets.UTF_8);
    byte[] bytes = new byte[text.length + 3];
    bytes[0] = (byte) 0xEF;
    bytes[1] = (byte) 0xBB;
    bytes[2] = (byte) 0xBF;
    System.arraycopy(text, 0, bytes, 3, text.length);
    Files.write(f, bytes);
    ParseResult r = NplParser.create().parse(List.of(f));
    assertThat(r.diagnostics()).extracting(Diagnostic::code).containsExactly(Code.UNKNOWN_NAME);
    assertThat(unknownNameSpan(r).line()).isEqualTo(4);
    assertThat(unknownNameSpan(r).column()).isEqualTo(24);
    assertThat(r.sources().text(f.toString()).orElseThrow()).isEqualTo(POLICY);
  }

  @Test
  void crlfAndCrEndLines() {
    for (String end : List.of("\r\n", "\r", "\n")) {
      String text = POLICY.replace("\n", end);
      ParseResult r = NplParser.create().parse("t.npl", text);
      SourceSpan s = unknownNameSpan(r);
      assertThat(s.line()).as("line end %s", end.replace("\r", "CR").replace("\n", "LF")).isEqualTo(4);
      assertThat(s.column()).isEqualTo(24);
      assertThat(text.substring(s.offset(), s.endOffset())).isEqualTo("bogus");
      assertThat(r.sources().line("t.npl", 4)).contains("  ingress { allow from bogus }");
    }
  }

  @Test
  void tabsAndSupplementaryCharactersAreOneColumnAndOffsetsAreUtf16() {
    String text = "# \uD83D\uDE80\uD83D\uDE80 rockets\nnamespace shop\npolicy p {\n\tselect pods\n"
        + "\tdescription \"\uD83D\uDE80\" ingress { allow from bogus }\n}\n";
    ParseResult r = NplParser.create().parse("t.npl", text);
    SourceSpan s = unknownNameSpan(r);
    assertThat(s.line()).isEqualTo(5);
    // tab(1) description(11) space quote rocket quote space = column 18 for 'ingress'; 'bogus' at 39.
    assertThat(s.column()).isEqualTo(39);
    assertThat(text.substring(s.offset(), s.endOffset())).isEqualTo("bogus");
    assertThat(r.program().policies()).extracting(Policy::description)
        .containsExactly(Optional.of("\uD83D\uDE80"));
    assertThat(r.comments().get(0).text()).isEqualTo("# \uD83D\uDE80\uD83D\uDE80 rockets");
  }

  @Test
  void invalidUtf8IsReportedWhereItIs() throws IOException {
    Path f = dir.resolve("bad.npl");
    byte[] bytes = "namespace shop\nlet a = pods(x=\u00e9".getBytes(StandardCharsets.UTF_8);
    byte[] bad = Arrays.copyOf(bytes, bytes.length + 2);
    bad[bytes.length] = (byte) 0xC3; // a lead byte without its continuation
    bad[bytes.length + 1] = (byte) '\n';
    Files.write(f, bad);
    ParseResult r = NplParser.create().parse(List.of(f));
    assertThat(r.diagnostics()).singleElement().satisfies(d -> {
      assertThat(d.code()).isEqualTo(Code.INVALID_UTF8);
      assertThat(d.span().line()).isEqualTo(2);
      assertThat(d.span().column()).isEqualTo(17);
    });
  }

  @Test
  void validInputIsParsedWithSllAlone() {
    FileParser.ParsedFile p = new FileParser(ParseLimits.DEFAULTS).parse(new SourceFile("t.npl", POLICY));
    assertThat(p.fellBackToLl()).isFalse();
    assertThat(p.diagnostics()).isEmpty();
  }

  @Test
  void aSyntaxErrorFallsBackToLlAndRecoveryReportsSeveralErrors() {
    String text = "namespace shop\n"
        + "policy a { select pods ingress { allow pods } }\n"
        + "let ok = pods(app=ok)\n"
        + "policy b { select ok egress { allow to ok on } }\n"
        + "policy c { select ok ingress { allow from ok } }\n";
    FileParser.ParsedFile p = new FileParser(ParseLimits.DEFAULTS).parse(new SourceFile("t.npl", text));
    assertThat(p.fellBackToLl()).isTrue();
    assertThat(p.diagnostics()).extracting(d -> d.code().id() + " " + d.span().line() + ":" + d.span().column())
        .containsExactly("NL1003 2:40", "NL1003 4:46");
    assertThat(p.diagnostics().get(0).message()).isEqualTo("expected 'from' or 'to', found 'pods'");
    ParseResult r = NplParser.create().parse("t.npl", text);
    assertThat(r.program().policies()).extracting(Policy::name).containsExactly("c");
    assertThat(r.program().files().get(0).definitions()).hasSize(1);
  }

  @Test
  void syntaxErrorsSayWhatWasExpectedInTheLanguagesTerms() {
    ParseResult r = NplParser.create().parse("t.npl",
        "policy g in namespace a { select ingress { allow from pods on } }\nlet x = pods(app=)\n");
    assertThat(r.diagnostics()).extracting(Diagnostic::message).containsExactly(
        "expected a peer or a let name, found 'ingress'",
        "expected a port or a let name, found '}'",
        "expected a word or a string, found ')'");
  }

  @Test
  void readingStopsAfterAHundredSyntaxErrors() {
    ParseResult r = NplParser.create().parse("t.npl", "let = policy }\n".repeat(1000));
    assertThat(r.diagnostics()).hasSize(100).allMatch(d -> d.code() == Code.SYNTAX_ERROR);
    assertThat(r.diagnostics().get(99).message()).endsWith("the rest is not read)");
    assertThat(r.diagnostics().get(99).span().line()).isLessThan(100);
  }

  @Test
  void nestingBeyondTheLimitIsReportedWithoutRecursing() {
    String text = "let a = pods" + "(".repeat(200_000);
    ParseResult r = NplParser.create().parse("t.npl", text);
    assertThat(r.diagnostics()).singleElement().satisfies(d -> {
      assertThat(d.code()).isEqualTo(Code.NESTING_TOO_DEEP);
      assertThat(d.span().column()).isEqualTo(13 + 64);
    });
  }

  @Test
  void aTokenLongerThanTheLimitIsReportedWhereTheLimitIsPassed() {
    ParseResult r =
        NplParser.create(new ParseLimits(1 << 20, 8, 64, 1000)).parse("t.npl", "let a = pods(k=abcdefghijkl)");
    assertThat(r.diagnostics()).extracting(d -> d.code().id() + " " + d.span().column())
        .containsExactly("NL1011 24");
  }

  @Test
  void aFileLargerThanTheLimitIsNotParsed() {
    ParseResult r = NplParser.create(new ParseLimits(10, 100, 64, 1000)).parse("t.npl", "let a = pods(k=\u00e9)");
    assertThat(r.diagnostics()).singleElement().satisfies(d -> {
      assertThat(d.code()).isEqualTo(Code.FILE_TOO_LARGE);
      assertThat(d.span().column()).isEqualTo(11);
    });
    assertThat(r.program().files().get(0).definitions()).isEmpty();
  }

  @Test
  void aLetChainAtTheLimitIsFineAndOneMoreIsNot() {
    StringBuilder text = new StringBuilder("let l0 = pods\n");
    for (int i = 1; i < 1000; i++) {
      text.append("let l").append(i).append(" = l").append(i - 1).append('\n');
    }
    assertThat(NplParser.create().parse("t.npl", text.toString()).diagnostics()).isEmpty();
    text.append("let l1000 = l999\n");
    assertThat(NplParser.create().parse("t.npl", text.toString()).diagnostics())
        .extracting(d -> d.code().id() + " " + d.span().line()).containsExactly("NL1013 1001");
  }
}

package io.netlingua.emit.calico;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One case per kind of error Calico's tokenizer and parser report (projectcalico/calico
 * libcalico-go/lib/selector/tokenizer/tokenizer.go and parser/parser.go at v3.32.1), with the offset and the
 * message a user reads.
 */
class CalicoSelectorSyntaxErrorTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '~', quoteCharacter = '`', textBlock = """
      # tokenizer.go: a string ends at the next quote of its kind ("unterminated string").
      a == 'web ~ 5 ~ unterminated string at 5: no closing ' (Calico strings have no escapes)
      a == "it"s" ~ 10 ~ unterminated string at 10: no closing " (Calico strings have no escapes)
      # tokenizer.go: "expected ==", "expected &&", "expected ||".
      a = 'b' ~ 2 ~ expected '==' at 2, found '='
      has(a) & has(b) ~ 7 ~ expected '&&' at 7, found '&'
      has(a) | has(b) ~ 7 ~ expected '||' at 7, found '|'
      # tokenizer.go: after a key only an operator word may follow ("expected operator after label").
      tier web ~ 5 ~ expected an operator after label 'tier' at 5, found 'web'
      a ends withs 'x' ~ 2 ~ expected an operator after label 'a' at 2, found 'ends'
      a not in x ~ 2 ~ expected an operator after label 'a' at 2, found 'not'
      # parser.go: a key at the end (ErrUnexpectedEOF) or before a token that is no operator.
      a ~ 1 ~ expected an operator after label 'a' at 1, found the end of the selector
      has (a) ~ 4 ~ expected an operator after label 'has' at 4, found '('
      # tokenizer.go: a character that starts no token ("expected identifier"); a line break is no white space.
      a == 'b' && % ~ 12 ~ expected a label key at 12, found '%'
      `a == 'b'\n` ~ 8 ~ expected a label key at 8, found U+000A
      has() ~ 4 ~ expected a label key at 4, found ')'
      has( a ~ 6 ~ expected ')' to close has( at 6, found the end of the selector
      all(x) ~ 4 ~ expected ')' to close all( at 4, found 'x'
      global( ~ 7 ~ expected ')' to close global( at 7, found the end of the selector
      # parser.go: ErrExpectedString, ErrExpectedSetLit, ErrExpectedRBrace, ErrExpectedRParen.
      a == b ~ 5 ~ expected a quoted string after '==' at 5, found 'b'
      a starts  with {} ~ 15 ~ expected a quoted string after 'starts  with' at 15, found '{'
      a in 'x' ~ 5 ~ expected '{' after 'in' at 5, found the string 'x'
      a in {'x' 'y'} ~ 10 ~ expected ',' or '}' at 10, found the string 'y'
      a in {,} ~ 6 ~ expected a quoted string or '}' at 6, found ','
      (a == 'b' ~ 9 ~ expected ')' at 9, found the end of the selector: the '(' at 0 is not closed
      # parser.go: "unexpected token" where an operation should start.
      ! ~ 1 ~ expected a label key, has(...), all(), global(), '!' or '(' at 1, found the end of the selector
      has(a) && || has(b) ~ 10 ~ expected a label key, has(...), all(), global(), '!' or '(' at 10, found '||'
      () ~ 1 ~ expected a label key, has(...), all(), global(), '!' or '(' at 1, found ')'
      # parseRoot: "unexpected content at end of selector".
      a == 'b' c == 'd' ~ 9 ~ expected '&&', '||' or the end of the selector at 9, found 'c'
      a == 'b') ~ 8 ~ expected '&&', '||' or the end of the selector at 8, found ')'
      """)
  void reportsTheOffsetAndWhatWasExpected(String selector, int offset, String message) {
    String text = selector.replace("\\n", "\n");
    CalicoSelectorSyntaxException e = error(text);
    assertThat(e.offset()).isEqualTo(offset);
    assertThat(e.getMessage()).isEqualTo(message);
    assertThat(e.selector()).isEqualTo(text);
  }

  @Test
  void aKeyLongerThanCalicosLimitIsRefusedWhereItStarts() {
    CalicoSelectorSyntaxException e = error("has(a) && " + "k".repeat(513) + " == 'v'");
    assertThat(e.offset()).isEqualTo(10);
    assertThat(e.getMessage()).isEqualTo("label key at 10 is longer than 512 characters");
  }

  @Test
  void theLexicalErrorIsReportedEvenAfterAGrammaticalOne() {
    // Calico cuts the whole text into tokens before it parses (parseRoot), so the unterminated string wins.
    CalicoSelectorSyntaxException e = error("a == 'b' c == 'd");
    assertThat(e.getMessage()).startsWith("unterminated string at 14");
  }

  @Test
  void emptySetsAndATrailingCommaAreAllowedAsInCalico() {
    // parser.go's set loop stops at the first token that is no string and then wants '}'.
    assertThat(SelectorParser.parse("a in {}")).isEqualTo(CalicoSelector.in("a", List.of()));
    assertThat(SelectorParser.parse("a not in { }")).isEqualTo(CalicoSelector.notIn("a", List.of()));
    assertThat(SelectorParser.parse("a in {'x', 'y',}")).isEqualTo(CalicoSelector.in("a", "x", "y"));
    assertThat(CalicoSelector.in("a", List.of()).render()).isEqualTo("a in {}");
  }

  @Test
  void anEmptyOrBlankTextIsAll() {
    for (String text : List.of("", " ", "\t \t")) {
      assertThat(SelectorParser.parse(text)).isEqualTo(CalicoSelector.all());
    }
  }

  private static CalicoSelectorSyntaxException error(String text) {
    CalicoSelectorSyntaxException e =
        catchThrowableOfType(CalicoSelectorSyntaxException.class, () -> SelectorParser.parse(text));
    assertThat(e).as(text).isNotNull();
    return e;
  }
}

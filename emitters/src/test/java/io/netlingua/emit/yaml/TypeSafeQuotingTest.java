package io.netlingua.emit.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.SourceDSL;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * The quoting decision's fast path (a scalar beginning with a letter is decided by a word set and a character
 * scan) decides exactly as the regular expressions do: the reference below is the check as it was before the fast
 * path, every scalar through SnakeYAML's resolver and the YAML 1.2 number pattern.
 */
class TypeSafeQuotingTest {
  private static final long SEED = 0x51554f54L;
  private static final int TRIES = Integer.getInteger("netlingua.property.tries", 1000) * 20;
  private static final TypeSafeQuoting CHECKER = new TypeSafeQuoting();
  private static final StringQuotingChecker JACKSON = StringQuotingChecker.Default.instance();
  private static final Resolver YAML_11 = new Resolver();
  private static final Pattern YAML_12_NUMBER =
      Pattern.compile(
          "[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?\\.(inf|Inf|INF)"
              + "|\\.(nan|NaN|NAN)");

  /** Scalars that look like other types, in many cases, and pieces to build more from. */
  private static final List<String> PIECES = List.of(
      "yes", "Yes", "YES", "yEs", "no", "No", "NO", "nO", "on", "On", "ON", "oN", "off", "Off", "OFF", "true",
      "True", "TRUE", "tRUE", "false", "False", "FALSE", "null", "Null", "NULL", "nULL", "y", "Y", "n", "N", "~",
      "0", "1", "9", "0x", "0o", "0b", "e", "E", ".", ":", "-", "+", "_", " ", "#", "<<", "=", "!", "&", "*", "inf",
      "nan", "NaN", ".inf", "2001-12-14", "\t", "\u0085", "\u2028", "\u0007", "\uD83D\uDE00", "app", "web", "z");

  private static boolean reference(String s) {
    return !Tag.STR.equals(YAML_11.resolve(NodeId.scalar, s, true)) || YAML_12_NUMBER.matcher(s).matches()
        || s.chars().anyMatch(c -> c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029
            || c == 0xfeff || Character.isSurrogate((char) c));
  }

  @Test
  void decidesAsTheRegularExpressionsDoOnEveryScalar() {
    qt().withFixedSeed(SEED).withExamples(TRIES)
        .forAll(scalars())
        .checkAssert(s -> {
          assertThat(CHECKER.needToQuoteValue(s)).as("value '%s'", s)
              .isEqualTo(JACKSON.needToQuoteValue(s) || reference(s));
          assertThat(CHECKER.needToQuoteName(s)).as("name '%s'", s)
              .isEqualTo(JACKSON.needToQuoteName(s) || reference(s));
        });
  }

  @Test
  void quotesTheWordsOfOtherTypesThatBeginWithALetter() {
    for (String word : List.of("yes", "No", "ON", "off", "True", "FALSE", "null", "y", "N")) {
      assertThat(CHECKER.needToQuoteValue(word)).as(word).isTrue();
    }
    for (String word : List.of("yesterday", "note", "online", "app", "team-00", "kind", "to")) {
      assertThat(CHECKER.needToQuoteValue(word)).as(word).isFalse();
    }
  }

  private static Gen<String> scalars() {
    Gen<String> piece = SourceDSL.integers().between(0, PIECES.size() - 1).map(PIECES::get);
    Gen<String> letter = SourceDSL.strings().basicLatinAlphabet().ofLengthBetween(1, 1);
    Gen<String> part = piece.mix(letter, 40);
    return SourceDSL.lists().of(part).ofSizeBetween(0, 4).map(parts -> String.join("", parts));
  }
}

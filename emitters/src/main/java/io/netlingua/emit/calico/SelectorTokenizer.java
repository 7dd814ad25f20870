package io.netlingua.emit.calico;

import java.util.ArrayList;
import java.util.List;

/**
 * The tokens of a Calico selector, cut as Calico's own tokenizer cuts them: projectcalico/calico
 * {@code libcalico-go/lib/selector/tokenizer/tokenizer.go} at the tag v3.32.1 (commit
 * 0ca9d1b93644778cafdf1812f3dda02ac0c361e8), function {@code AppendTokens}. The whole text is cut before the
 * parser reads a token, as Calico's {@code parseRoot} does, so a text with a lexical and a grammatical error
 * reports the lexical one whatever their order.
 *
 * <p>What the tokenizer reads, case by case in {@code AppendTokens}'s order:
 *
 * <ul>
 *   <li>White space is a space or a tab only ({@code trimWhitespace}); a line break is no white space, so a
 *       selector written as a YAML block scalar, which ends with a line break, does not parse.
 *   <li>{@code ( ) { } ,} stand for themselves; {@code ==}, {@code &&} and {@code ||} must be doubled;
 *       {@code !=} is one token, a lone {@code !} is the negation.
 *   <li>{@code "..."} and {@code '...'} are strings that end at the next quote of the same kind: there are no
 *       escapes, so a string can hold the other quote but never its own.
 *   <li>Right after a label key the only words allowed are the operators {@code contains}, {@code starts with},
 *       {@code ends with}, {@code not in} and {@code in}, each ending at a word boundary (the end of the text or a
 *       character that cannot stand in a key). The two-word operators may have any white space between the
 *       words, none included ({@code startswith}, {@code notin}), and the boundary is looked for after the white
 *       space that follows the second word ({@code cutMultiWordPrefixCheckBreak}).
 *   <li>Anywhere else, {@code has(} followed by a key and {@code )} (white space allowed inside, not between
 *       {@code has} and its parenthesis), {@code all()} and {@code global()}, or a label key: one or more of
 *       {@code a-z A-Z 0-9 _ . / -} ({@code identifierChar}), at most {@value #MAX_LABEL_LENGTH} characters
 *       ({@code MaxLabelLength}). So {@code in}, {@code has} or {@code all} are keys where a key may stand.
 * </ul>
 *
 * <p>Go reads the text as bytes and this class as UTF-16 characters; the two agree because every character the
 * tokenizer looks for is ASCII and no byte of a multi-byte UTF-8 sequence is. Offsets are character indices,
 * which are byte offsets too wherever the text before them is ASCII.
 */
final class SelectorTokenizer {
  /** The longest label key Calico's tokenizer takes ({@code MaxLabelLength} in tokenizer.go). */
  static final int MAX_LABEL_LENGTH = 512;

  /** The kinds of token, those of tokenizer.go's {@code Kind} but {@code TokNone}. */
  enum Kind {
    LABEL,
    STRING,
    LBRACE,
    RBRACE,
    COMMA,
    EQ,
    NE,
    IN,
    NOT,
    NOT_IN,
    CONTAINS,
    STARTS_WITH,
    ENDS_WITH,
    ALL,
    HAS,
    LPAREN,
    RPAREN,
    AND,
    OR,
    GLOBAL,
    EOF
  }

  /**
   * One token.
   *
   * @param kind what it is
   * @param value the key of a label or {@code has(...)}, the text between the quotes of a string, else empty
   * @param start the offset of its first character
   * @param end the offset after its last character
   */
  record Token(Kind kind, String value, int start, int end) {}

  private final String input;
  private final List<Token> tokens = new ArrayList<>();
  private int pos;

  private SelectorTokenizer(String input) {
    this.input = input;
  }

  /**
   * The tokens of a text, ending with one {@link Kind#EOF} token at the end of the text.
   *
   * @throws CalicoSelectorSyntaxException where Calico's tokenizer returns an error
   */
  static List<Token> tokenize(String input) {
    SelectorTokenizer t = new SelectorTokenizer(input);
    t.run();
    return t.tokens;
  }

  /** Whether a character may stand in a label key ({@code identifierChar} in tokenizer.go). */
  static boolean isLabelChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || c == '_' || c == '.' || c == '/' || c == '-';
  }

  /**
   * What stands at an offset, for "found ..." in a message: the end of the text, a whole key-like word, or one
   * character (a control character as its code point).
   */
  static String found(String text, int at) {
    if (at >= text.length()) {
      return "the end of the selector";
    }
    int end = at;
    while (end < text.length() && isLabelChar(text.charAt(end))) {
      end++;
    }
    if (end > at) {
      return quoted(text.substring(at, end));
    }
    char c = text.charAt(at);
    return Character.isISOControl(c) ? String.format("U+%04X", (int) c) : quoted(String.valueOf(c));
  }

  /** Text for a message, in single quotes and cut to 40 characters, as the project's other syntax errors. */
  static String quoted(String text) {
    return "'" + shortened(text) + "'";
  }

  /** Text for a message, cut to 40 characters. */
  static String shortened(String text) {
    return text.length() > 40 ? text.substring(0, 37) + "..." : text;
  }

  private void run() {
    while (true) {
      pos = skipWhitespace(pos);
      if (pos == input.length()) {
        tokens.add(new Token(Kind.EOF, "", pos, pos));
        return;
      }
      Kind last = tokens.isEmpty() ? null : tokens.get(tokens.size() - 1).kind();
      char c = input.charAt(pos);
      switch (c) {
        case '(' -> add(Kind.LPAREN, 1);
        case ')' -> add(Kind.RPAREN, 1);
        case '{' -> add(Kind.LBRACE, 1);
        case '}' -> add(Kind.RBRACE, 1);
        case ',' -> add(Kind.COMMA, 1);
        case '"', '\'' -> string(c);
        case '=' -> doubled("==", Kind.EQ);
        case '!' -> {
          if (input.startsWith("!=", pos)) {
            add(Kind.NE, 2);
          } else {
            add(Kind.NOT, 1);
          }
        }
        case '&' -> doubled("&&", Kind.AND);
        case '|' -> doubled("||", Kind.OR);
        default -> word(last == Kind.LABEL);
      }
    }
  }

  private void add(Kind kind, int length) {
    tokens.add(new Token(kind, "", pos, pos + length));
    pos += length;
  }

  private void string(char quote) {
    int close = input.indexOf(quote, pos + 1);
    if (close < 0) {
      throw error(pos, "unterminated string at " + pos + ": no closing " + quote + " (Calico strings have no escapes)");
    }
    tokens.add(new Token(Kind.STRING, input.substring(pos + 1, close), pos, close + 1));
    pos = close + 1;
  }

  private void doubled(String operator, Kind kind) {
    if (!input.startsWith(operator, pos)) {
      throw error(pos, "expected '" + operator + "' at " + pos + ", found " + quoted(input.substring(pos, pos + 1)));
    }
    add(kind, 2);
  }

  private void word(boolean afterLabel) {
    int start = pos;
    if (afterLabel) {
      Kind operator = operator();
      if (operator == null) {
        String key = tokens.get(tokens.size() - 1).value();
        throw error(start, "expected an operator after label " + quoted(key) + " at " + start + ", found "
            + found(input, start));
      }
      int end = pos;
      while (input.charAt(end - 1) == ' ' || input.charAt(end - 1) == '\t') {
        // The white space after a two-word operator is cut with it; the token ends with its last word.
        end--;
      }
      tokens.add(new Token(operator, "", start, end));
    } else if (input.startsWith("has(", pos)) {
      pos = skipWhitespace(pos + "has(".length());
      String key = identifier();
      pos = skipWhitespace(pos);
      close("has(");
      tokens.add(new Token(Kind.HAS, key, start, pos));
    } else if (input.startsWith("all(", pos)) {
      pos = skipWhitespace(pos + "all(".length());
      close("all(");
      tokens.add(new Token(Kind.ALL, "", start, pos));
    } else if (input.startsWith("global(", pos)) {
      pos = skipWhitespace(pos + "global(".length());
      close("global(");
      tokens.add(new Token(Kind.GLOBAL, "", start, pos));
    } else {
      String key = identifier();
      tokens.add(new Token(Kind.LABEL, key, start, pos));
    }
  }

  /** The operator word at {@code pos}, moving past it; null when there is none (the order of tokenizer.go). */
  private Kind operator() {
    if (cutWords("contains")) {
      return Kind.CONTAINS;
    } else if (cutWords("starts", "with")) {
      return Kind.STARTS_WITH;
    } else if (cutWords("ends", "with")) {
      return Kind.ENDS_WITH;
    } else if (cutWords("not", "in")) {
      return Kind.NOT_IN;
    } else if (cutWords("in")) {
      return Kind.IN;
    }
    return null;
  }

  /**
   * Moves past the words when they stand at {@code pos} followed by a word boundary. Between two words, and after
   * the last of several, white space is skipped before the boundary is looked for ({@code
   * cutMultiWordPrefixCheckBreak}); after a single word it is not ({@code cutPrefixCheckBreak}). So {@code a in x}
   * is cut (into a key, {@code in} and a key, which the parser then refuses) while {@code a not in x} is a
   * lexical error.
   */
  private boolean cutWords(String... words) {
    int at = pos;
    for (String word : words) {
      if (!input.startsWith(word, at)) {
        return false;
      }
      at += word.length();
      if (words.length > 1) {
        at = skipWhitespace(at);
      }
    }
    if (at < input.length() && isLabelChar(input.charAt(at))) {
      return false;
    }
    pos = at;
    return true;
  }

  private void close(String opening) {
    if (pos >= input.length() || input.charAt(pos) != ')') {
      throw error(pos, "expected ')' to close " + opening + " at " + pos + ", found " + found(input, pos));
    }
    pos++;
  }

  /** The label key at {@code pos} ({@code cutIdentifier}), moving past it. */
  private String identifier() {
    int start = pos;
    while (pos < input.length() && isLabelChar(input.charAt(pos))) {
      pos++;
    }
    if (pos == start) {
      throw error(start, "expected a label key at " + start + ", found " + found(input, start));
    }
    if (pos - start > MAX_LABEL_LENGTH) {
      throw error(start, "label key at " + start + " is longer than " + MAX_LABEL_LENGTH + " characters");
    }
    return input.substring(start, pos);
  }

  private int skipWhitespace(int at) {
    while (at < input.length() && (input.charAt(at) == ' ' || input.charAt(at) == '\t')) {
      at++;
    }
    return at;
  }

  private CalicoSelectorSyntaxException error(int offset, String message) {
    return new CalicoSelectorSyntaxException(input, offset, message);
  }
}

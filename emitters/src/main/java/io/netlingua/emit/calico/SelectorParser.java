package io.netlingua.emit.calico;

import io.netlingua.emit.calico.SelectorTokenizer.Kind;
import io.netlingua.emit.calico.SelectorTokenizer.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Reads Calico selector text into a {@link CalicoSelector}, accepting exactly the texts Calico accepts and giving
 * the tree Calico's parser builds: projectcalico/calico {@code libcalico-go/lib/selector/parser/parser.go} at the
 * tag v3.32.1 (commit 0ca9d1b93644778cafdf1812f3dda02ac0c361e8), over the tokens of {@link SelectorTokenizer}.
 *
 * <p>A hand-written recursive-descent parser, not an ANTLR grammar: it follows Calico's own hand-written parser
 * function for function and token for token ({@code parseRoot}, {@code parseOrExpression}, {@code
 * parseAndExpression}, {@code parseOperation}), so that every quirk Calico has, it has, and a reader can check one
 * against the other side by side. ANTLR is for the project's own language, whose grammar the project defines.
 *
 * <p>What Calico's parser does, and so this one:
 *
 * <ul>
 *   <li>An empty text, or one of spaces and tabs only, is {@code all()} ({@code parseRoot}).
 *   <li>{@code ||} binds loosest, then {@code &&}; both chains are flat ({@code a && b && c} is one and of three),
 *       but a parenthesised chain stays a node of its own ({@code (a && b) && c} is an and of an and).
 *       Parentheses themselves leave no node.
 *   <li>A run of {@code !} before one operation is folded into one negation or none ({@code !!has(a)} is {@code
 *       has(a)}), and it negates that operation only: {@code !a == 'x' && b == 'y'} is {@code (!a == 'x') && b ==
 *       'y'}.
 *   <li>{@code ==}, {@code !=}, {@code contains}, {@code starts with} and {@code ends with} take a string; {@code
 *       in} and {@code not in} a set {@code { s, s, ... }}, which may be empty and may end with a comma.
 * </ul>
 */
public final class SelectorParser {
  private final String text;
  private final List<Token> tokens;
  private int next;

  private SelectorParser(String text, List<Token> tokens) {
    this.text = text;
    this.tokens = tokens;
  }

  /**
   * Parses a Calico selector.
   *
   * @param selector the text, as it would stand in a policy's {@code selector} field
   * @return the tree Calico's parser builds for it
   * @throws CalicoSelectorSyntaxException where Calico's parser (or tokenizer) refuses the text
   */
  public static CalicoSelector parse(String selector) {
    Objects.requireNonNull(selector, "selector");
    List<Token> tokens = SelectorTokenizer.tokenize(selector);
    if (tokens.get(0).kind() == Kind.EOF) {
      return new CalicoSelector.All();
    }
    SelectorParser parser = new SelectorParser(selector, tokens);
    CalicoSelector root = parser.orExpression();
    if (parser.peek().kind() != Kind.EOF) {
      throw parser.error(parser.peek(), "expected '&&', '||' or the end of the selector");
    }
    return root;
  }

  /** One or more and-expressions joined by {@code ||} ({@code parseOrExpression}). */
  private CalicoSelector orExpression() {
    return chain(Kind.OR, this::andExpression, CalicoSelector.Or::new);
  }

  /** One or more operations joined by {@code &&} ({@code parseAndExpression}). */
  private CalicoSelector andExpression() {
    return chain(Kind.AND, this::operation, CalicoSelector.And::new);
  }

  /**
   * One operand or more joined by an operator: a lone operand is returned itself, as both of Calico's loops do,
   * and more make one flat node.
   */
  private CalicoSelector chain(
      Kind operator, Supplier<CalicoSelector> operand, Function<List<CalicoSelector>, CalicoSelector> node) {
    List<CalicoSelector> operands = new ArrayList<>();
    operands.add(operand.get());
    while (peek().kind() == operator) {
      next++;
      operands.add(operand.get());
    }
    return operands.size() == 1 ? operands.get(0) : node.apply(operands);
  }

  /** A possibly negated match, or a parenthesised or-expression ({@code parseOperation}). */
  private CalicoSelector operation() {
    boolean negated = false;
    while (peek().kind() == Kind.NOT) {
      negated = !negated;
      next++;
    }
    Token first = tokens.get(next++);
    CalicoSelector operation =
        switch (first.kind()) {
          case HAS -> new CalicoSelector.Has(first.value());
          case ALL -> new CalicoSelector.All();
          case GLOBAL -> new CalicoSelector.Global();
          case LABEL -> comparison(first);
          case LPAREN -> parenthesised(first);
          default -> throw error(first, "expected a label key, has(...), all(), global(), '!' or '('");
        };
    return negated ? new CalicoSelector.Not(operation) : operation;
  }

  private CalicoSelector parenthesised(Token open) {
    CalicoSelector inner = orExpression();
    if (peek().kind() != Kind.RPAREN) {
      throw error(peek(), "expected ')'", ": the '(' at " + open.start() + " is not closed");
    }
    next++;
    return inner;
  }

  /** A key, an operator and its operand; the label key has been read. */
  private CalicoSelector comparison(Token label) {
    String key = label.value();
    Token operator = tokens.get(next++);
    return switch (operator.kind()) {
      case EQ -> new CalicoSelector.Equal(key, string(operator));
      case NE -> new CalicoSelector.NotEqual(key, string(operator));
      case CONTAINS -> new CalicoSelector.Contains(key, string(operator));
      case STARTS_WITH -> new CalicoSelector.StartsWith(key, string(operator));
      case ENDS_WITH -> new CalicoSelector.EndsWith(key, string(operator));
      case IN -> new CalicoSelector.In(key, set(operator));
      case NOT_IN -> new CalicoSelector.NotIn(key, set(operator));
      default -> throw error(operator, "expected an operator after label " + SelectorTokenizer.quoted(key));
    };
  }

  /** The string after an operator that takes one. */
  private String string(Token operator) {
    if (peek().kind() != Kind.STRING) {
      throw error(peek(), "expected a quoted string after " + spelled(operator));
    }
    return tokens.get(next++).value();
  }

  /**
   * The set literal after {@code in} or {@code not in}: strings separated by commas, possibly none, possibly with a
   * comma after the last, as the loop in {@code parseOperation} reads it.
   */
  private List<String> set(Token operator) {
    if (peek().kind() != Kind.LBRACE) {
      throw error(peek(), "expected '{' after " + spelled(operator));
    }
    next++;
    List<String> values = new ArrayList<>();
    boolean afterValue = false;
    while (peek().kind() == Kind.STRING) {
      values.add(tokens.get(next++).value());
      afterValue = true;
      if (peek().kind() != Kind.COMMA) {
        break;
      }
      next++;
      afterValue = false;
    }
    if (peek().kind() != Kind.RBRACE) {
      throw error(peek(), afterValue ? "expected ',' or '}'" : "expected a quoted string or '}'");
    }
    next++;
    return values;
  }

  private Token peek() {
    return tokens.get(next);
  }

  /** An operator as the user wrote it, e.g. {@code 'starts  with'}. */
  private String spelled(Token operator) {
    return SelectorTokenizer.quoted(text.substring(operator.start(), operator.end()));
  }

  private CalicoSelectorSyntaxException error(Token at, String expected) {
    return error(at, expected, "");
  }

  /** {@code expected ... at N, found ...}, then a note; a token as the user wrote it. */
  private CalicoSelectorSyntaxException error(Token at, String expected, String note) {
    String written = text.substring(at.start(), at.end());
    String found = switch (at.kind()) {
      case EOF -> "the end of the selector";
      case STRING -> "the string " + SelectorTokenizer.shortened(written);
      default -> SelectorTokenizer.quoted(written);
    };
    return new CalicoSelectorSyntaxException(
        text, at.start(), expected + " at " + at.start() + ", found " + found + note);
  }
}

package io.netlingua.dsl.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.InputMismatchException;
import org.antlr.v4.runtime.NoViableAltException;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.Vocabulary;
import org.antlr.v4.runtime.misc.IntervalSet;

/**
 * ANTLR's default recovery with readable messages: {@code expected X, found 'y'}. ANTLR's own texts name token
 * types ({@code mismatched input ... expecting {WORD, STRING, ...}}), which mean nothing to a user.
 */
final class SyntaxErrors extends DefaultErrorStrategy {

  @Override
  protected void reportNoViableAlternative(Parser recognizer, NoViableAltException e) {
    recognizer.notifyErrorListeners(e.getOffendingToken(), message(recognizer, e.getOffendingToken()), e);
  }

  @Override
  protected void reportInputMismatch(Parser recognizer, InputMismatchException e) {
    recognizer.notifyErrorListeners(e.getOffendingToken(), message(recognizer, e.getOffendingToken()), e);
  }

  @Override
  protected void reportUnwantedToken(Parser recognizer) {
    if (inErrorRecoveryMode(recognizer)) {
      return;
    }
    beginErrorCondition(recognizer);
    Token t = recognizer.getCurrentToken();
    recognizer.notifyErrorListeners(t, message(recognizer, t), null);
  }

  @Override
  protected void reportMissingToken(Parser recognizer) {
    if (inErrorRecoveryMode(recognizer)) {
      return;
    }
    beginErrorCondition(recognizer);
    Token t = recognizer.getCurrentToken();
    recognizer.notifyErrorListeners(t, message(recognizer, t), null);
  }

  private static String message(Parser recognizer, Token found) {
    return "expected " + describe(recognizer.getExpectedTokens(), recognizer.getVocabulary())
        + ", found " + quote(found);
  }

  /** A token as the user wrote it, or "end of file". */
  static String quote(Token t) {
    if (t.getType() == Token.EOF) {
      return "end of file";
    }
    String text = t.getText();
    if (text.length() > 40) {
      text = text.substring(0, 37) + "...";
    }
    return "'" + text + "'";
  }

  /**
   * The expected tokens in words. Keywords are words too, so a set holding WORD is summed up as "a word" rather
   * than listing fifty keywords.
   */
  static String describe(IntervalSet expected, Vocabulary vocabulary) {
    List<String> parts = new ArrayList<>();
    boolean word = expected.contains(NplGrammarParser.WORD);
    boolean keywords = expected.contains(NplGrammarParser.NAMESPACE) && expected.contains(NplGrammarParser.NOTIN);
    if (word) {
      parts.add(keywords ? "a word" : "a name");
    }
    for (int type : expected.toList()) {
      if (type == NplGrammarParser.WORD || (keywords && isKeyword(type))) {
        continue;
      }
      parts.add(name(type, vocabulary));
    }
    if (parts.isEmpty()) {
      return "something else";
    }
    if (parts.size() > 8) {
      return String.join(", ", parts.subList(0, 8)) + ", ...";
    }
    if (parts.size() == 1) {
      return parts.get(0);
    }
    return String.join(", ", parts.subList(0, parts.size() - 1)) + " or " + parts.get(parts.size() - 1);
  }

  private static boolean isKeyword(int type) {
    return type >= NplGrammarParser.NAMESPACE && type <= NplGrammarParser.NOTIN;
  }

  private static String name(int type, Vocabulary vocabulary) {
    switch (type) {
      case Token.EOF:
        return "end of file";
      case NplGrammarParser.STRING:
        return "a string";
      case NplGrammarParser.PORTSPEC:
        return "a port such as tcp/8080";
      default:
        String literal = vocabulary.getLiteralName(type);
        return literal != null ? literal : vocabulary.getSymbolicName(type).toLowerCase(Locale.ROOT);
    }
  }
}

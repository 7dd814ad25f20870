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

  /** The tokens that start a peer, and those that start a port: summed up as "a peer" and "a port". */
  private static final IntervalSet PEER_START = new IntervalSet(
      NplGrammarParser.PODS, NplGrammarParser.NAMESPACE, NplGrammarParser.NAMESPACES,
      NplGrammarParser.SERVICEACCOUNT, NplGrammarParser.SERVICE, NplGrammarParser.CIDR, NplGrammarParser.FQDN,
      NplGrammarParser.WORLD, NplGrammarParser.CLUSTER, NplGrammarParser.NODES, NplGrammarParser.HOST,
      NplGrammarParser.KUBE_APISERVER, NplGrammarParser.ANY);
  private static final IntervalSet PORT_START = new IntervalSet(
      NplGrammarParser.PORTSPEC, NplGrammarParser.TCP, NplGrammarParser.UDP, NplGrammarParser.SCTP,
      NplGrammarParser.ICMP, NplGrammarParser.ICMPV6);

  /**
   * The expected tokens in words. Keywords are words too, so a set holding every keyword is summed up as "a
   * word"; the starts of peers and ports as "a peer" and "a port" (a let name included), rather than listing
   * each keyword.
   */
  static String describe(IntervalSet expected, Vocabulary vocabulary) {
    List<String> parts = new ArrayList<>();
    IntervalSet rest = new IntervalSet(expected);
    if (expected.contains(NplGrammarParser.NAMESPACE) && expected.contains(NplGrammarParser.NOTIN)) {
      parts.add("a word");
      rest = rest.subtract(IntervalSet.of(NplGrammarParser.NAMESPACE, NplGrammarParser.NOTIN));
      rest.remove(NplGrammarParser.WORD);
    }
    if (contains(rest, PEER_START)) {
      parts.add(rest.contains(NplGrammarParser.WORD) ? "a peer or a let name" : "a peer");
      rest = rest.subtract(PEER_START);
      rest.remove(NplGrammarParser.WORD);
    }
    if (contains(rest, PORT_START)) {
      parts.add(rest.contains(NplGrammarParser.WORD) ? "a port or a let name" : "a port");
      rest = rest.subtract(PORT_START);
      rest.remove(NplGrammarParser.WORD);
    }
    if (rest.contains(NplGrammarParser.WORD)) {
      parts.add("a word");
      rest.remove(NplGrammarParser.WORD);
    }
    for (int type : rest.toList()) {
      parts.add(name(type, vocabulary));
    }
    if (parts.isEmpty()) {
      return "something else";
    }
    if (parts.size() == 1) {
      return parts.get(0);
    }
    return String.join(", ", parts.subList(0, parts.size() - 1)) + " or " + parts.get(parts.size() - 1);
  }

  private static boolean contains(IntervalSet set, IntervalSet all) {
    return all.subtract(set).isNil();
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

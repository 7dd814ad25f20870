package io.netlingua.dsl.internal;

import io.netlingua.diagnostics.Code;
import io.netlingua.diagnostics.Diagnostic;
import io.netlingua.dsl.internal.FileParser.ParsedFile;
import io.netlingua.model.Import;
import io.netlingua.model.PolicyFile.NamespaceDirective;
import io.netlingua.model.SourceSpan;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.ErrorNode;
import org.antlr.v4.runtime.tree.ParseTree;

/**
 * One file being read: its text, parse tree and top-level structure (namespace directive, imports, lets,
 * policies), the lets in its scope, and the diagnostics found in it. Also the helpers that turn tokens into
 * text and spans, shared by every stage that reads the tree.
 */
final class FileUnit {
  /** Where the file is on disk, or null for text given in memory. */
  final Path path;
  /** The program root its imports must stay in, or null for text given in memory. */
  final Path root;
  /** The parsed file; its tree is dropped by {@link #releaseTree} once the file's model is read. */
  ParsedFile parsed;
  final List<Diagnostic> diagnostics = new ArrayList<>();

  Optional<NamespaceDirective> namespace = Optional.empty();
  final List<Import> imports = new ArrayList<>();
  /** The import statements, parallel to {@link #imports}. */
  final List<NplGrammarParser.ImportDeclContext> importDecls = new ArrayList<>();
  /** The file's own lets, first definition of each name, in source order. */
  final Map<String, LetDecl> ownLets = new LinkedHashMap<>();
  /** Names of lets whose text has syntax errors: their uses are not reported again. */
  final Set<String> brokenLets = new HashSet<>();
  final List<ParserRuleContext> policies = new ArrayList<>();
  /** Every let visible in this file: its own, then those of the files it imports. */
  final Map<String, LetDecl> scope = new LinkedHashMap<>();
  /** How many more unknown names of this file get a "did you mean" hint. */
  int suggestionsLeft = 100;
  /** Whether its imports are being read: an import of it then closes a cycle. */
  boolean loading;

  FileUnit(Path path, Path root, ParsedFile parsed) {
    this.path = path;
    this.root = root;
    this.parsed = parsed;
    diagnostics.addAll(parsed.diagnostics());
  }

  /**
   * Drops the parse tree once the file's policies are read and its lets resolved: the tree is many times the size
   * of the text, and a program of many files would otherwise hold every file's tree until the last is read. What
   * importers still use stays: the resolved lets, the scope, the diagnostics, the source and the comments.
   */
  void releaseTree() {
    for (LetDecl let : ownLets.values()) {
      if (let.state != LetDecl.State.DONE) {
        throw new IllegalStateException("a let is released before it is resolved: " + let.name);
      }
      let.ctx = null;
    }
    policies.clear();
    importDecls.clear();
    parsed = parsed.withoutTree();
  }

  /** The file name diagnostics use. */
  String name() {
    return parsed.source().name();
  }

  SourceFile source() {
    return parsed.source();
  }

  void report(Code code, SourceSpan span, String message) {
    diagnostics.add(Diagnostic.of(code, span, message));
  }

  void report(Code code, SourceSpan span, String message, String hint) {
    diagnostics.add(Diagnostic.of(code, span, message, hint));
  }

  SourceSpan span(ParserRuleContext ctx) {
    Token stop = ctx.getStop();
    int start = ctx.getStart().getStartIndex();
    int end = stop == null || stop.getType() == Token.EOF ? start : stop.getStopIndex() + 1;
    return source().span(start, Math.max(start, end));
  }

  SourceSpan span(Token token) {
    return source().span(token.getStartIndex(), token.getStopIndex() + 1);
  }

  SourceSpan span(Token from, Token to) {
    return source().span(from.getStartIndex(), to.getStopIndex() + 1);
  }

  /** The text of a word: a WORD or keyword as written, a string without its quotes and escapes. */
  static String text(NplGrammarParser.WordContext word) {
    // A word that parsed is its one token. Recovery may leave one empty or holding a deleted token as well (in a
    // broken let, whose name is still read), and then its children say what it holds.
    if (word.exception == null && word.getChildCount() == 1) {
      Token token = word.getStart();
      return token.getType() == NplGrammarParser.STRING ? string(token) : token.getText();
    }
    return word.STRING() != null ? string(word.STRING().getSymbol()) : word.getText();
  }

  /** The value of a string token: quotes removed, {@code \"} and {@code \\} unescaped. */
  static String string(Token token) {
    return unquote(token.getText());
  }

  /** The value of string text that starts with its opening quote: quotes removed, escapes undone. */
  static String unquote(String t) {
    int end = t.length() > 1 && t.endsWith("\"") && !escapedQuote(t) ? t.length() - 1 : t.length();
    if (t.indexOf('\\', 1) < 0) {
      // Most strings hold no escape: their value is the text between the quotes.
      return t.substring(1, end);
    }
    StringBuilder out = new StringBuilder(end);
    for (int i = 1; i < end; i++) {
      char c = t.charAt(i);
      if (c == '\\' && i + 1 < end) {
        i++;
        out.append(t.charAt(i));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** Whether the final quote of a token is escaped (an unterminated string ending in \"). */
  private static boolean escapedQuote(String t) {
    int backslashes = 0;
    for (int i = t.length() - 2; i > 0 && t.charAt(i) == '\\'; i--) {
      backslashes++;
    }
    return backslashes % 2 == 1;
  }

  /**
   * Whether an item holds a syntax error: such text is not turned into the model. Recovery does not always
   * leave a mark in the tree (a missing keyword of a token set is conjured and dropped), so the positions of
   * the reported errors count as well.
   */
  boolean hasError(ParserRuleContext ctx) {
    // SLL prediction with bail-out stops at the first error, so a tree it finished holds none: no need to walk it.
    if (!parsed.fellBackToLl()) {
      return false;
    }
    int start = ctx.getStart().getStartIndex();
    int end = ctx.getStop() == null ? start : ctx.getStop().getStopIndex();
    List<Integer> errors = parsed.errorTokens();
    int i = Collections.binarySearch(errors, start);
    int next = i >= 0 ? i : -i - 1;
    return (next < errors.size() && errors.get(next) <= end) || hasErrorNode(ctx);
  }

  private static boolean hasErrorNode(ParseTree tree) {
    if (tree instanceof ErrorNode) {
      return true;
    }
    if (tree instanceof ParserRuleContext) {
      ParserRuleContext ctx = (ParserRuleContext) tree;
      if (ctx.exception != null) {
        return true;
      }
      for (int i = 0; i < ctx.getChildCount(); i++) {
        if (hasErrorNode(ctx.getChild(i))) {
          return true;
        }
      }
    }
    return false;
  }
}

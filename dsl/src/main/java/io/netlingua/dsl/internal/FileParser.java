package io.netlingua.dsl.internal;

import io.netlingua.diagnostics.Code;
import io.netlingua.diagnostics.Diagnostic;
import io.netlingua.dsl.Comment;
import io.netlingua.dsl.ParseLimits;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;

/**
 * Lexes and parses one decoded file. Before ANTLR parses, every token is scanned once: characters that start
 * no token, strings, token length and nesting depth are checked there, and a file nested too deeply is not
 * parsed at all (the grammar has no recursive rule either, so parse depth is bounded whatever the input).
 * Parsing tries SLL prediction with bail-out first and reparses with full LL and error recovery only when that
 * fails.
 */
public final class FileParser {
  private final ParseLimits limits;

  /** A parser for files under these limits. */
  public FileParser(ParseLimits limits) {
    this.limits = limits;
  }

  /**
   * A parsed file.
   *
   * @param source the text
   * @param tree the parse tree; null when a limit or too many syntax errors stopped the parse
   * @param diagnostics lexical and syntax errors, in source order
   * @param comments the comments, in source order
   * @param fellBackToLl whether SLL prediction failed and the file was parsed again with LL
   * @param errorTokens code-point indexes of the tokens where syntax errors were reported, ascending
   */
  public record ParsedFile(
      SourceFile source, NplGrammarParser.FileContext tree, List<Diagnostic> diagnostics, List<Comment> comments,
      boolean fellBackToLl, List<Integer> errorTokens) {
    public ParsedFile {
      diagnostics = List.copyOf(diagnostics);
      comments = List.copyOf(comments);
      errorTokens = errorTokens.stream().sorted().toList();
    }

    /** The same file without its tree ({@code tree()} is then null), once its model is read. */
    public ParsedFile withoutTree() {
      return new ParsedFile(source, null, diagnostics, comments, fellBackToLl, errorTokens);
    }

    /** A file that was not parsed (a limit or its encoding stopped it). */
    static ParsedFile unparsed(SourceFile source, List<Diagnostic> diagnostics, List<Comment> comments) {
      return new ParsedFile(source, null, diagnostics, comments, false, List.of());
    }
  }

  /** Parses a decoded file; never throws on any text. */
  public ParsedFile parse(SourceFile source) {
    List<Diagnostic> diagnostics = new ArrayList<>();
    List<Comment> comments = new ArrayList<>();
    NplGrammarLexer lexer = new NplGrammarLexer(CharStreams.fromString(source.text(), source.name()));
    lexer.removeErrorListeners();
    CommonTokenStream tokens = new CommonTokenStream(lexer);
    tokens.fill();
    boolean nestingOk = scan(source, tokens.getTokens(), diagnostics, comments);
    if (!nestingOk) {
      return ParsedFile.unparsed(source, diagnostics, comments);
    }
    NplGrammarParser parser = new NplGrammarParser(tokens);
    parser.removeErrorListeners();
    parser.setErrorHandler(new BailErrorStrategy());
    parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
    try {
      return new ParsedFile(source, parser.file(), diagnostics, comments, false, List.of());
    } catch (ParseCancellationException sllFailed) {
      tokens.seek(0);
      parser.reset();
      parser.setErrorHandler(new SyntaxErrors());
      parser.getInterpreter().setPredictionMode(PredictionMode.LL);
      List<Integer> errorTokens = new ArrayList<>();
      parser.addErrorListener(new Listener(source, diagnostics, errorTokens));
      NplGrammarParser.FileContext tree;
      try {
        tree = parser.file();
      } catch (ParseCancellationException tooManyErrors) {
        tree = null;
      }
      diagnostics.sort(Diagnostic.ORDER);
      return new ParsedFile(source, tree, diagnostics, comments, true, errorTokens);
    }
  }

  /** Checks every token once; false when the nesting limit is passed (the file is then not parsed). */
  private boolean scan(
      SourceFile source, List<Token> tokens, List<Diagnostic> diagnostics, List<Comment> comments) {
    int depth = 0;
    int previousUnexpectedEnd = -1;
    for (Token t : tokens) {
      int start = t.getStartIndex();
      int end = t.getStopIndex() + 1;
      if (t.getType() == Token.EOF) {
        break;
      }
      if (end - start > limits.maxTokenChars()) {
        diagnostics.add(Diagnostic.of(
            Code.TOKEN_TOO_LONG, source.point(start + limits.maxTokenChars()),
            "a token longer than the limit of " + limits.maxTokenChars() + " characters"));
      }
      switch (t.getType()) {
        case NplGrammarLexer.UNEXPECTED:
          if (start != previousUnexpectedEnd) {
            diagnostics.add(Diagnostic.of(
                Code.UNEXPECTED_CHARACTER, source.span(start, end), "unexpected character " + describe(t)));
          }
          previousUnexpectedEnd = end;
          break;
        case NplGrammarLexer.STRING:
          checkString(source, t, diagnostics);
          break;
        case NplGrammarLexer.COMMENT:
          comments.add(new Comment(t.getText(), source.span(start, end), source.startsLine(start)));
          break;
        case NplGrammarLexer.LBRACE:
        case NplGrammarLexer.LPAREN:
          depth++;
          if (depth > limits.maxNesting()) {
            diagnostics.add(Diagnostic.of(
                Code.NESTING_TOO_DEEP, source.span(start, end),
                "braces and parentheses nested deeper than the limit of " + limits.maxNesting()));
            return false;
          }
          break;
        case NplGrammarLexer.RBRACE:
        case NplGrammarLexer.RPAREN:
          depth = Math.max(0, depth - 1);
          break;
        default:
          break;
      }
    }
    return true;
  }

  private static String describe(Token t) {
    int c = t.getText().codePointAt(0);
    String hex = String.format("U+%04X", c);
    return Character.isISOControl(c) || Character.isWhitespace(c) ? hex : "'" + t.getText() + "' (" + hex + ")";
  }

  /** NL1004 for a string without its closing quote, NL1005 for each escape other than \" and \\. */
  private static void checkString(SourceFile source, Token t, List<Diagnostic> diagnostics) {
    String text = t.getText();
    int start = t.getStartIndex();
    int cp = 1;
    boolean closed = false;
    for (int i = 1; i < text.length(); cp++) {
      int c = text.codePointAt(i);
      int width = Character.charCount(c);
      if (c == '\\') {
        int next = i + 1 < text.length() ? text.codePointAt(i + 1) : -1;
        if (next != '"' && next != '\\') {
          diagnostics.add(Diagnostic.of(
              Code.INVALID_ESCAPE, source.span(start + cp, start + cp + (next < 0 ? 1 : 2)),
              "invalid escape in a string: only \\\" and \\\\ are allowed",
              "write a backslash as \\\\"));
        }
        if (next >= 0) {
          i += Character.charCount(next);
          cp++;
        }
      } else if (c == '"') {
        closed = true;
      }
      i += width;
    }
    if (!closed) {
      diagnostics.add(Diagnostic.of(
          Code.UNTERMINATED_STRING, source.span(start, t.getStopIndex() + 1),
          "a string without its closing quote", "strings end on the line they start on"));
    }
  }

  /**
   * Turns ANTLR's reports into NL1003 diagnostics at the offending token. After {@link #MAX_ERRORS} the parse
   * stops: later errors are mostly echoes of earlier ones, and recovery costs time on hostile input.
   */
  private static final class Listener extends BaseErrorListener {
    static final int MAX_ERRORS = 100;

    private final SourceFile source;
    private final List<Diagnostic> diagnostics;
    private final List<Integer> errorTokens;

    Listener(SourceFile source, List<Diagnostic> diagnostics, List<Integer> errorTokens) {
      this.source = source;
      this.diagnostics = diagnostics;
      this.errorTokens = errorTokens;
    }

    @Override
    public void syntaxError(
        Recognizer<?, ?> recognizer, Object offendingSymbol, int line, int charPositionInLine, String msg,
        RecognitionException e) {
      Token t = (Token) offendingSymbol;
      int start = t.getStartIndex();
      int end = t.getType() == Token.EOF ? start : t.getStopIndex() + 1;
      errorTokens.add(start);
      if (errorTokens.size() == MAX_ERRORS) {
        diagnostics.add(Diagnostic.of(
            Code.SYNTAX_ERROR, source.span(start, end),
            msg + " (the file has too many syntax errors: the rest is not read)"));
        throw new ParseCancellationException(msg);
      }
      diagnostics.add(Diagnostic.of(Code.SYNTAX_ERROR, source.span(start, end), msg));
    }
  }
}

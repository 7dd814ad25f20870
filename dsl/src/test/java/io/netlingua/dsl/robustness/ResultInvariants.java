package io.netlingua.dsl.robustness;

import io.netlingua.diagnostics.Diagnostic;
import io.netlingua.dsl.ParseResult;
import io.netlingua.model.SourceSpan;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What holds for every parse result, whatever the input: the diagnostics are sorted and each one's span lies
 * inside the text of its file, with lines, columns and offsets that agree with each other.
 *
 * <p>The positions are recomputed here from the decoded text the result carries, following the language's
 * rules (lines end with LF, CRLF or CR; a column counts code points; offsets count chars), so that a parser
 * which counts UTF-16 units, ANTLR code-point indexes or bytes is caught. A file whose text the result does not
 * carry (it was not read, or was too large to decode) counts as empty: its diagnostics must point at 1:1.
 */
public final class ResultInvariants {

  private ResultInvariants() {}

  /** Fails with every broken invariant of {@code result} listed. */
  public static void assertWellFormed(ParseResult result) {
    List<String> problems = problems(result);
    if (!problems.isEmpty()) {
      throw new AssertionError(problems.size() + " broken invariant(s):\n  " + String.join("\n  ", problems));
    }
  }

  /** The broken invariants of {@code result}, empty when it is well formed. */
  public static List<String> problems(ParseResult result) {
    List<String> problems = new ArrayList<>();
    List<Diagnostic> diagnostics = result.diagnostics();
    for (int i = 1; i < diagnostics.size(); i++) {
      if (Diagnostic.ORDER.compare(diagnostics.get(i - 1), diagnostics.get(i)) > 0) {
        problems.add("not sorted: " + diagnostics.get(i - 1) + " before " + diagnostics.get(i));
      }
    }
    // One line table per file: building it per diagnostic would make a flood of errors quadratic.
    Map<String, Positions> files = new HashMap<>();
    for (Diagnostic d : diagnostics) {
      Positions positions =
          files.computeIfAbsent(d.span().file(), f -> new Positions(result.sources().text(f).orElse("")));
      String problem = positions.problem(d.span());
      if (problem != null) {
        problems.add(problem + " in " + describe(d));
      }
    }
    return problems;
  }

  private static String describe(Diagnostic d) {
    SourceSpan s = d.span();
    return d + " (span " + s.line() + ":" + s.column() + "-" + s.endLine() + ":" + s.endColumn()
        + ", offsets " + s.offset() + ".." + s.endOffset() + ")";
  }

  /** The line structure of one decoded text. */
  private static final class Positions {
    private final String text;
    private final int[] lineStarts;

    Positions(String text) {
      this.text = text;
      List<Integer> starts = new ArrayList<>();
      starts.add(0);
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (c == '\n' || (c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n'))) {
          starts.add(i + 1);
        }
      }
      lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
    }

    /** What is wrong with {@code span} in this text, or null. */
    String problem(SourceSpan span) {
      String start = problem("start", span.line(), span.column());
      if (start != null) {
        return start;
      }
      String end = problem("end", span.endLine(), span.endColumn());
      if (end != null) {
        return end;
      }
      if (span.endOffset() > text.length()) {
        return "end offset " + span.endOffset() + " beyond the text's " + text.length() + " chars";
      }
      String startOffset = agrees("start", span.offset(), span.line(), span.column());
      return startOffset != null
          ? startOffset
          : agrees("end", span.endOffset(), span.endLine(), span.endColumn());
    }

    private String problem(String what, int line, int column) {
      if (line > lineStarts.length) {
        return what + " line " + line + " beyond the file's " + lineStarts.length + " line(s)";
      }
      int length = text.codePointCount(lineStarts[line - 1], contentEnd(line - 1));
      if (column > length + 1) {
        return what + " column " + column + " beyond line " + line + "'s " + length + " code point(s) + 1";
      }
      return null;
    }

    /** Whether an offset lies at the line and column the span claims for it. */
    private String agrees(String what, int offset, int line, int column) {
      if (offset > 0 && offset < text.length()
          && Character.isHighSurrogate(text.charAt(offset - 1))
          && Character.isLowSurrogate(text.charAt(offset))) {
        return what + " offset " + offset + " splits a surrogate pair";
      }
      int index = lineIndex(offset);
      int actualColumn = text.codePointCount(lineStarts[index], Math.min(offset, text.length())) + 1;
      if (index + 1 != line || actualColumn != column) {
        return what + " offset " + offset + " is at " + (index + 1) + ":" + actualColumn + ", not " + line + ":"
            + column;
      }
      return null;
    }

    private int lineIndex(int offset) {
      int low = 0;
      int high = lineStarts.length - 1;
      while (low < high) {
        int mid = (low + high + 1) >>> 1;
        if (lineStarts[mid] <= offset) {
          low = mid;
        } else {
          high = mid - 1;
        }
      }
      return low;
    }

    /** The offset just after the content of a line (before its terminator). */
    private int contentEnd(int index) {
      int end = index + 1 < lineStarts.length ? lineStarts[index + 1] : text.length();
      while (end > lineStarts[index] && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
        end--;
      }
      return end;
    }
  }
}

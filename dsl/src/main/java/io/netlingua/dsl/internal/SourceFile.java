package io.netlingua.dsl.internal;

import io.netlingua.model.SourceSpan;
import java.util.Arrays;

/**
 * The decoded text of one file with an index from positions to spans. ANTLR counts code points and only LF as a
 * line end; the language counts lines ended by LF, CRLF or CR, columns in code points and offsets in UTF-16
 * chars, so every span is computed here from code-point indexes.
 *
 * <p>Readers ask for spans roughly in source order, so the line found last is tried first (and then the next
 * one) before a binary search: a span costs a few comparisons instead of a search over every line of the file.
 * That remembered line makes an instance unfit for sharing between threads; one parse owns each.
 */
public final class SourceFile {
  private final String name;
  private final String text;
  /** Char offset of each code point index, plus one entry for the end; null when the text is all BMP. */
  private final int[] charOffsets;
  /** Code-point index where each line starts. */
  private final int[] lineStarts;
  private final int codePoints;
  /** The 1-based line of the position asked for last. */
  private int lastLine = 1;

  /**
   * Indexes a decoded text (byte-order mark already removed).
   *
   * @param name the file name diagnostics use
   * @param text the decoded text
   */
  public SourceFile(String name, String text) {
    this.name = name;
    this.text = text;
    this.codePoints = text.codePointCount(0, text.length());
    this.charOffsets = codePoints == text.length() ? null : charOffsets(text, codePoints);
    this.lineStarts = charOffsets == null ? bmpLineStarts(text) : lineStarts(text);
  }

  private static int[] charOffsets(String text, int codePoints) {
    int[] out = new int[codePoints + 1];
    int cp = 0;
    for (int i = 0; i < text.length(); cp++) {
      out[cp] = i;
      i += Character.charCount(text.codePointAt(i));
    }
    out[codePoints] = text.length();
    return out;
  }

  /** {@link #lineStarts} of a text without surrogate pairs, where a code-point index is a char index. */
  private static int[] bmpLineStarts(String text) {
    int[] starts = new int[16];
    int count = 1;
    int length = text.length();
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      if (c == '\n' || (c == '\r' && (i + 1 >= length || text.charAt(i + 1) != '\n'))) {
        if (count == starts.length) {
          starts = Arrays.copyOf(starts, count * 2);
        }
        starts[count++] = i + 1;
      }
    }
    return Arrays.copyOf(starts, count);
  }

  /** Line starts as code-point indexes; CRLF is one line end. */
  private static int[] lineStarts(String text) {
    int[] starts = new int[16];
    int count = 1;
    int cp = 0;
    for (int i = 0; i < text.length(); cp++) {
      int c = text.codePointAt(i);
      i += Character.charCount(c);
      boolean end = c == '\n' || (c == '\r' && (i >= text.length() || text.charAt(i) != '\n'));
      if (end) {
        if (count == starts.length) {
          starts = Arrays.copyOf(starts, count * 2);
        }
        starts[count++] = cp + 1;
      }
    }
    return Arrays.copyOf(starts, count);
  }

  /** The file name diagnostics use. */
  public String name() {
    return name;
  }

  /** The decoded text. */
  public String text() {
    return text;
  }

  /** The number of code points of the text. */
  public int length() {
    return codePoints;
  }

  /** The char offset of a code-point index (0 to {@link #length()}). */
  public int charOffset(int cpIndex) {
    int cp = Math.max(0, Math.min(cpIndex, codePoints));
    return charOffsets == null ? cp : charOffsets[cp];
  }

  /** The 1-based line of a code-point index. */
  public int line(int cpIndex) {
    int line = lastLine;
    if (!onLine(cpIndex, line)) {
      line = onLine(cpIndex, line + 1) ? line + 1 : search(cpIndex);
      // A negative index has line 0, which is no line to start from.
      lastLine = Math.max(line, 1);
    }
    return line;
  }

  /** Whether a code-point index lies on a 1-based line (its last line runs to the end of the text and beyond). */
  private boolean onLine(int cpIndex, int line) {
    return line <= lineStarts.length
        && lineStarts[line - 1] <= cpIndex
        && (line == lineStarts.length || cpIndex < lineStarts[line]);
  }

  /**
   * The line of a code-point index found by galloping from the line found last: steps of 1, 2, 4, ... lines
   * bracket it, then a binary search in the bracket. A jump of d lines (back to a policy's name, on to a let)
   * costs about log d, not log of the file's lines.
   */
  private int search(int cpIndex) {
    int near = lastLine - 1;
    int low;
    int high;
    if (cpIndex >= lineStarts[near]) {
      int step = 1;
      low = near;
      high = near + step;
      while (high < lineStarts.length && lineStarts[high] <= cpIndex) {
        low = high;
        step *= 2;
        high = near + step;
      }
      high = Math.min(high, lineStarts.length);
    } else {
      int step = 1;
      high = near;
      low = near - step;
      while (low > 0 && lineStarts[low] > cpIndex) {
        high = low;
        step *= 2;
        low = near - step;
      }
      low = Math.max(low, 0);
    }
    int i = Arrays.binarySearch(lineStarts, low, high, cpIndex);
    return i >= 0 ? i + 1 : -i - 1;
  }

  /** The 1-based column, in code points, of a code-point index. */
  public int column(int cpIndex) {
    return cpIndex - lineStarts[line(cpIndex) - 1] + 1;
  }

  /** The span from code-point index {@code start} (inclusive) to {@code end} (exclusive). */
  public SourceSpan span(int start, int end) {
    int from = Math.max(0, Math.min(start, codePoints));
    int to = Math.max(from, Math.min(end, codePoints));
    int fromLine = line(from);
    int toLine = line(to);
    return new SourceSpan(
        name, fromLine, from - lineStarts[fromLine - 1] + 1, toLine, to - lineStarts[toLine - 1] + 1,
        charOffset(from), charOffset(to));
  }

  /** A span of one point at a code-point index. */
  public SourceSpan point(int cpIndex) {
    return span(cpIndex, cpIndex);
  }

  /** Whether nothing but spaces and tabs precede a code-point index on its line. */
  public boolean startsLine(int cpIndex) {
    int from = charOffset(lineStarts[line(cpIndex) - 1]);
    int to = charOffset(cpIndex);
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c != ' ' && c != '\t' && c != '\f') {
        return false;
      }
    }
    return true;
  }
}

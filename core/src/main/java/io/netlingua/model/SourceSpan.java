package io.netlingua.model;

import java.util.Objects;

/**
 * Where a model element came from: a file and a range in it.
 *
 * <p>Lines and columns are 1-based; a column counts Unicode code points (a tab is one column). Offsets count
 * {@code char}s of the decoded text from the start of the file, {@code offset} inclusive and {@code endOffset}
 * exclusive. Elements built in Java rather than parsed carry {@link #NONE}.
 *
 * @param file the file's path as the program names it ({@code "<java>"} for {@link #NONE})
 * @param line first line, 1-based
 * @param column first column, 1-based, in code points
 * @param endLine last line, 1-based
 * @param endColumn the column just after the element, 1-based
 * @param offset first char offset, 0-based
 * @param endOffset char offset just after the element
 */
public record SourceSpan(String file, int line, int column, int endLine, int endColumn, int offset, int endOffset)
    implements Comparable<SourceSpan> {

  /** The span of elements that were not read from a file. */
  public static final SourceSpan NONE = new SourceSpan("<java>", 1, 1, 1, 1, 0, 0);

  public SourceSpan {
    Objects.requireNonNull(file, "file");
    if (line < 1 || column < 1 || endLine < line || (endLine == line && endColumn < column)) {
      throw new IllegalArgumentException(
          "bad span " + file + ":" + line + ":" + column + "-" + endLine + ":" + endColumn);
    }
    if (offset < 0 || endOffset < offset) {
      throw new IllegalArgumentException("bad offsets " + offset + ".." + endOffset);
    }
  }

  /** A span of one point (zero length). */
  public static SourceSpan point(String file, int line, int column, int offset) {
    return new SourceSpan(file, line, column, line, column, offset, offset);
  }

  /** The smallest span covering this one and {@code other} (same file). */
  public SourceSpan to(SourceSpan other) {
    SourceSpan first = compareTo(other) <= 0 ? this : other;
    SourceSpan last =
        (endLine > other.endLine || (endLine == other.endLine && endColumn >= other.endColumn))
            ? this
            : other;
    return new SourceSpan(
        file, first.line, first.column, last.endLine, last.endColumn, first.offset,
        Math.max(endOffset, other.endOffset));
  }

  /** {@code file:line:col}, as compilers print it. */
  public String location() {
    return file + ":" + line + ":" + column;
  }

  @Override
  public int compareTo(SourceSpan o) {
    int c = file.compareTo(o.file);
    if (c != 0) {
      return c;
    }
    c = Integer.compare(line, o.line);
    return c != 0 ? c : Integer.compare(column, o.column);
  }

  @Override
  public String toString() {
    return location();
  }
}

package io.netlingua.dsl.internal.printer;

import io.netlingua.dsl.Comment;
import io.netlingua.dsl.internal.printer.CanonicalPrinter.Line;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Puts the comments of a file among its canonical lines, so that formatting loses none.
 *
 * <p>A comment goes before the line of the element that follows it in the source (the element whose span
 * starts first after the comment), at that line's indentation; with no element after it, at the end of the file.
 * An end-of-line comment instead stays at the end of the line of the element that starts last before it, when
 * that element starts on the comment's line. Placing by source position rather than by printed order keeps a
 * comment with its element when the canonical order moves elements (an egress block written before ingress).
 */
final class CommentPlacement {
  private final List<Line> lines;
  /** Indices of the lines that stand for an element, sorted by the element's offset, then printed order. */
  private final int[] elements;
  private final List<List<String>> leading = new ArrayList<>();
  private final String[] trailing;
  private final List<String> atEnd = new ArrayList<>();

  private CommentPlacement(List<Line> lines) {
    this.lines = lines;
    this.elements =
        java.util.stream.IntStream.range(0, lines.size())
            .filter(i -> lines.get(i).span() != null)
            .boxed()
            .sorted(Comparator.comparingInt((Integer i) -> lines.get(i).span().offset()).thenComparingInt(i -> i))
            .mapToInt(Integer::intValue)
            .toArray();
    for (int i = 0; i < lines.size(); i++) {
      leading.add(new ArrayList<>());
    }
    this.trailing = new String[lines.size()];
  }

  /** The text of the lines with the comments placed, each line ended by a newline. */
  static String render(List<Line> lines, List<Comment> comments, String indent) {
    CommentPlacement placement = new CommentPlacement(lines);
    comments.stream()
        .sorted(Comparator.comparingInt((Comment c) -> c.span().offset()))
        .forEach(placement::place);
    return placement.text(indent);
  }

  private void place(Comment comment) {
    String text = comment.text().stripTrailing();
    int offset = comment.span().offset();
    // The first element (in offset order) that starts after the comment.
    int after = firstStartingAfter(offset);
    if (!comment.ownLine() && after > 0) {
      int line = elements[after - 1];
      if (lines.get(line).span().line() == comment.span().line() && trailing[line] == null) {
        trailing[line] = text;
        return;
      }
    }
    if (after < elements.length) {
      leading.get(elements[after]).add(text);
    } else {
      atEnd.add(text);
    }
  }

  /** The position in {@link #elements} of the first element whose offset is greater than {@code offset}. */
  private int firstStartingAfter(int offset) {
    int low = 0;
    int high = elements.length;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (lines.get(elements[mid]).span().offset() > offset) {
        high = mid;
      } else {
        low = mid + 1;
      }
    }
    return low;
  }

  private String text(String indent) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < lines.size(); i++) {
      Line line = lines.get(i);
      String prefix = indent.repeat(line.depth());
      for (String comment : leading.get(i)) {
        sb.append(prefix).append(comment).append('\n');
      }
      if (!line.text().isEmpty()) {
        sb.append(prefix).append(line.text());
        if (trailing[i] != null) {
          sb.append(' ').append(trailing[i]);
        }
      }
      sb.append('\n');
    }
    for (String comment : atEnd) {
      sb.append(comment).append('\n');
    }
    return sb.toString();
  }
}

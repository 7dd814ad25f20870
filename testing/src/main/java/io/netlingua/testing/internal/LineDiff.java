package io.netlingua.testing.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * A unified diff of two texts, line by line, for failure messages: {@code -} lines only in the expected text,
 * {@code +} lines only in the actual one, three lines of context around each change, and hunk headers with
 * line numbers ({@code @@ -12,7 +12,8 @@}).
 */
public final class LineDiff {
  private static final int CONTEXT = 3;

  private LineDiff() {}

  /** One line of the edit script: ' ', '-' or '+', the line, and its numbers in both texts (1-based). */
  private record Edit(char op, String line, int expectedLine, int actualLine) {}

  /**
   * The unified diff of two texts; empty when they are equal.
   *
   * @param expectedName the name of the expected text, for the {@code ---} header
   * @param expected the expected text
   * @param actualName the name of the actual text, for the {@code +++} header
   * @param actual the actual text
   */
  public static String unified(String expectedName, String expected, String actualName, String actual) {
    if (expected.equals(actual)) {
      return "";
    }
    List<Edit> edits = edits(expected.split("\n", -1), actual.split("\n", -1));
    StringBuilder out = new StringBuilder("--- " + expectedName + "\n+++ " + actualName + "\n");
    List<Integer> changes = new ArrayList<>();
    for (int i = 0; i < edits.size(); i++) {
      if (edits.get(i).op() != ' ') {
        changes.add(i);
      }
    }
    // Changes closer than twice the context share one hunk.
    int g = 0;
    while (g < changes.size()) {
      int first = changes.get(g);
      int last = first;
      while (g + 1 < changes.size() && changes.get(g + 1) - last <= 2 * CONTEXT + 1) {
        g++;
        last = changes.get(g);
      }
      hunk(out, edits.subList(Math.max(0, first - CONTEXT), Math.min(edits.size(), last + CONTEXT + 1)));
      g++;
    }
    return out.toString();
  }

  private static void hunk(StringBuilder out, List<Edit> hunk) {
    int expectedCount = 0;
    int actualCount = 0;
    for (Edit e : hunk) {
      expectedCount += e.op() == '+' ? 0 : 1;
      actualCount += e.op() == '-' ? 0 : 1;
    }
    Edit first = hunk.get(0);
    out.append("@@ -").append(first.expectedLine()).append(',').append(expectedCount)
        .append(" +").append(first.actualLine()).append(',').append(actualCount).append(" @@\n");
    for (Edit e : hunk) {
      out.append(e.op()).append(e.line()).append('\n');
    }
  }

  /** The shortest edit script, from the longest common subsequence of lines. */
  private static List<Edit> edits(String[] a, String[] b) {
    int[][] lcs = new int[a.length + 1][b.length + 1];
    for (int i = a.length - 1; i >= 0; i--) {
      for (int j = b.length - 1; j >= 0; j--) {
        lcs[i][j] = a[i].equals(b[j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    List<Edit> out = new ArrayList<>();
    int i = 0;
    int j = 0;
    while (i < a.length || j < b.length) {
      if (i < a.length && j < b.length && a[i].equals(b[j])) {
        out.add(new Edit(' ', a[i], i + 1, j + 1));
        i++;
        j++;
      } else if (i < a.length && (j == b.length || lcs[i + 1][j] >= lcs[i][j + 1])) {
        out.add(new Edit('-', a[i], i + 1, j + 1));
        i++;
      } else {
        out.add(new Edit('+', b[j], i + 1, j + 1));
        j++;
      }
    }
    return out;
  }
}

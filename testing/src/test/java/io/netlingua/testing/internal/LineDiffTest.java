package io.netlingua.testing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The unified diff of golden failures: empty for equal texts, hunks with context and line numbers. */
class LineDiffTest {
  @Test
  void equalTextsHaveNoDiff() {
    assertThat(LineDiff.unified("a", "x\ny\n", "b", "x\ny\n")).isEmpty();
  }

  @Test
  void aChangedLineIsOneHunkWithThreeLinesOfContext() {
    String expected = "1\n2\n3\n4\n5\n6\n7\n8\n9\n";
    String actual = "1\n2\n3\n4\nfive\n6\n7\n8\n9\n";
    assertThat(LineDiff.unified("golden", expected, "output", actual)).isEqualTo("""
        --- golden
        +++ output
        @@ -2,7 +2,7 @@
         2
         3
         4
        -5
        +five
         6
         7
         8
        """);
  }

  @Test
  void distantChangesAreSeparateHunksAndInsertionsCount() {
    String expected = String.join("\n", "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m");
    String actual = String.join("\n", "A", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n");
    assertThat(LineDiff.unified("x", expected, "y", actual)).isEqualTo("""
        --- x
        +++ y
        @@ -1,4 +1,4 @@
        -a
        +A
         b
         c
         d
        @@ -11,3 +11,4 @@
         k
         l
         m
        +n
        """);
  }
}

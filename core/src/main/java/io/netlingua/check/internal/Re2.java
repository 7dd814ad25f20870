package io.netlingua.check.internal;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Whether RE2 accepts a regular expression, limits included. re2j checks the syntax but has neither RE2's nesting
 * limit nor its program-size limit ({@code max_mem}): a pattern such as {@code (((a{100}){100}){100})} exhausts
 * the heap while re2j compiles it. So the pattern is first bounded in length (which also keeps it far below the
 * nesting limit of 1,000 that Go's regexp/syntax, the RE2 port re2j follows, sets: 1,000 levels need more than
 * 2,000 characters), then measured by a linear scan, and compiled only when it is small enough.
 */
public final class Re2 {
  /**
   * An upper bound on the compiled program, in instructions. RE2's default {@code max_mem} of 8 MiB allows about
   * 350,000 instructions; this bound is lower, since a path regex is small and re2j's instructions are larger.
   */
  static final long MAX_SIZE = 100_000;

  /**
   * The longest pattern accepted, in chars. re2j joins a run of literal characters in time quadratic in its length
   * (a 64 KiB literal takes seconds), so a bound keeps checking linear in the input; path regexes are short.
   */
  static final int MAX_LENGTH = 1000;

  private Re2() {}

  /** What RE2 says is wrong with the pattern, or nothing when it compiles. Never throws. */
  public static Optional<String> problem(String regex) {
    if (regex.length() > MAX_LENGTH) {
      return Optional.of("expression longer than " + MAX_LENGTH + " characters");
    }
    Optional<String> limit = limits(regex);
    if (limit.isPresent()) {
      return limit;
    }
    try {
      Pattern.compile(regex);
      return Optional.empty();
    } catch (PatternSyntaxException e) {
      return Optional.of(e.getDescription() + ": `" + Describe.shorten(e.getPattern()) + "`");
    } catch (RuntimeException e) {
      // re2j reports its own failures as PatternSyntaxException; anything else is still RE2 saying no.
      return Optional.of(String.valueOf(e.getMessage()));
    }
  }

  /**
   * Measures groups and repetitions in one pass: a frame per open group holds the estimated size of its content
   * and of its last atom, and a counted repetition {@code {n,m}} multiplies the last atom. Malformed syntax is left
   * for re2j to report.
   */
  private static Optional<String> limits(String re) {
    Deque<long[]> frames = new ArrayDeque<>();
    long[] top = new long[2]; // [0] size so far, [1] size of the last atom
    int i = 0;
    int n = re.length();
    while (i < n) {
      char c = re.charAt(i);
      long atom = 1;
      if (c == '(') {
        frames.push(top);
        top = new long[2];
        i++;
        continue;
      } else if (c == ')') {
        if (frames.isEmpty()) {
          i++;
          continue;
        }
        atom = top[0] + 1;
        top = frames.pop();
        i++;
      } else if (c == '[' || c == '\\') {
        // A class or a quoted literal may be long, and a repetition copies all of it: count its length.
        int end = c == '[' ? classEnd(re, i) : escapeEnd(re, i);
        atom = end - i;
        i = end;
      } else if (c == '*' || c == '+' || c == '?') {
        top[0] = saturatedAdd(top[0], 1);
        i++;
        continue;
      } else if (c == '{' && repeatEnd(re, i) > 0) {
        int end = repeatEnd(re, i);
        long count = repeatMax(re.substring(i + 1, end - 1)) + 1;
        top[0] = saturatedAdd(top[0], saturatedMultiply(top[1], count - 1));
        top[1] = saturatedMultiply(top[1], count);
        if (top[0] > MAX_SIZE) {
          return tooLarge();
        }
        i = end;
        continue;
      } else {
        i++;
      }
      top[0] = saturatedAdd(top[0], atom);
      top[1] = atom;
      if (top[0] > MAX_SIZE) {
        return tooLarge();
      }
    }
    return Optional.empty();
  }

  private static Optional<String> tooLarge() {
    return Optional.of("expression too large (repetitions expand it past " + MAX_SIZE + " instructions)");
  }

  /** The index after a character class starting at {@code i}, or the end of the text. */
  private static int classEnd(String re, int i) {
    int j = i + 1;
    if (j < re.length() && re.charAt(j) == '^') {
      j++;
    }
    if (j < re.length() && re.charAt(j) == ']') {
      j++;
    }
    while (j < re.length() && re.charAt(j) != ']') {
      j = re.charAt(j) == '\\' ? j + 2 : j + 1;
    }
    return Math.min(re.length(), j + 1);
  }

  /** The index after an escape at {@code i}: {@code \Q...\E}, {@code \p{..}}, {@code \x{..}} or one character. */
  private static int escapeEnd(String re, int i) {
    if (i + 1 >= re.length()) {
      return re.length();
    }
    char e = re.charAt(i + 1);
    if (e == 'Q') {
      int end = re.indexOf("\\E", i + 2);
      return end < 0 ? re.length() : end + 2;
    }
    if ((e == 'p' || e == 'P' || e == 'x') && i + 2 < re.length() && re.charAt(i + 2) == '{') {
      int end = re.indexOf('}', i + 3);
      return end < 0 ? re.length() : end + 1;
    }
    return i + 2;
  }

  /** The index after a counted repetition {@code {n}}, {@code {n,}} or {@code {n,m}} at {@code i}; 0 if none. */
  private static int repeatEnd(String re, int i) {
    int j = i + 1;
    int digits = 0;
    while (j < re.length() && isDigit(re.charAt(j)) && digits < 8) {
      j++;
      digits++;
    }
    if (digits == 0 || j >= re.length()) {
      return 0;
    }
    if (re.charAt(j) == ',') {
      j++;
      int more = 0;
      while (j < re.length() && isDigit(re.charAt(j)) && more < 8) {
        j++;
        more++;
      }
    }
    return j < re.length() && re.charAt(j) == '}' ? j + 1 : 0;
  }

  /** The largest count of {@code n}, {@code n,} or {@code n,m}. */
  private static long repeatMax(String counts) {
    long max = 0;
    for (String part : counts.split(",")) {
      if (!part.isEmpty()) {
        max = Math.max(max, Long.parseLong(part));
      }
    }
    return max;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static long saturatedAdd(long a, long b) {
    long r = a + b;
    return r < 0 ? Long.MAX_VALUE : r;
  }

  private static long saturatedMultiply(long a, long b) {
    return b != 0 && a > Long.MAX_VALUE / b ? Long.MAX_VALUE : a * b;
  }
}

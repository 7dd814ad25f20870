package io.netlingua.targets;

import java.util.regex.Pattern;

/** Dotted version numbers ({@code 1.25}, {@code 1.35.2}) compared component by component. */
public final class Versions {
  /** Major, optional minor and patch: the form upstream releases use, without a {@code v} or a suffix. */
  private static final Pattern VERSION = Pattern.compile("[0-9]{1,9}(\\.[0-9]{1,9}){0,2}");

  private Versions() {}

  /** Whether {@code text} is a version a run may name: one to three dotted numbers, such as {@code 1.35.2}. */
  public static boolean isVersion(String text) {
    return VERSION.matcher(text).matches();
  }

  /**
   * Refuses a text that is not a version ({@link #isVersion}).
   *
   * @param text the text
   * @return the text, a version
   * @throws IllegalArgumentException saying what a version looks like
   */
  public static String requireVersion(String text) {
    if (!isVersion(text)) {
      throw new IllegalArgumentException("'" + text + "' is not a version such as 1.35 or 1.29.4");
    }
    return text;
  }

  /** Whether {@code version} is at least {@code minimum}; non-numeric components count as 0. */
  public static boolean atLeast(String version, String minimum) {
    return compare(version, minimum, Integer.MAX_VALUE) >= 0;
  }

  /**
   * Compares the first {@code components} components of two versions, a missing one counting as 0: with 2, a patch
   * release compares equal to its minor release ({@code 1.18.3} and {@code 1.18}).
   */
  static int compare(String version, String other, int components) {
    String[] a = version.split("\\.");
    String[] b = other.split("\\.");
    for (int i = 0; i < Math.min(components, Math.max(a.length, b.length)); i++) {
      int x = i < a.length ? number(a[i]) : 0;
      int y = i < b.length ? number(b[i]) : 0;
      if (x != y) {
        return Integer.compare(x, y);
      }
    }
    return 0;
  }

  private static int number(String s) {
    int end = 0;
    while (end < s.length() && end < 9 && Character.isDigit(s.charAt(end))) {
      end++;
    }
    return end == 0 ? 0 : Integer.parseInt(s.substring(0, end));
  }
}

package io.netlingua.targets;

/** Dotted version numbers ({@code 1.25}, {@code 1.35.2}) compared component by component. */
public final class Versions {
  private Versions() {}

  /** Whether {@code version} is at least {@code minimum}; non-numeric components count as 0. */
  public static boolean atLeast(String version, String minimum) {
    String[] a = version.split("\\.");
    String[] b = minimum.split("\\.");
    for (int i = 0; i < Math.max(a.length, b.length); i++) {
      int x = i < a.length ? number(a[i]) : 0;
      int y = i < b.length ? number(b[i]) : 0;
      if (x != y) {
        return x > y;
      }
    }
    return true;
  }

  private static int number(String s) {
    int end = 0;
    while (end < s.length() && end < 9 && Character.isDigit(s.charAt(end))) {
      end++;
    }
    return end == 0 ? 0 : Integer.parseInt(s.substring(0, end));
  }
}

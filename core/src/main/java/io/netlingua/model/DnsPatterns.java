package io.netlingua.model;

/**
 * DNS name patterns of the language ({@code fqdn} peers and {@code dns} alternatives): case-insensitive, and a
 * {@code *} matches zero or more characters inside one label, never a {@code .} (LANGUAGE.md, peers).
 */
public final class DnsPatterns {
  private DnsPatterns() {}

  /** Whether the name (lower case, no trailing dot) matches the pattern (lower case). */
  public static boolean matches(String pattern, String name) {
    return matches(pattern, 0, name, 0);
  }

  /**
   * Whether every name the pattern {@code inner} matches is matched by the pattern {@code outer}. Sound and nearly
   * complete: {@code outer} must match the text of {@code inner} with its {@code *} read as a character, which a
   * {@code *} of {@code outer} can consume (it never spans a {@code .}, and neither does the {@code *} it consumes).
   */
  public static boolean covers(String outer, String inner) {
    return matches(outer, inner);
  }

  private static boolean matches(String pattern, int p, String name, int n) {
    while (p < pattern.length()) {
      char c = pattern.charAt(p);
      if (c == '*') {
        for (int k = n; ; k++) {
          if (matches(pattern, p + 1, name, k)) {
            return true;
          }
          if (k == name.length() || name.charAt(k) == '.') {
            return false;
          }
        }
      }
      if (n == name.length() || name.charAt(n) != c) {
        return false;
      }
      p++;
      n++;
    }
    return n == name.length();
  }
}

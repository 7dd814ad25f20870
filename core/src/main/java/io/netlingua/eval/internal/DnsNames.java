package io.netlingua.eval.internal;

/**
 * DNS name patterns of the language ({@code fqdn} peers and {@code dns} alternatives): case-insensitive, and a
 * {@code *} matches zero or more characters inside one label, never a {@code .} (LANGUAGE.md, peers).
 */
final class DnsNames {
  private DnsNames() {}

  /** Whether the name (lower case, no trailing dot) matches the pattern (lower case). */
  static boolean matches(String pattern, String name) {
    return matches(pattern, 0, name, 0);
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

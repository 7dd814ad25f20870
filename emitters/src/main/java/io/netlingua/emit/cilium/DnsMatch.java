package io.netlingua.emit.cilium;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Cilium's DNS name matching, for {@code toFQDNs} and {@code rules.dns} alike (cilium/cilium
 * {@code pkg/fqdn/matchpattern/matchpattern.go} {@code ToRegexp}): names compare lower case without the trailing
 * dot; in a {@code matchPattern}, {@code *} is any run of DNS characters ({@code [-a-zA-Z0-9_]}) within one label,
 * a {@code .} is itself, the whole name must match, and the pattern {@code *} alone matches every name. Written
 * here from the agent's code, not from the language's {@code DnsPatterns}, so that the Cilium evaluator can find a
 * lowering that relies on a reading the agent does not share.
 */
final class DnsMatch {
  private DnsMatch() {}

  /** A {@code matchName}: that name exactly. */
  static Pattern name(String name) {
    return Pattern.compile(Pattern.quote(canonical(name)));
  }

  /** A {@code matchPattern}. */
  static Pattern pattern(String pattern) {
    String p = canonical(pattern.trim());
    if (p.equals("*")) {
      return Pattern.compile("([-a-z0-9_]+[.])*[-a-z0-9_]+");
    }
    StringBuilder regex = new StringBuilder();
    for (char c : p.toCharArray()) {
      regex.append(c == '*' ? "[-a-z0-9_]*" : Pattern.quote(String.valueOf(c)));
    }
    return Pattern.compile(regex.toString());
  }

  /** Whether a name (as the flow carries it: lower case, no trailing dot) matches. */
  static boolean matches(Pattern pattern, String name) {
    return pattern.matcher(canonical(name)).matches();
  }

  private static String canonical(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
  }
}

package io.netlingua.model;

import java.util.Locale;
import java.util.Objects;

/**
 * One name or pattern of a {@code dns} alternative ({@code dns "a.example.com", "*.example.com"} is two rules):
 * DNS queries for matching names are allowed through. Same pattern syntax as {@link FqdnPeer}, lower case.
 *
 * @param pattern the name or pattern
 * @param span where it was written
 */
public record DnsRule(String pattern, SourceSpan span) implements L7Rule {
  public DnsRule {
    pattern = Objects.requireNonNull(pattern, "pattern").toLowerCase(Locale.ROOT);
    Objects.requireNonNull(span, "span");
  }

  public static DnsRule of(String pattern) {
    return new DnsRule(pattern, SourceSpan.NONE);
  }
}

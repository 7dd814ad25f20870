package io.netlingua.model;

import java.util.Locale;
import java.util.Objects;

/**
 * External names (egress only): {@code fqdn "api.example.com"}, {@code fqdn "*.example.com"}. Matching is
 * case-insensitive, so the model keeps the pattern in lower case. A {@code *} matches zero or more characters
 * inside one label, never a dot.
 *
 * @param pattern the name or pattern, lower case
 * @param span where the peer was written
 */
public record FqdnPeer(String pattern, SourceSpan span) implements Peer {
  public FqdnPeer {
    pattern = Objects.requireNonNull(pattern, "pattern").toLowerCase(Locale.ROOT);
    Objects.requireNonNull(span, "span");
  }

  public static FqdnPeer of(String pattern) {
    return new FqdnPeer(pattern, SourceSpan.NONE);
  }

  @Override
  public <R> R accept(Visitor<R> visitor) {
    return visitor.fqdn(this);
  }
}

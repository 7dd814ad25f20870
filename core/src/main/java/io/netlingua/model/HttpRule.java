package io.netlingua.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code http METHOD [path ...] [host "h"] [header "Name" [= "value"]]...}.
 *
 * @param method the method in upper case; empty for {@code *} (any method)
 * @param path the path match, if any
 * @param host the host, in lower case, if any: without a port it matches the request's host with any port or none,
 *     with a port only that port, case-insensitively ({@link HttpPaths#hostMatches})
 * @param headers required headers, in the order written
 * @param span where the alternative was written
 */
public record HttpRule(
    Optional<String> method, Optional<PathMatch> path, Optional<String> host, List<HeaderMatch> headers,
    SourceSpan span)
    implements L7Rule {
  public HttpRule {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    host = Objects.requireNonNull(host, "host").map(h -> h.toLowerCase(Locale.ROOT));
    headers = List.copyOf(headers);
    Objects.requireNonNull(span, "span");
  }

  /**
   * A path clause. Every kind reads the request's path as the server will serve it ({@link HttpPaths#normalise}):
   * an exact path equals it (both in normal form), a prefix is a prefix by segment, a regex matches all of it.
   *
   * @param kind exact, prefix (by segment) or RE2 regex (matched against the whole served path)
   * @param value the path, prefix or pattern, as written
   */
  public record PathMatch(Kind kind, String value) {
    /** How the path is compared. */
    public enum Kind {
      EXACT,
      PREFIX,
      REGEX
    }

    public PathMatch {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(value, "value");
    }
  }

  /**
   * A header clause: the header must be present, and equal {@code value} when one is given.
   *
   * @param name the header name (case-insensitive in HTTP; kept as written)
   * @param value the required value, if any
   * @param span where the clause was written
   */
  public record HeaderMatch(String name, Optional<String> value, SourceSpan span) {
    public HeaderMatch {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
      Objects.requireNonNull(span, "span");
    }
  }

  /** A builder, for embedders that build models in Java. */
  public static Builder builder(String method) {
    return new Builder(method);
  }

  /** Builds an HTTP alternative. */
  public static final class Builder {
    private final Optional<String> method;
    private Optional<PathMatch> path = Optional.empty();
    private Optional<String> host = Optional.empty();
    private final List<HeaderMatch> headers = new ArrayList<>();

    private Builder(String method) {
      this.method = "*".equals(method) ? Optional.empty() : Optional.of(method);
    }

    public Builder path(String exact) {
      path = Optional.of(new PathMatch(PathMatch.Kind.EXACT, exact));
      return this;
    }

    public Builder pathPrefix(String prefix) {
      path = Optional.of(new PathMatch(PathMatch.Kind.PREFIX, prefix));
      return this;
    }

    public Builder pathRegex(String regex) {
      path = Optional.of(new PathMatch(PathMatch.Kind.REGEX, regex));
      return this;
    }

    public Builder host(String host) {
      this.host = Optional.of(host);
      return this;
    }

    public Builder header(String name) {
      headers.add(new HeaderMatch(name, Optional.empty(), SourceSpan.NONE));
      return this;
    }

    public Builder header(String name, String value) {
      headers.add(new HeaderMatch(name, Optional.of(value), SourceSpan.NONE));
      return this;
    }

    public HttpRule build() {
      return new HttpRule(method, path, host, headers, SourceSpan.NONE);
    }
  }
}

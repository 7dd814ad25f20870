package io.netlingua.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * One test per rule of the path normalisation, each following Calico 3.32's {@code normalizeHTTPPath}
 * (projectcalico/calico v3.32.1, {@code app-policy/checker/match.go}, commit
 * 0ca9d1b93644778cafdf1812f3dda02ac0c361e8) and its tests in {@code match_test.go}; then the prefix by segment
 * ({@code segmentPrefixMatch} there), the text a regex reads and the host with or without a port (LANGUAGE.md, L7
 * block).
 */
class HttpPathsTest {
  private static Optional<String> normal(String path) {
    return HttpPaths.normalise(path);
  }

  @Test
  void aNormalPathIsItself() {
    assertThat(normal("/")).contains("/");
    assertThat(normal("/api/v1/orders")).contains("/api/v1/orders");
    assertThat(normal("/a.b/c..d/.e")).as("dots inside a segment are not dot segments").contains("/a.b/c..d/.e");
  }

  @Test
  void theQueryStringAndFragmentAreRemoved() {
    // match.go: "Strip query and fragment — not part of the path", from the first '?' or '#'.
    assertThat(normal("/api?x=1")).contains("/api");
    assertThat(normal("/api#top")).contains("/api");
    assertThat(normal("/api?x=/../admin")).as("a query is not read for dot segments").contains("/api");
    assertThat(normal("/a#b?c")).contains("/a");
  }

  @Test
  void percentEncodingIsDecodedOnce() {
    // match.go: url.PathUnescape, once; an encoded separator becomes one.
    assertThat(normal("/%61pi")).contains("/api");
    assertThat(normal("/api%2Fv1")).contains("/api/v1");
    assertThat(normal("/public%2F..%2Fadmin")).contains("/admin");
    assertThat(normal("/a+b")).as("'+' is not a space in a path").contains("/a+b");
    assertThat(normal("/caf%C3%A9")).contains("/café");
  }

  @Test
  void aBrokenPercentEscapeIsMalformed() {
    // url.PathUnescape returns an error: normalizeHTTPPath reports "not ok", matching no path clause.
    assertThat(normal("/api%")).isEmpty();
    assertThat(normal("/api%2")).isEmpty();
    assertThat(normal("/api%zz")).isEmpty();
    assertThat(HttpPaths.malformation("/api%zz")).hasValueSatisfying(m -> assertThat(m).contains("two hex digits"));
  }

  @Test
  void aDoubleEncodedSeparatorIsMalformed() {
    // reStillEncodedPathSensitive: (?i)%(2e|2f|5c) left after one decoding.
    assertThat(normal("/api%252Fv1")).isEmpty();
    assertThat(normal("/api%252fv1")).isEmpty();
    assertThat(normal("/public/%252E%252E/admin")).isEmpty();
    assertThat(normal("/a%255Cb")).isEmpty();
    assertThat(normal("/a%2541")).as("a double-encoded letter is no separator").contains("/a%2541");
    assertThat(HttpPaths.malformation("/api%252Fv1")).hasValueSatisfying(m -> assertThat(m).contains("double"));
  }

  @Test
  void aNulIsMalformed() {
    // match.go: "Reject null bytes", "/admin\x00/../public" would dispatch to "/admin" on some servers.
    assertThat(normal("/admin%00/../public")).isEmpty();
    assertThat(HttpPaths.malformation("/admin%00")).hasValueSatisfying(m -> assertThat(m).contains("NUL"));
  }

  @Test
  void aBackslashIsReadAsASlash() {
    // match.go: "Fold backslash to forward slash" (Windows and IIS servers), before dot segments are resolved.
    assertThat(normal("/public\\..\\admin")).contains("/admin");
    assertThat(normal("/public%5C..%5Cadmin")).contains("/admin");
    assertThat(normal("/a\\b")).contains("/a/b");
  }

  @Test
  void semicolonParametersAreRemovedFromEachSegment() {
    // match.go stripMatrixParams: "/a;x=1/b;y=2/c" is "/a/b/c", before dot segments, so "/public/..;x/admin" is
    // "/admin".
    assertThat(normal("/a;x=1/b;y=2/c")).contains("/a/b/c");
    assertThat(normal("/admin;jsessionid=1")).contains("/admin");
    assertThat(normal("/public/..;x/admin")).contains("/admin");
    assertThat(normal("/;x/api")).contains("/api");
    assertThat(normal("/api%3Bx")).as("a decoded ';' is a parameter too").contains("/api");
  }

  @Test
  void dotSegmentsAreResolved() {
    // path.Clean: "." removed, ".." removes the segment before it, and at the root stays at the root.
    assertThat(normal("/public/../admin")).contains("/admin");
    assertThat(normal("/api/./v1")).contains("/api/v1");
    assertThat(normal("/..")).contains("/");
    assertThat(normal("/../../etc/passwd")).contains("/etc/passwd");
    assertThat(normal("/a/b/../../c")).contains("/c");
    assertThat(normal("/api/%2E%2E/admin")).as("encoded dots are dots after the one decoding").contains("/admin");
  }

  @Test
  void repeatedAndTrailingSlashesAreMerged() {
    // path.Clean: "Trailing slashes are stripped", repeated ones collapsed.
    assertThat(normal("//api/")).contains("/api");
    assertThat(normal("/api//v1")).contains("/api/v1");
    assertThat(normal("/api/")).contains("/api");
    assertThat(normal("//")).contains("/");
  }

  @Test
  void theNormalFormEncodesWhatCannotStandForItself() {
    assertThat(normal("/a%20b")).contains("/a%20b");
    assertThat(normal("/100%25")).contains("/100%25");
    assertThat(normal("/a%3Fb")).as("a decoded '?' is part of the path").contains("/a%3Fb");
    assertThat(normal("/a%23b")).contains("/a%23b");
    assertThat(normal("/a%ffb")).as("a byte that is no UTF-8").contains("/a%FFb");
    assertThat(normal("/a%ffb")).isNotEqualTo(normal("/a%25FFb"));
  }

  @Test
  void aRegexReadsTheServedPath() {
    assertThat(HttpPaths.served("/100%25")).isEqualTo("/100%");
    assertThat(HttpPaths.served("/a%20b")).isEqualTo("/a b");
    assertThat(HttpPaths.served("/a%FFb")).isEqualTo("/a\uFFFDb");
    assertThat(HttpPaths.served("/café")).isEqualTo("/café");
  }

  @Test
  void aPrefixMatchesBySegment() {
    // segmentPrefixMatch: equal, or followed by '/'; the prefix "/" matches every path.
    assertThat(HttpPaths.startsWithSegments("/api", "/api")).isTrue();
    assertThat(HttpPaths.startsWithSegments("/api/v1", "/api")).isTrue();
    assertThat(HttpPaths.startsWithSegments("/apiary", "/api")).isFalse();
    assertThat(HttpPaths.startsWithSegments("/ap", "/api")).isFalse();
    assertThat(HttpPaths.startsWithSegments("/anything", "/")).isTrue();
  }

  @Test
  void aHostWithoutAPortMatchesAnyPort() {
    assertThat(HttpPaths.hostMatches("shop.example.com", "shop.example.com")).isTrue();
    assertThat(HttpPaths.hostMatches("shop.example.com", "SHOP.Example.com:8080")).isTrue();
    assertThat(HttpPaths.hostMatches("shop.example.com", "shop.example.com:")).isFalse();
    assertThat(HttpPaths.hostMatches("shop.example.com", "shop.example.com:x")).isFalse();
    assertThat(HttpPaths.hostMatches("shop.example.com", "shop.example.com.")).isFalse();
    assertThat(HttpPaths.hostMatches("shop.example.com", "api.shop.example.com")).isFalse();
  }

  @Test
  void aHostWithAPortMatchesOnlyThatPort() {
    assertThat(HttpPaths.hostMatches("shop.example.com:8080", "shop.example.com:8080")).isTrue();
    assertThat(HttpPaths.hostMatches("shop.example.com:8080", "Shop.Example.Com:8080")).isTrue();
    assertThat(HttpPaths.hostMatches("shop.example.com:8080", "shop.example.com:8081")).isFalse();
    assertThat(HttpPaths.hostMatches("shop.example.com:8080", "shop.example.com")).isFalse();
  }
}

package io.netlingua.emit.cilium;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.re2j.Pattern;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The regexes of Cilium's {@code rules.http}, one test per lowering rule, each matched as Envoy matches them: RE2
 * full match ({@code CompiledGoogleReMatcher::match} is {@code RE2::FullMatch}, envoyproxy/envoy
 * {@code source/common/common/regex.h}), here with re2j, against the value Envoy holds ({@code :path} with its
 * query, {@code :authority} with its port, {@code :method}).
 */
class HttpRegexTest {

  private static boolean full(String regex, String value) {
    return Pattern.compile(regex).matches(value);
  }

  /** Every RE2 metacharacter, and every other printable ASCII character, stands for itself once escaped. */
  @Test
  void escapeMakesEveryMetacharacterLiteral() {
    for (char c : "\\.+*?()|[]{}^$".toCharArray()) {
      String s = "a" + c + "b";
      assertThat(HttpRegex.escape(s)).as("%s", s).isEqualTo("a\\" + c + "b");
      assertThat(full(HttpRegex.escape(s), s)).as("%s", s).isTrue();
      assertThat(full(HttpRegex.escape(s), "axb")).as("%s against axb", s).isFalse();
      assertThat(full(HttpRegex.escape(String.valueOf(c)), String.valueOf(c))).as("%s alone", c).isTrue();
    }
    for (char c = 0x20; c < 0x7f; c++) {
      String s = "x" + c + c + "y";
      assertThat(full(HttpRegex.escape(s), s)).as("%s", s).isTrue();
      assertThat(full(HttpRegex.escape(s), "x" + c + "y")).as("%s, one fewer", s).isFalse();
    }
    assertThat(full(HttpRegex.escape("a\tb\u007f"), "a\tb\u007f")).isTrue();
    assertThat(full(HttpRegex.escape("caf\u00e9"), "caf\u00e9")).isTrue();
    assertThat(full(HttpRegex.escape("a.b"), "aXb")).isFalse();
  }

  /** cilium {@code getHTTPRule}: {@code method} is a regex on {@code :method}, matched whole. */
  @Test
  void aMethodIsItselfAndNothingLonger() {
    assertThat(HttpRegex.method("GET")).isEqualTo("GET");
    assertThat(full(HttpRegex.method("GET"), "GET")).isTrue();
    assertThat(full(HttpRegex.method("GET"), "GETX")).isFalse();
    assertThat(full(HttpRegex.method("M-SEARCH"), "M-SEARCH")).isTrue();
  }

  /**
   * An exact path: {@code SPELLING(P)/?(\?.*)?}. {@code :path} carries the query; Envoy's {@code merge_slashes}
   * leaves at most one trailing {@code /}, which the language's normal form drops, and turns a path of slashes only
   * into {@code //} (envoyproxy/envoy {@code source/common/http/path_utility.cc} {@code mergeSlashes}), which the
   * language reads as {@code /}.
   */
  @Test
  void anExactPathAllowsOneTrailingSlashAndAQuery() {
    String re = HttpRegex.exactPath("/api/v1/orders");
    assertThat(re).isEqualTo("/api/v1/orders/?(\\?.*)?");
    assertThat(full(re, "/api/v1/orders")).isTrue();
    assertThat(full(re, "/api/v1/orders/")).isTrue();
    assertThat(full(re, "/api/v1/orders?page=2")).isTrue();
    assertThat(full(re, "/api/v1/orders/?page=2")).isTrue();
    assertThat(full(re, "/api/v1/orders/7")).isFalse();
    assertThat(full(re, "/api/v1/ordersX")).isFalse();
    assertThat(full(re, "/api/v1/order")).isFalse();
    assertThat(HttpRegex.exactPath("/")).isEqualTo("//?(\\?.*)?");
    assertThat(full(HttpRegex.exactPath("/"), "/?x=1")).isTrue();
    assertThat(full(HttpRegex.exactPath("/"), "//")).isTrue();
    assertThat(full(HttpRegex.exactPath("/"), "//a")).isFalse();
    assertThat(full(HttpRegex.exactPath("/"), "/a")).isFalse();
  }

  /** A prefix by segment, as Gateway API's PathPrefix: {@code SPELLING(P)TAIL(\?.*)?}, never a character prefix. */
  @Test
  void aPrefixMatchesBySegmentNeverByCharacter() {
    String re = HttpRegex.prefixPath("/api");
    assertThat(re).isEqualTo("/api" + HttpRegex.PREFIX_TAIL + "(\\?.*)?");
    for (String yes : List.of("/api", "/api/", "/api/v1", "/api?x=1", "/api/v1?x=/y")) {
      assertThat(full(re, yes)).as(yes).isTrue();
    }
    for (String no : List.of("/apiary", "/api-v2", "/ap", "/", "/apix?y")) {
      assertThat(full(re, no)).as(no).isFalse();
    }
    assertThat(HttpRegex.prefixPath("/")).isEqualTo("/.*");
    assertThat(full(HttpRegex.prefixPath("/"), "/anything/at/all?q")).isTrue();
  }

  /**
   * The guard after a prefix: Envoy 1.34 keeps {@code ;} parameters and escapes of reserved characters as sent and
   * reads neither {@code ..;x} nor {@code ..%3Bx} as a dot segment, which a server that strips parameters (Tomcat,
   * Jetty, Spring) then resolves out of the prefix (the language's reading, Calico 3.32's, does the same: docs/
   * language.md); a double-encoded separator is the same after one decoding more. Such a spelling never passes a
   * prefix; everything else after it still does (escapes, queries with ';').
   */
  @Test
  void aPrefixRefusesSpellingsThatCouldWalkOutOfIt() {
    String re = HttpRegex.prefixPath("/public");
    for (String no : List.of("/public/..;x/admin", "/public/..%3Bx/admin", "/public/..%3bx/admin",
        "/public/%252E%252E/admin", "/public/a;jsessionid=1", "/public/100%", "/public/%zz")) {
      assertThat(full(re, no)).as(no).isFalse();
    }
    for (String yes : List.of("/public/a%20b", "/public/caf%C3%A9", "/public/a?x=1;y=2", "/public/%3A", "/public")) {
      assertThat(full(re, yes)).as(yes).isTrue();
    }
  }

  /**
   * The path as Envoy hands it to the matcher (Chromium's canonicaliser, googleurl {@code url_canon_path.cc}): a
   * byte it escapes (non-ASCII, {@code " < >}, an escaped space or {@code %}) is its escape, in either hex case
   * since an escape the client sent is kept as sent; {@code ^ ` { | }}, which newer tables escape, both ways.
   */
  @Test
  void theSpellingIsEnvoysCanonicalOne() {
    assertThat(HttpRegex.envoySpelling("/caf\u00e9")).isEqualTo("/caf(?i:%C3%A9)");
    assertThat(full(HttpRegex.exactPath("/caf\u00e9"), "/caf%C3%A9")).isTrue();
    assertThat(full(HttpRegex.exactPath("/caf\u00e9"), "/caf%c3%a9")).isTrue();
    assertThat(full(HttpRegex.exactPath("/caf\u00e9"), "/caf\u00e9")).isFalse(); // Envoy never passes it raw
    assertThat(HttpRegex.envoySpelling("/a%20b/100%25")).isEqualTo("/a%20b/100%25");
    assertThat(HttpRegex.envoySpelling("/\"q\"")).isEqualTo("/%22q%22");
    assertThat(HttpRegex.envoySpelling("/{id}")).isEqualTo("/(?:\\{|(?i:%7B))id(?:\\}|(?i:%7D))");
    assertThat(full(HttpRegex.exactPath("/{id}"), "/{id}")).isTrue();
    assertThat(full(HttpRegex.exactPath("/{id}"), "/%7Bid%7d")).isTrue();
    assertThat(HttpRegex.envoySpelling("/!$&()*+,:=@[]~._-")).isEqualTo("/!\\$&\\(\\)\\*\\+,:=@\\[\\]~\\._-");
  }

  /** A user regex matches the whole path without its query: {@code (?:R)(\?.*)?}; the group keeps R's alternation. */
  @Test
  void aUserRegexIsGroupedAndGuardedForTheQuery() {
    String re = HttpRegex.regexPath("/a|/b");
    assertThat(re).isEqualTo("(?:/a|/b)(\\?.*)?");
    assertThat(full(re, "/b?x")).isTrue();
    assertThat(full(re, "/a")).isTrue();
    assertThat(full(re, "/ab")).isFalse();
    assertThat(full(HttpRegex.regexPath("/api/v[12]/orders"), "/api/v1/orders?page=2")).isTrue();
    assertThat(full(HttpRegex.regexPath("/api/v[12]/orders"), "/api/v1/orders/7")).isFalse();
  }

  /**
   * A host against {@code :authority}, which Envoy compares case-sensitively and which carries the port when the
   * client sent one: without a port any port or none, with a port that port only.
   */
  @Test
  void aHostMatchesAnyCaseAndAnyPortUnlessItNamesOne() {
    String re = HttpRegex.host("shop.example.com");
    assertThat(re).isEqualTo("(?i)shop\\.example\\.com(:[0-9]+)?");
    for (String yes : List.of("shop.example.com", "SHOP.example.com", "shop.example.com:8080")) {
      assertThat(full(re, yes)).as(yes).isTrue();
    }
    for (String no : List.of("api.shop.example.com", "shop.example.com.", "shopXexample.com", "shop.example.com:",
        "shop.example.com:80x")) {
      assertThat(full(re, no)).as(no).isFalse();
    }
    String port = HttpRegex.host("shop.example.com:8080");
    assertThat(port).isEqualTo("(?i)shop\\.example\\.com:8080");
    assertThat(full(port, "Shop.Example.com:8080")).isTrue();
    assertThat(full(port, "shop.example.com")).isFalse();
    assertThat(full(port, "shop.example.com:9090")).isFalse();
  }

  /**
   * gRPC as POST on {@code /package.Service/Method} (cilium/cilium
   * {@code examples/kubernetes-grpc/cc-door-ingress-security.yaml}: {@code /cloudcity.DoorManager/GetName}); a
   * whole service is a non-empty method without {@code /} (L7Matcher.grpcMatches).
   */
  @Test
  void grpcIsAnExactPathOrOneMethodOfTheService() {
    String one = HttpRegex.grpcPath("cloudcity.DoorManager", Optional.of("GetName"));
    assertThat(one).isEqualTo("/cloudcity\\.DoorManager/GetName");
    assertThat(full(one, "/cloudcity.DoorManager/GetName")).isTrue();
    assertThat(full(one, "/cloudcityXDoorManager/GetName")).isFalse();
    String all = HttpRegex.grpcPath("cloudcity.DoorManager", Optional.empty());
    assertThat(all).isEqualTo("/cloudcity\\.DoorManager/[^/]+");
    assertThat(full(all, "/cloudcity.DoorManager/OpenDoor")).isTrue();
    assertThat(full(all, "/cloudcity.DoorManager/")).isFalse();
    assertThat(full(all, "/cloudcity.DoorManager/a/b")).isFalse();
  }

  /**
   * The estimate is never below RE2's ProgramSize on any pattern of the measured table (the lowered forms over
   * sample values, and random patterns over RE2's syntax; re2-program-sizes.tsv says how it was measured), and
   * stays within twice it on the lowered forms of the sizes that matter (up to 200; a Unicode class, counted
   * without RE2's sharing of UTF-8 suffixes, can be over twice).
   */
  @Test
  void theProgramSizeEstimateIsNeverBelowRe2s() throws IOException {
    Map<String, Integer> measured = measured();
    assertThat(measured).hasSizeGreaterThan(800);
    int forms = 0;
    for (Map.Entry<String, Integer> e : measured.entrySet()) {
      int estimate = HttpRegex.programSize(e.getKey());
      assertThat(estimate).as("estimate of %s (RE2: %d)", e.getKey(), e.getValue())
          .isGreaterThanOrEqualTo(e.getValue());
      if ((e.getKey().endsWith(HttpRegex.QUERY) || e.getKey().startsWith("(?i)")) && e.getValue() <= 200) {
        forms++;
        assertThat(estimate).as("estimate of the lowered %s", e.getKey()).isLessThanOrEqualTo(2 * e.getValue());
      }
    }
    assertThat(forms).isGreaterThan(300);
  }

  /**
   * Sizes quoted upstream: envoyproxy/envoy#9171 ({@code /asdf/.*}: 24), projectcontour/contour#2043 (a table of
   * five) and kumahq/kuma#2139 (2013). All were measured with RE2 of 2019, which compiled the 0x80-0x10FFFF part of
   * {@code .} in 12 instructions; RE2 2019-12-09 (google/re2 6a86f6b3, "Simplify the bytecode for the 80-10FFFF rune
   * range") made it 6, which every RE2 since, the 2024-07-02 of Envoy 1.34 included, keeps. So the patterns without
   * {@code .} are compared with the quoted size, the others with the quoted size less 6 per {@code .}.
   */
  @Test
  void theEstimateCoversTheSizesQuotedUpstream() {
    // pattern, size quoted, number of '.' outside brackets
    Object[][] quoted = {
        {"/asdf/.*", 24, 1},
        {".*foo.*", 35, 2},
        {"foo.*[abcd]+ooo.*", 43, 2},
        {"x-envoy-(a|b|c)", 15, 0},
        {"x-envoy-(a|b|c)-[grep]{3}", 28, 0},
        {"a.*b.*c.*d.*e.*f.*g.*", 109, 7},
        {".*Chrome.*", 38, 2},
        {"/static/[a-zA-Z0-9._-]{0,200}/[a-zA-Z0-9._-]{0,200}", 2013, 0}};
    for (Object[] q : quoted) {
      int now = (Integer) q[1] - 6 * (Integer) q[2];
      assertThat(HttpRegex.programSize((String) q[0])).as((String) q[0]).isGreaterThanOrEqualTo(now);
    }
  }

  /**
   * The size of the prefix form, with its guard ({@link HttpRegex#PREFIX_TAIL}): RE2 counts 44 plus one per
   * character of the spelled prefix ({@code /api}: 48; without the guard it was 28 plus one), the estimate 62 plus
   * one; so a prefix of up to 38 ASCII characters fits Envoy's 100 by the estimate (RE2 itself would take 56), an
   * exact path up to 77 (RE2: 82). A longer one is left out, narrower, with a report.
   */
  @Test
  void thePrefixFormsSizeAndTheLongestPrefixThatFits() throws IOException {
    Map<String, Integer> measured = measured();
    assertThat(measured.get("/api(/.*)?(\\?.*)?")).as("the unguarded form").isEqualTo(32);
    assertThat(measured.get(HttpRegex.prefixPath("/api"))).isEqualTo(48);
    assertThat(HttpRegex.programSize(HttpRegex.prefixPath("/api"))).isEqualTo(66);
    assertThat(longestFitting(true)).isEqualTo(38);
    assertThat(longestFitting(false)).isEqualTo(77);
    String prefix56 = "/" + "a".repeat(55);
    assertThat(measured.get(HttpRegex.prefixPath(prefix56))).isEqualTo(100);
    assertThat(HttpRegex.programSize(HttpRegex.prefixPath(prefix56))).isGreaterThan(HttpRegex.ENVOY_MAX_PROGRAM_SIZE);
  }

  /** A Unicode class costs hundreds of instructions in UTF-8: {@code \pL} alone is 1,197 to RE2. */
  @Test
  void aUnicodeClassIsFarOverTheLimit() throws IOException {
    assertThat(HttpRegex.programSize("\\pL")).isGreaterThanOrEqualTo(measured().get("\\pL"));
    assertThat(HttpRegex.programSize(HttpRegex.regexPath("\\pL+"))).isGreaterThan(1000);
    assertThat(HttpRegex.programSize("((")).isEqualTo(Integer.MAX_VALUE);
  }

  private static int longestFitting(boolean prefix) {
    int fits = 0;
    for (int n = 1; n < 120; n++) {
      String p = "/" + "a".repeat(n - 1);
      String re = prefix ? HttpRegex.prefixPath(p) : HttpRegex.exactPath(p);
      if (HttpRegex.programSize(re) <= HttpRegex.ENVOY_MAX_PROGRAM_SIZE) {
        fits = n;
      }
    }
    return fits;
  }

  static Map<String, Integer> measured() throws IOException {
    Map<String, Integer> out = new LinkedHashMap<>();
    try (InputStream in = HttpRegexTest.class.getResourceAsStream("re2-program-sizes.tsv");
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      List<String> lines = new ArrayList<>();
      for (String line; (line = reader.readLine()) != null; ) {
        lines.add(line);
      }
      for (String line : lines) {
        if (line.startsWith("#") || line.isBlank()) {
          continue;
        }
        int tab = line.indexOf('\t');
        out.put(line.substring(tab + 1), Integer.parseInt(line.substring(0, tab)));
      }
    }
    return out;
  }
}

package io.netlingua.emit.cilium;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * One test per normalisation rule of {@link EnvoyPaths}, each with a path the rule changes and one it leaves, and
 * the upstream code it follows. Envoy is 1.34.14 as cilium/proxy branch v1.34 builds it (its {@code WORKSPACE}:
 * {@code ENVOY_SHA = "3b1e52dadbbee013dc674d30906f6bc63c3dee38"}; none of its patches touches the path), and the
 * files cited are of envoyproxy/envoy there:
 *
 * <ul>
 *   <li>{@code conn_manager_utility.cc}: {@code source/common/http/conn_manager_utility.cc}
 *       {@code ConnectionManagerUtility::maybeNormalizePath}: fragment, then {@code PathUtil::unescapeSlashes} (and
 *       {@code NormalizePathAction::Redirect} under {@code UNESCAPE_AND_REDIRECT}), then
 *       {@code PathUtil::canonicalPath} ({@code Reject}, a 400, when it fails), then {@code PathUtil::mergeSlashes};
 *   <li>{@code path_utility.cc}: {@code source/common/http/path_utility.cc} ({@code canonicalPath} canonicalises the
 *       part before {@code ?} with googleurl's {@code url::CanonicalizePath} and appends the query;
 *       {@code mergeSlashes} and {@code unescapeSlashes} work on the path part only), with its test vectors
 *       {@code test/common/http/path_utility_test.cc} ({@code PathUtilityTest.*});
 *   <li>{@code url_canon_path.cc}: googleurl {@code url/url_canon_path.cc} at
 *       dd4080fec0b443296c0ed0036e1e776df8813aa7 (2022-11-03), the revision Envoy pins (its bazel registry module
 *       {@code googleurl 0.0.0-221103-dd4080f.envoy}, fetched from github.com/google/gurl; read in the mirror
 *       ubonass/google_url): {@code kPathCharLookup} and {@code DoPartialPathInternal}, with its test vectors
 *       {@code url/url_canon_unittest.cc} {@code kCommonPathCases} at the same revision.
 * </ul>
 *
 * <p>The tests read the current table ({@code newTable} true, the one the evaluator uses) unless they say otherwise.
 */
class EnvoyPathsTest {
  private static String envoy(String path) {
    return EnvoyPaths.normalise(path, true).orElseThrow(() -> new AssertionError(path + " answered 400"));
  }

  /**
   * conn_manager_utility.cc: {@code fragment_pos = getPathValue().find('#')}, and under the runtime flag
   * {@code http_strip_fragment_from_path_unsafe_if_disabled} (on) {@code setPath(substr(0, fragment_pos))}: the
   * first {@code #} ends the path, in the query too.
   */
  @Test
  void theFragmentIsStripped() {
    assertThat(envoy("/a/b#top")).isEqualTo("/a/b");
    assertThat(envoy("/a?x=1#top")).isEqualTo("/a?x=1");
    assertThat(envoy("/a#/../../admin")).isEqualTo("/a");
    assertThat(envoy("/a/b")).isEqualTo("/a/b");
  }

  /**
   * path_utility.cc {@code unescapeSlashes}: {@code %2F}, {@code %2f}, {@code %5C}, {@code %5c} replaced in the path
   * part ({@code PathUtilityTest.UnescapeSlashes}: "query is untouched"); conn_manager_utility.cc then answers a
   * redirect to the normalised path, and the request that follows it is normalised again (to itself).
   */
  @Test
  void escapedSlashesAreUnescapedAndTheRedirectIsNormalisedAgain() {
    assertThat(envoy("/a%2Fb")).isEqualTo("/a/b");
    assertThat(envoy("/a%2fb%5Cc")).isEqualTo("/a/b/c");
    assertThat(envoy("/a/b%2F..%2Fc")).isEqualTo("/a/c");
    assertThat(envoy("/a/%2F/b")).isEqualTo("/a/b");
    assertThat(envoy("/a?x=%2F")).isEqualTo("/a?x=%2F");
    assertThat(envoy("/a%2B")).isEqualTo("/a%2B");
    for (String sent : new String[] {"/a%2Fb", "/a/b%2F..%2Fc", "/a%5c..%5cb"}) {
      assertThat(envoy(envoy(sent))).as(sent).isEqualTo(envoy(sent));
    }
  }

  /** url_canon_path.cc {@code DoPartialPathInternal}: "Convert backslashes to forward slashes"; PathUtilityTest. */
  @Test
  void aBackslashIsASlash() {
    assertThat(envoy("/a\\b")).isEqualTo("/a/b");
    assertThat(envoy("/a/..\\c")).isEqualTo("/c");
    assertThat(envoy("/a/b")).isEqualTo("/a/b");
  }

  /**
   * url_canon_path.cc {@code ClassifyAfterDot} and {@code BackUpToPreviousSlash} ({@code IsDot} reads {@code %2E}
   * as a dot): {@code .} and {@code ..} segments resolved, never above the root; a dot inside a segment stays.
   * Vectors of {@code PathUtilityTest.NormalizeValidPaths} and {@code NormalizeCasePath}.
   */
  @Test
  void dotSegmentsAreResolved() {
    assertThat(envoy("/a/b/../c")).isEqualTo("/a/c");
    assertThat(envoy("/a/b/./c")).isEqualTo("/a/b/c");
    assertThat(envoy("a/b/../c")).isEqualTo("/a/c");
    assertThat(envoy("/a/b/../../../../c")).isEqualTo("/c");
    assertThat(envoy("/a/b/%2E%2E/c")).isEqualTo("/a/c");
    assertThat(envoy("/a/b/%2e%2e/c")).isEqualTo("/a/c");
    assertThat(envoy("/a/b/%2E./c")).isEqualTo("/a/c");
    assertThat(envoy("/a/b/%2E/c")).isEqualTo("/a/b/c");
    assertThat(envoy("..")).isEqualTo("/");
    assertThat(envoy("/../a/b")).isEqualTo("/a/b");
    assertThat(envoy("/./a/b")).isEqualTo("/a/b");
    assertThat(envoy("/a/..b/c.")).isEqualTo("/a/..b/c.");
    assertThat(envoy("/a/b/..")).isEqualTo("/a/");
    // kCommonPathCases: "escaped dots should be unescaped and treated the same as dots"
    assertThat(envoy("/foo/%2e%2")).isEqualTo("/foo/.%2");
    assertThat(envoy("/foo/%2e./%2e%2e/.%2e/%2e.bar")).isEqualTo("/..bar");
  }

  /**
   * url_canon_path.cc: an escape whose byte has the {@code UNESCAPE} flag (letters, digits, {@code - _ ~}) is
   * decoded; any other valid escape is copied "exactly in case the server is sensitive to changing the case of any
   * hex letters" ({@code PathUtilityTest}: {@code /%c0%af} and {@code /%5c%25} stay); an invalid one is kept.
   */
  @Test
  void escapesOfUnreservedCharactersAreDecodedOthersKeptAsSent() {
    assertThat(envoy("/%61%62%63")).isEqualTo("/abc");
    assertThat(envoy("/%41%7e%2D%5f%39")).isEqualTo("/A~-_9");
    assertThat(envoy("/%c0%af")).isEqualTo("/%c0%af");
    assertThat(envoy("/a%20b/100%25/%3a%3B")).isEqualTo("/a%20b/100%25/%3a%3B");
    assertThat(envoy("/100%")).isEqualTo("/100%");
    assertThat(envoy("/%zz")).isEqualTo("/%zz");
    // kCommonPathCases
    assertThat(envoy("/foo%41%7a")).isEqualTo("/fooAz");
    assertThat(envoy("/(%28:%3A%29)")).isEqualTo("/(%28:%3A%29)");
    assertThat(envoy("/%3A%3a%3C%3c")).isEqualTo("/%3A%3a%3C%3c");
    assertThat(envoy("/%7Ffp3%3Eju%3Dduvgw%3Dd")).isEqualTo("/%7Ffp3%3Eju%3Dduvgw%3Dd");
    assertThat(envoy("/@asdf%40")).isEqualTo("/@asdf%40");
    assertThat(envoy("/%%470")).isEqualTo("/%G0");
    assertThat(envoy("/%%2D%41")).isEqualTo("/%-A");
  }

  /**
   * url_canon_path.cc {@code kPathCharLookup} at dd4080f: {@code ESCAPE} for the controls, space, {@code " # < > ?},
   * DEL and every byte from 0x80, and for {@code ^ ` { | }}; {@code AppendEscapedChar} writes upper-case hex.
   * {@code ! $ & ' ( ) * + , ; = : @ [ ]} pass. {@link EnvoyPaths} also models an older table that passes
   * {@code ^ ` { | }} (the lowering accepts both spellings); no googleurl revision from its first check-in
   * (f0c48d2, 2019-08-19) to dd4080f, nor Envoy's own earlier copy ({@code source/common/chromium_url}), has it.
   */
  @Test
  void bytesThatMayNotStandInAPathAreEscapedInUpperCase() {
    assertThat(envoy("/a b")).isEqualTo("/a%20b");
    assertThat(envoy("/\"q\"<x>")).isEqualTo("/%22q%22%3Cx%3E");
    assertThat(envoy("/caf\u00e9")).isEqualTo("/caf%C3%A9");
    assertThat(envoy("/a\u0001\u007f")).isEqualTo("/a%01%7F");
    assertThat(envoy("/foo\tbar")).isEqualTo("/foo%09bar"); // kCommonPathCases
    assertThat(envoy("/{id}|^`")).isEqualTo("/%7Bid%7D%7C%5E%60");
    assertThat(envoy("/!$&'()*+,;=:@[]")).isEqualTo("/!$&'()*+,;=:@[]");
    assertThat(EnvoyPaths.normalise("/{id}|^`", false)).contains("/{id}|^`");
    assertThat(EnvoyPaths.normalise("/a b", false)).contains("/a%20b");
  }

  /**
   * url_canon_path.cc: NUL is {@code INVALID} ("For NULLs, etc. fail"), raw or escaped; path_utility.cc
   * {@code canonicalPath} returns false and conn_manager_utility.cc {@code Reject}s (400): no rule sees the request.
   * {@code PathUtilityTest.InvalidPaths}. Other controls are escaped.
   */
  @Test
  void aNulMakesThePathInvalid() {
    assertThat(EnvoyPaths.normalise("/a\u0000b", true)).isEmpty();
    assertThat(EnvoyPaths.normalise("/xyz/.%00../abc", true)).isEmpty();
    assertThat(EnvoyPaths.normalise("/xyz/%00.%00./abc", true)).isEmpty();
    assertThat(EnvoyPaths.normalise("/xyz/AAAAA%%0000/abc", true)).isEmpty();
    assertThat(EnvoyPaths.normalise("/foo%00%51", true)).isEmpty(); // kCommonPathCases: "should cause a failure"
    assertThat(EnvoyPaths.normalise("/xyz/%01", true)).isEqualTo(Optional.of("/xyz/%01"));
  }

  /**
   * path_utility.cc {@code mergeSlashes}, after {@code canonicalPath} ("Merge slashes after path normalization to
   * catch potential edge cases with percent encoding"): the path part's segments joined by one slash, a leading and
   * a trailing slash kept, the query untouched ({@code PathUtilityTest.MergeSlashes}). Dots come first:
   * {@code /a//../b} is {@code /a/b}.
   */
  @Test
  void repeatedSlashesAreMergedAfterTheDots() {
    assertThat(envoy("//a/b/c")).isEqualTo("/a/b/c");
    assertThat(envoy("/a///b/c")).isEqualTo("/a/b/c");
    assertThat(envoy("/a/b/c//")).isEqualTo("/a/b/c/");
    assertThat(envoy("/a//b?a=///c")).isEqualTo("/a/b?a=///c");
    assertThat(envoy("//a/?b")).isEqualTo("/a/?b");
    assertThat(envoy("/a//../b")).isEqualTo("/a/b");
    assertThat(envoy("/a/b")).isEqualTo("/a/b");
  }

  /**
   * path_utility.cc {@code canonicalPath}: "canonicalPath is supposed to apply on path component in URL instead of
   * :path header" ('?' is not included), the query appended as it came; neither dots, escapes, slashes nor bytes are
   * touched after the {@code ?}.
   */
  @Test
  void theQueryIsLeftAsSent() {
    assertThat(envoy("/a/../b?x=/../%2F&y=a//b")).isEqualTo("/b?x=/../%2F&y=a//b");
    assertThat(envoy("/p?q=a b&r=%41")).isEqualTo("/p?q=a b&r=%41");
    assertThat(envoy("/p?")).isEqualTo("/p?");
  }

  /**
   * url_canon_path.cc {@code CheckForNestedEscapes} (called from {@code DoPartialPathInternal} after an unescape
   * within two characters of an invalid {@code %}): "%%300 is not a valid escape sequence, but after unescaping the
   * inner %30 this becomes %00 which is valid ... convert the initial '%' into an escaped %25"; kCommonPathCases:
   * "Nested escape sequences should result in escaping the leading '%' if unescaping would result in a new escape
   * sequence" ({@code /%A%42}, {@code /%%41B}, {@code /%%41%42} all give {@code /%25AB}). {@link EnvoyPaths} does not
   * model the check: it gives {@code /%AB}, an escape Envoy never hands the matcher.
   */
  @Test
  void aNestedEscapeIsReEscaped() {
    assertThat(envoy("/%A%42")).isEqualTo("/%25AB");
    assertThat(envoy("/%%41B")).isEqualTo("/%25AB");
    assertThat(envoy("/%%41%42")).isEqualTo("/%25AB");
    assertThat(envoy("/%%30%30")).isEqualTo("/%2500");
  }

  /**
   * path_utility.cc {@code mergeSlashes}: {@code StrCat(path_prefix, StrJoin(StrSplit(path, '/', SkipEmpty()),
   * "/"), path_suffix, query)} with {@code path_prefix} "/" for a path starting with a slash and {@code path_suffix}
   * "/" for one ending with a slash: a path of slashes only has no segment and becomes {@code //}, not {@code /}
   * (googleurl keeps {@code //} as it is: "We do not collapse multiple slashes"; kCommonPathCases: {@code ////../..}
   * is {@code //}), so a rule {@code path: "/"} does not allow {@code GET //}.
   */
  @Test
  void aPathOfSlashesOnlyKeepsTwo() {
    assertThat(envoy("//")).isEqualTo("//");
    assertThat(envoy("///")).isEqualTo("//");
    assertThat(envoy("/%2F")).isEqualTo("//");
    assertThat(envoy("////../..")).isEqualTo("//");
    assertThat(envoy("/")).isEqualTo("/");
  }
}

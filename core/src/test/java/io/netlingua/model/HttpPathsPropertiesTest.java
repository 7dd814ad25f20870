package io.netlingua.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Properties of the path normalisation on paths built from the pieces that change it (dot segments, {@code ;}
 * parameters, escapes of separators, backslashes, repeated slashes, query strings) and from arbitrary text: the
 * normal form is normal and stable, the query never counts, and a prefix by segment is a prefix of the segment list.
 */
class HttpPathsPropertiesTest {
  private static final int TRIES = Integer.getInteger("netlingua.property.tries", 1000) * 5;

  private static final List<String> PIECES = List.of(
      "/", "//", "/.", "/..", "/a", "/api", "/apiary", "/v1", ";x=1", ";", "%2F", "%2f", "%5C", "\\", "%2E", "%2e.",
      "%252F", "%25", "%41", "%20", "%3F", "%3B", "%00", "%zz", "%", "?q=1", "?a/../b", "#frag", "é", "%C3%A9",
      "%FF", "+", ".", "..", "a.b");

  private static Gen<String> paths() {
    Gen<String> piece = Generate.pick(PIECES);
    Gen<String> any = strings().allPossible().ofLengthBetween(0, 4);
    Gen<String> part = piece.mix(any, 20);
    return lists().of(part).ofSizeBetween(0, 8).map(parts -> "/" + String.join("", parts));
  }

  @Test
  void theNormalFormIsNormal() {
    qt().withFixedSeed(8L).withExamples(TRIES).forAll(paths()).checkAssert(p -> HttpPaths.normalise(p)
        .ifPresent(n -> {
          assertThat(n).startsWith("/");
          assertThat(n.equals("/") || !n.endsWith("/")).as(n).isTrue();
          assertThat(n).doesNotContain("//", "?", "#", "\\", ";");
          assertThat(Arrays.asList(n.split("/", -1))).doesNotContain(".", "..");
          assertThat(n.codePoints().noneMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c)))
              .as(n).isTrue();
        }));
  }

  @Test
  void theNormalFormIsStable() {
    qt().withFixedSeed(9L).withExamples(TRIES).forAll(paths()).checkAssert(p -> HttpPaths.normalise(p)
        .ifPresent(n -> assertThat(HttpPaths.normalise(n)).as(p).contains(n)));
  }

  @Test
  void theQueryStringNeverCounts() {
    qt().withFixedSeed(10L).withExamples(TRIES).forAll(paths(), strings().allPossible().ofLengthBetween(0, 6))
        .checkAssert((p, q) -> {
          Optional<String> without = HttpPaths.normalise(p.split("[?#]", 2)[0]);
          assertThat(HttpPaths.normalise(p + "?" + q)).isEqualTo(without);
          assertThat(HttpPaths.normalise(p + "#" + q)).isEqualTo(without);
        });
  }

  @Test
  void aPrefixBySegmentIsAPrefixOfTheSegmentList() {
    qt().withFixedSeed(11L).withExamples(TRIES).forAll(paths(), paths()).checkAssert((a, b) -> {
      Optional<String> path = HttpPaths.normalise(a);
      Optional<String> prefix = HttpPaths.normalise(b);
      if (path.isPresent() && prefix.isPresent()) {
        List<String> segments = segments(path.get());
        List<String> prefixSegments = segments(prefix.get());
        boolean reference = prefixSegments.size() <= segments.size()
            && segments.subList(0, prefixSegments.size()).equals(prefixSegments);
        assertThat(HttpPaths.startsWithSegments(path.get(), prefix.get())).as(path + " " + prefix)
            .isEqualTo(reference);
        assertThat(HttpPaths.startsWithSegments(path.get(), path.get())).isTrue();
      }
    });
  }

  private static List<String> segments(String normal) {
    return normal.equals("/") ? List.of() : Arrays.asList(normal.substring(1).split("/", -1));
  }
}

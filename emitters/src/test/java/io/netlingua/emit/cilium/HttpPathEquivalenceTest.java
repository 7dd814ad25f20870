package io.netlingua.emit.cilium;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import com.google.re2j.Pattern;
import io.netlingua.model.HttpPaths;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.SourceDSL;

/**
 * The claim the exact and prefix path forms rest on, stated exactly: for a clause's normal path P and a request path
 * R (query and fragment included) that Envoy normalises the same way as the language, the lowered regex full-matches
 * the path Envoy hands its matcher, E(R) ({@link EnvoyPaths}, with either googleurl table), exactly when the
 * language's reading of R, L(R) ({@link HttpPaths#normalise}), passes the clause.
 *
 * <p>"Normalises the same way": R is well formed for the language (no double-encoded separator, NUL or stray
 * {@code %}); its path part has no {@code ;} and no escape of a character Envoy neither decodes nor escapes itself
 * ({@code ! $ & ( ) * + , : ; = @ [ ]}), and for a prefix no {@code %25} after the prefix (the prefix's guard
 * refuses it, {@link HttpRegex#PREFIX_TAIL}); and the language reads Envoy's result as it reads R, L(E(R)) = L(R)
 * (Envoy resolves dot segments before it merges slashes, so {@code /a//../b} is {@code /a/b} to Envoy and
 * {@code /b} to the language; Envoy forwards its own result, so that server serves what Cilium checked). The
 * spellings left out are the facts L7Rules states (docs/targets.md, "L7 on Cilium"); the test counts how many cases
 * fell on each side, so that the claim is not checked on nothing.
 */
class HttpPathEquivalenceTest {
  private static final long SEED = 0x656e766f79L;
  private static final int TRIES = Integer.getInteger("netlingua.property.tries", 1000) * 10;

  private static final List<String> SEGMENTS = List.of(
      "api", "v1", "a", "x-y", "a.b", "~u", "_z", "Z9", "caf\u00e9", "\u65e5", "\"q\"", "<t>", "{id}", "a|b", "^c",
      "`d", "it's", "100%25", "a%20b", "q%3Fx", "!$&()*+,:=@[]", "apiary", "ap");

  @Test
  void theLoweredPathRegexAgreesWithTheLanguageOnEverySpellingEnvoyNormalisesTheSameWay() {
    AtomicInteger matching = new AtomicInteger();
    AtomicInteger refused = new AtomicInteger();
    AtomicInteger leftOut = new AtomicInteger();
    qt().withFixedSeed(SEED).withExamples(TRIES)
        .forAll(SourceDSL.longs().all())
        .checkAssert(seed -> {
          Random random = new Random(seed);
          String clause = normalClause(random);
          boolean prefix = random.nextBoolean();
          String regex = prefix ? HttpRegex.prefixPath(clause) : HttpRegex.exactPath(clause);
          Pattern pattern = Pattern.compile(regex);
          String request = request(clause, random);
          for (boolean newTable : new boolean[] {true, false}) {
            Optional<String> envoy = EnvoyPaths.normalise(request, newTable);
            Optional<String> language = HttpPaths.normalise(request);
            if (!sameSpelling(request, envoy, language)
                || prefix && escapedPercents(envoy.get()) > escapedPercents(clause)) {
              // The second: a %25 after the prefix, which the prefix's guard refuses (HttpRegex.PREFIX_TAIL).
              leftOut.incrementAndGet();
              continue;
            }
            boolean passes = prefix ? HttpPaths.startsWithSegments(language.get(), clause)
                : language.get().equals(clause);
            (passes ? matching : refused).incrementAndGet();
            assertThat(pattern.matches(envoy.get()))
                .as("seed %d: clause %s %s -> %s; request %s; Envoy (%s table) %s; language %s", seed,
                    prefix ? "prefix" : "exact", clause, regex, request, newTable ? "new" : "old", envoy.get(),
                    language.get())
                .isEqualTo(passes);
          }
        });
    assertThat(matching.get()).as("cases the clause passes").isGreaterThan(TRIES / 4);
    assertThat(refused.get()).as("cases the clause refuses").isGreaterThan(TRIES / 4);
    assertThat(leftOut.get()).as("spellings left out").isGreaterThan(TRIES / 20);
  }

  /** How many {@code %25} a path spells (either case). */
  private static int escapedPercents(String path) {
    String lower = path.toLowerCase(java.util.Locale.ROOT);
    int n = 0;
    for (int at = lower.indexOf("%25"); at >= 0; at = lower.indexOf("%25", at + 3)) {
      n++;
    }
    return n;
  }

  /** The claim's condition (see the class comment). */
  static boolean sameSpelling(String request, Optional<String> envoy, Optional<String> language) {
    if (envoy.isEmpty() || language.isEmpty()) {
      return false;
    }
    String part = request;
    for (char end : new char[] {'#', '?'}) {
      int at = part.indexOf(end);
      part = at < 0 ? part : part.substring(0, at);
    }
    if (part.indexOf(';') >= 0) {
      return false;
    }
    String lower = part.toLowerCase();
    for (char c : "!$&()*+,:;=@[]".toCharArray()) {
      if (lower.contains(String.format("%%%02x", (int) c))) {
        return false;
      }
    }
    return HttpPaths.normalise(envoy.get()).equals(language);
  }

  /** A clause value in normal form: one to four segments, sometimes the root. */
  private static String normalClause(Random random) {
    if (random.nextInt(12) == 0) {
      return "/";
    }
    StringBuilder p = new StringBuilder();
    int n = 1 + random.nextInt(4);
    for (int i = 0; i < n; i++) {
      p.append('/').append(SEGMENTS.get(random.nextInt(SEGMENTS.size())));
    }
    return HttpPaths.normalise(p.toString()).orElseThrow();
  }

  /** A request near the clause: on both sides of its boundary, then respelled. */
  private static String request(String clause, Random random) {
    String base = switch (random.nextInt(9)) {
      case 0 -> clause;
      case 1 -> clause.equals("/") ? "/" : clause + "/";
      case 2 -> join(clause, SEGMENTS.get(random.nextInt(SEGMENTS.size())));
      case 3 -> clause + "x";
      case 4 -> clause.length() > 1 ? clause.substring(0, clause.lastIndexOf('/') + 1) : "/";
      case 5 -> clause.length() > 2 ? clause.substring(0, clause.length() - 1) : "/a";
      case 6 -> join(join(clause, "x"), "y");
      case 7 -> "/" + SEGMENTS.get(random.nextInt(SEGMENTS.size()));
      default -> clause;
    };
    String r = base;
    int respellings = random.nextInt(4);
    for (int i = 0; i < respellings; i++) {
      r = respell(r, random);
    }
    return switch (random.nextInt(6)) {
      case 0 -> r + "?q=1&next=/../x;y";
      case 1 -> r + "#frag/../x";
      case 2 -> r + "?";
      default -> r;
    };
  }

  private static String join(String path, String segment) {
    return path.endsWith("/") ? path + segment : path + "/" + segment;
  }

  /** One change of spelling; most keep the language's reading, a few make a spelling the claim leaves out. */
  private static String respell(String r, Random random) {
    int at = random.nextInt(r.length());
    switch (random.nextInt(13)) {
      case 0: // an escape of a character, in either case
      case 1: {
        int cp = r.codePointAt(at);
        if (Character.isLowSurrogate(r.charAt(at)) || cp == '%' || cp == '/') {
          return r;
        }
        StringBuilder e = new StringBuilder();
        for (byte b : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8)) {
          String hex = String.format("%02X", b & 0xff);
          e.append('%').append(random.nextBoolean() ? hex : hex.toLowerCase());
        }
        return r.substring(0, at) + e + r.substring(at + Character.charCount(cp));
      }
      case 2: // a dot segment
        return insertAtSlash(r, random, "/.");
      case 3:
        return insertAtSlash(r, random, "/zz/..");
      case 4:
        return insertAtSlash(r, random, "/%2e%2E/x/..");
      case 5: // another spelling of a slash
      case 6: {
        int slash = r.indexOf('/', at);
        if (slash <= 0) {
          return r;
        }
        String[] slashes = {"\\", "%2F", "%2f", "%5C", "%5c", "//"};
        return r.substring(0, slash) + slashes[random.nextInt(slashes.length)] + r.substring(slash + 1);
      }
      case 7:
        return r.replaceFirst("\\.", random.nextBoolean() ? "%2E" : "%2e");
      case 8: // spellings the claim leaves out
        return insertAtSlash(r, random, random.nextBoolean() ? "/x;p=1" : "/..;p");
      case 9:
        return r.replaceFirst(":", "%3A");
      case 10:
        return insertAtSlash(r, random, random.nextBoolean() ? "/%252F" : "/%zz");
      case 11:
        return insertAtSlash(r, random, "//..");
      default:
        return r;
    }
  }

  private static String insertAtSlash(String r, Random random, String insert) {
    int slash = r.indexOf('/', random.nextInt(r.length()));
    if (slash < 0) {
      slash = 0;
    }
    return r.substring(0, slash) + insert + r.substring(slash);
  }
}

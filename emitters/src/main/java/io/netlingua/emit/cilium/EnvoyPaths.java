package io.netlingua.emit.cilium;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A model of what Envoy 1.34, as Cilium 1.18 configures its HTTP listener ({@code http-normalize-path} on:
 * {@code normalize_path}, {@code merge_slashes}, {@code UNESCAPE_AND_REDIRECT}), hands the {@code :path} matcher: the
 * Cilium evaluator matches the {@code rules.http} regexes against it, and the tests of the lowering compare it with
 * the language's reading ({@link io.netlingua.model.HttpPaths}). In the order of envoyproxy/envoy
 * {@code source/common/http/conn_manager_utility.cc} {@code maybeNormalizePath}:
 *
 * <ol>
 *   <li>the fragment is stripped (runtime {@code http_strip_fragment_from_path_unsafe_if_disabled}, on);
 *   <li>{@code %2F} and {@code %5C}, either case, in the path part are unescaped ({@code PathUtil::unescapeSlashes})
 *       and, since that changed the path, the client is redirected to the result: the request that reaches the
 *       matcher is the redirected one, normalised again;
 *   <li>the part before {@code ?} is canonicalised as Chromium's {@code url::CanonicalizePath} does
 *       ({@code url/url_canon_path.cc} {@code DoPartialPathInternal}): {@code \} is {@code /}; a {@code .} or
 *       {@code %2E} segment is dropped and a {@code ..} one removes the segment before it; an escape of an
 *       unreserved character is decoded, any other escape kept as sent; a byte that may not stand in a path is
 *       escaped in upper case; a NUL makes the path invalid (Envoy answers 400: {@code PathUtilityTest.InvalidPaths});
 *   <li>repeated slashes of the path part are merged ({@code PathTransformer::mergeSlashes}).
 * </ol>
 *
 * <p>{@code newTable} picks the googleurl character table: the current one escapes {@code ^ ` { | }}, older ones
 * pass them (the lowering accepts both spellings).
 */
final class EnvoyPaths {
  private EnvoyPaths() {}

  /** The path Envoy matches, or nothing when it answers 400. */
  static Optional<String> normalise(String requestPath, boolean newTable) {
    Optional<String> once = pass(requestPath, newTable);
    if (once.isPresent() && !once.get().equals(requestPath) && hasEscapedSlash(requestPath)) {
      return pass(once.get(), newTable); // the redirect
    }
    return once;
  }

  private static boolean hasEscapedSlash(String path) {
    String p = pathPart(withoutFragment(path)).toLowerCase();
    return p.contains("%2f") || p.contains("%5c");
  }

  private static Optional<String> pass(String requestPath, boolean newTable) {
    String path = withoutFragment(requestPath);
    String part = pathPart(path);
    String query = path.substring(part.length());
    part = part.replaceAll("%2[fF]", "/").replaceAll("%5[cC]", "\\\\");
    Optional<String> canonical = canonicalise(part.getBytes(StandardCharsets.UTF_8), newTable);
    return canonical.map(c -> mergeSlashes(c) + query);
  }

  private static String withoutFragment(String path) {
    int hash = path.indexOf('#');
    return hash < 0 ? path : path.substring(0, hash);
  }

  private static String pathPart(String path) {
    int q = path.indexOf('?');
    return q < 0 ? path : path.substring(0, q);
  }

  private static Optional<String> canonicalise(byte[] in, boolean newTable) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (in.length == 0 || in[0] != '/' && in[0] != '\\') {
      out.write('/');
    }
    int i = 0;
    while (i < in.length) {
      int dot = dotLength(in, i);
      if (dot > 0) {
        if (endsWithSlash(out)) {
          int after = i + dot;
          if (after == in.length) {
            i = after; // "." at the end
            continue;
          }
          if (isSlash(in[after])) {
            i = after + 1;
            continue;
          }
          int second = dotLength(in, after);
          if (second > 0 && (after + second == in.length || isSlash(in[after + second]))) {
            backUp(out);
            i = after + second + (after + second == in.length ? 0 : 1);
            continue;
          }
        }
        out.write('.');
        i += dot;
        continue;
      }
      int b = in[i] & 0xff;
      if (b == '\\') {
        out.write('/');
        i++;
      } else if (b == '%') {
        int value = hexPair(in, i + 1);
        if (value < 0) {
          out.write('%');
          i++;
        } else if (value == 0) {
          return Optional.empty();
        } else {
          if (unreserved(value)) {
            out.write(value);
            reEscapeNestedPercent(out, i + 3 < in.length && Character.digit(in[i + 3], 16) >= 0);
          } else {
            out.write(in, i, 3);
          }
          i += 3;
        }
      } else if (b == 0) {
        return Optional.empty();
      } else if (escaped(b, newTable)) {
        out.writeBytes(String.format("%%%02X", b).getBytes(StandardCharsets.US_ASCII));
        i++;
      } else {
        out.write(b);
        i++;
      }
    }
    return Optional.of(out.toString(StandardCharsets.ISO_8859_1));
  }

  /**
   * googleurl's {@code CheckForNestedEscapes} ({@code url/url_canon_path.cc} at dd4080f): a decoded character that
   * forms an escape with a stray {@code %} before it ({@code /%A%42} would read {@code %AB}), or would with the next
   * input character ({@code /%%41B}), has that {@code %} written {@code %25}, so that the output is not decoded
   * again into another path (vectors: {@code url_canon_unittest.cc} {@code kCommonPathCases}).
   */
  private static void reEscapeNestedPercent(ByteArrayOutputStream out, boolean nextInputIsHex) {
    byte[] o = out.toByteArray();
    int n = o.length;
    int percent = -1;
    if (n >= 3 && o[n - 3] == '%' && hex(o[n - 2]) && hex(o[n - 1])) {
      percent = n - 3;
    } else if (n >= 2 && o[n - 2] == '%' && hex(o[n - 1]) && nextInputIsHex) {
      percent = n - 2;
    }
    if (percent < 0) {
      return;
    }
    out.reset();
    out.write(o, 0, percent);
    out.writeBytes("%25".getBytes(StandardCharsets.US_ASCII));
    out.write(o, percent + 1, n - percent - 1);
  }

  private static boolean hex(byte b) {
    return Character.digit(b, 16) >= 0;
  }

  private static int dotLength(byte[] in, int i) {
    if (in[i] == '.') {
      return 1;
    }
    if (in[i] == '%' && i + 2 < in.length && in[i + 1] == '2' && (in[i + 2] == 'e' || in[i + 2] == 'E')) {
      return 3;
    }
    return 0;
  }

  private static boolean isSlash(byte b) {
    return b == '/' || b == '\\';
  }

  private static boolean endsWithSlash(ByteArrayOutputStream out) {
    byte[] b = out.toByteArray();
    return b.length > 0 && b[b.length - 1] == '/';
  }

  /** BackUpToPreviousSlash: the output ends with '/'; drop the segment before it, never the first slash. */
  private static void backUp(ByteArrayOutputStream out) {
    byte[] b = out.toByteArray();
    int i = b.length - 1;
    if (i == 0) {
      return;
    }
    do {
      i--;
    } while (b[i] != '/' && i > 0);
    out.reset();
    out.write(b, 0, i + 1);
  }

  private static int hexPair(byte[] in, int i) {
    if (i + 1 >= in.length) {
      return -1;
    }
    int high = Character.digit(in[i], 16);
    int low = Character.digit(in[i + 1], 16);
    return high < 0 || low < 0 ? -1 : high << 4 | low;
  }

  private static boolean unreserved(int b) {
    return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b == '-' || b == '_'
        || b == '~';
  }

  private static boolean escaped(int b, boolean newTable) {
    if (b < 0x21 || b >= 0x7f) {
      return true;
    }
    if ("\"#<>?".indexOf(b) >= 0) {
      return true;
    }
    return newTable && "^`{|}".indexOf(b) >= 0;
  }

  private static String mergeSlashes(String path) {
    if (!path.contains("//")) {
      return path;
    }
    StringBuilder out = new StringBuilder("/");
    boolean first = true;
    for (String segment : path.split("/")) {
      if (segment.isEmpty()) {
        continue;
      }
      if (!first) {
        out.append('/');
      }
      out.append(segment);
      first = false;
    }
    // PathUtil::mergeSlashes (path_utility.cc): StrCat of "/", the joined segments and "/" for a path ending with a
    // slash, so a path of slashes only becomes "//".
    if (path.endsWith("/")) {
      out.append('/');
    }
    return out.toString();
  }
}

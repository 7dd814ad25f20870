package io.netlingua.model;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How the language reads an HTTP path and host (LANGUAGE.md, L7 block; docs/language.md, {@code http}): every path
 * clause reads the path the server will serve, not the raw bytes of the request line, and a host without a port
 * matches the request's host with any port.
 *
 * <p>The normalisation is Calico 3.32's, rule by rule (projectcalico/calico v3.32.1,
 * {@code app-policy/checker/match.go}, {@code normalizeHTTPPath}, commit 0ca9d1b93644778cafdf1812f3dda02ac0c361e8):
 *
 * <ol>
 *   <li>the query string and the fragment are removed (from the first {@code ?} or {@code #});
 *   <li>percent-encoding is decoded once; a {@code %} not followed by two hex digits is malformed;
 *   <li>a path that still holds an encoded {@code .}, {@code /} or {@code \} after that one decoding (it was
 *       double-encoded: {@code %252E}, {@code %252F}, {@code %255C}) or a NUL is malformed;
 *   <li>{@code \} is read as {@code /};
 *   <li>{@code ;} parameters are removed from each segment ({@code /admin;x=1} is {@code /admin});
 *   <li>dot segments are resolved and repeated or trailing slashes merged, as Go's {@code path.Clean} does
 *       ({@code /public/../admin} is {@code /admin}, {@code //api/} is {@code /api}, {@code /..} is {@code /}).
 * </ol>
 *
 * <p>A malformed path matches no path clause. The <em>normal form</em> this class returns is that path written
 * back as text in one canonical way: the decoded characters as themselves, except those that cannot stand for
 * themselves in a path clause ({@code %}, {@code ?}, {@code #}, whitespace and control characters) and bytes that
 * are no UTF-8, which are percent-encoded in upper case. So two paths have equal normal forms exactly when the
 * server sees the same bytes (Calico compares the decoded bytes), and a normal form decoded once is the served
 * path again, which is what a target that decodes once (Calico) must be given.
 */
public final class HttpPaths {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private HttpPaths() {}

  /**
   * The normal form of a request path or of the value of an exact or prefix path clause, or nothing when the path
   * is malformed (see the class comment). A normal form starts with {@code /} and ends with it only when it is
   * {@code /}.
   */
  public static Optional<String> normalise(String path) {
    if (isPlainNormal(path)) {
      return Optional.of(path);
    }
    return decode(path).bytes().map(d -> encode(clean(stripParameters(backslashAsSlash(d)))));
  }

  /**
   * The path decoded once and written back in the canonical encoding, without the steps that change its shape
   * ({@code \}, {@code ;} parameters, dot segments and slashes): what a path clause says literally. A path clause
   * whose literal form differs from its normal form by more than a trailing {@code /} would match other paths than
   * it reads as, which the checker refuses. Nothing when the path is malformed.
   */
  public static Optional<String> literal(String path) {
    if (isPlainNormal(path)) {
      return Optional.of(path);
    }
    return decode(path).bytes().map(HttpPaths::encode);
  }

  /** Why {@link #normalise} finds the path malformed, or nothing when it is not. */
  public static Optional<String> malformation(String path) {
    return Optional.ofNullable(decode(path).problem());
  }

  /**
   * Whether a normal path starts with a normal prefix by segment: it equals the prefix or continues it with
   * {@code /} ({@code /api} is a prefix of {@code /api} and {@code /api/v1}, never of {@code /apiary}); the
   * prefix {@code /} starts every path.
   */
  public static boolean startsWithSegments(String normalPath, String normalPrefix) {
    if (normalPrefix.equals("/")) {
      return normalPath.startsWith("/");
    }
    return normalPath.startsWith(normalPrefix)
        && (normalPath.length() == normalPrefix.length() || normalPath.charAt(normalPrefix.length()) == '/');
  }

  /**
   * The text a path regex reads: the normal form decoded (a {@code %25} is {@code %}), bytes that are no UTF-8
   * read as U+FFFD, as RE2 reads invalid UTF-8.
   */
  public static String served(String normalPath) {
    if (normalPath.indexOf('%') < 0) {
      return normalPath;
    }
    byte[] bytes = percentDecode(normalPath.getBytes(StandardCharsets.UTF_8));
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /**
   * Whether the host of an {@code http} alternative matches the host a request names ({@code Host} or
   * {@code :authority}), case-insensitively: a host written without a port matches the request's host with any
   * port or none, a host written with a port only a request naming that port.
   */
  public static boolean hostMatches(String ruleHost, String requestHost) {
    if (requestHost.equalsIgnoreCase(ruleHost)) {
      return true;
    }
    return ruleHost.indexOf(':') < 0 && hostWithoutPort(requestHost).equalsIgnoreCase(ruleHost);
  }

  /**
   * {@code name:port} without its port; anything else as it is (a host of the language is a DNS name, so an IPv6
   * literal never matches one, with or without its port).
   */
  private static String hostWithoutPort(String host) {
    int colon = host.lastIndexOf(':');
    if (colon < 0 || colon == host.length() - 1) {
      return host;
    }
    for (int i = colon + 1; i < host.length(); i++) {
      if (host.charAt(i) < '0' || host.charAt(i) > '9') {
        return host;
      }
    }
    String name = host.substring(0, colon);
    return name.indexOf(':') < 0 ? name : host;
  }

  /**
   * A path that every step leaves as it is: printable ASCII without {@code % ? # \ ;}, no empty, {@code .} or
   * {@code ..} segment, no trailing {@code /}. Nearly every path is one, and costs this scan alone.
   */
  private static boolean isPlainNormal(String path) {
    int n = path.length();
    if (n == 0 || path.charAt(0) != '/') {
      return false;
    }
    if (n == 1) {
      return true;
    }
    if (path.charAt(n - 1) == '/') {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char c = path.charAt(i);
      if (c <= ' ' || c >= 0x7f || c == '%' || c == '?' || c == '#' || c == '\\' || c == ';') {
        return false;
      }
      if (c == '/' && i + 1 < n) {
        char next = path.charAt(i + 1);
        if (next == '/' || next == '.' && (i + 2 == n || path.charAt(i + 2) == '/'
            || path.charAt(i + 2) == '.' && (i + 3 == n || path.charAt(i + 3) == '/'))) {
          return false;
        }
      }
    }
    return true;
  }

  private static String withoutQuery(String path) {
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c == '?' || c == '#') {
        return path.substring(0, i);
      }
    }
    return path;
  }

  /**
   * Steps 1 to 3: the decoded bytes, or why there are none.
   *
   * @param decoded the bytes, when the path is well formed
   * @param problem what is malformed, otherwise
   */
  private record Decoded(byte[] decoded, String problem) {
    static Decoded malformed(String problem) {
      return new Decoded(null, problem);
    }

    Optional<byte[]> bytes() {
      return Optional.ofNullable(decoded);
    }
  }

  private static Decoded decode(String path) {
    byte[] decoded = percentDecode(withoutQuery(path).getBytes(StandardCharsets.UTF_8));
    if (decoded == null) {
      return Decoded.malformed("has a '%' that is not followed by two hex digits");
    }
    if (stillEncodedSeparator(decoded)) {
      return Decoded.malformed("holds a double-encoded '.', '/' or '\\' (%25 then 2E, 2F or 5C), which a server"
          + " that decodes twice would read otherwise");
    }
    for (byte b : decoded) {
      if (b == 0) {
        return Decoded.malformed("decodes to a NUL character");
      }
    }
    return decoded.length > 0 && (decoded[0] == '/' || decoded[0] == '\\')
        ? new Decoded(decoded, null)
        : Decoded.malformed("must start with '/'");
  }

  /** Step 4. */
  private static byte[] backslashAsSlash(byte[] path) {
    for (int i = 0; i < path.length; i++) {
      if (path[i] == '\\') {
        path[i] = '/';
      }
    }
    return path;
  }

  /** Go's url.PathUnescape: every {@code %} must start {@code %XX}; {@code +} stays; null when malformed. */
  private static byte[] percentDecode(byte[] in) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
    for (int i = 0; i < in.length; i++) {
      byte b = in[i];
      if (b != '%') {
        out.write(b);
        continue;
      }
      if (i + 2 >= in.length) {
        return null;
      }
      int high = Character.digit(in[i + 1], 16);
      int low = Character.digit(in[i + 2], 16);
      if (high < 0 || low < 0) {
        return null;
      }
      out.write(high << 4 | low);
      i += 2;
    }
    return out.toByteArray();
  }

  /** {@code %2E}, {@code %2F} or {@code %5C} (either case) left after one decoding. */
  private static boolean stillEncodedSeparator(byte[] d) {
    for (int i = 0; i + 2 < d.length; i++) {
      if (d[i] == '%') {
        char a = (char) d[i + 1];
        char b = Character.toLowerCase((char) d[i + 2]);
        if (a == '2' && (b == 'e' || b == 'f') || a == '5' && b == 'c') {
          return true;
        }
      }
    }
    return false;
  }

  /** Step 5: each segment loses what follows its first {@code ;}. */
  private static byte[] stripParameters(byte[] path) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(path.length);
    boolean inParameter = false;
    for (byte b : path) {
      if (b == '/') {
        inParameter = false;
      } else if (b == ';') {
        inParameter = true;
      }
      if (!inParameter) {
        out.write(b);
      }
    }
    return out.toByteArray();
  }

  /** Step 6, Go's path.Clean on a rooted path: segments without empty and {@code .} ones, {@code ..} resolved. */
  private static byte[] clean(byte[] path) {
    List<int[]> kept = new ArrayList<>();
    int start = 1;
    for (int i = 1; i <= path.length; i++) {
      if (i == path.length || path[i] == '/') {
        int length = i - start;
        boolean dot = length == 1 && path[start] == '.';
        boolean dotDot = length == 2 && path[start] == '.' && path[start + 1] == '.';
        if (dotDot) {
          if (!kept.isEmpty()) {
            kept.remove(kept.size() - 1);
          }
        } else if (length > 0 && !dot) {
          kept.add(new int[] {start, length});
        }
        start = i + 1;
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(path.length);
    for (int[] segment : kept) {
      out.write('/');
      out.write(path, segment[0], segment[1]);
    }
    if (kept.isEmpty()) {
      out.write('/');
    }
    return out.toByteArray();
  }

  /** The canonical text of decoded bytes (see the class comment). */
  private static String encode(byte[] bytes) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer chars = CharBuffer.allocate(bytes.length);
    StringBuilder out = new StringBuilder(bytes.length + 8);
    while (true) {
      CoderResult result = decoder.decode(in, chars, true);
      chars.flip();
      appendText(chars, out);
      chars.clear();
      if (result.isError()) {
        for (int i = 0; i < result.length(); i++) {
          appendByte(in.get(), out);
        }
      } else if (result.isUnderflow()) {
        break;
      }
    }
    return out.toString();
  }

  private static void appendText(CharBuffer chars, StringBuilder out) {
    while (chars.hasRemaining()) {
      char c = chars.get();
      int cp = c;
      if (Character.isHighSurrogate(c) && chars.hasRemaining()) {
        cp = Character.toCodePoint(c, chars.get());
      }
      if (cp == '%' || cp == '?' || cp == '#' || Character.isWhitespace(cp) || Character.isISOControl(cp)
          || Character.isSpaceChar(cp)) {
        for (byte b : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8)) {
          appendByte(b, out);
        }
      } else {
        out.appendCodePoint(cp);
      }
    }
  }

  private static void appendByte(byte b, StringBuilder out) {
    out.append('%').append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
  }
}

package io.netlingua.dsl.robustness;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** An independent oracle for where a byte sequence stops being UTF-8, as the language reports it. */
final class Utf8 {

  private Utf8() {}

  /**
   * The {@code line:column} of the first malformed sequence of {@code bytes}, or empty when they are UTF-8. A
   * leading byte-order mark is ignored, lines end with LF, CRLF or CR, columns count code points.
   */
  static Optional<String> firstError(byte[] bytes) {
    int start = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB
        && (bytes[2] & 0xFF) == 0xBF ? 3 : 0;
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) {
      result = decoder.flush(out);
    }
    if (!result.isError()) {
      return Optional.empty();
    }
    out.flip();
    return Optional.of(endOf(out.toString()));
  }

  /** The {@code line:column} just after {@code prefix}. */
  private static String endOf(String prefix) {
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < prefix.length(); i++) {
      char c = prefix.charAt(i);
      if (c == '\n' || (c == '\r' && (i + 1 == prefix.length() || prefix.charAt(i + 1) != '\n'))) {
        line++;
        lineStart = i + 1;
      }
    }
    return line + ":" + (prefix.codePointCount(lineStart, prefix.length()) + 1);
  }
}

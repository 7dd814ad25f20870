package io.netlingua.dsl.internal;

import io.netlingua.diagnostics.Code;
import io.netlingua.diagnostics.Diagnostic;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Turns a file's bytes into text as the language says: UTF-8 only, a leading byte-order mark ignored, at most
 * {@code maxFileBytes} bytes. A problem is reported at the position where it occurs, and the text is then kept
 * (with U+FFFD for bad bytes) only so that the diagnostic can quote its line.
 */
public final class Decoding {
  private static final char BOM = '\uFEFF';

  private Decoding() {}

  /**
   * The outcome of decoding.
   *
   * @param file the decoded text, indexed
   * @param problem an NL1001 or NL1010 diagnostic when the file must not be parsed
   */
  public record Decoded(SourceFile file, Optional<Diagnostic> problem) {}

  /**
   * Decodes bytes read from a file; {@code bytes} may be one byte longer than the limit (the reader reads no
   * more than that), which is how an over-long file shows.
   */
  public static Decoded decode(String name, byte[] bytes, long maxFileBytes) {
    if (bytes.length > maxFileBytes) {
      String prefix = lenient(bytes, (int) maxFileBytes);
      return tooLarge(name, prefix, maxFileBytes);
    }
    CharsetDecoder decoder =
        StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length + 1);
    CoderResult result = decoder.decode(in, out, true);
    if (result.isError()) {
      String good = dropBom(out.flip().toString());
      SourceFile file = new SourceFile(name, dropBom(lenient(bytes, bytes.length)));
      int cp = good.codePointCount(0, good.length());
      return new Decoded(
          file,
          Optional.of(Diagnostic.of(
              Code.INVALID_UTF8, file.point(cp),
              "the file is not valid UTF-8: byte 0x"
                  + String.format("%02x", bytes[in.position()] & 0xff) + " starts no UTF-8 character")));
    }
    decoder.flush(out);
    return text(name, out.flip().toString(), maxFileBytes);
  }

  /** Checks text given in memory: its UTF-8 length must respect the limit. */
  public static Decoded text(String name, String text, long maxFileBytes) {
    String body = dropBom(text);
    long bytes = 0;
    for (int i = 0; i < body.length(); ) {
      int c = body.codePointAt(i);
      bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
      if (bytes > maxFileBytes) {
        return tooLarge(name, body.substring(0, i), maxFileBytes);
      }
      i += Character.charCount(c);
    }
    return new Decoded(new SourceFile(name, body), Optional.empty());
  }

  private static Decoded tooLarge(String name, String prefix, long maxFileBytes) {
    SourceFile file = new SourceFile(name, dropBom(prefix));
    return new Decoded(
        file,
        Optional.of(Diagnostic.of(
            Code.FILE_TOO_LARGE, file.point(file.length()),
            "the file is larger than the limit of " + maxFileBytes + " bytes")));
  }

  private static String lenient(byte[] bytes, int length) {
    return new String(bytes, 0, length, StandardCharsets.UTF_8);
  }

  private static String dropBom(String text) {
    return !text.isEmpty() && text.charAt(0) == BOM ? text.substring(1) : text;
  }
}

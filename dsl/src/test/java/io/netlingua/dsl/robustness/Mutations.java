package io.netlingua.dsl.robustness;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.impl.Constraint;

/**
 * Generators of hostile input: random bytes, random strings, and random edits of real programs. Edits work on
 * token-ish slices (white space, words, strings, single characters) so that they break a program the way a
 * typing person does, which reaches far deeper into the parser than random bytes.
 */
public final class Mutations {

  /** Slices of a program: white space, a string (maybe unterminated), a word, a comment, or one code point. */
  private static final Pattern SLICE =
      Pattern.compile("\\s+|\"(?:[^\"\\\\\\r\\n]|\\\\.)*\"?|(?:#|//)[^\\r\\n]*|[A-Za-z0-9_.\\-/*]+|.",
          Pattern.DOTALL);

  /** What edits insert: every reserved word, the punctuation, and characters the lexer must cope with. */
  private static final List<String> VOCABULARY = List.of(
      "namespace", "namespaces", "import", "let", "policy", "cluster", "in", "select", "description",
      "ingress", "egress", "log", "allow", "deny", "from", "to", "on", "pods", "any", "serviceaccount",
      "service", "cidr", "except", "fqdn", "world", "nodes", "host", "kube-apiserver", "tcp", "udp", "sctp",
      "icmp", "icmpv6", "type", "code", "http", "grpc", "kafka", "dns", "path", "prefix", "regex", "header",
      "produce", "consume", "topic", "client", "notin", "GET", "POST", "*", "{", "}", "(", ")", "{{", "))",
      ",", "=", "==", "!=", "!", "/", "-", ".", "\"", "\\", "\\\"", "\"\\", "#", "//", "\n", "\r", "\r\n",
      "\t", " ", "0", "65535", "65536", "99999999999999999999", "8000-8100", "10.0.0.0/8", "10.0.0.1/8",
      "::/0", "2001:db8::/32", "\"*.x\"", "\"api.example.com\"", "\"[a-\"", "tcp/", "/53", "kube-dns",
      "let a = a", "policy p {", "in namespace", "\uFEFF", "\u00E9", "\uD83D\uDE00", "\u0000", "\u2028",
      "\u00A0", "\uD800", "\uDC00");

  /** Byte sequences that are not UTF-8 (stray, truncated, overlong, surrogate, beyond U+10FFFF). */
  private static final List<byte[]> INVALID_UTF8 = List.of(
      new byte[] {(byte) 0xFF}, new byte[] {(byte) 0x80}, new byte[] {(byte) 0xC3},
      new byte[] {(byte) 0xC0, (byte) 0x80}, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
      new byte[] {(byte) 0xF0, (byte) 0x9F, (byte) 0x98}, new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80,
          (byte) 0x80}, new byte[] {(byte) 0xE2, (byte) 0x82});

  private Mutations() {}

  /**
   * A mutated program: which seed it started from, its bytes, and the edits that made it (shown when a property
   * fails).
   */
  public record Mutant(int seed, byte[] bytes, List<String> edits) {
    /** The bytes decoded leniently (invalid sequences become U+FFFD), for the string entry point. */
    public String text() {
      return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
      return "seed " + seed + ", edits " + edits + ", giving " + bytes.length + " bytes:\n" + text();
    }
  }

  /** Up to {@code maxLength} bytes, half of them from the language's own characters so that tokens form. */
  public static Gen<byte[]> bytes(int maxLength) {
    byte[] ascii = " \n\r\t{}(),=!/\"\\#*.-:0189azAZ_".getBytes(StandardCharsets.US_ASCII);
    return in -> {
      byte[] out = new byte[(int) in.next(Constraint.between(0, maxLength))];
      for (int i = 0; i < out.length; i++) {
        out[i] = in.next(Constraint.between(0, 1)) == 0
            ? ascii[pick(in, ascii.length)]
            : (byte) in.next(Constraint.between(0, 255));
      }
      return out;
    };
  }

  /** Strings of up to {@code maxLength} pieces: vocabulary entries and arbitrary chars (lone surrogates too). */
  public static Gen<String> strings(int maxLength) {
    return in -> {
      int length = (int) in.next(Constraint.between(0, maxLength));
      StringBuilder out = new StringBuilder();
      for (int i = 0; i < length; i++) {
        if (in.next(Constraint.between(0, 2)) == 0) {
          out.append((char) in.next(Constraint.between(0, Character.MAX_VALUE)));
        } else {
          out.append(VOCABULARY.get(pick(in, VOCABULARY.size())));
        }
      }
      return out.toString();
    };
  }

  /** One of {@code seeds} after one to {@code maxEdits} random edits. */
  public static Gen<Mutant> edits(List<String> seeds, int maxEdits) {
    List<List<String>> sliced = seeds.stream().map(Mutations::slices).toList();
    return in -> {
      int seed = pick(in, sliced.size());
      List<byte[]> pieces = new ArrayList<>();
      for (String slice : sliced.get(seed)) {
        pieces.add(slice.getBytes(StandardCharsets.UTF_8));
      }
      List<String> edits = new ArrayList<>();
      int count = (int) in.next(Constraint.between(1, maxEdits));
      for (int i = 0; i < count; i++) {
        edits.add(edit(in, pieces));
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      pieces.forEach(out::writeBytes);
      return new Mutant(seed, out.toByteArray(), List.copyOf(edits));
    };
  }

  /** Applies one random edit to {@code pieces} and says what it did. */
  private static String edit(RandomnessSource in, List<byte[]> pieces) {
    int size = pieces.size();
    int at = pick(in, size + 1);
    int length = 1 + pick(in, 4);
    int end = Math.min(size, at + length);
    switch ((int) in.next(Constraint.between(0, 6))) {
      case 0:
        pieces.subList(at, end).clear();
        return "delete " + at + ".." + end;
      case 1: {
        String word = VOCABULARY.get(pick(in, VOCABULARY.size()));
        pieces.add(at, word.getBytes(StandardCharsets.UTF_8));
        return "insert " + quote(word) + " at " + at;
      }
      case 2: {
        List<byte[]> copy = new ArrayList<>(pieces.subList(at, end));
        pieces.addAll(end, copy);
        return "duplicate " + at + ".." + end;
      }
      case 3: {
        if (size < 2) {
          return "swap (too short)";
        }
        int i = pick(in, size);
        int j = pick(in, size);
        byte[] first = pieces.get(i);
        pieces.set(i, pieces.get(j));
        pieces.set(j, first);
        return "swap " + i + " " + j;
      }
      case 4: {
        int which = pick(in, INVALID_UTF8.size());
        pieces.add(at, INVALID_UTF8.get(which));
        return "invalid UTF-8 #" + which + " at " + at;
      }
      case 5: {
        if (at < size) {
          String word = VOCABULARY.get(pick(in, VOCABULARY.size()));
          pieces.set(at, word.getBytes(StandardCharsets.UTF_8));
          return "replace " + at + " by " + quote(word);
        }
        return "replace (at the end)";
      }
      default:
        pieces.subList(at, size).clear();
        return "truncate at " + at;
    }
  }

  private static List<String> slices(String text) {
    List<String> out = new ArrayList<>();
    Matcher m = SLICE.matcher(text);
    while (m.find()) {
      out.add(m.group());
    }
    return out;
  }

  private static int pick(RandomnessSource in, int bound) {
    return (int) in.next(Constraint.between(0, bound - 1));
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t") + "\"";
  }
}

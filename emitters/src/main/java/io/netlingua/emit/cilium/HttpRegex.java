package io.netlingua.emit.cilium;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The regular expressions of Cilium's {@code rules.http} (docs/targets.md, "L7 on Cilium"): pure functions, no state.
 *
 * <p>What the proxy matches. Cilium's agent turns {@code path}, {@code method} and {@code host} into Envoy header
 * matchers on {@code :path}, {@code :method} and {@code :authority}, each a {@code safe_regex} with no engine set
 * (cilium/cilium {@code pkg/envoy/xds_server.go} {@code getHTTPRule}, 1.17/1.18-era copy at commit
 * 002791a1847b302bde8af8da69ee799e3026549c); cilium/proxy v1.34 (the Envoy 1.34 that Cilium 1.18 ships,
 * {@code cilium/network_policy.cc} {@code HttpNetworkPolicyRule}) builds them with
 * {@code Http::HeaderUtility::createHeaderData}, so Envoy's Google RE2 engine compiles them and matches with
 * {@code RE2::FullMatch} (envoyproxy/envoy {@code source/common/common/regex.h}): the whole value, and
 * {@code :path} holds the query string. Before matching, Cilium's HTTP listener normalises the path while the
 * agent's {@code http-normalize-path} is on, the default ({@code pkg/envoy/cell.go}; {@code xds_server.go}
 * {@code getHttpFilterChainProto}: {@code normalize_path}, {@code merge_slashes},
 * {@code path_with_escaped_slashes_action: UNESCAPE_AND_REDIRECT}). Envoy's
 * {@code ConnectionManagerUtility::maybeNormalizePath} then, in order: strips a fragment; unescapes {@code %2F}
 * and {@code %5C} (either case) and answers with a redirect to the new path (a gRPC request is refused instead);
 * canonicalises the part before {@code ?} with Chromium's URL path canonicaliser (googleurl
 * {@code url/url_canon_path.cc}: dot segments resolved, {@code %2E} read as a dot, {@code \} read as {@code /},
 * escapes of unreserved characters decoded, characters that may not stand in a path (space, controls,
 * {@code " < >}, every byte of 0x80 and above, and in newer tables {@code ^ ` { | }}) percent-encoded in upper
 * case, every other escape kept as sent, a NUL refused with 400); and merges repeated slashes.
 *
 * <p>So a path clause of the language, which reads the normal form of {@link io.netlingua.model.HttpPaths}, is
 * written in the spelling Envoy hands to the matcher ({@link #envoySpelling}): the characters Envoy passes as
 * themselves, the others as their escapes (hex in either case, since an escape sent by the client is kept as
 * sent), and the characters whose treatment changed between googleurl versions in both spellings. What Envoy
 * leaves different from the language's reading is listed in {@link L7Rules} and in docs/targets.md, "L7 on Cilium".
 *
 * <p>The program-size limit. Envoy refuses a regex whose RE2 {@code ProgramSize()} is over the runtime value
 * {@code re2.max_program_size.error_level}, 100 unless set ({@code CompiledGoogleReMatcher}, envoyproxy/envoy
 * {@code source/common/common/regex.cc}, the path with no {@code max_program_size} in the matcher); neither
 * Cilium's bootstrap ({@code install/kubernetes/cilium/files/cilium-envoy/configmap/bootstrap-config.yaml},
 * {@code pkg/envoy/embedded_envoy.go}) nor its matchers set it, so {@value #ENVOY_MAX_PROGRAM_SIZE} applies, and
 * Envoy refuses (NACKs) the policy update that holds such a regex. {@link #programSize} estimates the size,
 * never below RE2's count (see its comment).
 */
final class HttpRegex {
  /** Envoy's default {@code re2.max_program_size.error_level}, which Cilium 1.18 leaves as it is. */
  static final int ENVOY_MAX_PROGRAM_SIZE = 100;

  /** The query guard: {@code :path} carries the query, which no path clause reads. */
  static final String QUERY = "(\\?.*)?";

  private static final String HEX = "0123456789ABCDEF";

  private HttpRegex() {}

  /**
   * The literal text as an RE2 pattern that matches exactly that text: every RE2 metacharacter
   * ({@code \ . + * ? ( ) | [ ] { } ^ $}) is escaped with a backslash and a control character written
   * {@code \x{..}}; everything else stands for itself.
   */
  static String escape(String literal) {
    StringBuilder out = new StringBuilder(literal.length() + 8);
    for (int i = 0; i < literal.length(); ) {
      int c = literal.codePointAt(i);
      i += Character.charCount(c);
      if ("\\.+*?()|[]{}^$".indexOf(c) >= 0) {
        out.append('\\').appendCodePoint(c);
      } else if (c < 0x20 || c == 0x7f) {
        out.append("\\x{").append(Integer.toHexString(c)).append('}');
      } else {
        out.appendCodePoint(c);
      }
    }
    return out.toString();
  }

  /**
   * A pattern that matches exactly the spellings in which Envoy, after its normalisation, hands the matcher the
   * normal path {@code normalPath} (a normal form of {@link io.netlingua.model.HttpPaths#normalise}): each byte of
   * the served path that Chromium's canonicaliser passes as itself (letters, digits, {@code - . _ ~ /} and
   * {@code ! $ & ( ) * + , : ; = @ [ ]}) stands for itself; a byte it percent-encodes (controls, space,
   * {@code " # % < > ?}, DEL and every byte from 0x80) is its escape with the hex digits in either case; and
   * {@code ' ^ ` { | }}, which newer googleurl tables encode and older ones pass, are accepted both ways.
   */
  static String envoySpelling(String normalPath) {
    byte[] served = percentDecode(normalPath);
    StringBuilder out = new StringBuilder(normalPath.length() + 16);
    StringBuilder escapes = new StringBuilder();
    for (byte raw : served) {
      int b = raw & 0xff;
      if (passes(b)) {
        flushEscapes(escapes, out);
        out.append(escape(String.valueOf((char) b)));
      } else if ("'^`{|}".indexOf(b) >= 0) {
        flushEscapes(escapes, out);
        out.append("(?:").append(escape(String.valueOf((char) b))).append('|');
        StringBuilder e = new StringBuilder();
        appendEscape(b, e);
        flushEscapes(e, out);
        out.append(')');
      } else {
        appendEscape(b, escapes);
      }
    }
    flushEscapes(escapes, out);
    return out.toString();
  }

  /**
   * An exact path: {@code SPELLING(P)/?(\?.*)?}, with P the normal path (which ends with {@code /} only when it is
   * {@code /}, whose form is {@code //?(\?.*)?}). The optional {@code /} is the one trailing slash the language's
   * normalisation removes and Envoy keeps: {@code merge_slashes} leaves at most one, and a path of slashes only
   * becomes {@code //} ({@code PathUtil::mergeSlashes} writes "/", no segment, then "/": {@link EnvoyPaths}).
   */
  static String exactPath(String normalPath) {
    if (normalPath.equals("/")) {
      return "//?" + QUERY;
    }
    return envoySpelling(normalPath) + "/?" + QUERY;
  }

  /**
   * What may follow a prefix: {@code /} then anything but {@code ;}, a {@code %} that does not start two hex digits,
   * {@code %25} and {@code %3B}. Envoy 1.34 keeps {@code ;} parameters (also in {@code ..;x}, which it does not
   * read as a dot segment), escapes of reserved characters and double encodings as sent, where the server behind it
   * (and the language) may read a dot segment that walks out of the prefix: {@code /public/..;x/admin} is
   * {@code /admin} to a server that strips parameters, and {@code /public/..%3Bx/admin} and {@code %252F} are the
   * same after one decoding more. A request that spells its path so is refused (narrower where the language would
   * pass it, a stated fact), never let through (SEMANTICS.md section 3: guarded in the regex where that is cheap).
   */
  static final String PREFIX_TAIL =
      "(/(?:[^;%?]|%(?:[014-9A-Fa-f][0-9A-Fa-f]|2[0-46-9A-Fa-f]|3[0-9AC-Fac-f]))*)?";

  /**
   * A prefix by segment: {@code SPELLING(P)TAIL(\?.*)?} with the {@link #PREFIX_TAIL} guard (the path equals P or
   * continues it with {@code /}), never {@code SPELLING(P).*}, which would be a prefix by character ({@code /api}
   * would match {@code /apiary}); the prefix {@code /} is {@code /.*} (nothing can walk out of the root).
   */
  static String prefixPath(String normalPath) {
    if (normalPath.equals("/")) {
      return "/.*";
    }
    return envoySpelling(normalPath) + PREFIX_TAIL + QUERY;
  }

  /** A user's regex R, which the language matches against the whole path without its query: {@code (?:R)(\?.*)?}. */
  static String regexPath(String regex) {
    return "(?:" + regex + ")" + QUERY;
  }

  /**
   * A host (lower case, as the model keeps it), matched against {@code :authority}, which Envoy compares
   * case-sensitively and which may carry a port: without a port {@code (?i)ESC(H)(:[0-9]+)?}, with one
   * {@code (?i)ESC(H)}.
   */
  static String host(String host) {
    return host.indexOf(':') >= 0 ? "(?i)" + escape(host) : "(?i)" + escape(host) + "(:[0-9]+)?";
  }

  /** A method, matched whole against {@code :method}: {@code ESC(M)}. */
  static String method(String method) {
    return escape(method);
  }

  /**
   * A gRPC call's path: {@code ESC(/package.Service/Method)}, or {@code ESC(/package.Service/)[^/]+} for every
   * method of the service (L7Matcher: a non-empty method without {@code /}; no query guard, since the language
   * reads gRPC on the path as sent).
   */
  static String grpcPath(String service, Optional<String> method) {
    return method.map(m -> escape("/" + service + "/" + m)).orElse(escape("/" + service + "/") + "[^/]+");
  }

  private static boolean passes(int b) {
    return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9'
        || "-._~/!$&()*+,:;=@[]".indexOf(b) >= 0;
  }

  private static void appendEscape(int b, StringBuilder out) {
    out.append('%').append(HEX.charAt(b >> 4)).append(HEX.charAt(b & 0xf));
  }

  /** A run of escapes; case-insensitive when it holds a hex letter (Envoy keeps a client's escape as sent). */
  private static void flushEscapes(StringBuilder escapes, StringBuilder out) {
    if (escapes.length() == 0) {
      return;
    }
    String run = escapes.toString();
    boolean letters = run.chars().anyMatch(c -> c >= 'A' && c <= 'F');
    out.append(letters ? "(?i:" + run + ")" : run);
    escapes.setLength(0);
  }

  /** The bytes of a normal form (its escapes are well formed). */
  private static byte[] percentDecode(String s) {
    byte[] in = s.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
    for (int i = 0; i < in.length; i++) {
      if (in[i] == '%' && i + 2 < in.length) {
        int high = Character.digit(in[i + 1], 16);
        int low = Character.digit(in[i + 2], 16);
        if (high >= 0 && low >= 0) {
          out.write(high << 4 | low);
          i += 2;
          continue;
        }
      }
      out.write(in[i]);
    }
    return out.toByteArray();
  }

  /**
   * An upper bound on RE2's {@code ProgramSize()} for the pattern, as Envoy compiles it (UTF-8, unanchored), or
   * {@link Integer#MAX_VALUE} when the pattern cannot be read.
   *
   * <p>re2j has no program size, and its program (runes, not bytes) is smaller than RE2's, so the pattern is parsed
   * here and counted the way RE2 builds its program (google/re2 at 2024-07-02: {@code re2/compile.cc},
   * {@code re2/simplify.cc}, {@code re2/prog.cc}). ProgramSize is the size after {@code Prog::Flatten}: every
   * instruction that is not an Alt or a Nop (byte range, capture, empty-width, match, fail) is emitted once, in the
   * list of the one root that dominates it, Alts vanish, and each epsilon edge that reaches another root becomes a
   * Nop; an Alt has two edges, so after flattening it costs at most 2. The count is therefore: 5 for the program
   * (fail, match, and the {@code .*?} loop, a byte range and an Alt, of an unanchored start); a literal, its UTF-8
   * bytes; a class, the bytes of the UTF-8 sections RE2 splits its ranges into (the splitting of
   * {@code AddRuneRangeUTF8}, counted without RE2's sharing of common prefixes and suffixes, which only saves, and
   * 6 for RE2's compact 0x80-0x10FFFF form, {@code Add_80_10ffff}); under case folding, a class closed under case
   * without A-Z (RE2's ASCII fold covers it with the a-z instructions), so that {@code (?i)k} also counts KELVIN
   * SIGN and {@code (?i)s} LONG S; a capture 2; an empty-width assertion 1; {@code x?} and {@code x+} x and one Alt,
   * {@code x*} one Alt, two when x is nullable ({@code Quest(Plus(x))}); {@code x{n,m}} as the simplifier expands
   * it, n copies and m-n optional ones; an alternation its branches and one Alt per extra branch. Each term is at
   * least what RE2 emits for it, so the sum is never below RE2's count. Checked against RE2 itself on the table
   * {@code re2-program-sizes.tsv} beside the tests (libre2 2022-06-01; RE2's compiler, simplifier and flattener
   * changed between 2022-06-01 and 2024-07-02, the release before Envoy 1.34, only by factoring fixes and by no
   * longer expanding counted repetitions of empty-width operators) and on the sizes quoted in envoyproxy/envoy#9171,
   * projectcontour/contour#2043 and kumahq/kuma#2139 (RE2 of 2019, whose {@code .} was 6 instructions larger).
   * The lowered prefix form costs 35 plus its spelled length here, 28 plus it to RE2.
   */
  static int programSize(String pattern) {
    try {
      Re2Size parser = new Re2Size(pattern);
      long size = 5 + parser.parse();
      return size > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) size;
    } catch (RuntimeException e) {
      return Integer.MAX_VALUE;
    }
  }

  /** The counting parser of {@link #programSize}: RE2 syntax, each method returning the size of what it read. */
  private static final class Re2Size {
    private static final int FOLD = 1;
    private static final int DOT_NL = 2;
    private static final int MAX_RUNE = 0x10ffff;
    /**
     * What an Alt instruction can cost after flattening: it is dropped, and each of its two edges may become a Nop
     * to another list.
     */
    private static final int ALT = 2;
    private static Map<Integer, List<Integer>> orbits;
    /**
     * The folded cost of each set of ranges measured so far, for every run: few distinct sets occur (the letters
     * and classes of paths and hosts), and the cache is bounded so that hostile input cannot grow it without end.
     */
    private static final Map<String, Long> FOLDED_RANGES = java.util.Collections.synchronizedMap(
        new java.util.LinkedHashMap<String, Long>(256, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > 4096;
          }
        });

    private final String re;
    private int pos;
    /** Whether what the last method read can match the empty string (RE2 compiles a nullable x* differently). */
    private boolean nullable;

    Re2Size(String re) {
      this.re = re;
    }

    long parse() {
      long size = alternation(new int[] {0});
      if (pos != re.length()) {
        throw new IllegalArgumentException("unbalanced ')'");
      }
      return size;
    }

    /** Branches separated by {@code |}, up to {@code )} or the end; {@code flags} may change inside (?i). */
    private long alternation(int[] flags) {
      long total = 0;
      int branches = 0;
      boolean anyNullable = false;
      while (true) {
        total = add(total, concatenation(flags));
        anyNullable |= nullable;
        branches++;
        if (pos < re.length() && re.charAt(pos) == '|') {
          pos++;
          continue;
        }
        nullable = anyNullable;
        return add(total, ALT * (branches - 1));
      }
    }

    private long concatenation(int[] flags) {
      long total = 0;
      boolean allNullable = true;
      while (pos < re.length() && re.charAt(pos) != '|' && re.charAt(pos) != ')') {
        long atom = atom(flags);
        if (atom < 0) {
          continue; // a flag group such as (?i): no instruction
        }
        total = add(total, repetition(atom));
        allNullable &= nullable;
      }
      nullable = allNullable;
      return total;
    }

    /** Quantifiers after an atom (RE2 refuses a repeated one, which the language's checker already did). */
    private long repetition(long atom) {
      long size = atom;
      while (pos < re.length()) {
        char c = re.charAt(pos);
        if (c == '*') {
          size = star(size); // 1 Alt, or Quest(Plus(x)) when x is nullable: 2
          nullable = true;
          pos++;
        } else if (c == '+') {
          size = add(size, ALT);
          pos++;
        } else if (c == '?') {
          size = add(size, ALT);
          nullable = true;
          pos++;
        } else if (c == '{' && repeatEnd(pos) > 0) {
          // RE2's simplifier: x{n,m} is n copies then m-n nested x?; x{n,} is n-1 copies then x+ (x* for n = 0).
          int end = repeatEnd(pos);
          String body = re.substring(pos + 1, end - 1);
          int comma = body.indexOf(',');
          long min = Long.parseLong(comma < 0 ? body : body.substring(0, comma));
          long max = comma < 0 ? min : comma == body.length() - 1 ? -1 : Long.parseLong(body.substring(comma + 1));
          long copies = mul(size, min);
          if (max < 0) {
            size = min == 0 ? star(size) : add(copies, ALT);
          } else {
            size = add(copies, mul(add(size, ALT), max - min));
          }
          nullable = nullable || min == 0;
          pos = end;
        } else {
          break;
        }
        if (pos < re.length() && re.charAt(pos) == '?') {
          pos++; // non-greedy: same instructions
        }
      }
      return size;
    }

    private long star(long size) {
      return add(size, nullable ? 2 * ALT : ALT);
    }

    /** The index after {@code {n}}, {@code {n,}} or {@code {n,m}} at {@code i}, or -1 when it is a literal brace. */
    private int repeatEnd(int i) {
      int j = i + 1;
      int digits = 0;
      while (j < re.length() && Character.isDigit(re.charAt(j))) {
        j++;
        digits++;
      }
      if (digits == 0 || j >= re.length()) {
        return -1;
      }
      if (re.charAt(j) == ',') {
        j++;
        while (j < re.length() && Character.isDigit(re.charAt(j))) {
          j++;
        }
      }
      return j < re.length() && re.charAt(j) == '}' ? j + 1 : -1;
    }

    /** One atom; -1 for a flag group that only changes the flags of the rest of the group. */
    private long atom(int[] flags) {
      char c = re.charAt(pos);
      nullable = false;
      switch (c) {
        case '(':
          return group(flags);
        case '[':
          return bracket(flags[0]);
        case '.':
          pos++;
          return (flags[0] & DOT_NL) != 0 ? rangesCost(List.of(new int[] {0, MAX_RUNE}))
              : rangesCost(List.of(new int[] {0, '\n' - 1}, new int[] {'\n' + 1, MAX_RUNE}));
        case '^':
        case '$':
          pos++;
          nullable = true;
          return 1;
        case '\\':
          return escapeAtom(flags[0]);
        default:
          int cp = re.codePointAt(pos);
          pos += Character.charCount(cp);
          return literal(cp, flags[0]);
      }
    }

    private long group(int[] flags) {
      pos++; // (
      boolean capture = true;
      int[] inner = {flags[0]};
      if (re.startsWith("?P<", pos) || re.startsWith("?<", pos)) {
        pos = re.indexOf('>', pos) + 1;
        if (pos == 0) {
          throw new IllegalArgumentException("bad group name");
        }
      } else if (pos < re.length() && re.charAt(pos) == '?') {
        pos++;
        capture = false;
        int f = flags[0];
        boolean negate = false;
        while (pos < re.length() && re.charAt(pos) != ':' && re.charAt(pos) != ')') {
          char x = re.charAt(pos++);
          int bit = x == 'i' ? FOLD : x == 's' ? DOT_NL : 0;
          if (x == '-') {
            negate = true;
          } else if (x != 'i' && x != 's' && x != 'm' && x != 'U') {
            throw new IllegalArgumentException("bad flag");
          }
          f = negate ? f & ~bit : f | bit;
        }
        if (pos >= re.length()) {
          throw new IllegalArgumentException("missing ')'");
        }
        if (re.charAt(pos) == ')') {
          pos++;
          flags[0] = f; // (?i): the rest of the enclosing group
          return -1;
        }
        pos++; // :
        inner[0] = f;
      }
      long size = alternation(inner);
      if (pos >= re.length() || re.charAt(pos) != ')') {
        throw new IllegalArgumentException("missing ')'");
      }
      pos++;
      return capture ? add(size, 2) : size;
    }

    private long escapeAtom(int flags) {
      if (pos + 1 >= re.length()) {
        throw new IllegalArgumentException("trailing '\\'");
      }
      char e = re.charAt(pos + 1);
      switch (e) {
        case 'b':
        case 'B':
        case 'A':
        case 'z':
          pos += 2;
          nullable = true;
          return 1;
        case 'C':
          pos += 2;
          return 2; // any byte; 1 more for the AltMatch that RE2's optimiser may make of \\C*
        case 'Q': {
          int end = re.indexOf("\\E", pos + 2);
          String text = end < 0 ? re.substring(pos + 2) : re.substring(pos + 2, end);
          pos = end < 0 ? re.length() : end + 2;
          nullable = text.isEmpty();
          long size = 0;
          for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            size = add(size, literal(cp, flags));
          }
          return size;
        }
        default:
          List<int[]> ranges = new ArrayList<>();
          int single = classEscape(ranges);
          if (single >= 0) {
            return literal(single, flags);
          }
          return (flags & FOLD) == 0 ? rangesCost(ranges) : foldedCost(ranges);
      }
    }

    /**
     * A class under case folding: RE2 folds the positive part of a class before negating it, and a Perl or
     * Unicode class as it reads it; either way the class is closed under case, and its A-Z is covered by the
     * folded a-z instructions. Both constructions are counted and the larger taken.
     */
    private static long foldedCost(List<int[]> ranges) {
      // A function of the ranges alone, and costly (it folds against every case orbit): once per set of ranges.
      StringBuilder key = new StringBuilder();
      ranges.forEach(r -> key.append(r[0]).append('-').append(r[1]).append(','));
      return FOLDED_RANGES.computeIfAbsent(key.toString(), k -> foldedCostOf(ranges));
    }

    private static long foldedCostOf(List<int[]> ranges) {
      List<int[]> folded = fold(ranges);
      List<int[]> complement = negate(fold(negate(ranges)));
      return Math.max(rangesCost(minus(merge(folded), 'A', 'Z')), rangesCost(minus(merge(complement), 'A', 'Z')));
    }

    /**
     * An escape at {@code pos} (inside or outside brackets): adds a Perl or Unicode class to {@code ranges} and
     * returns -1, or returns the one rune it stands for.
     */
    private int classEscape(List<int[]> ranges) {
      char e = re.charAt(pos + 1);
      pos += 2;
      switch (e) {
        case 'd':
        case 'D':
        case 's':
        case 'S':
        case 'w':
        case 'W': {
          List<int[]> perl = switch (Character.toLowerCase(e)) {
            case 'd' -> List.of(new int[] {'0', '9'});
            case 's' -> List.of(new int[] {'\t', '\n'}, new int[] {'\f', '\r'}, new int[] {' ', ' '});
            default -> List.of(new int[] {'0', '9'}, new int[] {'A', 'Z'}, new int[] {'_', '_'},
                new int[] {'a', 'z'});
          };
          ranges.addAll(Character.isUpperCase(e) ? negate(perl) : perl);
          return -1;
        }
        case 'p':
        case 'P': {
          String name;
          if (pos < re.length() && re.charAt(pos) == '{') {
            int end = re.indexOf('}', pos);
            name = re.substring(pos + 1, end);
            pos = end + 1;
          } else {
            name = String.valueOf(re.charAt(pos++));
          }
          boolean negated = e == 'P';
          if (name.startsWith("^")) {
            negated = !negated;
            name = name.substring(1);
          }
          List<int[]> u = unicode(name);
          ranges.addAll(negated ? negate(u) : u);
          return -1;
        }
        case 'x': {
          if (pos < re.length() && re.charAt(pos) == '{') {
            int end = re.indexOf('}', pos);
            int cp = Integer.parseInt(re.substring(pos + 1, end), 16);
            pos = end + 1;
            return cp;
          }
          int cp = Integer.parseInt(re.substring(pos, pos + 2), 16);
          pos += 2;
          return cp;
        }
        case 'a':
          return 7;
        case 'f':
          return '\f';
        case 't':
          return '\t';
        case 'n':
          return '\n';
        case 'r':
          return '\r';
        case 'v':
          return 0x0b;
        default:
          if (e >= '0' && e <= '7') {
            int value = e - '0';
            for (int k = 0; k < 2 && pos < re.length() && re.charAt(pos) >= '0' && re.charAt(pos) <= '7'; k++) {
              value = value * 8 + re.charAt(pos++) - '0';
            }
            return value;
          }
          return e; // escaped punctuation
      }
    }

    /** A bracket class at {@code pos}: the cost of its ranges, negated and case-folded as RE2 builds them. */
    private long bracket(int flags) {
      pos++; // [
      boolean negated = false;
      if (pos < re.length() && re.charAt(pos) == '^') {
        negated = true;
        pos++;
      }
      List<int[]> ranges = new ArrayList<>();
      boolean first = true;
      while (pos < re.length() && (re.charAt(pos) != ']' || first)) {
        first = false;
        if (re.startsWith("[:", pos)) {
          int end = re.indexOf(":]", pos + 2);
          String name = re.substring(pos + 2, end);
          pos = end + 2;
          boolean neg = name.startsWith("^");
          List<int[]> posix = posix(neg ? name.substring(1) : name);
          ranges.addAll(neg ? negate(posix) : posix);
          continue;
        }
        int lo = classChar(ranges);
        if (lo < 0) {
          continue;
        }
        int hi = lo;
        if (pos + 1 < re.length() && re.charAt(pos) == '-' && re.charAt(pos + 1) != ']') {
          pos++;
          hi = classChar(ranges);
        }
        ranges.add(new int[] {lo, hi});
      }
      if (pos >= re.length()) {
        throw new IllegalArgumentException("missing ']'");
      }
      pos++; // ]
      if ((flags & FOLD) == 0) {
        return rangesCost(negated ? negate(ranges) : ranges);
      }
      return negated ? foldedCost(negate(ranges)) : foldedCost(ranges);
    }

    private int classChar(List<int[]> ranges) {
      if (re.charAt(pos) == '\\') {
        return classEscape(ranges);
      }
      int cp = re.codePointAt(pos);
      pos += Character.charCount(cp);
      return cp;
    }

    private long literal(int cp, int flags) {
      if ((flags & FOLD) != 0 && orbit(cp).size() > 1) {
        return foldedCost(List.of(new int[] {cp, cp}));
      }
      return utf8Length(cp);
    }

    private static long rangesCost(List<int[]> ranges) {
      long size = 0;
      for (int[] r : merge(ranges)) {
        size = add(size, utf8Cost(r[0], r[1]));
      }
      return size;
    }

    /** RE2's {@code AddRuneRangeUTF8}: the bytes of the sections it emits, each counted whole. */
    private static long utf8Cost(int lo, int hi) {
      if (lo > hi) {
        return 0;
      }
      if (lo == 0x80 && hi == MAX_RUNE) {
        return 6; // Add_80_10ffff: 3 leading byte ranges, 3 continuation ranges
      }
      int[] maxRune = {0x7f, 0x7ff, 0xffff};
      for (int max : maxRune) {
        if (lo <= max && max < hi) {
          return utf8Cost(lo, max) + utf8Cost(max + 1, hi);
        }
      }
      if (hi < 0x80) {
        return 1;
      }
      for (int i = 1; i < 4; i++) {
        int m = (1 << (6 * i)) - 1;
        if ((lo & ~m) != (hi & ~m)) {
          if ((lo & m) != 0) {
            return utf8Cost(lo, lo | m) + utf8Cost((lo | m) + 1, hi);
          }
          if ((hi & m) != m) {
            return utf8Cost(lo, (hi & ~m) - 1) + utf8Cost(hi & ~m, hi);
          }
        }
      }
      return utf8Length(lo);
    }

    private static int utf8Length(int cp) {
      return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    }

    private static List<int[]> merge(List<int[]> ranges) {
      List<int[]> sorted = new ArrayList<>();
      for (int[] r : ranges) {
        sorted.add(new int[] {Math.min(r[0], r[1]), Math.max(r[0], r[1])});
      }
      sorted.sort((a, b) -> Integer.compare(a[0], b[0]));
      List<int[]> out = new ArrayList<>();
      for (int[] r : sorted) {
        if (!out.isEmpty() && r[0] <= out.get(out.size() - 1)[1] + 1) {
          int[] last = out.get(out.size() - 1);
          last[1] = Math.max(last[1], r[1]);
        } else {
          out.add(r.clone());
        }
      }
      return out;
    }

    private static List<int[]> negate(List<int[]> ranges) {
      List<int[]> out = new ArrayList<>();
      int next = 0;
      for (int[] r : merge(ranges)) {
        if (r[0] > next) {
          out.add(new int[] {next, r[0] - 1});
        }
        next = r[1] + 1;
      }
      if (next <= MAX_RUNE) {
        out.add(new int[] {next, MAX_RUNE});
      }
      return out;
    }

    private static List<int[]> minus(List<int[]> ranges, int lo, int hi) {
      List<int[]> out = new ArrayList<>();
      for (int[] r : ranges) {
        if (r[1] < lo || r[0] > hi) {
          out.add(r);
          continue;
        }
        if (r[0] < lo) {
          out.add(new int[] {r[0], lo - 1});
        }
        if (r[1] > hi) {
          out.add(new int[] {hi + 1, r[1]});
        }
      }
      return out;
    }

    /** The ranges with every case variant of their letters added. */
    private static List<int[]> fold(List<int[]> ranges) {
      List<int[]> out = new ArrayList<>(ranges);
      orbit('a');
      for (int[] r : merge(ranges)) {
        for (Map.Entry<Integer, List<Integer>> e : orbits.entrySet()) {
          if (e.getKey() >= r[0] && e.getKey() <= r[1]) {
            for (int other : e.getValue()) {
              out.add(new int[] {other, other});
            }
          }
        }
      }
      return merge(out);
    }

    /** The runes that compare equal to {@code cp} ignoring case (Java's tables, a superset of simple folding). */
    private static synchronized List<Integer> orbit(int cp) {
      if (orbits == null) {
        Map<Integer, List<Integer>> byKey = new HashMap<>();
        for (int c = 0; c <= MAX_RUNE; c++) {
          int key = Character.toLowerCase(Character.toUpperCase(c));
          if (key != c || Character.toUpperCase(c) != c || Character.toLowerCase(c) != c) {
            byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(c);
          }
        }
        Map<Integer, List<Integer>> byRune = new HashMap<>();
        for (List<Integer> members : byKey.values()) {
          for (int m : members) {
            byRune.put(m, members);
          }
        }
        orbits = byRune;
      }
      List<Integer> members = orbits.get(cp);
      if (members == null) {
        return List.of(cp);
      }
      List<Integer> all = new ArrayList<>(members);
      if (!all.contains(cp)) {
        all.add(cp);
      }
      return all;
    }

    private static List<int[]> posix(String name) {
      return switch (name) {
        case "alnum" -> List.of(new int[] {'0', '9'}, new int[] {'A', 'Z'}, new int[] {'a', 'z'});
        case "alpha" -> List.of(new int[] {'A', 'Z'}, new int[] {'a', 'z'});
        case "ascii" -> List.of(new int[] {0, 0x7f});
        case "blank" -> List.of(new int[] {'\t', '\t'}, new int[] {' ', ' '});
        case "cntrl" -> List.of(new int[] {0, 0x1f}, new int[] {0x7f, 0x7f});
        case "digit" -> List.of(new int[] {'0', '9'});
        case "graph" -> List.of(new int[] {'!', '~'});
        case "lower" -> List.of(new int[] {'a', 'z'});
        case "print" -> List.of(new int[] {' ', '~'});
        case "punct" -> List.of(new int[] {'!', '/'}, new int[] {':', '@'}, new int[] {'[', '`'},
            new int[] {'{', '~'});
        case "space" -> List.of(new int[] {'\t', '\r'}, new int[] {' ', ' '});
        case "upper" -> List.of(new int[] {'A', 'Z'});
        case "word" -> List.of(new int[] {'0', '9'}, new int[] {'A', 'Z'}, new int[] {'_', '_'},
            new int[] {'a', 'z'});
        case "xdigit" -> List.of(new int[] {'0', '9'}, new int[] {'A', 'F'}, new int[] {'a', 'f'});
        default -> throw new IllegalArgumentException("unknown POSIX class " + name);
      };
    }

    /**
     * A Unicode class by general category or script, from Java's tables (Unicode versions differ a little from
     * RE2's: the estimate of such a class is far over any limit that matters here anyway).
     */
    private static List<int[]> unicode(String name) {
      java.util.function.IntPredicate member;
      if (name.equals("Any")) {
        member = c -> true;
      } else if (name.length() <= 2 && Character.isUpperCase(name.charAt(0))) {
        member = c -> category(Character.getType(c)).startsWith(name);
      } else {
        Character.UnicodeScript script = Character.UnicodeScript.forName(name.toUpperCase(Locale.ROOT));
        member = c -> Character.UnicodeScript.of(c) == script;
      }
      List<int[]> out = new ArrayList<>();
      int start = -1;
      for (int c = 0; c <= MAX_RUNE + 1; c++) {
        boolean in = c <= MAX_RUNE && member.test(c);
        if (in && start < 0) {
          start = c;
        } else if (!in && start >= 0) {
          out.add(new int[] {start, c - 1});
          start = -1;
        }
      }
      return out;
    }

    private static String category(int type) {
      return switch (type) {
        case Character.UPPERCASE_LETTER -> "Lu";
        case Character.LOWERCASE_LETTER -> "Ll";
        case Character.TITLECASE_LETTER -> "Lt";
        case Character.MODIFIER_LETTER -> "Lm";
        case Character.OTHER_LETTER -> "Lo";
        case Character.NON_SPACING_MARK -> "Mn";
        case Character.ENCLOSING_MARK -> "Me";
        case Character.COMBINING_SPACING_MARK -> "Mc";
        case Character.DECIMAL_DIGIT_NUMBER -> "Nd";
        case Character.LETTER_NUMBER -> "Nl";
        case Character.OTHER_NUMBER -> "No";
        case Character.SPACE_SEPARATOR -> "Zs";
        case Character.LINE_SEPARATOR -> "Zl";
        case Character.PARAGRAPH_SEPARATOR -> "Zp";
        case Character.CONTROL -> "Cc";
        case Character.FORMAT -> "Cf";
        case Character.PRIVATE_USE -> "Co";
        case Character.SURROGATE -> "Cs";
        case Character.DASH_PUNCTUATION -> "Pd";
        case Character.START_PUNCTUATION -> "Ps";
        case Character.END_PUNCTUATION -> "Pe";
        case Character.CONNECTOR_PUNCTUATION -> "Pc";
        case Character.OTHER_PUNCTUATION -> "Po";
        case Character.MATH_SYMBOL -> "Sm";
        case Character.CURRENCY_SYMBOL -> "Sc";
        case Character.MODIFIER_SYMBOL -> "Sk";
        case Character.OTHER_SYMBOL -> "So";
        case Character.INITIAL_QUOTE_PUNCTUATION -> "Pi";
        case Character.FINAL_QUOTE_PUNCTUATION -> "Pf";
        default -> "Cn";
      };
    }

    private static long add(long a, long b) {
      long s = a + b;
      return s < 0 || s > Integer.MAX_VALUE ? Integer.MAX_VALUE : s;
    }

    private static long mul(long a, long b) {
      if (a == 0 || b == 0) {
        return 0;
      }
      return a > Integer.MAX_VALUE / b ? Integer.MAX_VALUE : a * b;
    }
  }
}

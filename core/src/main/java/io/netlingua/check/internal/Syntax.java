package io.netlingua.check.internal;

import io.netlingua.model.HttpPaths;
import java.util.Optional;
import java.util.function.IntPredicate;

/**
 * The syntax of the names and values a program carries, checked the way Kubernetes (and, for L7 values, HTTP and
 * Kafka) check them. Each method returns what is wrong with a value, or nothing when it is valid; the caller turns
 * the problem into a diagnostic of the right code.
 *
 * <p>Sources of the Kubernetes rules (the functions are named on each method):
 *
 * <ul>
 *   <li>IsDNS1123Label, IsDNS1123Subdomain, IsDNS1035Label, IsQualifiedName, IsValidLabelValue, IsValidPortName:
 *       https://github.com/kubernetes/apimachinery/blob/master/pkg/util/validation/validation.go
 *   <li>which check each object uses (ValidateNamespaceName = NameIsDNSLabel, ValidateServiceName =
 *       NameIsDNS1035Label, ValidateServiceAccountName = a DNS-1123 subdomain):
 *       https://github.com/kubernetes/kubernetes/blob/master/pkg/apis/core/validation/validation.go
 *   <li>label syntax as users read it: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/
 * </ul>
 *
 * <p>Every label, name and namespace of a program passes here, so the character classes are tested by hand (the
 * regular expression each one stands for is in its comment): a matcher per value cost more than the rest of the
 * check.
 */
public final class Syntax {
  /** RFC 7230 section 3.2.6: token = 1*tchar, tchar = {@code [!#$%&'*+.^_`|~0-9A-Za-z-]}. */
  private static final String TCHAR_SYMBOLS = "!#$%&'*+.^_`|~-";

  private static final int LABEL_MAX = 63;
  private static final int SUBDOMAIN_MAX = 253;

  private Syntax() {}

  /** A DNS-1123 label (IsDNS1123Label): namespace names. */
  public static Optional<String> dns1123Label(String s) {
    if (s.length() > LABEL_MAX) {
      return tooLong(s, LABEL_MAX);
    }
    return isDns1123Label(s, 0, s.length())
        ? Optional.empty()
        : Optional.of("must be lower-case letters, digits and '-', starting and ending with a letter or digit");
  }

  /** A DNS-1123 subdomain (IsDNS1123Subdomain): service account names, label key prefixes. */
  public static Optional<String> dns1123Subdomain(String s) {
    if (s.length() > SUBDOMAIN_MAX) {
      return tooLong(s, SUBDOMAIN_MAX);
    }
    return isDns1123Subdomain(s)
        ? Optional.empty()
        : Optional.of(
            "must be dot-separated lower-case labels of letters, digits and '-', each starting and ending with a"
                + " letter or digit");
  }

  /** A DNS-1035 label (IsDNS1035Label): Service names, which must start with a letter. */
  public static Optional<String> dns1035Label(String s) {
    if (s.length() > LABEL_MAX) {
      return tooLong(s, LABEL_MAX);
    }
    return !s.isEmpty() && lower(s.charAt(0)) && isDns1123Label(s, 0, s.length())
        ? Optional.empty()
        : Optional.of(
            "must be lower-case letters, digits and '-', starting with a letter and ending with a letter or"
                + " digit");
  }

  /**
   * A label key (IsQualifiedName): an optional DNS-1123 subdomain prefix and {@code /}, then a name of at most 63
   * characters of {@code [-A-Za-z0-9_.]} that starts and ends with a letter or digit.
   */
  public static Optional<String> labelKey(String key) {
    int slash = key.indexOf('/');
    String name = key;
    if (slash >= 0) {
      String prefix = key.substring(0, slash);
      name = key.substring(slash + 1);
      if (name.indexOf('/') >= 0) {
        return Optional.of("may contain at most one '/'");
      }
      if (prefix.isEmpty()) {
        return Optional.of("has an empty prefix before '/'");
      }
      Optional<String> p = dns1123Subdomain(prefix);
      if (p.isPresent()) {
        return Optional.of("has a prefix that " + p.get());
      }
    }
    if (name.isEmpty()) {
      return Optional.of("has an empty name");
    }
    if (name.length() > LABEL_MAX) {
      return Optional.of("has a name longer than " + LABEL_MAX + " characters");
    }
    return isQualifiedName(name)
        ? Optional.empty()
        : Optional.of(
            "has a name that must be letters, digits, '-', '_' and '.', starting and ending with a letter or"
                + " digit");
  }

  /** A label value (IsValidLabelValue): empty, or at most 63 characters with the charset of a key's name. */
  public static Optional<String> labelValue(String value) {
    if (value.isEmpty()) {
      return Optional.empty();
    }
    if (value.length() > LABEL_MAX) {
      return tooLong(value, LABEL_MAX);
    }
    return isQualifiedName(value)
        ? Optional.empty()
        : Optional.of("must be letters, digits, '-', '_' and '.', starting and ending with a letter or digit");
  }

  /**
   * An IANA service name (IsValidPortName, RFC 6335 section 5.1): 1 to 15 characters of {@code [-a-z0-9]}, at
   * least one letter, no leading, trailing or doubled {@code -}.
   */
  public static Optional<String> portName(String s) {
    if (s.isEmpty() || s.length() > 15) {
      return Optional.of("must be 1 to 15 characters long");
    }
    boolean letter = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!lower(c) && !digit(c) && c != '-') {
        return Optional.of("may contain only lower-case letters, digits and '-'");
      }
      letter |= lower(c);
    }
    if (!letter) {
      return Optional.of("must contain at least one letter");
    }
    if (s.startsWith("-") || s.endsWith("-") || s.contains("--")) {
      return Optional.of("may not start or end with '-' nor contain '--'");
    }
    return Optional.empty();
  }

  /**
   * An fqdn or dns pattern: dot-separated labels of {@code [-a-z0-9_]} and {@code *} (lower case: the model keeps
   * patterns in lower case), no label empty, starting or ending with {@code -}, or longer than 63; at most 253
   * characters. A {@code *} matches inside one label, so a pattern that starts with {@code *} must continue with
   * {@code .} (Cilium reads a bare leading {@code *} as "this name and all subdomains"). No trailing dot: names
   * are written relative to the root, so that one name has one spelling. {@code _} is accepted because service
   * labels such as {@code _sip._tcp} are queried over DNS and Cilium accepts them.
   */
  public static Optional<String> fqdnPattern(String s) {
    if (s.isEmpty()) {
      return Optional.of("is empty");
    }
    if (s.length() > SUBDOMAIN_MAX) {
      return tooLong(s, SUBDOMAIN_MAX);
    }
    if (s.endsWith(".")) {
      return Optional.of("ends with '.': write the name without the trailing dot");
    }
    if (s.startsWith("*") && !s.startsWith("*.")) {
      return Optional.of("starts with '*' not followed by '.': a '*' matches inside one label only");
    }
    for (int start = 0; start <= s.length(); ) {
      int dot = s.indexOf('.', start);
      int end = dot < 0 ? s.length() : dot;
      if (end == start) {
        return Optional.of("has an empty label");
      }
      if (end - start > LABEL_MAX) {
        return Optional.of("has a label longer than " + LABEL_MAX + " characters");
      }
      if (!isFqdnLabel(s, start, end)) {
        return Optional.of(
            "has a label that is not lower-case letters, digits, '-', '_' and '*', starting and ending"
                + " with a letter, digit or '*'");
      }
      start = end + 1;
    }
    return Optional.empty();
  }

  /**
   * An HTTP method: an upper-case RFC 7230 token of letters, words joined by {@code -} or {@code _} (so that
   * {@code VERSION-CONTROL} passes), or {@code *} for any method.
   */
  public static Optional<String> httpMethod(String s) {
    return s.equals("*") || isMethod(s)
        ? Optional.empty()
        : Optional.of("must be upper-case letters (GET, POST, ...) or *");
  }

  /**
   * Upper-case words joined by single {@code -} or {@code _}, checked by hand: java.util.regex recurses once per
   * repetition of a group, and a 64 KiB token would overflow the stack.
   */
  private static boolean isMethod(String s) {
    boolean wordExpected = true;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        wordExpected = false;
      } else if ((c == '-' || c == '_') && !wordExpected) {
        wordExpected = true;
      } else {
        return false;
      }
    }
    return !wordExpected;
  }

  /** An HTTP path of an exact or prefix match: starts with {@code /}, no whitespace or control character. */
  public static Optional<String> httpPath(String s) {
    if (!s.startsWith("/")) {
      return Optional.of("must start with '/'");
    }
    for (int i = 0; i < s.length(); ) {
      int c = s.codePointAt(i);
      if (Character.isWhitespace(c) || Character.isISOControl(c)) {
        return Optional.of("contains whitespace or a control character");
      }
      if (c == '?' || c == '#') {
        return Optional.of("holds '" + (char) c + "': a path clause reads the path without its "
            + (c == '?' ? "query string" : "fragment"));
      }
      i += Character.charCount(c);
    }
    Optional<String> malformed = HttpPaths.malformation(s);
    if (malformed.isPresent()) {
      return malformed;
    }
    String normal = HttpPaths.normalise(s).orElseThrow();
    return isNormal(s, normal)
        ? Optional.empty()
        : Optional.of("is read as the server will serve it, '" + normal + "'");
  }

  /**
   * Whether an exact or prefix path clause reads as it matches: its literal form (decoded once) is its normal form,
   * but for one trailing {@code /}. Dot segments, {@code ;} parameters, {@code \} and repeated slashes would make it
   * match paths it does not show.
   */
  private static boolean isNormal(String path, String normal) {
    String literal = HttpPaths.literal(path).orElseThrow();
    int n = literal.length();
    if (n > 2 && literal.charAt(n - 1) == '/' && literal.charAt(n - 2) != '/') {
      literal = literal.substring(0, n - 1);
    }
    return literal.equals(normal);
  }

  /** An HTTP host: a DNS name (labels of letters, digits and {@code -}), optionally {@code :port} (1-65535). */
  public static Optional<String> httpHost(String s) {
    String host = s;
    int colon = s.lastIndexOf(':');
    if (colon >= 0) {
      host = s.substring(0, colon);
      String port = s.substring(colon + 1);
      if (port.isEmpty() || port.length() > 5 || !allDigits(port)
          || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
        return Optional.of("has a port that is not 1 to 65535");
      }
    }
    return dns1123Subdomain(host);
  }

  /** An HTTP header name: an RFC 7230 token. */
  public static Optional<String> headerName(String s) {
    return isToken(s)
        ? Optional.empty()
        : Optional.of("is not an HTTP token (letters, digits and !#$%&'*+-.^_`|~)");
  }

  /** An HTTP header value: no control character but tab (RFC 7230 field-value), so that it cannot split lines. */
  public static Optional<String> headerValue(String s) {
    for (int i = 0; i < s.length(); ) {
      int c = s.codePointAt(i);
      if (c != '\t' && Character.isISOControl(c)) {
        return Optional.of("contains a control character");
      }
      i += Character.charCount(c);
    }
    return Optional.empty();
  }

  /**
   * A Kafka topic (org.apache.kafka.common.internals.Topic.validate): 1 to 249 characters of
   * {@code [a-zA-Z0-9._-]}, and neither {@code .} nor {@code ..}.
   */
  public static Optional<String> kafkaTopic(String s) {
    if (s.isEmpty() || s.length() > 249) {
      return Optional.of("must be 1 to 249 characters long");
    }
    if (s.equals(".") || s.equals("..")) {
      return Optional.of("may not be '.' or '..'");
    }
    return isKafkaName(s)
        ? Optional.empty()
        : Optional.of("may contain only letters, digits, '.', '_' and '-'");
  }

  /** A Kafka client id: 1 to 255 characters of {@code [a-zA-Z0-9._-]}, the charset Kafka's quotas accept. */
  public static Optional<String> kafkaClientId(String s) {
    if (s.isEmpty() || s.length() > 255) {
      return Optional.of("must be 1 to 255 characters long");
    }
    return isKafkaName(s)
        ? Optional.empty()
        : Optional.of("may contain only letters, digits, '.', '_' and '-'");
  }

  private static Optional<String> tooLong(String s, int max) {
    return Optional.of("is " + s.length() + " characters long, more than " + max);
  }

  // ---- character classes -------------------------------------------------------------------------------------

  /** {@code [a-z0-9]([-a-z0-9]*[a-z0-9])?} over {@code s[from, to)}. */
  private static boolean isDns1123Label(String s, int from, int to) {
    if (from >= to || s.charAt(from) == '-' || s.charAt(to - 1) == '-') {
      return false;
    }
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (!lower(c) && !digit(c) && c != '-') {
        return false;
      }
    }
    return true;
  }

  /** A DNS-1123 label, then any number of {@code .} and another label. */
  private static boolean isDns1123Subdomain(String s) {
    int start = 0;
    while (true) {
      int dot = s.indexOf('.', start);
      int end = dot < 0 ? s.length() : dot;
      if (!isDns1123Label(s, start, end)) {
        return false;
      }
      if (dot < 0) {
        return true;
      }
      start = dot + 1;
    }
  }

  /** {@code [A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?}. */
  private static boolean isQualifiedName(String s) {
    int last = s.length() - 1;
    if (last < 0 || !alphanumeric(s.charAt(0)) || !alphanumeric(s.charAt(last))) {
      return false;
    }
    for (int i = 1; i < last; i++) {
      char c = s.charAt(i);
      if (!alphanumeric(c) && c != '-' && c != '_' && c != '.') {
        return false;
      }
    }
    return true;
  }

  /** {@code [a-z0-9_*]([-a-z0-9_*]*[a-z0-9_*])?} over {@code s[from, to)}. */
  private static boolean isFqdnLabel(String s, int from, int to) {
    if (from >= to || s.charAt(from) == '-' || s.charAt(to - 1) == '-') {
      return false;
    }
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (!lower(c) && !digit(c) && c != '-' && c != '_' && c != '*') {
        return false;
      }
    }
    return true;
  }

  /** {@code [!#$%&'*+.^_`|~0-9A-Za-z-]+}. */
  private static boolean isToken(String s) {
    return nonEmptyAndAll(s, c -> alphanumeric((char) c) || TCHAR_SYMBOLS.indexOf(c) >= 0);
  }

  /** {@code [a-zA-Z0-9._-]+}. */
  private static boolean isKafkaName(String s) {
    return nonEmptyAndAll(s, c -> alphanumeric((char) c) || c == '.' || c == '_' || c == '-');
  }

  /** Whether a string has a character and every character passes the test. */
  private static boolean nonEmptyAndAll(String s, IntPredicate test) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (!test.test(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean allDigits(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (!digit(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean lower(char c) {
    return c >= 'a' && c <= 'z';
  }

  private static boolean digit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean alphanumeric(char c) {
    return lower(c) || (c >= 'A' && c <= 'Z') || digit(c);
  }
}

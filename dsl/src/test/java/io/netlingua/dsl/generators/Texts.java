package io.netlingua.dsl.generators;

import java.util.List;
import java.util.Set;

/**
 * Random texts that satisfy the syntax LANGUAGE.md (and Kubernetes) demand of each kind of name, with a bias
 * towards the awkward cases: keywords used as words, words that start with a digit, the longest names allowed,
 * quotes, backslashes and non-ASCII text in strings.
 */
final class Texts {
  /** The reserved words of the language: never the name of a {@code let}. */
  static final Set<String> RESERVED = Set.of(
      "namespace", "namespaces", "import", "let", "policy", "cluster", "in", "select", "description", "ingress",
      "egress", "log", "allow", "deny", "from", "to", "on", "pods", "any", "serviceaccount", "service", "cidr",
      "except", "fqdn", "world", "nodes", "host", "kube-apiserver", "tcp", "udp", "sctp", "icmp", "icmpv6", "type",
      "code", "http", "grpc", "kafka", "dns", "path", "prefix", "regex", "header", "produce", "consume", "topic",
      "client", "notin");

  private static final String LOWER = "abcdefghijklmnopqrstuvwxyz";
  private static final String DIGITS = "0123456789";
  private static final String LOWER_ALNUM = LOWER + DIGITS;
  private static final String ALNUM = LOWER_ALNUM + "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  private static final List<String> KEYWORDS =
      List.of("in", "namespace", "tcp", "http", "dns", "kafka", "pods", "select", "any", "world", "notin", "type");

  private final Rnd rnd;

  Texts(Rnd rnd) {
    this.rnd = rnd;
  }

  /** First and last from {@code ends}, the middle from {@code ends + middle}; mostly short, sometimes max long. */
  private String shaped(String first, String ends, String middle, int max) {
    int length = rnd.chance(3) ? max : rnd.between(1, Math.min(max, 10));
    if (length == 1) {
      return rnd.chars(first, 1);
    }
    return rnd.chars(first, 1) + rnd.chars(ends + middle, length - 2) + rnd.chars(ends, 1);
  }

  /** A policy or {@code let} name: {@code [a-z]([-a-z0-9]*[a-z0-9])?}, at most 63 characters. */
  String name() {
    return shaped(LOWER, LOWER_ALNUM, "-", 63);
  }

  /** A DNS-1123 label: a namespace name. */
  String dnsLabel() {
    return shaped(LOWER_ALNUM, LOWER_ALNUM, "-", 63);
  }

  /** A namespace: a DNS-1123 label, sometimes a keyword or one that starts with a digit. */
  String namespace() {
    return rnd.chance(15) ? rnd.pick("in", "tcp", "namespace", "9lives", "kube-system", "0") : dnsLabel();
  }

  /** A DNS-1123 subdomain of one to three labels, short enough for every use here. */
  String subdomain() {
    int labels = rnd.between(1, 3);
    StringBuilder sb = new StringBuilder(dnsLabelShort());
    for (int i = 1; i < labels; i++) {
      sb.append('.').append(dnsLabelShort());
    }
    return sb.toString();
  }

  private String dnsLabelShort() {
    return shaped(LOWER_ALNUM, LOWER_ALNUM, "-", 12);
  }

  /** The name part of a label key, or a label value: {@code [A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?}, ≤ 63. */
  String labelName() {
    return rnd.chance(15) ? rnd.pick(KEYWORDS) : shaped(ALNUM, ALNUM, "-_.", 63);
  }

  /** A label key, sometimes with a DNS prefix ({@code example.com/tier}). */
  String labelKey() {
    return rnd.chance(20) ? subdomain() + "/" + labelName() : labelName();
  }

  /** A label value, sometimes empty (Kubernetes allows it). */
  String labelValue() {
    return rnd.chance(5) ? "" : labelName();
  }

  /** A Service name: a DNS-1035 label (it starts with a letter). */
  String serviceName() {
    return rnd.chance(10) ? rnd.pick("kafka", "dns", "http") : name();
  }

  /** A service account name: a DNS-1123 subdomain. */
  String serviceAccountName() {
    return subdomain();
  }

  /** A named port: an IANA service name (≤ 15 of {@code [a-z0-9-]}, a letter, no {@code --}, no edge hyphen). */
  String namedPort() {
    if (rnd.chance(20)) {
      return rnd.pick("http", "metrics", "grpc-web", "1http", "dns", "tcp", "h2c");
    }
    StringBuilder sb = new StringBuilder(rnd.chars(LOWER, 1)).append(rnd.chars(LOWER_ALNUM, rnd.between(0, 5)));
    if (rnd.chance(40)) {
      sb.append('-').append(rnd.chars(LOWER_ALNUM, rnd.between(1, 6)));
    }
    return rnd.chance(20) ? rnd.chars(DIGITS, 1) + sb : sb.toString();
  }

  /** A host name of two to four labels, lower case. */
  String hostName() {
    int labels = rnd.between(2, 4);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < labels - 1; i++) {
      sb.append(dnsLabelShort()).append('.');
    }
    return sb.append(rnd.pick("com", "io", "example", "net")).toString();
  }

  /**
   * An fqdn or dns pattern: a host name, or one with a leading {@code *.}, or with a {@code *} inside its first
   * label (never at the start of the name without a following dot).
   */
  String namePattern() {
    String host = hostName();
    int choice = rnd.between(0, 9);
    if (choice < 2) {
      return "*." + host;
    }
    if (choice < 3) {
      int dot = host.indexOf('.');
      int at = rnd.between(1, dot);
      return host.substring(0, at) + "*" + host.substring(at);
    }
    return host;
  }

  /** A description: words with quotes, backslashes and non-ASCII text; never a control character. */
  String description() {
    if (rnd.chance(5)) {
      return "";
    }
    List<String> pieces = List.of("Orders API", "only", "the web tier", "say \"hi\"", "C:\\temp\\", "héllo",
        "日本語", "✓", "🚀 rocket", "\\\"", "#not a comment", "// nor this", "{ braces }", "tab-free");
    int words = rnd.between(1, 5);
    StringBuilder sb = new StringBuilder(rnd.pick(pieces));
    for (int i = 1; i < words; i++) {
      sb.append(' ').append(rnd.pick(pieces));
    }
    return sb.toString();
  }

  /** An HTTP path: {@code /} then segments of URL-safe characters. */
  String httpPath() {
    int segments = rnd.between(0, 3);
    StringBuilder sb = new StringBuilder("/");
    for (int i = 0; i < segments; i++) {
      sb.append(shaped(LOWER_ALNUM, LOWER_ALNUM, "-_.", 12));
      if (i < segments - 1 || rnd.chance(30)) {
        sb.append('/');
      }
    }
    return sb.toString();
  }

  /** An RE2 regular expression over paths, some with backslashes and quotes. */
  String pathRegex() {
    return rnd.pick("/api/v[0-9]+/items/.*", "/items/\\d+", "/(orders|carts)/[a-z]{2,8}", "/say/\"hi\"",
        "/files/.+\\.txt", ".*");
  }

  /** A gRPC service, {@code package.Service}. */
  String grpcService() {
    return rnd.pick("shop.v1", "io.netlingua.api", "svc") + "." + rnd.pick("Orders", "Cart", "Health", "X");
  }

  /** A gRPC method. */
  String grpcMethod() {
    return rnd.pick("Get", "List", "Watch", "Check", "DoIt2");
  }

  /** A Kafka topic or client id: {@code [a-zA-Z0-9._-]}. */
  String kafkaName() {
    return shaped(ALNUM, ALNUM, "._-", 40);
  }

  /** An HTTP header name (a token). */
  String headerName() {
    return rnd.pick("X-Tenant", "Authorization", "x-request-id", "Accept", "X-B3-TraceId");
  }

  /** An HTTP header value (visible ASCII and spaces). */
  String headerValue() {
    return rnd.pick("1", "Bearer abc.def", "text/html", "a b c", "tenant-42");
  }
}

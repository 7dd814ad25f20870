package io.netlingua.emit;

import io.netlingua.emit.lowering.Draw;
import io.netlingua.eval.Endpoint;
import io.netlingua.eval.Flow;
import io.netlingua.eval.FlowProtocol;
import io.netlingua.eval.HttpRequest;
import io.netlingua.eval.KafkaRequest;
import io.netlingua.model.DnsBlock;
import io.netlingua.model.DnsRule;
import io.netlingua.model.GrpcBlock;
import io.netlingua.model.GrpcRule;
import io.netlingua.model.HttpBlock;
import io.netlingua.model.HttpRule;
import io.netlingua.model.KafkaBlock;
import io.netlingua.model.KafkaRule;
import io.netlingua.model.L7Block;
import io.netlingua.model.Policy;
import io.netlingua.model.Program;
import io.netlingua.model.Rule;
import io.netlingua.model.RuleBlock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * L7 requests on the boundaries of a program's own L7 alternatives, for the property tests of every target
 * that judges L7 (the neutral evaluator against a target's): a wrong lowering of a path, host, header, method,
 * gRPC, Kafka or DNS clause lets one of them through or stops it, where requests made up without looking at the
 * program would rarely come near a clause. Built for the programs of {@link RandomPrograms}, whose L7 blocks sit
 * on TCP {@value #HTTP_PORT} (HTTP, gRPC), TCP {@value #KAFKA_PORT} (Kafka) and UDP {@value #DNS_PORT} (DNS).
 *
 * <p>What {@link #of} derives, one clause varied at a time around a request that meets the rest of its
 * alternative (so that the varied clause decides):
 *
 * <ul>
 *   <li>HTTP paths (LANGUAGE.md, L7 block: every path clause reads the normalised path): for an exact or prefix
 *       path, the path itself, the prefix without and with its trailing {@code /}, one segment below, just past
 *       the boundary ({@code /api} to {@code /apiary}, {@code /api-x}), with a query string, with a dot segment
 *       that stays below and one that escapes (plain and percent-encoded), with an encoded separator and an
 *       encoded letter ({@code /api%2Fv1}, {@code /%61pi}), with a {@code ;} parameter, with doubled slashes,
 *       with a {@code \}, with a double-encoded separator ({@code %252F}) and with an encoded NUL (both
 *       malformed: they match no path clause); for a regex, the paths {@link RandomPrograms.PathRegex} lists
 *       near it and the variants of the first;
 *   <li>the alternative's method (or {@code GET} for {@code *}) and another one;
 *   <li>for a host clause: no host, the host, its upper case, the name without a port, with port 8080 and with
 *       port 9090;
 *   <li>for each header clause: the header left out, sent with another value, and its name in upper case;
 *   <li>gRPC: the method (for a whole service, {@code Get}), another method of the service, a service whose name
 *       continues the rule's ({@code pkg.OrdersAdmin}), the path with {@code GET}, no method and a nested one;
 *   <li>Kafka: each role on each topic the program names and one it does not, with each client id the program
 *       names, another and none;
 *   <li>DNS: for a name, the name, its upper case, a name below and the parent; for {@code *.rest}, a name that
 *       matches in upper and lower case, {@code rest} itself and a name two labels below.
 * </ul>
 *
 * <p>Each list starts with a plain request ({@code GET /}, produce to {@code orders}, {@code api.example.com}),
 * so that a program without L7 blocks still sends one through every L4 allow, and shrinking leads to it. The
 * model folds the case of a request's host and header names ({@link HttpRequest}) and of a DNS name
 * ({@link Flow}); the upper-case forms are sent all the same, so that they test case-insensitivity should the
 * folding move out of the model. Until then an HTTP one merges with its lower-case form in the list, and a DNS
 * one repeats its lower-case form.
 *
 * <p>A program's lists run to a hundred requests or more, too many to try on every pair of ends: {@link #sample}
 * tries a window of each list, drawn per pair, so that the pairs of one case share the lists out among them and
 * the cost of a case stays bounded.
 */
public final class RandomRequests {
  /** The port of the HTTP and gRPC blocks of {@link RandomPrograms}. */
  public static final int HTTP_PORT = 80;

  /** The port of its Kafka blocks. */
  public static final int KAFKA_PORT = 9092;

  /** The (UDP) port of its DNS blocks. */
  public static final int DNS_PORT = 53;

  /** How many HTTP (and gRPC) requests one pair of ends is tried with. */
  static final int HTTP_PER_PAIR = 16;

  /** How many Kafka requests one pair of ends is tried with. */
  static final int KAFKA_PER_PAIR = 4;

  /** How many DNS queries one pair of ends is tried with. */
  static final int DNS_PER_PAIR = 4;

  private final List<HttpRequest> http;
  private final List<KafkaRequest> kafka;
  private final List<String> dns;

  private RandomRequests(List<HttpRequest> http, List<KafkaRequest> kafka, List<String> dns) {
    this.http = List.copyOf(http);
    this.kafka = List.copyOf(kafka);
    this.dns = List.copyOf(dns);
  }

  /** The requests on the boundaries of every L7 alternative of the program, without repeats, in its order. */
  public static RandomRequests of(Program program) {
    Set<HttpRequest> http = new LinkedHashSet<>(List.of(HttpRequest.of("GET", "/")));
    Set<String> dns = new LinkedHashSet<>(List.of("api.example.com"));
    List<KafkaRule> kafka = new ArrayList<>();
    for (L7Block block : blocks(program)) {
      block.accept(new L7Block.Visitor<Void>() {
        @Override
        public Void http(HttpBlock b) {
          b.rules().forEach(r -> RandomRequests.http(r, http));
          return null;
        }

        @Override
        public Void grpc(GrpcBlock b) {
          b.rules().forEach(r -> RandomRequests.grpc(r, http));
          return null;
        }

        @Override
        public Void kafka(KafkaBlock b) {
          kafka.addAll(b.rules());
          return null;
        }

        @Override
        public Void dns(DnsBlock b) {
          b.rules().forEach(r -> dns.addAll(names(r.pattern())));
          return null;
        }
      });
    }
    return new RandomRequests(List.copyOf(http), kafka(kafka), List.copyOf(dns));
  }

  /** The HTTP and gRPC requests, for TCP {@value #HTTP_PORT}. */
  public List<HttpRequest> http() {
    return http;
  }

  /** The Kafka requests, for TCP {@value #KAFKA_PORT}. */
  public List<KafkaRequest> kafka() {
    return kafka;
  }

  /** The DNS names queried, for UDP {@value #DNS_PORT}. */
  public List<String> dns() {
    return dns;
  }

  /**
   * Flows from source to destination carrying a window of each list: {@value #HTTP_PER_PAIR} HTTP requests,
   * {@value #KAFKA_PER_PAIR} Kafka requests and {@value #DNS_PER_PAIR} DNS queries, from a place drawn per
   * list (a shorter list is tried whole). The bare connections are not among them: they carry no request.
   */
  public List<Flow> sample(Draw d, Endpoint source, Endpoint destination) {
    List<Flow> out = new ArrayList<>();
    Flow http = Flow.of(source, destination, FlowProtocol.TCP, HTTP_PORT);
    window(d, this.http, HTTP_PER_PAIR).forEach(r -> out.add(http.withHttp(r)));
    Flow kafka = Flow.of(source, destination, FlowProtocol.TCP, KAFKA_PORT);
    window(d, this.kafka, KAFKA_PER_PAIR).forEach(r -> out.add(kafka.withKafka(r)));
    Flow dns = Flow.of(source, destination, FlowProtocol.UDP, DNS_PORT);
    window(d, this.dns, DNS_PER_PAIR).forEach(q -> out.add(dns.withDnsQuery(q)));
    return out;
  }

  /** {@code k} items in a row from a drawn place, wrapping round; shrinks towards the first ones. */
  private static <T> List<T> window(Draw d, List<T> items, int k) {
    if (items.size() <= k) {
      return items;
    }
    int from = d.between(0, items.size() - 1);
    List<T> out = new ArrayList<>(k);
    for (int i = 0; i < k; i++) {
      out.add(items.get((from + i) % items.size()));
    }
    return out;
  }

  private static List<L7Block> blocks(Program program) {
    List<L7Block> out = new ArrayList<>();
    for (Policy p : program.policies()) {
      for (Optional<RuleBlock> block : List.of(p.ingress(), p.egress())) {
        for (Rule r : block.map(RuleBlock::rules).orElse(List.of())) {
          r.l7().ifPresent(out::add);
        }
      }
    }
    return out;
  }

  private static void http(HttpRule rule, Set<HttpRequest> out) {
    String method = rule.method().orElse("GET");
    List<String> paths = rule.path().map(RandomRequests::paths).orElse(List.of("/"));
    Optional<String> host = rule.host();
    Map<String, String> headers = new LinkedHashMap<>();
    rule.headers().forEach(m -> headers.put(m.name(), m.value().orElse("1")));
    for (String path : paths) {
      out.add(new HttpRequest(method, path, host, headers));
    }
    String path = paths.get(0);
    out.add(new HttpRequest(method.equals("GET") ? "DELETE" : "GET", path, host, headers));
    host.ifPresent(h -> hosts(h).forEach(v -> out.add(new HttpRequest(method, path, v, headers))));
    for (HttpRule.HeaderMatch m : rule.headers()) {
      Map<String, String> without = new LinkedHashMap<>(headers);
      without.remove(m.name());
      out.add(new HttpRequest(method, path, host, without));
      if (m.value().isPresent()) {
        Map<String, String> other = new LinkedHashMap<>(headers);
        other.put(m.name(), "staging");
        out.add(new HttpRequest(method, path, host, other));
      }
      Map<String, String> otherCase = new LinkedHashMap<>(without);
      otherCase.put(m.name().toUpperCase(Locale.ROOT), headers.get(m.name()));
      out.add(new HttpRequest(method, path, host, otherCase));
    }
  }

  /** The paths tried against a path clause; the first meets it. */
  static List<String> paths(HttpRule.PathMatch match) {
    if (match.kind() != HttpRule.PathMatch.Kind.REGEX) {
      return variants(match.value());
    }
    List<String> near = RandomPrograms.REGEXES.stream()
        .filter(r -> r.regex().equals(match.value()))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no paths are known near the regex " + match.value()))
        .near();
    Set<String> out = new LinkedHashSet<>(near);
    out.addAll(variants(near.get(0)));
    return List.copyOf(out);
  }

  /** A path, then the ways a request may write it, come near it or step past it (the class comment lists them). */
  private static List<String> variants(String path) {
    String bare = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    // What a segment is appended to: the root's own / would double it.
    String parent = bare.equals("/") ? "" : bare;
    Set<String> out = new LinkedHashSet<>(List.of(
        path, bare, parent + "/", parent + "/v1", bare + "ary", bare + "-x", bare + "?x=1",
        parent + "/./v1", parent + "/../admin", parent + "/%2e%2e/admin", bare + "%2Fv1", bare + ";v=1",
        "/" + bare, parent + "//v1", bare + "\\v1", bare + "%252Fv1", bare + "%00"));
    if (bare.length() > 1 && Character.isLetter(bare.charAt(1))) {
      out.add(String.format(Locale.ROOT, "/%%%02X%s", (int) bare.charAt(1), bare.substring(2)));
    }
    return List.copyOf(out);
  }

  /** No host, the host, its upper case, and the name without a port, with the port 8080 and with another. */
  static List<Optional<String>> hosts(String host) {
    int colon = host.lastIndexOf(':');
    String name = colon < 0 ? host : host.substring(0, colon);
    return List.of(
        Optional.empty(), Optional.of(host), Optional.of(host.toUpperCase(Locale.ROOT)), Optional.of(name),
        Optional.of(name + ":8080"), Optional.of(name + ":9090"));
  }

  private static void grpc(GrpcRule rule, Set<HttpRequest> out) {
    String method = rule.method().orElse("Get");
    out.add(HttpRequest.grpc(rule.service(), method));
    out.add(HttpRequest.grpc(rule.service(), method.equals("Get") ? "List" : "Get"));
    out.add(HttpRequest.grpc(rule.service() + "Admin", method));
    out.add(HttpRequest.of("GET", "/" + rule.service() + "/" + method));
    out.add(HttpRequest.of("POST", "/" + rule.service() + "/"));
    out.add(HttpRequest.of("POST", "/" + rule.service() + "/" + method + "/x"));
  }

  /**
   * Each role on each topic (and one no rule names), with each client id (and another, and none); without a
   * rule, the plain request alone (the others would all be judged as it is, by the L4 rules).
   */
  private static List<KafkaRequest> kafka(List<KafkaRule> rules) {
    KafkaRequest plain = new KafkaRequest(KafkaRule.Role.PRODUCE, "orders", Optional.empty());
    if (rules.isEmpty()) {
      return List.of(plain);
    }
    Set<String> topics = new LinkedHashSet<>(List.of("orders"));
    Set<Optional<String>> clients = new LinkedHashSet<>(List.of(Optional.empty()));
    for (KafkaRule r : rules) {
      topics.add(r.topic());
      clients.add(r.clientId());
    }
    topics.add("other");
    clients.add(Optional.of("other"));
    List<KafkaRequest> out = new ArrayList<>();
    for (String topic : topics) {
      for (KafkaRule.Role role : KafkaRule.Role.values()) {
        for (Optional<String> client : clients) {
          out.add(new KafkaRequest(role, topic, client));
        }
      }
    }
    return out;
  }

  /**
   * For a name: the name, its upper case, a name below, the parent. For {@code *.rest}: a name that matches, in
   * lower and upper case, {@code rest} itself and a name two labels below ({@code *} stays in one label).
   */
  static List<String> names(String pattern) {
    if (pattern.startsWith("*.")) {
      String rest = pattern.substring(2);
      return List.of("a." + rest, ("a." + rest).toUpperCase(Locale.ROOT), rest, "a.b." + rest);
    }
    return List.of(
        pattern, pattern.toUpperCase(Locale.ROOT), "www." + pattern, pattern.substring(pattern.indexOf('.') + 1));
  }
}

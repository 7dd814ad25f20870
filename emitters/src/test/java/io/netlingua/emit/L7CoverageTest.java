package io.netlingua.emit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import io.netlingua.emit.lowering.Draw;
import io.netlingua.eval.Flow;
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
import io.netlingua.model.RuleBlock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The cases of {@link EquivalencePropertyTest} (same generators, seed and tries) hold every L7 form a lowering
 * can get wrong, in the programs and in the flows judged: so that the property cannot pass because a form never
 * came up. Each form is counted once per case it occurs in, and every count must be positive.
 */
class L7CoverageTest {
  /** Encoded characters but the escaped {@code %} of a double encoding and the NUL, counted apart. */
  private static final Pattern ENCODED = Pattern.compile("%(?!25|00)\\p{XDigit}{2}");

  private static final Pattern DOUBLE_ENCODED_SEPARATOR = Pattern.compile("%25(2F|5C|2E)", Pattern.CASE_INSENSITIVE);

  /** A case's L7 alternatives by kind, and its requests by kind. */
  private record Seen(
      List<HttpRule> http, List<GrpcRule> grpc, List<KafkaRule> kafka, List<DnsRule> dns,
      List<HttpRequest> requests, List<KafkaRequest> kafkaRequests, List<String> queries) {

    static Seen of(Program program, List<Flow> flows) {
      List<L7Block> blocks = new ArrayList<>();
      for (Policy p : program.policies()) {
        for (Optional<RuleBlock> block : List.of(p.ingress(), p.egress())) {
          block.map(RuleBlock::rules).orElse(List.of()).forEach(r -> r.l7().ifPresent(blocks::add));
        }
      }
      return new Seen(
          rules(blocks, HttpBlock.class, HttpBlock::rules), rules(blocks, GrpcBlock.class, GrpcBlock::rules),
          rules(blocks, KafkaBlock.class, KafkaBlock::rules), rules(blocks, DnsBlock.class, DnsBlock::rules),
          flows.stream().flatMap(f -> f.http().stream()).toList(),
          flows.stream().flatMap(f -> f.kafka().stream()).toList(),
          flows.stream().flatMap(f -> f.dnsQuery().stream()).toList());
    }

    private static <B extends L7Block, R> List<R> rules(
        List<L7Block> blocks, Class<B> kind, Function<B, List<R>> rules) {
      return blocks.stream().filter(kind::isInstance).map(kind::cast).flatMap(b -> rules.apply(b).stream()).toList();
    }

    List<HttpRule.PathMatch> paths(HttpRule.PathMatch.Kind kind) {
      return http.stream().flatMap(r -> r.path().stream()).filter(p -> p.kind() == kind).toList();
    }

    boolean anyPath(Predicate<String> test) {
      return requests.stream().map(HttpRequest::path).anyMatch(test);
    }
  }

  @Test
  void theCasesOfTheEquivalencePropertyHoldEveryL7Form() {
    Map<String, Integer> counts = new LinkedHashMap<>();
    qt().withFixedSeed(23).withExamples(Draw.TRIES).forAll(EquivalencePropertyTest.cases())
        .checkAssert(c -> forms(Seen.of(c.program(), c.flows()))
            .forEach((form, seen) -> counts.merge(form, seen ? 1 : 0, Integer::sum)));
    assertThat(counts).as("cases holding each L7 form: %s", counts).allSatisfy(
        (form, n) -> assertThat(n).as("no case holds the L7 form: %s", form).isPositive());
  }

  /** Whether the case holds each form, in a fixed order. */
  private static Map<String, Boolean> forms(Seen s) {
    Map<String, Boolean> f = new LinkedHashMap<>();
    List<HttpRule.PathMatch> prefixes = s.paths(HttpRule.PathMatch.Kind.PREFIX);
    f.put("path prefix without a trailing /", prefixes.stream().anyMatch(p -> !p.value().endsWith("/")));
    f.put("path prefix with a trailing /",
        prefixes.stream().anyMatch(p -> p.value().length() > 1 && p.value().endsWith("/")));
    f.put("prefix request on the boundary", prefixes.stream().map(p -> bare(p.value()))
        .anyMatch(b -> s.anyPath(path -> path.equals(b) || path.equals(b + "/"))));
    f.put("prefix request just past the boundary", prefixes.stream().map(p -> bare(p.value()))
        .filter(b -> !b.equals("/"))
        .anyMatch(b -> s.anyPath(path -> path.startsWith(b) && path.length() > b.length()
            && (Character.isLetterOrDigit(path.charAt(b.length())) || path.charAt(b.length()) == '-'))));
    f.put("exact path, requested", s.paths(HttpRule.PathMatch.Kind.EXACT).stream()
        .anyMatch(p -> s.anyPath(p.value()::equals)));
    // The pool's regexes mean the same to java.util.regex as to RE2 (no construct where the two differ).
    f.put("regex path, requested by a path it matches", s.paths(HttpRule.PathMatch.Kind.REGEX).stream()
        .anyMatch(p -> s.anyPath(Pattern.compile(p.value()).asMatchPredicate())));
    f.put("request path with a query string", s.anyPath(p -> p.contains("?")));
    f.put("request path with a dot segment that stays", s.anyPath(p -> p.contains("/./")));
    f.put("request path with a dot segment that escapes", s.anyPath(p -> p.contains("/../")));
    f.put("request path with a ; parameter", s.anyPath(p -> p.contains(";")));
    f.put("request path with an encoded character", s.anyPath(p -> ENCODED.matcher(p).find()));
    f.put("request path with a double-encoded separator", s.anyPath(p -> DOUBLE_ENCODED_SEPARATOR.matcher(p).find()));
    f.put("request path with an encoded NUL", s.anyPath(p -> p.contains("%00")));
    f.put("request path with a doubled slash", s.anyPath(p -> p.contains("//")));
    f.put("request path with a \\", s.anyPath(p -> p.contains("\\")));
    List<String> hosts = s.http().stream().flatMap(r -> r.host().stream()).toList();
    f.put("host rule without a port", hosts.stream().anyMatch(h -> !h.contains(":")));
    f.put("host rule with a port", hosts.stream().anyMatch(h -> h.contains(":")));
    f.put("request host:port", s.requests().stream().anyMatch(r -> r.host().filter(h -> h.contains(":")).isPresent()));
    f.put("request without a host, otherwise meeting a host rule", s.http().stream()
        .filter(r -> r.host().isPresent())
        .anyMatch(r -> s.requests().stream().anyMatch(q -> q.host().isEmpty() && onPathAndMethod(r, q))));
    // HttpRequest folds the host's case: the upper-case form is looked for in what RandomRequests sends.
    f.put("upper-case host sent", hosts.stream().flatMap(h -> RandomRequests.hosts(h).stream())
        .flatMap(Optional::stream).anyMatch(h -> !h.equals(h.toLowerCase(Locale.ROOT))));
    List<HttpRule.HeaderMatch> headers = s.http().stream().flatMap(r -> r.headers().stream()).toList();
    f.put("header rule with a value", headers.stream().anyMatch(h -> h.value().isPresent()));
    f.put("header rule without a value", headers.stream().anyMatch(h -> h.value().isEmpty()));
    f.put("request with every header of a rule", s.http().stream().filter(r -> !r.headers().isEmpty())
        .anyMatch(r -> s.requests().stream().anyMatch(q -> onBase(r, q) && names(r).equals(q.headers().keySet()))));
    f.put("request without one header of a rule, with its others", s.http().stream().anyMatch(r -> r.headers()
        .stream().anyMatch(h -> s.requests().stream().anyMatch(q -> {
          Set<String> others = new HashSet<>(names(r));
          others.remove(h.name().toLowerCase(Locale.ROOT));
          return onBase(r, q) && q.headers().keySet().equals(others);
        }))));
    f.put("request with a header of a rule, another value", s.http().stream().anyMatch(r -> r.headers().stream()
        .filter(h -> h.value().isPresent())
        .anyMatch(h -> s.requests().stream().anyMatch(q -> {
          String sent = q.headers().get(h.name().toLowerCase(Locale.ROOT));
          return onBase(r, q) && sent != null && !sent.equals(h.value().get());
        }))));
    f.put("http method *", s.http().stream().anyMatch(r -> r.method().isEmpty()));
    f.put("http method named", s.http().stream().anyMatch(r -> r.method().isPresent()));
    f.put("http rule without a path", s.http().stream().anyMatch(r -> r.path().isEmpty()));
    f.put("grpc whole service, called", s.grpc().stream().filter(g -> g.method().isEmpty())
        .anyMatch(g -> s.anyPath(p -> p.startsWith("/" + g.service() + "/"))));
    f.put("grpc single method, called", s.grpc().stream().filter(g -> g.method().isPresent())
        .anyMatch(g -> s.anyPath(("/" + g.path())::equals)));
    f.put("kafka rule with a client id", s.kafka().stream().anyMatch(k -> k.clientId().isPresent()));
    f.put("kafka rule without a client id", s.kafka().stream().anyMatch(k -> k.clientId().isEmpty()));
    f.put("kafka request with the rule's client id", s.kafka().stream().anyMatch(k -> k.clientId().isPresent()
        && s.kafkaRequests().stream().anyMatch(q -> q.clientId().equals(k.clientId()))));
    f.put("kafka request without a client id, against a rule",
        !s.kafka().isEmpty() && s.kafkaRequests().stream().anyMatch(q -> q.clientId().isEmpty()));
    f.put("kafka request of the other role", s.kafka().stream().anyMatch(k -> s.kafkaRequests().stream()
        .anyMatch(q -> q.topic().equals(k.topic()) && q.role() != k.role())));
    f.put("dns exact name, queried", s.dns().stream().map(DnsRule::pattern)
        .filter(p -> !p.contains("*")).anyMatch(s.queries()::contains));
    f.put("dns pattern, queried by a name it matches", s.dns().stream().map(DnsRule::pattern)
        .filter(p -> p.startsWith("*.")).anyMatch(p -> s.queries().stream().anyMatch(q -> q.endsWith(p.substring(1))
            && q.indexOf('.') == q.length() - p.length() + 1)));
    f.put("dns pattern, queried by a name it does not match", s.dns().stream().map(DnsRule::pattern)
        .filter(p -> p.startsWith("*.")).anyMatch(p -> s.queries().contains(p.substring(2))));
    return f;
  }

  /**
   * Whether the request meets the rule's host and has the method and path of the requests on which
   * {@link RandomRequests} varies the host and the headers (the rule's method, {@code GET} for {@code *}, and
   * the first path it tries).
   */
  private static boolean onBase(HttpRule rule, HttpRequest request) {
    return request.host().equals(rule.host()) && onPathAndMethod(rule, request);
  }

  private static boolean onPathAndMethod(HttpRule rule, HttpRequest request) {
    String path = rule.path().map(p -> RandomRequests.paths(p).get(0)).orElse("/");
    return request.method().equals(rule.method().orElse("GET")) && request.path().equals(path);
  }

  /** The rule's header names, as a request holds them. */
  private static Set<String> names(HttpRule rule) {
    return rule.headers().stream().map(h -> h.name().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
  }

  /** A prefix without its trailing {@code /} (but the root's). */
  private static String bare(String prefix) {
    return prefix.length() > 1 && prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
  }
}

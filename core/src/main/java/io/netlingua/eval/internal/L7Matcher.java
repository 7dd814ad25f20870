package io.netlingua.eval.internal;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.netlingua.eval.Flow;
import io.netlingua.eval.HttpRequest;
import io.netlingua.eval.KafkaRequest;
import io.netlingua.model.DnsBlock;
import io.netlingua.model.DnsPatterns;
import io.netlingua.model.DnsRule;
import io.netlingua.model.GrpcBlock;
import io.netlingua.model.GrpcRule;
import io.netlingua.model.HttpBlock;
import io.netlingua.model.HttpPaths;
import io.netlingua.model.HttpRule;
import io.netlingua.model.KafkaBlock;
import io.netlingua.model.KafkaRule;
import io.netlingua.model.L7Block;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.function.Predicate;

/**
 * Whether the request a flow carries matches one alternative of an L7 block (SEMANTICS.md section 1, rule 4;
 * LANGUAGE.md, L7 block). A flow without a request of the block's kind matches none.
 */
interface L7Matcher {
  boolean matches(Flow flow);

  /** The matcher of a block; its regexes are compiled once, with RE2 semantics (re2j). */
  static L7Matcher of(L7Block block) {
    return block.accept(new L7Block.Visitor<L7Matcher>() {
      @Override
      public L7Matcher http(HttpBlock b) {
        List<BiPredicate<HttpRequest, Optional<String>>> alternatives = new ArrayList<>();
        b.rules().forEach(r -> alternatives.add(httpAlternative(r)));
        return flow -> flow.http().filter(h -> {
          Optional<String> path = HttpPaths.normalise(h.path());
          return alternatives.stream().anyMatch(a -> a.test(h, path));
        }).isPresent();
      }

      @Override
      public L7Matcher grpc(GrpcBlock b) {
        List<GrpcRule> rules = b.rules();
        return flow -> flow.http().filter(h -> rules.stream().anyMatch(r -> grpcMatches(r, h))).isPresent();
      }

      @Override
      public L7Matcher kafka(KafkaBlock b) {
        List<KafkaRule> rules = b.rules();
        return flow -> flow.kafka().filter(k -> rules.stream().anyMatch(r -> kafkaMatches(r, k))).isPresent();
      }

      @Override
      public L7Matcher dns(DnsBlock b) {
        List<String> patterns = b.rules().stream().map(DnsRule::pattern).toList();
        return flow -> flow.dnsQuery()
            .filter(q -> patterns.stream().anyMatch(p -> DnsPatterns.matches(p, q))).isPresent();
      }
    });
  }

  /**
   * One HTTP alternative: method (none: any), path clause, host, headers. The alternative is given the request
   * and its normal path (empty when malformed: it matches no path clause, and an alternative without one).
   */
  private static BiPredicate<HttpRequest, Optional<String>> httpAlternative(HttpRule rule) {
    Predicate<String> path = rule.path().map(L7Matcher::path).orElse(null);
    return (h, normal) -> rule.method().map(h.method()::equals).orElse(true)
        && (path == null || normal.filter(path).isPresent())
        && rule.host().map(host -> h.host().filter(sent -> HttpPaths.hostMatches(host, sent)).isPresent())
            .orElse(true)
        && rule.headers().stream().allMatch(m -> {
          String sent = h.headers().get(m.name().toLowerCase(Locale.ROOT));
          return sent != null && m.value().map(sent::equals).orElse(true);
        });
  }

  /**
   * A path clause over a normal path: exact and prefix compare normal forms (a clause whose value is malformed,
   * which the checker refuses, matches nothing), prefix by segment; a regex matches the whole served path.
   */
  private static Predicate<String> path(HttpRule.PathMatch match) {
    return switch (match.kind()) {
      case EXACT -> HttpPaths.normalise(match.value()).<Predicate<String>>map(v -> v::equals).orElse(p -> false);
      case PREFIX -> HttpPaths.normalise(match.value())
          .<Predicate<String>>map(v -> p -> HttpPaths.startsWithSegments(p, v)).orElse(p -> false);
      case REGEX -> {
        Pattern pattern = compile(match.value());
        yield p -> pattern.matches(HttpPaths.served(p));
      }
    };
  }

  private static Pattern compile(String regex) {
    try {
      return Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException("path regex rejected by RE2 (check the program first): " + regex, e);
    }
  }

  /**
   * gRPC: a POST to {@code /package.Service/Method}, or to any method of the service for {@code Service/*}, on the
   * path as sent: gRPC servers route on the {@code :path} they receive, without normalising it.
   */
  private static boolean grpcMatches(GrpcRule rule, HttpRequest h) {
    if (!h.method().equals("POST")) {
      return false;
    }
    String service = "/" + rule.service() + "/";
    if (!h.path().startsWith(service)) {
      return false;
    }
    String method = h.path().substring(service.length());
    return rule.method().map(method::equals).orElse(!method.isEmpty() && method.indexOf('/') < 0);
  }

  /** Kafka: the role and topic, and the client id when the rule names one. */
  private static boolean kafkaMatches(KafkaRule rule, KafkaRequest k) {
    return rule.role() == k.role() && rule.topic().equals(k.topic())
        && rule.clientId().map(id -> k.clientId().filter(id::equals).isPresent()).orElse(true);
  }
}

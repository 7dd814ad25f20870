package io.netlingua.emit.cilium;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netlingua.diagnostics.Outcome;
import io.netlingua.emit.spi.Degradations;
import io.netlingua.model.Direction;
import io.netlingua.model.DnsBlock;
import io.netlingua.model.DnsRule;
import io.netlingua.model.GrpcBlock;
import io.netlingua.model.GrpcRule;
import io.netlingua.model.HttpBlock;
import io.netlingua.model.HttpPaths;
import io.netlingua.model.HttpRule;
import io.netlingua.model.KafkaBlock;
import io.netlingua.model.KafkaRule;
import io.netlingua.model.L7Block;
import io.netlingua.model.SourceSpan;
import io.netlingua.targets.Feature;
import io.netlingua.targets.Versions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Lowers the L7 block of one allow rule to the {@code rules} object of a Cilium PortRule
 * ({@code toPorts[].rules}: {@code http}, {@code kafka} or {@code dns}; docs/targets.md, "L7 on Cilium"). An
 * alternative Cilium cannot say is left out (narrower) and reported at its clause; what the lowered rules rely on
 * about the agent and its proxy is collected as facts, which the emitter reports once each as infos.
 *
 * <p>HTTP ({@link HttpRegex} for the regexes): {@code method} {@code ESC(M)}; an exact path
 * {@code SPELLING(P)/?(\?.*)?}, a prefix {@code SPELLING(P)(/.*)?(\?.*)?} ({@code /.*} for {@code /}), a regex
 * {@code (?:R)(\?.*)?}, where SPELLING(P) is the normal path as Envoy spells it after its normalisation; a host
 * {@code (?i)ESC(H)(:[0-9]+)?} ({@code (?i)ESC(H)} with a port); headers {@code "Name"} (present) and
 * {@code "Name value"} (equal), which the agent splits at the first space ({@code pkg/envoy/xds_server.go}
 * {@code getHTTPRule}: {@code strings.SplitN(hdr, " ", 2)}, a trailing {@code :} of the name trimmed, the value an
 * exact match). An empty header value is left out: {@code "Name "} relies on how Envoy reads an empty exact match
 * (Cilium's own code comments that Envoy treats it as matching any value), and a {@code Host} header never
 * reaches a header matcher (Envoy keeps it as {@code :authority}). A regex whose RE2 program is over Envoy's limit
 * ({@link HttpRegex#ENVOY_MAX_PROGRAM_SIZE}) is left out: Envoy would refuse the whole policy update.
 *
 * <p>What Envoy 1.34 (Cilium 1.18) reads differently from the language's path, stated as facts, not degradations
 * (SEMANTICS.md section 3, Cilium, L7): {@code ;} parameters are kept, and a {@code ..;x} segment is no dot segment
 * (Envoy strips parameters from dot segments only from the fix of CVE-2026-73551, after 1.34), so
 * {@code /public/..;x/admin} passes {@code path prefix "/public"}: wider; escapes of characters other than the
 * unreserved ones and {@code . / \} are kept as sent ({@code /a%3Ab} is not {@code /a:b}: narrower, and
 * {@code ..%3Bx} hides a dot segment from the language only: wider); a double-encoded separator ({@code %252F}) or a
 * stray {@code %} is passed on where the language finds the path malformed: wider; {@code /a/%2F..} and
 * {@code %5C} are unescaped and answered with a redirect, so the request that is matched is the normal one; a NUL
 * is refused with 400. A {@code path regex} reads Envoy's spelling, in which escapes other than those of unreserved
 * characters stay escaped, not the decoded path.
 *
 * <p>gRPC: {@code method: POST} and {@code path} {@code ESC(/pkg.Service/Method)} or {@code ESC(/pkg.Service/)[^/]+}
 * (upstream: cilium/cilium {@code examples/kubernetes-grpc/cc-door-ingress-security.yaml}). Kafka:
 * {@code {role, topic, clientID}}; Cilium's roles expand to API keys (cilium/proxy
 * {@code pkg/policy/api/kafka/kafka.go} {@code GetAPIKeys}), which the facts spell out. DNS, on egress only:
 * {@code matchName} for a name, {@code matchPattern} for a pattern with {@code *} (runs of {@code *} written as
 * one, so that no pattern starts with {@code **.}, which 1.19 reads across labels).
 */
final class L7Rules {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final Degradations degradations;
  private final String ciliumVersion;
  private final Set<String> facts = new LinkedHashSet<>();
  /**
   * The program size of each regex measured in this run: programs repeat the same alternatives in many policies,
   * and measuring a case-folded regex costs far more than writing it.
   */
  private final Map<String, Integer> programSizes = new HashMap<>();

  /**
   * @param degradations where left-out alternatives are reported
   * @param ciliumVersion the target version ({@code 1.18}, ...): Kafka is refused from 1.20
   */
  L7Rules(Degradations degradations, String ciliumVersion) {
    this.degradations = degradations;
    this.ciliumVersion = ciliumVersion;
  }

  /**
   * The {@code rules} object ({@code {"http": [...]}}, {@code {"kafka": [...]}} or {@code {"dns": [...]}}) for the
   * block, or empty when every alternative was left out (each reported at its clause, narrower); the caller then
   * leaves the rule out.
   */
  Optional<ObjectNode> rules(L7Block block, Direction direction) {
    // enable-l7-proxy, which every L7 rule and toFQDNs need, is stated by the emitter (CiliumRules).
    return block.accept(new L7Block.Visitor<Optional<ObjectNode>>() {
      @Override
      public Optional<ObjectNode> http(HttpBlock b) {
        return wrap("http", httpEntries(b, direction));
      }

      @Override
      public Optional<ObjectNode> grpc(GrpcBlock b) {
        return wrap("http", grpcEntries(b, direction));
      }

      @Override
      public Optional<ObjectNode> kafka(KafkaBlock b) {
        return wrap("kafka", kafkaEntries(b, direction));
      }

      @Override
      public Optional<ObjectNode> dns(DnsBlock b) {
        return wrap("dns", dnsEntries(b, direction));
      }
    });
  }

  /**
   * The facts about the Cilium agent and its proxy that the rules lowered so far rely on, each once, in the order
   * first used: the emitter reports them as infos.
   */
  List<String> facts() {
    return List.copyOf(facts);
  }

  private static Optional<ObjectNode> wrap(String kind, List<ObjectNode> entries) {
    if (entries.isEmpty()) {
      return Optional.empty();
    }
    ObjectNode rules = JSON.objectNode();
    ArrayNode list = rules.putArray(kind);
    entries.forEach(list::add);
    return Optional.of(rules);
  }

  private List<ObjectNode> httpEntries(HttpBlock block, Direction direction) {
    List<ObjectNode> out = new ArrayList<>();
    for (HttpRule rule : block.rules()) {
      httpEntry(rule, direction).ifPresent(out::add);
    }
    return out;
  }

  private Optional<ObjectNode> httpEntry(HttpRule rule, Direction direction) {
    ObjectNode entry = JSON.objectNode();
    if (rule.method().isPresent()) {
      String method = HttpRegex.method(rule.method().get());
      if (!fits(Feature.L7_HTTP, rule.span(), direction, "method", method)) {
        return Optional.empty();
      }
      entry.put("method", method);
    }
    if (rule.path().isPresent()) {
      Optional<String> path = pathRegex(rule.path().get());
      if (path.isEmpty()) {
        leaveOut(Feature.L7_HTTP, rule.span(), direction,
            "cilium: the path of this alternative is malformed, so it matches no request; the alternative is left"
                + " out", "write the path in its normal form");
        return Optional.empty();
      }
      if (!fits(Feature.L7_HTTP, rule.span(), direction, "path", path.get())) {
        return Optional.empty();
      }
      entry.put("path", path.get());
      pathFacts(rule.path().get().kind());
    }
    if (rule.host().isPresent()) {
      String host = HttpRegex.host(rule.host().get());
      if (!fits(Feature.L7_HTTP, rule.span(), direction, "host", host)) {
        return Optional.empty();
      }
      entry.put("host", host);
    }
    List<String> headers = new ArrayList<>();
    for (HttpRule.HeaderMatch header : rule.headers()) {
      if (header.name().equalsIgnoreCase("host")) {
        leaveOut(Feature.L7_HTTP, header.span(), direction,
            "cilium: Envoy keeps the Host header as :authority, which Cilium's headers never see, so this"
                + " alternative would match no request; it is left out",
            "match the host with `host \"...\"`");
        return Optional.empty();
      }
      if (header.value().filter(String::isEmpty).isPresent()) {
        leaveOut(Feature.L7_HTTP, header.span(), direction,
            "cilium: a header required to be empty cannot be said in Cilium's headers (\"Name \" is read by"
                + " Envoy's matcher for an empty value, which Cilium's own code treats as any value); the"
                + " alternative is left out",
            "require the header without a value, or with a non-empty one");
        return Optional.empty();
      }
      headers.add(header.value().map(v -> header.name() + " " + v).orElse(header.name()));
    }
    if (!headers.isEmpty()) {
      ArrayNode list = entry.putArray("headers");
      headers.forEach(list::add);
    }
    return Optional.of(entry);
  }

  private static Optional<String> pathRegex(HttpRule.PathMatch path) {
    return switch (path.kind()) {
      case EXACT -> HttpPaths.normalise(path.value()).map(HttpRegex::exactPath);
      case PREFIX -> HttpPaths.normalise(path.value()).map(HttpRegex::prefixPath);
      case REGEX -> Optional.of(HttpRegex.regexPath(path.value()));
    };
  }

  private void pathFacts(HttpRule.PathMatch.Kind kind) {
    fact("the agent's http-normalize-path is on (the default): Envoy resolves dot segments (also %2E), reads \\"
        + " as /, decodes escapes of unreserved characters, merges repeated slashes, and answers a path with %2F"
        + " or %5C with a redirect to its unescaped form, before the path rules match, and forwards the path it"
        + " normalised, which the server then serves (it resolves dot segments before merging slashes, so"
        + " '/a//../b' is '/a/b' to Envoy and to the server behind it, '/b' to the language); switched off, the"
        + " path rules match the raw path and let through paths that only the server's normalisation joins to"
        + " them");
    fact("Envoy 1.34 (Cilium 1.18) keeps ';' parameters, also in '..;x' segments, which it does not read as dot"
        + " segments (Envoy fixed this for CVE-2026-73551, in releases after 1.34), and escapes of reserved"
        + " characters as sent: so a path prefix refuses what follows it when that holds ';', '%3B', '%25' or a '%'"
        + " without two hex digits, which could walk out of the prefix on a server that strips parameters or"
        + " decodes twice ('/public/..;x/admin', '/public/..%3Bx/admin', '/public/%252E%252E/admin'): narrower"
        + " where the language would pass such a request; an exact path fails a request with ';' parameters or"
        + " with escapes of reserved characters ('/a%3Ab' fails path \"/a:b\"; narrower); '/a/..;x/../b' passes"
        + " path \"/a/b\" (Envoy forwards '/a/b', which the server serves; the language reads '/b')");
    if (kind == HttpRule.PathMatch.Kind.REGEX) {
      fact("a path regex is not guarded like a prefix: a request whose path holds a '..;x' or '..%3Bx' segment or"
          + " a double-encoded separator reaches the regex as Envoy spells it, and can pass a regex that the"
          + " language's reading refuses, on a server that strips parameters or decodes twice (wider)");
    }
    if (kind == HttpRule.PathMatch.Kind.REGEX) {
      fact("a path regex matches the path as Envoy spells it after its normalisation: escapes other than those of"
          + " unreserved characters stay escaped (a space is %20, a non-ASCII character its UTF-8 escapes), ';'"
          + " parameters stay, a trailing '/' stays ('/api/v1/' passes \"/api/v[12]/.*\", which the language,"
          + " reading '/api/v1', refuses), and the query is cut off by the (\\?.*)? guard; the language matches the"
          + " decoded normal path");
    }
  }

  private List<ObjectNode> grpcEntries(GrpcBlock block, Direction direction) {
    List<ObjectNode> out = new ArrayList<>();
    for (GrpcRule rule : block.rules()) {
      String path = HttpRegex.grpcPath(rule.service(), rule.method());
      if (!fits(Feature.L7_GRPC, rule.span(), direction, "path", path)) {
        continue;
      }
      ObjectNode entry = JSON.objectNode();
      entry.put("method", "POST");
      entry.put("path", path);
      out.add(entry);
    }
    fact("gRPC rules match the path after Envoy's normalisation, which Envoy also forwards: a call spelled with"
        + " dot segments or repeated slashes reaches the server, and is judged, as its normal path, and one with"
        + " %2F or %5C is refused with 400 (gRPC clients follow no redirect)");
    return out;
  }

  private List<ObjectNode> kafkaEntries(KafkaBlock block, Direction direction) {
    List<ObjectNode> out = new ArrayList<>();
    boolean removed = Versions.atLeast(ciliumVersion, "1.20");
    for (KafkaRule rule : block.rules()) {
      if (removed) {
        leaveOut(Feature.L7_KAFKA, rule.span(), direction,
            "cilium " + ciliumVersion + ": rules.kafka was removed in 1.20; the alternative is left out",
            "target Cilium 1.19 or older, or allow the Kafka port without an L7 block");
        continue;
      }
      ObjectNode entry = JSON.objectNode();
      entry.put("role", rule.role().keyword());
      entry.put("topic", rule.topic());
      rule.clientId().ifPresent(id -> entry.put("clientID", id));
      out.add(entry);
    }
    if (!out.isEmpty()) {
      if (Versions.atLeast(ciliumVersion, "1.19")) {
        fact("rules.kafka is deprecated in Cilium 1.19 and removed in 1.20");
      }
      fact("Cilium's Kafka roles are sets of API keys (cilium/proxy pkg/policy/api/kafka/kafka.go): produce is"
          + " Produce, Metadata and ApiVersions, consume is Fetch, ListOffsets, Metadata, OffsetCommit,"
          + " OffsetFetch, FindCoordinator, JoinGroup, Heartbeat, LeaveGroup, SyncGroup and ApiVersions; the"
          + " topic is checked only on requests that name topics (all must match), so consume also allows the"
          + " group calls of any consumer group, and produce refuses InitProducerId, which idempotent and"
          + " transactional producers (the Kafka client default since 3.0) send first");
    }
    return out;
  }

  private List<ObjectNode> dnsEntries(DnsBlock block, Direction direction) {
    List<ObjectNode> out = new ArrayList<>();
    for (DnsRule rule : block.rules()) {
      if (direction == Direction.INGRESS) {
        leaveOut(Feature.L7_DNS, rule.span(), direction,
            "cilium: DNS rules apply on egress only (the agent refuses rules.dns in an ingress rule); the name is"
                + " left out",
            "allow DNS on the client's egress toward the DNS server");
        continue;
      }
      ObjectNode entry = JSON.objectNode();
      String pattern = rule.pattern().replaceAll("\\*+", "*");
      entry.put(pattern.indexOf('*') < 0 ? "matchName" : "matchPattern", pattern);
      out.add(entry);
    }
    if (!out.isEmpty()) {
      fact("DNS rules take effect through Cilium's DNS proxy, which answers a refused query with REFUSED; a"
          + " matchPattern '*' matches within one label, case-insensitively (cilium/cilium pkg/fqdn/matchpattern)");
    }
    return out;
  }

  /** Whether the lowered regex fits Envoy's program-size limit; reports and answers false when it does not. */
  private boolean fits(Feature feature, SourceSpan span, Direction direction, String field, String regex) {
    int size = programSizes.computeIfAbsent(regex, HttpRegex::programSize);
    if (size <= HttpRegex.ENVOY_MAX_PROGRAM_SIZE) {
      return true;
    }
    String measured = size == Integer.MAX_VALUE ? "cannot be measured" : "is about " + size;
    leaveOut(feature, span, direction,
        "cilium: the " + field + " regex `" + shorten(regex) + "` has an RE2 program size that " + measured
            + ", over the " + HttpRegex.ENVOY_MAX_PROGRAM_SIZE + " that Envoy accepts"
            + " (re2.max_program_size.error_level; Envoy would refuse the whole policy update); the alternative"
            + " is left out",
        "shorten the " + field + " (each character costs about one instruction), or split the alternative");
    return false;
  }

  private void leaveOut(Feature feature, SourceSpan span, Direction direction, String message, String hint) {
    degradations.report(feature, Outcome.NARROWER, span, Optional.of(direction), message, hint);
  }

  private void fact(String fact) {
    facts.add(fact);
  }

  private static String shorten(String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }
}

package io.netlingua.emit;

import io.netlingua.emit.lowering.Draw;
import io.netlingua.model.AllPorts;
import io.netlingua.model.CidrPeer;
import io.netlingua.model.DnsBlock;
import io.netlingua.model.DnsRule;
import io.netlingua.model.Entity;
import io.netlingua.model.EntityPeer;
import io.netlingua.model.FqdnPeer;
import io.netlingua.model.GrpcBlock;
import io.netlingua.model.GrpcRule;
import io.netlingua.model.HttpBlock;
import io.netlingua.model.HttpRule;
import io.netlingua.model.IcmpPort;
import io.netlingua.model.KafkaBlock;
import io.netlingua.model.KafkaRule;
import io.netlingua.model.L7Block;
import io.netlingua.model.LabelSelector;
import io.netlingua.model.NamedPort;
import io.netlingua.model.NamespaceScope;
import io.netlingua.model.PeerTerm;
import io.netlingua.model.PodPeer;
import io.netlingua.model.Policy;
import io.netlingua.model.PolicyFile;
import io.netlingua.model.PortRange;
import io.netlingua.model.PortTerm;
import io.netlingua.model.Program;
import io.netlingua.model.Protocol;
import io.netlingua.model.Rule;
import io.netlingua.model.RuleBlock;
import io.netlingua.model.ServiceAccountPeer;
import io.netlingua.model.ServicePeer;
import io.netlingua.model.SourceSpan;
import io.netlingua.model.Subject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.quicktheories.core.Gen;

/**
 * Random valid programs of namespace {@code a}, built as models: small pools of selectors, peers and ports, so
 * that subjects, peers and denies meet often. Every peer kind, every entity, named ports, ranges, ICMP, every L7
 * kind (HTTP, gRPC, Kafka, DNS), {@code log}, denies and cluster policies occur. Each policy and rule gets a line
 * of its own in {@code gen.npl}, so that a diagnostic leads back to the construct it is about. Shared by the
 * property tests of every target; draws shrink towards fewer and simpler policies.
 *
 * <p>An L7 block holds one to three alternatives from small pools, so that they overlap and meet the requests
 * {@link RandomRequests} derives from them: HTTP with an exact or prefix path (with and without a trailing
 * {@code /}, nested), an RE2 regex or no path, a host with and without a port, headers with and without a
 * value, a method or {@code *}; gRPC single methods and whole services; Kafka either role on two topics, with
 * and without a client id; DNS names and {@code *.} patterns. Exact and prefix paths are in the normal form the
 * checker asks for (LANGUAGE.md, L7 block), but for an optional trailing {@code /}.
 */
public final class RandomPrograms {
  /** The one file of a generated program. */
  public static final String FILE = "gen.npl";

  private static final List<LabelSelector> SELECTORS = List.of(
      LabelSelector.ALL,
      LabelSelector.builder().equal("app", "x").build(),
      LabelSelector.builder().equal("app", "y").build(),
      LabelSelector.builder().equal("app", "x").equal("tier", "t").build(),
      LabelSelector.builder().notEqual("app", "x").build(),
      LabelSelector.builder().exists("tier").build());

  /** The ports an L7 block is drawn on. */
  private static final List<PortTerm> L7_PORTS =
      List.of(PortRange.of(Protocol.TCP, 80), PortRange.of(Protocol.TCP, 9092), PortRange.of(Protocol.UDP, 53));

  private static final List<String> CIDRS =
      List.of("10.0.0.0/8", "10.1.0.0/16", "10.1.2.0/24", "192.168.0.0/16", "2001:db8::/32", "0.0.0.0/0");

  /** HTTP methods; {@code *} is any method (an empty method in the model). */
  private static final List<String> METHODS = List.of("GET", "*", "POST", "DELETE");

  /**
   * Exact and prefix paths, in normal form (the checker's and the normaliser's): a rule may add a trailing
   * {@code /}. Nested, so that one rule's path lies below or beside another's.
   */
  private static final List<String> PATHS = List.of("/api", "/", "/items", "/api/v1");

  /**
   * A path regex of the pool, with paths near it that {@link RandomRequests} sends: the first matches, the
   * others miss by one character or segment, or match the raw path but not the normalised one (or the other way
   * round: a trailing {@code /} is merged away before the regex reads the path).
   *
   * @param regex the RE2 regex, valid
   * @param near the paths
   */
  record PathRegex(String regex, List<String> near) {}

  static final List<PathRegex> REGEXES = List.of(
      new PathRegex("/api/v[12]/.*", List.of("/api/v1/orders", "/api/v3/orders", "/api/v2", "/api/v1/")),
      new PathRegex("/items/[0-9]+", List.of("/items/42", "/items/4x", "/items/", "/items/42/")));

  /** A host without and with a port; {@link RandomRequests} sends the other ports and the upper case. */
  private static final List<String> HOSTS = List.of("shop.example.com", "shop.example.com:8080");

  /** Header clauses with and without a value; a rule holds each name at most once. */
  private static final List<HttpRule.HeaderMatch> HEADERS = List.of(
      new HttpRule.HeaderMatch("X-Env", Optional.of("prod"), SourceSpan.NONE),
      new HttpRule.HeaderMatch("X-Debug", Optional.empty(), SourceSpan.NONE),
      new HttpRule.HeaderMatch("X-Env", Optional.empty(), SourceSpan.NONE),
      new HttpRule.HeaderMatch("X-Debug", Optional.of("1"), SourceSpan.NONE));

  private static final List<String> GRPC_SERVICES = List.of("pkg.Orders", "pkg.Users");
  private static final List<String> GRPC_METHODS = List.of("Get", "List");
  private static final List<String> KAFKA_TOPICS = List.of("orders", "payments");
  private static final List<String> KAFKA_CLIENTS = List.of("billing", "audit");

  /** DNS names and patterns; the fqdn peer's {@code api.example.com} among them. */
  private static final List<String> DNS =
      List.of("*.example.com", "api.example.com", "*.example.org", "db.example.org");

  private RandomPrograms() {}

  /** Namespaced programs with L7 blocks. */
  public static Gen<Program> programs() {
    return programs(true, false);
  }

  /**
   * Programs with or without L7 blocks (a connectivity check at L4 leaves them out), and with or without cluster
   * policies (whose subject entries may name namespace b; a run must name namespaces to expand them into).
   */
  public static Gen<Program> programs(boolean l7, boolean cluster) {
    return programs(l7 ? L7Share.SOME : L7Share.NONE, cluster);
  }

  /**
   * How many allow rules carry an L7 block: none; some (a block on the rule's one L7 port, which few rules have:
   * about one allow rule in sixty); or most (half the allow rules are drawn on one L7 port, most of those with a
   * block), for the targets that enforce L7, whose property must see blocks decide flows.
   */
  public enum L7Share {
    NONE,
    SOME,
    MOST
  }

  /** Programs with that share of L7 blocks, with or without cluster policies. */
  public static Gen<Program> programs(L7Share share, boolean cluster) {
    return in -> {
      Draw d = new Draw(in);
      int[] line = {1};
      List<Policy> policies = new ArrayList<>();
      int n = d.between(1, 4);
      for (int i = 0; i < n; i++) {
        policies.add(policy(d, "p" + i, line, share, cluster && d.chance(30)));
      }
      return new Program(List.of(new PolicyFile(FILE, Optional.empty(), List.of(), List.of(), policies)));
    };
  }

  private static SourceSpan at(int[] line) {
    int l = line[0]++;
    return new SourceSpan(FILE, l, 1, l, 2, 0, 0);
  }

  private static Policy policy(Draw d, String name, int[] line, L7Share l7, boolean cluster) {
    SourceSpan span = at(line);
    List<PeerTerm> subject = new ArrayList<>();
    int entries = d.between(1, 2);
    for (int i = 0; i < entries; i++) {
      PodPeer p = cluster && d.chance(40)
          ? PodPeer.inNamespace(d.pick(SELECTORS), "b")
          : PodPeer.of(d.pick(SELECTORS));
      if (!subject.contains(p)) {
        subject.add(p);
      }
    }
    Optional<RuleBlock> ingress = d.chance(70) ? Optional.of(block(d, false, line, l7)) : Optional.empty();
    Optional<RuleBlock> egress =
        ingress.isEmpty() || d.chance(50) ? Optional.of(block(d, true, line, l7)) : Optional.empty();
    return new Policy(
        name, cluster ? Optional.empty() : Optional.of("a"), Optional.empty(), new Subject(subject, SourceSpan.NONE),
        ingress, egress, span);
  }

  private static RuleBlock block(Draw d, boolean egress, int[] line, L7Share l7) {
    List<Rule> rules = new ArrayList<>();
    int n = d.between(0, 4);
    for (int i = 0; i < n; i++) {
      rules.add(d.chance(65) ? allow(d, egress, line, l7) : deny(d, line));
    }
    return new RuleBlock(rules, SourceSpan.NONE);
  }

  private static Rule allow(Draw d, boolean egress, int[] line, L7Share l7Share) {
    SourceSpan span = at(line);
    List<PeerTerm> peers = new ArrayList<>();
    int n = d.between(1, 3);
    for (int i = 0; i < n; i++) {
      PeerTerm p = peer(d, egress);
      if (!peers.contains(p)) {
        peers.add(p);
      }
    }
    boolean most = l7Share == L7Share.MOST && d.chance(50);
    List<PortTerm> ports = most ? List.of(d.pick(L7_PORTS)) : ports(d);
    Optional<L7Block> l7 = l7Share != L7Share.NONE && d.chance(most ? 80 : 50) ? l7(d, ports) : Optional.empty();
    return new Rule(io.netlingua.model.Action.ALLOW, d.chance(10), peers, ports, l7, span);
  }

  /**
   * An L7 block that fits the rule's one port: HTTP or gRPC on TCP 80, Kafka on TCP 9092, DNS on UDP 53; one to
   * three alternatives drawn from small pools, so that the requests {@link RandomRequests} derives from one
   * alternative meet the others too.
   */
  private static Optional<L7Block> l7(Draw d, List<PortTerm> ports) {
    if (ports.equals(List.of(PortRange.of(Protocol.TCP, 80)))) {
      return Optional.of(d.chance(70)
          ? new HttpBlock(alternatives(d, () -> http(d)), SourceSpan.NONE)
          : new GrpcBlock(alternatives(d, () -> grpc(d)), SourceSpan.NONE));
    }
    if (ports.equals(List.of(PortRange.of(Protocol.TCP, 9092)))) {
      return Optional.of(new KafkaBlock(alternatives(d, () -> kafka(d)), SourceSpan.NONE));
    }
    if (ports.equals(List.of(PortRange.of(Protocol.UDP, 53)))) {
      return Optional.of(new DnsBlock(alternatives(d, () -> DnsRule.of(d.pick(DNS))), SourceSpan.NONE));
    }
    return Optional.empty();
  }

  /** One to three distinct alternatives. */
  private static <R> List<R> alternatives(Draw d, Supplier<R> draw) {
    List<R> out = new ArrayList<>();
    int n = d.between(1, 3);
    for (int i = 0; i < n; i++) {
      R r = draw.get();
      if (!out.contains(r)) {
        out.add(r);
      }
    }
    return out;
  }

  /**
   * An HTTP alternative: a method or {@code *}; an exact or prefix path (with or without a trailing {@code /}),
   * a regex, or no path; a host with or without a port, or none; up to two headers, with or without a value.
   */
  private static HttpRule http(Draw d) {
    Optional<HttpRule.PathMatch> path = Optional.empty();
    if (d.chance(85)) {
      HttpRule.PathMatch.Kind kind = d.pick(List.of(HttpRule.PathMatch.Kind.values()));
      String value;
      if (kind == HttpRule.PathMatch.Kind.REGEX) {
        value = d.pick(REGEXES).regex();
      } else {
        value = d.pick(PATHS);
        value = d.chance(70) || value.equals("/") ? value : value + "/";
      }
      path = Optional.of(new HttpRule.PathMatch(kind, value));
    }
    Optional<String> host = d.chance(50) ? Optional.empty() : Optional.of(d.pick(HOSTS));
    List<HttpRule.HeaderMatch> headers = new ArrayList<>();
    int n = d.between(0, 2);
    for (int i = 0; i < n; i++) {
      HttpRule.HeaderMatch h = d.pick(HEADERS);
      if (headers.stream().noneMatch(o -> o.name().equals(h.name()))) {
        headers.add(h);
      }
    }
    String method = d.pick(METHODS);
    return new HttpRule(
        method.equals("*") ? Optional.empty() : Optional.of(method), path, host, headers, SourceSpan.NONE);
  }

  /** A single method of a service, or the whole service ({@code /*}). */
  private static GrpcRule grpc(Draw d) {
    return new GrpcRule(
        d.pick(GRPC_SERVICES), d.chance(60) ? Optional.of(d.pick(GRPC_METHODS)) : Optional.empty(),
        SourceSpan.NONE);
  }

  /** Either role on a topic of the pool, with or without a client id. */
  private static KafkaRule kafka(Draw d) {
    return new KafkaRule(
        d.pick(List.of(KafkaRule.Role.values())), d.pick(KAFKA_TOPICS),
        d.chance(60) ? Optional.empty() : Optional.of(d.pick(KAFKA_CLIENTS)), SourceSpan.NONE);
  }

  private static Rule deny(Draw d, int[] line) {
    SourceSpan span = at(line);
    List<PeerTerm> peers = new ArrayList<>();
    int n = d.between(1, 2);
    for (int i = 0; i < n; i++) {
      PeerTerm p = d.chance(80) ? cidrOrWorld(d) : d.pick(List.<PeerTerm>of(
          PodPeer.of(d.pick(SELECTORS)), EntityPeer.of(Entity.HOST), EntityPeer.of(Entity.ANY)));
      if (!peers.contains(p)) {
        peers.add(p);
      }
    }
    return new Rule(io.netlingua.model.Action.DENY, false, peers, ports(d), Optional.empty(), span);
  }

  private static PeerTerm cidrOrWorld(Draw d) {
    if (d.chance(15)) {
      return EntityPeer.of(Entity.WORLD);
    }
    String cidr = d.pick(CIDRS);
    return cidr.equals("10.0.0.0/8") && d.chance(50) ? CidrPeer.of(cidr, "10.1.0.0/16") : CidrPeer.of(cidr);
  }

  private static PeerTerm peer(Draw d, boolean egress) {
    LabelSelector sel = d.pick(SELECTORS);
    return switch (d.between(0, 9)) {
      case 0 -> PodPeer.of(sel);
      case 1 -> PodPeer.inNamespace(sel, "b");
      case 2 -> new PodPeer(sel, NamespaceScope.ANY, SourceSpan.NONE);
      case 3 -> new PodPeer(sel, NamespaceScope.selected(d.pick(SELECTORS)), SourceSpan.NONE);
      case 4, 5 -> cidrOrWorld(d);
      case 6 -> EntityPeer.of(d.pick(List.of(Entity.values())));
      case 7 -> ServiceAccountPeer.of("s", null);
      case 8 -> egress ? FqdnPeer.of("api.example.com") : EntityPeer.of(Entity.NODES);
      default -> egress ? ServicePeer.of("db", null) : EntityPeer.of(Entity.ANY);
    };
  }

  private static List<PortTerm> ports(Draw d) {
    if (d.chance(35)) {
      return List.of();
    }
    List<PortTerm> pool = List.of(
        PortRange.of(Protocol.TCP, 80), PortRange.of(Protocol.TCP, 443), PortRange.of(Protocol.TCP, 80, 90),
        PortRange.of(Protocol.UDP, 53), NamedPort.of(Protocol.TCP, "http"), AllPorts.of(Protocol.TCP),
        PortRange.of(Protocol.SCTP, 9), IcmpPort.of(false, 8, null), PortRange.of(Protocol.TCP, 9092),
        IcmpPort.of(true, 128, 0));
    List<PortTerm> out = new ArrayList<>();
    int n = d.between(1, 2);
    for (int i = 0; i < n; i++) {
      PortTerm p = d.pick(pool);
      if (!out.contains(p)) {
        out.add(p);
      }
    }
    return out;
  }
}

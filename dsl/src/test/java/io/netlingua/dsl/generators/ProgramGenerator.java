package io.netlingua.dsl.generators;

import io.netlingua.model.Action;
import io.netlingua.model.AllPorts;
import io.netlingua.model.Cidr;
import io.netlingua.model.CidrPeer;
import io.netlingua.model.Definition;
import io.netlingua.model.Direction;
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
import io.netlingua.model.Import;
import io.netlingua.model.KafkaBlock;
import io.netlingua.model.KafkaRule;
import io.netlingua.model.L7Block;
import io.netlingua.model.LabelRequirement;
import io.netlingua.model.LabelSelector;
import io.netlingua.model.NamedPort;
import io.netlingua.model.NamespaceScope;
import io.netlingua.model.Peer;
import io.netlingua.model.PeerRef;
import io.netlingua.model.PeerTerm;
import io.netlingua.model.Peers;
import io.netlingua.model.PodPeer;
import io.netlingua.model.Policy;
import io.netlingua.model.PolicyFile;
import io.netlingua.model.Port;
import io.netlingua.model.PortRange;
import io.netlingua.model.PortRef;
import io.netlingua.model.PortTerm;
import io.netlingua.model.Ports;
import io.netlingua.model.Program;
import io.netlingua.model.Protocol;
import io.netlingua.model.Rule;
import io.netlingua.model.RuleBlock;
import io.netlingua.model.ServiceAccountPeer;
import io.netlingua.model.ServicePeer;
import io.netlingua.model.SourceSpan;
import io.netlingua.model.Subject;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Builds one random valid program; see {@link ModelGenerators} for what valid means here. */
final class ProgramGenerator {
  private static final SourceSpan NONE = SourceSpan.NONE;
  private static final String KUBE_DNS = "kube-dns";
  /** The built-in {@code kube-dns} of LANGUAGE.md. */
  private static final List<Peer> BUILTIN_KUBE_DNS = List.of(
      PodPeer.inNamespace(LabelSelector.builder().equal("k8s-app", "kube-dns").build(), "kube-system"));
  /** Candidate file paths, in sorted order: the top folder, a sub-folder and a sub-sub-folder. */
  private static final List<String> PATHS = List.of("a.npl", "b.npl", "lib/c.npl", "lib/deep/d.npl", "z.npl");
  private static final List<Protocol> TCP = List.of(Protocol.TCP);
  private static final List<Protocol> TCP_UDP = List.of(Protocol.TCP, Protocol.UDP);
  private static final List<Protocol> ALL_PROTOCOLS = List.of(Protocol.values());

  /** The kinds of L7 block, and the protocols each allows on the rule's ports. */
  private enum L7Kind {
    HTTP(TCP),
    GRPC(TCP),
    KAFKA(TCP),
    DNS(TCP_UDP);

    final List<Protocol> protocols;

    L7Kind(List<Protocol> protocols) {
      this.protocols = protocols;
    }
  }

  private record PeerLet(String name, List<Peer> expansion) {
    PeerRef ref() {
      return new PeerRef(name, expansion, NONE);
    }
  }

  private record PortLet(String name, List<Port> expansion) {
    PortRef ref() {
      return new PortRef(name, expansion, NONE);
    }
  }

  private final Rnd rnd;
  private final Texts texts;
  /** Every let and policy name is unique in the program: no clash in any scope or namespace is possible. */
  private final Set<String> usedNames = new HashSet<>();
  private final Map<String, List<PeerLet>> peerLetsByFile = new HashMap<>();
  private final Map<String, List<PortLet>> portLetsByFile = new HashMap<>();
  private boolean kubeDnsOverridden;

  ProgramGenerator(Rnd rnd) {
    this.rnd = rnd;
    this.texts = new Texts(rnd);
  }

  Program program(int maxFiles) {
    List<String> paths = rnd.shuffled(PATHS).subList(0, rnd.between(1, maxFiles)).stream().sorted().toList();
    List<PolicyFile> files = new ArrayList<>();
    for (int i = 0; i < paths.size(); i++) {
      files.add(file(paths.get(i), paths.subList(0, i)));
    }
    return new Program(files);
  }

  // The file: imports of earlier files only (no cycle), then lets, then policies.

  private PolicyFile file(String path, List<String> earlier) {
    List<String> imported = earlier.stream().filter(p -> rnd.chance(50)).toList();
    List<Import> imports = imported.stream().map(p -> new Import(relative(path, p), NONE)).toList();
    List<PeerLet> peerLets = new ArrayList<>();
    List<PortLet> portLets = new ArrayList<>();
    for (String p : imported) {
      peerLets.addAll(peerLetsByFile.get(p));
      portLets.addAll(portLetsByFile.get(p));
    }
    boolean kubeDnsImported = peerLets.stream().anyMatch(l -> l.name().equals(KUBE_DNS));
    List<Definition> definitions = new ArrayList<>();
    List<PeerLet> ownPeerLets = new ArrayList<>();
    List<PortLet> ownPortLets = new ArrayList<>();
    // A let is visible in its whole file, so an override of kube-dns must be known before any other let uses it.
    if (!kubeDnsOverridden && !kubeDnsImported && rnd.chance(8)) {
      kubeDnsOverridden = true;
      definitions.add(peerLet(KUBE_DNS, peerLets, ownPeerLets));
    } else if (!kubeDnsImported) {
      peerLets.add(new PeerLet(KUBE_DNS, BUILTIN_KUBE_DNS));
    }
    int lets = rnd.between(0, 4);
    for (int i = 0; i < lets; i++) {
      definitions.add(rnd.chance(65)
          ? peerLet(letName(), peerLets, ownPeerLets)
          : portLet(letName(), portLets, ownPortLets));
    }
    peerLetsByFile.put(path, ownPeerLets);
    portLetsByFile.put(path, ownPortLets);
    Optional<PolicyFile.NamespaceDirective> directive =
        rnd.chance(60) ? Optional.of(new PolicyFile.NamespaceDirective(texts.namespace(), NONE)) : Optional.empty();
    List<Policy> policies = new ArrayList<>();
    int count = rnd.between(0, 3);
    for (int i = 0; i < count; i++) {
      policies.add(policy(directive.map(PolicyFile.NamespaceDirective::name), peerLets, portLets));
    }
    // Definitions in a random order: a let may use one defined after it.
    return new PolicyFile(path, directive, imports, rnd.shuffled(definitions), policies);
  }

  private static String relative(String from, String to) {
    Path parent = Path.of(from).getParent();
    return (parent == null ? Path.of(to) : parent.relativize(Path.of(to))).toString().replace('\\', '/');
  }

  private Definition peerLet(String name, List<PeerLet> visible, List<PeerLet> own) {
    List<PeerTerm> terms =
        distinctTerms(rnd.between(1, 3), refs(visible, l -> true), () -> peer(null), ProgramGenerator::meaning);
    PeerLet let = new PeerLet(name, Peers.flatten(terms));
    visible.add(let);
    own.add(let);
    return new Definition.Peers(name, terms, NONE);
  }

  private Definition portLet(String name, List<PortLet> visible, List<PortLet> own) {
    List<PortTerm> terms = distinctTerms(
        rnd.between(1, 3), portRefs(visible, p -> true), () -> port(ALL_PROTOCOLS, true), ProgramGenerator::meaning);
    PortLet let = new PortLet(name, Ports.flatten(terms));
    visible.add(let);
    own.add(let);
    return new Definition.Ports(name, terms, NONE);
  }

  private String letName() {
    return unique(texts::name, n -> !Texts.RESERVED.contains(n) && !n.equals(KUBE_DNS));
  }

  /** A policy name; reserved words are allowed there, and so sometimes chosen. */
  private String policyName() {
    return unique(() -> rnd.chance(5) ? rnd.pick(List.copyOf(Texts.RESERVED)) : texts.name(), n -> true);
  }

  private String unique(Supplier<String> candidates, Predicate<String> allowed) {
    String name = candidates.get();
    for (int n = 0; !allowed.test(name) || usedNames.contains(name); n++) {
      name = "n" + n;
    }
    usedNames.add(name);
    return name;
  }

  // Policies.

  private Policy policy(Optional<String> directive, List<PeerLet> peerLets, List<PortLet> portLets) {
    boolean cluster = rnd.chance(25);
    Optional<String> namespace = cluster
        ? Optional.empty()
        : Optional.of(directive.isPresent() && rnd.chance(70) ? directive.get() : texts.namespace());
    Optional<String> description = rnd.chance(50) ? Optional.of(texts.description()) : Optional.empty();
    Predicate<Peer> subjectPeer = cluster
        ? p -> p instanceof PodPeer && !(((PodPeer) p).namespaces() instanceof NamespaceScope.AnyNamespace)
        : p -> p instanceof PodPeer && ((PodPeer) p).namespaces() instanceof NamespaceScope.PolicyNamespace;
    List<PeerTerm> subject = distinctTerms(rnd.between(1, 2),
        refs(peerLets, l -> l.expansion().stream().allMatch(subjectPeer)), () -> subjectPeer(cluster),
        ProgramGenerator::meaning);
    boolean ingress = rnd.chance(70);
    boolean egress = !ingress || rnd.chance(60);
    return new Policy(policyName(), namespace, description, new Subject(subject, NONE),
        ingress ? Optional.of(block(Direction.INGRESS, peerLets, portLets)) : Optional.empty(),
        egress ? Optional.of(block(Direction.EGRESS, peerLets, portLets)) : Optional.empty(),
        NONE);
  }

  private PodPeer subjectPeer(boolean cluster) {
    LabelSelector pods = rnd.chance(30) ? LabelSelector.ALL : selector();
    if (!cluster) {
      return new PodPeer(pods, NamespaceScope.POLICY, NONE);
    }
    int scope = rnd.between(0, 2);
    NamespaceScope namespaces = scope == 0
        ? NamespaceScope.POLICY
        : scope == 1 ? NamespaceScope.named(texts.namespace()) : NamespaceScope.selected(selector());
    return new PodPeer(pods, namespaces, NONE);
  }

  private RuleBlock block(Direction direction, List<PeerLet> peerLets, List<PortLet> portLets) {
    int count = rnd.between(0, 3);
    List<Rule> rules = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      rules.add(rule(direction, peerLets, portLets));
    }
    return new RuleBlock(rules, NONE);
  }

  private Rule rule(Direction direction, List<PeerLet> peerLets, List<PortLet> portLets) {
    Action action = rnd.chance(75) ? Action.ALLOW : Action.DENY;
    boolean log = rnd.chance(20);
    Predicate<Peer> allowed = p -> direction == Direction.EGRESS || !egressOnly(p);
    List<PeerTerm> peers = distinctTerms(rnd.between(1, 3),
        refs(peerLets, l -> l.expansion().stream().allMatch(allowed)), () -> peer(direction),
        ProgramGenerator::meaning);
    L7Kind l7 = action == Action.ALLOW && rnd.chance(40) ? rnd.pick(L7Kind.values()) : null;
    List<PortTerm> ports;
    if (l7 != null) {
      ports = distinctTerms(rnd.between(1, 3),
          portRefs(portLets, p -> protocol(p).filter(l7.protocols::contains).isPresent()),
          () -> port(l7.protocols, false), ProgramGenerator::meaning);
    } else if (rnd.chance(60)) {
      ports = distinctTerms(rnd.between(1, 3), portRefs(portLets, p -> true), () -> port(ALL_PROTOCOLS, true),
          ProgramGenerator::meaning);
    } else {
      ports = List.of();
    }
    Optional<L7Block> block = l7 == null ? Optional.empty() : Optional.of(l7Block(l7));
    return new Rule(action, log, peers, ports, block, NONE);
  }

  private static boolean egressOnly(Peer peer) {
    return peer instanceof FqdnPeer || peer instanceof ServicePeer;
  }

  /** The transport protocol of a port; empty for ICMP. */
  private static Optional<Protocol> protocol(Port port) {
    return port.accept(new Port.Visitor<>() {
      @Override
      public Optional<Protocol> range(PortRange p) {
        return Optional.of(p.protocol());
      }

      @Override
      public Optional<Protocol> named(NamedPort p) {
        return Optional.of(p.protocol());
      }

      @Override
      public Optional<Protocol> all(AllPorts p) {
        return Optional.of(p.protocol());
      }

      @Override
      public Optional<Protocol> icmp(IcmpPort p) {
        return Optional.empty();
      }
    });
  }

  // Lists: entries drawn from let references and fresh entries, never one meaning twice.

  private static List<PeerTerm> refs(List<PeerLet> lets, Predicate<PeerLet> usable) {
    return lets.stream().filter(usable).map(l -> (PeerTerm) l.ref()).toList();
  }

  private static List<PortTerm> portRefs(List<PortLet> lets, Predicate<Port> usable) {
    return lets.stream()
        .filter(l -> l.expansion().stream().allMatch(usable))
        .map(l -> (PortTerm) l.ref())
        .toList();
  }

  private static List<?> meaning(PeerTerm term) {
    return term instanceof PeerRef ref ? ref.peers() : List.of(term);
  }

  private static List<?> meaning(PortTerm term) {
    return term instanceof PortRef ref ? ref.ports() : List.of(term);
  }

  /**
   * Up to {@code count} entries, each a reference (when there is one, a third of the time) or a fresh entry, such
   * that no two entries share a meaning. The first always succeeds, so the list is never empty.
   */
  private <T> List<T> distinctTerms(int count, List<T> refs, Supplier<T> fresh, Function<T, List<?>> meaning) {
    List<T> out = new ArrayList<>();
    Set<Object> seen = new HashSet<>();
    for (int attempt = 0; attempt < count * 4 && out.size() < count; attempt++) {
      T term = !refs.isEmpty() && rnd.chance(35) ? rnd.pick(refs) : fresh.get();
      List<?> means = meaning.apply(term);
      if (!out.contains(term) && means.stream().noneMatch(seen::contains)) {
        out.add(term);
        seen.addAll(means);
      }
    }
    return out;
  }

  // Peers.

  /** A fresh peer usable in the direction ({@code null}: in a let, any kind). */
  private Peer peer(Direction direction) {
    boolean egress = direction != Direction.INGRESS;
    int kind = rnd.between(0, 99);
    if (kind < 40) {
      return podPeer();
    }
    if (kind < 50) {
      return new ServiceAccountPeer(texts.serviceAccountName(), optionalNamespace(), NONE);
    }
    if (kind < 58 && egress) {
      return new ServicePeer(texts.serviceName(), optionalNamespace(), NONE);
    }
    if (kind < 75) {
      return cidrPeer();
    }
    if (kind < 88 && egress) {
      return new FqdnPeer(texts.namePattern(), NONE);
    }
    return new EntityPeer(rnd.pick(Entity.values()), NONE);
  }

  private Optional<String> optionalNamespace() {
    return rnd.chance(50) ? Optional.of(texts.namespace()) : Optional.empty();
  }

  private PodPeer podPeer() {
    LabelSelector pods = rnd.chance(30) ? LabelSelector.ALL : selector();
    int scope = rnd.between(0, 99);
    NamespaceScope namespaces = scope < 40 ? NamespaceScope.POLICY
        : scope < 65 ? NamespaceScope.named(texts.namespace())
        : scope < 85 ? NamespaceScope.selected(selector())
        : NamespaceScope.ANY;
    return new PodPeer(pods, namespaces, NONE);
  }

  /** One to three requirements with distinct keys, every operator equally likely. */
  LabelSelector selector() {
    int count = rnd.between(1, 3);
    Set<String> keys = new HashSet<>();
    List<LabelRequirement> requirements = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String key = texts.labelKey();
      if (keys.add(key)) {
        LabelRequirement.Operator operator = rnd.pick(LabelRequirement.Operator.values());
        requirements.add(new LabelRequirement(key, operator, values(operator), NONE));
      }
    }
    return new LabelSelector(requirements);
  }

  private List<String> values(LabelRequirement.Operator operator) {
    return switch (operator) {
      case EQUALS, NOT_EQUALS -> List.of(texts.labelValue());
      case IN, NOT_IN -> distinct(rnd.between(1, 3), texts::labelValue);
      case EXISTS, DOES_NOT_EXIST -> List.of();
    };
  }

  private CidrPeer cidrPeer() {
    boolean v6 = rnd.chance(30);
    int bits = v6 ? 128 : 32;
    int prefix = rnd.chance(10) ? rnd.pick(0, bits) : rnd.between(8, bits);
    Cidr cidr = cidr(v6, address(v6), prefix);
    List<Cidr> except = new ArrayList<>();
    if (prefix < bits && rnd.chance(35)) {
      int count = rnd.between(1, 2);
      for (int i = 0; i < count; i++) {
        int longer = rnd.between(prefix + 1, Math.min(bits, prefix + 16));
        Cidr inside = cidr(v6, cidr.address().or(address(v6).and(hostMask(bits, prefix))), longer);
        if (except.stream().noneMatch(inside::overlaps)) {
          except.add(inside);
        }
      }
    }
    return new CidrPeer(cidr, except, NONE);
  }

  /** The prefix of an address; an IPv4-mapped IPv6 prefix (invalid in the language) becomes 2001:db8::/32. */
  private static Cidr cidr(boolean v6, BigInteger address, int prefix) {
    Cidr cidr = new Cidr(v6, address.andNot(hostMask(v6 ? 128 : 32, prefix)), prefix);
    return Cidr.read(cidr.toString()).cidr().orElseGet(() -> Cidr.parse("2001:db8::/32"));
  }

  private BigInteger address(boolean v6) {
    BigInteger value = BigInteger.ZERO;
    int groups = v6 ? 8 : 2;
    for (int i = 0; i < groups; i++) {
      // Runs of zero groups make the IPv6 text use (and the parser read) the :: shorthand.
      int group = v6 && rnd.chance(50) ? 0 : rnd.between(0, 0xffff);
      value = value.shiftLeft(16).or(BigInteger.valueOf(group));
    }
    return value;
  }

  private static BigInteger hostMask(int bits, int prefix) {
    return BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE);
  }

  // Ports.

  /** A fresh port of one of the protocols, or (when allowed) ICMP. */
  private Port port(List<Protocol> protocols, boolean icmpAllowed) {
    if (icmpAllowed && rnd.chance(15)) {
      Optional<Integer> type = rnd.chance(60) ? Optional.of(rnd.between(0, 255)) : Optional.empty();
      Optional<Integer> code =
          type.isPresent() && rnd.chance(50) ? Optional.of(rnd.between(0, 255)) : Optional.empty();
      return new IcmpPort(rnd.chance(30), type, code, NONE);
    }
    Protocol protocol = rnd.pick(protocols);
    int kind = rnd.between(0, 99);
    if (kind < 45) {
      int port = rnd.chance(30) ? rnd.pick(1, 53, 80, 443, 8080, 65535) : rnd.between(1, 65535);
      return new PortRange(protocol, port, port, NONE);
    }
    if (kind < 65) {
      int first = rnd.between(1, 65534);
      return new PortRange(protocol, first, rnd.between(first + 1, 65535), NONE);
    }
    if (kind < 85) {
      return new NamedPort(protocol, texts.namedPort(), NONE);
    }
    return new AllPorts(protocol, NONE);
  }

  // L7 blocks: one to three distinct alternatives of one kind.

  private L7Block l7Block(L7Kind kind) {
    return switch (kind) {
      case HTTP -> new HttpBlock(distinct(rnd.between(1, 3), this::httpRule), NONE);
      case GRPC -> new GrpcBlock(distinct(rnd.between(1, 3), this::grpcRule), NONE);
      case KAFKA -> new KafkaBlock(distinct(rnd.between(1, 3), this::kafkaRule), NONE);
      case DNS -> new DnsBlock(distinct(rnd.between(1, 3), () -> new DnsRule(texts.namePattern(), NONE)), NONE);
    };
  }

  /** Up to {@code count} values, duplicates dropped; at least one. */
  private <T> List<T> distinct(int count, Supplier<T> value) {
    Set<T> out = new LinkedHashSet<>();
    for (int i = 0; i < count; i++) {
      out.add(value.get());
    }
    return List.copyOf(out);
  }

  private GrpcRule grpcRule() {
    Optional<String> method = rnd.chance(70) ? Optional.of(texts.grpcMethod()) : Optional.empty();
    return new GrpcRule(texts.grpcService(), method, NONE);
  }

  private KafkaRule kafkaRule() {
    Optional<String> client = rnd.chance(50) ? Optional.of(texts.kafkaName()) : Optional.empty();
    return new KafkaRule(rnd.pick(KafkaRule.Role.values()), texts.kafkaName(), client, NONE);
  }

  private HttpRule httpRule() {
    Optional<String> method = rnd.chance(15)
        ? Optional.empty()
        : Optional.of(rnd.pick("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"));
    Optional<HttpRule.PathMatch> path = Optional.empty();
    if (rnd.chance(60)) {
      HttpRule.PathMatch.Kind kind = rnd.pick(HttpRule.PathMatch.Kind.values());
      String value = kind == HttpRule.PathMatch.Kind.REGEX ? texts.pathRegex() : texts.httpPath();
      path = Optional.of(new HttpRule.PathMatch(kind, value));
    }
    Optional<String> host = rnd.chance(25) ? Optional.of(texts.hostName()) : Optional.empty();
    List<HttpRule.HeaderMatch> headers = new ArrayList<>();
    Set<String> names = new HashSet<>();
    int count = rnd.between(0, 2);
    for (int i = 0; i < count; i++) {
      String name = texts.headerName();
      if (names.add(name)) {
        Optional<String> value = rnd.chance(50) ? Optional.of(texts.headerValue()) : Optional.empty();
        headers.add(new HttpRule.HeaderMatch(name, value, NONE));
      }
    }
    return new HttpRule(method, path, host, headers, NONE);
  }
}

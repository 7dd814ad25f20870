package io.netlingua.check.internal;

import io.netlingua.diagnostics.Code;
import io.netlingua.diagnostics.Diagnostic;
import io.netlingua.model.Action;
import io.netlingua.model.AllPorts;
import io.netlingua.model.Cidr;
import io.netlingua.model.CidrPeer;
import io.netlingua.model.Definition;
import io.netlingua.model.Direction;
import io.netlingua.model.DnsBlock;
import io.netlingua.model.DnsRule;
import io.netlingua.model.EntityPeer;
import io.netlingua.model.FqdnPeer;
import io.netlingua.model.GrpcBlock;
import io.netlingua.model.HttpBlock;
import io.netlingua.model.HttpPaths;
import io.netlingua.model.HttpRule;
import io.netlingua.model.IcmpPort;
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
import io.netlingua.model.PodPeer;
import io.netlingua.model.Policy;
import io.netlingua.model.PolicyFile;
import io.netlingua.model.Port;
import io.netlingua.model.PortRange;
import io.netlingua.model.PortRef;
import io.netlingua.model.PortTerm;
import io.netlingua.model.Program;
import io.netlingua.model.Protocol;
import io.netlingua.model.Rule;
import io.netlingua.model.RuleBlock;
import io.netlingua.model.ServiceAccountPeer;
import io.netlingua.model.ServicePeer;
import io.netlingua.model.SourceSpan;
import java.util.Collections;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * One run of the model checks over a program.
 *
 * <p>Two kinds of check: value checks (a label, a name, a port, a CIDR) report at the node holding the value, which
 * for a {@code let}'s entries lies inside the {@code let}'s definition; context checks (a peer kind in a direction,
 * what {@code select} names, which ports an L7 block sits on) report where the peer or port is used. A {@code let}
 * used many times expands to the same node objects each time, so value checks remember the nodes and lists of lets
 * they have seen (by identity) and the cost stays linear in the program; equal findings are reported once. A peer or
 * port written inline in a policy belongs to that one use: it is checked where it stands, without being
 * remembered.
 */
public final class Checker {
  private final Set<Diagnostic> found = new LinkedHashSet<>();
  private final Set<Object> checkedValues = Collections.newSetFromMap(new IdentityHashMap<>());
  private final Map<PeerQuestion, Map<List<Peer>, Optional<Peer>>> peerAnswers =
      new EnumMap<>(PeerQuestion.class);
  private final Map<PortQuestion, Map<List<Port>, Optional<Port>>> portAnswers =
      new EnumMap<>(PortQuestion.class);

  /** What context checks ask of a peer. */
  private enum PeerQuestion {
    NOT_PODS(peer -> !(peer instanceof PodPeer)),
    WITH_NAMESPACE(
        peer -> peer instanceof PodPeer pods && !(pods.namespaces() instanceof NamespaceScope.PolicyNamespace)),
    DESTINATION_ONLY(peer -> peer instanceof FqdnPeer || peer instanceof ServicePeer);

    final Predicate<Peer> test;

    PeerQuestion(Predicate<Peer> test) {
      this.test = test;
    }
  }

  /** What context checks ask of a port: whether an L7 kind may not run on it. */
  private enum PortQuestion {
    NOT_TCP(port -> protocolOf(port).filter(p -> p == Protocol.TCP).isEmpty()),
    NOT_TCP_OR_UDP(port -> protocolOf(port).filter(p -> p == Protocol.TCP || p == Protocol.UDP).isEmpty());

    final Predicate<Port> test;

    PortQuestion(Predicate<Port> test) {
      this.test = test;
    }
  }

  /** The hint of a check that has none to give. */
  private static final UnaryOperator<String> NO_HINT = value -> null;

  private Checker() {}

  /** Every finding about the program, sorted. */
  public static List<Diagnostic> check(Program program) {
    Checker c = new Checker();
    c.duplicatePolicies(program);
    for (PolicyFile file : program.files()) {
      c.file(file);
    }
    return c.found.stream().sorted().toList();
  }

  private void report(Code code, SourceSpan span, String message) {
    found.add(Diagnostic.of(code, span, message));
  }

  private void report(Code code, SourceSpan span, String message, String hint) {
    found.add(Diagnostic.of(code, span, message, hint));
  }

  // ---- the program -------------------------------------------------------------------------------------------

  /** NL2002: names are unique per namespace, cluster policy names in the program; the later one is reported. */
  private void duplicatePolicies(Program program) {
    // A cluster policy's namespace is empty: its names form their own space, the program's.
    record Key(Optional<String> namespace, String name) {}
    Map<Key, Policy> first = new LinkedHashMap<>();
    for (Policy p : program.policies()) {
      Policy earlier = first.putIfAbsent(new Key(p.namespace(), p.name()), p);
      if (earlier != null) {
        String what =
            p.namespace()
                .map(ns -> "policy " + Describe.quote(p.name()) + " in namespace " + Describe.quote(ns))
                .orElse("cluster policy " + Describe.quote(p.name()));
        report(
            Code.DUPLICATE_POLICY, p.span(),
            "duplicate " + what + ": the first is at " + earlier.span().file() + ":" + earlier.span().line(),
            "rename one of them");
      }
    }
  }

  private void file(PolicyFile file) {
    Optional<String> directive = file.namespace().map(PolicyFile.NamespaceDirective::name);
    file.namespace().ifPresent(d -> namespaceName(d.name(), d.span()));
    for (Definition d : file.definitions()) {
      if (d instanceof Definition.Peers peers) {
        for (PeerTerm term : peers.terms()) {
          if (term instanceof PeerRef ref) {
            peerTermValues(ref);
          } else {
            sharedPeerValues((Peer) term);
          }
        }
      } else {
        for (PortTerm term : ((Definition.Ports) d).terms()) {
          if (term instanceof PortRef ref) {
            portTermValues(ref);
          } else {
            sharedPortValues((Port) term);
          }
        }
      }
    }
    for (Policy p : file.policies()) {
      // A namespace that came from the file's directive is reported once, at the directive.
      p.namespace()
          .filter(ns -> !directive.equals(Optional.of(ns)))
          .ifPresent(ns -> namespaceName(ns, p.span()));
      policy(p);
    }
  }

  // ---- context checks ----------------------------------------------------------------------------------------

  private void policy(Policy p) {
    for (PeerTerm term : p.subject().terms()) {
      peerTermValues(term);
      firstPeer(term, PeerQuestion.NOT_PODS)
          .ifPresent(peer -> report(
              Code.SELECT_NOT_PODS, term.span(), "select " + names(term, peer) + ": it governs pods only",
              "select pods, pods(SELECTOR) or a let of pod peers"));
      if (!p.isClusterWide()) {
        firstPeer(term, PeerQuestion.WITH_NAMESPACE)
            .ifPresent(peer -> report(
                Code.SELECT_WITH_NAMESPACE, term.span(),
                "select in a namespaced policy " + names(term, peer)
                    + ": it governs pods of its own namespace only",
                "drop the namespace, or write a cluster policy"));
      }
    }
    if (p.ingress().isEmpty() && p.egress().isEmpty()) {
      report(
          Code.NO_RULE_BLOCK, p.span(), "policy " + Describe.quote(p.name()) + " has neither ingress nor egress",
          "add an ingress { } or egress { } block (an empty block isolates the selected pods)");
    }
    p.ingress().ifPresent(b -> block(b, Direction.INGRESS));
    p.egress().ifPresent(b -> block(b, Direction.EGRESS));
  }

  /** {@code names cidr 10.0.0.0/8} for an inline peer, {@code names 'corp', which holds cidr ...} for a let. */
  private static String names(PeerTerm term, Peer peer) {
    String holds = term instanceof PeerRef ref ? Describe.quote(ref.name()) + ", which holds " : "";
    return "names " + holds + Describe.peer(peer);
  }

  private void block(RuleBlock block, Direction direction) {
    for (Rule rule : block.rules()) {
      for (PeerTerm term : rule.peerTerms()) {
        peerTermValues(term);
        if (direction == Direction.INGRESS) {
          firstPeer(term, PeerQuestion.DESTINATION_ONLY)
              .ifPresent(peer -> report(
                  Code.PEER_WRONG_DIRECTION, term.span(),
                  (term instanceof PeerRef ref
                      ? Describe.quote(ref.name()) + " holds " + Describe.peer(peer) + ", which"
                      : Describe.peer(peer))
                      + " is a destination: it can be used in egress only",
                  "move the rule to the egress block of the policy that governs the clients"));
        }
      }
      rule.portTerms().forEach(this::portTermValues);
      rule.l7().ifPresent(l7 -> l7(rule, l7));
    }
  }

  private void l7(Rule rule, L7Block l7) {
    String kind = l7.keyword();
    boolean dns = l7 instanceof DnsBlock;
    if (rule.action() == Action.DENY) {
      report(
          Code.L7_ON_DENY, l7.span(), "a deny rule cannot have an L7 block",
          "deny rules match whole connections: put the " + kind + " block on an allow rule");
    }
    if (rule.allPorts()) {
      report(
          Code.L7_WITHOUT_PORTS, l7.span(), "an L7 block needs the ports it applies to",
          "add `on` with the ports, such as `on " + (dns ? "udp/53, tcp/53" : "tcp/8080") + "`");
    }
    String block = ("http".equals(kind) ? "an " : "a ") + kind + " block applies to "
        + (dns ? "UDP or TCP" : "TCP") + " ports only, and ";
    for (PortTerm term : rule.portTerms()) {
      firstPort(term, dns ? PortQuestion.NOT_TCP_OR_UDP : PortQuestion.NOT_TCP)
          .ifPresent(port -> report(
              Code.L7_WRONG_PROTOCOL, term.span(),
              block + (term instanceof PortRef ref
                  ? Describe.quote(ref.name()) + " holds " + Describe.port(port)
                  : Describe.port(port) + " is not one"),
              "move " + Describe.port(port) + " to a rule of its own, without the L7 block"));
    }
    l7Values(l7);
  }

  private static Optional<Protocol> protocolOf(Port port) {
    if (port instanceof PortRange r) {
      return Optional.of(r.protocol());
    }
    if (port instanceof NamedPort n) {
      return Optional.of(n.protocol());
    }
    if (port instanceof AllPorts a) {
      return Optional.of(a.protocol());
    }
    return Optional.empty();
  }

  /**
   * The first peer of a term (the peer itself, or the first of a let's expansion) for which the question holds. A
   * let's expansion is one list however often the let is used, so its answer is remembered by identity.
   */
  private Optional<Peer> firstPeer(PeerTerm term, PeerQuestion q) {
    if (term instanceof PeerRef ref) {
      return peerAnswers
          .computeIfAbsent(q, k -> new IdentityHashMap<>())
          .computeIfAbsent(ref.peers(), peers -> peers.stream().filter(q.test).findFirst());
    }
    return Optional.of((Peer) term).filter(q.test);
  }

  /** The first port of a term for which the question holds; see {@link #firstPeer}. */
  private Optional<Port> firstPort(PortTerm term, PortQuestion q) {
    if (term instanceof PortRef ref) {
      return portAnswers
          .computeIfAbsent(q, k -> new IdentityHashMap<>())
          .computeIfAbsent(ref.ports(), ports -> ports.stream().filter(q.test).findFirst());
    }
    return Optional.of((Port) term).filter(q.test);
  }

  // ---- value checks ------------------------------------------------------------------------------------------

  /** The values of a term where it is used: a let's expansion once for the program, an inline peer here. */
  private void peerTermValues(PeerTerm term) {
    if (term instanceof PeerRef ref) {
      if (checkedValues.add(ref.peers())) {
        for (Peer peer : ref.peers()) {
          sharedPeerValues(peer);
        }
      }
    } else {
      peerValues((Peer) term);
    }
  }

  /** See {@link #peerTermValues}. */
  private void portTermValues(PortTerm term) {
    if (term instanceof PortRef ref) {
      if (checkedValues.add(ref.ports())) {
        for (Port port : ref.ports()) {
          sharedPortValues(port);
        }
      }
    } else {
      portValues((Port) term);
    }
  }

  /** A peer of a let, which every use of the let shares: checked the first time only. */
  private void sharedPeerValues(Peer peer) {
    if (checkedValues.add(peer)) {
      peerValues(peer);
    }
  }

  /** A port of a let, which every use of the let shares: checked the first time only. */
  private void sharedPortValues(Port port) {
    if (checkedValues.add(port)) {
      portValues(port);
    }
  }

  private void peerValues(Peer peer) {
    peer.accept(
        new Peer.Visitor<Void>() {
          @Override
          public Void pods(PodPeer p) {
            selector(p.pods());
            NamespaceScope ns = p.namespaces();
            if (ns instanceof NamespaceScope.Named named) {
              namespaceName(named.name(), p.span());
            } else if (ns instanceof NamespaceScope.Selected selected) {
              selector(selected.selector());
            }
            return null;
          }

          @Override
          public Void serviceAccount(ServiceAccountPeer p) {
            // ValidateServiceAccountName: a DNS-1123 subdomain.
            check(
                Code.INVALID_OBJECT_NAME, "service account name", p.name(), Syntax::dns1123Subdomain, p.span());
            p.namespace().ifPresent(ns -> namespaceName(ns, p.span()));
            return null;
          }

          @Override
          public Void service(ServicePeer p) {
            // ValidateServiceName: a DNS-1035 label.
            check(Code.INVALID_OBJECT_NAME, "service name", p.name(), Syntax::dns1035Label, p.span());
            p.namespace().ifPresent(ns -> namespaceName(ns, p.span()));
            return null;
          }

          @Override
          public Void cidr(CidrPeer p) {
            exceptions(p);
            return null;
          }

          @Override
          public Void fqdn(FqdnPeer p) {
            fqdnPattern("fqdn pattern", p.pattern(), p.span());
            return null;
          }

          @Override
          public Void entity(EntityPeer p) {
            return null;
          }
        });
  }

  /**
   * NL2021: each except must be a strict subset of its CIDR, as Kubernetes' ValidateIPBlock demands
   * (kubernetes/pkg/apis/networking/validation/validation.go: "must be a strict subset of `cidr`").
   */
  private void exceptions(CidrPeer p) {
    for (Cidr except : p.except()) {
      if (except.ipv6() != p.cidr().ipv6()) {
        report(
            Code.EXCEPT_OUTSIDE_CIDR, p.span(),
            "except " + except + " is an IPv" + (except.ipv6() ? "6" : "4") + " prefix inside the IPv"
                + (p.cidr().ipv6() ? "6" : "4") + " cidr " + p.cidr(),
            "write a separate cidr peer for the other address family");
      } else if (!p.cidr().contains(except) || except.prefixLength() == p.cidr().prefixLength()) {
        report(
            Code.EXCEPT_OUTSIDE_CIDR, p.span(),
            "except " + except + " is not strictly inside cidr " + p.cidr(),
            "an except cuts a smaller prefix out of its cidr; drop it or fix the addresses");
      }
    }
  }

  private void portValues(Port port) {
    port.accept(
        new Port.Visitor<Void>() {
          @Override
          public Void range(PortRange p) {
            // A port is 1..65535 (validation.go IsValidPortNum).
            for (int value : p.isSingle() ? new int[] {p.first()} : new int[] {p.first(), p.last()}) {
              if (value < 1 || value > 65535) {
                report(
                    Code.INVALID_PORT, p.span(), "port " + value + " is outside 1 to 65535",
                    value == 0 ? "leave out `on` to allow every port, or write `" + p.protocol().keyword()
                        + "` for every port of the protocol" : null);
              }
            }
            if (p.first() > p.last()) {
              report(
                  Code.INVALID_PORT_RANGE, p.span(),
                  "port range " + p.first() + "-" + p.last() + " starts above its end",
                  "write " + p.protocol().keyword() + "/" + p.last() + "-" + p.first());
            }
            return null;
          }

          @Override
          public Void named(NamedPort p) {
            check(Code.INVALID_NAMED_PORT, "named port", p.name(), Syntax::portName, p.span(),
                name -> lowerCaseHint(name, Syntax::portName));
            return null;
          }

          @Override
          public Void all(AllPorts p) {
            return null;
          }

          @Override
          public Void icmp(IcmpPort p) {
            icmpValue("type", p.type(), p);
            icmpValue("code", p.code(), p);
            return null;
          }
        });
  }

  /** NL2035: ICMP types and codes are one byte (RFC 792, RFC 4443). */
  private void icmpValue(String what, Optional<Integer> value, IcmpPort p) {
    value
        .filter(v -> v < 0 || v > 255)
        .ifPresent(v -> report(Code.INVALID_ICMP, p.span(), "ICMP " + what + " " + v + " is outside 0 to 255"));
  }

  private void selector(LabelSelector selector) {
    for (LabelRequirement r : selector.requirements()) {
      check(Code.INVALID_LABEL_KEY, "label key", r.key(), Syntax::labelKey, r.span());
      for (String value : r.values()) {
        check(Code.INVALID_LABEL_VALUE, "label value", value, Syntax::labelValue, r.span());
      }
    }
  }

  /** NL2027: a namespace name is a DNS-1123 label (ValidateNamespaceName). */
  private void namespaceName(String name, SourceSpan span) {
    check(Code.INVALID_NAMESPACE, "namespace name", name, Syntax::dns1123Label, span,
        value -> lowerCaseHint(value, Syntax::dns1123Label));
  }

  /** NL2029, with the name without its trailing dot as the hint when that is all that is wrong. */
  private void fqdnPattern(String what, String pattern, SourceSpan span) {
    check(Code.INVALID_FQDN, what, pattern, Syntax::fqdnPattern, span, Checker::undottedHint);
  }

  /** {@code write "name"} when the pattern without its trailing dot is valid; null otherwise. */
  private static String undottedHint(String pattern) {
    if (!pattern.endsWith(".")) {
      return null;
    }
    String undotted = pattern.substring(0, pattern.length() - 1);
    return Syntax.fqdnPattern(undotted).isEmpty() ? "write \"" + undotted + "\"" : null;
  }

  private void check(
      Code code, String what, String value, Function<String, Optional<String>> syntax, SourceSpan span) {
    check(code, what, value, syntax, span, NO_HINT);
  }

  /**
   * Reports {@code invalid WHAT 'value': problem} when the syntax check finds a problem. Valid values, nearly all of
   * them, cost the syntax check alone: the hint is a function of the value, asked only when there is a problem.
   *
   * @param hint the hint of the value, or null for none
   */
  private void check(
      Code code, String what, String value, Function<String, Optional<String>> syntax, SourceSpan span,
      UnaryOperator<String> hint) {
    Optional<String> problem = syntax.apply(value);
    if (problem.isPresent()) {
      report(code, span, "invalid " + what + " " + Describe.quote(value) + ": " + problem.get(), hint.apply(value));
    }
  }

  /** The path with a leading {@code /}, or its normal form when that is what it would match. */
  private static String httpPathHint(String path) {
    if (!path.startsWith("/")) {
      return "write \"/" + path + "\"";
    }
    return HttpPaths.normalise(path)
        .filter(normal -> Syntax.httpPath(normal).isEmpty())
        .map(normal -> "write \"" + normal + "\"")
        .orElse(null);
  }

  /** "did you mean 'shop'?" when the lower-case spelling is valid. */
  private static String lowerCaseHint(String value, Function<String, Optional<String>> syntax) {
    return suggestion(value, value.toLowerCase(Locale.ROOT), syntax);
  }

  /** "did you mean 'candidate'?" when the candidate differs from the value and is valid; null otherwise. */
  private static String suggestion(String value, String candidate, Function<String, Optional<String>> syntax) {
    return !candidate.equals(value) && syntax.apply(candidate).isEmpty()
        ? "did you mean " + Describe.quote(candidate) + "?"
        : null;
  }

  private void l7Values(L7Block l7) {
    l7.accept(
        new L7Block.Visitor<Void>() {
          @Override
          public Void http(HttpBlock block) {
            block.rules().forEach(Checker.this::httpRule);
            return null;
          }

          @Override
          public Void grpc(GrpcBlock block) {
            // The grpc path's syntax is the parser's to check (NL2037): the model holds it already split.
            return null;
          }

          @Override
          public Void kafka(KafkaBlock block) {
            for (KafkaRule r : block.rules()) {
              check(Code.INVALID_KAFKA, "Kafka topic", r.topic(), Syntax::kafkaTopic, r.span());
              r.clientId()
                  .ifPresent(id -> check(
                      Code.INVALID_KAFKA, "Kafka client id", id, Syntax::kafkaClientId, r.span()));
            }
            return null;
          }

          @Override
          public Void dns(DnsBlock block) {
            for (DnsRule r : block.rules()) {
              fqdnPattern("dns pattern", r.pattern(), r.span());
            }
            return null;
          }
        });
  }

  /** NL2039: method, path, host and headers of an http alternative; NL2028: a path regex RE2 rejects. */
  private void httpRule(HttpRule r) {
    r.method()
        .ifPresent(m -> check(Code.INVALID_HTTP, "HTTP method", m, Syntax::httpMethod, r.span(),
            method -> suggestion(method, method.toUpperCase(Locale.ROOT), Syntax::httpMethod)));
    r.path().ifPresent(path -> {
      String value = path.value();
      if (path.kind() == HttpRule.PathMatch.Kind.REGEX) {
        check(Code.INVALID_REGEX, "path regex", value, Re2::problem, r.span(),
            regex -> "path regexes are RE2 syntax: https://github.com/google/re2/wiki/Syntax");
      } else {
        check(Code.INVALID_HTTP, "HTTP path", value, Syntax::httpPath, r.span(),
            Checker::httpPathHint);
      }
    });
    r.host().ifPresent(h -> check(Code.INVALID_HTTP, "HTTP host", h, Syntax::httpHost, r.span()));
    for (HttpRule.HeaderMatch h : r.headers()) {
      check(Code.INVALID_HTTP, "HTTP header name", h.name(), Syntax::headerName, h.span());
      h.value().ifPresent(v -> check(Code.INVALID_HTTP, "HTTP header value", v, Syntax::headerValue, h.span()));
    }
  }
}

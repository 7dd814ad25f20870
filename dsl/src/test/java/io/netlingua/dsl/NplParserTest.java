package io.netlingua.dsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.netlingua.diagnostics.DiagnosticRenderer;
import io.netlingua.model.Action;
import io.netlingua.model.AllPorts;
import io.netlingua.model.Cidr;
import io.netlingua.model.CidrPeer;
import io.netlingua.model.Definition;
import io.netlingua.model.DnsBlock;
import io.netlingua.model.DnsRule;
import io.netlingua.model.Entity;
import io.netlingua.model.EntityPeer;
import io.netlingua.model.FqdnPeer;
import io.netlingua.model.GrpcBlock;
import io.netlingua.model.GrpcRule;
import io.netlingua.model.HttpBlock;
import io.netlingua.model.HttpRule;
import io.netlingua.model.HttpRule.PathMatch;
import io.netlingua.model.IcmpPort;
import io.netlingua.model.KafkaBlock;
import io.netlingua.model.KafkaRule;
import io.netlingua.model.LabelRequirement;
import io.netlingua.model.LabelRequirement.Operator;
import io.netlingua.model.LabelSelector;
import io.netlingua.model.NamedPort;
import io.netlingua.model.NamespaceScope;
import io.netlingua.model.Peer;
import io.netlingua.model.PeerRef;
import io.netlingua.model.PodPeer;
import io.netlingua.model.Policy;
import io.netlingua.model.PolicyFile;
import io.netlingua.model.Port;
import io.netlingua.model.PortRange;
import io.netlingua.model.PortRef;
import io.netlingua.model.Protocol;
import io.netlingua.model.Rule;
import io.netlingua.model.ServiceAccountPeer;
import io.netlingua.model.ServicePeer;
import io.netlingua.model.SourceSpan;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every construct of the language, read into the model with its spans. */
class NplParserTest {

  /** Parses text that must have no diagnostic. */
  static ParseResult parse(String text) {
    ParseResult r = NplParser.create().parse("t.npl", text);
    assertThat(r.diagnostics())
        .as("%s", new DiagnosticRenderer(r.sources()).renderAll(r.diagnostics()))
        .isEmpty();
    return r;
  }

  private static Policy policy(String body) {
    return parse("namespace shop\npolicy p {\n" + body + "\n}\n").program().policies().get(0);
  }

  private static List<Peer> peers(String peers) {
    return policy("select pods\negress { allow to " + peers + " }").egress().orElseThrow().rules().get(0).peers();
  }

  private static List<Port> ports(String ports) {
    return policy("select pods\negress { allow to world on " + ports + " }").egress().orElseThrow().rules().get(0)
        .ports();
  }

  /** Erases spans so that peers compare by meaning. */
  private static Peer bare(Peer p) {
    return p.accept(new Peer.Visitor<Peer>() {
      @Override
      public Peer pods(PodPeer peer) {
        return new PodPeer(bare(peer.pods()), scope(peer.namespaces()), SourceSpan.NONE);
      }

      @Override
      public Peer serviceAccount(ServiceAccountPeer peer) {
        return new ServiceAccountPeer(peer.name(), peer.namespace(), SourceSpan.NONE);
      }

      @Override
      public Peer service(ServicePeer peer) {
        return new ServicePeer(peer.name(), peer.namespace(), SourceSpan.NONE);
      }

      @Override
      public Peer cidr(CidrPeer peer) {
        return new CidrPeer(peer.cidr(), peer.except(), SourceSpan.NONE);
      }

      @Override
      public Peer fqdn(FqdnPeer peer) {
        return FqdnPeer.of(peer.pattern());
      }

      @Override
      public Peer entity(EntityPeer peer) {
        return EntityPeer.of(peer.entity());
      }
    });
  }

  private static NamespaceScope scope(NamespaceScope s) {
    return s instanceof NamespaceScope.Selected
        ? NamespaceScope.selected(bare(((NamespaceScope.Selected) s).selector()))
        : s;
  }

  private static LabelSelector bare(LabelSelector s) {
    return new LabelSelector(s.requirements().stream()
        .map(r -> new LabelRequirement(r.key(), r.operator(), r.values(), SourceSpan.NONE)).toList());
  }

  @Test
  void readsTheFirstExampleOfTheLanguage() {
    String text = String.join("\n",
        "# shop.npl",
        "namespace shop                       # default namespace of this file's policies",
        "",
        "let frontend   = pods(app=frontend)",
        "let backend    = pods(app=backend, tier in (api, worker))",
        "let prometheus = pods(app=prometheus) in namespace monitoring",
        "let corp       = cidr 10.0.0.0/8 except 10.1.0.0/16, cidr 172.16.0.0/12",
        "let stripe     = fqdn \"api.stripe.com\", fqdn \"*.stripe.network\"",
        "",
        "policy backend-api {",
        "  description \"Orders API: only the web tier may call it\"",
        "  select backend",
        "",
        "  ingress {",
        "    allow from frontend on tcp/8080 {",
        "      http GET  path \"/api/v1/orders\"",
        "      http POST path prefix \"/api/v1/orders/\"",
        "      http GET  path regex \"/api/v[0-9]+/items/.*\" header \"X-Tenant\"",
        "    }",
        "    allow from prometheus on tcp/9090",
        "    deny  from cidr 192.168.0.0/16",
        "  }",
        "",
        "  egress {",
        "    allow to pods(app=postgres) in namespace data on tcp/5432",
        "    allow to stripe on tcp/443",
        "    allow to kube-dns on udp/53, tcp/53 { dns \"api.stripe.com\", \"*.stripe.network\" }",
        "  }",
        "}",
        "",
        "cluster policy baseline {",
        "  select pods                        # in a cluster policy: every pod of every namespace",
        "  egress {",
        "    allow to kube-dns on udp/53, tcp/53",
        "  }",
        "}",
        "");
    ParseResult r = parse(text);
    PolicyFile file = r.program().files().get(0);
    assertThat(file.path()).isEqualTo("t.npl");
    assertThat(file.namespace()).map(PolicyFile.NamespaceDirective::name).contains("shop");
    assertThat(file.definitions()).extracting(Definition::name)
        .containsExactly("frontend", "backend", "prometheus", "corp", "stripe");
    assertThat(r.comments()).hasSize(3);
    assertThat(r.comments().get(0).ownLine()).isTrue();
    assertThat(r.comments().get(1).ownLine()).isFalse();
    assertThat(r.comments().get(1).text()).isEqualTo("# default namespace of this file's policies");

    Policy api = file.policies().get(0);
    assertThat(api.name()).isEqualTo("backend-api");
    assertThat(api.namespace()).contains("shop");
    assertThat(api.description()).contains("Orders API: only the web tier may call it");
    assertThat(api.subject().terms()).singleElement().isInstanceOf(PeerRef.class);
    assertThat(bare(api.subject().peers().get(0)))
        .isEqualTo(
            PodPeer.of(LabelSelector.builder().equal("app", "backend").in("tier", "api", "worker").build()));

    Rule first = api.ingress().orElseThrow().rules().get(0);
    assertThat(first.ports())
        .containsExactly(new PortRange(Protocol.TCP, 8080, 8080, first.portTerms().get(0).span()));
    HttpBlock http = (HttpBlock) first.l7().orElseThrow();
    assertThat(http.rules()).extracting(HttpRule::method)
        .containsExactly(Optional.of("GET"), Optional.of("POST"), Optional.of("GET"));
    assertThat(http.rules()).extracting(HttpRule::path).containsExactly(
        Optional.of(new PathMatch(PathMatch.Kind.EXACT, "/api/v1/orders")),
        Optional.of(new PathMatch(PathMatch.Kind.PREFIX, "/api/v1/orders/")),
        Optional.of(new PathMatch(PathMatch.Kind.REGEX, "/api/v[0-9]+/items/.*")));
    assertThat(http.rules().get(2).headers()).singleElement()
        .satisfies(h -> assertThat(h.name()).isEqualTo("X-Tenant"))
        .satisfies(h -> assertThat(h.value()).isEmpty());

    Rule deny = api.ingress().orElseThrow().rules().get(2);
    assertThat(deny.action()).isEqualTo(Action.DENY);
    assertThat(deny.allPorts()).isTrue();
    assertThat(bare(deny.peers().get(0))).isEqualTo(CidrPeer.of("192.168.0.0/16"));

    Rule dns = api.egress().orElseThrow().rules().get(2);
    assertThat(dns.peerTerms()).singleElement().isInstanceOf(PeerRef.class);
    assertThat(dns.peers()).containsExactly(
        PodPeer.inNamespace(LabelSelector.builder().equal("k8s-app", "kube-dns").build(), "kube-system"));
    assertThat(((DnsBlock) dns.l7().orElseThrow()).rules()).extracting(DnsRule::pattern)
        .containsExactly("api.stripe.com", "*.stripe.network");

    Policy baseline = file.policies().get(1);
    assertThat(baseline.isClusterWide()).isTrue();
    assertThat(baseline.subject().peers()).extracting(NplParserTest::bare)
        .containsExactly(PodPeer.of(LabelSelector.ALL));
    assertThat(baseline.ingress()).isEmpty();
  }

  @Test
  void readsEveryPeerForm() {
    List<Peer> p = peers(String.join(", ",
        "pods", "pods(a=b)", "pods in namespace ns", "pods(a) in namespaces(team=x)", "pods(!a) in any namespace",
        "namespace monitoring", "namespaces(env notin (dev, test))", "serviceaccount sa",
        "serviceaccount sa in namespace ns",
        "service svc in namespace ns", "cidr 2001:db8::/32 except 2001:db8:1::/48, 2001:db8:2::/48",
        "fqdn \"API.example.com\"", "world", "cluster", "nodes", "host", "kube-apiserver", "any"));
    assertThat(p).extracting(NplParserTest::bare).containsExactly(
        PodPeer.of(LabelSelector.ALL),
        PodPeer.of(LabelSelector.builder().equal("a", "b").build()),
        PodPeer.namespace("ns"),
        new PodPeer(LabelSelector.builder().exists("a").build(),
            NamespaceScope.selected(LabelSelector.builder().equal("team", "x").build()), SourceSpan.NONE),
        new PodPeer(LabelSelector.builder().doesNotExist("a").build(), NamespaceScope.ANY, SourceSpan.NONE),
        PodPeer.namespace("monitoring"),
        new PodPeer(LabelSelector.ALL,
            NamespaceScope.selected(LabelSelector.builder().notIn("env", "dev", "test").build()), SourceSpan.NONE),
        ServiceAccountPeer.of("sa", null),
        ServiceAccountPeer.of("sa", "ns"),
        ServicePeer.of("svc", "ns"),
        CidrPeer.of("2001:db8::/32", "2001:db8:1::/48", "2001:db8:2::/48"),
        FqdnPeer.of("api.example.com"),
        EntityPeer.of(Entity.WORLD), EntityPeer.of(Entity.CLUSTER), EntityPeer.of(Entity.NODES),
        EntityPeer.of(Entity.HOST), EntityPeer.of(Entity.KUBE_APISERVER), EntityPeer.of(Entity.ANY));
  }

  @Test
  void keywordsAreWordsWhereTheLanguageTakesAWord() {
    ParseResult r = parse("namespace kafka\npolicy dns { select pods(app=http) egress {\n"
        + "  allow to pods in namespace dns, service grpc in namespace topic, serviceaccount default on tcp/http\n"
        + "} }\n");
    Policy p = r.program().policies().get(0);
    assertThat(p.name()).isEqualTo("dns");
    assertThat(p.namespace()).contains("kafka");
    assertThat(p.egress().orElseThrow().rules().get(0).peers()).extracting(NplParserTest::bare).containsExactly(
        PodPeer.namespace("dns"), ServicePeer.of("grpc", "topic"), ServiceAccountPeer.of("default", null));
    assertThat(p.egress().orElseThrow().rules().get(0).ports()).extracting(NplParserTest::bare)
        .containsExactly(NamedPort.of(Protocol.TCP, "http"));
  }

  @Test
  void commentsOfBothKindsAreKeptWithTheirPlace() {
    ParseResult r = parse("// head\nnamespace a # trailing\n  # indented\nlet x = tcp/80//glued\n");
    assertThat(r.comments()).extracting(Comment::text, Comment::ownLine).containsExactly(
        tuple("// head", true), tuple("# trailing", false), tuple("# indented", true), tuple("//glued", false));
    assertThat(r.comments().get(3).span().column()).isEqualTo(15);
    assertThat(r.program().files().get(0).definitions()).hasSize(1);
  }

  @Test
  void readsEverySelectorFormWithKeywordsAsWordsAndPrefixedKeys() {
    PodPeer p = (PodPeer) peers(
        "pods(example.com/tier=api, a==b, c!=d, app in (kafka, dns), e notin (\"x-y\"), f, !g, "
            + "tcp/x=\"\")").get(0);
    assertThat(p.pods().requirements()).extracting(LabelRequirement::key, LabelRequirement::operator,
            LabelRequirement::values)
        .containsExactly(
            tuple("example.com/tier", Operator.EQUALS, List.of("api")),
            tuple("a", Operator.EQUALS, List.of("b")),
            tuple("c", Operator.NOT_EQUALS, List.of("d")),
            tuple("app", Operator.IN, List.of("kafka", "dns")),
            tuple("e", Operator.NOT_IN, List.of("x-y")),
            tuple("f", Operator.EXISTS, List.of()),
            tuple("g", Operator.DOES_NOT_EXIST, List.of()),
            tuple("tcp/x", Operator.EQUALS, List.of("")));
  }

  @Test
  void readsEveryPortForm() {
    List<Port> p = ports("tcp/8080, udp/53, sctp/9999, tcp/8000-8100, tcp/http, tcp/kafka, tcp, udp, sctp, icmp, "
        + "icmp type 8, icmp type 3 code 4, icmpv6 type 128, tcp/070");
    assertThat(p).extracting(NplParserTest::bare).containsExactly(
        PortRange.of(Protocol.TCP, 8080), PortRange.of(Protocol.UDP, 53), PortRange.of(Protocol.SCTP, 9999),
        PortRange.of(Protocol.TCP, 8000, 8100), NamedPort.of(Protocol.TCP, "http"),
        NamedPort.of(Protocol.TCP, "kafka"),
        AllPorts.of(Protocol.TCP), AllPorts.of(Protocol.UDP), AllPorts.of(Protocol.SCTP),
        IcmpPort.of(false, null, null), IcmpPort.of(false, 8, null), IcmpPort.of(false, 3, 4),
        IcmpPort.of(true, 128, null), PortRange.of(Protocol.TCP, 70));
  }

  @Test
  void keepsOutOfRangeNumbersForTheChecker() {
    ParseResult r = NplParser.create().parse(
        "t.npl", "namespace a\npolicy p { select pods egress { allow to world on tcp/0, tcp/99999999999, tcp/9-1, "
            + "icmp type 300 } }");
    assertThat(r.diagnostics()).extracting(d -> d.code().id())
        .containsExactly("NL2022", "NL2022", "NL2023", "NL2035");
    assertThat(r.program().policies().get(0).egress().orElseThrow().rules().get(0).ports())
        .extracting(NplParserTest::bare)
        .containsExactly(PortRange.of(Protocol.TCP, 0), PortRange.of(Protocol.TCP, Integer.MAX_VALUE),
            PortRange.of(Protocol.TCP, 9, 1), IcmpPort.of(false, 300, null));
  }

  private static Port bare(Port p) {
    return p.accept(new Port.Visitor<Port>() {
      @Override
      public Port range(PortRange port) {
        return PortRange.of(port.protocol(), port.first(), port.last());
      }

      @Override
      public Port named(NamedPort port) {
        return NamedPort.of(port.protocol(), port.name());
      }

      @Override
      public Port all(AllPorts port) {
        return AllPorts.of(port.protocol());
      }

      @Override
      public Port icmp(IcmpPort port) {
        return new IcmpPort(port.v6(), port.type(), port.code(), SourceSpan.NONE);
      }
    });
  }

  @Test
  void readsEveryL7Form() {
    Policy p = policy(String.join("\n",
        "select pods",
        "ingress {",
        "  allow from pods on tcp/80 {",
        "    http * host \"API.Example.com\" header \"X-A\" = \"v \\\"q\\\" \\\\\" header \"X-B\"",
        "  }",
        "  allow from pods on tcp/81 { grpc \"pkg.v1.Service/Get\" grpc \"pkg.Service/*\" }",
        "  log allow from pods on tcp/9092 {",
        "    kafka produce topic \"orders\" client \"app\" kafka consume topic \"t\"",
        "  }",
        "}"));
    List<Rule> rules = p.ingress().orElseThrow().rules();
    HttpRule http = ((HttpBlock) rules.get(0).l7().orElseThrow()).rules().get(0);
    assertThat(http.method()).isEmpty();
    assertThat(http.host()).contains("api.example.com");
    assertThat(http.headers()).extracting(HttpRule.HeaderMatch::name, HttpRule.HeaderMatch::value)
        .containsExactly(
            tuple("X-A", Optional.of("v \"q\" \\")),
            tuple("X-B", Optional.empty()));
    assertThat(((GrpcBlock) rules.get(1).l7().orElseThrow()).rules())
        .extracting(GrpcRule::service, GrpcRule::method)
        .containsExactly(
            tuple("pkg.v1.Service", Optional.of("Get")),
            tuple("pkg.Service", Optional.empty()));
    Rule kafka = rules.get(2);
    assertThat(kafka.log()).isTrue();
    assertThat(((KafkaBlock) kafka.l7().orElseThrow()).rules())
        .extracting(KafkaRule::role, KafkaRule::topic, KafkaRule::clientId)
        .containsExactly(
            tuple(KafkaRule.Role.PRODUCE, "orders", Optional.of("app")),
            tuple(KafkaRule.Role.CONSUME, "t", Optional.empty()));
  }

  @Test
  void letsAreMacrosWithFlatExpansions() {
    ParseResult r = parse(String.join("\n",
        "let web = pods(app=web)",
        "let all-web = web, pods(app=api), web",
        "let ports = tcp/80, web-ports",
        "let web-ports = tcp/443",
        "policy p in namespace a {",
        "  select all-web",
        "  ingress { allow from all-web, world on ports }",
        "}"));
    List<Definition> defs = r.program().files().get(0).definitions();
    assertThat(defs).extracting(Definition::name).containsExactly("web", "all-web", "ports", "web-ports");
    assertThat(((Definition.Peers) defs.get(1)).terms()).hasSize(3);
    Rule rule = r.program().policies().get(0).ingress().orElseThrow().rules().get(0);
    PeerRef ref = (PeerRef) rule.peerTerms().get(0);
    assertThat(ref.name()).isEqualTo("all-web");
    assertThat(ref.peers()).extracting(NplParserTest::bare).containsExactly(
        PodPeer.of(LabelSelector.builder().equal("app", "web").build()),
        PodPeer.of(LabelSelector.builder().equal("app", "api").build()));
    assertThat(((PodPeer) ref.peers().get(0)).namespaces()).isEqualTo(NamespaceScope.POLICY);
    PortRef ports = (PortRef) rule.portTerms().get(0);
    assertThat(ports.ports()).extracting(NplParserTest::bare)
        .containsExactly(PortRange.of(Protocol.TCP, 80), PortRange.of(Protocol.TCP, 443));
  }

  @Test
  void aLetOverridesTheBuiltinKubeDns() {
    ParseResult r = parse("let kube-dns = pods(app=coredns) in namespace dns\n"
        + "cluster policy c { select pods egress { allow to kube-dns on udp/53 } }\n");
    assertThat(r.program().policies().get(0).egress().orElseThrow().rules().get(0).peers())
        .extracting(NplParserTest::bare)
        .containsExactly(PodPeer.inNamespace(LabelSelector.builder().equal("app", "coredns").build(), "dns"));
  }

  @Test
  void policyNamespaceComesFromInNamespaceBeforeTheDirective() {
    ParseResult r = parse(
        "namespace a\npolicy p in namespace b { select pods ingress {} }\npolicy q { select pods egress {} }\n");
    assertThat(r.program().policies()).extracting(Policy::namespace)
        .containsExactly(Optional.of("b"), Optional.of("a"));
    assertThat(r.program().policies().get(0).ingress()).hasValueSatisfying(b -> assertThat(b.rules()).isEmpty());
  }

  @Test
  void spansCoverTheirText() {
    String text = "namespace shop\npolicy p {\n  select pods(app=web)\n  ingress {\n"
        + "    allow from cidr 10.0.0.0/8 on tcp/80 { http GET }\n  }\n}\n";
    ParseResult r = parse(text);
    Policy p = r.program().policies().get(0);
    assertThat(cut(text, p.span())).isEqualTo("p");
    assertThat(cut(text, p.subject().span())).isEqualTo("select pods(app=web)");
    assertThat(cut(text, p.subject().terms().get(0).span())).isEqualTo("pods(app=web)");
    Rule rule = p.ingress().orElseThrow().rules().get(0);
    assertThat(cut(text, rule.span())).isEqualTo("allow from cidr 10.0.0.0/8 on tcp/80 { http GET }");
    assertThat(cut(text, rule.peerTerms().get(0).span())).isEqualTo("cidr 10.0.0.0/8");
    assertThat(cut(text, rule.portTerms().get(0).span())).isEqualTo("tcp/80");
    assertThat(cut(text, rule.l7().orElseThrow().span())).isEqualTo("{ http GET }");
    SourceSpan s = rule.portTerms().get(0).span();
    assertThat(s.line()).isEqualTo(5);
    assertThat(s.column()).isEqualTo(35);
    assertThat(s.endColumn()).isEqualTo(41);
    LabelRequirement req = ((PodPeer) p.subject().terms().get(0)).pods().requirements().get(0);
    assertThat(cut(text, req.span())).isEqualTo("app=web");
  }

  static String cut(String text, SourceSpan span) {
    return text.substring(span.offset(), span.endOffset());
  }

  @Test
  void anExceptListEndsWhereAPeerOrALetFollows() {
    ParseResult r = parse("let web = pods(app=web)\n"
        + "let l = cidr 10.0.0.0/8 except 10.1.0.0/16, 10.2.0.0/16, web, cidr fd00::/8 except fd00:1::/32, world\n");
    Definition.Peers l = (Definition.Peers) r.program().files().get(0).definitions().get(1);
    assertThat(l.terms()).hasSize(4);
    assertThat(((CidrPeer) l.terms().get(0)).except()).containsExactly(Cidr.parse("10.1.0.0/16"),
        Cidr.parse("10.2.0.0/16"));
    assertThat(l.terms().get(1)).isInstanceOf(PeerRef.class);
    assertThat(((CidrPeer) l.terms().get(2)).except()).containsExactly(Cidr.parse("fd00:1::/32"));
  }

  @Test
  void cidrsParseCanonicalFormsIncludingIpv6() {
    assertThat(peers("cidr ::/0, cidr 0.0.0.0/0, cidr fe80::/10")).extracting(p -> ((CidrPeer) p).cidr())
        .containsExactly(Cidr.parse("::/0"), Cidr.parse("0.0.0.0/0"), Cidr.parse("fe80::/10"));
  }
}

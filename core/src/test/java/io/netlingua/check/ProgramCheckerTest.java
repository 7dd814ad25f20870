package io.netlingua.check;

import static io.netlingua.check.Spans.allow;
import static io.netlingua.check.Spans.at;
import static io.netlingua.check.Spans.file;
import static io.netlingua.check.Spans.found;
import static io.netlingua.check.Spans.of;
import static io.netlingua.check.Spans.policy;
import static io.netlingua.check.Spans.program;
import static io.netlingua.check.Spans.rule;
import static org.assertj.core.api.Assertions.assertThat;

import io.netlingua.diagnostics.Code;
import io.netlingua.diagnostics.Diagnostic;
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
import io.netlingua.model.IcmpPort;
import io.netlingua.model.Import;
import io.netlingua.model.KafkaBlock;
import io.netlingua.model.KafkaRule;
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
import io.netlingua.model.Subject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** One test per code the checker reports, on models built in Java with spans; and a valid model. */
class ProgramCheckerTest {

  private static final Subject ALL_PODS = new Subject(List.of(pods(at(2, 10))), at(2, 3));

  private static PodPeer pods(SourceSpan span) {
    return new PodPeer(LabelSelector.ALL, NamespaceScope.POLICY, span);
  }

  private static PodPeer pods(LabelRequirement requirement, SourceSpan span) {
    return new PodPeer(new LabelSelector(List.of(requirement)), NamespaceScope.POLICY, span);
  }

  private static LabelRequirement label(String key, String value, SourceSpan span) {
    return new LabelRequirement(key, LabelRequirement.Operator.EQUALS, List.of(value), span);
  }

  private static PortRange tcp(int port, SourceSpan span) {
    return new PortRange(Protocol.TCP, port, port, span);
  }

  /** A namespaced policy {@code p} in {@code shop} with one egress rule. */
  private static Program egress(Rule rule) {
    return program(file(policy("p", "shop", at(1, 8), ALL_PODS, null, List.of(rule))));
  }

  /** A namespaced policy {@code p} in {@code shop} with one ingress rule. */
  private static Program ingress(Rule rule) {
    return program(file(policy("p", "shop", at(1, 8), ALL_PODS, List.of(rule), null)));
  }

  private static Program egressTo(Peer peer) {
    return egress(allow(at(3, 5), List.of(peer), List.of()));
  }

  private static Program egressOn(Port port) {
    return egress(allow(at(3, 5), List.of(pods(at(3, 14))), List.of(port)));
  }

  private static Program http(HttpRule alternative) {
    return egress(rule(Action.ALLOW, at(3, 5), List.of(pods(at(3, 14))), List.of(tcp(80, at(3, 22))),
        new HttpBlock(List.of(alternative), at(3, 30))));
  }

  private static HttpRule.Builder get() {
    return HttpRule.builder("GET");
  }

  /** An http alternative at 4:7 with the builder's values (the builder gives no span). */
  private static HttpRule at47(HttpRule.Builder b) {
    HttpRule r = b.build();
    return new HttpRule(r.method(), r.path(), r.host(), r.headers(), at(4, 7));
  }

  @Test
  void aValidProgramHasNoFinding() {
    PeerRef frontend =
        new PeerRef("frontend", List.of(pods(label("app", "frontend", at(5, 17)), at(5, 12))), at(9, 10));
    PortRef web = new PortRef("web", List.of(tcp(443, at(6, 11))), at(12, 40));
    Definition lets =
        new Definition.Peers("frontend", List.of(frontend.peers().get(0)), at(5, 1));
    List<Rule> ingress = List.of(
        allow(at(10, 5), List.of(frontend, new EntityPeer(Entity.HOST, at(10, 20))),
            List.of(tcp(8080, at(10, 30)), new NamedPort(Protocol.TCP, "http-alt", at(10, 40)))),
        rule(Action.ALLOW, at(11, 5), List.of(new PodPeer(LabelSelector.builder().in("tier", "api", "").build(),
                NamespaceScope.named("monitoring"), at(11, 16))), List.of(new PortRange(Protocol.TCP, 9000, 9100,
                at(11, 30))),
            new HttpBlock(List.of(at47(get().pathRegex("/api/v[0-9]+/.*").host("api.example.com:8443")
                .header("X-Tenant", "a b")), at47(HttpRule.builder("*").pathPrefix("/"))), at(11, 50))),
        rule(Action.DENY, at(12, 5), List.of(new CidrPeer(Cidr.parse("10.0.0.0/8"),
            List.of(Cidr.parse("10.1.0.0/16")), at(12, 15)), new CidrPeer(Cidr.parse("2001:db8::/32"),
            List.of(Cidr.parse("2001:db8:1::/48")), at(12, 50))), List.of(web), null));
    List<Rule> egress = List.of(
        rule(Action.ALLOW, at(14, 5), List.of(new FqdnPeer("*.stripe.com", at(14, 14)),
                new FqdnPeer("api-*.example.com", at(14, 30)),
                new ServicePeer("db", Optional.of("data"), at(14, 50)),
                new ServiceAccountPeer("system.agent", Optional.empty(), at(14, 60))),
            List.of(new PortRange(Protocol.UDP, 53, 53, at(14, 70)), new AllPorts(Protocol.TCP, at(14, 80))),
            new DnsBlock(List.of(new DnsRule("_sip._tcp.example.com", at(15, 10)), new DnsRule("*.example.com",
                at(15, 40))), at(14, 90))),
        rule(Action.ALLOW, at(16, 5), List.of(pods(at(16, 14))), List.of(tcp(9092, at(16, 20))),
            new KafkaBlock(List.of(new KafkaRule(KafkaRule.Role.PRODUCE, "orders.v1", Optional.of("shop-api"),
                at(16, 40))), at(16, 30))),
        rule(Action.ALLOW, at(17, 5), List.of(pods(at(17, 14))), List.of(tcp(50051, at(17, 20))),
            new GrpcBlock(List.of(GrpcRule.of("shop.Cart", null)), at(17, 30))),
        allow(at(18, 5), List.of(pods(at(18, 14))), List.of(new IcmpPort(false, Optional.of(3), Optional.of(4),
            at(18, 20)), new IcmpPort(true, Optional.of(128), Optional.empty(), at(18, 40)))));
    Policy namespaced = policy("api", "shop", at(8, 8),
        new Subject(List.of(frontend), at(9, 3)), ingress, egress);
    Policy sameNameOtherNamespace = policy("api", "data", at(20, 8), ALL_PODS, List.of(), null);
    Policy cluster = policy("api", null, at(22, 16), new Subject(List.of(new PodPeer(LabelSelector.ALL,
        NamespaceScope.named("kube-system"), at(23, 10)), new PodPeer(LabelSelector.ALL, NamespaceScope.ANY,
        at(23, 40))), at(23, 3)), null, List.of());
    PolicyFile file = new PolicyFile(Spans.FILE,
        Optional.of(new PolicyFile.NamespaceDirective("shop", at(1, 1))), List.of(new Import("lib.npl", at(2, 1))),
        List.of(lets), List.of(namespaced, sameNameOtherNamespace, cluster));

    assertThat(ProgramChecker.check(program(file))).isEmpty();
  }

  @Test
  void nl2002DuplicatePolicyReportsTheSecondAndNamesTheFirst() {
    Policy first = policy("api", "shop", at(3, 8), ALL_PODS, List.of(), null);
    Policy second = policy("api", "shop", at(9, 8), ALL_PODS, List.of(), null);
    Policy clusterFirst = policy("api", null, at(12, 16), ALL_PODS, List.of(), null);
    Policy clusterSecond = policy("api", null, at(15, 16), ALL_PODS, List.of(), null);
    Program p = program(file(first, second, clusterFirst, clusterSecond));

    assertThat(found(p)).containsExactly("NL2002 9:8", "NL2002 15:16");
    assertThat(of(p, Code.DUPLICATE_POLICY).get(0).message())
        .isEqualTo("duplicate policy 'api' in namespace 'shop': the first is at t.npl:3");
    assertThat(of(p, Code.DUPLICATE_POLICY).get(1).message())
        .isEqualTo("duplicate cluster policy 'api': the first is at t.npl:12");
  }

  /** A file holding one policy {@code x} in namespace {@code shop}, named at a line of that file. */
  private static PolicyFile fileWithPolicyX(String path, int line) {
    Policy x = new Policy("x", Optional.of("shop"), Optional.empty(), ALL_PODS, Optional.empty(),
        Optional.of(new RuleBlock(List.of(), SourceSpan.NONE)), new SourceSpan(path, line, 8, line, 9, 0, 1));
    return new PolicyFile(path, Optional.empty(), List.of(), List.of(), List.of(x));
  }

  @Test
  void nl2002AcrossFilesNamesTheFirstFile() {
    List<Diagnostic> d = ProgramChecker.check(program(fileWithPolicyX("a.npl", 4), fileWithPolicyX("b.npl", 2)));

    assertThat(d).extracting(x -> x.span().location()).containsExactly("b.npl:2:8");
    assertThat(d.get(0).message()).endsWith("the first is at a.npl:4");
  }

  @Test
  void nl2010SelectNamingANonPodPeerInlineOrThroughALet() {
    PeerRef corp = new PeerRef("corp", List.of(pods(at(1, 12)), CidrPeer.of("10.0.0.0/8")), at(4, 24));
    Subject subject = new Subject(List.of(new FqdnPeer("a.example.com", at(4, 10)), corp), at(4, 3));
    Program p = program(file(policy("p", "shop", at(3, 8), subject, List.of(), null)));

    assertThat(found(p)).containsExactly("NL2010 4:10", "NL2010 4:24");
    assertThat(of(p, Code.SELECT_NOT_PODS).get(1).message())
        .isEqualTo("select names 'corp', which holds cidr 10.0.0.0/8: it governs pods only");
  }

  @Test
  void nl2011SelectInANamespacedPolicyNamingANamespace() {
    PodPeer inMonitoring = new PodPeer(LabelSelector.ALL, NamespaceScope.named("monitoring"), at(4, 10));
    PodPeer anywhere = new PodPeer(LabelSelector.ALL, NamespaceScope.ANY, at(4, 40));
    Subject subject = new Subject(List.of(inMonitoring, anywhere), at(4, 3));

    assertThat(found(program(file(policy("p", "shop", at(3, 8), subject, List.of(), null)))))
        .containsExactly("NL2011 4:10", "NL2011 4:40");
    assertThat(found(program(file(policy("p", null, at(3, 16), subject, List.of(), null))))).isEmpty();
  }

  @Test
  void nl2012PolicyWithNeitherIngressNorEgress() {
    assertThat(found(program(file(policy("lonely", "shop", at(2, 8), ALL_PODS, null, null)))))
        .containsExactly("NL2012 2:8");
  }

  @Test
  void nl2015FqdnAndServiceInIngressAtTheirUseSite() {
    PeerRef stripe = new PeerRef("stripe", List.of(new FqdnPeer("api.stripe.com", at(1, 14))), at(5, 30));
    Rule rule = allow(at(5, 5), List.of(new ServicePeer("db", Optional.empty(), at(5, 16)), stripe), List.of());

    assertThat(found(ingress(rule))).containsExactly("NL2015 5:16", "NL2015 5:30");
    assertThat(found(egress(rule))).isEmpty();
  }

  @Test
  void nl2016L7BlockOnADenyRule() {
    Rule rule = rule(Action.DENY, at(3, 5), List.of(pods(at(3, 15))), List.of(tcp(80, at(3, 23))),
        new HttpBlock(List.of(at47(get())), at(3, 30)));

    assertThat(found(egress(rule))).containsExactly("NL2016 3:30");
  }

  @Test
  void nl2017L7BlockWithoutPorts() {
    Rule rule = rule(Action.ALLOW, at(3, 5), List.of(pods(at(3, 14))), List.of(),
        new HttpBlock(List.of(at47(get())), at(3, 19)));

    assertThat(found(egress(rule))).containsExactly("NL2017 3:19");
  }

  @Test
  void nl2019L7KindOnAPortItDoesNotAllow() {
    PortRef dnsPorts = new PortRef("dns-ports", List.of(new PortRange(Protocol.UDP, 53, 53, at(1, 17)),
        new PortRange(Protocol.TCP, 53, 53, at(1, 25))), at(3, 30));
    List<PortTerm> ports = List.of(tcp(80, at(3, 22)), dnsPorts, new IcmpPort(false, Optional.empty(),
        Optional.empty(), at(3, 41)), new AllPorts(Protocol.SCTP, at(3, 47)));
    Rule http = rule(Action.ALLOW, at(3, 5), List.of(pods(at(3, 14))), ports,
        new HttpBlock(List.of(at47(get())), at(3, 52)));
    Rule dns = rule(Action.ALLOW, at(3, 5), List.of(pods(at(3, 14))), ports,
        new DnsBlock(List.of(new DnsRule("example.com", at(4, 7))), at(3, 52)));

    assertThat(found(egress(http))).containsExactly("NL2019 3:30", "NL2019 3:41", "NL2019 3:47");
    assertThat(found(egress(dns))).containsExactly("NL2019 3:41", "NL2019 3:47");
    assertThat(of(egress(http), Code.L7_WRONG_PROTOCOL).get(0).message())
        .isEqualTo("an http block applies to TCP ports only, and 'dns-ports' holds udp/53");
  }

  @Test
  void nl2021ExceptOutsideItsCidrEqualToItOrOfTheOtherFamily() {
    CidrPeer outside = new CidrPeer(Cidr.parse("10.0.0.0/8"), List.of(Cidr.parse("192.168.0.0/16")), at(3, 14));
    CidrPeer equal = new CidrPeer(Cidr.parse("10.0.0.0/8"), List.of(Cidr.parse("10.0.0.0/8")), at(4, 14));
    CidrPeer family = new CidrPeer(Cidr.parse("10.0.0.0/8"), List.of(Cidr.parse("2001:db8::/32")), at(5, 14));
    Rule rule = allow(at(3, 5), List.of(outside, equal, family), List.of());

    assertThat(found(egress(rule))).containsExactly("NL2021 3:14", "NL2021 4:14", "NL2021 5:14");
  }

  @Test
  void nl2022PortZeroOrAbove65535() {
    assertThat(found(egressOn(tcp(0, at(3, 20))))).containsExactly("NL2022 3:20");
    assertThat(found(egressOn(new PortRange(Protocol.UDP, 1, 65536, at(3, 20))))).containsExactly("NL2022 3:20");
    assertThat(found(egressOn(tcp(65535, at(3, 20))))).isEmpty();
  }

  @Test
  void nl2023RangeWithLowAboveHigh() {
    assertThat(found(egressOn(new PortRange(Protocol.TCP, 8100, 8000, at(3, 20)))))
        .containsExactly("NL2023 3:20");
  }

  @Test
  void nl2024NamedPortThatIsNotAnIanaServiceName() {
    for (String bad : List.of("HTTP", "web--admin", "-web", "web-", "1234", "a-very-long-port-name", "we_b")) {
      assertThat(found(egressOn(new NamedPort(Protocol.TCP, bad, at(3, 20))))).as(bad)
          .containsExactly("NL2024 3:20");
    }
    assertThat(found(egressOn(new NamedPort(Protocol.TCP, "h2c-8080", at(3, 20))))).isEmpty();
    assertThat(of(egressOn(new NamedPort(Protocol.TCP, "HTTP", at(3, 20))), Code.INVALID_NAMED_PORT).get(0).hint())
        .contains("did you mean 'http'?");
  }

  @Test
  void nl2025LabelKey() {
    List<String> keys =
        List.of("-app", "app-", "a/b/c", "/app", "Example.com/app", "x".repeat(64), "ex_ample.com/a");
    for (String bad : keys) {
      assertThat(found(egressTo(pods(label(bad, "v", at(3, 19)), at(3, 14))))).as(bad)
          .containsExactly("NL2025 3:19");
    }
    for (String good : List.of("app", "app.kubernetes.io/name", "A_b.c-D", "x".repeat(63))) {
      assertThat(found(egressTo(pods(label(good, "v", at(3, 19)), at(3, 14))))).as(good).isEmpty();
    }
  }

  @Test
  void nl2026LabelValueInPodAndNamespaceSelectors() {
    LabelRequirement bad = label("app", "front end", at(3, 19));
    LabelRequirement tooLong = new LabelRequirement("tier", LabelRequirement.Operator.NOT_IN,
        List.of("ok", "v".repeat(64)), at(3, 50));
    PodPeer peer = new PodPeer(new LabelSelector(List.of(bad)),
        NamespaceScope.selected(new LabelSelector(List.of(tooLong))), at(3, 14));

    assertThat(found(egressTo(peer))).containsExactly("NL2026 3:19", "NL2026 3:50");
  }

  @Test
  void nl2027NamespaceNameWhereverANamespaceIsNamed() {
    Rule rule = allow(at(5, 5), List.of(
        new PodPeer(LabelSelector.ALL, NamespaceScope.named("Monitoring"), at(5, 14)),
        new ServiceAccountPeer("agent", Optional.of("kube_system"), at(6, 14)),
        new ServicePeer("db", Optional.of("-data"), at(7, 14))), List.of());
    Policy fromDirective = policy("a", "Shop", at(3, 8), ALL_PODS, null, List.of(rule));
    Policy fromDirectiveToo = policy("b", "Shop", at(9, 8), ALL_PODS, null, List.of());
    Policy explicit = policy("c", "x".repeat(64), at(11, 8), ALL_PODS, null, List.of());
    PolicyFile file = new PolicyFile(Spans.FILE, Optional.of(new PolicyFile.NamespaceDirective("Shop", at(1, 1))),
        List.of(), List.of(), List.of(fromDirective, fromDirectiveToo, explicit));
    Program p = program(file);

    assertThat(found(p)).containsExactly("NL2027 1:1", "NL2027 5:14", "NL2027 6:14", "NL2027 7:14", "NL2027 11:8");
    assertThat(of(p, Code.INVALID_NAMESPACE).get(0).hint()).contains("did you mean 'shop'?");
  }

  @Test
  void nl2028PathRegexThatRe2Rejects() {
    // Longer than 1,000 characters, and so also deeper than any nesting RE2 allows.
    String deep = "(".repeat(1001) + "a" + ")".repeat(1001);
    List<String> patterns =
        List.of("/api/(v1", "a**", "/a(?=b)", "\\1", "(((a{100}){100}){100}){10}", deep, "x{1001}");
    for (String bad : patterns) {
      assertThat(found(http(at47(get().pathRegex(bad))))).as(bad).containsExactly("NL2028 4:7");
    }
    assertThat(found(http(at47(get().pathRegex("(".repeat(400) + "a" + ")".repeat(400)))))).isEmpty();
    // Repetitions copy what they repeat: long quoted literals and classes count by their length.
    String quoted = "(\\Q" + "a".repeat(900) + "\\E){200}";
    assertThat(found(http(at47(get().pathRegex(quoted))))).containsExactly("NL2028 4:7");
    assertThat(found(http(at47(get().pathRegex("/" + "a".repeat(999)))))).isEmpty();
    assertThat(found(http(at47(get().pathRegex("/" + "a".repeat(1000)))))).containsExactly("NL2028 4:7");
    assertThat(found(http(at47(get().pathRegex("([a-z0-9_-]{1000}){20}"))))).containsExactly("NL2028 4:7");
    assertThat(found(http(at47(get().pathRegex("/[a-z0-9_-]{1,1000}/x{1000}"))))).isEmpty();
    assertThat(found(http(at47(get().pathRegex("/api/[a-z]{1,20}/\\p{Greek}+/\\Q{9999}\\E")))))
        .isEmpty();
    assertThat(of(http(at47(get().pathRegex("[" + "a".repeat(900)))), Code.INVALID_REGEX).get(0).message())
        .as("quoted values are cut, so that a long pattern does not flood the log")
        .hasSizeLessThan(200);
  }

  @Test
  void nl2029FqdnAndDnsPatterns() {
    List<String> bad = List.of("*example.com", "*", "example.com.", "a..example.com", ".example.com",
        "-a.example.com", "a-.example.com", "ex ample.com", "a/b.com", "x".repeat(64) + ".com",
        ("a".repeat(60) + ".").repeat(5) + "com", "");
    for (String pattern : bad) {
      assertThat(found(egressTo(new FqdnPeer(pattern, at(3, 14))))).as(pattern).containsExactly("NL2029 3:14");
    }
    for (String pattern : List.of("*.example.com", "api-*.example.com", "a.*.example.com", "_sip._tcp.x.org",
        "API.Example.COM", "localhost")) {
      assertThat(found(egressTo(new FqdnPeer(pattern, at(3, 14))))).as(pattern).isEmpty();
    }
    Rule dns = rule(Action.ALLOW, at(3, 5), List.of(pods(at(3, 14))),
        List.of(new PortRange(Protocol.UDP, 53, 53, at(3, 22))),
        new DnsBlock(List.of(new DnsRule("ok.example.com", at(4, 7)), new DnsRule("*bad.com", at(4, 25))),
            at(3, 29)));
    assertThat(found(egress(dns))).containsExactly("NL2029 4:25");
    assertThat(of(egressTo(new FqdnPeer("example.com.", at(3, 14))), Code.INVALID_FQDN).get(0).hint())
        .contains("write \"example.com\"");
  }

  @Test
  void nl2035IcmpTypeOrCodeAbove255() {
    assertThat(found(egressOn(new IcmpPort(false, Optional.of(256), Optional.empty(), at(3, 20)))))
        .containsExactly("NL2035 3:20");
    assertThat(found(egressOn(new IcmpPort(true, Optional.of(1), Optional.of(300), at(3, 20)))))
        .containsExactly("NL2035 3:20");
    assertThat(found(egressOn(new IcmpPort(false, Optional.of(255), Optional.of(255), at(3, 20))))).isEmpty();
  }

  @Test
  void nl2036ServiceAndServiceAccountNames() {
    for (String bad : List.of("1db", "db.main", "Db", "db-")) {
      assertThat(found(egressTo(new ServicePeer(bad, Optional.empty(), at(3, 14))))).as(bad)
          .containsExactly("NL2036 3:14");
    }
    for (String bad : List.of("Agent", "agent_1", "a..b", "x".repeat(254))) {
      assertThat(found(egressTo(new ServiceAccountPeer(bad, Optional.empty(), at(3, 14))))).as(bad)
          .containsExactly("NL2036 3:14");
    }
    assertThat(found(egressTo(new ServiceAccountPeer("1.system-agent", Optional.empty(), at(3, 14))))).isEmpty();
  }

  @Test
  void nl2039HttpMethodPathHostAndHeader() {
    assertThat(found(http(at47(HttpRule.builder("get"))))).containsExactly("NL2039 4:7");
    assertThat(of(http(at47(HttpRule.builder("get"))), Code.INVALID_HTTP).get(0).hint())
        .contains("did you mean 'GET'?");
    assertThat(found(http(at47(get().path("api/v1"))))).containsExactly("NL2039 4:7");
    assertThat(found(http(at47(get().pathPrefix("/a b"))))).containsExactly("NL2039 4:7");
    assertThat(found(http(at47(get().host("api_x.example.com"))))).containsExactly("NL2039 4:7");
    assertThat(found(http(at47(get().host("api.example.com:0"))))).containsExactly("NL2039 4:7");
    HttpRule headers = new HttpRule(Optional.of("POST"), Optional.empty(), Optional.empty(), List.of(
        new HttpRule.HeaderMatch("X Tenant", Optional.empty(), at(4, 20)),
        new HttpRule.HeaderMatch("X-Ok", Optional.of("a\nb"), at(4, 40))), at(4, 7));
    assertThat(found(http(headers))).containsExactly("NL2039 4:20", "NL2039 4:40");
  }

  /**
   * NL2039 for a path clause that would match other paths than it reads as: every path clause reads the path the
   * server will serve (LANGUAGE.md, L7 block), so a query, a fragment, a malformed escape and a form that the
   * normalisation changes are refused, each with its normal form as the hint where it has one.
   */
  @Test
  void nl2039PathClauseOutsideItsNormalForm() {
    assertThat(message(get().path("/api?x=1"))).contains("query string");
    assertThat(message(get().pathPrefix("/api#top"))).contains("fragment");
    assertThat(message(get().path("/api%zz"))).contains("two hex digits");
    assertThat(message(get().path("/api%252Fv1"))).contains("double-encoded");
    assertThat(message(get().path("/admin%00"))).contains("NUL");
    assertThat(message(get().pathPrefix("/public/../admin"))).contains("'/admin'");
    assertThat(of(http(at47(get().pathPrefix("/public/../admin"))), Code.INVALID_HTTP).get(0).hint())
        .contains("write \"/admin\"");
    assertThat(message(get().path("/api//v1"))).contains("'/api/v1'");
    assertThat(message(get().path("/api;v=1"))).contains("'/api'");
    assertThat(message(get().path("/a\\b"))).contains("'/a/b'");
    assertThat(message(get().path("/api/./v1"))).contains("'/api/v1'");
    assertThat(found(http(at47(get().pathPrefix("/api/"))))).as("a trailing '/' is allowed").isEmpty();
    assertThat(found(http(at47(get().path("/a%20b"))))).as("an escape that decodes to itself").isEmpty();
    assertThat(found(http(at47(get().path("/caf%C3%A9"))))).isEmpty();
    assertThat(found(http(at47(get().pathRegex("/api/.*[?]x=1"))))).as("a regex reads the served path").isEmpty();
  }

  private String message(HttpRule.Builder rule) {
    List<Diagnostic> found = of(http(at47(rule)), Code.INVALID_HTTP);
    assertThat(found).hasSize(1);
    return found.get(0).message();
  }

  @Test
  void nl2040KafkaTopicAndClientId() {
    List<KafkaRule> rules = List.of(
        new KafkaRule(KafkaRule.Role.CONSUME, "orders/v1", Optional.empty(), at(4, 7)),
        new KafkaRule(KafkaRule.Role.CONSUME, "t".repeat(250), Optional.empty(), at(5, 7)),
        new KafkaRule(KafkaRule.Role.CONSUME, "..", Optional.empty(), at(6, 7)),
        new KafkaRule(KafkaRule.Role.PRODUCE, "orders", Optional.of("my client"), at(7, 7)),
        new KafkaRule(KafkaRule.Role.PRODUCE, "t".repeat(249), Optional.of("c-1.x_y"), at(8, 7)));
    Rule rule = rule(Action.ALLOW, at(3, 5), List.of(pods(at(3, 14))), List.of(tcp(9092, at(3, 22))),
        new KafkaBlock(rules, at(3, 31)));

    assertThat(found(egress(rule))).containsExactly("NL2040 4:7", "NL2040 5:7", "NL2040 6:7", "NL2040 7:7");
  }

  @Test
  void aLetsValueIsReportedOnceInsideTheLetAndItsContextAtEachUse() {
    List<Peer> entries = List.of(pods(label("app", "-bad", at(1, 17)), at(1, 12)),
        new FqdnPeer("api.example.com", at(1, 30)));
    Definition let = new Definition.Peers("mixed", List.copyOf(entries), at(1, 1));
    List<Rule> rules = new ArrayList<>();
    for (int line = 3; line < 6; line++) {
      rules.add(allow(at(line, 5), List.of(new PeerRef("mixed", entries, at(line, 16))), List.of()));
    }
    Policy p = policy("p", "shop", at(2, 8), ALL_PODS, rules, null);
    PolicyFile file = new PolicyFile(Spans.FILE, Optional.empty(), List.of(), List.of(let), List.of(p));

    assertThat(found(program(file)))
        .containsExactly("NL2026 1:17", "NL2015 3:16", "NL2015 4:16", "NL2015 5:16");
  }

  @Test
  void aLetDefinedButNeverUsedIsStillChecked() {
    Definition ports = new Definition.Ports("web", List.<PortTerm>of(tcp(70000, at(1, 11))), at(1, 1));
    PolicyFile file = new PolicyFile(Spans.FILE, Optional.empty(), List.of(), List.of(ports), List.of());

    assertThat(found(program(file))).containsExactly("NL2022 1:11");
  }

  @Test
  void findingsComeSortedByPosition() {
    Rule late = allow(at(9, 5), List.of(new ServicePeer("Db", Optional.empty(), at(9, 14))), List.of());
    Rule early = allow(at(4, 5), List.of(new ServicePeer("Db", Optional.empty(), at(4, 14))), List.of());
    List<Diagnostic> d = ProgramChecker.check(egressTwice(late, early));

    assertThat(d).isSortedAccordingTo(Diagnostic.ORDER).hasSize(2);
  }

  private static Program egressTwice(Rule a, Rule b) {
    return program(file(policy("p", "shop", at(1, 8), ALL_PODS, null, List.of(a, b))));
  }

  @Test
  void javaBuiltModelsWithoutSpansAreCheckedToo() {
    Policy p = Policy.namespaced("api", "Shop").egress(Rule.allow(PodPeer.of(LabelSelector.ALL))
        .on(PortRange.of(Protocol.TCP, 0)).build()).build();

    assertThat(ProgramChecker.check(Program.of(p))).extracting(x -> x.code().id())
        .containsExactly("NL2022", "NL2027");
  }

  @Test
  void peerTermsThroughSelectAreValueChecked() {
    PeerTerm badLabel = pods(label("app", "a b", at(2, 19)), at(2, 10));
    Program p = program(file(policy("p", "shop", at(1, 8), new Subject(List.of(badLabel), at(2, 3)), List.of(),
        null)));

    assertThat(found(p)).containsExactly("NL2026 2:19");
  }
}

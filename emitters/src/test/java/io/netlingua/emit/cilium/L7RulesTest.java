package io.netlingua.emit.cilium;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netlingua.diagnostics.Diagnostic;
import io.netlingua.diagnostics.Outcome;
import io.netlingua.emit.spi.Degradations;
import io.netlingua.model.Direction;
import io.netlingua.model.DnsBlock;
import io.netlingua.model.DnsRule;
import io.netlingua.model.GrpcBlock;
import io.netlingua.model.GrpcRule;
import io.netlingua.model.HttpBlock;
import io.netlingua.model.HttpRule;
import io.netlingua.model.KafkaBlock;
import io.netlingua.model.KafkaRule;
import io.netlingua.model.SourceSpan;
import io.netlingua.targets.Capabilities;
import io.netlingua.targets.Mode;
import io.netlingua.targets.Target;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The {@code rules} objects L7Rules writes, in the field names of the 1.18.2 CRD (PortRuleHTTP, PortRuleKafka,
 * PortRuleDNS), and its reports, through the Cilium capability table (which fails loudly on an outcome it does not
 * allow).
 */
class L7RulesTest {
  private static final SourceSpan AT = new SourceSpan("t.npl", 3, 5, 3, 20, 40, 55);

  private final Degradations degradations = new Degradations(Capabilities.of(Target.CILIUM), Mode.BEST_EFFORT);
  private final L7Rules l7 = new L7Rules(degradations, "1.18");

  @Test
  void httpAlternativesBecomeOneEntryEach() {
    HttpBlock block = HttpBlock.of(
        HttpRule.builder("GET").path("/api/v1/orders").build(),
        HttpRule.builder("POST").pathPrefix("/admin/").host("Admin.Shop.example.com")
            .header("X-Staff-Token").header("Content-Type", "application/json").build(),
        HttpRule.builder("*").pathRegex("/api/v[12]/orders").build(),
        HttpRule.builder("*").build());
    ObjectNode rules = l7.rules(block, Direction.INGRESS).orElseThrow();
    assertThat(rules.toString()).isEqualTo("{\"http\":["
        + "{\"method\":\"GET\",\"path\":\"/api/v1/orders/?(\\\\?.*)?\"},"
        + "{\"method\":\"POST\",\"path\":\"/admin" + HttpRegex.PREFIX_TAIL.replace("\\", "\\\\")
        + "(\\\\?.*)?\","
        + "\"host\":\"(?i)admin\\\\.shop\\\\.example\\\\.com(:[0-9]+)?\","
        + "\"headers\":[\"X-Staff-Token\",\"Content-Type application/json\"]},"
        + "{\"path\":\"(?:/api/v[12]/orders)(\\\\?.*)?\"},"
        + "{}]}");
    assertThat(degradations.diagnostics()).isEmpty();
    assertThat(l7.facts()).as("enable-l7-proxy is the emitter's fact, stated for toFQDNs too").hasSize(4);
    assertThat(l7.facts().get(0)).contains("http-normalize-path");
    assertThat(l7.facts()).anyMatch(f -> f.contains("..;x"));
    assertThat(l7.facts()).anyMatch(f -> f.startsWith("a path regex"));
  }

  /** cilium getHTTPRule splits a headers string at its first space: the value may hold spaces. */
  @Test
  void aHeaderValueWithSpacesIsTheRestOfTheString() {
    HttpBlock block = HttpBlock.of(HttpRule.builder("GET").header("X-A", "b c  d").build());
    assertThat(l7.rules(block, Direction.EGRESS).orElseThrow().toString())
        .isEqualTo("{\"http\":[{\"method\":\"GET\",\"headers\":[\"X-A b c  d\"]}]}");
  }

  @Test
  void aPrefixOverTheProgramSizeLimitIsLeftOutAtItsAlternative() {
    String longPrefix = "/" + "segment/".repeat(9) + "end"; // 76 characters
    HttpRule tooLong = new HttpRule(Optional.of("GET"),
        Optional.of(new HttpRule.PathMatch(HttpRule.PathMatch.Kind.PREFIX, longPrefix)), Optional.empty(),
        List.of(), AT);
    HttpBlock block = HttpBlock.of(tooLong, HttpRule.builder("GET").path("/ok").build());
    ObjectNode rules = l7.rules(block, Direction.INGRESS).orElseThrow();
    assertThat(rules.get("http")).hasSize(1);
    Diagnostic d = only();
    assertThat(d.span()).isEqualTo(AT);
    assertThat(d.finding().orElseThrow().outcome()).isEqualTo(Outcome.NARROWER);
    assertThat(d.finding().orElseThrow().feature()).isEqualTo("l7-http");
    assertThat(d.message()).contains("program size").contains("100");
  }

  @Test
  void aBlockWhoseAlternativesAreAllLeftOutIsEmpty() {
    HttpRule hostHeader = new HttpRule(Optional.empty(), Optional.empty(), Optional.empty(),
        List.of(new HttpRule.HeaderMatch("Host", Optional.of("a.example"), AT)), SourceSpan.NONE);
    HttpRule emptyValue = new HttpRule(Optional.empty(), Optional.empty(), Optional.empty(),
        List.of(new HttpRule.HeaderMatch("X-Empty", Optional.of(""), AT)), SourceSpan.NONE);
    assertThat(l7.rules(HttpBlock.of(hostHeader, emptyValue), Direction.INGRESS)).isEmpty();
    assertThat(degradations.diagnostics()).hasSize(2)
        .allMatch(d -> d.span().equals(AT) && d.finding().orElseThrow().outcome() == Outcome.NARROWER);
  }

  /** Upstream: examples/kubernetes-grpc/cc-door-ingress-security.yaml (POST, /cloudcity.DoorManager/GetName). */
  @Test
  void grpcIsPostOnTheMethodsPath() {
    GrpcBlock block = GrpcBlock.of(GrpcRule.of("cloudcity.DoorManager", "GetName"),
        GrpcRule.of("cloudcity.DoorManager", null));
    assertThat(l7.rules(block, Direction.INGRESS).orElseThrow().toString()).isEqualTo("{\"http\":["
        + "{\"method\":\"POST\",\"path\":\"/cloudcity\\\\.DoorManager/GetName\"},"
        + "{\"method\":\"POST\",\"path\":\"/cloudcity\\\\.DoorManager/[^/]+\"}]}");
    assertThat(l7.facts()).anyMatch(f -> f.startsWith("gRPC rules"));
  }

  /** PortRuleKafka: role, topic, clientID (cilium/proxy pkg/policy/api/kafka/kafka.go). */
  @Test
  void kafkaIsRoleTopicAndClientId() {
    KafkaBlock block = KafkaBlock.of(KafkaRule.of(KafkaRule.Role.CONSUME, "orders.created", "fraud-detector"),
        KafkaRule.of(KafkaRule.Role.PRODUCE, "orders.flagged", null));
    assertThat(l7.rules(block, Direction.EGRESS).orElseThrow().toString()).isEqualTo("{\"kafka\":["
        + "{\"role\":\"consume\",\"topic\":\"orders.created\",\"clientID\":\"fraud-detector\"},"
        + "{\"role\":\"produce\",\"topic\":\"orders.flagged\"}]}");
    assertThat(l7.facts()).anyMatch(f -> f.contains("InitProducerId"));
    assertThat(l7.facts()).noneMatch(f -> f.contains("deprecated"));
  }

  @Test
  void kafkaIsDeprecatedIn119AndLeftOutFrom120() {
    KafkaBlock block = KafkaBlock.of(new KafkaRule(KafkaRule.Role.PRODUCE, "t", Optional.empty(), AT));
    L7Rules v119 = new L7Rules(degradations, "1.19");
    assertThat(v119.rules(block, Direction.EGRESS)).isPresent();
    assertThat(v119.facts()).anyMatch(f -> f.contains("deprecated"));
    assertThat(new L7Rules(degradations, "1.20").rules(block, Direction.EGRESS)).isEmpty();
    assertThat(only().message()).contains("removed in 1.20");
  }

  /**
   * PortRuleDNS: matchName for a name, matchPattern with {@code *} (one label, as pkg/fqdn/matchpattern before
   * 1.19); a run of {@code *} is written as one, since 1.19 reads a leading {@code **.} across labels.
   */
  @Test
  void dnsNamesAndPatternsOnEgress() {
    DnsBlock block = DnsBlock.of(DnsRule.of("api.stripe.com"), DnsRule.of("*.stripe.network"),
        DnsRule.of("**.example.com"));
    assertThat(l7.rules(block, Direction.EGRESS).orElseThrow().toString()).isEqualTo("{\"dns\":["
        + "{\"matchName\":\"api.stripe.com\"},{\"matchPattern\":\"*.stripe.network\"},"
        + "{\"matchPattern\":\"*.example.com\"}]}");
  }

  @Test
  void dnsOnIngressIsLeftOut() {
    DnsBlock block = new DnsBlock(List.of(new DnsRule("a.example", AT)), AT);
    assertThat(l7.rules(block, Direction.INGRESS)).isEmpty();
    Diagnostic d = only();
    assertThat(d.message()).contains("egress only");
    assertThat(d.finding().orElseThrow().feature()).isEqualTo("l7-dns");
    assertThat(d.finding().orElseThrow().direction()).contains(Direction.INGRESS);
  }

  @Test
  void factsAreListedOnceInTheOrderFirstUsed() {
    HttpBlock block = HttpBlock.of(HttpRule.builder("GET").path("/a").build());
    l7.rules(block, Direction.INGRESS);
    List<String> first = l7.facts();
    l7.rules(block, Direction.EGRESS);
    assertThat(l7.facts()).isEqualTo(first);
  }

  private Diagnostic only() {
    assertThat(degradations.diagnostics()).hasSize(1);
    return degradations.diagnostics().get(0);
  }
}

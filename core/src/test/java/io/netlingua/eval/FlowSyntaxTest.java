package io.netlingua.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import io.netlingua.model.KafkaRule;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.quicktheories.generators.Generate;

/** The one-line flow syntax: every form, and errors with the column of the offending word. */
class FlowSyntaxTest {
  private static final int TRIES = Integer.getInteger("netlingua.property.tries", 1000);

  /** Words of the syntax, right and wrong, that random lines are made of. */
  private static final List<String> WORDS = List.of(
      "shop/frontend", "shop/backend", "kube-system/coredns", "a/b/c", "/", "->", "-", "node:n1", "node:", "ext:stripe",
      "ext:", "ip:10.0.0.1", "ip:::1", "ip:::ffff:1.2.3.4", "ip:1.2.3", "tcp/80", "tcp/", "udp/53", "sctp/x",
      "tcp/http", "tcp/0", "icmp", "icmpv6", "type", "code", "8", "300", "-1", "99999999999", "GET", "get", "/api",
      "host", "header", "X=1", "=", "kafka", "produce", "consume", "client", "dns", "grpc", "a.B/C", "", "\t");

  private static Flow flow(String text) {
    return Shop.flow(text);
  }

  @Test
  void podsWithHttpRequest() {
    Flow f = flow("shop/frontend -> shop/backend tcp/8080 GET /api/v1/orders host Shop.Example header X-A=1");
    assertThat(f.source()).isEqualTo(Endpoint.of(Shop.CLUSTER.pod("shop", "frontend").orElseThrow()));
    assertThat(f.destination().text()).isEqualTo("shop/backend");
    assertThat(f.protocol()).isEqualTo(FlowProtocol.TCP);
    assertThat(f.port()).isEqualTo(8080);
    assertThat(f.http()).contains(new HttpRequest("GET", "/api/v1/orders", Optional.of("shop.example"),
        Map.of("x-a", "1")));
    assertThat(f.toString())
        .isEqualTo("shop/frontend -> shop/backend tcp/8080 GET /api/v1/orders host shop.example header x-a=1");
  }

  /** A request target is kept as sent, query string, dot segments and escapes included, and a host with its port. */
  @Test
  void aRequestKeepsItsQueryStringAndItsHostPort() {
    Flow f = flow("shop/frontend -> shop/backend tcp/8080 GET /api/../v1;x=2/orders?page=2&q=%2F host Shop.Example:8080");
    assertThat(f.http()).contains(new HttpRequest("GET", "/api/../v1;x=2/orders?page=2&q=%2F",
        Optional.of("shop.example:8080"), Map.of()));
    assertThat(f.toString()).isEqualTo(
        "shop/frontend -> shop/backend tcp/8080 GET /api/../v1;x=2/orders?page=2&q=%2F host shop.example:8080");
  }

  @Test
  void nodesExternalsAddressesAndNamedPorts() {
    Flow f = flow("node:n2 -> shop/backend tcp/http");
    assertThat(f.source()).isEqualTo(Endpoint.of(Shop.CLUSTER.node("n2").orElseThrow()));
    assertThat(f.port()).isEqualTo(8080);
    assertThat(FlowSyntax.in(Shop.CLUSTER).parse("shop/frontend -> ext:stripe tcp/443").flow().orElseThrow()
        .destination().text()).isEqualTo("ext:stripe");
    assertThat(flow("ip:2001:db8::1 -> shop/backend sctp/9").source())
        .isEqualTo(Endpoint.of(IpAddress.parse("2001:db8::1")));
  }

  @Test
  void dnsKafkaGrpcAndIcmp() {
    assertThat(flow("shop/frontend -> kube-system/coredns udp/53 dns Api.Stripe.com.").dnsQuery())
        .contains("api.stripe.com");
    assertThat(flow("shop/frontend -> shop/backend tcp/9092 kafka produce orders client x").kafka())
        .contains(new KafkaRequest(KafkaRule.Role.PRODUCE, "orders", Optional.of("x")));
    assertThat(flow("shop/frontend -> shop/backend tcp/9092 kafka consume orders").kafka())
        .contains(new KafkaRequest(KafkaRule.Role.CONSUME, "orders", Optional.empty()));
    assertThat(flow("shop/frontend -> shop/backend tcp/50051 grpc shop.Orders/Get").http())
        .contains(HttpRequest.of("POST", "/shop.Orders/Get"));
    Flow icmp = flow("shop/frontend -> shop/backend icmp type 3 code 4");
    assertThat(icmp.protocol()).isEqualTo(FlowProtocol.ICMP);
    assertThat(icmp.icmpType()).isEqualTo(3);
    assertThat(icmp.icmpCode()).isEqualTo(4);
    assertThat(flow("shop/frontend -> shop/backend icmpv6 type 128").icmpCode()).isZero();
  }

  /** Whatever the text, parsing answers a flow or an error with a column inside the text (or just past it). */
  @Test
  void anyTextGivesAFlowOrAnErrorNeverAnException() {
    qt().withFixedSeed(53).withExamples(TRIES)
        .forAll(lists().of(Generate.pick(WORDS)).ofSizeBetween(0, 12), strings().allPossible().ofLengthBetween(0, 3))
        .checkAssert((words, noise) -> {
          String text = String.join(" ", words) + noise;
          FlowSyntax.Result r = FlowSyntax.parse(text, Shop.CLUSTER);
          r.error().ifPresent(e -> assertThat(e.column()).as(text).isBetween(1, text.length() + 1));
        });
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "''                                                 | 1  | expected a source",
      "shop/nobody -> shop/backend tcp/80                 | 1  | no pod 'shop/nobody' in the cluster",
      "shop/frontend => shop/backend tcp/80               | 15 | expected '->', found '=>'",
      "shop/frontend -> node:n9 tcp/80                    | 18 | no node 'n9'",
      "shop/frontend -> ext:nope tcp/80                   | 18 | no external 'nope'",
      "shop/frontend -> ip:10.0.0.300 tcp/80              | 18 | not an IP address",
      "shop/frontend -> shop/backend                      | 30 | expected a protocol",
      "shop/frontend -> shop/backend tcp                  | 31 | needs a port",
      "shop/frontend -> shop/backend http/80              | 31 | expected tcp/PORT",
      "shop/frontend -> shop/backend tcp/70000            | 35 | outside 1..65535",
      "shop/frontend -> shop/backend tcp/grpc             | 35 | has no tcp port named 'grpc'",
      "shop/frontend -> shop/backend icmp 8               | 36 | expected 'type'",
      "shop/frontend -> shop/backend icmp type 300        | 41 | outside 0..255",
      "shop/frontend -> shop/backend tcp/80 get /         | 38 | expected an HTTP method",
      "shop/frontend -> shop/backend tcp/80 GET api       | 42 | starts with '/'",
      "shop/frontend -> shop/backend udp/80 GET /         | 38 | not a request over udp",
      "shop/frontend -> shop/backend tcp/80 GET / header x | 51 | expected NAME=VALUE",
      "shop/frontend -> shop/backend tcp/80 kafka publish t | 44 | expected produce or consume",
      "shop/frontend -> shop/backend sctp/53 dns a.b      | 39 | not a request over sctp",
      "shop/frontend -> shop/backend tcp/80 dns a.b extra | 46 | unexpected 'extra'",
  })
  void badTextIsAnErrorWithAColumn(String text, int column, String message) {
    FlowSyntax.Result r = FlowSyntax.parse(text, Shop.CLUSTER);
    assertThat(r.ok()).isFalse();
    assertThat(r.error().orElseThrow().column()).as(r.error().orElseThrow().toString()).isEqualTo(column);
    assertThat(r.error().orElseThrow().message()).contains(message);
  }
}

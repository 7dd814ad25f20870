package io.netlingua.eval;

import static io.netlingua.eval.Shop.allows;
import static io.netlingua.eval.Shop.app;
import static io.netlingua.eval.Shop.shop;
import static org.assertj.core.api.Assertions.assertThat;

import io.netlingua.model.DnsBlock;
import io.netlingua.model.DnsRule;
import io.netlingua.model.GrpcBlock;
import io.netlingua.model.GrpcRule;
import io.netlingua.model.HttpBlock;
import io.netlingua.model.HttpRule;
import io.netlingua.model.KafkaBlock;
import io.netlingua.model.KafkaRule;
import io.netlingua.model.L7Block;
import io.netlingua.model.LabelSelector;
import io.netlingua.model.PodPeer;
import io.netlingua.model.PortRange;
import io.netlingua.model.Program;
import io.netlingua.model.Protocol;
import io.netlingua.model.Rule;
import org.junit.jupiter.api.Test;

/** One test per L7 kind and clause (SEMANTICS.md section 1, rule 4; LANGUAGE.md, L7 block). */
class L7KindsTest {
  private static Program backendWith(L7Block block) {
    return Program.of(shop("backend-in", "backend")
        .ingress(Rule.allow(app("frontend")).on(PortRange.of(Protocol.TCP, 8080)).l7(block).build()).build());
  }

  private static boolean request(Program p, String request) {
    return allows(p, "shop/frontend -> shop/backend tcp/8080 " + request);
  }

  @Test
  void httpMethodAndExactPath() {
    Program p = backendWith(HttpBlock.of(HttpRule.builder("GET").path("/api/v1/orders").build()));
    assertThat(request(p, "GET /api/v1/orders")).isTrue();
    assertThat(request(p, "GET /api/v1/orders/7")).isFalse();
    assertThat(request(p, "PUT /api/v1/orders")).isFalse();
    Program anyMethod = backendWith(HttpBlock.of(HttpRule.builder("*").path("/health").build()));
    assertThat(request(anyMethod, "DELETE /health")).isTrue();
  }

  @Test
  void httpPathPrefix() {
    Program p = backendWith(HttpBlock.of(HttpRule.builder("POST").pathPrefix("/api/v1/orders/").build()));
    assertThat(request(p, "POST /api/v1/orders/42")).isTrue();
    assertThat(request(p, "POST /api/v1/orders")).as("by segment: the prefix's trailing '/' is ignored").isTrue();
    assertThat(request(p, "POST /api/v1/ordersx")).isFalse();
  }

  @Test
  void httpPathRegexMatchesTheWholePath() {
    Program p = backendWith(HttpBlock.of(HttpRule.builder("GET").pathRegex("/api/v[0-9]+/items/.*").build()));
    assertThat(request(p, "GET /api/v2/items/x")).isTrue();
    assertThat(request(p, "GET /api/vx/items/x")).isFalse();
    Program anchored = backendWith(HttpBlock.of(HttpRule.builder("GET").pathRegex("/items").build()));
    assertThat(request(anchored, "GET /items")).isTrue();
    assertThat(request(anchored, "GET /items/1")).isFalse();
    assertThat(request(anchored, "GET /x/items")).isFalse();
  }

  @Test
  void httpHostIsCaseInsensitive() {
    Program p = backendWith(HttpBlock.of(HttpRule.builder("GET").host("Shop.Example.com").build()));
    assertThat(request(p, "GET / host SHOP.example.COM")).isTrue();
    assertThat(request(p, "GET / host other.example.com")).isFalse();
    assertThat(request(p, "GET /")).isFalse();
  }

  @Test
  void httpHeadersByPresenceOrValue() {
    Program present = backendWith(HttpBlock.of(HttpRule.builder("GET").header("X-Tenant").build()));
    assertThat(request(present, "GET / header x-tenant=a")).isTrue();
    assertThat(request(present, "GET / header X-Other=a")).isFalse();
    Program valued = backendWith(HttpBlock.of(HttpRule.builder("GET").header("X-Tenant", "acme").build()));
    assertThat(request(valued, "GET / header X-Tenant=acme")).isTrue();
    assertThat(request(valued, "GET / header X-Tenant=other")).isFalse();
  }

  @Test
  void grpcIsAPostToServiceAndMethod() {
    Program p = backendWith(GrpcBlock.of(GrpcRule.of("shop.Orders", "Get"), GrpcRule.of("shop.Health", null)));
    assertThat(request(p, "grpc shop.Orders/Get")).isTrue();
    assertThat(request(p, "POST /shop.Orders/Get")).isTrue();
    assertThat(request(p, "GET /shop.Orders/Get")).isFalse();
    assertThat(request(p, "grpc shop.Orders/Delete")).isFalse();
    assertThat(request(p, "grpc shop.Health/Check")).isTrue();
    assertThat(request(p, "grpc shop.HealthX/Check")).isFalse();
  }

  @Test
  void kafkaRoleTopicAndClient() {
    Program p = backendWith(KafkaBlock.of(KafkaRule.of(KafkaRule.Role.PRODUCE, "orders", null),
        KafkaRule.of(KafkaRule.Role.CONSUME, "events", "billing")));
    assertThat(request(p, "kafka produce orders")).isTrue();
    assertThat(request(p, "kafka consume orders")).isFalse();
    assertThat(request(p, "kafka consume events client billing")).isTrue();
    assertThat(request(p, "kafka consume events client other")).isFalse();
    assertThat(request(p, "kafka consume events")).isFalse();
  }

  @Test
  void dnsQueriesAgainstPatterns() {
    PodPeer dns = PodPeer.inNamespace(LabelSelector.builder().equal("k8s-app", "kube-dns").build(), "kube-system");
    Program p = Program.of(shop("dns", "frontend").egress(Rule.allow(dns).on(PortRange.of(Protocol.UDP, 53))
        .l7(DnsBlock.of(DnsRule.of("api.stripe.com"), DnsRule.of("*.stripe.network"))).build()).build());
    String query = "shop/frontend -> kube-system/coredns udp/53 dns ";
    assertThat(allows(p, query + "API.stripe.com.")).isTrue();
    assertThat(allows(p, query + "hooks.stripe.network")).isTrue();
    assertThat(allows(p, query + "hooks.eu.stripe.network")).isFalse();
    assertThat(allows(p, query + "evil.example.com")).isFalse();
    assertThat(allows(p, "shop/frontend -> kube-system/coredns udp/dns dns api.stripe.com")).isTrue();
  }
}

package io.netlingua.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The model as an embedder builds it in Java, without the language. */
class ModelTest {

  @Test
  void anEmbedderBuildsAProgramWithBuilders() {
    PodPeer frontend = PodPeer.of(LabelSelector.builder().equal("app", "frontend").build());
    Policy policy =
        Policy.namespaced("backend-api", "shop")
            .description("Orders API")
            .select(PodPeer.of(LabelSelector.builder().equal("app", "backend").build()))
            .ingress(
                Rule.allow(frontend)
                    .on(PortRange.of(Protocol.TCP, 8080))
                    .l7(HttpBlock.of(HttpRule.builder("GET").path("/api/v1/orders").build()))
                    .build(),
                Rule.deny(CidrPeer.of("192.168.0.0/16")).build())
            .egress()
            .build();
    Program program = Program.of(policy);

    assertThat(program.policies()).containsExactly(policy);
    assertThat(policy.isClusterWide()).isFalse();
    assertThat(policy.ingress().orElseThrow().rules()).hasSize(2);
    assertThat(policy.egress().orElseThrow().rules()).isEmpty();
    assertThat(policy.block(Direction.EGRESS)).isEqualTo(policy.egress());
    assertThat(policy.ingress().orElseThrow().rules().get(1).allPorts()).isTrue();
    assertThat(Policy.clusterWide("baseline").egress().build().isClusterWide()).isTrue();
  }

  @Test
  void letReferencesFlattenInOrderWithoutDuplicates() {
    PodPeer a = PodPeer.of(LabelSelector.builder().equal("app", "a").build());
    PodPeer b = PodPeer.namespace("b");
    PeerRef ab = new PeerRef("ab", List.of(a, b), SourceSpan.NONE);
    Rule rule = Rule.allow(b, ab, EntityPeer.of(Entity.WORLD)).build();
    assertThat(rule.peers()).containsExactly(b, a, EntityPeer.of(Entity.WORLD));

    PortRange web = PortRange.of(Protocol.TCP, 80);
    PortRef ports = new PortRef("web", List.of(web, AllPorts.of(Protocol.UDP)), SourceSpan.NONE);
    assertThat(Rule.allow(a).on(ports, web).build().ports()).containsExactly(web, AllPorts.of(Protocol.UDP));
  }

  @Test
  void collectionsAreUnmodifiableCopies() {
    List<Rule> rules = new ArrayList<>();
    RuleBlock block = new RuleBlock(rules, SourceSpan.NONE);
    rules.add(Rule.allow(EntityPeer.of(Entity.ANY)).build());
    assertThat(block.rules()).isEmpty();
    assertThatThrownBy(() -> block.rules().add(rules.get(0))).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void structuralInvariantsAreEnforced() {
    assertThatThrownBy(() -> new HttpBlock(List.of(), SourceSpan.NONE)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> IcmpPort.of(false, null, 4)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Subject(List.of(), SourceSpan.NONE)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void casesInsensitiveNamesAreKeptInLowerCase() {
    assertThat(FqdnPeer.of("API.Example.com").pattern()).isEqualTo("api.example.com");
    assertThat(DnsRule.of("*.Example.COM").pattern()).isEqualTo("*.example.com");
    assertThat(HttpRule.builder("GET").host("Shop.Example.com").build().host()).contains("shop.example.com");
    assertThat(HttpRule.builder("*").build().method()).isEmpty();
    assertThat(GrpcRule.of("shop.Orders", null).path()).isEqualTo("shop.Orders/*");
  }

  @Test
  void spansOrderByFileLineColumnAndJoin() {
    SourceSpan a = new SourceSpan("a.npl", 2, 5, 2, 9, 20, 24);
    SourceSpan b = new SourceSpan("a.npl", 3, 1, 3, 4, 30, 33);
    assertThat(a).isLessThan(b);
    assertThat(a.to(b)).isEqualTo(new SourceSpan("a.npl", 2, 5, 3, 4, 20, 33));
    assertThat(a.location()).isEqualTo("a.npl:2:5");
    assertThatThrownBy(() -> new SourceSpan("a.npl", 0, 1, 1, 1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}

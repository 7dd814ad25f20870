package io.netlingua.eval;

import static io.netlingua.eval.Shop.allows;
import static io.netlingua.eval.Shop.app;
import static io.netlingua.eval.Shop.shop;
import static io.netlingua.eval.Shop.verdict;
import static org.assertj.core.api.Assertions.assertThat;

import io.netlingua.eval.Verdict.Reason;
import io.netlingua.model.Action;
import io.netlingua.model.AllPorts;
import io.netlingua.model.CidrPeer;
import io.netlingua.model.Entity;
import io.netlingua.model.EntityPeer;
import io.netlingua.model.FqdnPeer;
import io.netlingua.model.HttpBlock;
import io.netlingua.model.HttpRule;
import io.netlingua.model.LabelSelector;
import io.netlingua.model.NamedPort;
import io.netlingua.model.NamespaceScope;
import io.netlingua.model.PodPeer;
import io.netlingua.model.Policy;
import io.netlingua.model.PortRange;
import io.netlingua.model.Program;
import io.netlingua.model.Protocol;
import io.netlingua.model.Rule;
import io.netlingua.model.SourceSpan;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** One test per rule of SEMANTICS.md section 1. */
class SemanticsRulesTest {
  private static final PortRange TCP_8080 = PortRange.of(Protocol.TCP, 8080);

  /** Rule 1: a block isolates its direction only; an empty block isolates and allows nothing. */
  @Test
  void rule1IsolationIsPerDirectionAndAnEmptyBlockIsolates() {
    Program ingressOnly = Program.of(shop("backend-in", "backend").ingress().build());
    Verdict in = verdict(ingressOnly, "shop/frontend -> shop/backend tcp/8080");
    assertThat(in.allowed()).isFalse();
    assertThat(in.ingress().reason()).isEqualTo(Reason.NO_RULE_MATCHED);
    assertThat(in.ingress().isolatedBy()).extracting(Verdict.PolicyRef::qualifiedName)
        .containsExactly("shop/backend-in");
    Verdict out = verdict(ingressOnly, "shop/backend -> data/postgres tcp/5432");
    assertThat(out.allowed()).isTrue();
    assertThat(out.egress().reason()).isEqualTo(Reason.NOT_ISOLATED);

    Program egressOnly = Program.of(shop("frontend-out", "frontend").egress().build());
    assertThat(allows(egressOnly, "shop/frontend -> shop/backend tcp/8080")).isFalse();
    assertThat(allows(egressOnly, "shop/backend -> shop/frontend tcp/8080")).isTrue();
  }

  /** Rule 2: egress at the source and ingress at the destination must both allow; a non-pod end is unpoliced. */
  @Test
  void rule2BothSidesMustAllow() {
    Policy backendIn = shop("backend-in", "backend").ingress(Rule.allow(app("frontend")).on(TCP_8080).build())
        .build();
    Policy frontendOut = shop("frontend-out", "frontend")
        .egress(Rule.allow(PodPeer.inNamespace(LabelSelector.ALL, "data")).build()).build();
    Verdict v = verdict(Program.of(backendIn, frontendOut), "shop/frontend -> shop/backend tcp/8080");
    assertThat(v.allowed()).isFalse();
    assertThat(v.ingress().reason()).isEqualTo(Reason.ALLOWED_BY_RULE);
    assertThat(v.deciding()).isEqualTo(v.egress());
    assertThat(v.egress().reason()).isEqualTo(Reason.NO_RULE_MATCHED);

    Policy frontendToBackend = shop("frontend-out", "frontend").egress(Rule.allow(app("backend")).build()).build();
    Verdict both = verdict(Program.of(backendIn, frontendToBackend), "shop/frontend -> shop/backend tcp/8080");
    assertThat(both.allowed()).isTrue();
    assertThat(both.egress().reason()).isEqualTo(Reason.ALLOWED_BY_RULE);
    assertThat(both.ingress().reason()).isEqualTo(Reason.ALLOWED_BY_RULE);

    Verdict external = verdict(Program.of(backendIn), "shop/frontend -> ext:stripe tcp/443");
    assertThat(external.allowed()).isTrue();
    assertThat(external.ingress().reason()).isEqualTo(Reason.NOT_A_POD);
  }

  /** Rule 3: a matching deny of any governing policy beats every allow, whatever the order of the policies. */
  @Test
  void rule3DenyWinsWithoutOrdering() {
    Policy allow = shop("backend-in", "backend").ingress(Rule.allow(app("frontend")).on(TCP_8080).build()).build();
    Policy deny = Policy.clusterWide("no-frontend")
        .select(new PodPeer(LabelSelector.builder().equal("tier", "api").build(), NamespaceScope.ANY,
            SourceSpan.NONE))
        .ingress(Rule.deny(new PodPeer(LabelSelector.builder().equal("app", "frontend").build(),
            NamespaceScope.ANY, SourceSpan.NONE)).build())
        .build();
    for (Program p : new Program[] {Program.of(allow, deny), Program.of(deny, allow)}) {
      Verdict v = verdict(p, "shop/frontend -> shop/backend tcp/8080");
      assertThat(v.allowed()).isFalse();
      assertThat(v.ingress().reason()).isEqualTo(Reason.DENIED_BY_RULE);
      assertThat(v.ingress().rule().orElseThrow().policy().qualifiedName()).isEqualTo("cluster/no-frontend");
    }
    // backend-2 has no tier=api: the deny does not govern it, and no policy isolates it.
    assertThat(allows(Program.of(allow, deny), "shop/frontend -> shop/backend-2 tcp/8080")).isTrue();
  }

  /**
   * Rule 4: a rule matches by peer, port and (with an L7 block) request; allows are a union, so an L4-only rule
   * allows every request, and a request is refused at L7 only when every matching allow has a block that refuses.
   */
  @Test
  void rule4AllowsAreAUnionAndL7RefusesOnlyWhenEveryMatchingAllowRefuses() {
    Rule getOrders = Rule.allow(app("frontend")).on(TCP_8080)
        .l7(HttpBlock.of(HttpRule.builder("GET").path("/api/v1/orders").build())).build();
    Program l7Only = Program.of(shop("backend-in", "backend").ingress(getOrders).build());
    assertThat(allows(l7Only, "shop/frontend -> shop/backend tcp/8080 GET /api/v1/orders")).isTrue();
    Verdict post = verdict(l7Only, "shop/frontend -> shop/backend tcp/8080 POST /admin");
    assertThat(post.allowed()).isFalse();
    assertThat(post.ingress().reason()).isEqualTo(Reason.REFUSED_AT_L7);
    assertThat(verdict(l7Only, "shop/frontend -> shop/backend tcp/8080").ingress().reason())
        .isEqualTo(Reason.REFUSED_AT_L7);
    assertThat(verdict(l7Only, "shop/frontend -> shop/backend tcp/9090").ingress().reason())
        .isEqualTo(Reason.NO_RULE_MATCHED);

    Program union = Program.of(
        shop("backend-in", "backend").ingress(getOrders).build(),
        shop("backend-l4", "backend").ingress(Rule.allow(app("frontend")).on(TCP_8080).build()).build());
    Verdict any = verdict(union, "shop/frontend -> shop/backend tcp/8080 POST /admin");
    assertThat(any.allowed()).isTrue();
    assertThat(any.ingress().rule().orElseThrow().policy().name()).isEqualTo("backend-l4");

    // A deny with an L7 block (possible in a model built in Java) refuses only the requests it matches.
    Program denyPosts = Program.of(shop("backend-in", "backend").ingress(
        Rule.allow(app("frontend")).build(),
        new Rule(Action.DENY, false, List.of(app("frontend")), List.of(TCP_8080),
            Optional.of(HttpBlock.of(HttpRule.builder("POST").build())), SourceSpan.NONE)).build());
    assertThat(allows(denyPosts, "shop/frontend -> shop/backend tcp/8080 POST /admin")).isFalse();
    assertThat(allows(denyPosts, "shop/frontend -> shop/backend tcp/8080 GET /admin")).isTrue();

    Program noPorts = Program.of(shop("backend-in", "backend").ingress(Rule.allow(app("frontend")).build()).build());
    assertThat(allows(noPorts, "shop/frontend -> shop/backend sctp/9")).isTrue();
    assertThat(allows(noPorts, "shop/frontend -> shop/backend icmp type 8")).isTrue();
  }

  /** Rule 5: {@code cidr} and {@code world} match only addresses outside the cluster. */
  @Test
  void rule5CidrAndWorldNeverMatchPodOrNodeAddresses() {
    Program toEverywhere = Program.of(shop("frontend-out", "frontend")
        .egress(Rule.allow(CidrPeer.of("0.0.0.0/0")).build()).build());
    assertThat(allows(toEverywhere, "shop/frontend -> ext:stripe tcp/443")).isTrue();
    assertThat(allows(toEverywhere, "shop/frontend -> ip:203.0.113.99 tcp/443")).isTrue();
    assertThat(allows(toEverywhere, "shop/frontend -> shop/backend tcp/8080")).isFalse();
    assertThat(allows(toEverywhere, "shop/frontend -> ip:10.244.2.20 tcp/8080")).isFalse();
    assertThat(allows(toEverywhere, "shop/frontend -> node:n2 tcp/10250")).isFalse();
    assertThat(allows(toEverywhere, "shop/frontend -> ip:10.96.0.10 tcp/80")).isFalse();

    Program world = Program.of(shop("frontend-out", "frontend")
        .egress(Rule.allow(EntityPeer.of(Entity.WORLD)).build()).build());
    assertThat(allows(world, "shop/frontend -> ext:managed-api tcp/443")).isTrue();
    assertThat(allows(world, "shop/frontend -> shop/backend tcp/8080")).isFalse();
    assertThat(allows(world, "shop/frontend -> node:cp tcp/6443")).isFalse();
  }

  /** Rule 6: named ports resolve on the destination pod, on egress as on ingress. */
  @Test
  void rule6NamedPortsResolveOnTheDestinationPod() {
    NamedPort http = NamedPort.of(Protocol.TCP, "http");
    Program in = Program.of(Policy.namespaced("in", "shop").select(app("backend"))
        .ingress(Rule.allow(app("frontend")).on(http).build()).build());
    assertThat(allows(in, "shop/frontend -> shop/backend tcp/8080")).isTrue();
    assertThat(allows(in, "shop/frontend -> shop/backend tcp/8081")).isFalse();
    assertThat(allows(in, "shop/frontend -> shop/backend-2 tcp/8081")).isTrue();
    assertThat(allows(in, "shop/frontend -> shop/backend-2 tcp/8080")).isFalse();

    Program out = Program.of(shop("out", "frontend").egress(Rule.allow(app("backend")).on(http).build()).build());
    assertThat(allows(out, "shop/frontend -> shop/backend-2 tcp/8081")).isTrue();
    assertThat(allows(out, "shop/frontend -> shop/backend tcp/8081")).isFalse();
    Program udp = Program.of(shop("out", "frontend")
        .egress(Rule.allow(app("backend")).on(NamedPort.of(Protocol.UDP, "http")).build()).build());
    assertThat(allows(udp, "shop/frontend -> shop/backend udp/8080")).isFalse();
  }

  /** Rule 6: {@code fqdn} matches externals whose DNS name matches; {@code *} stays inside one label. */
  @Test
  void rule6FqdnMatchesExternalNames() {
    Program p = Program.of(shop("out", "frontend")
        .egress(Rule.allow(FqdnPeer.of("API.Stripe.com"), FqdnPeer.of("*.stripe.network")).build()).build());
    assertThat(allows(p, "shop/frontend -> ext:stripe tcp/443")).isTrue();
    assertThat(allows(p, "shop/frontend -> ip:203.0.113.10 tcp/443")).isTrue();
    assertThat(allows(p, "shop/frontend -> ext:stripe-hooks tcp/443")).isFalse();
    assertThat(allows(p, "shop/frontend -> ext:evil tcp/443")).isFalse();
    Program twoLabels = Program.of(shop("out", "frontend")
        .egress(Rule.allow(FqdnPeer.of("*.eu.stripe.network")).build()).build());
    assertThat(allows(twoLabels, "shop/frontend -> ext:stripe-hooks tcp/443")).isTrue();
  }

  /** Rule 7: a pod to itself and its node to it are always allowed; its egress to its node is policed. */
  @Test
  void rule7NodeLocalTraffic() {
    Policy closed = shop("closed", "backend").ingress().egress().build();
    Policy denyNodes = shop("no-nodes", "backend")
        .ingress(Rule.deny(EntityPeer.of(Entity.NODES)).build()).build();
    Program p = Program.of(closed, denyNodes);
    Verdict self = verdict(p, "shop/backend -> shop/backend tcp/8080");
    assertThat(self.allowed()).isTrue();
    assertThat(self.egress().reason()).isEqualTo(Reason.NODE_LOCAL);
    assertThat(self.ingress().reason()).isEqualTo(Reason.NODE_LOCAL);
    Verdict probe = verdict(p, "node:n2 -> shop/backend tcp/8080");
    assertThat(probe.allowed()).isTrue();
    assertThat(probe.ingress().reason()).isEqualTo(Reason.NODE_LOCAL);
    assertThat(allows(p, "ip:192.168.0.12 -> shop/backend tcp/8080")).isTrue();
    assertThat(verdict(p, "node:n1 -> shop/backend tcp/8080").ingress().reason())
        .isEqualTo(Reason.DENIED_BY_RULE);
    assertThat(allows(p, "shop/backend -> node:n2 tcp/10250")).isFalse();
    assertThat(allows(Program.of(shop("to-host", "backend").egress(Rule.allow(EntityPeer.of(Entity.HOST))
        .on(AllPorts.of(Protocol.TCP)).build()).build()), "shop/backend -> node:n2 tcp/10250")).isTrue();
  }
}

package io.netlingua.eval;

import static io.netlingua.eval.Shop.allows;
import static io.netlingua.eval.Shop.app;
import static io.netlingua.eval.Shop.shop;
import static org.assertj.core.api.Assertions.assertThat;

import io.netlingua.model.AllPorts;
import io.netlingua.model.CidrPeer;
import io.netlingua.model.Entity;
import io.netlingua.model.EntityPeer;
import io.netlingua.model.LabelSelector;
import io.netlingua.model.NamespaceScope;
import io.netlingua.model.Peer;
import io.netlingua.model.PodPeer;
import io.netlingua.model.Policy;
import io.netlingua.model.Program;
import io.netlingua.model.Protocol;
import io.netlingua.model.Rule;
import io.netlingua.model.ServiceAccountPeer;
import io.netlingua.model.ServicePeer;
import io.netlingua.model.SourceSpan;
import org.junit.jupiter.api.Test;

/** One test per peer kind (SEMANTICS.md section 1, rules 4 to 6; LANGUAGE.md, peers). */
class PeerKindsTest {
  private static final LabelSelector PROMETHEUS = LabelSelector.builder().equal("app", "prometheus").build();

  /** Backend's ingress from these peers only, on every port. */
  private static Program backendFrom(Peer... peers) {
    return Program.of(shop("backend-in", "backend").ingress(Rule.allow(peers).build()).build());
  }

  /** Frontend's egress to these peers only, on every port. */
  private static Program frontendTo(Peer... peers) {
    return Program.of(shop("frontend-out", "frontend").egress(Rule.allow(peers).build()).build());
  }

  /** Rule 4: {@code pods(...)} without a namespace means the policy's namespace. */
  @Test
  void podsOfThePolicyNamespace() {
    assertThat(allows(backendFrom(app("frontend")), "shop/frontend -> shop/backend tcp/8080")).isTrue();
    assertThat(allows(backendFrom(app("prometheus")), "monitoring/prometheus -> shop/backend tcp/9090"))
        .isFalse();
    assertThat(allows(backendFrom(PodPeer.of(LabelSelector.ALL)), "shop/backend-2 -> shop/backend tcp/8080"))
        .isTrue();
  }

  /** Rule 4: {@code in namespace NS}, {@code in namespaces(SELECTOR)} (with the name label), any namespace. */
  @Test
  void podsOfOtherNamespaces() {
    String flow = "monitoring/prometheus -> shop/backend tcp/9090";
    assertThat(allows(backendFrom(PodPeer.inNamespace(PROMETHEUS, "monitoring")), flow)).isTrue();
    assertThat(allows(backendFrom(PodPeer.inNamespace(PROMETHEUS, "data")), flow)).isFalse();
    assertThat(allows(backendFrom(new PodPeer(PROMETHEUS, NamespaceScope.selected(
        LabelSelector.builder().equal("team", "ops").build()), SourceSpan.NONE)), flow)).isTrue();
    assertThat(allows(backendFrom(new PodPeer(LabelSelector.ALL, NamespaceScope.selected(
        LabelSelector.builder().equal("kubernetes.io/metadata.name", "monitoring").build()), SourceSpan.NONE)),
        flow)).isTrue();
    assertThat(allows(backendFrom(new PodPeer(PROMETHEUS, NamespaceScope.ANY, SourceSpan.NONE)), flow)).isTrue();
    assertThat(allows(backendFrom(PodPeer.namespace("monitoring")), "shop/frontend -> shop/backend tcp/8080"))
        .isFalse();
  }

  /** Rule 4: {@code serviceaccount NAME [in namespace NS]}: the pods running as it. */
  @Test
  void serviceAccounts() {
    assertThat(allows(backendFrom(ServiceAccountPeer.of("frontend", null)), "shop/frontend -> shop/backend tcp/1"))
        .isTrue();
    assertThat(allows(backendFrom(ServiceAccountPeer.of("backend", null)), "shop/backend-2 -> shop/backend tcp/1"))
        .isTrue();
    assertThat(allows(backendFrom(ServiceAccountPeer.of("frontend", null)),
        "shop/backend-2 -> shop/backend tcp/1")).isFalse();
    assertThat(allows(backendFrom(ServiceAccountPeer.of("prometheus", null)),
        "monitoring/prometheus -> shop/backend tcp/1")).isFalse();
    assertThat(allows(backendFrom(ServiceAccountPeer.of("prometheus", "monitoring")),
        "monitoring/prometheus -> shop/backend tcp/1")).isTrue();
  }

  /** Rule 4: {@code service NAME}: the pods behind the Service, and its cluster IP (egress). */
  @Test
  void services() {
    Program p = frontendTo(ServicePeer.of("backend", null));
    assertThat(allows(p, "shop/frontend -> shop/backend tcp/8080")).isTrue();
    assertThat(allows(p, "shop/frontend -> shop/backend-2 tcp/8081")).isTrue();
    assertThat(allows(p, "shop/frontend -> ip:10.96.0.10 tcp/80")).isTrue();
    assertThat(allows(p, "shop/frontend -> data/postgres tcp/5432")).isFalse();
    assertThat(allows(frontendTo(ServicePeer.of("backend", "data")), "shop/frontend -> shop/backend tcp/8080"))
        .isFalse();
  }

  /** Rule 5: {@code cidr} with {@code except}. */
  @Test
  void cidrWithExcept() {
    Program p = frontendTo(CidrPeer.of("203.0.113.0/24", "203.0.113.10/32"));
    assertThat(allows(p, "shop/frontend -> ext:stripe-hooks tcp/443")).isTrue();
    assertThat(allows(p, "shop/frontend -> ext:stripe tcp/443")).isFalse();
    assertThat(allows(p, "shop/frontend -> ext:evil tcp/443")).isFalse();
    assertThat(allows(frontendTo(CidrPeer.of("10.244.0.0/16")), "shop/frontend -> shop/backend tcp/8080"))
        .isFalse();
  }

  /** Rule 5: {@code cluster} = every pod and node, never an external. */
  @Test
  void clusterEntity() {
    Program p = frontendTo(EntityPeer.of(Entity.CLUSTER));
    assertThat(allows(p, "shop/frontend -> data/postgres tcp/5432")).isTrue();
    assertThat(allows(p, "shop/frontend -> node:n2 tcp/10250")).isTrue();
    assertThat(allows(p, "shop/frontend -> ext:stripe tcp/443")).isFalse();
  }

  /** Rule 5: {@code nodes} = every node. */
  @Test
  void nodesEntity() {
    Program p = backendFrom(EntityPeer.of(Entity.NODES));
    assertThat(allows(p, "node:n1 -> shop/backend tcp/8080")).isTrue();
    assertThat(allows(p, "shop/frontend -> shop/backend tcp/8080")).isFalse();
  }

  /** Rule 5: {@code host} = the node that runs the governed pod. */
  @Test
  void hostEntity() {
    Program p = Program.of(shop("to-host", "frontend")
        .egress(Rule.allow(EntityPeer.of(Entity.HOST)).on(AllPorts.of(Protocol.TCP)).build()).build());
    assertThat(allows(p, "shop/frontend -> node:n1 tcp/10250")).isTrue();
    assertThat(allows(p, "shop/frontend -> node:n2 tcp/10250")).isFalse();
  }

  /** Rule 5: {@code kube-apiserver} = the nodes and externals marked as the API server. */
  @Test
  void kubeApiserverEntity() {
    Program p = frontendTo(EntityPeer.of(Entity.KUBE_APISERVER));
    assertThat(allows(p, "shop/frontend -> node:cp tcp/6443")).isTrue();
    assertThat(allows(p, "shop/frontend -> ext:managed-api tcp/443")).isTrue();
    assertThat(allows(p, "shop/frontend -> node:n1 tcp/6443")).isFalse();
    assertThat(allows(p, "shop/frontend -> ext:stripe tcp/443")).isFalse();
  }

  /** Rule 5: {@code any} = everything. */
  @Test
  void anyEntity() {
    Program p = frontendTo(EntityPeer.of(Entity.ANY));
    for (String to : new String[] {"shop/backend", "node:n2", "ext:evil", "ip:10.96.0.10", "ip:8.8.8.8"}) {
      assertThat(allows(p, "shop/frontend -> " + to + " tcp/443")).as(to).isTrue();
    }
  }

  /** Rule 1: a cluster policy governs the pods of every namespace, and its peers span every namespace. */
  @Test
  void clusterPoliciesGovernEveryNamespace() {
    Program p = Program.of(Policy.clusterWide("default-deny").select(PodPeer.of(LabelSelector.ALL)).egress()
        .build());
    assertThat(allows(p, "monitoring/prometheus -> ext:stripe tcp/443")).isFalse();
    assertThat(allows(p, "shop/frontend -> shop/backend tcp/8080")).isFalse();
    assertThat(allows(p, "node:n1 -> shop/backend tcp/8080")).isTrue();

    Program fromFrontends = Program.of(Policy.clusterWide("db").select(app("postgres"))
        .ingress(Rule.allow(app("backend")).build()).build());
    assertThat(allows(fromFrontends, "shop/backend -> data/postgres tcp/5432")).isTrue();
    assertThat(allows(fromFrontends, "shop/frontend -> data/postgres tcp/5432")).isFalse();
  }
}

package io.netlingua.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netlingua.Netlingua;
import io.netlingua.dsl.ParseResult;
import io.netlingua.eval.Cluster;
import io.netlingua.targets.Options;
import io.netlingua.targets.Target;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

/** PolicyAssertions: passing assertions pass, and failing ones fail with a message that explains the verdict. */
class PolicyAssertionsTest {
  private static final ParseResult SHOP = Netlingua.parse("shop.npl", """
      namespace shop
      policy backend {
        select pods(app=backend)
        ingress {
          allow from pods(app=frontend) on tcp/8080 {
            http GET path prefix "/api/v1/orders"
          }
        }
      }
      """);
  private static final ParseResult L4 = Netlingua.parse("l4.npl", """
      namespace shop
      policy backend {
        select pods(app=backend)
        ingress {
          allow from pods(app=frontend) on tcp/8080
        }
      }
      """);
  private static final Cluster CLUSTER = Netlingua.readCluster("cluster.yaml", """
      namespaces: {shop: {}}
      nodes: [{name: n1, ip: 10.0.0.1}]
      pods:
        - {name: frontend, namespace: shop, labels: {app: frontend}, ip: 10.244.0.1, node: n1}
        - {name: backend, namespace: shop, labels: {app: backend}, ip: 10.244.0.2, node: n1}
        - {name: catalog, namespace: shop, labels: {app: catalog}, ip: 10.244.0.3, node: n1}
      """).orElseThrow();

  @TempDir Path dir;

  @Test
  void flowsTheProgramMeansPass() {
    PolicyAssertions.assertThat(SHOP).in(CLUSTER)
        .allows("shop/frontend -> shop/backend tcp/8080 GET /api/v1/orders")
        .denies("shop/frontend -> shop/backend tcp/8080 DELETE /api/v1/orders/7")
        .denies("shop/catalog -> shop/backend tcp/8080 GET /api/v1/orders")
        .allows("shop/backend -> shop/catalog tcp/5432");
  }

  @Test
  void aDeniedFlowExpectedAllowedFailsWithTheDecidingRule() {
    assertThatThrownBy(() -> PolicyAssertions.assertThat(SHOP).in(CLUSTER)
        .allows("shop/frontend -> shop/backend tcp/8080 DELETE /api/v1/orders/7"))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessage("""
            expected shop/frontend -> shop/backend tcp/8080 DELETE /api/v1/orders/7 to be allowed, but it is denied
              egress: not isolated
              ingress: request refused at L7 by allow rule of policy shop/backend at shop.npl:5:5""");
    assertThatThrownBy(() -> PolicyAssertions.assertThat(SHOP).in(CLUSTER)
        .allows("shop/catalog -> shop/backend tcp/8080 GET /api/v1/orders"))
        .hasMessageEndingWith("ingress: isolated by shop/backend and no rule matched");
  }

  @Test
  void anAllowedFlowExpectedDeniedFailsWithTheAllowingRule() {
    assertThatThrownBy(() -> PolicyAssertions.assertThat(SHOP).in(CLUSTER)
        .denies("shop/frontend -> shop/backend tcp/8080 GET /api/v1/orders/7"))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageStartingWith("expected shop/frontend -> shop/backend tcp/8080 GET /api/v1/orders/7 to be denied,"
            + " but it is allowed")
        .hasMessageContaining("allowed by allow rule of policy shop/backend at shop.npl:5:5");
  }

  @Test
  void textThatIsNotAFlowOfTheClusterFailsWithACaret() {
    assertThatThrownBy(() -> PolicyAssertions.assertThat(SHOP).in(CLUSTER).allows("shop/frontend -> shop/nope tcp/80"))
        .hasMessageStartingWith("not a flow of the cluster: ")
        .hasMessageEndingWith("  shop/frontend -> shop/nope tcp/80\n                   ^");
  }

  @Test
  void aProgramWithErrorsFailsWithItsDiagnostics() {
    assertThatThrownBy(() -> PolicyAssertions.assertThat(Netlingua.parse("bad.npl", "namespace shop\npolicy x {\n")))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageStartingWith("the program has errors:\nbad.npl:");
  }

  @Test
  void isExactOnPassesForWhatKubernetesSaysAndFailsWithItsReport() {
    PolicyAssertions.assertThat(L4).in(CLUSTER)
        .allows("shop/frontend -> shop/backend tcp/8080")
        .denies("shop/catalog -> shop/backend tcp/8080")
        .isExactOn(Target.KUBERNETES);
    assertThatThrownBy(() -> PolicyAssertions.assertThat(SHOP).isExactOn(Target.KUBERNETES))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageStartingWith("expected the program to be exact on kubernetes, but kubernetes reports:\n")
        .hasMessageContaining("shop.npl:5:");
  }

  /** On Cilium the L7 block is said exactly, so the program that Kubernetes cannot say is exact there. */
  @Test
  void isExactOnCiliumJudgesTheAssertedFlowsOnTheCiliumObjects() {
    PolicyAssertions.assertThat(SHOP).in(CLUSTER)
        .allows("shop/frontend -> shop/backend tcp/8080 GET /api/v1/orders")
        .allows("shop/frontend -> shop/backend tcp/8080 GET /api/v1/orders/7")
        .denies("shop/frontend -> shop/backend tcp/8080 GET /api/v1/ordersx")
        .denies("shop/catalog -> shop/backend tcp/8080 GET /api/v1/orders")
        .isExactOn(Target.CILIUM);
  }

  /**
   * The Kubernetes objects read as Cilium and Calico enforce them: the same verdicts for a plain program, and a
   * failure naming the reading where Cilium resolves an egress named port on its cluster-wide map (docs/targets.md,
   * "NetworkPolicy on Cilium").
   */
  @Test
  void isExactOnAReadingJudgesTheAssertedFlowsAsThatCniEnforcesTheObjects() {
    PolicyAssertions.assertThat(L4).in(CLUSTER)
        .allows("shop/frontend -> shop/backend tcp/8080")
        .denies("shop/catalog -> shop/backend tcp/8080")
        .isExactOn(Target.KUBERNETES, Options.defaults(), Target.CILIUM)
        .isExactOn(Target.KUBERNETES, Options.defaults(), Target.CALICO);
    ParseResult namedPort = Netlingua.parse("web.npl", """
        namespace shop
        policy frontend {
          select pods(app=frontend)
          egress {
            allow to pods(app=backend) on tcp/http
          }
        }
        """);
    Cluster twoNumbers = Netlingua.readCluster("cluster.yaml", """
        namespaces: {shop: {}}
        nodes: [{name: n1, ip: 10.0.0.1}]
        pods:
          - {name: frontend, namespace: shop, labels: {app: frontend}, ip: 10.244.0.1, node: n1}
          - {name: backend, namespace: shop, labels: {app: backend}, ip: 10.244.0.2, node: n1,
             ports: [{name: http, port: 8080}]}
          - {name: catalog, namespace: shop, labels: {app: catalog}, ip: 10.244.0.3, node: n1,
             ports: [{name: http, port: 9090}]}
        """).orElseThrow();
    ConnectivityAssert flows = PolicyAssertions.assertThat(namedPort).in(twoNumbers)
        .allows("shop/frontend -> shop/backend tcp/8080")
        .isExactOn(Target.KUBERNETES, Options.defaults(), Target.CALICO);
    assertThatThrownBy(() -> flows.isExactOn(Target.KUBERNETES, Options.defaults(), Target.CILIUM))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageStartingWith("the kubernetes objects read as cilium enforces them judge 1 flow(s) otherwise than"
            + " the program, though the report says exact:\nshop/frontend -> shop/backend tcp/8080\n");
  }

  @Test
  void aFlowFileIsCheckedFlowByFlowAndEveryFailureIsListed() throws IOException {
    Path flows = Files.writeString(dir.resolve("connectivity.yaml"), """
        - {from: shop/frontend, to: shop/backend, protocol: tcp, port: 8080,
           http: {method: GET, path: /api/v1/orders}, expect: allow}
        - {from: shop/catalog, to: shop/backend, protocol: tcp, port: 8080, expect: allow}
        - {from: shop/frontend, to: shop/backend, protocol: tcp, port: 8080,
           http: {method: GET, path: /api/v1/orders/7}, expect: deny}
        """);
    assertThatThrownBy(() -> PolicyAssertions.assertThat(SHOP).in(CLUSTER).satisfies(flows))
        .hasMessageStartingWith("2 of 3 flows of " + flows + " get another verdict than expected:\n"
            + flows + ":3:3: expected shop/catalog -> shop/backend tcp/8080 to be allowed, but it is denied\n")
        .hasMessageContaining(flows + ":4:3: expected shop/frontend -> shop/backend tcp/8080 GET /api/v1/orders/7"
            + " to be denied, but it is allowed");
  }

  @Test
  void theExamplesConnectivityFileHolds() {
    Path example = Path.of(System.getProperty("netlingua.root", ".."), "examples", "namespace-isolation");
    PolicyAssertions.assertThat(example).in(example.resolve("cluster.yaml"))
        .satisfies(example.resolve("connectivity.yaml"))
        .isExactOn(Target.KUBERNETES);
  }

  @Test
  void aGoldenFileIsWrittenOnRequestThenCompared() throws IOException {
    Path golden = dir.resolve("expected/kubernetes.yaml");
    assertThatThrownBy(() -> PolicyAssertions.assertThat(L4).compilesTo(Target.KUBERNETES, golden))
        .hasMessageContaining("no golden file " + golden + "; run the test once with -Dnetlingua.golden.update=true");
    System.setProperty(ProgramAssert.UPDATE_GOLDEN, "true");
    try {
      PolicyAssertions.assertThat(L4).compilesTo(Target.KUBERNETES, golden);
    } finally {
      System.clearProperty(ProgramAssert.UPDATE_GOLDEN);
    }
    assertThat(golden).content().contains("kind: NetworkPolicy");
    PolicyAssertions.assertThat(L4).compilesTo(Target.KUBERNETES, golden);
  }

  @Test
  void aGoldenMismatchPrintsAReadableDiff() throws IOException {
    Path golden = dir.resolve("kubernetes.yaml");
    System.setProperty(ProgramAssert.UPDATE_GOLDEN, "true");
    try {
      PolicyAssertions.assertThat(L4).compilesTo(Target.KUBERNETES, golden);
    } finally {
      System.clearProperty(ProgramAssert.UPDATE_GOLDEN);
    }
    Files.writeString(golden, Files.readString(golden).replace("port: 8080", "port: 8081"));
    assertThatThrownBy(() -> PolicyAssertions.assertThat(L4).compilesTo(Target.KUBERNETES, golden))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageStartingWith("the kubernetes objects differ from " + golden)
        .hasMessageContaining("--- " + golden + "\n+++ kubernetes output\n@@ -")
        .hasMessageContaining("\n-      port: 8081\n+      port: 8080\n");
  }
}

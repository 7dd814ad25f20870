package com.example.policies;

import static io.netlingua.testing.PolicyAssertions.assertThat;

import io.netlingua.targets.Options;
import io.netlingua.targets.Target;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * What the checkout team's policies allow and refuse on the production cluster (src/test/netlingua/cluster.yaml),
 * judged on the program and on the objects generated for each target. Surefire runs in the project's folder.
 */
class ConnectivityTest {

  private static final Path POLICIES = Path.of("src/main/netlingua");
  private static final Path CLUSTER = Path.of("src/test/netlingua/cluster.yaml");
  private static final Path CONNECTIVITY = Path.of("src/test/netlingua/connectivity.yaml");

  /** The facts the plugin compiles with (the pom's cluster.* properties, handed over by Surefire). */
  private static Options facts() {
    return Options.defaults()
        .podCidrs(System.getProperty("cluster.podCidr"))
        .serviceCidrs(System.getProperty("cluster.serviceCidr"))
        .nodeCidrs(System.getProperty("cluster.nodeCidr"))
        .targetVersion(Target.CILIUM, System.getProperty("cluster.ciliumVersion"));
  }

  @Test
  void everyFlowOfTheConnectivityFileGetsItsExpectedVerdict() {
    assertThat(POLICIES).in(CLUSTER).satisfies(CONNECTIVITY);
  }

  @Test
  void theGatewayReachesTheApiAndNothingBehindIt() {
    assertThat(POLICIES).in(CLUSTER)
        .allows("ingress/nginx-0 -> checkout/checkout-api-0 tcp/8080")
        .denies("ingress/nginx-0 -> checkout-data/postgres-0 tcp/5432")
        .denies("ingress/nginx-0 -> checkout/receipt-worker-0 tcp/8080");
  }

  @Test
  void onlyTheApiChargesThePaymentProvider() {
    assertThat(POLICIES).in(CLUSTER)
        .allows("checkout/checkout-api-0 -> ext:payment-api tcp/443")
        .denies("checkout/receipt-worker-0 -> ext:payment-api tcp/443")
        .denies("checkout-data/postgres-0 -> ext:payment-api tcp/443");
  }

  @Test
  void theWorkersMailGoesToTheInternetOnly() {
    assertThat(POLICIES).in(CLUSTER)
        .allows("checkout/receipt-worker-0 -> ip:192.0.2.200 tcp/587")
        .denies("checkout/receipt-worker-0 -> monitoring/prometheus-0 tcp/587");
  }

  /** What the cluster will enforce: the objects of each target judge every flow of the file as the program does. */
  @Test
  void ciliumEnforcesExactlyThePolicies() {
    assertThat(POLICIES).in(CLUSTER).satisfies(CONNECTIVITY).isExactOn(Target.CILIUM, facts());
  }

  @Test
  void anyConformantCniEnforcesExactlyThePolicies() {
    assertThat(POLICIES).in(CLUSTER).satisfies(CONNECTIVITY).isExactOn(Target.KUBERNETES, facts());
  }

  /**
   * The plain NetworkPolicies, for the developers' clusters, read as Cilium and as Calico enforce them: the same
   * verdicts, so the manifests keep their meaning if a cluster runs either CNI.
   */
  @Test
  void theNetworkPoliciesMeanTheSameOnCiliumAndOnCalico() {
    assertThat(POLICIES).in(CLUSTER).satisfies(CONNECTIVITY)
        .isExactOn(Target.KUBERNETES, facts(), Target.CILIUM)
        .isExactOn(Target.KUBERNETES, facts(), Target.CALICO);
  }
}

package io.netlingua.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The cluster model: namespace labels, lookups by name and address, and what it refuses. */
class ClusterTest {
  @Test
  void everyNamespaceCarriesItsNameLabel() {
    assertThat(Shop.CLUSTER.namespace("shop").orElseThrow().labels())
        .containsExactlyInAnyOrderEntriesOf(Map.of("kubernetes.io/metadata.name", "shop", "team", "web"));
    assertThat(Shop.CLUSTER.namespace("kube-system").orElseThrow().labels())
        .containsEntry(Namespace.NAME_LABEL, "kube-system");
  }

  @Test
  void lookupsByNameAndAddress() {
    Pod backend = Shop.CLUSTER.pod("shop", "backend").orElseThrow();
    assertThat(backend.namedPort("http", FlowProtocol.TCP)).contains(8080);
    assertThat(backend.namedPort("http", FlowProtocol.UDP)).isEmpty();
    assertThat(Shop.CLUSTER.endpointAt(IpAddress.parse("10.244.2.20"))).isEqualTo(Endpoint.of(backend));
    assertThat(Shop.CLUSTER.endpointAt(IpAddress.parse("192.168.0.10")).text()).isEqualTo("node:cp");
    assertThat(Shop.CLUSTER.endpointAt(IpAddress.parse("203.0.113.10")).text()).isEqualTo("ext:stripe");
    assertThat(Shop.CLUSTER.endpointAt(IpAddress.parse("10.96.0.10")).text()).isEqualTo("ip:10.96.0.10");
    assertThat(Shop.CLUSTER.service("shop", "backend").orElseThrow().selects(backend)).isTrue();
    assertThat(Shop.CLUSTER.pod("data", "backend")).isEmpty();
  }

  @Test
  void namesAndAddressesAreUnique() {
    assertThatThrownBy(() -> Cluster.builder().pod("a/x", Map.of(), "10.0.0.1", "n").pod("a/x", Map.of(),
        "10.0.0.2", "n").build()).hasMessageContaining("duplicate pod a/x");
    assertThatThrownBy(() -> Cluster.builder().pod("a/x", Map.of(), "10.0.0.1", "n").node("n", "10.0.0.1")
        .build()).hasMessageContaining("duplicate address 10.0.0.1");
  }

  @Test
  void addressesAreReadCanonically() {
    assertThat(IpAddress.read("2001:DB8:0:0::1").map(IpAddress::toString)).contains("2001:db8::1");
    assertThat(IpAddress.read("10.0.0.1/32")).isEmpty();
    assertThat(IpAddress.read("300.0.0.1")).isEmpty();
  }
}

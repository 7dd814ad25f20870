package io.netlingua.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The cluster model: namespace labels, lookups by name and address, DNS servers, and what it refuses. */
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
  void byDefaultTheDnsServersAreTheKubeDnsPodsOfKubeSystem() {
    Pod coredns = Shop.CLUSTER.pod("kube-system", "coredns").orElseThrow();
    assertThat(Shop.CLUSTER.dnsServers()).containsExactly(Endpoint.of(coredns));
    assertThat(Shop.CLUSTER.isDnsServer(Endpoint.of(coredns))).isTrue();
    assertThat(Shop.CLUSTER.isDnsServer(Endpoint.of(coredns.ip()))).isTrue();
    assertThat(Shop.CLUSTER.isDnsServer(Endpoint.of(Shop.CLUSTER.pod("shop", "frontend").orElseThrow()))).isFalse();
    assertThat(Shop.CLUSTER.isDnsServer(Endpoint.of(Shop.CLUSTER.node("cp").orElseThrow()))).isFalse();
    assertThat(Shop.CLUSTER.isDnsServer(Endpoint.of(IpAddress.parse("10.96.0.10")))).isFalse();
    // The label alone, or the namespace alone, is not the convention.
    Cluster c = Cluster.builder()
        .pod("shop/kube-dns", Map.of("k8s-app", "kube-dns"), "10.0.0.1", "n")
        .pod("kube-system/proxy", Map.of("k8s-app", "kube-proxy"), "10.0.0.2", "n")
        .build();
    assertThat(c.dnsServers()).isEmpty();
    assertThat(new Cluster(c.namespaces(), c.pods(), c.nodes(), c.externals(), c.services()).dnsServers())
        .isEmpty();
    assertThat(new Cluster(Shop.CLUSTER.namespaces(), Shop.CLUSTER.pods(), Shop.CLUSTER.nodes(),
        Shop.CLUSTER.externals(), Shop.CLUSTER.services())).isEqualTo(Shop.CLUSTER);
  }

  @Test
  void statedDnsServersReplaceTheDefault() {
    External resolver = new External("resolver", IpAddress.parse("203.0.113.53"), Optional.empty(), false);
    Pod coredns = new Pod("coredns", "kube-system", Map.of("k8s-app", "kube-dns"), IpAddress.parse("10.0.0.53"),
        "default", "n", List.of());
    Cluster c = Cluster.builder().pod(coredns).external(resolver).dnsServer(Endpoint.of(resolver)).build();
    assertThat(c.dnsServers()).containsExactly(Endpoint.of(resolver));
    assertThat(c.isDnsServer(Endpoint.of(IpAddress.parse("203.0.113.53")))).isTrue();
    assertThat(c.isDnsServer(Endpoint.of(coredns))).isFalse();
    assertThat(Cluster.builder().pod(coredns).dnsServers(List.of()).build().dnsServers()).isEmpty();
    assertThat(c).hasToString("Cluster[1 namespaces, 1 pods, 0 nodes, 1 externals, 0 services, 1 DNS servers]");
  }

  @Test
  void aDnsServerIsAPodOrAnExternalOfTheCluster() {
    Pod pod = new Pod("dns", "a", Map.of(), IpAddress.parse("10.0.0.1"), "default", "n", List.of());
    Node node = new Node("n", IpAddress.parse("10.0.0.9"), Map.of(), false);
    External ext = new External("x", IpAddress.parse("203.0.113.1"), Optional.empty(), false);
    assertThatThrownBy(() -> Cluster.builder().dnsServer(Endpoint.of(pod)).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessage("DNS server a/dns: no such pod in the cluster");
    Pod relabelled = new Pod("dns", "a", Map.of("k", "v"), pod.ip(), "default", "n", List.of());
    assertThatThrownBy(() -> Cluster.builder().pod(pod).dnsServer(Endpoint.of(relabelled)).build())
        .hasMessage("DNS server a/dns: not the cluster's pod of that name (it differs)");
    assertThatThrownBy(() -> Cluster.builder().dnsServer(Endpoint.of(ext)).build())
        .hasMessage("DNS server ext:x: no such external in the cluster");
    assertThatThrownBy(() -> Cluster.builder().node(node).dnsServer(Endpoint.of(node)).build())
        .hasMessage("DNS server node:n: a node cannot be a DNS server; name the DNS pod, or declare the resolver"
            + " as an external");
    assertThatThrownBy(() -> Cluster.builder().pod(pod).dnsServer(Endpoint.of(pod.ip())).build())
        .hasMessage("DNS server ip:10.0.0.1: a bare address cannot be a DNS server; name the pod or external that"
            + " has it");
    assertThatThrownBy(() -> Cluster.builder().pod(pod).dnsServer(Endpoint.of(pod)).dnsServer(Endpoint.of(pod))
        .build()).hasMessage("duplicate DNS server a/dns");
  }

  @Test
  void addressesAreReadCanonically() {
    assertThat(IpAddress.read("2001:DB8:0:0::1").map(IpAddress::toString)).contains("2001:db8::1");
    assertThat(IpAddress.read("10.0.0.1/32")).isEmpty();
    assertThat(IpAddress.read("300.0.0.1")).isEmpty();
  }
}

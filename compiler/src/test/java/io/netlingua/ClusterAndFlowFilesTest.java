package io.netlingua;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netlingua.eval.Cluster;
import io.netlingua.eval.Endpoint;
import io.netlingua.eval.FlowProtocol;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Netlingua.readCluster and readFlows: the formats of docs/testing.md, and mistakes with their places. */
class ClusterAndFlowFilesTest {
  private static final Path EXAMPLES = Path.of(System.getProperty("netlingua.root", ".."), "examples");

  private static final String CLUSTER = """
      namespaces:
        shop: {labels: {team: web}}
      nodes:
        - {name: node-1, ip: 10.0.0.1, kubeApiserver: true}
      pods:
        - name: frontend
          namespace: shop
          labels: {app: frontend}
          ip: 10.244.0.10
          node: node-1
          ports: [{name: http, port: 8080}, {name: dns, port: 53, protocol: UDP}]
        - {name: backend, namespace: shop, labels: {app: backend}, ip: 10.244.0.11, node: node-1,
           serviceAccount: api}
      external:
        - {name: stripe, ip: 203.0.113.10, fqdn: api.stripe.com}
      services:
        - {name: backend, namespace: shop, selector: {app: backend}, clusterIP: 10.96.0.1, ports: [{port: 80}]}
      """;

  static Stream<Path> examples() throws IOException {
    try (Stream<Path> folders = Files.list(EXAMPLES)) {
      return folders.filter(f -> Files.exists(f.resolve("cluster.yaml"))).sorted().toList().stream();
    }
  }

  @ParameterizedTest
  @MethodSource("examples")
  void everyExampleReads(Path example) {
    FileResult<Cluster> cluster = Netlingua.readCluster(example.resolve("cluster.yaml"));
    assertThat(cluster.render()).isEmpty();
    FileResult<List<ExpectedFlow>> flows =
        Netlingua.readFlows(example.resolve("connectivity.yaml"), cluster.orElseThrow());
    assertThat(flows.render()).isEmpty();
    assertThat(flows.orElseThrow()).hasSizeGreaterThan(20).allSatisfy(f -> assertThat(f.expect()).isPresent());
  }

  @Test
  void aClusterFileReadsEveryPart() {
    Cluster c = Netlingua.readCluster("cluster.yaml", CLUSTER).orElseThrow();
    assertThat(c.namespace("shop").orElseThrow().labels())
        .containsEntry("team", "web").containsEntry("kubernetes.io/metadata.name", "shop");
    assertThat(c.pod("shop", "frontend").orElseThrow().namedPort("dns", FlowProtocol.UDP)).contains(53);
    assertThat(c.pod("shop", "frontend").orElseThrow().serviceAccount()).isEqualTo("default");
    assertThat(c.pod("shop", "backend").orElseThrow().serviceAccount()).isEqualTo("api");
    assertThat(c.node("node-1").orElseThrow().kubeApiserver()).isTrue();
    assertThat(c.external("stripe").orElseThrow().fqdn()).contains("api.stripe.com");
    assertThat(c.service("shop", "backend").orElseThrow().clusterIP().orElseThrow()).hasToString("10.96.0.1");
  }

  /** Two DNS pods, a pod that is not one, a resolver outside the cluster, and a node: what dnsServers names. */
  private static final String DNS_CLUSTER = """
      namespaces: {kube-system: {}, shop: {}}
      nodes: [{name: node-1, ip: 10.0.0.1}]
      pods:
        - {name: coredns-0, namespace: kube-system, labels: {k8s-app: kube-dns}, ip: 10.244.0.2, node: node-1}
        - {name: coredns-1, namespace: kube-system, labels: {k8s-app: kube-dns}, ip: 10.244.0.3, node: node-1}
        - {name: unbound, namespace: shop, ip: 10.244.0.4, node: node-1}
      external:
        - {name: resolver, ip: 203.0.113.53}
      """;

  @Test
  void dnsServersAreTheKubeDnsPodsUnlessStated() {
    Cluster byDefault = Netlingua.readCluster("c.yaml", DNS_CLUSTER).orElseThrow();
    assertThat(byDefault.dnsServers()).extracting(Endpoint::text)
        .containsExactly("kube-system/coredns-0", "kube-system/coredns-1");
    Cluster stated = Netlingua.readCluster("c.yaml", DNS_CLUSTER + "dnsServers: [shop/unbound, ext:resolver]\n")
        .orElseThrow();
    assertThat(stated.dnsServers()).extracting(Endpoint::text).containsExactly("shop/unbound", "ext:resolver");
    assertThat(stated.isDnsServer(stated.endpointAt(stated.pod("shop", "unbound").orElseThrow().ip()))).isTrue();
    assertThat(stated.isDnsServer(Endpoint.of(stated.pod("kube-system", "coredns-0").orElseThrow()))).isFalse();
    assertThat(Netlingua.readCluster("c.yaml", DNS_CLUSTER + "dnsServers: []\n").orElseThrow().dnsServers())
        .isEmpty();
    assertThat(Netlingua.readCluster("c.yaml", DNS_CLUSTER + "dnsServers: null\n").orElseThrow().dnsServers())
        .isEqualTo(byDefault.dnsServers());
  }

  /** Each mistake in dnsServers, at its place (line 9 is the dnsServers line after DNS_CLUSTER's eight). */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      dnsServers: [kube-system/coredns-9] | c.yaml:9:14: error: no pod 'kube-system/coredns-9' in the cluster
      dnsServers: [ext:resolvr]           | c.yaml:9:14: error: no external address 'resolvr' in the cluster
      dnsServers: [node:node-1]           | c.yaml:9:14: error: a DNS server is a pod or an external address, not a node ('node:node-1'): the cluster's DNS runs in pods, and a resolver outside the cluster is an external
      dnsServers: [ip:10.244.0.2]         | c.yaml:9:14: error: a DNS server is named, not written as an address ('ip:10.244.0.2'): write kube-system/coredns-0, which has it
      dnsServers: [ip:203.0.113.53]       | c.yaml:9:14: error: a DNS server is named, not written as an address ('ip:203.0.113.53'): write ext:resolver, which has it
      dnsServers: [ip:192.0.2.53]         | c.yaml:9:14: error: a DNS server is named, not written as an address ('ip:192.0.2.53'): declare it under external and write ext:NAME
      dnsServers: [coredns-0]             | c.yaml:9:14: error: 'coredns-0' is not a DNS server: write ns/pod or ext:NAME
      dnsServers: [ext:resolver, ext:resolver] | c.yaml:9:28: error: DNS server ext:resolver is declared twice (first at line 9)
      dnsServers: [{pod: coredns-0}]      | c.yaml:9:14: error: a DNS server must be a non-empty string, not a mapping
      dnsServers: kube-system/coredns-0   | c.yaml:9:13: error: dnsServers must be a list, not a string
      """)
  void mistakesInDnsServersHaveTheirLineAndColumn(String line, String error) {
    assertThat(Netlingua.readCluster("c.yaml", DNS_CLUSTER + line + "\n").render()).isEqualTo(error + "\n");
  }

  @Test
  void aDnsServerNamingAPodThatDidNotReadIsNotASecondMistake() {
    assertThat(Netlingua.readCluster("c.yaml", """
        namespaces: {kube-system: {}}
        nodes: [{name: node-1, ip: 10.0.0.1}]
        pods: [{name: coredns-0, namespace: kube-system, ip: 10.0.0.300, node: node-1}]
        dnsServers: [kube-system/coredns-0]
        """).render()).isEqualTo("c.yaml:3:54: error: '10.0.0.300' is not an IPv4 or IPv6 address\n");
  }

  @Test
  void aFlowFileReadsEveryKindOfEndAndRequest() {
    Cluster c = Netlingua.readCluster("cluster.yaml", CLUSTER).orElseThrow();
    List<ExpectedFlow> flows = Netlingua.readFlows("flows.yaml", """
        - {from: shop/frontend, to: shop/backend, protocol: tcp, port: 8080,
           http: {method: get, path: /api, host: Shop.Example.com, headers: {X-Token: t}}, expect: allow}
        - {from: shop/backend, to: ext:stripe, protocol: tcp, port: 443, expect: deny}
        - {from: node:node-1, to: shop/frontend, protocol: TCP, port: 8080}
        - {from: shop/frontend, to: ip:10.244.0.11, protocol: icmp, icmp: {type: 8}}
        - {from: shop/frontend, to: ip:192.0.2.1, protocol: tcp, port: 9092,
           kafka: {role: produce, topic: orders, clientID: web}}
        - {from: shop/frontend, to: shop/backend, protocol: udp, port: 53, dnsQuery: API.Stripe.com.}
        """, c).orElseThrow();
    assertThat(flows).extracting(f -> f.flow().toString()).containsExactly(
        "shop/frontend -> shop/backend tcp/8080 GET /api host shop.example.com header x-token=t",
        "shop/backend -> ext:stripe tcp/443",
        "node:node-1 -> shop/frontend tcp/8080",
        "shop/frontend -> ip:10.244.0.11 icmp type 8 code 0",
        "shop/frontend -> ip:192.0.2.1 tcp/9092 kafka produce orders client web",
        "shop/frontend -> shop/backend udp/53 dns api.stripe.com");
    assertThat(flows.get(3).flow().destination()).isInstanceOf(Endpoint.AddressEnd.class);
    assertThat(flows).extracting(ExpectedFlow::expect)
        .containsExactly(Optional.of(true), Optional.of(false), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty());
    assertThat(flows.get(1).span().line()).isEqualTo(3);
    assertThat(flows.get(1).contradicts(true)).isTrue();
  }

  @Test
  void mistakesInAClusterFileHaveTheirLineAndColumn() {
    FileResult<Cluster> r = Netlingua.readCluster("c.yaml", """
        namespaces:
          shop: {}
        nodes:
          - {name: n1, ip: 10.0.0.1}
        pods:
          - {name: a, namespace: shop, ip: 10.0.0.300, node: n1}
          - {name: b, namespace: shpo, ip: 10.0.0.2, node: n2, lables: {}}
          - {name: c, namespace: shop, ip: 10.0.0.1, node: n1, ports: [{name: http, port: 70000}]}
        """);
    assertThat(r.errors()).extracting(Object::toString).containsExactlyInAnyOrder(
        "c.yaml:6:36: error: '10.0.0.300' is not an IPv4 or IPv6 address",
        "c.yaml:7:56: error: unknown key 'lables' in a pod; expected one of "
            + "[name, namespace, labels, ip, serviceAccount, node, ports]",
        "c.yaml:8:36: error: address 10.0.0.1 is declared twice (first at line 4)",
        "c.yaml:8:83: error: a port must be between 1 and 65535, not 70000",
        "c.yaml:7:26: error: pod shpo/b: namespace 'shpo' is not declared under namespaces",
        "c.yaml:7:52: error: pod shpo/b: node 'n2' is not declared under nodes");
    assertThatThrownBy(r::orElseThrow).isInstanceOf(NoSuchElementException.class).hasMessageContaining("c.yaml:6:36");
  }

  @Test
  void mistakesInAFlowFileHaveTheirLineAndColumn() {
    Cluster c = Netlingua.readCluster("cluster.yaml", CLUSTER).orElseThrow();
    FileResult<List<ExpectedFlow>> r = Netlingua.readFlows("f.yaml", """
        - {from: shop/frontnd, to: ext:stripe, protocol: tcp, port: 443}
        - {from: shop/frontend, to: stripe, protocol: tcp, port: 443, expect: allowed}
        - {from: shop/frontend, to: ext:stripe, protocol: icmp, port: 8}
        - {from: shop/frontend, to: ext:stripe, protocol: udp, port: 53, http: {method: GET, path: /}}
        """, c);
    assertThat(r.errors()).extracting(Object::toString).containsExactly(
        "f.yaml:1:10: error: no pod 'shop/frontnd' in the cluster",
        "f.yaml:2:29: error: 'stripe' is not an end: write ns/pod, node:NAME, ext:NAME or ip:ADDRESS",
        "f.yaml:2:71: error: expect is allow or deny, not 'allowed'",
        "f.yaml:3:3: error: an icmp flow needs icmp: {type, code} and no port",
        "f.yaml:4:3: error: HTTP and Kafka requests travel over tcp");
  }

  @Test
  void textThatIsNotYamlIsAnErrorWithItsPlaceNotAnException() {
    FileResult<Cluster> r = Netlingua.readCluster("c.yaml", "pods:\n  - {name: a\n  - b: [\n");
    assertThat(r.errors()).singleElement().satisfies(e -> {
      assertThat(e.file()).isEqualTo("c.yaml");
      assertThat(e.line()).isGreaterThan(1);
      assertThat(e.message()).startsWith("not valid YAML: ");
    });
    assertThat(Netlingua.readCluster("c.yaml", "a: 1\na: 2\n").errors()).extracting(Object::toString)
        .contains("c.yaml:2:1: error: duplicate key 'a' (first at line 1)");
    assertThat(Netlingua.readFlows("f.yaml", "from: a/b\n", Cluster.builder().build()).render())
        .isEqualTo("f.yaml:1:1: error: a flow file must be a list, not a mapping\n");
  }

  @Test
  void aMissingFileIsAnErrorOfTheResult(@TempDir Path dir) {
    Path missing = dir.resolve("nope.yaml");
    assertThat(Netlingua.readCluster(missing).render()).isEqualTo(missing + ":1:1: error: no such file\n");
  }

  @Test
  void aServiceInAnUndeclaredNamespaceIsAMistake() {
    assertThat(Netlingua.readCluster("c.yaml", "services: [{name: api, namespace: shpo}]\n").render())
        .isEqualTo("c.yaml:1:35: error: service shpo/api: namespace 'shpo' is not declared under namespaces\n");
  }

  @Test
  void aFlowFileOfTensOfThousandsOfFlowsReads() {
    Cluster c = Netlingua.readCluster("cluster.yaml", CLUSTER).orElseThrow();
    String flow = "- {from: shop/frontend, to: shop/backend, protocol: tcp, port: 8080,"
        + " http: {method: GET, path: /api/v1/orders}, expect: allow}\n";
    assertThat(Netlingua.readFlows("f.yaml", flow.repeat(30_000), c).orElseThrow()).hasSize(30_000);
  }

  @Test
  void anEmptyClusterFileIsAnEmptyCluster() {
    assertThat(Netlingua.readCluster("c.yaml", "").orElseThrow().pods()).isEmpty();
    assertThat(Netlingua.readFlows("f.yaml", "[]", Cluster.builder().build()).orElseThrow()).isEmpty();
  }
}

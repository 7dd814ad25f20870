package io.netlingua.emit.lowering;

import static org.assertj.core.api.Assertions.assertThat;

import io.netlingua.eval.Cluster;
import io.netlingua.eval.Endpoint;
import io.netlingua.eval.External;
import io.netlingua.eval.FlowProtocol;
import io.netlingua.eval.IpAddress;
import io.netlingua.eval.Node;
import io.netlingua.eval.Pod;
import io.netlingua.eval.PortSpec;
import io.netlingua.eval.Service;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The cluster lookup of the target evaluators answers as the cluster's own scans do. */
class ClusterLookupTest {
  private static final Cluster CLUSTER = Cluster.builder()
      .namespace("shop", Map.of("team", "shop"))
      .namespace("empty", Map.of())
      .pod("shop/web", Map.of("app", "web"), "10.0.0.1", "node-a")
      .pod("shop/api", Map.of("app", "api"), "10.0.0.2", "node-b")
      .pod("shop/api-2", Map.of("app", "api"), "10.0.0.3", "node-b")
      .node("node-a", "192.168.0.1")
      .node("node-b", "192.168.0.2")
      .external("partner", "203.0.113.7", "partner.example.com")
      .service(new Service("api", "shop", Map.of("app", "api"), Optional.of(IpAddress.parse("10.96.0.2")),
          List.of(PortSpec.of(8080, FlowProtocol.TCP))))
      .service(new Service("nothing", "shop", Map.of("app", "none"), Optional.of(IpAddress.parse("10.96.0.3")),
          List.of(PortSpec.of(80, FlowProtocol.TCP))))
      .build();

  private final ClusterLookup lookup = new ClusterLookup(CLUSTER);

  /** The definition the lookup's index must keep: the first Service of the address with a backend, its first pod. */
  private static Endpoint behindByScan(IpAddress ip) {
    for (Service s : CLUSTER.services()) {
      if (s.clusterIP().filter(ip::equals).isPresent()) {
        for (Pod p : CLUSTER.pods()) {
          if (s.selects(p)) {
            return Endpoint.of(p);
          }
        }
      }
    }
    return Endpoint.of(ip);
  }

  @Test
  void findsEveryEndAndNamespaceAsTheClusterDoes() {
    List<IpAddress> addresses = new ArrayList<>();
    CLUSTER.pods().forEach(p -> addresses.add(p.ip()));
    CLUSTER.nodes().forEach(n -> addresses.add(n.ip()));
    CLUSTER.externals().forEach(e -> addresses.add(e.ip()));
    addresses.addAll(List.of(IpAddress.parse("10.96.0.2"), IpAddress.parse("10.96.0.3"), IpAddress.parse("8.8.8.8"),
        IpAddress.parse("2001:db8::1")));
    for (IpAddress ip : addresses) {
      Endpoint end = Endpoint.of(ip);
      assertThat(lookup.endpointAt(ip)).as("%s", ip).isEqualTo(CLUSTER.endpointAt(ip));
      assertThat(lookup.resolve(end)).isEqualTo(CLUSTER.endpointAt(ip));
      assertThat(lookup.behindServiceAddress(end)).isEqualTo(behindByScan(ip));
    }
    assertThat(lookup.behindServiceAddress(Endpoint.of(IpAddress.parse("10.96.0.2"))))
        .isEqualTo(Endpoint.of(CLUSTER.pod("shop", "api").orElseThrow()));
    Endpoint pod = Endpoint.of(CLUSTER.pods().get(0));
    assertThat(lookup.resolve(pod)).isSameAs(pod);
    assertThat(lookup.behindServiceAddress(pod)).isSameAs(pod);
    for (String name : List.of("shop", "empty", "default", "nowhere")) {
      assertThat(lookup.namespace(name)).isEqualTo(CLUSTER.namespace(name));
      for (String service : List.of("api", "nothing", "kubernetes")) {
        assertThat(lookup.service(name, service)).isEqualTo(CLUSTER.service(name, service));
      }
    }
    assertThat(lookup.service("shop", "api")).isPresent();
  }

  @Test
  void computesAPodsValueOnceWhetherTheFlowHoldsTheClustersPodOrAnEqualOne() {
    AtomicInteger computed = new AtomicInteger();
    ClusterLookup.PerPod<String> names = lookup.perPod(p -> {
      computed.incrementAndGet();
      return p.qualifiedName();
    });
    Pod api = CLUSTER.pod("shop", "api").orElseThrow();
    Pod equal = new Pod(api.name(), api.namespace(), api.labels(), api.ip(), api.serviceAccount(), api.node(),
        api.ports());
    assertThat(names.get(api)).isEqualTo("shop/api");
    assertThat(names.get(api)).isEqualTo("shop/api");
    assertThat(names.get(equal)).isEqualTo("shop/api");
    assertThat(computed).hasValue(1);

    // A pod of no cluster: computed each time, never kept.
    Pod stranger = new Pod("ghost", "shop", Map.of(), IpAddress.parse("10.0.0.9"), "default", "node-a", List.of());
    assertThat(names.get(stranger)).isEqualTo("shop/ghost");
    assertThat(names.get(stranger)).isEqualTo("shop/ghost");
    assertThat(computed).hasValue(3);
    assertThat(names.get(CLUSTER.pod("shop", "web").orElseThrow())).isEqualTo("shop/web");
    assertThat(computed).hasValue(4);
  }

  @Test
  void theFirstOfAnAddressWinsAsInTheClustersScan() {
    // Nodes and externals by their own address; an address of a Service without backend stays an address.
    Node node = CLUSTER.nodes().get(1);
    External external = CLUSTER.externals().get(0);
    assertThat(lookup.endpointAt(node.ip())).isEqualTo(Endpoint.of(node));
    assertThat(lookup.endpointAt(external.ip())).isEqualTo(Endpoint.of(external));
    Endpoint noBackend = Endpoint.of(IpAddress.parse("10.96.0.3"));
    assertThat(lookup.behindServiceAddress(noBackend)).isSameAs(noBackend);
  }
}

package io.netlingua.emit.kubernetes;

import io.netlingua.model.Cidr;
import io.netlingua.model.Protocol;
import io.netlingua.targets.Options;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A small cluster to check connectivity on: pods of namespaces {@code a} and {@code b}, and external addresses.
 * No node is an end of a flow: traffic between a pod and its own node is always allowed on Kubernetes, and the
 * checks of that target leave those flows out (SEMANTICS.md section 1, rule 7).
 */
final class World {

  /** A namespace and its labels (the control plane adds kubernetes.io/metadata.name). */
  record Namespace(String name, Map<String, String> labels) {}

  /**
   * A pod.
   *
   * @param namespace its namespace
   * @param labels its labels
   * @param serviceAccount the service account it runs as
   * @param namedPorts its named container ports
   * @param address its address, in the pod CIDR
   */
  record Pod(
      Namespace namespace, Map<String, String> labels, String serviceAccount, Map<String, Integer> namedPorts,
      Cidr address) {}

  /** One end of a flow: a pod, or an external address. */
  record End(Optional<Pod> pod, Cidr address) {
    static End of(Pod pod) {
      return new End(Optional.of(pod), pod.address());
    }

    static End external(Cidr address) {
      return new End(Optional.empty(), address);
    }

    @Override
    public String toString() {
      return pod.map(p -> p.namespace().name() + "/" + p.labels()).orElse(address.toString());
    }
  }

  /** A flow at L4. */
  record Flow(End source, End destination, Protocol protocol, int port) {}

  static final Namespace A = new Namespace("a", Map.of("kubernetes.io/metadata.name", "a", "app", "x"));
  static final Namespace B = new Namespace("b", Map.of("kubernetes.io/metadata.name", "b"));

  private final List<End> ends = new ArrayList<>();

  /** The world of a run: pod addresses in the stated pod CIDR, externals outside every stated cluster CIDR. */
  World(Options options) {
    String podNet = options.podCidrs().isEmpty() ? "10.244.0." : "10.1.0.";
    Object[][] pods = {
        {A, Map.of("app", "x"), "s", Map.of("http", 80)},
        {A, Map.of("app", "y", "tier", "t"), "default", Map.of("http", 8080)},
        {A, Map.of(), "default", Map.of()},
        {A, Map.of("app", "x", "tier", "t"), "s", Map.of("http", 80)},
        {B, Map.of("app", "x"), "s", Map.of("http", 80)},
        {B, Map.of("app", "y"), "default", Map.of()},
    };
    for (int i = 0; i < pods.length; i++) {
      @SuppressWarnings("unchecked")
      Pod pod = new Pod((Namespace) pods[i][0], (Map<String, String>) pods[i][1], (String) pods[i][2],
          (Map<String, Integer>) pods[i][3], Cidr.parse(podNet + (i + 1) + "/32"));
      ends.add(End.of(pod));
    }
    for (String a : List.of("203.0.113.7/32", "10.1.2.3/32", "10.200.0.1/32", "192.168.0.5/32", "10.66.1.1/32",
        "2001:db8::1/128", "2001:db9::1/128")) {
      Cidr address = Cidr.parse(a);
      if (options.clusterCidrs().stream().noneMatch(c -> c.contains(address))) {
        ends.add(End.external(address));
      }
    }
  }

  /** Every flow with a pod at one end at least, on a few ports. */
  List<Flow> flows() {
    List<Flow> out = new ArrayList<>();
    for (End s : ends) {
      for (End d : ends) {
        if (s.pod().isEmpty() && d.pod().isEmpty() || s == d) {
          continue;
        }
        for (Object[] port : new Object[][] {
            {Protocol.TCP, 80}, {Protocol.TCP, 85}, {Protocol.TCP, 443}, {Protocol.TCP, 8080},
            {Protocol.UDP, 53}, {Protocol.SCTP, 9}}) {
          out.add(new Flow(s, d, (Protocol) port[0], (Integer) port[1]));
        }
      }
    }
    return out;
  }
}

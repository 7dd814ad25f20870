package io.netlingua.emit;

import io.netlingua.emit.lowering.Draw;
import io.netlingua.eval.Cluster;
import io.netlingua.eval.Endpoint;
import io.netlingua.eval.External;
import io.netlingua.eval.FlowProtocol;
import io.netlingua.eval.IpAddress;
import io.netlingua.eval.Node;
import io.netlingua.eval.Pod;
import io.netlingua.eval.PortSpec;
import io.netlingua.eval.Service;
import io.netlingua.model.Cidr;
import io.netlingua.model.CidrPeer;
import io.netlingua.model.EntityPeer;
import io.netlingua.model.FqdnPeer;
import io.netlingua.model.Peer;
import io.netlingua.model.PodPeer;
import io.netlingua.model.Policy;
import io.netlingua.model.Program;
import io.netlingua.model.Rule;
import io.netlingua.model.ServiceAccountPeer;
import io.netlingua.model.ServicePeer;
import io.netlingua.targets.Options;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Random small clusters for the programs of {@link RandomPrograms}: namespaces {@code a} (labelled {@code app: x})
 * and {@code b}, pods whose labels, service accounts, nodes and named ports come from the pools the programs
 * use, two nodes, external addresses (one with the DNS name the programs' fqdn peers name), a Service
 * {@code a/db} in front of the pods labelled {@code app: x}, and a DNS server: either a pod {@code kube-system/dns}
 * labelled {@code k8s-app: kube-dns} (the cluster's default DNS server), or one of the externals or pods above
 * stated as the DNS server.
 *
 * <p>A cluster honours the facts and assumptions of the run it is judged with (SEMANTICS.md section 2): when the
 * options state the cluster CIDRs, pods, nodes and the Service address lie in them and no external does; when they
 * do not, a program's {@code cidr} is taken to lie outside the cluster, so pod, node and Service addresses avoid
 * every CIDR the program writes (IPv4 where they can, else IPv6). When the options name the namespaces cluster
 * policies are expanded into, every pod lies in one of them (a namespace not named gets none of them, NL3903), so
 * the pod {@code kube-system/dns} is drawn only when {@code kube-system} is named or no namespace is.
 */
public final class RandomClusters {
  /** The CIDRs a run may state, and that stated-fact clusters use. */
  public static final String POD_CIDR = "10.1.0.0/16";

  public static final String SERVICE_CIDR = "10.96.0.0/12";
  public static final String NODE_CIDR = "192.168.0.0/24";

  private static final List<Map<String, String>> LABELS = List.of(
      Map.of("app", "x"), Map.of("app", "y", "tier", "t"), Map.of(), Map.of("app", "x", "tier", "t"),
      Map.of("app", "y"));

  private static final List<String> EXTERNALS = List.of(
      "203.0.113.7", "10.1.2.3", "10.200.0.1", "192.168.0.5", "10.66.1.1", "2001:db8::1", "2001:db9::1");

  private RandomClusters() {}

  /** A cluster for a program, judged under these options. */
  public static Cluster cluster(Draw d, Program program, Options options) {
    List<Cidr> written = cidrs(program);
    boolean facts = options.knowsClusterCidrs();
    Cluster.Builder b = Cluster.builder()
        .namespace("a", Map.of("app", "x"))
        .namespace("b", Map.of());
    b.node(new Node("n1", address(facts, written, "192.168.0.1", "172.18.0.1", "fd00::b:1"), Map.of(), false));
    b.node(new Node("n2", address(facts, written, "192.168.0.2", "172.18.0.2", "fd00::b:2"), Map.of(),
        d.chance(30)));
    int pods = d.between(1, 5);
    List<Pod> drawn = new ArrayList<>();
    for (int i = 0; i < pods; i++) {
      String namespace = d.chance(60) ? "a" : "b";
      List<PortSpec> ports = switch (d.between(0, 2)) {
        case 0 -> List.of(PortSpec.named("http", 80, FlowProtocol.TCP));
        case 1 -> List.of(PortSpec.named("http", 8080, FlowProtocol.TCP));
        default -> List.of();
      };
      Pod pod = new Pod("p" + i, namespace, d.pick(LABELS),
          address(facts, written, "10.1.0." + (i + 1), "10.244.0." + (i + 1), "fd00::a:" + (i + 1)),
          d.chance(50) ? "s" : "default", d.chance(50) ? "n1" : "n2", ports);
      drawn.add(pod);
      b.pod(pod);
    }
    int externals = d.between(1, 3);
    List<IpAddress> taken = new ArrayList<>();
    List<External> outside = new ArrayList<>();
    for (int i = 0; i < externals; i++) {
      IpAddress ip = IpAddress.parse(d.pick(EXTERNALS));
      if (options.clusterCidrs().stream().noneMatch(ip::in) && !taken.contains(ip)) {
        taken.add(ip);
        int e = outside.size();
        External external = new External("e" + e, ip, e == 0 ? Optional.of("api.example.com") : Optional.empty(),
            e == 1 && d.chance(50));
        outside.add(external);
        b.external(external);
      }
    }
    b.service(new Service("db", "a", Map.of("app", "x"),
        Optional.of(address(facts, written, "10.96.0.10", "10.97.0.10", "fd00::c:10")),
        List.of(PortSpec.of(80, FlowProtocol.TCP))));
    // Drawn last, so that the parts above are drawn as before this choice existed.
    boolean kubeSystem =
        options.namespaces().isEmpty() || options.namespaces().contains(Cluster.DNS_NAMESPACE);
    if (kubeSystem && d.chance(40)) {
      // The default: the cluster's own DNS, a pod like the others (its address honours the facts too).
      b.namespace(Cluster.DNS_NAMESPACE, Map.of());
      b.pod(new Pod("dns", Cluster.DNS_NAMESPACE, Map.of(Cluster.DNS_LABEL, Cluster.DNS_LABEL_VALUE),
          address(facts, written, "10.1.0.53", "10.244.0.53", "fd00::a:53"), "default", d.chance(50) ? "n1" : "n2",
          List.of(PortSpec.named("dns", 53, FlowProtocol.UDP))));
    } else if (!outside.isEmpty() && d.chance(50)) {
      b.dnsServer(Endpoint.of(d.pick(outside)));
    } else {
      b.dnsServer(Endpoint.of(d.pick(drawn)));
    }
    return b.build();
  }

  /** In the stated CIDRs, else outside every CIDR the program writes. */
  private static IpAddress address(boolean facts, List<Cidr> written, String stated, String v4, String v6) {
    if (facts) {
      return IpAddress.parse(stated);
    }
    IpAddress ip = IpAddress.parse(v4);
    return written.stream().anyMatch(ip::in) ? IpAddress.parse(v6) : ip;
  }

  /** Every CIDR the program's rules name. */
  private static List<Cidr> cidrs(Program program) {
    List<Cidr> out = new ArrayList<>();
    for (Policy p : program.policies()) {
      for (Optional<io.netlingua.model.RuleBlock> block : List.of(p.ingress(), p.egress())) {
        for (Rule r : block.map(io.netlingua.model.RuleBlock::rules).orElse(List.of())) {
          for (Peer peer : r.peers()) {
            peer.accept(new CidrsOf(out));
          }
        }
      }
    }
    return out;
  }

  private record CidrsOf(List<Cidr> out) implements Peer.Visitor<Void> {
    @Override
    public Void pods(PodPeer p) {
      return null;
    }

    @Override
    public Void serviceAccount(ServiceAccountPeer p) {
      return null;
    }

    @Override
    public Void service(ServicePeer p) {
      return null;
    }

    @Override
    public Void cidr(CidrPeer p) {
      out.add(p.cidr());
      return null;
    }

    @Override
    public Void fqdn(FqdnPeer p) {
      return null;
    }

    @Override
    public Void entity(EntityPeer p) {
      return null;
    }
  }
}

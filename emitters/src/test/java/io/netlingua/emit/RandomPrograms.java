package io.netlingua.emit;

import io.netlingua.emit.lowering.Draw;
import io.netlingua.model.AllPorts;
import io.netlingua.model.CidrPeer;
import io.netlingua.model.DnsBlock;
import io.netlingua.model.DnsRule;
import io.netlingua.model.Entity;
import io.netlingua.model.EntityPeer;
import io.netlingua.model.FqdnPeer;
import io.netlingua.model.GrpcBlock;
import io.netlingua.model.GrpcRule;
import io.netlingua.model.HttpBlock;
import io.netlingua.model.HttpRule;
import io.netlingua.model.IcmpPort;
import io.netlingua.model.KafkaBlock;
import io.netlingua.model.KafkaRule;
import io.netlingua.model.L7Block;
import io.netlingua.model.LabelSelector;
import io.netlingua.model.NamedPort;
import io.netlingua.model.NamespaceScope;
import io.netlingua.model.PeerTerm;
import io.netlingua.model.PodPeer;
import io.netlingua.model.Policy;
import io.netlingua.model.PolicyFile;
import io.netlingua.model.PortRange;
import io.netlingua.model.PortTerm;
import io.netlingua.model.Program;
import io.netlingua.model.Protocol;
import io.netlingua.model.Rule;
import io.netlingua.model.RuleBlock;
import io.netlingua.model.ServiceAccountPeer;
import io.netlingua.model.ServicePeer;
import io.netlingua.model.SourceSpan;
import io.netlingua.model.Subject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.quicktheories.core.Gen;

/**
 * Random valid programs of namespace {@code a}, built as models: small pools of selectors, peers and ports, so
 * that subjects, peers and denies meet often. Every peer kind, every entity, named ports, ranges, ICMP, every L7
 * kind (HTTP, gRPC, Kafka, DNS), {@code log}, denies and cluster policies occur. Each policy and rule gets a line
 * of its own in {@code gen.npl}, so that a diagnostic leads back to the construct it is about. Shared by the
 * property tests of every target; draws shrink towards fewer and simpler policies.
 */
public final class RandomPrograms {
  /** The one file of a generated program. */
  public static final String FILE = "gen.npl";

  private static final List<LabelSelector> SELECTORS = List.of(
      LabelSelector.ALL,
      LabelSelector.builder().equal("app", "x").build(),
      LabelSelector.builder().equal("app", "y").build(),
      LabelSelector.builder().equal("app", "x").equal("tier", "t").build(),
      LabelSelector.builder().notEqual("app", "x").build(),
      LabelSelector.builder().exists("tier").build());

  private static final List<String> CIDRS =
      List.of("10.0.0.0/8", "10.1.0.0/16", "10.1.2.0/24", "192.168.0.0/16", "2001:db8::/32", "0.0.0.0/0");

  private RandomPrograms() {}

  /** Namespaced programs with L7 blocks. */
  public static Gen<Program> programs() {
    return programs(true, false);
  }

  /**
   * Programs with or without L7 blocks (a connectivity check at L4 leaves them out), and with or without cluster
   * policies (whose subject entries may name namespace b; a run must name namespaces to expand them into).
   */
  public static Gen<Program> programs(boolean l7, boolean cluster) {
    return in -> {
      Draw d = new Draw(in);
      int[] line = {1};
      List<Policy> policies = new ArrayList<>();
      int n = d.between(1, 4);
      for (int i = 0; i < n; i++) {
        policies.add(policy(d, "p" + i, line, l7, cluster && d.chance(30)));
      }
      return new Program(List.of(new PolicyFile(FILE, Optional.empty(), List.of(), List.of(), policies)));
    };
  }

  private static SourceSpan at(int[] line) {
    int l = line[0]++;
    return new SourceSpan(FILE, l, 1, l, 2, 0, 0);
  }

  private static Policy policy(Draw d, String name, int[] line, boolean l7, boolean cluster) {
    SourceSpan span = at(line);
    List<PeerTerm> subject = new ArrayList<>();
    int entries = d.between(1, 2);
    for (int i = 0; i < entries; i++) {
      PodPeer p = cluster && d.chance(40)
          ? PodPeer.inNamespace(d.pick(SELECTORS), "b")
          : PodPeer.of(d.pick(SELECTORS));
      if (!subject.contains(p)) {
        subject.add(p);
      }
    }
    Optional<RuleBlock> ingress = d.chance(70) ? Optional.of(block(d, false, line, l7)) : Optional.empty();
    Optional<RuleBlock> egress =
        ingress.isEmpty() || d.chance(50) ? Optional.of(block(d, true, line, l7)) : Optional.empty();
    return new Policy(
        name, cluster ? Optional.empty() : Optional.of("a"), Optional.empty(), new Subject(subject, SourceSpan.NONE),
        ingress, egress, span);
  }

  private static RuleBlock block(Draw d, boolean egress, int[] line, boolean l7) {
    List<Rule> rules = new ArrayList<>();
    int n = d.between(0, 4);
    for (int i = 0; i < n; i++) {
      rules.add(d.chance(65) ? allow(d, egress, line, l7) : deny(d, line));
    }
    return new RuleBlock(rules, SourceSpan.NONE);
  }

  private static Rule allow(Draw d, boolean egress, int[] line, boolean withL7) {
    SourceSpan span = at(line);
    List<PeerTerm> peers = new ArrayList<>();
    int n = d.between(1, 3);
    for (int i = 0; i < n; i++) {
      PeerTerm p = peer(d, egress);
      if (!peers.contains(p)) {
        peers.add(p);
      }
    }
    List<PortTerm> ports = ports(d);
    Optional<L7Block> l7 = withL7 && d.chance(50) ? l7(d, ports) : Optional.empty();
    return new Rule(io.netlingua.model.Action.ALLOW, d.chance(10), peers, ports, l7, span);
  }

  /** An L7 block that fits the rule's one port: HTTP or gRPC on TCP 80, Kafka on TCP 9092, DNS on UDP 53. */
  private static Optional<L7Block> l7(Draw d, List<PortTerm> ports) {
    if (ports.equals(List.of(PortRange.of(Protocol.TCP, 80)))) {
      return Optional.of(d.chance(70)
          ? HttpBlock.of(HttpRule.builder("GET").path("/").build())
          : GrpcBlock.of(GrpcRule.of("pkg.Orders", "Get")));
    }
    if (ports.equals(List.of(PortRange.of(Protocol.TCP, 9092)))) {
      return Optional.of(KafkaBlock.of(KafkaRule.of(KafkaRule.Role.PRODUCE, "orders", null)));
    }
    if (ports.equals(List.of(PortRange.of(Protocol.UDP, 53)))) {
      return Optional.of(DnsBlock.of(DnsRule.of("*.example.com")));
    }
    return Optional.empty();
  }

  private static Rule deny(Draw d, int[] line) {
    SourceSpan span = at(line);
    List<PeerTerm> peers = new ArrayList<>();
    int n = d.between(1, 2);
    for (int i = 0; i < n; i++) {
      PeerTerm p = d.chance(80) ? cidrOrWorld(d) : d.pick(List.<PeerTerm>of(
          PodPeer.of(d.pick(SELECTORS)), EntityPeer.of(Entity.HOST), EntityPeer.of(Entity.ANY)));
      if (!peers.contains(p)) {
        peers.add(p);
      }
    }
    return new Rule(io.netlingua.model.Action.DENY, false, peers, ports(d), Optional.empty(), span);
  }

  private static PeerTerm cidrOrWorld(Draw d) {
    if (d.chance(15)) {
      return EntityPeer.of(Entity.WORLD);
    }
    String cidr = d.pick(CIDRS);
    return cidr.equals("10.0.0.0/8") && d.chance(50) ? CidrPeer.of(cidr, "10.1.0.0/16") : CidrPeer.of(cidr);
  }

  private static PeerTerm peer(Draw d, boolean egress) {
    LabelSelector sel = d.pick(SELECTORS);
    return switch (d.between(0, 9)) {
      case 0 -> PodPeer.of(sel);
      case 1 -> PodPeer.inNamespace(sel, "b");
      case 2 -> new PodPeer(sel, NamespaceScope.ANY, SourceSpan.NONE);
      case 3 -> new PodPeer(sel, NamespaceScope.selected(SELECTORS.get(1)), SourceSpan.NONE);
      case 4, 5 -> cidrOrWorld(d);
      case 6 -> EntityPeer.of(d.pick(List.of(Entity.values())));
      case 7 -> ServiceAccountPeer.of("s", null);
      case 8 -> egress ? FqdnPeer.of("api.example.com") : EntityPeer.of(Entity.NODES);
      default -> egress ? ServicePeer.of("db", null) : EntityPeer.of(Entity.ANY);
    };
  }

  private static List<PortTerm> ports(Draw d) {
    if (d.chance(35)) {
      return List.of();
    }
    List<PortTerm> pool = List.of(
        PortRange.of(Protocol.TCP, 80), PortRange.of(Protocol.TCP, 443), PortRange.of(Protocol.TCP, 80, 90),
        PortRange.of(Protocol.UDP, 53), NamedPort.of(Protocol.TCP, "http"), AllPorts.of(Protocol.TCP),
        PortRange.of(Protocol.SCTP, 9), IcmpPort.of(false, 8, null), PortRange.of(Protocol.TCP, 9092),
        IcmpPort.of(true, 128, 0));
    List<PortTerm> out = new ArrayList<>();
    int n = d.between(1, 2);
    for (int i = 0; i < n; i++) {
      PortTerm p = d.pick(pool);
      if (!out.contains(p)) {
        out.add(p);
      }
    }
    return out;
  }
}

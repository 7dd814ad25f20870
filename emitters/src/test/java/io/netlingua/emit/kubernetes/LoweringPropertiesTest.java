package io.netlingua.emit.kubernetes;

import static org.quicktheories.QuickTheory.qt;

import io.fabric8.kubernetes.api.model.networking.v1.IPBlock;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.netlingua.check.ProgramChecker;
import io.netlingua.diagnostics.Code;
import io.netlingua.diagnostics.Diagnostic;
import io.netlingua.diagnostics.Outcome;
import io.netlingua.emit.EmittedDocument;
import io.netlingua.emit.RandomPrograms;
import io.netlingua.emit.lowering.Draw;
import io.netlingua.emit.lowering.PodSet;
import io.netlingua.emit.lowering.Use;
import io.netlingua.emit.spi.Degradations;
import io.netlingua.emit.spi.PlannedDocument;
import io.netlingua.model.AllPorts;
import io.netlingua.model.Cidr;
import io.netlingua.model.CidrPeer;
import io.netlingua.model.Direction;
import io.netlingua.model.Entity;
import io.netlingua.model.EntityPeer;
import io.netlingua.model.Peer;
import io.netlingua.model.PodPeer;
import io.netlingua.model.Policy;
import io.netlingua.model.Port;
import io.netlingua.model.PortRange;
import io.netlingua.model.Program;
import io.netlingua.model.Rule;
import io.netlingua.targets.Capabilities;
import io.netlingua.targets.Mode;
import io.netlingua.targets.Options;
import io.netlingua.targets.Target;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Properties of the lowering on random programs ({@link RandomPrograms}), in every mode, with and without stated
 * cluster CIDRs.
 */
class LoweringPropertiesTest {
  private static final List<Options> OPTIONS = List.of(
      Options.defaults(),
      Options.defaults().mode(Mode.FAIL_CLOSED),
      Options.defaults().mode(Mode.BEST_EFFORT),
      Options.defaults().mode(Mode.BEST_EFFORT).podCidrs("10.1.0.0/16").serviceCidrs("10.96.0.0/12")
          .nodeCidrs("192.168.0.0/24"));

  private record Run(Program program, List<EmittedDocument> documents, List<Diagnostic> diagnostics) {}

  private static Run run(Program program, Options options) {
    Degradations d = new Degradations(Capabilities.of(Target.KUBERNETES), options.mode());
    return new Run(
        program, new KubernetesEmitter().emit(program, options, d).stream().map(PlannedDocument::build).toList(),
        d.diagnostics());
  }

  @Test
  void theGeneratorBuildsValidPrograms() {
    qt().withFixedSeed(5).withExamples(Draw.TRIES).forAll(RandomPrograms.programs())
        .check(p -> ProgramChecker.check(p).stream().noneMatch(Diagnostic::isError));
  }

  /**
   * No emitted rule has an empty from, to or ports list (in Kubernetes an empty list means all:
   * NetworkPolicyIngressRule.from and .ports, networking.k8s.io/v1 API reference); a rule without the list comes
   * from a source rule of any peer, or without on.
   */
  @Test
  void noRuleHasAnEmptyListAndAnAbsentOneComesFromAnyOrNoOn() {
    qt().withFixedSeed(7).withExamples(Draw.TRIES).forAll(RandomPrograms.programs())
        .checkAssert(p -> {
          for (Options o : OPTIONS) {
            Run r = run(p, o);
            for (EmittedDocument doc : r.documents()) {
              Policy source = source(p, doc);
              NetworkPolicy np = (NetworkPolicy) doc.object();
              np.getSpec().getIngress().forEach(rule -> check(source, Direction.INGRESS, rule.getFrom(),
                  rule.getPorts()));
              np.getSpec().getEgress().forEach(rule -> check(source, Direction.EGRESS, rule.getTo(),
                  rule.getPorts()));
            }
          }
        });
  }

  private static void check(
      Policy source, Direction d, List<NetworkPolicyPeer> peers, List<NetworkPolicyPort> ports) {
    List<Rule> allows = source.block(d).orElseThrow().rules().stream()
        .filter(r -> r.action() == io.netlingua.model.Action.ALLOW).toList();
    if (peers != null && peers.isEmpty() || ports != null && ports.isEmpty()) {
      throw new AssertionError("an empty list in " + source.name() + " " + d);
    }
    if (peers == null && allows.stream().noneMatch(r -> r.peers().contains(EntityPeer.of(Entity.ANY)))) {
      throw new AssertionError("no peer list, but no allow of any in " + source.name() + " " + d);
    }
    if (ports == null && allows.stream().noneMatch(Rule::allPorts)) {
      throw new AssertionError("no port list, but every allow has on in " + source.name() + " " + d);
    }
  }

  /**
   * Where a deny is reported exact, no emitted allow of a policy that may govern the same pods lets a denied
   * address through on a denied port: SEMANTICS.md section 1, rule 3 (a matching deny beats every allow).
   */
  @Test
  void anExactDenyLeavesNoDeniedAddressAllowed() {
    qt().withFixedSeed(13).withExamples(Draw.TRIES).forAll(RandomPrograms.programs())
        .checkAssert(p -> {
          for (Options o : OPTIONS) {
            Run r = run(p, o);
            for (Diagnostic diag : r.diagnostics()) {
              boolean exactDeny = diag.code() == Code.DENY
                  && diag.finding().orElseThrow().outcome() == Outcome.EXACT;
              if (exactDeny) {
                checkDeny(r, o, diag);
              }
            }
          }
        });
  }

  private static void checkDeny(Run r, Options o, Diagnostic diag) {
    Direction d = diag.finding().orElseThrow().direction().orElseThrow();
    Policy owner = null;
    Rule deny = null;
    for (Policy policy : r.program().policies()) {
      for (Rule rule : policy.block(d).map(b -> b.rules()).orElse(List.of())) {
        if (rule.span().line() == diag.span().line()) {
          owner = policy;
          deny = rule;
        }
      }
    }
    List<PodSet> subject = owner.subject().peers().stream()
        .map(e -> PodSet.inNamespace("a", ((PodPeer) e).pods())).toList();
    List<Probe> probes = probes(deny, o);
    for (EmittedDocument doc : r.documents()) {
      Policy source = source(r.program(), doc);
      PodSet governs = PodSet.inNamespace("a", entry(source, doc).pods());
      if (subject.stream().noneMatch(governs::mayOverlap)) {
        continue;
      }
      NetworkPolicy np = (NetworkPolicy) doc.object();
      List<List<NetworkPolicyPeer>> peers = new ArrayList<>();
      List<List<NetworkPolicyPort>> ports = new ArrayList<>();
      if (d == Direction.INGRESS) {
        np.getSpec().getIngress().forEach(x -> {
          peers.add(x.getFrom());
          ports.add(x.getPorts());
        });
      } else {
        np.getSpec().getEgress().forEach(x -> {
          peers.add(x.getTo());
          ports.add(x.getPorts());
        });
      }
      for (int i = 0; i < peers.size(); i++) {
        for (Probe probe : probes) {
          if (matchesPort(ports.get(i), probe) && matchesAddress(peers.get(i), probe)) {
            throw new AssertionError(diag + ": " + doc.name() + " still allows " + probe);
          }
        }
      }
    }
  }

  /** A denied flow to try: an address and, when the deny has ports, a port. */
  private record Probe(Cidr address, Optional<Port> port) {}

  private static List<Probe> probes(Rule deny, Options o) {
    List<Cidr> addresses = new ArrayList<>();
    for (Use<Peer> use : Use.peers(deny.peerTerms())) {
      if (use.value() instanceof CidrPeer c) {
        addresses.add(host(c.cidr(), c.cidr().address()));
        addresses.add(host(c.cidr(), c.cidr().lastAddress()));
        addresses.removeIf(a -> c.except().stream().anyMatch(e -> e.contains(a)));
      } else if (use.value() instanceof EntityPeer e && (e.entity() == Entity.WORLD || e.entity() == Entity.ANY)) {
        addresses.add(Cidr.parse("203.0.113.7/32"));
        addresses.add(Cidr.parse("10.1.2.3/32"));
      }
    }
    // Addresses inside the stated cluster CIDRs are not matched by cidr or world: nothing to deny there.
    addresses.removeIf(a -> o.clusterCidrs().stream().anyMatch(c -> c.contains(a)));
    List<Probe> out = new ArrayList<>();
    for (Cidr a : addresses) {
      if (deny.allPorts()) {
        out.add(new Probe(a, Optional.empty()));
      } else {
        deny.ports().forEach(p -> out.add(new Probe(a, Optional.of(p))));
      }
    }
    return out;
  }

  private static Cidr host(Cidr prefix, BigInteger address) {
    return new Cidr(prefix.ipv6(), address, prefix.bits());
  }

  private static boolean matchesAddress(List<NetworkPolicyPeer> peers, Probe probe) {
    if (peers == null) {
      return true;
    }
    for (NetworkPolicyPeer peer : peers) {
      IPBlock b = peer.getIpBlock();
      boolean excepted = b != null && b.getExcept() != null
          && b.getExcept().stream().anyMatch(e -> Cidr.parse(e).contains(probe.address()));
      if (b != null && Cidr.parse(b.getCidr()).contains(probe.address()) && !excepted) {
        return true;
      }
    }
    return false;
  }

  /** Whether a rule's ports may match the probe's port; a named port may be any number of its protocol. */
  private static boolean matchesPort(List<NetworkPolicyPort> ports, Probe probe) {
    if (ports == null || probe.port().isEmpty()) {
      return true;
    }
    Port p = probe.port().get();
    String protocol = p instanceof PortRange pr ? pr.protocol().name()
        : p instanceof AllPorts ap ? ap.protocol().name() : p instanceof io.netlingua.model.NamedPort np
            ? np.protocol().name() : "ICMP";
    for (NetworkPolicyPort port : ports) {
      if (!port.getProtocol().equals(protocol)) {
        continue;
      }
      if (port.getPort() == null || port.getPort().getStrVal() != null || !(p instanceof PortRange pr)) {
        return true;
      }
      int first = port.getPort().getIntVal();
      int last = port.getEndPort() == null ? first : port.getEndPort();
      if (pr.first() <= last && first <= pr.last()) {
        return true;
      }
    }
    return false;
  }

  private static Policy source(Program p, EmittedDocument doc) {
    return p.policies().stream().filter(x -> x.span().equals(doc.source())).findFirst().orElseThrow();
  }

  /** The subject entry an object is for: the only one, or the one its -N suffix names. */
  private static PodPeer entry(Policy source, EmittedDocument doc) {
    List<Peer> entries = source.subject().peers();
    if (entries.size() == 1) {
      return (PodPeer) entries.get(0);
    }
    String name = doc.name();
    return (PodPeer) entries.get(Integer.parseInt(name.substring(name.lastIndexOf('-') + 1)) - 1);
  }
}

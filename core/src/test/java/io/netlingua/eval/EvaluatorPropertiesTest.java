package io.netlingua.eval;

import static io.netlingua.eval.Shop.app;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.lists;

import io.netlingua.model.Action;
import io.netlingua.model.AllPorts;
import io.netlingua.model.CidrPeer;
import io.netlingua.model.Entity;
import io.netlingua.model.EntityPeer;
import io.netlingua.model.FqdnPeer;
import io.netlingua.model.IcmpPort;
import io.netlingua.model.LabelSelector;
import io.netlingua.model.NamedPort;
import io.netlingua.model.NamespaceScope;
import io.netlingua.model.Peer;
import io.netlingua.model.PodPeer;
import io.netlingua.model.Policy;
import io.netlingua.model.Port;
import io.netlingua.model.PortRange;
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
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Properties of the neutral semantics on random programs over the {@link Shop} cluster, every pair of its ends
 * and a few ports. Tries come from {@code netlingua.property.tries} (default 1000); the seed is fixed.
 */
class EvaluatorPropertiesTest {
  private static final int TRIES = Integer.getInteger("netlingua.property.tries", 1000);

  private static final List<Peer> PEERS = List.of(
      app("frontend"), app("backend"), PodPeer.namespace("data"),
      new PodPeer(LabelSelector.builder().equal("app", "prometheus").build(), NamespaceScope.ANY, SourceSpan.NONE),
      new PodPeer(LabelSelector.builder().notEqual("app", "frontend").build(),
          NamespaceScope.selected(LabelSelector.builder().exists("team").build()), SourceSpan.NONE),
      ServiceAccountPeer.of("backend", null), ServicePeer.of("backend", "shop"), CidrPeer.of("0.0.0.0/0"),
      CidrPeer.of("203.0.113.0/24", "203.0.113.10/32"), FqdnPeer.of("*.stripe.com"),
      EntityPeer.of(Entity.WORLD), EntityPeer.of(Entity.CLUSTER), EntityPeer.of(Entity.NODES),
      EntityPeer.of(Entity.HOST), EntityPeer.of(Entity.KUBE_APISERVER), EntityPeer.of(Entity.ANY));

  private static final List<Port> PORTS = List.of(
      PortRange.of(Protocol.TCP, 8080), PortRange.of(Protocol.TCP, 8000, 8100), NamedPort.of(Protocol.TCP, "http"),
      AllPorts.of(Protocol.UDP), IcmpPort.of(false, 8, null));

  private static final List<PodPeer> SUBJECTS = List.of(
      app("frontend"), app("backend"), PodPeer.of(LabelSelector.ALL),
      PodPeer.of(LabelSelector.builder().in("app", "backend", "postgres").build()));

  private static Gen<Rule> rules() {
    return Generate.pick(List.of(Action.ALLOW, Action.ALLOW, Action.DENY))
        .zip(lists().of(Generate.pick(PEERS)).ofSizeBetween(1, 2), lists().of(Generate.pick(PORTS))
            .ofSizeBetween(0, 2), (action, peers, ports) ->
            new Rule(action, false, List.copyOf(peers), List.copyOf(ports), Optional.empty(), SourceSpan.NONE));
  }

  private static Gen<Optional<RuleBlock>> blocks() {
    return booleans().all().zip(lists().of(rules()).ofSizeBetween(0, 3),
        (present, rules) -> present ? Optional.of(new RuleBlock(rules, SourceSpan.NONE)) : Optional.empty());
  }

  /** Programs of up to four policies; a policy is a cluster policy one time in three. */
  private static Gen<Program> programs() {
    Gen<Policy> policies = Generate.pick(SUBJECTS).zip(Generate.pick(List.of(true, false, false)), blocks(),
        blocks(), (subject, cluster, ingress, egress) -> new Policy("p", cluster ? Optional.empty()
            : Optional.of("shop"), Optional.empty(), Subject.of(subject), ingress, egress, SourceSpan.NONE));
    return lists().of(policies).ofSizeBetween(1, 4).map(list -> {
      List<Policy> named = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) {
        Policy p = list.get(i);
        named.add(new Policy("p" + i, p.namespace(), p.description(), p.subject(), p.ingress(), p.egress(),
            p.span()));
      }
      return Program.of(named.toArray(new Policy[0]));
    });
  }

  private static List<Endpoint> ends() {
    List<Endpoint> ends = new ArrayList<>();
    Shop.CLUSTER.pods().forEach(p -> ends.add(Endpoint.of(p)));
    Shop.CLUSTER.nodes().forEach(n -> ends.add(Endpoint.of(n)));
    Shop.CLUSTER.externals().forEach(e -> ends.add(Endpoint.of(e)));
    ends.add(Endpoint.of(IpAddress.parse("10.96.0.10")));
    ends.add(Endpoint.of(IpAddress.parse("8.8.8.8")));
    return ends;
  }

  private static List<Flow> flows() {
    List<Flow> flows = new ArrayList<>();
    for (Endpoint s : ends()) {
      for (Endpoint d : ends()) {
        flows.add(Flow.of(s, d, FlowProtocol.TCP, 8080));
        flows.add(Flow.of(s, d, FlowProtocol.UDP, 53));
        flows.add(Flow.icmp(s, d, false, 8, 0));
      }
    }
    return flows;
  }

  private static final List<Flow> FLOWS = flows();

  /** Rule 3: there is no ordering between policies; the policies in reverse give the same verdicts. */
  @Test
  void theOrderOfPoliciesDoesNotMatter() {
    qt().withFixedSeed(41).withExamples(TRIES).forAll(programs()).checkAssert(program -> {
      List<Policy> reversed = new ArrayList<>(program.policies());
      java.util.Collections.reverse(reversed);
      Evaluator forward = NeutralEvaluator.of(program, Shop.CLUSTER);
      Evaluator backward = NeutralEvaluator.of(Program.of(reversed.toArray(new Policy[0])), Shop.CLUSTER);
      for (Flow f : FLOWS) {
        Verdict a = forward.evaluate(f);
        Verdict b = backward.evaluate(f);
        if (a.allowed() != b.allowed() || a.egress().reason() != b.egress().reason()
            || a.ingress().reason() != b.ingress().reason()) {
          throw new AssertionError(f + ": " + a + " but reversed " + b);
        }
      }
    });
  }

  /** Rule 7: a pod to itself, and its node to it, are allowed by every program. */
  @Test
  void nodeLocalFlowsAreAlwaysAllowed() {
    qt().withFixedSeed(43).withExamples(TRIES).forAll(programs()).checkAssert(program -> {
      Evaluator e = NeutralEvaluator.of(program, Shop.CLUSTER);
      for (Pod p : Shop.CLUSTER.pods()) {
        Endpoint pod = Endpoint.of(p);
        Endpoint node = Endpoint.of(Shop.CLUSTER.node(p.node()).orElseThrow());
        for (Flow f : List.of(Flow.of(pod, pod, FlowProtocol.TCP, 8080), Flow.icmp(node, pod, false, 8, 0))) {
          if (!e.evaluate(f).allowed()) {
            throw new AssertionError(f + " denied: " + e.evaluate(f));
          }
        }
      }
    });
  }

  /** A bare address is judged as the pod, node or external that has it (rules 5 and 6 by address). */
  @Test
  void anAddressIsJudgedAsWhatHasIt() {
    qt().withFixedSeed(47).withExamples(TRIES).forAll(programs()).checkAssert(program -> {
      Evaluator e = NeutralEvaluator.of(program, Shop.CLUSTER);
      for (Flow f : FLOWS) {
        Flow byAddress = new Flow(Endpoint.of(f.source().ip()), Endpoint.of(f.destination().ip()), f.protocol(),
            f.port(), f.icmpType(), f.icmpCode(), f.http(), f.kafka(), f.dnsQuery());
        if (!e.evaluate(f).equals(e.evaluate(byAddress))) {
          throw new AssertionError(f + ": " + e.evaluate(f) + " but by address " + e.evaluate(byAddress));
        }
      }
    });
  }
}

package io.netlingua.emit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netlingua.check.ProgramChecker;
import io.netlingua.diagnostics.Diagnostic;
import io.netlingua.diagnostics.Outcome;
import io.netlingua.diagnostics.TargetFinding;
import io.netlingua.dsl.NplPrinter;
import io.netlingua.emit.calico.CalicoStatedFacts;
import io.netlingua.emit.cilium.CiliumStatedFacts;
import io.netlingua.emit.yaml.YamlWriter;
import io.netlingua.emit.lowering.Draw;
import io.netlingua.eval.Cluster;
import io.netlingua.eval.Endpoint;
import io.netlingua.eval.Evaluator;
import io.netlingua.eval.Flow;
import io.netlingua.eval.FlowProtocol;
import io.netlingua.eval.NeutralEvaluator;
import io.netlingua.eval.Verdict;
import io.netlingua.model.Program;
import io.netlingua.targets.Mode;
import io.netlingua.targets.Options;
import io.netlingua.targets.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.quicktheories.core.Gen;

/**
 * The report tells the truth about the objects (SEMANTICS.md section 4), for every target with an evaluator
 * ({@link Evaluators}): on random programs ({@link RandomPrograms}: every peer, port and L7 kind, denies, cluster
 * policies), random clusters that honour the run's facts ({@link RandomClusters}), every mode with and without
 * stated CIDRs, and every flow between the cluster's ends on a set of ports and ICMP types, with a sample of the
 * L7 requests on the boundaries of the program's own L7 alternatives ({@link RandomRequests}) per pair of ends:
 *
 * <ul>
 *   <li>where the report says nothing narrower or wider, the target's verdict equals the neutral one;
 *   <li>the target never allows a flow the neutral semantics denies unless a wider (or impossible) outcome was
 *       reported (so where only narrower is reported, the objects allow a subset);
 *   <li>when the report holds an error nothing is written, and nothing is compared.
 * </ul>
 *
 * <p>Flows the target's platform decides whatever the policies say are left out (SEMANTICS.md section 1, rule
 * 7): on Kubernetes, a pod's egress to its own node. A failure shrinks to a small case and prints the program's
 * text, the options, the cluster, the flow with both verdicts, the report and the objects.
 */
class EquivalencePropertyTest {
  /**
   * Every namespace a random cluster may hold ({@link RandomClusters}: kube-system for its DNS pod): cluster
   * policies are expanded into the stated namespaces only, so the cluster must not hold another (NL3903).
   */
  private static final String[] NAMESPACE_LIST = {"a", "b", "kube-system"};

  private static final String NAMESPACES = String.join(", ", NAMESPACE_LIST);

  private static final List<Options> OPTIONS = List.of(
      Options.defaults().namespaces(NAMESPACE_LIST),
      Options.defaults().mode(Mode.FAIL_CLOSED).namespaces(NAMESPACE_LIST),
      Options.defaults().mode(Mode.BEST_EFFORT).namespaces(NAMESPACE_LIST),
      Options.defaults().mode(Mode.BEST_EFFORT).namespaces(NAMESPACE_LIST).podCidrs(RandomClusters.POD_CIDR)
          .serviceCidrs(RandomClusters.SERVICE_CIDR).nodeCidrs(RandomClusters.NODE_CIDR),
      Options.defaults().mode(Mode.FAIL_CLOSED).namespaces(NAMESPACE_LIST).podCidrs(RandomClusters.POD_CIDR)
          .serviceCidrs(RandomClusters.SERVICE_CIDR).nodeCidrs(RandomClusters.NODE_CIDR));

  /**
   * One generated case.
   *
   * @param program the program
   * @param options the run's mode and facts
   * @param cluster the cluster, honouring the facts
   * @param flows the flows to judge, between ends of the cluster (one failing is printed with the case)
   */
  record Case(Program program, Options options, Cluster cluster, List<Flow> flows) {
    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder("\n--- program (" + RandomPrograms.FILE + ")\n");
      program.files().forEach(f -> sb.append(NplPrinter.print(f)));
      sb.append("--- options: mode ").append(options.mode().name().toLowerCase(java.util.Locale.ROOT))
          .append(", namespaces ").append(NAMESPACES)
          .append(options.knowsClusterCidrs() ? ", pod/service/node CIDRs " + options.clusterCidrs() : "")
          .append("\n--- cluster\n");
      cluster.namespaces().forEach(n -> sb.append("namespace ").append(n.name()).append(' ')
          .append(n.labels()).append('\n'));
      cluster.pods().forEach(p -> sb.append("pod ").append(p.qualifiedName()).append(' ').append(p.labels())
          .append(" ip ").append(p.ip()).append(" sa ").append(p.serviceAccount()).append(" node ")
          .append(p.node()).append(" ports ").append(p.ports().stream()
              .map(s -> s.name().orElse("") + ":" + s.port() + "/" + s.protocol().keyword()).toList())
          .append('\n'));
      cluster.nodes().forEach(n -> sb.append("node ").append(n.name()).append(" ip ").append(n.ip())
          .append(n.kubeApiserver() ? " kube-apiserver" : "").append('\n'));
      cluster.externals().forEach(e -> sb.append("external ").append(e.name()).append(" ip ").append(e.ip())
          .append(e.fqdn().map(f -> " fqdn " + f).orElse("")).append(e.kubeApiserver() ? " kube-apiserver" : "")
          .append('\n'));
      cluster.services().forEach(s -> sb.append("service ").append(s.namespace()).append('/').append(s.name())
          .append(" selector ").append(s.selector()).append(" clusterIP ")
          .append(s.clusterIP().map(Object::toString).orElse("none")).append('\n'));
      sb.append("dns servers ").append(cluster.dnsServers().stream().map(Endpoint::text).toList()).append('\n');
      return sb.toString();
    }
  }

  /**
   * Flows a target's platform decides whatever its objects say (rule 7), or that its report states as a fact of
   * the platform, by target: on Kubernetes a pod's egress to its own node; on Cilium {@link CiliumStatedFacts}; on
   * Calico {@link CalicoStatedFacts}.
   */
  private static Predicate<Flow> platformDecided(Target target, Case c) {
    if (target == Target.KUBERNETES) {
      return flow -> podToItsOwnNode(flow, c.cluster());
    }
    if (target == Target.CILIUM) {
      return CiliumStatedFacts.of(c.program(), c.cluster())::statedFact;
    }
    if (target == Target.CALICO) {
      return CalicoStatedFacts.of(c.program(), c.cluster())::statedFact;
    }
    return flow -> false;
  }

  private static boolean podToItsOwnNode(Flow flow, Cluster cluster) {
    Endpoint source = resolve(flow.source(), cluster);
    Endpoint destination = resolve(flow.destination(), cluster);
    return source instanceof Endpoint.PodEnd p && destination instanceof Endpoint.NodeEnd n
        && p.pod().node().equals(n.node().name());
  }

  private static Endpoint resolve(Endpoint end, Cluster cluster) {
    return end instanceof Endpoint.AddressEnd a ? cluster.endpointAt(a.address()) : end;
  }

  static Gen<Case> cases() {
    return cases(RandomPrograms.L7Share.SOME);
  }

  /**
   * The cases of a target: a target that enforces L7 (all but Kubernetes, whose report is never exact with an L7
   * block) gets programs where L7 blocks decide many flows.
   */
  static Gen<Case> cases(Target target) {
    return cases(target == Target.KUBERNETES ? RandomPrograms.L7Share.SOME : RandomPrograms.L7Share.MOST,
        options(target));
  }

  /**
   * The runs of a target: every mode, with and without stated CIDRs; on Calico also with Application Layer Policy
   * stated ({@code alp=enabled}, the only runs with http matches) and once in a tier of its own.
   */
  private static List<Options> options(Target target) {
    if (target != Target.CALICO) {
      return OPTIONS;
    }
    List<Options> out = new ArrayList<>(OPTIONS);
    OPTIONS.forEach(o -> out.add(o.targetOption("alp", "enabled")));
    out.add(OPTIONS.get(1).targetOption("alp", "enabled").targetOption("tier", "netlingua"));
    return out;
  }

  private static Gen<Case> cases(RandomPrograms.L7Share share) {
    return cases(share, OPTIONS);
  }

  private static Gen<Case> cases(RandomPrograms.L7Share share, List<Options> runs) {
    Gen<Program> programs = RandomPrograms.programs(share, true);
    return in -> {
      Program program = programs.generate(in);
      Draw d = new Draw(in);
      Options options = d.pick(runs);
      Cluster cluster = RandomClusters.cluster(d, program, options);
      return new Case(program, options, cluster, flows(d, cluster, RandomRequests.of(program)));
    };
  }

  /**
   * What the tries of one target compared: so that the property cannot pass by comparing nothing, each kind
   * of report and of verdict must occur.
   */
  static final class Tally {
    int written;
    int exact;
    int narrower;
    int wider;
    int allowed;
    int denied;
    int differing;

    @Override
    public String toString() {
      return written + " cases written (" + exact + " exact, " + narrower + " narrower, " + wider + " wider), "
          + allowed + " flows allowed and " + denied + " denied by the program, " + differing
          + " judged otherwise by the target";
    }
  }

  @TestFactory
  List<DynamicTest> theObjectsAllowWhatTheReportSays() {
    return Evaluators.targets().stream()
        .map(t -> DynamicTest.dynamicTest(t.id(), () -> {
          Tally tally = new Tally();
          qt().withFixedSeed(23).withExamples(Draw.TRIES).forAll(cases(t)).checkAssert(c -> check(t, c, tally));
          assertThat(List.of(tally.exact, tally.narrower, tally.wider, tally.allowed, tally.denied,
              tally.differing)).as(tally.toString()).allMatch(n -> n > 0);
        }))
        .toList();
  }

  @Test
  void theGeneratorBuildsValidPrograms() {
    qt().withFixedSeed(23).withExamples(Draw.TRIES).forAll(cases())
        .check(c -> ProgramChecker.check(c.program()).stream().noneMatch(Diagnostic::isError));
  }

  private static void check(Target target, Case c, Tally tally) {
    check(target, c, tally, documents -> documents);
  }

  /**
   * Checks one case on the documents as the emitter wrote them after {@code change} changed them (the identity
   * in the property; a broken lowering rule in {@link CiliumBrokenLoweringTest}); throws the readable
   * counterexample.
   */
  static void check(Target target, Case c, Tally tally, UnaryOperator<List<EmittedDocument>> change) {
    Compilation compilation = Emitters.compile(c.program(), target, c.options());
    if (compilation.diagnostics().stream().anyMatch(Diagnostic::isError)) {
      return;
    }
    Set<Outcome> outcomes = compilation.diagnostics().stream()
        .flatMap(x -> x.finding().stream())
        .map(TargetFinding::outcome)
        .collect(Collectors.toSet());
    boolean wider = outcomes.contains(Outcome.WIDER) || outcomes.contains(Outcome.IMPOSSIBLE);
    boolean exact = !wider && !outcomes.contains(Outcome.NARROWER);
    tally.written++;
    if (exact) {
      tally.exact++;
    } else if (wider) {
      tally.wider++;
    } else {
      tally.narrower++;
    }
    Evaluator neutral = NeutralEvaluator.of(c.program(), c.cluster());
    List<EmittedDocument> judged = change.apply(compilation.documents());
    String yaml = judged == compilation.documents() ? compilation.yaml()
        : YamlWriter.write(judged.stream().map(d -> (ObjectNode) d.object()).toList());
    Evaluator objects =
        Evaluators.forTarget(target).orElseThrow().evaluator(judged, c.cluster());
    Predicate<Flow> decided = platformDecided(target, c);
    for (Flow flow : c.flows()) {
      if (decided.test(flow)) {
        continue;
      }
      Verdict n = neutral.evaluate(flow);
      Verdict k = objects.evaluate(flow);
      if (n.allowed()) {
        tally.allowed++;
      } else {
        tally.denied++;
      }
      if (n.allowed() != k.allowed()) {
        tally.differing++;
      }
      if (k.allowed() && !n.allowed() && !wider || k.allowed() != n.allowed() && exact) {
        throw new AssertionError(target.id() + " " + verb(k) + ", the program " + verb(n) + ":\n  "
            + flow + "\n  " + target.id() + ": " + k.reason() + "\n  program: " + n.reason()
            + "\n--- report (" + (exact ? "exact" : wider ? "wider" : "narrower") + ")"
            + compilation.diagnostics().stream().map(Diagnostic::toString)
                .collect(Collectors.joining("\n  ", "\n  ", ""))
            + "\n--- objects\n" + yaml + c);
      }
    }
  }

  private static String verb(Verdict v) {
    return v.allowed() ? "allows" : "denies";
  }

  /**
   * Every flow between two ends of the cluster, one of them a pod, on each L4 probe, and with a sample of the
   * requests drawn per pair.
   */
  private static List<Flow> flows(Draw draw, Cluster cluster, RandomRequests requests) {
    List<Endpoint> ends = new ArrayList<>();
    cluster.pods().forEach(p -> ends.add(Endpoint.of(p)));
    cluster.nodes().forEach(n -> ends.add(Endpoint.of(n)));
    cluster.externals().forEach(e -> ends.add(Endpoint.of(e)));
    cluster.services().forEach(s -> s.clusterIP().ifPresent(ip -> ends.add(Endpoint.of(ip))));
    List<Flow> out = new ArrayList<>();
    for (Endpoint s : ends) {
      for (Endpoint d : ends) {
        if (s instanceof Endpoint.PodEnd || d instanceof Endpoint.PodEnd) {
          probes(s, d, out);
          out.addAll(requests.sample(draw, s, d));
        }
      }
    }
    return out;
  }

  /** The L4 probes: the bare connections on the L7 ports (no request: no L7 alternative matches), other ports. */
  private static void probes(Endpoint s, Endpoint d, List<Flow> out) {
    out.add(Flow.of(s, d, FlowProtocol.TCP, RandomRequests.HTTP_PORT));
    out.add(Flow.of(s, d, FlowProtocol.TCP, RandomRequests.KAFKA_PORT));
    out.add(Flow.of(s, d, FlowProtocol.UDP, RandomRequests.DNS_PORT));
    for (int port : new int[] {85, 443, 8080}) {
      out.add(Flow.of(s, d, FlowProtocol.TCP, port));
    }
    out.add(Flow.of(s, d, FlowProtocol.SCTP, 9));
    out.add(Flow.icmp(s, d, false, 8, 0));
    out.add(Flow.icmp(s, d, true, 128, 0));
  }
}

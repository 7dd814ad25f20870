package io.netlingua.emit.kubernetes;

import static org.quicktheories.QuickTheory.qt;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.netlingua.diagnostics.Diagnostic;
import io.netlingua.diagnostics.Outcome;
import io.netlingua.emit.lowering.Draw;
import io.netlingua.emit.spi.Degradations;
import io.netlingua.model.Program;
import io.netlingua.targets.Capabilities;
import io.netlingua.targets.Mode;
import io.netlingua.targets.Options;
import io.netlingua.targets.Target;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The report tells the truth about the objects (SEMANTICS.md sections 2 and 4): on random programs without L7
 * blocks, namespaced and cluster policies, and every flow of a small cluster, the objects never allow what the neutral semantics denies unless a
 * wider diagnostic was reported, and allow exactly what it allows when nothing was reported narrower or wider.
 */
class ConnectivityPropertyTest {
  /** Cluster policies are expanded into the world's namespaces, a and b. */
  private static final List<Options> OPTIONS = List.of(
      Options.defaults().namespaces("a", "b"),
      Options.defaults().mode(Mode.BEST_EFFORT).namespaces("a", "b"),
      Options.defaults().mode(Mode.BEST_EFFORT).namespaces("a", "b").podCidrs("10.1.0.0/16")
          .serviceCidrs("10.96.0.0/12").nodeCidrs("192.168.0.0/24"));

  @Test
  void theObjectsAllowWhatTheReportSays() {
    qt().withFixedSeed(17).withExamples(Math.max(50, Draw.TRIES / 4)).forAll(RandomPrograms.programs(false, true))
        .checkAssert(program -> {
          for (Options o : OPTIONS) {
            check(program, o);
          }
        });
  }

  private static void check(Program program, Options options) {
    Degradations d = new Degradations(Capabilities.of(Target.KUBERNETES), options.mode());
    List<NetworkPolicy> objects = new KubernetesEmitter().emit(program, options, d).stream()
        .map(doc -> (NetworkPolicy) doc.object()).toList();
    Set<Outcome> outcomes = d.diagnostics().stream()
        .flatMap(x -> x.finding().stream())
        .map(f -> f.outcome())
        .collect(Collectors.toSet());
    boolean wider = outcomes.contains(Outcome.WIDER) || outcomes.contains(Outcome.IMPOSSIBLE);
    boolean exact = !wider && !outcomes.contains(Outcome.NARROWER);
    World world = new World(options);
    NeutralEvaluator neutral = new NeutralEvaluator(program);
    KubernetesEvaluator kubernetes = new KubernetesEvaluator(objects, options.knowsClusterCidrs());
    for (World.Flow flow : world.flows()) {
      boolean n = neutral.allows(flow);
      boolean k = kubernetes.allows(flow);
      if (k && !n && !wider || k != n && exact) {
        throw new AssertionError("kubernetes " + (k ? "allows" : "denies") + " " + flow + ", the program "
            + (n ? "allows" : "denies") + " it; reported: "
            + d.diagnostics().stream().map(Diagnostic::toString).collect(Collectors.joining("\n  ", "\n  ", ""))
            + "\nobjects:\n" + objects.stream().map(Fixtures::yaml).collect(Collectors.joining("---\n")));
      }
    }
  }
}

package io.netlingua.emit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import io.netlingua.diagnostics.Diagnostic;
import io.netlingua.emit.calico.CalicoReadingDifferences;
import io.netlingua.emit.cilium.CiliumReadingDifferences;
import io.netlingua.emit.lowering.Draw;
import io.netlingua.eval.Cluster;
import io.netlingua.eval.Evaluator;
import io.netlingua.eval.Flow;
import io.netlingua.eval.Verdict;
import io.netlingua.targets.Target;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The Kubernetes target's objects read as Cilium and as Calico enforce NetworkPolicy (docs/targets.md,
 * "NetworkPolicy on Cilium", "NetworkPolicy on Calico"): on the random programs, clusters and flows of
 * {@link EquivalencePropertyTest}, each reading gives every flow the Kubernetes reading's verdict, except the flows
 * of the classes the docs list as differing on that CNI ({@link CiliumReadingDifferences},
 * {@link CalicoReadingDifferences}). That each listed class does differ is shown flow by flow in
 * CiliumReadsNetworkPolicyTest and CalicoReadsNetworkPolicyTest; here the property also requires the runs to hold
 * flows inside the classes and verdicts that differ there, so that it cannot pass by excepting nothing or everything.
 */
class ReadingsPropertyTest {

  /** A reading's exception: whether a flow is in one of the classes that CNI reads otherwise. */
  interface Differences {
    boolean mayDiffer(Flow flow, Cluster cluster, List<EmittedDocument> networkPolicies);
  }

  private static final Map<Target, Differences> READINGS = Map.of(
      Target.CILIUM, CiliumReadingDifferences::mayDiffer,
      Target.CALICO, CalicoReadingDifferences::mayDiffer);

  /** What the tries of one reading compared. */
  static final class Tally {
    int compared;
    int excepted;
    int differingWhereExcepted;

    @Override
    public String toString() {
      return compared + " flows compared, " + excepted + " in a listed class, " + differingWhereExcepted
          + " of those judged otherwise";
    }
  }

  @TestFactory
  List<DynamicTest> eachReadingAgreesWithKubernetesOutsideTheListedClasses() {
    return List.of(Target.CILIUM, Target.CALICO).stream()
        .map(reading -> DynamicTest.dynamicTest(reading.id(), () -> {
          Tally tally = new Tally();
          qt().withFixedSeed(29).withExamples(Draw.TRIES).forAll(EquivalencePropertyTest.cases(Target.KUBERNETES))
              .checkAssert(c -> check(reading, c, tally));
          assertThat(List.of(tally.compared, tally.excepted, tally.differingWhereExcepted))
              .as(tally.toString()).allMatch(n -> n > 0);
        }))
        .toList();
  }

  private static void check(Target reading, EquivalencePropertyTest.Case c, Tally tally) {
    Compilation compilation = Emitters.compile(c.program(), Target.KUBERNETES, c.options());
    if (compilation.diagnostics().stream().anyMatch(Diagnostic::isError)) {
      return;
    }
    List<EmittedDocument> documents = compilation.documents();
    Evaluator kubernetes = Evaluators.forTarget(Target.KUBERNETES).orElseThrow().evaluator(documents, c.cluster());
    Evaluator read = Evaluators.forTarget(reading).orElseThrow().evaluator(documents, c.cluster());
    Differences differences = READINGS.get(reading);
    for (Flow flow : c.flows()) {
      Verdict k = kubernetes.evaluate(flow);
      Verdict r = read.evaluate(flow);
      if (differences.mayDiffer(flow, c.cluster(), documents)) {
        tally.excepted++;
        if (k.allowed() != r.allowed()) {
          tally.differingWhereExcepted++;
        }
        continue;
      }
      tally.compared++;
      if (k.allowed() != r.allowed()) {
        throw new AssertionError(reading.id() + " " + verb(r) + " what Kubernetes " + verb(k)
            + ", outside every class docs/targets.md lists:\n  " + flow + "\n  " + reading.id() + ": " + r.reason()
            + "\n  kubernetes: " + k.reason() + "\n--- objects\n" + compilation.yaml() + c);
      }
    }
  }

  private static String verb(Verdict v) {
    return v.allowed() ? "allows" : "denies";
  }
}

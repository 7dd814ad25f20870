package io.netlingua.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.netlingua.ExpectedFlow;
import io.netlingua.Netlingua;
import io.netlingua.diagnostics.Outcome;
import io.netlingua.dsl.ParseResult;
import io.netlingua.emit.Compilation;
import io.netlingua.eval.Cluster;
import io.netlingua.eval.Evaluator;
import io.netlingua.eval.Verdict;
import io.netlingua.targets.Mode;
import io.netlingua.targets.Options;
import io.netlingua.targets.Target;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every example's connectivity.yaml holds on its cluster.yaml (SEMANTICS.md section 4): on the model, each flow
 * gets the verdict it expects; on each target with an evaluator, in each mode that writes objects, the objects
 * give the same verdict where the report says exact, and never allow a flow the model denies unless the report
 * says wider.
 */
class ExamplesConnectivityTest {

  static List<Path> examples() {
    return Examples.all();
  }

  @ParameterizedTest
  @MethodSource("examples")
  void everyFlowGetsTheVerdictItExpectsOnTheModel(Path example) {
    ParseResult program = Examples.parseWithoutErrors(example);
    Cluster cluster = Netlingua.readCluster(example.resolve("cluster.yaml")).orElseThrow();
    List<ExpectedFlow> flows = Netlingua.readFlows(example.resolve("connectivity.yaml"), cluster).orElseThrow();
    Evaluator model = Netlingua.evaluator(program.program(), cluster);
    List<String> wrong = new ArrayList<>();
    for (ExpectedFlow f : flows) {
      Verdict v = model.evaluate(f.flow());
      if (f.contradicts(v.allowed())) {
        wrong.add(f.span().location() + ": " + f.flow() + ": expected " + (v.allowed() ? "deny" : "allow")
            + ", got " + v);
      }
    }
    assertThat(wrong).as("flows of %s", example.getFileName()).isEmpty();
    assertThat(flows).hasSizeGreaterThanOrEqualTo(20);
    assertThat(flows).extracting(f -> f.expect().orElseThrow()).contains(true, false);
  }

  @ParameterizedTest
  @MethodSource("examples")
  void theTargetsObjectsAgreeWithTheModelAsTheReportSays(Path example) {
    ParseResult program = Examples.parseWithoutErrors(example);
    Cluster cluster = Netlingua.readCluster(example.resolve("cluster.yaml")).orElseThrow();
    List<ExpectedFlow> flows = Netlingua.readFlows(example.resolve("connectivity.yaml"), cluster).orElseThrow();
    Evaluator model = Netlingua.evaluator(program.program(), cluster);
    for (Target target : Netlingua.evaluableTargets()) {
      for (Mode mode : Mode.values()) {
        Compilation out = Netlingua.compile(program, target, Options.defaults().mode(mode));
        if (out.hasErrors()) {
          continue;
        }
        boolean exact = Netlingua.isExact(out);
        boolean wider = out.diagnostics().stream().flatMap(d -> d.finding().stream())
            .anyMatch(f -> f.outcome() == Outcome.WIDER);
        Evaluator objects = Netlingua.evaluator(out, cluster);
        for (ExpectedFlow f : flows) {
          Verdict m = model.evaluate(f.flow());
          Verdict o = objects.evaluate(f.flow());
          String where = example.getFileName() + " on " + target.id() + " (" + mode + "), " + f.span().location()
              + ": " + f.flow() + "\n  model:   " + m + "\n  objects: " + o;
          if (exact) {
            assertThat(o.allowed()).as(where).isEqualTo(m.allowed());
          } else if (!wider) {
            assertThat(o.allowed() && !m.allowed()).as(where).isFalse();
          }
        }
      }
    }
  }

  @Test
  void theExactBranchIsExercised() {
    // namespace-isolation says only what a NetworkPolicy says exactly: its flows are compared verdict for verdict.
    ParseResult program = Examples.parseWithoutErrors(Examples.DIR.resolve("namespace-isolation"));
    assertThat(Netlingua.isExact(Netlingua.compile(program, Target.KUBERNETES, Options.defaults()))).isTrue();
  }
}

package io.netlingua.emit;

import static org.assertj.core.api.Assertions.assertThat;

import io.netlingua.emit.spi.TargetEvaluator;
import io.netlingua.eval.Cluster;
import io.netlingua.eval.Evaluator;
import io.netlingua.eval.FlowSyntax;
import io.netlingua.eval.Verdict;
import java.util.List;

/**
 * A target evaluator's verdicts on flows written in the one-line syntax of a cluster, for the tests of the target
 * evaluators: each flow must read, and {@link #allows} and {@link #denies} assert the verdict and return it.
 *
 * @param evaluator the evaluator of some objects
 * @param cluster the cluster the flows are written in
 */
public record FlowJudge(Evaluator evaluator, Cluster cluster) {

  /** The verdicts of a target's evaluator on some of its documents. */
  public static FlowJudge of(TargetEvaluator target, Cluster cluster, List<EmittedDocument> documents) {
    return new FlowJudge(target.evaluator(documents, cluster), cluster);
  }

  /** The verdict of a flow. */
  public Verdict verdict(String flow) {
    FlowSyntax.Result r = FlowSyntax.parse(flow, cluster);
    assertThat(r.error()).as(flow).isEmpty();
    return evaluator.evaluate(r.flow().orElseThrow());
  }

  /** The verdict of a flow, which must allow it. */
  public Verdict allows(String flow) {
    Verdict v = verdict(flow);
    assertThat(v.allowed()).as(flow + ": " + v).isTrue();
    return v;
  }

  /** The verdict of a flow, which must deny it. */
  public Verdict denies(String flow) {
    Verdict v = verdict(flow);
    assertThat(v.allowed()).as(flow + ": " + v).isFalse();
    return v;
  }
}

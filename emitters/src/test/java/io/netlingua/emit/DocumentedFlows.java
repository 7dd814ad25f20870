package io.netlingua.emit;

import static org.assertj.core.api.Assertions.assertThat;

import io.netlingua.eval.Cluster;
import io.netlingua.eval.Evaluator;
import io.netlingua.eval.FlowSyntax;
import io.netlingua.eval.Verdict;
import java.util.ArrayList;
import java.util.List;

/**
 * Flows that a target's documentation describes, with what the page says of each, for the tests that judge a
 * documentation example's objects with the target's evaluator ({@code CiliumDocumentationExamplesTest}, {@code
 * CalicoDocumentationExamplesTest}).
 */
public final class DocumentedFlows {
  private DocumentedFlows() {}

  /**
   * One flow and what the page says of it.
   *
   * @param flow the flow in the one-line syntax ({@link FlowSyntax})
   * @param allowed whether the page says it passes
   * @param doc the sentence of the page the expectation comes from
   */
  public record Expectation(String flow, boolean allowed, String doc) {}

  /** A flow the page says passes. */
  public static Expectation allows(String flow, String doc) {
    return new Expectation(flow, true, doc);
  }

  /** A flow the page says is refused. */
  public static Expectation denies(String flow, String doc) {
    return new Expectation(flow, false, doc);
  }

  /**
   * The flows the evaluator judges otherwise than the page, each with both verdicts; every flow must read.
   *
   * @param evaluator the evaluator of the example's objects
   * @param cluster the cluster the flows are written in
   * @param expectations the flows and what the page says
   * @return one line per flow judged otherwise, empty when the evaluator agrees with the page
   */
  public static List<String> misjudged(Evaluator evaluator, Cluster cluster, Expectation... expectations) {
    FlowSyntax syntax = FlowSyntax.in(cluster);
    List<String> wrong = new ArrayList<>();
    for (Expectation x : expectations) {
      FlowSyntax.Result parsed = syntax.parse(x.flow());
      assertThat(parsed.error()).as(x.flow()).isEmpty();
      Verdict v = evaluator.evaluate(parsed.flow().orElseThrow());
      if (v.allowed() != x.allowed()) {
        wrong.add(x.flow() + ": the page says " + (x.allowed() ? "allow" : "deny") + " (\"" + x.doc()
            + "\"), the evaluator says " + v);
      }
    }
    return wrong;
  }
}

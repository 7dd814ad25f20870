package io.netlingua.eval;

/**
 * Answers whether flows are allowed. {@link NeutralEvaluator} implements the neutral semantics of a program;
 * each target's evaluator implements the same interface over that target's emitted objects, so that the two can
 * be compared flow by flow. Implementations are immutable and safe to share between threads.
 */
public interface Evaluator {
  /**
   * The verdict for one flow.
   *
   * @param flow a flow whose pods, nodes and externals belong to the cluster the evaluator was made for
   */
  Verdict evaluate(Flow flow);
}

package io.netlingua.emit.internal;

import java.util.EnumMap;
import java.util.Map;

/**
 * Counts the work of the compile pipeline, step by step, so that a test can show without a clock that the cost
 * grows with the program and not with its square (docs/performance.md, "Linear cost"). Every step adds what it
 * visits: the units it looks at, the rules it reads, the index entries a query returns, the documents it builds.
 * A scan of all units per policy shows here even when it allocates nothing.
 *
 * <p>Counting is off unless a caller asks for it with {@link #count}: the pipeline takes the counter of its own
 * thread once per run ({@link #current}), and an idle counter costs one branch per visit.
 */
public final class Work {
  /** What is counted. */
  public enum Step {
    /** Objects (units) of a target looked at by lowering and deny folding. */
    UNITS,
    /** Lowered rules read or rewritten while folding denies. */
    RULES,
    /** Entries returned by index look-ups (the allows a deny may cut). */
    INDEX_ENTRIES,
    /** Documents built, validated and written. */
    DOCUMENTS
  }

  private static final Work IDLE = new Work(false);
  private static final ThreadLocal<Work> CURRENT = new ThreadLocal<>();

  private final boolean counting;
  private final Map<Step, Long> counts = new EnumMap<>(Step.class);

  private Work(boolean counting) {
    this.counting = counting;
  }

  /** The counter of this thread's run: the one {@link #count} installed, or one that counts nothing. */
  public static Work current() {
    Work work = CURRENT.get();
    return work == null ? IDLE : work;
  }

  /**
   * Runs {@code task} with a fresh counter on this thread and returns what it counted.
   *
   * @param task the work to measure, for example a compilation
   * @return the counts of each step (zero for steps that did not run)
   */
  public static Map<Step, Long> count(Runnable task) {
    Work work = new Work(true);
    Work outer = CURRENT.get();
    CURRENT.set(work);
    try {
      task.run();
    } finally {
      if (outer == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(outer);
      }
    }
    Map<Step, Long> out = new EnumMap<>(Step.class);
    for (Step s : Step.values()) {
      out.put(s, work.counts.getOrDefault(s, 0L));
    }
    return out;
  }

  /** Adds {@code n} visits to a step. */
  public void add(Step step, long n) {
    if (counting) {
      counts.merge(step, n, Long::sum);
    }
  }
}

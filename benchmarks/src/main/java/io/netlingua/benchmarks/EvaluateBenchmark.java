package io.netlingua.benchmarks;

import io.netlingua.Netlingua;
import io.netlingua.diagnostics.Diagnostic;
import io.netlingua.dsl.ParseResult;
import io.netlingua.emit.Compilation;
import io.netlingua.eval.Cluster;
import io.netlingua.eval.Evaluator;
import io.netlingua.eval.Flow;
import io.netlingua.eval.FlowProtocol;
import io.netlingua.eval.IpAddress;
import io.netlingua.targets.Mode;
import io.netlingua.targets.Options;
import io.netlingua.targets.Target;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Evaluators judging a set of flows ({@code evaluate}), beside the floor that time is judged against
 * ({@code floor}): a {@link HashMap} look-up per flow of its (source address, destination address, protocol, port)
 * key, in a table that holds every distinct key of the flow set, with a key object built afresh for each flow of
 * each round, so that the floor pays for reading the flow, building its key and hashing it, as an evaluator pays
 * for reading the flow.
 *
 * <p>The program is {@link ProgramGenerator#program(int, Target)} of {@code policies / 3} teams (three policies
 * each: every peer, port and L7 kind), the cluster {@link FlowGenerator#cluster(int)} of as many teams, and the
 * flows {@link FlowGenerator#flows(int)}: traffic the program's rules allow and refuse, with the HTTP, gRPC, Kafka
 * and DNS requests its L7 rules name. The {@code evaluator} parameter is the neutral evaluator of the program
 * ({@code model}, {@link Netlingua#evaluator(io.netlingua.model.Program, Cluster)}) or a target with an evaluator
 * ({@link Netlingua#evaluableTargets()}), whose objects are compiled in best-effort mode, as the FULL profile of
 * CompileBenchmark is (the program uses every construct, which no target expresses exactly), and judged by
 * {@link Netlingua#evaluator(Compilation, Cluster)}. The set-ups print the program, cluster and flows, how long
 * building each evaluator took, how many flows it allows and on how many it agrees with the model, and how many
 * distinct keys the floor's table holds.
 *
 * <p>The figures to read are the {@code :flows} lines, {@code evaluate:flows} and {@code floor:flows}:
 * nanoseconds per flow with JMH's error (each call judges or looks up the whole flow set and counts its flows in
 * an operations counter, which average-time mode reports as time per counted operation). The primary lines are
 * nanoseconds per whole flow set. {@link Ratios} turns a JSON result into the table of evaluator against floor.
 * See docs/performance.md.
 *
 * <p>Each fork gets a fixed, pre-touched heap of 2 GiB; the million flows take about 150 MB of it, the floor's
 * table some more.
 */
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
public class EvaluateBenchmark {

  /** The key the floor looks up: what a flow is at L4. */
  record Key(IpAddress source, IpAddress destination, FlowProtocol protocol, int port) {
    static Key of(Flow flow) {
      return new Key(flow.source().ip(), flow.destination().ip(), flow.protocol(), flow.port());
    }
  }

  /** The cluster and the flow set, shared by both methods. */
  @State(Scope.Benchmark)
  public static class Traffic {
    /** The number of policies asked for (rounded up to whole teams of three). */
    @Param("1000")
    public int policies;

    /** The number of flows of the set. */
    @Param("1000000")
    public int flows;

    int teams;
    Cluster cluster;
    Flow[] set;

    /** Builds the cluster and the flows. */
    @Setup(Level.Trial)
    public void build() {
      teams = (policies + 2) / 3;
      cluster = FlowGenerator.cluster(teams);
      long before = usedHeap();
      set = new FlowGenerator(cluster).flows(flows);
      long held = usedHeap() - before;
      System.out.printf("%n%d teams (%d policies): %d pods, %d nodes, %d externals; %,d flows, holding about %d MB%n",
          teams, 3 * teams, cluster.pods().size(), cluster.nodes().size(), cluster.externals().size(), set.length,
          held >> 20);
    }
  }

  /** The evaluator judged. */
  @State(Scope.Benchmark)
  public static class Judge {
    /**
     * {@code model}, or a target with an evaluator, by id: the one list a new evaluator joins. A test checks it
     * against {@link Netlingua#evaluableTargets()}.
     */
    @Param({"model", "kubernetes", "cilium", "calico"})
    public String evaluator;

    Evaluator judge;

    /** Reads and compiles the program, builds the evaluator, and judges every flow once. */
    @Setup(Level.Trial)
    public void build(Traffic traffic) {
      long start = System.nanoTime();
      Evaluator model = Netlingua.evaluator(parse(ProgramGenerator.program(traffic.teams)).program(), traffic.cluster);
      if (evaluator.equals("model")) {
        judge = model;
      } else {
        start = System.nanoTime();
        Target target = Target.byId(evaluator).filter(Netlingua.evaluableTargets()::contains).orElseThrow(
            () -> new IllegalArgumentException("no evaluator of " + evaluator + ": 'model' or one of "
                + Netlingua.evaluableTargets().stream().map(Target::id).toList()));
        Compilation compiled = Netlingua.compile(parse(ProgramGenerator.program(traffic.teams, target)), target,
            options());
        if (compiled.hasErrors()) {
          throw new IllegalStateException(evaluator + ": the program must compile in best-effort mode: "
              + compiled.diagnostics().stream().filter(Diagnostic::isError).findFirst().orElseThrow());
        }
        System.out.printf("%s: %d documents%n", evaluator, compiled.documents().size());
        judge = Netlingua.evaluator(compiled, traffic.cluster);
      }
      long built = System.nanoTime() - start;
      int allowed = 0;
      int agree = 0;
      start = System.nanoTime();
      for (Flow f : traffic.set) {
        boolean verdict = judge.evaluate(f).allowed();
        allowed += verdict ? 1 : 0;
        agree += verdict == model.evaluate(f).allowed() ? 1 : 0;
      }
      System.out.printf("%s: built in %d ms; %,d of %,d flows allowed, %,d agree with the model (first pass with"
              + " the model's: %d ms)%n", evaluator, built / 1_000_000, allowed, traffic.set.length, agree,
          (System.nanoTime() - start) / 1_000_000);
    }
  }

  /** The floor's table. */
  @State(Scope.Benchmark)
  public static class Floor {
    Map<Key, Boolean> table;

    /** Puts every distinct key of the flow set into the table. */
    @Setup(Level.Trial)
    public void build(Traffic traffic) {
      long before = usedHeap();
      table = new HashMap<>();
      for (Flow f : traffic.set) {
        table.put(Key.of(f), Boolean.TRUE);
      }
      System.out.printf("floor: %,d distinct keys, the table holding about %d MB%n", table.size(),
          usedHeap() - before >> 20);
    }
  }

  /** Judges every flow of the set. */
  @Benchmark
  public void evaluate(Traffic traffic, Judge judge, Flows counter, Blackhole out) {
    Evaluator e = judge.judge;
    Flow[] set = traffic.set;
    for (Flow f : set) {
      out.consume(e.evaluate(f));
    }
    counter.flows += set.length;
  }

  /** Looks up the key of every flow of the set, each key a new object. */
  @Benchmark
  public void floor(Traffic traffic, Floor floor, Flows counter, Blackhole out) {
    Map<Key, Boolean> table = floor.table;
    Flow[] set = traffic.set;
    for (Flow f : set) {
      out.consume(table.get(Key.of(f)));
    }
    counter.flows += set.length;
  }

  /** The flows judged or looked up, which JMH reports as time per flow. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Flows {
    /** Flows handled in this iteration (JMH divides the iteration's time by it). */
    public long flows;

    /** Starts each iteration from zero. */
    @Setup(Level.Iteration)
    public void reset() {
      flows = 0;
    }
  }

  /**
   * How the targets' objects are compiled: best-effort, as CompileBenchmark's FULL profile, without cluster CIDRs
   * (the partner CIDRs of the program hold addresses outside the cluster next to pod addresses).
   */
  static Options options() {
    return Options.defaults().mode(Mode.BEST_EFFORT);
  }

  private static ParseResult parse(String text) {
    ParseResult result = Netlingua.parse("generated.npl", text);
    if (!result.diagnostics().isEmpty()) {
      throw new IllegalStateException("the generated program is not valid: " + result.diagnostics().get(0));
    }
    return result;
  }

  /** The heap in use after a collection, roughly. */
  private static long usedHeap() {
    Runtime r = Runtime.getRuntime();
    System.gc();
    return r.totalMemory() - r.freeMemory();
  }
}

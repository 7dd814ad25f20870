package io.netlingua.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Prints the figures of a benchmark run beside their floors and goals, one table per benchmark the run holds:
 *
 * <ul>
 *   <li>{@link CompileBenchmark}: per target, profile and size, compile and floor in microseconds per policy with
 *       JMH's error, their ratio, and how compile's time per policy grows from 10,000 to 100,000 policies against
 *       the floor's own growth;
 *   <li>{@link EvaluateBenchmark}: per evaluator, the time per flow with JMH's error, the flows per second, the
 *       floor's time per flow on the same flow set, and their ratio.
 * </ul>
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar CompileBenchmark -rf json -rff result.json
 * java -cp benchmarks/target/benchmarks.jar io.netlingua.benchmarks.Ratios result.json
 * }</pre>
 *
 * <p>It reads each result's operations counter ({@code policies}, {@code flows}: time per policy or per flow), so
 * the run must be in the benchmarks' own average-time mode; any time unit does.
 */
public final class Ratios {
  /** The sizes at which the ratio has a goal, and the two the growth is taken between. */
  static final int SMALLER = 10_000;

  static final int LARGER = 100_000;

  /** Compile may take at most this many times the floor. */
  static final double RATIO_GOAL = 2.0;

  /** Compile's growth per policy from SMALLER to LARGER may be at most this many times the floor's. */
  static final double GROWTH_GOAL = 1.05;

  /** An evaluator may take at most this many times the floor per flow. */
  static final double EVALUATE_GOAL = 10.0;

  private static final String COMPILE = CompileBenchmark.class.getName() + ".";
  private static final String EVALUATE = EvaluateBenchmark.class.getName() + ".";

  private Ratios() {}

  /**
   * Prints the tables of a JMH JSON result file.
   *
   * @param args the file ({@code -rff} of the run)
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: java -cp benchmarks/target/benchmarks.jar io.netlingua.benchmarks.Ratios"
          + " RESULT.json   (from: java -jar benchmarks/target/benchmarks.jar CompileBenchmark|EvaluateBenchmark"
          + " -rf json -rff RESULT.json)");
      System.exit(2);
    }
    System.out.print(table(new ObjectMapper().readTree(Files.readString(Path.of(args[0])))));
  }

  /** A figure in the table's unit (per policy, per flow), with JMH's error (NaN when too few iterations). */
  record Figure(double score, double error) {
    String text() {
      return String.format(Locale.ROOT, "%.3f +- %s", score,
          Double.isNaN(error) ? "?" : String.format(Locale.ROOT, "%.3f", error));
    }
  }

  /** What one pair of CompileBenchmark results was measured on. */
  record Case(String target, String profile, int policies) {
    static final Comparator<Case> ORDER = Comparator.comparing(Case::target).thenComparing(Case::profile)
        .thenComparingInt(Case::policies);
  }

  /** The flow set of an EvaluateBenchmark result: the floor's results are keyed by it alone. */
  record FlowSet(int policies, int flows) {}

  /**
   * The tables of a JMH result: for each of CompileBenchmark and EvaluateBenchmark that it holds, a line of goals,
   * a header, and one line per case. Results of other benchmarks are skipped.
   *
   * @param results the JSON array JMH writes with {@code -rf json}
   * @return the tables, each line ending with a line break, a blank line between two tables
   * @throws IllegalArgumentException if a result has no operations counter or an unknown time unit
   */
  static String table(JsonNode results) {
    List<String> tables = new ArrayList<>();
    compileTable(results).ifPresent(tables::add);
    evaluateTable(results).ifPresent(tables::add);
    if (tables.isEmpty()) {
      return "no result of CompileBenchmark or EvaluateBenchmark\n";
    }
    return String.join("\n", tables);
  }

  /** The CompileBenchmark table, if the run holds its results. */
  private static Optional<String> compileTable(JsonNode results) {
    Map<Case, Figure> compile = new TreeMap<>(Case.ORDER);
    Map<Case, Figure> floor = new TreeMap<>(Case.ORDER);
    for (JsonNode result : results) {
      String benchmark = result.path("benchmark").asText();
      if (!benchmark.startsWith(COMPILE)) {
        continue;
      }
      JsonNode params = result.path("params");
      Case c = new Case(params.path("target").asText(), params.path("profile").asText(),
          params.path("policies").asInt());
      Figure f = perCounted(result, "policies", 1e3, "CompileBenchmark " + c);
      switch (benchmark.substring(COMPILE.length())) {
        case "compile" -> compile.put(c, f);
        case "floor" -> floor.put(c, f);
        default -> throw new IllegalArgumentException("a CompileBenchmark method Ratios does not know: " + benchmark);
      }
    }
    if (compile.isEmpty() && floor.isEmpty()) {
      return Optional.empty();
    }
    TreeMap<Case, Figure> cases = new TreeMap<>(Case.ORDER);
    cases.putAll(compile);
    cases.putAll(floor);
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"target", "profile", "policies", "compile us/policy", "floor us/policy", "ratio",
        "ratio goal", "growth 10k->100k: compile / floor = relative", "growth goal"});
    for (Case c : cases.keySet()) {
      Optional<Figure> comp = Optional.ofNullable(compile.get(c));
      Optional<Figure> flo = Optional.ofNullable(floor.get(c));
      Optional<Double> ratio = comp.flatMap(x -> flo.map(y -> x.score() / y.score()));
      String[] row = {c.target(), c.profile(), Integer.toString(c.policies()),
          comp.map(Figure::text).orElse("missing"), flo.map(Figure::text).orElse("missing"), ratio(ratio),
          c.policies() == SMALLER || c.policies() == LARGER ? verdict(ratio, RATIO_GOAL) : "-", "-", "-"};
      if (c.policies() == LARGER) {
        Case smaller = new Case(c.target(), c.profile(), SMALLER);
        Optional<Double> compileGrowth = growth(compile, smaller, c);
        Optional<Double> floorGrowth = growth(floor, smaller, c);
        if (compileGrowth.isPresent() && floorGrowth.isPresent()) {
          double relative = compileGrowth.get() / floorGrowth.get();
          row[7] = String.format(Locale.ROOT, "%.2fx / %.2fx = %.2f", compileGrowth.get(), floorGrowth.get(),
              relative);
          row[8] = verdict(Optional.of(relative), GROWTH_GOAL);
        } else {
          row[8] = "missing 10k";
        }
      }
      rows.add(row);
    }
    return Optional.of(String.format(Locale.ROOT,
        "Goals: compile at most %.0fx the floor at %,d and %,d policies; compile's time per policy growing from"
            + " %,d to %,d policies at most %.2fx as much as the floor's.%n",
        RATIO_GOAL, SMALLER, LARGER, SMALLER, LARGER, GROWTH_GOAL) + layout(rows));
  }

  /**
   * The EvaluateBenchmark table, if the run holds its results: one line per evaluator and flow set, in the order of
   * the run, each beside the floor of its flow set.
   */
  private static Optional<String> evaluateTable(JsonNode results) {
    Map<String, Map<FlowSet, Figure>> evaluators = new LinkedHashMap<>();
    Map<FlowSet, Figure> floor = new LinkedHashMap<>();
    for (JsonNode result : results) {
      String benchmark = result.path("benchmark").asText();
      if (!benchmark.startsWith(EVALUATE)) {
        continue;
      }
      JsonNode params = result.path("params");
      FlowSet set = new FlowSet(params.path("policies").asInt(), params.path("flows").asInt());
      String evaluator = params.path("evaluator").asText();
      Figure f = perCounted(result, "flows", 1, "EvaluateBenchmark " + evaluator + " " + set);
      switch (benchmark.substring(EVALUATE.length())) {
        case "evaluate" -> evaluators.computeIfAbsent(evaluator, e -> new LinkedHashMap<>()).put(set, f);
        case "floor" -> floor.put(set, f);
        default -> throw new IllegalArgumentException("an EvaluateBenchmark method Ratios does not know: "
            + benchmark);
      }
    }
    if (evaluators.isEmpty() && floor.isEmpty()) {
      return Optional.empty();
    }
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"evaluator", "policies", "flows", "ns/flow", "flows/s", "floor ns/flow", "ratio",
        "goal"});
    evaluators.forEach((evaluator, sets) -> sets.forEach((set, f) -> {
      Optional<Figure> flo = Optional.ofNullable(floor.get(set));
      Optional<Double> ratio = flo.map(y -> f.score() / y.score());
      rows.add(new String[] {evaluator, Integer.toString(set.policies()), Integer.toString(set.flows()), f.text(),
          perSecond(f), flo.map(Figure::text).orElse("missing"), ratio(ratio), verdict(ratio, EVALUATE_GOAL)});
    }));
    floor.forEach((set, f) -> {
      if (evaluators.values().stream().noneMatch(sets -> sets.containsKey(set))) {
        rows.add(new String[] {"(floor only)", Integer.toString(set.policies()), Integer.toString(set.flows()),
            "missing", "-", f.text(), "-", "missing"});
      }
    });
    return Optional.of(String.format(Locale.ROOT,
        "Goal: each evaluator at most %.0fx the floor per flow (a HashMap look-up of the flow's key).%n",
        EVALUATE_GOAL) + layout(rows));
  }

  /**
   * The time per counted operation of a result (its operations counter), in the table's unit.
   *
   * @param result one JMH result
   * @param counter the counter's name
   * @param unit the table's unit in nanoseconds (1,000: microseconds)
   * @param what the result, for the message
   * @throws IllegalArgumentException if the result has no such counter (a run in another mode)
   */
  private static Figure perCounted(JsonNode result, String counter, double unit, String what) {
    JsonNode metric = result.path("secondaryMetrics").path(counter);
    if (metric.isMissingNode()) {
      throw new IllegalArgumentException(result.path("benchmark").asText() + " " + what + ": no '" + counter
          + "' counter; run the benchmark in its own mode (average time), not -bm " + result.path("mode").asText());
    }
    double scale = nanos(metric.path("scoreUnit").asText()) / unit;
    return new Figure(metric.path("score").asDouble() * scale, metric.path("scoreError").asDouble() * scale);
  }

  /** One line per row, each column as wide as its widest cell, two spaces between columns. */
  private static String layout(List<String[]> rows) {
    int[] widths = new int[rows.get(0).length];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.length; i++) {
        line.append(i == 0 ? "" : "  ").append(String.format(Locale.ROOT, "%-" + widths[i] + "s", row[i]));
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    return out.toString();
  }

  private static Optional<Double> growth(Map<Case, Figure> figures, Case from, Case to) {
    return Optional.ofNullable(figures.get(from))
        .flatMap(a -> Optional.ofNullable(figures.get(to)).map(b -> b.score() / a.score()));
  }

  private static String ratio(Optional<Double> ratio) {
    return ratio.map(r -> String.format(Locale.ROOT, "%.2f", r)).orElse("-");
  }

  /** Flows per second of a time per flow in nanoseconds. */
  private static String perSecond(Figure nanosPerFlow) {
    return String.format(Locale.ROOT, "%,.0f", 1e9 / nanosPerFlow.score());
  }

  private static String verdict(Optional<Double> value, double goal) {
    return value.map(v -> v <= goal ? "met (<= " + goal + ")" : "MISSED (<= " + goal + ")").orElse("missing");
  }

  /** Nanoseconds per unit of a JMH average-time unit ({@code ns/op}, {@code us/op}, ...). */
  private static double nanos(String unit) {
    return switch (unit) {
      case "ns/op" -> 1;
      case "us/op" -> 1e3;
      case "ms/op" -> 1e6;
      case "s/op" -> 1e9;
      default -> throw new IllegalArgumentException("not a time per operation: " + unit);
    };
  }
}

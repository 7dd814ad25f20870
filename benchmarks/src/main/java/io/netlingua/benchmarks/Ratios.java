package io.netlingua.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Prints the figures of a {@link CompileBenchmark} run beside its goals: per target, profile and size, compile
 * and floor in microseconds per policy with JMH's error, their ratio, and how compile's time per policy grows
 * from 10,000 to 100,000 policies against the floor's own growth.
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar CompileBenchmark -rf json -rff result.json
 * java -cp benchmarks/target/benchmarks.jar io.netlingua.benchmarks.Ratios result.json
 * }</pre>
 *
 * <p>It reads the {@code policies} counter of each result (time per policy), so the run must be in
 * CompileBenchmark's own average-time mode; any time unit does.
 */
public final class Ratios {
  /** The sizes at which the ratio has a goal, and the two the growth is taken between. */
  static final int SMALLER = 10_000;

  static final int LARGER = 100_000;

  /** Compile may take at most this many times the floor. */
  static final double RATIO_GOAL = 2.0;

  /** Compile's growth per policy from SMALLER to LARGER may be at most this many times the floor's. */
  static final double GROWTH_GOAL = 1.05;

  private static final String PREFIX = CompileBenchmark.class.getName() + ".";

  private Ratios() {}

  /**
   * Prints the table of a JMH JSON result file.
   *
   * @param args the file ({@code -rff} of the run)
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: java -cp benchmarks/target/benchmarks.jar io.netlingua.benchmarks.Ratios"
          + " RESULT.json   (from: java -jar benchmarks/target/benchmarks.jar CompileBenchmark -rf json"
          + " -rff RESULT.json)");
      System.exit(2);
    }
    System.out.print(table(new ObjectMapper().readTree(Files.readString(Path.of(args[0])))));
  }

  /** A figure in microseconds per policy, with JMH's error (NaN when the run had too few iterations). */
  record Figure(double score, double error) {
    String text() {
      return String.format(Locale.ROOT, "%.3f +- %s", score,
          Double.isNaN(error) ? "?" : String.format(Locale.ROOT, "%.3f", error));
    }
  }

  /** What one pair of results was measured on. */
  record Case(String target, String profile, int policies) {
    static final Comparator<Case> ORDER = Comparator.comparing(Case::target).thenComparing(Case::profile)
        .thenComparingInt(Case::policies);
  }

  /**
   * The table of a JMH result: a line of goals, a header, and one line per target, profile and size. Results of
   * other benchmarks are skipped.
   *
   * @param results the JSON array JMH writes with {@code -rf json}
   * @return the table, each line ending with a line break
   * @throws IllegalArgumentException if a CompileBenchmark result has no {@code policies} counter or an unknown
   *     time unit
   */
  static String table(JsonNode results) {
    Map<Case, Figure> compile = new TreeMap<>(Case.ORDER);
    Map<Case, Figure> floor = new TreeMap<>(Case.ORDER);
    for (JsonNode result : results) {
      String benchmark = result.path("benchmark").asText();
      if (!benchmark.startsWith(PREFIX)) {
        continue;
      }
      JsonNode params = result.path("params");
      Case c = new Case(params.path("target").asText(), params.path("profile").asText(),
          params.path("policies").asInt());
      JsonNode metric = result.path("secondaryMetrics").path("policies");
      if (metric.isMissingNode()) {
        throw new IllegalArgumentException(benchmark + " " + c + ": no 'policies' counter; run CompileBenchmark"
            + " in its own mode (average time), not -bm " + result.path("mode").asText());
      }
      double micros = micros(metric.path("scoreUnit").asText());
      Figure f = new Figure(metric.path("score").asDouble() * micros, metric.path("scoreError").asDouble() * micros);
      switch (benchmark.substring(PREFIX.length())) {
        case "compile" -> compile.put(c, f);
        case "floor" -> floor.put(c, f);
        default -> throw new IllegalArgumentException("a CompileBenchmark method Ratios does not know: " + benchmark);
      }
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
          comp.map(Figure::text).orElse("missing"), flo.map(Figure::text).orElse("missing"),
          ratio.map(r -> String.format(Locale.ROOT, "%.2f", r)).orElse("-"),
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
    StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
        "Goals: compile at most %.0fx the floor at %,d and %,d policies; compile's time per policy growing from"
            + " %,d to %,d policies at most %.2fx as much as the floor's.%n",
        RATIO_GOAL, SMALLER, LARGER, SMALLER, LARGER, GROWTH_GOAL));
    int[] widths = new int[rows.get(0).length];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
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

  private static String verdict(Optional<Double> value, double goal) {
    return value.map(v -> v <= goal ? "met (<= " + goal + ")" : "MISSED (<= " + goal + ")").orElse("missing");
  }

  /** Microseconds per unit of a JMH average-time unit ({@code ns/op}, {@code us/op}, ...). */
  private static double micros(String unit) {
    return switch (unit) {
      case "ns/op" -> 1e-3;
      case "us/op" -> 1;
      case "ms/op" -> 1e3;
      case "s/op" -> 1e6;
      default -> throw new IllegalArgumentException("not a time per operation: " + unit);
    };
  }
}

package io.netlingua.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The ratio printer reads JMH's JSON as CompileBenchmark and EvaluateBenchmark write it, and judges goals right. */
class RatiosTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One JMH result of CompileBenchmark, with the counter in the unit given. */
  private static String result(String method, String profile, int policies, double score, String error,
      String unit) {
    return """
        {"jmhVersion": "1.37", "benchmark": "io.netlingua.benchmarks.CompileBenchmark.%s", "mode": "avgt",
         "params": {"policies": "%d", "profile": "%s", "target": "kubernetes"},
         "primaryMetric": {"score": %s, "scoreError": 1.0, "scoreUnit": "us/op"},
         "secondaryMetrics": {"policies": {"score": %s, "scoreError": %s, "scoreUnit": "%s"}}}
        """.formatted(method, policies, profile, score * policies, score, error, unit);
  }

  /** One JMH result of EvaluateBenchmark (evaluator null: the floor), its flows counter in the unit given. */
  private static String evaluate(String evaluator, double nanosPerFlow, String error, String unit, double scale) {
    String method = evaluator == null ? "floor" : "evaluate";
    String param = evaluator == null ? "" : "\"evaluator\": \"%s\", ".formatted(evaluator);
    return """
        {"jmhVersion": "1.37", "benchmark": "io.netlingua.benchmarks.EvaluateBenchmark.%s", "mode": "avgt",
         "params": {%s"flows": "1000000", "policies": "1000"},
         "primaryMetric": {"score": %s, "scoreError": 1.0, "scoreUnit": "ns/op"},
         "secondaryMetrics": {"flows": {"score": %s, "scoreError": %s, "scoreUnit": "%s"}}}
        """.formatted(method, param, nanosPerFlow * 1e6, nanosPerFlow / scale, error, unit);
  }

  private static JsonNode results(String... results) throws Exception {
    return JSON.readTree("[" + String.join(",", results) + "]");
  }

  @Test
  void printsCompileAndFloorPerPolicyTheirRatioAndTheGrowthAgainstTheGoals() throws Exception {
    String table = Ratios.table(results(
        result("compile", "EXACT", 10_000, 3.0, "0.1", "us/op"),
        result("floor", "EXACT", 10_000, 2.0, "0.05", "us/op"),
        // In nanoseconds: converted to microseconds.
        result("compile", "EXACT", 100_000, 3600.0, "100.0", "ns/op"),
        result("floor", "EXACT", 100_000, 2200.0, "\"NaN\"", "ns/op"),
        result("compile", "FULL", 1_000, 9.0, "1.0", "us/op"),
        result("floor", "FULL", 1_000, 2.0, "0.2", "us/op"),
        result("compile", "FULL", 10_000, 5.0, "0.5", "us/op"),
        result("floor", "FULL", 10_000, 2.0, "0.1", "us/op"),
        """
        {"benchmark": "io.netlingua.benchmarks.ParseBenchmark.parse", "mode": "avgt", "params": {}}
        """));

    assertThat(table.lines()).hasSize(6);
    assertThat(table.lines().findFirst().orElseThrow())
        .contains("at most 2x the floor at 10,000 and 100,000 policies").contains("at most 1.05x");
    assertThat(table).doesNotContain("ParseBenchmark");
    assertThat(table.lines().skip(2)).satisfiesExactly(
        line -> assertThat(line.split("  +")).containsExactly(
            "kubernetes", "EXACT", "10000", "3.000 +- 0.100", "2.000 +- 0.050", "1.50", "met (<= 2.0)", "-", "-"),
        // Growth: compile 3.6 / 3.0 = 1.20x, floor 2.2 / 2.0 = 1.10x, relative 1.09 > 1.05.
        line -> assertThat(line.split("  +")).containsExactly(
            "kubernetes", "EXACT", "100000", "3.600 +- 0.100", "2.200 +- ?", "1.64", "met (<= 2.0)",
            "1.20x / 1.10x = 1.09", "MISSED (<= 1.05)"),
        // No goal at 1,000 policies.
        line -> assertThat(line.split("  +")).containsExactly(
            "kubernetes", "FULL", "1000", "9.000 +- 1.000", "2.000 +- 0.200", "4.50", "-", "-", "-"),
        line -> assertThat(line.split("  +")).containsExactly(
            "kubernetes", "FULL", "10000", "5.000 +- 0.500", "2.000 +- 0.100", "2.50", "MISSED (<= 2.0)", "-",
            "-"));
  }

  @Test
  void saysWhatIsMissing() throws Exception {
    String table = Ratios.table(results(
        result("compile", "EXACT", 100_000, 3.0, "0.1", "us/op"),
        result("floor", "EXACT", 100_000, 1.0, "0.1", "us/op"),
        result("compile", "FULL", 10_000, 3.0, "0.1", "us/op")));

    assertThat(table.lines().skip(2)).satisfiesExactly(
        line -> assertThat(line.split("  +")).containsExactly(
            "kubernetes", "EXACT", "100000", "3.000 +- 0.100", "1.000 +- 0.100", "3.00", "MISSED (<= 2.0)", "-",
            "missing 10k"),
        line -> assertThat(line.split("  +")).containsExactly(
            "kubernetes", "FULL", "10000", "3.000 +- 0.100", "missing", "-", "missing", "-", "-"));
  }

  @Test
  void printsEachEvaluatorPerFlowBesideTheFloorOfItsFlowSetInTheOrderOfTheRun() throws Exception {
    String table = Ratios.table(results(
        evaluate("model", 400.0, "20.0", "ns/op", 1),
        // In microseconds: converted to nanoseconds.
        evaluate("kubernetes", 1_500.0, "\"NaN\"", "us/op", 1_000),
        evaluate(null, 100.0, "5.0", "ns/op", 1)));

    assertThat(table.lines()).hasSize(4);
    assertThat(table.lines().findFirst().orElseThrow()).contains("at most 10x the floor per flow");
    assertThat(table.lines().skip(1)).satisfiesExactly(
        line -> assertThat(line.split("  +")).containsExactly(
            "evaluator", "policies", "flows", "ns/flow", "flows/s", "floor ns/flow", "ratio", "goal"),
        line -> assertThat(line.split("  +")).containsExactly(
            "model", "1000", "1000000", "400.000 +- 20.000", "2,500,000", "100.000 +- 5.000", "4.00",
            "met (<= 10.0)"),
        line -> assertThat(line.split("  +")).containsExactly(
            "kubernetes", "1000", "1000000", "1500.000 +- ?", "666,667", "100.000 +- 5.000", "15.00",
            "MISSED (<= 10.0)"));
  }

  @Test
  void printsBothTablesOfARunThatHoldsBothBenchmarks() throws Exception {
    String table = Ratios.table(results(
        result("compile", "EXACT", 10_000, 3.0, "0.1", "us/op"),
        evaluate("model", 400.0, "20.0", "ns/op", 1)));

    assertThat(table).contains("compile at most 2x").contains("at most 10x the floor per flow")
        .contains("\n\nGoal: ");
    assertThat(table.lines().filter(l -> l.startsWith("model"))).singleElement().asString()
        .contains("missing", "-", "missing");
  }

  @Test
  void refusesAResultWithoutThePerPolicyCounter() throws Exception {
    JsonNode throughput = results("""
        {"benchmark": "io.netlingua.benchmarks.CompileBenchmark.compile", "mode": "thrpt",
         "params": {"policies": "1000", "profile": "EXACT", "target": "kubernetes"},
         "primaryMetric": {"score": 1.0, "scoreError": 0.1, "scoreUnit": "ops/s"}}
        """);
    assertThatThrownBy(() -> Ratios.table(throughput))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'policies' counter");
  }

  @Test
  void refusesAnEvaluateResultWithoutThePerFlowCounter() throws Exception {
    JsonNode throughput = results("""
        {"benchmark": "io.netlingua.benchmarks.EvaluateBenchmark.evaluate", "mode": "thrpt",
         "params": {"evaluator": "model", "flows": "1000000", "policies": "1000"},
         "primaryMetric": {"score": 1.0, "scoreError": 0.1, "scoreUnit": "ops/s"}}
        """);
    assertThatThrownBy(() -> Ratios.table(throughput))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'flows' counter");
  }
}

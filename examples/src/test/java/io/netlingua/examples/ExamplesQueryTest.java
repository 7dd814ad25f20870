package io.netlingua.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netlingua.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import io.netlingua.Netlingua;
import io.netlingua.targets.Target;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * {@code netlingua query --target T --mode fail-closed --cluster cluster.yaml --flows connectivity.yaml EXAMPLE} on
 * every example, for each target with an evaluator but Kubernetes (which {@code ExamplesConnectivityTest} covers):
 * the target's objects, read as its platform reads them, against each example's expected flows. Every example exits
 * 0 but those listed here per target, each with what keeps it from 0:
 *
 * <ul>
 *   <li>exit 1, a flow that gets another verdict: the narrower diagnostic of the fail-closed report that explains
 *       it (its place), and the policy of that place, which the verdict's reason names;
 *   <li>exit 2, nothing to judge: fail-closed writes nothing, because of the wider diagnostics listed.
 * </ul>
 */
class ExamplesQueryTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * A flow whose verdict on Cilium differs from its expectation, and why.
   *
   * @param flow where the flow is written ({@code connectivity.yaml:LINE:COL})
   * @param diagnostic the narrower diagnostic that explains it ({@code file:line:col: warning[NLnnnn]})
   * @param policy the policy of that diagnostic, named in the verdict's reason
   */
  private record Explained(String flow, String diagnostic, String policy) {}

  /**
   * What keeps the examples of one target from exit 0.
   *
   * @param differing by example, the flows that get another verdict, each explained
   * @param notWritten by example, the wider diagnostics for which fail-closed writes nothing
   */
  private record Expected(Map<String, List<Explained>> differing, Map<String, List<String>> notWritten) {}

  private static final Map<String, Expected> BY_TARGET = Map.of(
      "cilium", new Expected(
          Map.of(
              // Cilium up to 1.18 resolves egress named ports on the port names of every pod of the cluster: web's
              // "allow to api on tcp/http" loses its port in fail-closed mode, and so does the batch jobs' rule.
              "namespace-isolation", List.of(
                  new Explained("connectivity.yaml:14:3", "web.npl:21:21: warning[NL3018]", "ledger/web"),
                  new Explained("connectivity.yaml:16:3", "batch.npl:10:58: warning[NL3018]", "ledger-batch/reports"))),
          // Cilium's icmps have no code: "icmp type 3 code 4" becomes every code of type 3.
          Map.of("trading", List.of("gateway.npl:27:26: error[NL3021]"))));

  @TestFactory
  Stream<DynamicTest> everyExampleExitsZeroButTheListedOnes() {
    assertThat(BY_TARGET.keySet()).as("every target with an evaluator but kubernetes")
        .isEqualTo(Netlingua.evaluableTargets().stream().map(Target::id).filter(t -> !t.equals("kubernetes"))
            .collect(Collectors.toSet()));
    return BY_TARGET.entrySet().stream().sorted(Map.Entry.comparingByKey())
        .map(e -> DynamicTest.dynamicTest(e.getKey(), () -> check(e.getKey(), e.getValue())));
  }

  private static void check(String target, Expected expected) throws Exception {
    Map<String, Integer> exits = new TreeMap<>();
    for (Path example : Examples.all()) {
      String name = example.getFileName().toString();
      Run query = run("query", "--target", target, "--mode", "fail-closed",
          "--cluster", example.resolve("cluster.yaml").toString(),
          "--flows", example.resolve("connectivity.yaml").toString(), example.toString());
      exits.put(name, query.exit());
      if (expected.differing().containsKey(name)) {
        Run check = run("compile", example.toString(), "--target", target, "--mode", "fail-closed");
        assertDiffering(target + " " + name, query, check, expected.differing().get(name));
      } else if (expected.notWritten().containsKey(name)) {
        assertThat(query.err()).as(name).contains("nothing written");
        for (String error : expected.notWritten().get(name)) {
          assertThat(query.err()).as(name).contains(error).contains("(wider)");
        }
      } else {
        assertThat(query.err()).as(target + " " + name).doesNotContain("expected ");
      }
    }
    Map<String, Integer> exitCodes = new TreeMap<>();
    Examples.all().forEach(e -> exitCodes.put(e.getFileName().toString(), 0));
    expected.differing().keySet().forEach(n -> exitCodes.put(n, 1));
    expected.notWritten().keySet().forEach(n -> exitCodes.put(n, 2));
    assertThat(exits).as(target).isEqualTo(exitCodes);
  }

  /** Exactly the listed flows differ, each explained by its narrower diagnostic and naming its policy. */
  private static void assertDiffering(String name, Run query, Run compile, List<Explained> explained)
      throws Exception {
    List<String> differing = new ArrayList<>();
    for (String line : query.err().split("\n")) {
      if (line.contains(": expected ")) {
        differing.add(line.substring(line.indexOf("connectivity.yaml"), line.indexOf(": expected ")));
      }
    }
    assertThat(differing).as(name).containsExactlyElementsOf(explained.stream().map(Explained::flow).toList());
    JsonNode verdicts = JSON.readTree(query.out());
    List<String> reasons = new ArrayList<>();
    verdicts.forEach(v -> {
      if (!v.path("expect").isNull() && !v.path("expect").asText().equals(v.path("verdict").asText())) {
        reasons.add(v.path("reason").asText());
      }
    });
    assertThat(reasons).as(name).hasSameSizeAs(explained);
    for (int i = 0; i < explained.size(); i++) {
      Explained e = explained.get(i);
      assertThat(compile.err()).as(name).contains(e.diagnostic()).contains("(narrower)");
      assertThat(reasons.get(i)).as(name + " " + e.flow()).contains(e.policy());
    }
  }

  private record Run(int exit, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.run(new PrintWriter(out), new PrintWriter(err), args);
    return new Run(exit, out.toString(), err.toString());
  }
}

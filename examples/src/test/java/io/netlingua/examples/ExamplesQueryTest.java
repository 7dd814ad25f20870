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
          Map.of("trading", List.of("gateway.npl:27:26: error[NL3021]"))),
      // Calico open source has no L7 rule but HTTP, and HTTP only with Application Layer Policy stated: every rule
      // with an L7 block, and every fqdn peer, is left out in fail-closed mode, and the flows they allowed are
      // denied, each explained by the narrower warning at the block or peer and naming the object of its policy.
      "calico", new Expected(
          Map.of(
              "kafka-pipeline", List.of(
                  new Explained("connectivity.yaml:4:3", "clients.npl:9:48: warning[NL3006]", "cluster/shop-orders-events"),
                  new Explained("connectivity.yaml:8:3", "clients.npl:26:48: warning[NL3006]", "cluster/risk-fraud-events"),
                  new Explained("connectivity.yaml:14:3", "brokers.npl:22:109: warning[NL3006]", "cluster/streaming-brokers"),
                  new Explained("connectivity.yaml:27:3", "clients.npl:14:47: warning[NL3004]", "cluster/shop-orders-events"),
                  new Explained("connectivity.yaml:29:3", "clients.npl:14:47: warning[NL3004]", "cluster/shop-orders-events"),
                  new Explained("connectivity.yaml:33:3", "clients.npl:30:47: warning[NL3004]", "cluster/risk-fraud-events"),
                  new Explained("connectivity.yaml:37:3", "schema-registry.npl:26:69: warning[NL3004]", "cluster/streaming-schema-registry"),
                  new Explained("connectivity.yaml:44:3", "connect.npl:12:88: warning[NL3004]", "cluster/streaming-connect"),
                  new Explained("connectivity.yaml:52:3", "connect.npl:22:41: warning[NL3006]", "cluster/streaming-connect"),
                  new Explained("connectivity.yaml:56:3", "connect.npl:31:14: warning[NL3008]", "cluster/streaming-connect"),
                  new Explained("connectivity.yaml:58:3", "connect.npl:32:41: warning[NL3007]", "cluster/streaming-connect")),
              "saas", List.of(
                  new Explained("connectivity.yaml:30:3", "platform.npl:30:14: warning[NL3008]", "cluster/platform-billing"),
                  new Explained("connectivity.yaml:32:3", "platform.npl:31:36: warning[NL3007]", "cluster/platform-billing"),
                  new Explained("connectivity.yaml:39:3", "platform.npl:40:19: warning[NL3004]", "cluster/platform-analytics"),
                  new Explained("connectivity.yaml:41:3", "platform.npl:40:19: warning[NL3004]", "cluster/platform-analytics")),
              "shop", List.of(
                  new Explained("connectivity.yaml:4:3", "storefront.npl:11:44: warning[NL3004]", "cluster/shop-storefront"),
                  new Explained("connectivity.yaml:6:3", "storefront.npl:11:44: warning[NL3004]", "cluster/shop-storefront"),
                  new Explained("connectivity.yaml:8:3", "storefront.npl:11:44: warning[NL3004]", "cluster/shop-storefront"),
                  new Explained("connectivity.yaml:17:3", "storefront.npl:19:34: warning[NL3004]", "cluster/shop-storefront"),
                  new Explained("connectivity.yaml:21:3", "storefront.npl:19:34: warning[NL3004]", "cluster/shop-storefront"),
                  new Explained("connectivity.yaml:27:3", "storefront.npl:22:33: warning[NL3004]", "cluster/shop-storefront"),
                  new Explained("connectivity.yaml:29:3", "storefront.npl:22:33: warning[NL3004]", "cluster/shop-storefront"),
                  new Explained("connectivity.yaml:31:3", "storefront.npl:22:33: warning[NL3004]", "cluster/shop-storefront"),
                  new Explained("connectivity.yaml:38:3", "orders.npl:18:73: warning[NL3004]", "cluster/shop-orders-api"),
                  new Explained("connectivity.yaml:44:3", "orders.npl:18:73: warning[NL3004]", "cluster/shop-orders-api"),
                  new Explained("connectivity.yaml:51:3", "orders.npl:29:35: warning[NL3004]", "cluster/shop-orders-api"),
                  new Explained("connectivity.yaml:53:3", "orders.npl:29:35: warning[NL3004]", "cluster/shop-orders-api"),
                  new Explained("connectivity.yaml:59:3", "payments.npl:18:14: warning[NL3008]", "cluster/shop-payments"),
                  new Explained("connectivity.yaml:60:3", "payments.npl:18:14: warning[NL3008]", "cluster/shop-payments"),
                  new Explained("connectivity.yaml:76:3", "orders.npl:22:42: warning[NL3004]", "cluster/shop-orders-api"),
                  new Explained("connectivity.yaml:80:3", "baseline.npl:32:44: warning[NL3004]", "cluster/shop-api-health")),
              "trading", List.of(
                  new Explained("connectivity.yaml:5:3", "gateway.npl:17:39: warning[NL3005]", "cluster/trading-order-gateway"),
                  new Explained("connectivity.yaml:9:3", "risk.npl:23:50: warning[NL3005]", "cluster/trading-risk-engine"),
                  new Explained("connectivity.yaml:15:3", "gateway.npl:33:39: warning[NL3005]", "cluster/trading-order-gateway"),
                  new Explained("connectivity.yaml:17:3", "risk.npl:16:54: warning[NL3005]", "cluster/trading-risk-engine"))),
          // world is wider without the cluster's CIDRs stated: Calico's nets match pod and node addresses too.
          Map.of("zero-trust", List.of("platform.npl:17:16: error[NL3009]"))));

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

  /**
   * {@code query --target kubernetes --mode best-effort --reading R} judges every flow of every example as Cilium and
   * as Calico read the NetworkPolicies (best-effort, the mode in which every example's Kubernetes compilation writes
   * its objects: fail-closed writes nothing for saas and zero-trust): every entry is there, as many as on the
   * Kubernetes reading, and each reason ends with the reading. zero-trust has no NetworkPolicy to read in any mode:
   * its subjects pick namespaces by label, which a NetworkPolicy cannot (NL3002, impossible); both readings then
   * report what the Kubernetes compilation reports and exit 2.
   */
  @TestFactory
  Stream<DynamicTest> everyExampleIsJudgedUnderEachReading() {
    return Stream.of("cilium", "calico").map(reading -> DynamicTest.dynamicTest(reading, () -> {
      for (Path example : Examples.all()) {
        String name = example.getFileName().toString();
        String[] common = {"query", "--target", "kubernetes", "--mode", "best-effort",
            "--cluster", example.resolve("cluster.yaml").toString(),
            "--flows", example.resolve("connectivity.yaml").toString(), example.toString()};
        Run plain = run(common);
        Run read = run(Stream.concat(Stream.of(common).limit(5), Stream.concat(Stream.of("--reading", reading),
            Stream.of(common).skip(5))).toArray(String[]::new));
        if (name.equals("zero-trust")) {
          assertThat(plain.exit()).isEqualTo(2);
          assertThat(read.exit()).isEqualTo(2);
          assertThat(read.err()).isEqualTo(plain.err()).contains("error[NL3002]").contains("(impossible)");
          continue;
        }
        assertThat(read.exit()).as(reading + " " + name + ": " + read.err()).isIn(0, 1);
        JsonNode kubernetes = JSON.readTree(plain.out());
        JsonNode verdicts = JSON.readTree(read.out());
        assertThat(verdicts.size()).as(name).isEqualTo(kubernetes.size()).isPositive();
        String note = "Kubernetes NetworkPolicy objects read as " + reading + " "
            + Target.valueOf(reading.toUpperCase(java.util.Locale.ROOT)).defaultVersion() + " enforces them";
        verdicts.forEach(v -> assertThat(v.path("reason").asText()).as(name).endsWith(note));
      }
    }));
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

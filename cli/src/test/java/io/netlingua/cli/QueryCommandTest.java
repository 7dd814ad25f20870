package io.netlingua.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code netlingua query}: verdicts and reasons as JSON, expectations, and the exit codes 0, 1 and 2. */
class QueryCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private Path program;
  private Path cluster;

  @BeforeEach
  void files() throws IOException {
    program = write("shop.npl", """
        namespace shop
        policy backend {
          select pods(app=backend)
          ingress {
            allow from pods(app=frontend) on tcp/8080
          }
        }
        """);
    cluster = write("cluster.yaml", """
        namespaces: {shop: {}}
        nodes: [{name: n1, ip: 10.0.0.1}]
        pods:
          - {name: frontend, namespace: shop, labels: {app: frontend}, ip: 10.244.0.1, node: n1}
          - {name: backend, namespace: shop, labels: {app: backend}, ip: 10.244.0.2, node: n1}
          - {name: other, namespace: shop, labels: {app: other}, ip: 10.244.0.3, node: n1}
        """);
  }

  @Test
  void oneFlowOnTheCommandLineGetsItsVerdictAndTheDecidingRule() throws IOException {
    CliRun run = CliRun.of("query", "--cluster", cluster.toString(), "shop/frontend -> shop/backend tcp/8080",
        program.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode entry = JSON.readTree(run.out()).get(0);
    assertThat(entry.get("flow").asText()).isEqualTo("shop/frontend -> shop/backend tcp/8080");
    assertThat(entry.get("verdict").asText()).isEqualTo("allow");
    assertThat(entry.get("rule").asText()).isEqualTo(program + ":5:5");
    assertThat(entry.get("reason").asText()).contains("allowed by allow rule of policy shop/backend at " + program);
    assertThat(entry.get("expect").isNull()).isTrue();
  }

  @Test
  void aFlowFileWhoseExpectationsHoldExitsZero() throws IOException {
    Path flows = write("flows.yaml", """
        - {from: shop/frontend, to: shop/backend, protocol: tcp, port: 8080, expect: allow}
        - {from: shop/other, to: shop/backend, protocol: tcp, port: 8080, expect: deny}
        - {from: shop/backend, to: shop/other, protocol: udp, port: 53}
        """);
    CliRun run = CliRun.of("query", "--cluster", cluster.toString(), "--flows", flows.toString(),
        program.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode out = JSON.readTree(run.out());
    assertThat(out).hasSize(3);
    assertThat(out.get(1).get("verdict").asText()).isEqualTo("deny");
    assertThat(out.get(1).get("reason").asText()).isEqualTo("ingress: isolated by shop/backend and no rule matched");
    assertThat(out.get(1).get("rule").isNull()).isTrue();
    assertThat(out.get(1).get("expect").asText()).isEqualTo("deny");
    assertThat(out.get(2).get("reason").asText()).isEqualTo("egress: not isolated; ingress: not isolated");
  }

  @Test
  void aFlowThatGetsAnotherVerdictThanExpectedExitsOneAndSaysWhere() throws IOException {
    Path flows = write("flows.yaml", """
        - {from: shop/frontend, to: shop/backend, protocol: tcp, port: 8080, expect: allow}
        - {from: shop/other, to: shop/backend, protocol: tcp, port: 8080, expect: allow}
        """);
    CliRun run = CliRun.of("query", "--cluster", cluster.toString(), "--flows", flows.toString(),
        program.toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(JSON.readTree(run.out())).hasSize(2);
    assertThat(run.err()).startsWith(flows + ":2:3: expected allow, got deny (ingress: isolated by shop/backend")
        .contains("shop/other -> shop/backend tcp/8080");
  }

  @Test
  void onTheKubernetesObjectsTheVerdictNamesTheNetworkPolicy() throws IOException {
    CliRun run = CliRun.of("query", "--cluster", cluster.toString(), "--target", "kubernetes",
        "shop/other -> shop/backend tcp/8080", program.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode entry = JSON.readTree(run.out()).get(0);
    assertThat(entry.get("verdict").asText()).isEqualTo("deny");
    assertThat(entry.get("reason").asText()).contains("backend");
  }

  /**
   * LANGUAGE.md's examples of the L7 block, end to end: a prefix by segment ({@code /api} vs {@code /apiary}), the
   * path the server will serve ({@code /public/../admin}), a query string ({@code /api?x=1}) and a host with a port
   * ({@code shop.example.com:8080}), in a flow file and on the command line.
   */
  @Test
  void requestsAreJudgedOnThePathTheServerServesAndTheHostWithAnyPort() throws IOException {
    Path l7 = write("l7.npl", """
        namespace shop
        policy backend {
          select pods(app=backend)
          ingress {
            allow from pods(app=frontend) on tcp/8080 {
              http GET path prefix "/api"
              http GET path prefix "/public"
              http GET path "/status" host "shop.example.com"
              http GET path "/metrics" host "shop.example.com:9090"
            }
          }
        }
        """);
    Path flows = write("l7-flows.yaml", """
        - {from: shop/frontend, to: shop/backend, protocol: tcp, port: 8080, http: {method: GET, path: /api}, expect: allow}
        - {from: shop/frontend, to: shop/backend, protocol: tcp, port: 8080, http: {method: GET, path: /api/v1}, expect: allow}
        - {from: shop/frontend, to: shop/backend, protocol: tcp, port: 8080, http: {method: GET, path: /apiary}, expect: deny}
        - {from: shop/frontend, to: shop/backend, protocol: tcp, port: 8080, http: {method: GET, path: "/api?x=1"}, expect: allow}
        - {from: shop/frontend, to: shop/backend, protocol: tcp, port: 8080, http: {method: GET, path: /public/../admin}, expect: deny}
        - {from: shop/frontend, to: shop/backend, protocol: tcp, port: 8080, http: {method: GET, path: /public/./css}, expect: allow}
        - {from: shop/frontend, to: shop/backend, protocol: tcp, port: 8080,
           http: {method: GET, path: /status, host: "shop.example.com:8080"}, expect: allow}
        - {from: shop/frontend, to: shop/backend, protocol: tcp, port: 8080,
           http: {method: GET, path: /status, host: SHOP.example.com}, expect: allow}
        - {from: shop/frontend, to: shop/backend, protocol: tcp, port: 8080,
           http: {method: GET, path: /metrics, host: shop.example.com}, expect: deny}
        - {from: shop/frontend, to: shop/backend, protocol: tcp, port: 8080,
           http: {method: GET, path: "/metrics?x=1", host: "shop.example.com:9090"}, expect: allow}
        """);
    CliRun run = CliRun.of("query", "--cluster", cluster.toString(), "--flows", flows.toString(), l7.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode out = JSON.readTree(run.out());
    assertThat(out).hasSize(10);
    out.forEach(entry -> assertThat(entry.get("verdict").asText()).as(entry.toString())
        .isEqualTo(entry.get("expect").asText()));
    assertThat(out.get(2).get("reason").asText()).startsWith("ingress: request refused at L7 by allow rule");

    CliRun line = CliRun.of("query", "--cluster", cluster.toString(),
        "shop/frontend -> shop/backend tcp/8080 GET /api/v1?page=2 host shop.example.com:8080", l7.toString());
    assertThat(line.exitCode()).as(line.err()).isZero();
    assertThat(JSON.readTree(line.out()).get(0).get("verdict").asText()).isEqualTo("allow");
    CliRun escape = CliRun.of("query", "--cluster", cluster.toString(),
        "shop/frontend -> shop/backend tcp/8080 GET /public/../admin", l7.toString());
    assertThat(JSON.readTree(escape.out()).get(0).get("verdict").asText()).isEqualTo("deny");
  }

  @Test
  void badInputExitsTwoWithItsPlace() throws IOException {
    Path badCluster = write("bad.yaml", "pods: [{name: a}]\n");
    CliRun run = CliRun.of("query", "--cluster", badCluster.toString(), "shop/a -> shop/b tcp/1",
        program.toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).startsWith(badCluster + ":1:8: error: a pod needs 'namespace'");

    CliRun flow = CliRun.of("query", "--cluster", cluster.toString(), "shop/frontend -> shop/nope tcp/8080",
        program.toString());
    assertThat(flow.exitCode()).isEqualTo(2);
    assertThat(flow.err()).startsWith("<flow>:1:18: error: ").contains("^");

    Path broken = write("broken.npl", "namespace shop\npolicy x {\n");
    CliRun parse = CliRun.of("query", "--cluster", cluster.toString(), "shop/frontend -> shop/backend tcp/8080",
        broken.toString());
    assertThat(parse.exitCode()).isEqualTo(2);
    assertThat(parse.err()).contains(broken + ":");

    CliRun noPath = CliRun.of("query", "--cluster", cluster.toString(), "shop/frontend -> shop/backend tcp/8080");
    assertThat(noPath.exitCode()).isEqualTo(2);
    assertThat(noPath.err()).contains("Missing PATH");
  }

  /**
   * The flow file is checked whole before any flow is judged: mistakes at its start and at its end are both reported,
   * and no verdict reaches standard output, not even of the good flows between them.
   */
  @Test
  void aFlowFileWithMistakesAtItsStartAndEndGetsBothReportedAndNoVerdict() throws IOException {
    String good = "- {from: shop/frontend, to: shop/backend, protocol: tcp, port: 8080, expect: allow}\n";
    Path flows = write("flows.yaml", "- {from: shop/nope, to: shop/backend, protocol: tcp, port: 8080}\n"
        + good.repeat(5000) + "- {from: shop/frontend, to: shop/backend, protocol: tcp}\n");
    CliRun run = CliRun.of("query", "--cluster", cluster.toString(), "--flows", flows.toString(),
        program.toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).isEqualTo(flows + ":1:10: error: no pod 'shop/nope' in the cluster\n"
        + flows + ":5002:3: error: a tcp flow needs a port and no icmp\n");
  }

  /** {@code --reading}: a target with an evaluator, a version in its range, and only with a {@code --target} it reads. */
  @Test
  void aReadingIsCheckedAgainstItsTargetsAndVersions() {
    String flow = "shop/frontend -> shop/backend tcp/8080";
    CliRun noTarget = CliRun.of("query", "--cluster", cluster.toString(), "--reading", "cilium", flow,
        program.toString());
    assertThat(noTarget.exitCode()).isEqualTo(2);
    assertThat(noTarget.err()).contains("--reading applies to the compilation for --target: name a --target");
    CliRun unknown = CliRun.of("query", "--cluster", cluster.toString(), "--target", "kubernetes", "--reading",
        "flannel", flow, program.toString());
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).contains("unknown reading 'flannel' (expected one of: kubernetes, cilium, calico)");
    CliRun version = CliRun.of("query", "--cluster", cluster.toString(), "--target", "kubernetes", "--reading",
        "cilium:1.12", flow, program.toString());
    assertThat(version.exitCode()).isEqualTo(2);
    assertThat(version.err()).contains("--reading").contains("1.12").contains("1.16");
    CliRun own = CliRun.of("query", "--cluster", cluster.toString(), "--target", "kubernetes", "--reading",
        "kubernetes:1.30", flow, program.toString());
    assertThat(own.exitCode()).as(own.err()).isZero();
    assertThat(own.out()).contains("\"verdict\" : \"allow\"").doesNotContain("read as");
  }

  @Test
  void aTargetWithoutEvaluatorIsAUsageError() {
    CliRun run = CliRun.of("query", "--cluster", cluster.toString(), "--target", "flannel",
        "shop/frontend -> shop/backend tcp/8080", program.toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("flannel objects cannot be judged");
  }

  @Test
  void theTargetVersionReachesTheCompilationTheTargetsObjectsComeFrom() throws IOException {
    Path ranged = write("ranged.npl", Files.readString(program).replace("tcp/8080", "tcp/8000-8100"));
    String flow = "shop/frontend -> shop/backend tcp/8080";

    CliRun newest = CliRun.of("query", "--cluster", cluster.toString(), "--target", "kubernetes", flow,
        ranged.toString());
    CliRun old = CliRun.of("query", "--cluster", cluster.toString(), "--target", "kubernetes",
        "--target-version", "1.24", flow, ranged.toString());
    CliRun patch = CliRun.of("query", "--cluster", cluster.toString(), "--target", "kubernetes",
        "--target-version", "1.25.3", flow, ranged.toString());

    assertThat(newest.exitCode()).as(newest.err()).isZero();
    assertThat(old.exitCode()).isEqualTo(2);
    assertThat(old.out()).isEmpty();
    assertThat(old.err()).startsWith("netlingua: target kubernetes 1.24, mode strict").contains("error[NL3019]");
    assertThat(patch.exitCode()).as(patch.err()).isZero();
    assertThat(JSON.readTree(patch.out()).get(0).get("verdict").asText()).isEqualTo("allow");
  }

  @Test
  void theClusterCidrsReachTheCompilationTheTargetsObjectsComeFrom() throws IOException {
    Path open = write("open.npl", Files.readString(program).replace("pods(app=frontend)", "world"));
    String flow = "shop/frontend -> shop/backend tcp/8080";

    CliRun unstated = CliRun.of("query", "--cluster", cluster.toString(), "--target", "kubernetes", flow,
        open.toString());
    CliRun stated = CliRun.of("query", "--cluster", cluster.toString(), "--target", "kubernetes",
        "--pod-cidr", "10.244.0.0/16", "--service-cidr", "10.96.0.0/12", "--node-cidr", "10.0.0.0/24", flow,
        open.toString());

    assertThat(unstated.exitCode()).isEqualTo(2);
    assertThat(unstated.err()).contains("error[NL3009]");
    assertThat(stated.exitCode()).as(stated.err()).isZero();
    assertThat(JSON.readTree(stated.out()).get(0).get("verdict").asText())
        .as("a pod address is in the cluster, which world leaves out once the CIDRs are stated").isEqualTo("deny");
  }

  /** Each is refused before the cluster file is read: the cluster named here does not exist. */
  @Test
  void optionsOfTheCompilationThatDoNotFitTheTargetAreUsageErrors() {
    String missing = dir.resolve("missing.yaml").toString();
    String flow = "shop/frontend -> shop/backend tcp/8080";

    assertQueryUsageError(CliRun.of("query", "--cluster", missing, "--target", "kubernetes",
            "--target-version", "1.20", flow, program.toString()),
        "Invalid value for option '--target-version': kubernetes 1.20 is not supported: the supported versions"
            + " are 1.21 to 1.35");
    assertQueryUsageError(CliRun.of("query", "--cluster", missing, "--target", "kubernetes",
            "--target-version", "1.36", flow, program.toString()),
        "kubernetes 1.36 is not supported");
    assertQueryUsageError(CliRun.of("query", "--cluster", missing, "--target", "kubernetes",
            "--target-option", "tier=platform", flow, program.toString()),
        "Invalid value for option '--target-option': kubernetes takes no target options (got 'tier')");
    assertQueryUsageError(CliRun.of("query", "--cluster", missing, "--target", "kubernetes",
            "--target-option", "tier", flow, program.toString()),
        "'tier' is not KEY=VALUE");
    assertQueryUsageError(CliRun.of("query", "--cluster", missing, "--target", "kubernetes",
            "--pod-cidr", "10.244.0.1/16", flow, program.toString()),
        "'10.244.0.1/16' has host bits set (did you mean 10.244.0.0/16?)");
    assertQueryUsageError(CliRun.of("query", "--cluster", missing, "--target", "kubernetes",
            "--target-version", "latest", flow, program.toString()),
        "'latest' is not a version such as 1.35 or 1.29.4");
  }

  @Test
  void optionsOfTheCompilationWithoutATargetAreUsageErrors() {
    String flow = "shop/frontend -> shop/backend tcp/8080";

    assertQueryUsageError(CliRun.of("query", "--cluster", cluster.toString(), "--target-version", "1.30", flow,
            program.toString()),
        "Error: --target-version applies to the compilation for --target: name a --target");
    assertQueryUsageError(CliRun.of("query", "--cluster", cluster.toString(), "--mode", "fail-closed",
            "--pod-cidr", "10.244.0.0/16", "--target-option", "tier=x", flow, program.toString()),
        "Error: --mode, --pod-cidr, --target-option apply to the compilation for --target: name a --target");
  }

  private static void assertQueryUsageError(CliRun run, String message) {
    assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).contains(message).contains("Usage: netlingua query").doesNotContain("missing.yaml");
  }

  private Path write(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    return file;
  }
}

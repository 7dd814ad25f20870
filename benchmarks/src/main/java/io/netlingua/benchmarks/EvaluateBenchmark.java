package io.netlingua.benchmarks;

import io.netlingua.dsl.NplParser;
import io.netlingua.dsl.ParseResult;
import io.netlingua.eval.Cluster;
import io.netlingua.eval.Endpoint;
import io.netlingua.eval.Evaluator;
import io.netlingua.eval.External;
import io.netlingua.eval.Flow;
import io.netlingua.eval.FlowProtocol;
import io.netlingua.eval.HttpRequest;
import io.netlingua.eval.IpAddress;
import io.netlingua.eval.NeutralEvaluator;
import io.netlingua.eval.Node;
import io.netlingua.eval.Pod;
import io.netlingua.eval.PortSpec;
import io.netlingua.eval.Service;
import io.netlingua.model.Program;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The neutral evaluator on a program of about {@code policies} policies (the {@link ProgramGenerator}'s teams,
 * three policies each: every peer, port and L7 kind) and a cluster of four pods per team plus shared services,
 * twenty nodes and one external per team. Each operation judges one flow, drawn from a fixed set of 65,536 flows
 * (a third with an HTTP request), so the score is flows per second. The set-up prints how long compiling the
 * program for the cluster took and how many of the flows are allowed.
 *
 * <p>Run it with {@code java -jar benchmarks/target/benchmarks.jar EvaluateBenchmark}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@State(Scope.Benchmark)
public class EvaluateBenchmark {
  private static final int FLOWS = 1 << 16;

  /** The number of policies asked for (rounded up to whole teams of three). */
  @Param("1000")
  public int policies;

  private Evaluator evaluator;
  private Flow[] flows;

  /** Builds the program, the cluster and the flows, and compiles the evaluator. */
  @Setup(Level.Trial)
  public void build() {
    int teams = (policies + 2) / 3;
    String one = ProgramGenerator.generate(1);
    String text = ProgramGenerator.generate(one.length() * (teams + 1));
    ParseResult result = NplParser.create().parse("generated.npl", text);
    if (!result.diagnostics().isEmpty()) {
      throw new IllegalStateException("the generated program is not valid: " + result.diagnostics().get(0));
    }
    Program program = result.program();
    Cluster cluster = cluster(program.policies().size() / 3);
    long start = System.nanoTime();
    evaluator = NeutralEvaluator.of(program, cluster);
    long compiled = System.nanoTime() - start;
    flows = flows(cluster);
    int allowed = 0;
    for (Flow f : flows) {
      allowed += evaluator.evaluate(f).allowed() ? 1 : 0;
    }
    System.out.printf("%n%d policies, %d pods, %d nodes, %d externals; compiled in %d ms; %d of %d flows allowed%n",
        program.policies().size(), cluster.pods().size(), cluster.nodes().size(), cluster.externals().size(),
        compiled / 1_000_000, allowed, FLOWS);
  }

  /** Judges the next flow of the set. */
  @Benchmark
  public boolean evaluate(Cursor cursor) {
    return evaluator.evaluate(flows[cursor.next++ & (FLOWS - 1)]).allowed();
  }

  /** Each thread's position in the flow set. */
  @State(Scope.Thread)
  public static class Cursor {
    /** The index of the next flow (wraps around). */
    public int next;
  }

  private static IpAddress ip(int a, int i) {
    return IpAddress.parse(a + "." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255));
  }

  /** Four pods per team (web, API, worker, its database) and the shared services the program names. */
  static Cluster cluster(int teams) {
    Cluster.Builder b = Cluster.builder();
    int[] address = {1};
    List<String> nodes = new ArrayList<>();
    for (int n = 0; n < 20; n++) {
      nodes.add("node-" + n);
      b.node(new Node("node-" + n, ip(192, 1 + n), Map.of(), n == 0));
    }
    for (String ns : List.of("monitoring", "logging", "kube-system", "ci", "streaming", "payments", "platform")) {
      b.namespace(ns, Map.of("purpose", ns.equals("monitoring") ? "observability" : ns));
    }
    b.pod(pod("monitoring", "prometheus", Map.of("app", "prometheus"), "prometheus", address, nodes));
    b.pod(pod("kube-system", "coredns", Map.of("k8s-app", "kube-dns"), "coredns", address, nodes));
    b.pod(pod("ci", "deployer", Map.of("app", "deployer"), "deployer", address, nodes));
    b.pod(pod("streaming", "kafka", Map.of("app", "kafka"), "kafka", address, nodes));
    b.pod(pod("payments", "gateway", Map.of("app", "gateway"), "gateway", address, nodes));
    b.service(new Service("kafka", "streaming", Map.of("app", "kafka"), Optional.of(IpAddress.parse("10.96.0.9")),
        List.of(PortSpec.of(9092, FlowProtocol.TCP))));
    for (int t = 0; t < teams; t++) {
      String team = "team-" + t;
      b.namespace(team, Map.of("tenant", team));
      b.namespace("data-" + t, Map.of("tenant", team));
      b.pod(pod(team, "web", Map.of("app", "web", "team", team, "tier", "frontend"), "web", address, nodes));
      b.pod(pod(team, "api", Map.of("app", "api", "team", team, "track", "stable"), "api", address, nodes));
      b.pod(pod(team, "worker", Map.of("app", "worker", "team", team, "env", "prod"), "worker", address, nodes));
      b.pod(pod("data-" + t, "postgres", Map.of("app", "postgres"), "default", address, nodes));
      b.external(new External("api-" + t, ip(100, t + 1), Optional.of("api-" + t + ".example.com"), false));
    }
    return b.build();
  }

  private static Pod pod(String ns, String name, Map<String, String> labels, String account, int[] address,
      List<String> nodes) {
    int i = address[0]++;
    return new Pod(name, ns, labels, ip(10, i), account, nodes.get(i % nodes.size()),
        List.of(PortSpec.named("http", 8080, FlowProtocol.TCP)));
  }

  /** Random flows from pods to pods (70%), externals (20%) and nodes, on the ports the program names. */
  static Flow[] flows(Cluster cluster) {
    SplittableRandom random = new SplittableRandom(42);
    List<Pod> pods = cluster.pods();
    Flow[] out = new Flow[FLOWS];
    int[] tcpPorts = {8000, 8001, 8443, 8080, 9090, 5432, 443, 9092, 50051, 22};
    for (int i = 0; i < FLOWS; i++) {
      Endpoint source = Endpoint.of(pods.get(random.nextInt(pods.size())));
      int kind = random.nextInt(10);
      Endpoint destination = kind < 7 ? Endpoint.of(pods.get(random.nextInt(pods.size())))
          : kind < 9 ? Endpoint.of(cluster.externals().get(random.nextInt(cluster.externals().size())))
          : Endpoint.of(cluster.nodes().get(random.nextInt(cluster.nodes().size())));
      if (random.nextInt(8) == 0) {
        out[i] = Flow.of(source, destination, FlowProtocol.UDP, 53).withDnsQuery("api-1.example.com");
        continue;
      }
      Flow flow = Flow.of(source, destination, FlowProtocol.TCP, tcpPorts[random.nextInt(tcpPorts.length)]);
      out[i] = random.nextInt(3) == 0 ? flow.withHttp(HttpRequest.of("GET", "/api/v1/orders")) : flow;
    }
    return out;
  }
}

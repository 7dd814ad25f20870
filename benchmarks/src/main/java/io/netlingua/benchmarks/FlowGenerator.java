package io.netlingua.benchmarks;

import io.netlingua.eval.Cluster;
import io.netlingua.eval.Endpoint;
import io.netlingua.eval.External;
import io.netlingua.eval.Flow;
import io.netlingua.eval.FlowProtocol;
import io.netlingua.eval.HttpRequest;
import io.netlingua.eval.IpAddress;
import io.netlingua.eval.KafkaRequest;
import io.netlingua.eval.Node;
import io.netlingua.eval.Pod;
import io.netlingua.eval.PortSpec;
import io.netlingua.eval.Service;
import io.netlingua.eval.Verdict.Reason;
import io.netlingua.model.KafkaRule;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The cluster and the traffic of the programs of {@link ProgramGenerator#generate(int)}: what EvaluateBenchmark
 * judges, each a pure function of what is asked.
 *
 * <p>The cluster ({@link #cluster(int)}) has four pods per team (web, API, worker in {@code team-T}, a database in
 * {@code data-T}), the shared pods the program names (Prometheus, CoreDNS, the CI deployer, Kafka and its Service,
 * the payments gateway), twenty nodes (the first is the API server) and one external per team
 * ({@code api-T.example.com}).
 *
 * <p>The flows ({@link #flows(int)}) are the traffic such a cluster has, each drawn from one of the
 * {@link #SCENARIOS} by its weight, for a team drawn at random: the connections the program's rules allow (with
 * the HTTP, gRPC, Kafka and DNS requests their L7 blocks name) and the ones they refuse (a deny rule, a request
 * its L7 block refuses, a pod isolated without a matching allow), and a share of flows between random pods. Each
 * flow has ends of its own (a flow read from a file does), on the cluster's pod, node and external objects.
 */
public final class FlowGenerator {

  /**
   * One kind of flow.
   *
   * @param name what it is
   * @param weight how often it is drawn, out of {@link #TOTAL_WEIGHT}
   * @param allowed what the program means for it (the neutral evaluator's verdict), or empty for random flows
   * @param decidedBy the reason of the side that decides it on the model: for an allowed flow the side allowed by a
   *     rule, for a refused one the refusing side; empty for random flows
   * @param make the flow for a team
   */
  record Scenario(String name, int weight, Optional<Boolean> allowed, Optional<Reason> decidedBy, Maker make) {}

  /** Makes one flow of a scenario. */
  @FunctionalInterface
  interface Maker {
    Flow flow(FlowGenerator g, int team, SplittableRandom random);
  }

  private static final int[] TCP_PORTS = {8000, 8001, 8443, 8080, 9090, 5432, 443, 9092, 50051, 22};

  /** The kinds of flow and their weights (they add up to 100). */
  static final List<Scenario> SCENARIOS = List.of(
      allowed("CoreDNS to a team pod on tcp (the baseline's ingress from kube-system)", 12,
          (g, t, r) -> Flow.of(g.pod(g.coredns), g.pod(g.teamPod(t, r)), FlowProtocol.TCP, 8080)),
      allowed("Prometheus to an API on tcp/9090 (observers)", 8,
          (g, t, r) -> Flow.of(g.pod(g.prometheus), g.pod(g.api[t]), FlowProtocol.TCP, 9090)),
      refused("Prometheus to a web pod on tcp/9090 (isolated by the baseline only)", 4, Reason.NO_RULE_MATCHED,
          (g, t, r) -> Flow.of(g.pod(g.prometheus), g.pod(g.web[t]), FlowProtocol.TCP, 9090)),
      allowed("the CI deployer to an API on tcp/22 (serviceaccount)", 3,
          (g, t, r) -> Flow.of(g.pod(g.deployer), g.pod(g.api[t]), FlowProtocol.TCP, 22)),
      allowed("a node pings an API (nodes, host on icmp type 8)", 3,
          (g, t, r) -> Flow.icmp(Endpoint.of(g.otherNode(g.api[t], r)), g.pod(g.api[t]), false, 8, 0)),
      allowed("a team pod's DNS query to CoreDNS on udp/53", 8,
          (g, t, r) -> Flow.of(g.pod(g.teamPod(t, r)), g.pod(g.coredns), FlowProtocol.UDP, 53)
              .withDnsQuery(r.nextBoolean() ? "api-" + t + ".example.com" : "www.svc-" + t + ".example.org")),
      allowed("an API to its database on tcp/5432", 8,
          (g, t, r) -> Flow.of(g.pod(g.api[t]), g.pod(g.postgres[t]), FlowProtocol.TCP, 5432)),
      refused("an API to another team's database", 3, Reason.NO_RULE_MATCHED,
          (g, t, r) -> Flow.of(g.pod(g.api[t]), g.pod(g.postgres[g.otherTeam(t, r)]), FlowProtocol.TCP, 5432)),
      allowed("an API produces to its Kafka topic (kafka produce topic, client)", 5,
          (g, t, r) -> Flow.of(g.pod(g.api[t]), g.pod(g.kafka), FlowProtocol.TCP, 9092).withKafka(
              new KafkaRequest(KafkaRule.Role.PRODUCE, "orders-" + t, Optional.of("api-" + t)))),
      refused("an API produces to another team's topic", 2, Reason.REFUSED_AT_L7,
          (g, t, r) -> Flow.of(g.pod(g.api[t]), g.pod(g.kafka), FlowProtocol.TCP, 9092).withKafka(
              new KafkaRequest(KafkaRule.Role.PRODUCE, "orders-" + g.otherTeam(t, r), Optional.of("api-" + t)))),
      allowed("an API consumes its refunds through the Kafka Service's cluster IP", 1,
          (g, t, r) -> Flow.of(g.pod(g.api[t]), Endpoint.of(g.kafkaAddress), FlowProtocol.TCP, 9092).withKafka(
              new KafkaRequest(KafkaRule.Role.CONSUME, "refunds-" + t, Optional.empty()))),
      allowed("an API to its partner API by name (fqdn) on tcp/443", 5,
          (g, t, r) -> Flow.of(g.pod(g.api[t]), Endpoint.of(g.externals.get(t)), FlowProtocol.TCP, 443)),
      refused("an API to another team's partner API", 2, Reason.NO_RULE_MATCHED,
          (g, t, r) -> Flow.of(g.pod(g.api[t]), Endpoint.of(g.externals.get(g.otherTeam(t, r))), FlowProtocol.TCP,
              443)),
      allowed("an API calls the payments gateway (grpc payments.Checkout/Pay)", 4,
          (g, t, r) -> Flow.of(g.pod(g.api[t]), g.pod(g.gateway), FlowProtocol.TCP, 50051)
              .withHttp(HttpRequest.grpc("payments.Checkout", "Pay"))),
      refused("an API calls a gRPC method its rule does not name", 2, Reason.REFUSED_AT_L7,
          (g, t, r) -> Flow.of(g.pod(g.api[t]), g.pod(g.gateway), FlowProtocol.TCP, 50051)
              .withHttp(HttpRequest.grpc("payments.Admin", "Drop"))),
      refused("an API sends mail to the world (log deny to world on tcp/25)", 2, Reason.DENIED_BY_RULE,
          (g, t, r) -> Flow.of(g.pod(g.api[t]), Endpoint.of(g.externals.get(r.nextInt(g.externals.size()))),
              FlowProtocol.TCP, 25)),
      refused("a web pod's HTTP request to its API (the web's egress reaches DNS only)", 5, Reason.NO_RULE_MATCHED,
          (g, t, r) -> Flow.of(g.pod(g.web[t]), g.pod(g.api[t]), FlowProtocol.TCP, 8000 + t % 1000)
              .withHttp(g.webRequest(t, r))),
      refused("a worker to its API on the named port http (the API's ingress has no rule for it)", 4,
          Reason.NO_RULE_MATCHED,
          (g, t, r) -> Flow.of(g.pod(g.worker[t]), g.pod(g.api[t]), FlowProtocol.TCP, 8080)),
      allowed("a worker to the API server on tcp/443 (kube-apiserver)", 3,
          (g, t, r) -> Flow.of(g.pod(g.worker[t]), Endpoint.of(g.nodes.get(0)), FlowProtocol.TCP, 443)),
      refused("a worker to a database on sctp/9999 (deny to any on sctp)", 2, Reason.DENIED_BY_RULE,
          (g, t, r) -> Flow.of(g.pod(g.worker[t]), g.pod(g.postgres[t]), FlowProtocol.SCTP, 9999)),
      allowed("a worker's ICMP type 3 code 4 to a database (cluster)", 2,
          (g, t, r) -> Flow.icmp(g.pod(g.worker[t]), g.pod(g.postgres[t]), false, 3, 4)),
      refused("an address of a team's partner block to its API on udp (deny from partners on udp)", 2,
          Reason.DENIED_BY_RULE, (g, t, r) -> g.partnerFlow(r)),
      refused("an external to an API on tcp/8443", 3, Reason.NO_RULE_MATCHED,
          (g, t, r) -> Flow.of(Endpoint.of(g.externals.get(r.nextInt(g.externals.size()))), g.pod(g.api[t]),
              FlowProtocol.TCP, 8443)),
      new Scenario("a random pod to a random pod on a port the program names, a third with an HTTP request", 7,
          Optional.empty(), Optional.empty(), (g, t, r) -> g.randomFlow(r)));

  /** The sum of the scenarios' weights. */
  static final int TOTAL_WEIGHT = SCENARIOS.stream().mapToInt(Scenario::weight).sum();

  private final Cluster cluster;
  private final int teams;
  private final Pod[] web;
  private final Pod[] api;
  private final Pod[] worker;
  private final Pod[] postgres;
  private final Pod prometheus;
  private final Pod coredns;
  private final Pod deployer;
  private final Pod kafka;
  private final Pod gateway;
  private final IpAddress kafkaAddress;
  private final List<Node> nodes;
  private final List<External> externals;
  /** The teams whose partner block holds an address of no end of the cluster, and that address per team. */
  private final List<Integer> partnerTeams = new ArrayList<>();
  private final List<IpAddress> partners = new ArrayList<>();

  /**
   * The generator of a cluster {@link #cluster(int)} built.
   *
   * @param cluster the cluster
   * @throws IllegalArgumentException if it is not such a cluster
   */
  FlowGenerator(Cluster cluster) {
    this.cluster = cluster;
    this.teams = cluster.externals().size();
    web = new Pod[teams];
    api = new Pod[teams];
    worker = new Pod[teams];
    postgres = new Pod[teams];
    for (int t = 0; t < teams; t++) {
      web[t] = pod("team-" + t, "web");
      api[t] = pod("team-" + t, "api");
      worker[t] = pod("team-" + t, "worker");
      postgres[t] = pod("data-" + t, "postgres");
    }
    prometheus = pod("monitoring", "prometheus");
    coredns = pod("kube-system", "coredns");
    deployer = pod("ci", "deployer");
    kafka = pod("streaming", "kafka");
    gateway = pod("payments", "gateway");
    kafkaAddress = cluster.service("streaming", "kafka").flatMap(Service::clusterIP).orElseThrow();
    nodes = cluster.nodes();
    externals = cluster.externals();
    Set<IpAddress> taken = new HashSet<>();
    cluster.pods().forEach(p -> taken.add(p.ip()));
    cluster.nodes().forEach(n -> taken.add(n.ip()));
    cluster.externals().forEach(e -> taken.add(e.ip()));
    for (int t = 0; t < teams; t++) {
      // In the team's `partners` let, cidr {net}.0/24 except {net}.128/25 (ProgramGenerator's section), and no
      // end of the cluster: an address outside it, which is what cidr matches.
      IpAddress partner = IpAddress.parse("10." + (t / 256 % 256) + "." + (t % 256) + ".7");
      if (!taken.contains(partner)) {
        partnerTeams.add(t);
        partners.add(partner);
      }
    }
    if (partnerTeams.isEmpty()) {
      throw new IllegalArgumentException("every team's partner address is taken by an end of the cluster");
    }
  }

  private Pod pod(String namespace, String name) {
    return cluster.pod(namespace, name)
        .orElseThrow(() -> new IllegalArgumentException("not a cluster of FlowGenerator: no pod " + namespace + "/"
            + name));
  }

  /**
   * A cluster for a program of {@code teams} sections of {@link ProgramGenerator#generate(int)}: four pods per
   * team (web, API, worker, its database), the shared pods and Services the program names, twenty nodes and one
   * external per team. Pod addresses are {@code 10.0.0.1} upward (so the first teams' partner blocks,
   * {@code 10.0.T.0/25}, hold pods), nodes {@code 192.0.0.1} to {@code .20}, externals {@code 100.0.0.1}
   * upward, the Kafka Service {@code 10.96.0.9}.
   *
   * @param teams the number of teams, at least 1
   * @return the cluster
   */
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

  private static IpAddress ip(int a, int i) {
    return IpAddress.parse(a + "." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255));
  }

  private static Pod pod(String ns, String name, Map<String, String> labels, String account, int[] address,
      List<String> nodes) {
    int i = address[0]++;
    return new Pod(name, ns, labels, ip(10, i), account, nodes.get(i % nodes.size()),
        List.of(PortSpec.named("http", 8080, FlowProtocol.TCP)));
  }

  /**
   * {@code count} flows, each of a scenario drawn by weight for a team drawn at random (seed 42).
   *
   * @param count how many
   * @return the flows
   */
  Flow[] flows(int count) {
    SplittableRandom random = new SplittableRandom(42);
    Scenario[] byWeight = new Scenario[TOTAL_WEIGHT];
    int k = 0;
    for (Scenario s : SCENARIOS) {
      for (int w = 0; w < s.weight(); w++) {
        byWeight[k++] = s;
      }
    }
    Flow[] out = new Flow[count];
    for (int i = 0; i < count; i++) {
      out[i] = byWeight[random.nextInt(TOTAL_WEIGHT)].make().flow(this, random.nextInt(teams), random);
    }
    return out;
  }

  /** A flow of one scenario for one team. */
  Flow flow(Scenario scenario, int team, SplittableRandom random) {
    return scenario.make().flow(this, team, random);
  }

  /** The number of teams of the cluster. */
  int teams() {
    return teams;
  }

  private static Scenario allowed(String name, int weight, Maker make) {
    return new Scenario(name, weight, Optional.of(true), Optional.of(Reason.ALLOWED_BY_RULE), make);
  }

  private static Scenario refused(String name, int weight, Reason reason, Maker make) {
    return new Scenario(name, weight, Optional.of(false), Optional.of(reason), make);
  }

  /** A fresh end for a pod, as a flow read from a file has. */
  private Endpoint pod(Pod p) {
    return Endpoint.of(p);
  }

  private Pod teamPod(int t, SplittableRandom r) {
    return switch (r.nextInt(3)) {
      case 0 -> web[t];
      case 1 -> api[t];
      default -> worker[t];
    };
  }

  /** Another team than {@code t} (the same when there is one team). */
  private int otherTeam(int t, SplittableRandom r) {
    return teams == 1 ? t : (t + 1 + r.nextInt(teams - 1)) % teams;
  }

  /** A node other than the one the pod runs on (whose connections to it are always allowed). */
  private Node otherNode(Pod p, SplittableRandom r) {
    Node n = nodes.get(r.nextInt(nodes.size()));
    return n.name().equals(p.node()) ? nodes.get((nodes.indexOf(n) + 1) % nodes.size()) : n;
  }

  /** One of the requests the API's HTTP rules name, or one they do not. */
  private HttpRequest webRequest(int t, SplittableRandom r) {
    return switch (r.nextInt(3)) {
      case 0 -> HttpRequest.of("GET", "/api/v1/orders");
      case 1 -> new HttpRequest("POST", "/api/v1/orders/17", Optional.empty(), Map.of("X-Tenant", "team-" + t));
      default -> HttpRequest.of("GET", "/admin");
    };
  }

  /** From an address of a team's partner block (a bare address, as a flow log writes it) to the team's API. */
  private Flow partnerFlow(SplittableRandom r) {
    int i = r.nextInt(partnerTeams.size());
    return Flow.of(Endpoint.of(partners.get(i)), pod(api[partnerTeams.get(i)]), FlowProtocol.UDP, 8125);
  }

  private Flow randomFlow(SplittableRandom r) {
    List<Pod> pods = cluster.pods();
    Flow flow = Flow.of(pod(pods.get(r.nextInt(pods.size()))), pod(pods.get(r.nextInt(pods.size()))),
        FlowProtocol.TCP, TCP_PORTS[r.nextInt(TCP_PORTS.length)]);
    return r.nextInt(3) == 0 ? flow.withHttp(HttpRequest.of("GET", "/api/v1/orders")) : flow;
  }
}

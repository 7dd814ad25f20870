package io.netlingua.eval;

import io.netlingua.model.Action;
import io.netlingua.model.LabelSelector;
import io.netlingua.model.PeerTerm;
import io.netlingua.model.PodPeer;
import io.netlingua.model.Policy;
import io.netlingua.model.PortTerm;
import io.netlingua.model.Program;
import io.netlingua.model.Rule;
import io.netlingua.model.SourceSpan;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The cluster the evaluator's tests run in: a shop (frontend, backend, a second backend replica), its database,
 * DNS and monitoring, three nodes (the control plane hosts the API server), externals with DNS names, and the
 * backend's Service.
 */
final class Shop {
  static final Cluster CLUSTER = Cluster.builder()
      .namespace("shop", Map.of("team", "web"))
      .namespace("data", Map.of("team", "db"))
      .namespace("kube-system", Map.of())
      .namespace("monitoring", Map.of("team", "ops"))
      .pod(new Pod("frontend", "shop", Map.of("app", "frontend"), IpAddress.parse("10.244.1.10"), "frontend", "n1",
          List.of()))
      .pod(new Pod("backend", "shop", Map.of("app", "backend", "tier", "api"), IpAddress.parse("10.244.2.20"),
          "backend", "n2", List.of(PortSpec.named("http", 8080, FlowProtocol.TCP),
              PortSpec.named("metrics", 9090, FlowProtocol.TCP))))
      .pod(new Pod("backend-2", "shop", Map.of("app", "backend"), IpAddress.parse("10.244.1.21"), "backend", "n1",
          List.of(PortSpec.named("http", 8081, FlowProtocol.TCP))))
      .pod(new Pod("postgres", "data", Map.of("app", "postgres"), IpAddress.parse("10.244.2.30"), "default", "n2",
          List.of(PortSpec.named("pg", 5432, FlowProtocol.TCP))))
      .pod(new Pod("coredns", "kube-system", Map.of("k8s-app", "kube-dns"), IpAddress.parse("10.244.0.53"),
          "coredns", "cp", List.of(PortSpec.named("dns", 53, FlowProtocol.UDP))))
      .pod(new Pod("prometheus", "monitoring", Map.of("app", "prometheus"), IpAddress.parse("10.244.2.40"),
          "prometheus", "n2", List.of()))
      .node("n1", "192.168.0.11")
      .node("n2", "192.168.0.12")
      .node(new Node("cp", IpAddress.parse("192.168.0.10"), Map.of("role", "control-plane"), true))
      .external("stripe", "203.0.113.10", "api.stripe.com")
      .external("stripe-hooks", "203.0.113.11", "hooks.eu.stripe.network")
      .external("evil", "198.51.100.7", "evil.example.com")
      .external(new External("managed-api", IpAddress.parse("198.51.100.1"), Optional.empty(), true))
      .service(new Service("backend", "shop", Map.of("app", "backend"), Optional.of(IpAddress.parse("10.96.0.10")),
          List.of(PortSpec.named("http", 80, FlowProtocol.TCP))))
      .build();

  private Shop() {}

  /** The flow written in the one-line syntax; fails the test on a syntax error. */
  static Flow flow(String text) {
    FlowSyntax.Result r = FlowSyntax.parse(text, CLUSTER);
    return r.flow().orElseThrow(() -> new AssertionError(text + ": " + r.error().orElseThrow()));
  }

  /** The verdict of the program on the flow. */
  static Verdict verdict(Program program, String flow) {
    return NeutralEvaluator.of(program, CLUSTER).evaluate(flow(flow));
  }

  /** Whether the program allows the flow. */
  static boolean allows(Program program, String flow) {
    return verdict(program, flow).allowed();
  }

  /** Pods of the policy's namespace with app=VALUE. */
  static PodPeer app(String value) {
    return PodPeer.of(LabelSelector.builder().equal("app", value).build());
  }

  /** A namespaced policy of shop governing app=SUBJECT. */
  static Policy.Builder shop(String name, String subject) {
    return Policy.namespaced(name, "shop").select(app(subject));
  }

  /** A rule written at file:line, so that verdicts can name it. */
  static Rule rule(Action action, int line, List<PeerTerm> peers, List<PortTerm> ports) {
    return new Rule(action, false, peers, ports, Optional.empty(), new SourceSpan("shop.npl", line, 5, line, 60,
        line * 100, line * 100 + 55));
  }
}

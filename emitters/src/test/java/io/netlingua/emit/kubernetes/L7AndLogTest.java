package io.netlingua.emit.kubernetes;

import static io.netlingua.emit.kubernetes.Fixtures.compile;
import static io.netlingua.emit.kubernetes.Fixtures.found;
import static io.netlingua.emit.kubernetes.Fixtures.objects;
import static org.assertj.core.api.Assertions.assertThat;

import io.netlingua.diagnostics.Code;
import io.netlingua.emit.Compilation;
import io.netlingua.targets.Mode;
import io.netlingua.targets.Options;
import org.junit.jupiter.api.Test;

/**
 * L7 blocks and log, which NetworkPolicy cannot say ("What you can't do with network policies": "Anything TLS
 * related", layer 7 matching, "The ability to log network security events";
 * kubernetes.io/docs/concepts/services-networking/network-policies/).
 */
class L7AndLogTest {
  private static final String HTTP = """
      namespace shop
      policy p {
        select pods(app=api)
        ingress {
          allow from pods(app=web) on tcp/8080 {
            http GET path "/api"
          }
          allow from pods(app=prometheus) on tcp/9090
        }
      }
      """;

  /** strict: the L7 block is an error (narrower) at the block's opening brace; nothing is emitted. */
  @Test
  void strictReportsTheL7BlockAsAnError() {
    Compilation c = compile(HTTP, Options.defaults());
    assertThat(found(c, Code.L7_HTTP)).containsExactly("5:42 error NL3004 narrower");
    assertThat(c.documents()).isEmpty();
  }

  /** fail-closed: the guarded rule is left out, so that port 8080 is never opened to every request. */
  @Test
  void failClosedLeavesTheGuardedRuleOut() {
    Options o = Options.defaults().mode(Mode.FAIL_CLOSED);
    assertThat(found(compile(HTTP, o), Code.L7_HTTP)).containsExactly("5:42 warning NL3004 narrower");
    assertThat(Fixtures.yaml(objects(HTTP, o).get(0).getSpec().getIngress())).isEqualTo("""
        - from:
          - podSelector:
              matchLabels:
                app: prometheus
          ports:
          - port: 9090
            protocol: TCP
        """);
  }

  /** best-effort: the rule without its L7 block, reported wider. */
  @Test
  void bestEffortKeepsTheRuleWithoutTheBlock() {
    Options o = Options.defaults().mode(Mode.BEST_EFFORT);
    assertThat(found(compile(HTTP, o), Code.L7_HTTP)).containsExactly("5:42 warning NL3004 wider");
    assertThat(objects(HTTP, o).get(0).getSpec().getIngress()).hasSize(2);
  }

  /** Each L7 kind has its own code: gRPC, Kafka, DNS. */
  @Test
  void eachL7KindHasItsCode() {
    Compilation c = compile("""
        namespace shop
        policy p {
          select pods
          ingress {
            allow from pods(app=a) on tcp/50051 { grpc "shop.Orders/Get" }
            allow from pods(app=b) on tcp/9092 { kafka produce topic "orders" }
          }
          egress {
            allow to kube-dns on udp/53 { dns "example.com" }
          }
        }
        """, Options.defaults().mode(Mode.FAIL_CLOSED));
    assertThat(found(c, Code.L7_GRPC, Code.L7_KAFKA, Code.L7_DNS)).containsExactly(
        "5:41 warning NL3005 narrower", "6:40 warning NL3006 narrower", "9:33 warning NL3007 narrower");
  }

  /** log changes no verdict: the rule is emitted and a warning says it is not logged, in every mode. */
  @Test
  void logIsAWarningInEveryMode() {
    String program =
        "namespace shop\npolicy p {\n  select pods\n  ingress {\n    log allow from pods(app=a)\n  }\n}\n";
    for (Mode m : Mode.values()) {
      Compilation c = compile(program, Options.defaults().mode(m));
      assertThat(found(c, Code.LOG)).containsExactly("5:5 warning NL3022 exact");
      assertThat(c.documents()).hasSize(1);
    }
  }
}

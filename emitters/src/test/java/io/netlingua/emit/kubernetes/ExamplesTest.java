package io.netlingua.emit.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.netlingua.diagnostics.Code;
import io.netlingua.diagnostics.Diagnostic;
import io.netlingua.diagnostics.Severity;
import io.netlingua.emit.Compilation;
import io.netlingua.emit.EmittedDocument;
import io.netlingua.emit.Emitters;
import io.netlingua.model.Program;
import io.netlingua.targets.Mode;
import io.netlingua.targets.Options;
import io.netlingua.targets.Target;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The examples of the repository on Kubernetes. */
class ExamplesTest {

  private static Compilation compile(String example, Mode mode) {
    return Emitters.compile(Fixtures.example(example), Target.KUBERNETES, Options.defaults().mode(mode));
  }

  private static NetworkPolicy object(Compilation c, String namespace, String name) {
    return c.documents().stream()
        .filter(d -> d.namespace().orElseThrow().equals(namespace) && d.name().equals(name))
        .map(d -> (NetworkPolicy) d.object())
        .findFirst()
        .orElseThrow();
  }

  /** Everything namespace-isolation says, a NetworkPolicy says exactly: in strict mode, nothing but info. */
  @Test
  void namespaceIsolationCompilesInStrictModeWithInfoOnly() {
    Compilation c = compile("namespace-isolation", Mode.STRICT);
    assertThat(c.diagnostics()).extracting(Diagnostic::severity).containsOnly(Severity.INFO);
    assertThat(c.diagnostics()).extracting(Diagnostic::code).contains(Code.NODE_LOCAL_TRAFFIC);
    assertThat(c.documents()).extracting(d -> d.namespace().orElseThrow() + "/" + d.name()).containsExactly(
        "ledger/api", "ledger/default-deny", "ledger/postgres", "ledger/web", "ledger-batch/backups",
        "ledger-batch/default-deny", "ledger-batch/reports");
  }

  /** The shop's HTTP rules cannot be said: strict mode fails with NL3004 at the block of the metrics rule. */
  @Test
  void shopFailsInStrictModeAtTheL7Block() {
    Compilation c = compile("shop", Mode.STRICT);
    assertThat(c.documents()).isEmpty();
    assertThat(c.diagnostics())
        .filteredOn(d -> d.code() == Code.L7_HTTP && d.span().file().endsWith("baseline.npl"))
        .extracting(d -> d.span().line() + ":" + d.span().column() + " " + d.severity().label())
        .containsExactly("21:42 error", "32:44 error");
  }

  /**
   * fail-closed: the policies are emitted without the L7-guarded rules, never with their ports open to every
   * request; what was guarded only by such rules is left isolated.
   */
  @Test
  void shopInFailClosedModeEmitsThePoliciesWithoutTheGuardedRules() {
    Compilation c = compile("shop", Mode.FAIL_CLOSED);
    assertThat(c.hasErrors()).isFalse();
    assertThat(object(c, "shop", "metrics").getSpec().getIngress()).isEmpty();
    assertThat(object(c, "shop", "metrics").getSpec().getPolicyTypes()).containsExactly("Ingress");
    assertThat(object(c, "shop", "catalog").getSpec().getIngress()).isEmpty();
    for (String name : List.of("api-health-1", "api-health-2", "api-health-3")) {
      assertThat(object(c, "shop", name).getSpec().getIngress()).isEmpty();
    }
    // Every ingress rule of orders-api had an http block; its egress keeps the database, not the payments call.
    NetworkPolicy orders = object(c, "shop", "orders-api");
    assertThat(orders.getSpec().getIngress()).isEmpty();
    assertThat(Fixtures.yaml(orders.getSpec().getEgress())).isEqualTo("""
        - ports:
          - port: 5432
            protocol: TCP
          to:
          - namespaceSelector:
              matchLabels:
                kubernetes.io/metadata.name: shop-data
            podSelector:
              matchLabels:
                app.kubernetes.io/instance: shop
                app.kubernetes.io/name: postgresql
        """);
    assertThat(c.documents()).allSatisfy(d -> assertThat(Fixtures.yaml(d.object())).doesNotContain("8080"));
  }

  /** Compiling twice gives equal objects and equal diagnostics, in every mode. */
  @ParameterizedTest
  @ValueSource(strings = {"namespace-isolation", "shop", "zero-trust", "saas", "trading", "kafka-pipeline"})
  void compilingTwiceGivesEqualObjects(String example) {
    Program program = Fixtures.example(example);
    for (Mode mode : Mode.values()) {
      Options o = Options.defaults().mode(mode).namespaces("a", "b").podCidrs("10.244.0.0/16")
          .serviceCidrs("10.96.0.0/12").nodeCidrs("192.168.0.0/16");
      List<EmittedDocument> first = Fixtures.documents(program, o);
      List<EmittedDocument> second = Fixtures.documents(Fixtures.example(example), o);
      assertThat(second).isEqualTo(first);
      assertThat(Emitters.compile(program, Target.KUBERNETES, o).diagnostics())
          .isEqualTo(Emitters.compile(program, Target.KUBERNETES, o).diagnostics());
    }
  }
}

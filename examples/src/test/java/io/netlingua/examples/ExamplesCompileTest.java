package io.netlingua.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.netlingua.Netlingua;
import io.netlingua.diagnostics.Code;
import io.netlingua.diagnostics.Diagnostic;
import io.netlingua.diagnostics.Severity;
import io.netlingua.dsl.ParseResult;
import io.netlingua.emit.Compilation;
import io.netlingua.emit.EmittedDocument;
import io.netlingua.model.Policy;
import io.netlingua.targets.Mode;
import io.netlingua.targets.Options;
import io.netlingua.targets.Target;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * What the issue promises of the examples beyond their golden files: compiling is deterministic, the
 * namespace-isolation example is exact on Kubernetes, and the shop example's L7 rules fail strict mode at their
 * position and are left out (never opened without their restriction) in fail-closed mode.
 */
class ExamplesCompileTest {

  @TestFactory
  Stream<DynamicTest> compilingTwiceGivesByteIdenticalYaml() {
    return Examples.all().stream().flatMap(example -> Stream.of(Mode.values()).map(mode -> dynamicTest(
        example.getFileName() + " " + mode.id(), () -> {
          CompileRun first = CompileRun.of(example, "--target", "kubernetes", "--mode", mode.id());
          CompileRun second = CompileRun.of(example, "--target", "kubernetes", "--mode", mode.id());
          assertThat(second.out()).isEqualTo(first.out());
          assertThat(second.err()).isEqualTo(first.err());
        })));
  }

  @Test
  void namespaceIsolationIsExactOnKubernetesInStrictMode() {
    Compilation out = compile("namespace-isolation", Mode.STRICT);

    assertThat(out.diagnostics()).extracting(Diagnostic::severity).containsOnly(Severity.INFO);
    assertThat(out.diagnostics()).extracting(Diagnostic::code)
        .containsExactly(Code.NODE_LOCAL_TRAFFIC, Code.CNI_READING, Code.CNI_READING, Code.CNI_READING,
            Code.CIDR_ASSUMPTION);
    assertThat(out.documents()).hasSize(7);
  }

  @Test
  void theShopFailsStrictModeAtItsFirstHttpBlock() {
    Compilation out = compile("shop", Mode.STRICT);

    assertThat(out.hasErrors()).isTrue();
    assertThat(out.documents()).isEmpty();
    assertThat(out.yaml()).isEmpty();
    Diagnostic first = out.diagnostics().stream().filter(Diagnostic::isError).findFirst().orElseThrow();
    assertThat(first.code()).isEqualTo(Code.L7_HTTP);
    // baseline.npl line 21: `    allow from prometheus on tcp/metrics {`, the block opens at column 42.
    assertThat(first.span().file()).endsWith("shop/baseline.npl");
    assertThat(first.span().line()).isEqualTo(21);
    assertThat(first.span().column()).isEqualTo(42);
    assertThat(first.finding().orElseThrow().outcome().label()).isEqualTo("narrower");
    assertThat(first.finding().orElseThrow().target()).isEqualTo("kubernetes");
  }

  @Test
  void theShopInFailClosedModeLeavesTheGuardedRulesOut() {
    Compilation out = compile("shop", Mode.FAIL_CLOSED);

    assertThat(out.hasErrors()).isFalse();
    assertThat(out.diagnostics()).filteredOn(d -> d.code() == Code.L7_HTTP || d.code() == Code.L7_DNS)
        .isNotEmpty()
        .allSatisfy(d -> {
          assertThat(d.severity()).isEqualTo(Severity.WARNING);
          assertThat(d.finding().orElseThrow().outcome().label()).isEqualTo("narrower");
        });
    // Every policy of the program is there (api-health selects three entries: one object each) ...
    List<String> names = out.documents().stream().map(EmittedDocument::name).toList();
    assertThat(names).contains("orders-api", "payments", "storefront", "catalog", "metrics", "default-deny",
        "postgres", "api-health-1", "api-health-2", "api-health-3");
    // ... and no ingress rule opens a port that only an HTTP block guarded: 8080 (api-port), 8443, metrics.
    for (EmittedDocument d : out.documents()) {
      NetworkPolicy np = (NetworkPolicy) d.object();
      for (NetworkPolicyIngressRule rule : np.getSpec().getIngress()) {
        assertThat(rule.getPorts()).as("%s opens a port without its HTTP rules", d.name())
            .noneSatisfy(p -> assertThat(String.valueOf(p.getPort().getValue()))
                .isIn("8080", "8443", "metrics"));
      }
    }
    assertThat(out.yaml()).doesNotContain("port: 8080", "port: 8443", "port: metrics");
  }

  @Test
  void everyExampleNamesEveryPolicyOnFlannel() {
    for (Path example : Examples.all()) {
      ParseResult parsed = Examples.parseWithoutErrors(example);
      Compilation out = Netlingua.compile(parsed, Target.FLANNEL, Options.defaults().mode(Mode.BEST_EFFORT));
      List<Policy> policies = parsed.program().policies();
      assertThat(out.diagnostics()).as(example.getFileName().toString())
          .filteredOn(d -> d.code() == Code.POLICY_ENFORCEMENT).hasSameSizeAs(policies)
          .allMatch(Diagnostic::isError);
      assertThat(out.documents()).isEmpty();
    }
  }

  private static Compilation compile(String example, Mode mode) {
    return Netlingua.compile(
        Examples.parseWithoutErrors(Examples.DIR.resolve(example)), Target.KUBERNETES,
        Options.defaults().mode(mode));
  }
}

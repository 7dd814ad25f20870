package io.netlingua;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netlingua.dsl.ParseResult;
import io.netlingua.emit.Compilation;
import io.netlingua.eval.Cluster;
import io.netlingua.eval.Flow;
import io.netlingua.eval.FlowSyntax;
import io.netlingua.eval.Verdict;
import io.netlingua.targets.Options;
import io.netlingua.targets.Target;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Netlingua.evaluate and evaluator: on the model, on a target's objects, and which compilations are exact. */
class EvaluateTest {
  private static final ParseResult PROGRAM = Netlingua.parse("shop.npl", """
      namespace shop
      policy backend {
        select pods(app=backend)
        ingress {
          allow from pods(app=frontend) on tcp/8080
        }
      }
      """);
  private static final Cluster CLUSTER = Netlingua.readCluster("cluster.yaml", """
      namespaces: {shop: {}}
      nodes: [{name: n1, ip: 10.0.0.1}]
      pods:
        - {name: frontend, namespace: shop, labels: {app: frontend}, ip: 10.244.0.1, node: n1}
        - {name: backend, namespace: shop, labels: {app: backend}, ip: 10.244.0.2, node: n1}
        - {name: other, namespace: shop, labels: {app: other}, ip: 10.244.0.3, node: n1}
      """).orElseThrow();
  private static final List<Flow> FLOWS = List.of(
      flow("shop/frontend -> shop/backend tcp/8080"),
      flow("shop/other -> shop/backend tcp/8080"),
      flow("shop/frontend -> shop/backend tcp/9090"));

  private static Flow flow(String text) {
    return FlowSyntax.parse(text, CLUSTER).flow().orElseThrow();
  }

  @Test
  void theModelSaysWhichRuleDecided() {
    List<Verdict> verdicts = Netlingua.evaluate(PROGRAM.program(), CLUSTER, FLOWS);
    assertThat(verdicts).extracting(Verdict::allowed).containsExactly(true, false, false);
    assertThat(verdicts.get(0).ingress().rule().orElseThrow().span().location()).startsWith("shop.npl:5:");
    assertThat(verdicts.get(1).reason()).contains("shop/backend").contains("no rule matched");
  }

  @Test
  void theKubernetesObjectsAgreeWhereTheCompilationIsExact() {
    Compilation k8s = Netlingua.compile(PROGRAM, Target.KUBERNETES, Options.defaults());
    assertThat(Netlingua.isExact(k8s)).isTrue();
    assertThat(Netlingua.evaluate(k8s, CLUSTER, FLOWS)).extracting(Verdict::allowed)
        .containsExactly(true, false, false);
    assertThat(Netlingua.evaluableTargets()).containsExactly(Target.KUBERNETES, Target.CILIUM, Target.CALICO);
  }

  @Test
  void theCiliumObjectsAgreeAndNameTheCiliumPolicyThatDecided() {
    Compilation cilium = Netlingua.compile(PROGRAM, Target.CILIUM, Options.defaults());
    assertThat(Netlingua.isExact(cilium)).isTrue();
    List<Verdict> verdicts = Netlingua.evaluate(cilium, CLUSTER, FLOWS);
    assertThat(verdicts).extracting(Verdict::allowed).containsExactly(true, false, false);
    assertThat(verdicts.get(0).ingress().rule().orElseThrow().policy().qualifiedName()).isEqualTo("shop/backend");
    assertThat(verdicts.get(1).reason()).contains("isolated by shop/backend and no rule matched");
  }

  @Test
  void aCompilationWithErrorsOrWithoutEvaluatorCannotBeJudged() {
    Compilation flannel = Netlingua.compile(PROGRAM, Target.FLANNEL, Options.defaults());
    assertThat(Netlingua.isExact(flannel)).isFalse();
    assertThatThrownBy(() -> Netlingua.evaluator(flannel, CLUSTER))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("flannel");
  }

  /**
   * A reading judges a compilation's objects as another target's platform enforces them: only where that platform
   * enforces them, at a version of its range; reading a compilation as its own target is the plain evaluator.
   */
  @Test
  void aReadingIsAnotherPlatformsEvaluatorOfTheObjectsItEnforces() {
    Compilation k8s = Netlingua.compile(PROGRAM, Target.KUBERNETES, Options.defaults());
    Compilation cilium = Netlingua.compile(PROGRAM, Target.CILIUM, Options.defaults());
    assertThat(Netlingua.readings(Target.KUBERNETES)).containsExactly(Target.KUBERNETES, Target.CILIUM, Target.CALICO);
    assertThat(Netlingua.readings(Target.CILIUM)).containsExactly(Target.CILIUM);
    assertThat(Netlingua.readings(Target.FLANNEL)).isEmpty();
    assertThat(Netlingua.evaluate(k8s, CLUSTER, FLOWS)).isEqualTo(
        FLOWS.stream().map(Netlingua.evaluator(k8s, CLUSTER, Target.KUBERNETES, "1.30")::evaluate).toList());
    for (Target reading : List.of(Target.CILIUM, Target.CALICO)) {
      List<Verdict> read = FLOWS.stream().map(Netlingua.evaluator(k8s, CLUSTER, reading)::evaluate).toList();
      assertThat(read).extracting(Verdict::allowed).containsExactly(true, false, false);
      assertThat(read.get(0).notes()).last().isEqualTo("Kubernetes NetworkPolicy objects read as " + reading.id()
          + " " + reading.defaultVersion() + " enforces them");
      assertThat(read.get(0).ingress().rule().orElseThrow().span().location()).startsWith("shop.npl:");
    }
    assertThatThrownBy(() -> Netlingua.evaluator(cilium, CLUSTER, Target.CALICO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("calico does not enforce cilium objects; it reads those of [calico, kubernetes]");
    assertThatThrownBy(() -> Netlingua.evaluator(k8s, CLUSTER, Target.CILIUM, "1.12"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1.12");
  }

  /** A compilation is a record an embedder may build: its options meet its target again when it is judged. */
  @Test
  void aCompilationWhoseOptionsDoNotFitItsTargetCannotBeJudged() {
    Compilation k8s = Netlingua.compile(PROGRAM, Target.KUBERNETES, Options.defaults());
    Compilation old = new Compilation(Target.KUBERNETES, Options.defaults().targetVersion("1.20"), k8s.documents(),
        k8s.diagnostics(), k8s.yaml());
    Compilation tiered = new Compilation(Target.KUBERNETES, Options.defaults().targetOption("tier", "x"),
        k8s.documents(), k8s.diagnostics(), k8s.yaml());

    assertThatThrownBy(() -> Netlingua.evaluator(old, CLUSTER))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1.21 to 1.35");
    assertThatThrownBy(() -> Netlingua.evaluate(tiered, CLUSTER, FLOWS))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("kubernetes takes no target options (got 'tier')");
  }
}

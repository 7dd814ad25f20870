package io.netlingua.emit.cilium;

import static io.netlingua.emit.cilium.CiliumFixtures.compile;
import static io.netlingua.emit.cilium.CiliumFixtures.field;
import static io.netlingua.emit.cilium.CiliumFixtures.found;
import static io.netlingua.emit.cilium.CiliumFixtures.policy;
import static org.assertj.core.api.Assertions.assertThat;

import io.netlingua.diagnostics.Code;
import io.netlingua.diagnostics.Diagnostic;
import io.netlingua.emit.Compilation;
import io.netlingua.targets.Mode;
import io.netlingua.targets.Options;
import org.junit.jupiter.api.Test;

/**
 * Every version gate of TARGETS.md section 6 between 1.16 and 1.18 (docs/targets.md, "Version notes, 1.16 to
 * 1.18", with the sources): each feature on the first version that has it, and the report below it.
 */
class CiliumVersionsTest {
  private static Options at(String version) {
    return Options.defaults().targetVersion(version).mode(Mode.FAIL_CLOSED);
  }

  /** 1.16: port ranges with endPort (pkg/policy/api/l4.go gains EndPort in 1.16.0). */
  @Test
  void portRangesFrom116() {
    Compilation c = compile(policy("ingress", "    allow from world on tcp/8000-8100"), at("1.16"));
    assertThat(c.diagnostics()).noneMatch(Diagnostic::isError);
    assertThat(field(c, "ingress")).contains("endPort: 8100");
    assertThat(found(c, Code.PORT_RANGE)).isEmpty();
  }

  /** 1.16: namespace labels honoured in a CNP (getEndpointSelector in 1.16.0, cilium/cilium#30650). */
  @Test
  void namespaceLabelsInACnpFrom116() {
    Compilation c = compile(policy("ingress", "    allow from pods in namespaces(team=x)"), at("1.16"));
    assertThat(c.documents().get(0).kind()).isEqualTo("CiliumNetworkPolicy");
    assertThat(field(c, "ingress")).contains("k8s:io.cilium.k8s.namespace.labels.team: x");
  }

  /** 1.17: HTTP and Kafka on ranges (docs PR #36966); 1.16.5 and later 1.16.x refuse them (#36050). */
  @Test
  void l7OnRangesFrom117() {
    String program = policy("ingress", "    allow from pods(app=web) on tcp/8000-8100 {\n      http GET\n    }");
    assertThat(found(compile(program, at("1.16")), Code.L7_HTTP)).containsExactly("5:47 warning NL3004 narrower");
    Compilation c = compile(program, at("1.17"));
    assertThat(found(c, Code.L7_HTTP)).isEmpty();
    assertThat(field(c, "ingress")).contains("endPort: 8100", "rules:", "method: GET");
  }

  /** 1.17: toServices for Services with a selector (cilium/cilium#34208); before, narrower. */
  @Test
  void servicesWithASelectorFrom117() {
    String program = policy("egress", "    allow to service db");
    assertThat(found(compile(program, at("1.16")), Code.SERVICE)).containsExactly("5:14 warning NL3017 narrower");
    assertThat(found(compile(program, at("1.17")), Code.SERVICE)).isEmpty();
  }

  /** 1.18: log (spec.log, cilium/cilium#39902); before, a warning. */
  @Test
  void logFrom118() {
    String program = policy("ingress", "    log allow from world");
    assertThat(found(compile(program, at("1.17")), Code.LOG)).containsExactly("5:5 warning NL3022 exact");
    assertThat(CiliumFixtures.trees(compile(program, at("1.18"))).get(0).get("specs").get(1).has("log")).isTrue();
    assertThat(CiliumFixtures.trees(compile(program, at("1.18.2"))).get(0).has("specs")).as("a patch version")
        .isTrue();
  }
}

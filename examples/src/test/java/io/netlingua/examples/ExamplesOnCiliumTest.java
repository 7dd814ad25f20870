package io.netlingua.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.netlingua.Netlingua;
import io.netlingua.diagnostics.Diagnostic;
import io.netlingua.dsl.ParseResult;
import io.netlingua.emit.Compilation;
import io.netlingua.targets.Options;
import io.netlingua.targets.Target;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Which examples Cilium expresses exactly: compiled in strict mode, the examples with no degradation at all, and for
 * each other one the degradations that keep it out, by code and outcome. Each of those is a real limit of Cilium
 * (docs/targets.md, Cilium): ICMP types without codes, the local host's
 * kube-apiserver identity in an ingress deny, and egress port names resolved on a map of the whole cluster
 * (Cilium up to 1.18), which the Cilium evaluator found in namespace-isolation, trading and zero-trust.
 */
class ExamplesOnCiliumTest {
  @Test
  void theExamplesCiliumExpressesExactlyCompileInStrictMode() {
    List<String> exact = new ArrayList<>();
    Map<String, String> degraded = new TreeMap<>();
    for (Path example : Examples.all()) {
      ParseResult program = Examples.parseWithoutErrors(example);
      Compilation c = Netlingua.compile(program, Target.CILIUM, Options.defaults());
      String findings = c.diagnostics().stream().filter(Diagnostic::isError)
          .map(d -> d.code().id() + " " + d.finding().map(f -> f.outcome().label()).orElse(""))
          .distinct().sorted().collect(Collectors.joining(", "));
      if (findings.isEmpty()) {
        assertThat(c.documents()).as(example.toString()).isNotEmpty();
        exact.add(example.getFileName().toString());
      } else {
        degraded.put(example.getFileName().toString(), findings);
      }
    }
    assertThat(exact).containsExactly("kafka-pipeline", "shop");
    assertThat(degraded).containsExactlyEntriesOf(new TreeMap<>(Map.of(
        "namespace-isolation", "NL3018 narrower",
        "saas", "NL3013 narrower",
        "trading", "NL3018 narrower, NL3021 wider",
        "zero-trust", "NL3018 narrower")));
  }
}

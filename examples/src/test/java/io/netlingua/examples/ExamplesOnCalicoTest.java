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
 * Which examples Calico expresses exactly: compiled in strict mode, the examples with no degradation at all, and for
 * each other one the degradations that keep it out, by code and outcome. Each is a limit of Calico open source
 * (docs/targets.md, Calico): no L7 but HTTP, and HTTP only with Application Layer Policy stated (NL3004 to NL3007), no
 * domain rules (NL3008), nodes only by stated addresses (NL3010, NL3011), no match for a pod's own node (NL3012), and
 * {@code world} exact only with the cluster's CIDRs stated (NL3009).
 */
class ExamplesOnCalicoTest {
  @Test
  void theExamplesCalicoExpressesExactlyCompileInStrictMode() {
    List<String> exact = new ArrayList<>();
    Map<String, String> degraded = new TreeMap<>();
    for (Path example : Examples.all()) {
      ParseResult program = Examples.parseWithoutErrors(example);
      Compilation c = Netlingua.compile(program, Target.CALICO, Options.defaults());
      String findings = c.diagnostics().stream().filter(Diagnostic::isError)
          .map(d -> d.code().id() + " " + d.finding().map(f -> f.outcome().label()).orElse(""))
          .distinct().sorted().collect(Collectors.joining(", "));
      if (findings.isEmpty()) {
        assertThat(c.documents()).as(example.toString()).isNotEmpty();
        assertThat(Netlingua.isExact(c)).as(example.toString()).isTrue();
        exact.add(example.getFileName().toString());
      } else {
        degraded.put(example.getFileName().toString(), findings);
      }
    }
    assertThat(exact).containsExactly("namespace-isolation");
    assertThat(degraded).containsExactlyEntriesOf(new TreeMap<>(Map.of(
        "kafka-pipeline", "NL3004 narrower, NL3006 narrower, NL3007 narrower, NL3008 narrower",
        "saas", "NL3004 narrower, NL3007 narrower, NL3008 narrower",
        "shop", "NL3004 narrower, NL3007 narrower, NL3008 narrower",
        "trading", "NL3005 narrower",
        "zero-trust", "NL3007 narrower, NL3008 narrower, NL3009 wider, NL3010 narrower, NL3011 narrower,"
            + " NL3012 narrower")));
  }
}

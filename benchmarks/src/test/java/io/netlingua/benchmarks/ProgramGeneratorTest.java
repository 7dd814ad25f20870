package io.netlingua.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.netlingua.dsl.NplParser;
import io.netlingua.dsl.ParseResult;
import io.netlingua.targets.Target;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The benchmark measures what it claims: a valid program of the asked size, using the whole language. */
class ProgramGeneratorTest {

  @Test
  void generatesAValidProgramOfAtLeastTheAskedSize() {
    String text = ProgramGenerator.generate(100_000);
    int bytes = text.getBytes(StandardCharsets.UTF_8).length;
    assertThat(bytes).isBetween(100_000, 105_000);

    ParseResult result = NplParser.create().parse("generated.npl", text);
    assertThat(result.diagnostics()).isEmpty();
    // Three policies per section, a section per team.
    assertThat(result.program().policies()).hasSize(3 * (text.split("\n# team ", -1).length - 1));
    assertThat(result.comments()).isNotEmpty();
  }

  @Test
  void usesEveryKindOfPeerPortAndL7Rule() {
    String text = ProgramGenerator.generate(1);
    for (String construct : new String[] {"pods(", "in namespace", "in namespaces(", "in any namespace",
        "namespace logging", "serviceaccount", "service kafka", "cidr", "except", "fqdn", "world", "cluster on",
        "nodes", "host on", "kube-apiserver", "any on", "tcp/http", "9000-9100", "on tcp }", "udp\n", "sctp\n",
        "icmp type 3 code 4", "icmpv6", "http GET", "path prefix", "path regex", "host \"", "header", "grpc",
        "kafka produce", "kafka consume", "client", "dns \"", "log allow", "log deny", "notin", "!=", "==",
        "!legacy", "cluster policy", "description"}) {
      assertThat(text).as("uses %s", construct).contains(construct);
    }
  }

  @Test
  void writesAProgramOfExactlyTheTeamsAskedForEachTarget() {
    String model = ProgramGenerator.program(7);
    assertThat(NplParser.create().parse("generated.npl", model).program().policies()).hasSize(21);
    assertThat(model).startsWith(ProgramGenerator.generate(1)).contains("# team 6:").doesNotContain("# team 7:");
    // Targets with cluster-scoped policy compile the model's text; Kubernetes selects each team's namespace by
    // name, the one line per team that differs.
    assertThat(ProgramGenerator.program(7, Target.CILIUM)).isEqualTo(model);
    assertThat(ProgramGenerator.program(7, Target.CALICO)).isEqualTo(model);
    String kubernetes = ProgramGenerator.program(7, Target.KUBERNETES);
    assertThat(kubernetes).doesNotContain("in namespaces(tenant=")
        .isEqualTo(model.replaceAll("in namespaces\\(tenant=(team-[0-9]+)\\)", "in namespace $1"));
  }

  @Test
  void isAPureFunctionOfTheSize() {
    assertThat(ProgramGenerator.generate(50_000)).isEqualTo(ProgramGenerator.generate(50_000));
  }
}

package io.netlingua.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netlingua.Netlingua;
import io.netlingua.diagnostics.Outcome;
import io.netlingua.diagnostics.Severity;
import io.netlingua.diagnostics.TargetFinding;
import io.netlingua.dsl.ParseResult;
import io.netlingua.emit.Compilation;
import io.netlingua.emit.EmittedDocument;
import io.netlingua.targets.Capabilities;
import io.netlingua.targets.Feature;
import io.netlingua.targets.Mode;
import io.netlingua.targets.Options;
import io.netlingua.targets.Target;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openjdk.jmh.annotations.Param;

/** The generated profiles are what CompileBenchmark and ParseBenchmark claim to measure. */
class ProgramProfilesTest {
  @TempDir Path folder;

  /** The targets CompileBenchmark runs, from its {@code target} parameter. */
  static List<Target> benchmarkedTargets() throws NoSuchFieldException {
    String[] ids = CompileBenchmark.class.getField("target").getAnnotation(Param.class).value();
    return Arrays.stream(ids).map(id -> Target.byId(id).orElseThrow()).toList();
  }

  @Test
  void theCompileBenchmarkRunsEveryTargetThatEmitsObjects() throws NoSuchFieldException {
    List<Target> enforcing = Netlingua.targets().stream()
        .filter(t -> Capabilities.of(t).get(Feature.POLICY_ENFORCEMENT).allows(Outcome.EXACT))
        .toList();
    assertThat(benchmarkedTargets()).isNotEmpty().containsExactlyInAnyOrderElementsOf(enforcing);
  }

  @ParameterizedTest
  @EnumSource(Profile.class)
  void hasExactlyThePoliciesAskedInFilesOfAtMostAThousand(Profile profile) throws Exception {
    for (Target target : benchmarkedTargets()) {
      SortedMap<String, String> files = ProgramGenerator.files(profile, 2_001, target);
      assertThat(files.keySet()).containsExactly("policies-0000.npl", "policies-0001.npl", "policies-0002.npl");

      ParseResult parsed = ProgramGenerator.parse(files, Files.createTempDirectory(folder, target.id()));
      assertThat(parsed.diagnostics()).isEmpty();
      assertThat(parsed.program().policies()).hasSize(2_001);
      assertThat(parsed.program().files()).extracting(f -> f.policies().size()).containsExactly(1_000, 1_000, 1);
    }
  }

  @ParameterizedTest
  @EnumSource(Profile.class)
  void isAPureFunctionOfProfileSizeAndTarget(Profile profile) throws NoSuchFieldException {
    for (Target target : benchmarkedTargets()) {
      assertThat(ProgramGenerator.files(profile, 1_500, target))
          .isEqualTo(ProgramGenerator.files(profile, 1_500, target));
      assertThat(ProgramGenerator.files(profile, 1_500, target))
          .isNotEqualTo(ProgramGenerator.files(profile, 1_499, target));
    }
  }

  @ParameterizedTest
  @EnumSource(Profile.class)
  void writesARealisticSizePerPolicy(Profile profile) {
    long bytes = ProgramGenerator.files(profile, 3_000, Target.KUBERNETES).values().stream()
        .mapToLong(text -> text.getBytes(StandardCharsets.UTF_8).length).sum();
    assertThat(bytes / 3_000.0).isBetween(175.0, 400.0);
  }

  @Test
  void exactCompilesStrictAndExactlyOnEveryTargetThatEmitsObjects() throws Exception {
    for (Target target : benchmarkedTargets()) {
      Options options = ProgramGenerator.options(Profile.EXACT, target);
      assertThat(options.mode()).isEqualTo(Mode.STRICT);
      assertThat(options.knowsClusterCidrs()).isTrue();

      Compilation out = compile(Profile.EXACT, 1_000, target);
      assertThat(out.diagnostics()).as(target.id()).allMatch(d -> d.severity() == Severity.INFO);
      assertThat(Netlingua.isExact(out)).as(target.id()).isTrue();
      assertThat(policyObjects(out)).as(target.id()).isEqualTo(1_000);
      if (target == Target.KUBERNETES) {
        assertThat(findings(out, Feature.DENY)).as("every deny folds").containsOnly(Outcome.EXACT);
        assertThat(out.diagnostics()).as("denies are folded into excepts, not merely implied")
            .anyMatch(d -> d.message().contains("folded into the except"));
      }
      assertNamespaces(target, out);
    }
  }

  @Test
  void fullCompilesBestEffortWithoutErrorOnEveryTargetThatEmitsObjects() throws Exception {
    for (Target target : benchmarkedTargets()) {
      assertThat(ProgramGenerator.options(Profile.FULL, target).mode()).isEqualTo(Mode.BEST_EFFORT);

      Compilation out = compile(Profile.FULL, 1_000, target);
      assertThat(out.hasErrors()).as(target.id() + ": %s", out.diagnostics()).isFalse();
      if (target == Target.KUBERNETES) {
        assertThat(findings(out, Feature.DENY)).as("denies that fold and denies that do not")
            .contains(Outcome.EXACT, Outcome.WIDER);
      }
      assertNamespaces(target, out);
      // Most policies give an object; the one cluster policy of every pod gives one per namespace on Kubernetes.
      assertThat(policyObjects(out)).as(target.id()).isBetween(900L, 1_300L);
    }
  }

  @Test
  void fullNamesTheNamespacesClusterPoliciesExpandIntoOnKubernetes() {
    assertThat(ProgramGenerator.options(Profile.FULL, Target.KUBERNETES).namespaces())
        .hasSize(ProgramGenerator.NAMESPACES).contains("team-00", "team-42", "team-99");
  }

  @Test
  void fullUsesEveryKindOfPeerPortAndL7Rule() {
    String text = String.join("\n", ProgramGenerator.files(Profile.FULL, 1_000, Target.KUBERNETES).values());
    for (String construct : new String[] {"pods(", "in namespace ", "in namespaces(", "in any namespace",
        "namespace monitoring,", "namespaces(purpose", "serviceaccount", "service kafka", "cidr", "except", "fqdn",
        "world", "cluster on", "nodes", "host on", "kube-apiserver", "any on", "tcp/http", "9000-9100", "on tcp }",
        "udp\n", "sctp\n", "icmp type 3 code 4", "icmp type 8", "icmpv6", "http GET", "path prefix", "path regex",
        "host \"", "header", "grpc", "kafka produce", "kafka consume", "client", "dns \"", "log allow", "log deny",
        "notin", "!=", "==", "!legacy", "description", "cluster policy", "select pods\n",
        "select pods(app=svc-2, !legacy), pods(", "let edge = gateways"}) {
      assertThat(text).as("uses %s", construct).contains(construct);
    }
  }

  @Test
  void leavesOutOfAKubernetesProgramWhatKubernetesCannotPlace() {
    // A cluster policy of namespaces chosen by label is impossible there: its subject is chosen by name instead.
    String text = String.join("\n", ProgramGenerator.files(Profile.FULL, 1_000, Target.KUBERNETES).values());
    assertThat(text).doesNotContainPattern("cluster policy [^{]*\\{\\s*select [^\\n]* in namespaces\\(")
        .contains("select pods(app=tenant-5) in namespace team-05");
  }

  @Test
  void generatesNothingForATargetThatEmitsNothing() {
    assertThatThrownBy(() -> ProgramGenerator.files(Profile.EXACT, 10, Target.FLANNEL))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("flannel");
    assertThatThrownBy(() -> ProgramGenerator.files(Profile.FULL, 0, Target.KUBERNETES))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private Compilation compile(Profile profile, int policies, Target target) throws IOException {
    ParseResult parsed = ProgramGenerator.parse(
        ProgramGenerator.files(profile, policies, target), Files.createTempDirectory(folder, target.id()));
    assertThat(parsed.diagnostics()).isEmpty();
    return Netlingua.compile(parsed, target, ProgramGenerator.options(profile, target));
  }

  private static Set<Outcome> findings(Compilation out, Feature feature) {
    return out.diagnostics().stream().flatMap(d -> d.finding().stream())
        .filter(f -> f.feature().equals(feature.id())).map(TargetFinding::outcome).collect(Collectors.toSet());
  }

  /**
   * The objects that stand for a policy: every document but the deny half a Calico policy with deny rules also gets
   * ({@code NAME-deny}, ordered before every allow: docs/targets.md, Calico).
   */
  private static long policyObjects(Compilation out) {
    return out.documents().stream()
        .filter(d -> !(out.target() == Target.CALICO && d.name().endsWith("-deny"))).count();
  }

  /** Every namespace of the program has objects; Calico's are all cluster-scoped, each naming its namespace. */
  private static void assertNamespaces(Target target, Compilation out) {
    if (target == Target.CALICO) {
      Set<String> named = out.documents().stream().map(EmittedDocument::name)
          .filter(n -> n.startsWith("team-")).map(n -> n.substring(0, "team-00".length()))
          .collect(Collectors.toSet());
      assertThat(named).as("calico: NAMESPACE-NAME").hasSize(ProgramGenerator.NAMESPACES);
    } else {
      assertThat(namespaces(out)).as(target.id()).hasSize(ProgramGenerator.NAMESPACES);
    }
  }

  private static Set<String> namespaces(Compilation out) {
    return out.documents().stream().map(EmittedDocument::namespace).flatMap(java.util.Optional::stream)
        .collect(Collectors.toSet());
  }
}

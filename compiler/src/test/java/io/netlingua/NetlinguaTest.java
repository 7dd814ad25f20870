package io.netlingua;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netlingua.diagnostics.Code;
import io.netlingua.diagnostics.Diagnostic;
import io.netlingua.dsl.ParseResult;
import io.netlingua.emit.Compilation;
import io.netlingua.emit.DocumentSink;
import io.netlingua.model.PolicyFile;
import io.netlingua.model.Program;
import io.netlingua.targets.Mode;
import io.netlingua.targets.Options;
import io.netlingua.targets.Target;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NetlinguaTest {
  static final String WEB =
      "# web tier\n"
          + "namespace shop\n"
          + "\n"
          + "policy web {\n"
          + "  select pods(app=web)\n"
          + "  ingress {\n"
          + "    allow from pods(app=frontend) on tcp/8080\n"
          + "  }\n"
          + "}\n";

  @TempDir Path dir;

  @Test
  void parsesOneInMemoryFile() {
    ParseResult result = Netlingua.parse("web.npl", WEB);

    assertThat(result.diagnostics()).isEmpty();
    assertThat(result.program().files()).extracting(PolicyFile::path).containsExactly("web.npl");
    assertThat(result.program().policies()).hasSize(1);
  }

  @Test
  void theVarargsAndListFormsReadTheSameProgram() throws IOException {
    Path a = Files.writeString(dir.resolve("a.npl"), WEB);
    Path b = Files.writeString(dir.resolve("b.npl"), WEB.replace("policy web", "policy api"));

    ParseResult varargs = Netlingua.parse(a, b);
    ParseResult list = Netlingua.parse(List.of(a, b));

    assertThat(varargs.diagnostics()).isEmpty();
    assertThat(varargs.program()).isEqualTo(list.program());
    assertThat(varargs.program().files())
        .extracting(PolicyFile::path)
        .containsExactly(a.toString(), b.toString());
  }

  @Test
  void formatPrintsOnlyTheCommentsOfItsOwnFile() throws IOException {
    Path a = Files.writeString(dir.resolve("a.npl"), WEB);
    String api = WEB.replace("web tier", "api tier").replace("web {", "api {");
    Path b = Files.writeString(dir.resolve("b.npl"), api);
    ParseResult result = Netlingua.parse(a, b);

    String first = Netlingua.format(result.program().files().get(0), result.comments());

    assertThat(first).contains("# web tier", "policy web").doesNotContain("api");
    ParseResult again = Netlingua.parse("a.npl", first);
    assertThat(again.diagnostics()).isEmpty();
    assertThat(Netlingua.format(again.program().files().get(0), again.comments())).isEqualTo(first);
  }

  @Test
  void renderQuotesTheLineAndPointsAtTheColumn() {
    ParseResult result = Netlingua.parse("web.npl", WEB.replace("pods(app=frontend)", "frontnd"));

    assertThat(result.diagnostics()).extracting(d -> d.code()).containsExactly(Code.UNKNOWN_NAME);
    assertThat(Netlingua.render(result))
        .startsWith("web.npl:7:16: error[NL2001]: ")
        .contains("\n    7 |     allow from frontnd on tcp/8080\n      |                ^");
  }

  @Test
  void compileGivesTheDocumentsAndEveryDiagnostic() {
    ParseResult parsed = Netlingua.parse("web.npl", WEB);

    Compilation out = Netlingua.compile(parsed, Target.KUBERNETES, Options.defaults());

    assertThat(out.hasErrors()).isFalse();
    assertThat(out.documents()).singleElement().satisfies(d -> {
      assertThat(d.kind()).isEqualTo("NetworkPolicy");
      assertThat(d.namespace()).contains("shop");
      assertThat(d.name()).isEqualTo("web");
    });
    assertThat(out.yaml()).startsWith("apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\n");
    assertThat(out.diagnostics()).extracting(Diagnostic::code).containsExactly(Code.NODE_LOCAL_TRAFFIC);
    assertThat(Netlingua.compile(parsed.program(), Target.KUBERNETES, Options.defaults())).isEqualTo(out);
  }

  @Test
  void aParseResultWithErrorsIsNotCompiled() {
    ParseResult parsed = Netlingua.parse("web.npl", WEB.replace("pods(app=frontend)", "frontnd"));

    Compilation out = Netlingua.compile(parsed, Target.KUBERNETES, Options.defaults());

    assertThat(out.diagnostics()).isEqualTo(parsed.diagnostics());
    assertThat(out.documents()).isEmpty();
    assertThat(out.yaml()).isEmpty();
  }

  @Test
  void theReadersWarningsStayInTheCompilationOnce() throws IOException {
    Path root = Files.createDirectories(dir.resolve("policies"));
    Files.writeString(root.resolve("web.npl"), WEB);
    Path outside = Files.writeString(dir.resolve("elsewhere.npl"), WEB.replace("policy web", "policy api"));
    Files.createSymbolicLink(root.resolve("api.npl"), outside);
    ParseResult parsed = Netlingua.parse(root);
    assertThat(parsed.diagnostics()).extracting(Diagnostic::code).containsExactly(Code.LINK_OUTSIDE_ROOT);

    Compilation out = Netlingua.compile(parsed, Target.KUBERNETES, Options.defaults().mode(Mode.FAIL_CLOSED));

    assertThat(out.diagnostics()).extracting(Diagnostic::code)
        .containsExactlyInAnyOrder(Code.LINK_OUTSIDE_ROOT, Code.NODE_LOCAL_TRAFFIC);
    assertThat(out.options().mode()).isEqualTo(Mode.FAIL_CLOSED);
  }

  @Test
  void aProgramBuiltInJavaIsCheckedBeforeItIsLowered() {
    PolicyFile file = Netlingua.parse("web.npl", WEB).program().files().get(0);
    // The same policy twice in one file: the reader would have refused it (NL2002).
    PolicyFile twice = new PolicyFile(file.path(), file.namespace(), file.imports(), file.definitions(),
        List.of(file.policies().get(0), file.policies().get(0)));
    Program broken = new Program(List.of(twice));

    Compilation out = Netlingua.compile(broken, Target.KUBERNETES, Options.defaults());

    assertThat(out.diagnostics()).extracting(Diagnostic::code).contains(Code.DUPLICATE_POLICY);
    assertThat(out.documents()).isEmpty();
  }

  @Test
  void flannelReportsEveryPolicyAndWritesNothing() {
    Compilation out = Netlingua.compile(Netlingua.parse("web.npl", WEB), Target.FLANNEL, Options.defaults());

    assertThat(out.diagnostics()).extracting(Diagnostic::code).containsExactly(Code.POLICY_ENFORCEMENT);
    assertThat(out.documents()).isEmpty();
  }

  @Test
  void targetsAreTheOnesWithAnEmitter() {
    assertThat(Netlingua.targets()).containsExactly(Target.KUBERNETES, Target.CILIUM, Target.CALICO, Target.FLANNEL);
  }

  @Test
  void renderIsEmptyWithoutDiagnostics() {
    assertThat(Netlingua.render(Netlingua.parse("web.npl", WEB))).isEmpty();
  }

  @Test
  void aVersionInTheTargetsRangeIsCompiledForAPatchVersionIncluded() throws IOException {
    ParseResult parsed = Netlingua.parse("web.npl", WEB);
    DocumentSink discard = (document, yaml) -> { };

    for (String version : List.of("1.21", "1.35", "1.35.2", "1.24.17")) {
      Options options = Options.defaults().targetVersion(version);
      assertThat(Netlingua.compile(parsed, Target.KUBERNETES, options).targetVersion()).isEqualTo(version);
      assertThat(Netlingua.compile(parsed.program(), Target.KUBERNETES, options).hasErrors()).isFalse();
      assertThat(Netlingua.compile(parsed, Target.KUBERNETES, options, discard).hasErrors()).isFalse();
    }
    assertThat(Netlingua.compile(parsed, Target.FLANNEL, Options.defaults().targetVersion("0.9")).targetVersion())
        .as("flannel enforces nothing in any version").isEqualTo("0.9");
  }

  /** An embedder's mistake in the options is an exception naming the range, by every compile, before the program. */
  @Test
  void aVersionJustOutsideTheTargetsRangeIsRefusedNamingTheRange() {
    ParseResult parsed = Netlingua.parse("web.npl", WEB);
    ParseResult broken = Netlingua.parse("web.npl", WEB.replace("pods(app=frontend)", "frontnd"));
    DocumentSink discard = (document, yaml) -> { };

    for (String version : List.of("1.20", "1.20.15", "1.36", "1.36.0")) {
      Options options = Options.defaults().targetVersion(version);
      String message = "kubernetes " + version + " is not supported: the supported versions are 1.21 to 1.35";
      assertThatThrownBy(() -> Netlingua.compile(parsed, Target.KUBERNETES, options))
          .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(message);
      assertThatThrownBy(() -> Netlingua.compile(broken, Target.KUBERNETES, options))
          .as("even when the program has errors").isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith(message);
      assertThatThrownBy(() -> Netlingua.compile(parsed.program(), Target.KUBERNETES, options))
          .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(message);
      assertThatThrownBy(() -> Netlingua.compile(broken, Target.KUBERNETES, options, discard))
          .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(message);
    }
  }

  @Test
  void aTargetOptionTheTargetDoesNotDeclareIsRefused() {
    ParseResult parsed = Netlingua.parse("web.npl", WEB);
    Options options = Options.defaults().targetOption("tier", "platform");

    for (Target target : List.of(Target.KUBERNETES, Target.FLANNEL)) {
      assertThatThrownBy(() -> Netlingua.compile(parsed, target, options))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(target.id() + " takes no target options (got 'tier')");
      assertThatThrownBy(() -> Netlingua.compile(parsed.program(), target, options))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("takes no target options");
    }
    assertThatThrownBy(() -> Netlingua.compile(parsed, Target.CILIUM, options))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cilium has no target option 'tier' (valid keys: allow-localhost)");
  }

  /** A build compiling for several targets states each one's version and options in one Options. */
  @Test
  void oneOptionsCarriesTheVersionAndTargetOptionsOfEachTarget() {
    ParseResult parsed = Netlingua.parse("web.npl", WEB);
    Options options = Options.defaults()
        .targetVersion(Target.CILIUM, "1.17").targetOptions(Target.CILIUM, Map.of("allow-localhost", "policy"))
        .targetVersion(Target.CALICO, "3.31").targetOptions(Target.CALICO, Map.of("tier", "platform"));

    Compilation cilium = Netlingua.compile(parsed, Target.CILIUM, options);
    Compilation calico = Netlingua.compile(parsed, Target.CALICO, options);
    Compilation kubernetes = Netlingua.compile(parsed, Target.KUBERNETES, options);

    assertThat(cilium.targetVersion()).isEqualTo("1.17");
    assertThat(cilium.textReport(parsed.sources()))
        .startsWith("netlingua: target cilium 1.17, mode strict, target options allow-localhost=policy\n");
    assertThat(calico.targetVersion()).isEqualTo("3.31");
    assertThat(calico.textReport(parsed.sources()))
        .startsWith("netlingua: target calico 3.31, mode strict, target options tier=platform\n");
    assertThat(calico.documents()).anySatisfy(d -> {
      assertThat(d.kind()).isEqualTo("Tier");
      assertThat(d.name()).isEqualTo("platform");
    });
    assertThat(calico.jsonReport()).contains("\"targetOptions\": {\n    \"tier\": \"platform\"\n  }");
    assertThat(kubernetes.hasErrors()).as("the other targets' entries never reach kubernetes").isFalse();
    assertThat(kubernetes.targetVersion()).isEqualTo(Target.KUBERNETES.defaultVersion());
    assertThatThrownBy(() -> Netlingua.compile(
            parsed, Target.CALICO, options.targetOptions(Target.CALICO, Map.of("tiers", "platform"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("calico has no target option 'tiers' (valid keys: tier, tier-order, deny-order, allow-order,"
            + " alp, staged)");
  }
}

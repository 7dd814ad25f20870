package io.netlingua.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netlingua.diagnostics.Code;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code netlingua compile}: options, exit codes, the report, and the {@code --out} folder. */
class CompileCommandTest {
  static final String WEB =
      "namespace shop\n"
          + "\n"
          + "policy web {\n"
          + "  select pods(app=web)\n"
          + "  ingress {\n"
          + "    allow from pods(app=frontend) on tcp/8080\n"
          + "  }\n"
          + "}\n";

  @TempDir Path dir;

  private Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    return Files.writeString(p, text);
  }

  @Test
  void kubernetesWritesYamlOnStdoutAndTheReportOnStderr() throws IOException {
    Path file = write("web.npl", WEB);

    CliRun run = CliRun.of("compile", file.toString(), "--target", "kubernetes");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .startsWith("apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: web\n"
            + "  namespace: shop\n")
        .contains("netlingua.io/source: " + file + ":3\n", "  - Ingress\n", "      port: 8080\n");
    assertThat(run.err())
        .startsWith("netlingua: target kubernetes 1.35, mode strict\nfacts and assumptions:\n")
        .contains("[NL3901]")
        .endsWith("summary: 1 document emitted, 0 errors, 0 warnings\n");
  }

  @Test
  void theClusterFactsAndTheVersionReachTheCompiler() throws IOException {
    Path file = write("web.npl", WEB.replace("pods(app=frontend) on tcp/8080", "world on tcp/8000-8100"));

    CliRun unstated = CliRun.of("compile", file.toString(), "--target", "kubernetes");
    CliRun stated = CliRun.of("compile", file.toString(), "--target", "kubernetes",
        "--pod-cidr", "10.244.0.0/16", "--service-cidr", "10.96.0.0/12", "--node-cidr", "192.168.0.0/24");
    CliRun old = CliRun.of("compile", file.toString(), "--target", "kubernetes", "--target-version", "1.24",
        "--pod-cidr", "10.244.0.0/16", "--service-cidr", "10.96.0.0/12", "--node-cidr", "192.168.0.0/24");

    assertThat(unstated.exitCode()).isEqualTo(1);
    assertThat(unstated.err()).contains("error[NL3009]");
    assertThat(stated.exitCode()).as(stated.err()).isZero();
    assertThat(stated.out())
        .contains("- 10.244.0.0/16", "- 10.96.0.0/12", "- 192.168.0.0/24", "endPort: 8100");
    assertThat(old.exitCode()).isEqualTo(1);
    assertThat(old.err())
        .startsWith("netlingua: target kubernetes 1.24, mode strict").contains("error[NL3019]");
  }

  @Test
  void outWritesOneFilePerObjectAndReplacesTheFolderAsAWhole() throws IOException {
    String api =
        WEB.substring(WEB.indexOf("policy")).replace("policy web", "policy api").replace("app=web", "app=api");
    Path file = write("src/web.npl", WEB + api);
    Path out = dir.resolve("out");
    Files.createDirectories(out.resolve("kubernetes/old-namespace"));
    Files.writeString(out.resolve("kubernetes/old-namespace/gone.yaml"), "from a previous run\n");
    Files.writeString(out.resolve("keep.txt"), "not ours\n");

    CliRun run = CliRun.of("compile", file.toString(), "--target", "kubernetes", "--out", out.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).isEmpty();
    assertThat(listing(out)).containsExactly(
        "keep.txt", "kubernetes", "kubernetes/shop", "kubernetes/shop/api.yaml", "kubernetes/shop/web.yaml");
    String stdout = CliRun.of("compile", file.toString(), "--target", "kubernetes").out();
    String files =
        read(out.resolve("kubernetes/shop/api.yaml")) + "---\n" + read(out.resolve("kubernetes/shop/web.yaml"));
    assertThat(files).as("the files hold, in order, what standard output would").isEqualTo(stdout);
  }

  /**
   * Calico's objects are cluster-scoped, so they sit at the top of {@code DIR/calico/}; a Tier, which its policies
   * need first, in {@code tiers/} (a Tier and a policy may share a name), and first on standard output.
   */
  @Test
  void calicoWritesItsTierIntoAFolderOfItsOwnAndFirst() throws IOException {
    Path file = write("web.npl", WEB);
    Path out = dir.resolve("out");
    String[] options = {"--target", "calico", "--target-option", "tier=shop-web", "--target-option",
        "tier-order=5000"};

    CliRun run = CliRun.of(concat(new String[] {"compile", file.toString(), "--out", out.toString()}, options));
    CliRun stdout = CliRun.of(concat(new String[] {"compile", file.toString()}, options));

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(listing(out)).containsExactly(
        "calico", "calico/shop-web.yaml", "calico/tiers", "calico/tiers/shop-web.yaml");
    assertThat(read(out.resolve("calico/tiers/shop-web.yaml"))).startsWith(
        "apiVersion: projectcalico.org/v3\nkind: Tier\nmetadata:\n  name: shop-web\n");
    assertThat(stdout.out()).startsWith(read(out.resolve("calico/tiers/shop-web.yaml")) + "---\n")
        .contains("  tier: shop-web\n  order: 200\n");
  }

  static String[] concat(String[] a, String[] b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  @Test
  void aRunWithErrorsLeavesThePreviousOutputUntouched() throws IOException {
    Path file = write("src/web.npl", WEB);
    Path out = dir.resolve("out");
    CliRun first = CliRun.of("compile", file.toString(), "--target", "kubernetes", "--out", out.toString());
    assertThat(first.exitCode()).as(first.err()).isZero();
    String before = read(out.resolve("kubernetes/shop/web.yaml"));
    Files.writeString(file, WEB.replace("on tcp/8080", "on tcp/8080 { http GET }"));

    CliRun run = CliRun.of("compile", file.toString(), "--target", "kubernetes", "--out", out.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err())
        .contains("error[NL3004]").endsWith("summary: nothing written, 1 error, 0 warnings\n");
    assertThat(listing(out)).containsExactly("kubernetes", "kubernetes/shop", "kubernetes/shop/web.yaml");
    assertThat(read(out.resolve("kubernetes/shop/web.yaml"))).isEqualTo(before);
  }

  @Test
  void flannelWritesNothingAndExitsOneWithTheReportPolicyByPolicy() throws IOException {
    Path file = write("web.npl", WEB);

    for (String mode : List.of("strict", "fail-closed", "best-effort")) {
      CliRun run = CliRun.of("compile", file.toString(), "--target", "flannel", "--mode", mode);

      assertThat(run.exitCode()).as(mode).isEqualTo(1);
      assertThat(run.out()).as(mode).isEmpty();
      assertThat(run.err()).as(mode)
          .startsWith("netlingua: target flannel 0.27, mode " + mode + "\n")
          .contains(file + ":3:8: error[NL3001]: flannel: policy 'web' (namespace shop) cannot be enforced")
          .contains("    3 | policy web {\n")
          .contains("= hint: run Canal")
          .endsWith("summary: nothing written, 1 error, 0 warnings\n");
    }
  }

  @Test
  void theJsonReportCarriesTheFindingOfEachDiagnostic() throws IOException {
    Path file = write("web.npl", WEB);

    CliRun run = CliRun.of("compile", file.toString(), "--target", "flannel", "--report", "json");

    assertThat(run.exitCode()).isEqualTo(1);
    JsonNode report = new ObjectMapper().readTree(run.err());
    assertThat(report.get("target").asText()).isEqualTo("flannel");
    JsonNode d = report.get("diagnostics").get(0);
    assertThat(d.get("code").asText()).isEqualTo("NL3001");
    assertThat(d.get("line").asInt()).isEqualTo(3);
    assertThat(d.get("outcome").asText()).isEqualTo("impossible");
  }

  @Test
  void errorsInTheProgramAreReportedAndExitOne() throws IOException {
    Path file = write("web.npl", WEB.replace("pods(app=frontend)", "frontnd"));

    CliRun run = CliRun.of("compile", file.toString(), "--target", "kubernetes");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).contains(file + ":6:16: error[NL2001]: unknown name 'frontnd'")
        .endsWith("summary: nothing written, 1 error, 0 warnings\n");
  }

  @Test
  void aPathThatCannotBeReadExitsTwo() {
    CliRun run = CliRun.of("compile", dir.resolve("missing").toString(), "--target", "kubernetes");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("error[NL5001]");
  }

  @Test
  void theTargetIsRequiredAndMustExist() throws IOException {
    Path file = write("web.npl", WEB);

    CliRun none = CliRun.of("compile", file.toString());
    CliRun unknown = CliRun.of("compile", file.toString(), "--target", "antrea");

    assertThat(none.exitCode()).isEqualTo(2);
    assertThat(none.err()).contains("Missing required option: '--target=TARGET'");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).contains("unknown target 'antrea' (expected one of: kubernetes, cilium, calico, flannel)");
  }

  @Test
  void badOptionValuesAreUsageErrorsThatSayWhatIsWrong() throws IOException {
    Path file = write("web.npl", WEB);
    String f = file.toString();

    assertUsageError(CliRun.of("compile", f, "--target", "kubernetes", "--mode", "lenient"),
        "unknown mode 'lenient' (expected one of: strict, fail-closed, best-effort)");
    assertUsageError(CliRun.of("compile", f, "--target", "kubernetes", "--pod-cidr", "10.244.0.1/16"),
        "'10.244.0.1/16' has host bits set (did you mean 10.244.0.0/16?)");
    assertUsageError(CliRun.of("compile", f, "--target", "kubernetes", "--node-cidr", "nodes"),
        "Invalid value for option '--node-cidr'");
    assertUsageError(CliRun.of("compile", f, "--target", "kubernetes", "--namespaces", "shop,Web"),
        "'Web' is not a namespace name");
    assertUsageError(CliRun.of("compile", f, "--target", "kubernetes", "--target-version", "latest"),
        "'latest' is not a version such as 1.35 or 1.29.4");
    assertUsageError(CliRun.of("compile", f, "--target", "kubernetes", "--report", "sarif"),
        "unknown report format 'sarif' (expected one of: text, json)");
  }

  @Test
  void aPatchVersionInTheTargetsRangeIsCompiledForThatVersion() throws IOException {
    String f = write("web.npl", WEB).toString();

    for (String version : List.of("1.21", "1.35", "1.35.2", "1.24.17")) {
      CliRun run = CliRun.of("compile", f, "--target", "kubernetes", "--target-version", version);
      assertThat(run.exitCode()).as(run.err()).isZero();
      assertThat(run.err()).startsWith("netlingua: target kubernetes " + version + ", mode strict\n");
    }
    CliRun flannel = CliRun.of("compile", f, "--target", "flannel", "--target-version", "0.9.1");
    assertThat(flannel.err()).as("flannel enforces nothing in any version")
        .startsWith("netlingua: target flannel 0.9.1, mode strict\n");
  }

  @Test
  void aVersionJustOutsideTheTargetsRangeIsAUsageErrorNamingTheRange() throws IOException {
    String f = write("web.npl", WEB).toString();

    for (String version : List.of("1.20", "1.20.15", "1.36", "1.36.0")) {
      assertUsageError(CliRun.of("compile", f, "--target", "kubernetes", "--target-version", version),
          "Invalid value for option '--target-version': kubernetes " + version
              + " is not supported: the supported versions are 1.21 to 1.35 (patch versions included)");
    }
    CliRun unread = CliRun.of("compile", dir.resolve("missing").toString(), "--target", "kubernetes",
        "--target-version", "1.20");
    assertThat(unread.err()).as("refused before any PATH is read").contains("1.21 to 1.35").doesNotContain("NL5001");
  }

  @Test
  void aTargetOptionTheTargetDoesNotTakeIsAUsageError() throws IOException {
    String f = write("web.npl", WEB).toString();

    for (String target : List.of("kubernetes", "flannel")) {
      assertUsageError(CliRun.of("compile", f, "--target", target, "--target-option", "tier=platform"),
          "Invalid value for option '--target-option': " + target + " takes no target options (got 'tier')");
    }
    assertUsageError(CliRun.of("compile", f, "--target", "kubernetes", "--target-option", "Tier_2=x"),
        "kubernetes takes no target options (got 'Tier_2')");
  }

  @Test
  void aTargetOptionThatIsNotKeyEqualsValueOrIsGivenTwiceIsAUsageError() throws IOException {
    String f = write("web.npl", WEB).toString();

    assertUsageError(CliRun.of("compile", f, "--target", "kubernetes", "--target-option", "tier"),
        "Invalid value for option '--target-option' (KEY=VALUE): 'tier' is not KEY=VALUE");
    assertUsageError(CliRun.of("compile", f, "--target", "kubernetes", "--target-option", "=platform"),
        "'=platform' is not KEY=VALUE");
    assertUsageError(CliRun.of("compile", f, "--target", "kubernetes",
            "--target-option", "tier=a", "--target-option", "tier=b"),
        "Invalid value for option '--target-option': 'tier' is given twice");
  }

  private static void assertUsageError(CliRun run, String message) {
    assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).contains(message).contains("Usage: netlingua compile");
  }

  @Test
  void nl5004AnOutputFolderThatCannotBeWrittenExitsTwoAndChangesNothing() throws IOException {
    Path file = write("web.npl", WEB);
    // --out names a regular file: no folder can be made there.
    Path blocked = write("out", "a file of the user's\n");

    CliRun run = CliRun.of("compile", file.toString(), "--target", "kubernetes", "--out", blocked.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .contains(blocked.resolve("kubernetes") + ":1:1: error[NL5004]: cannot write the output folder '"
            + blocked.resolve("kubernetes") + "': ")
        .contains("= hint: choose another --out folder")
        .contains("summary: nothing written, 1 error");
    assertThat(Files.readString(blocked)).isEqualTo("a file of the user's\n");
  }

  @Test
  void nl5004ATargetFolderThatIsAFileIsNeverReplaced() throws IOException {
    Path file = write("web.npl", WEB);
    Path out = Files.createDirectories(dir.resolve("out"));
    Files.writeString(out.resolve("kubernetes"), "not ours\n");

    CliRun run = CliRun.of("compile", file.toString(), "--target", "kubernetes", "--out", out.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("error[NL5004]").contains("exists and is not a folder");
    assertThat(Files.readString(out.resolve("kubernetes"))).isEqualTo("not ours\n");
    assertThat(listing(out)).containsExactly("kubernetes");
  }

  @Test
  void theRunCodeOfTheOutputFolderHasATestNamedAfterIt() {
    // The reader's NL5xxx codes are tested in dsl's RunDiagnosticsTest; the one of --out is tested here.
    assertThat(Arrays.stream(CompileCommandTest.class.getDeclaredMethods()).map(Method::getName))
        .anyMatch(n -> n.startsWith(Code.UNWRITABLE_OUTPUT.id().toLowerCase(Locale.ROOT)));
  }

  @Test
  void nl5004TheOutputFolderGetsTheUsualPermissionsNotThoseOfATemporaryFolder() throws IOException {
    Path file = write("web.npl", WEB);
    Path out = dir.resolve("out");
    Path usual = Files.createDirectories(dir.resolve("usual"));
    assumeTrue(Files.getFileAttributeView(usual, PosixFileAttributeView.class) != null, "POSIX permissions");

    CliRun run = CliRun.of("compile", file.toString(), "--target", "kubernetes", "--out", out.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(Files.getPosixFilePermissions(out.resolve("kubernetes")))
        .isEqualTo(Files.getPosixFilePermissions(usual));
    assertThat(listing(out)).as("nothing is left beside the folder")
        .containsExactly("kubernetes", "kubernetes/shop", "kubernetes/shop/web.yaml");
  }

  /** Every path below a folder, relative, sorted. */
  static List<String> listing(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      return paths.filter(p -> !p.equals(root)).map(p -> root.relativize(p).toString().replace('\\', '/'))
          .sorted().toList();
    }
  }

  static String read(Path p) throws IOException {
    return Files.readString(p, StandardCharsets.UTF_8);
  }
}

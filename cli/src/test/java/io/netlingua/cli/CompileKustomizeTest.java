package io.netlingua.cli;

import static io.netlingua.cli.CompileCommandTest.WEB;
import static io.netlingua.cli.CompileCommandTest.concat;
import static io.netlingua.cli.CompileCommandTest.listing;
import static io.netlingua.cli.CompileCommandTest.read;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code netlingua compile --out DIR --kustomize}: the {@code kustomization.yaml} of each target folder. No
 * kustomize or kubectl binary is run; the tests read the file's content.
 */
class CompileKustomizeTest {
  private static final String API =
      WEB.substring(WEB.indexOf("policy")).replace("policy web", "policy api").replace("app=web", "app=api");

  @TempDir Path dir;

  private Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    return Files.writeString(p, text);
  }

  private CliRun compile(Path file, Path out, String... options) {
    List<String> args = new ArrayList<>(List.of("compile", file.toString(), "--out", out.toString()));
    args.addAll(List.of(options));
    return CliRun.of(args.toArray(String[]::new));
  }

  /** The kustomization's {@code resources}, in its order. */
  private static List<String> resources(Path kustomization) throws IOException {
    List<String> out = new ArrayList<>();
    new YAMLMapper().readTree(kustomization.toFile()).path("resources").forEach(n -> out.add(n.asText()));
    return out;
  }

  @Test
  void theKustomizationListsEveryWrittenFileOnceInOutputOrderWithFifoSorting() throws IOException {
    Path file = write("src/web.npl", WEB + API);
    Path out = dir.resolve("out");

    CliRun run = compile(file, out, "--target", "kubernetes", "--kustomize");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).isEmpty();
    assertThat(listing(out)).containsExactly("kubernetes", "kubernetes/kustomization.yaml", "kubernetes/shop",
        "kubernetes/shop/api.yaml", "kubernetes/shop/web.yaml");
    assertThat(read(out.resolve("kubernetes/kustomization.yaml"))).isEqualTo(
        "apiVersion: kustomize.config.k8s.io/v1beta1\n"
            + "kind: Kustomization\n"
            + "sortOptions:\n"
            + "  order: fifo\n"
            + "resources:\n"
            + "- shop/api.yaml\n"
            + "- shop/web.yaml\n");
    // What it lists, concatenated, is what standard output prints: the same objects in the same order.
    assertThat(concatenated(out.resolve("kubernetes"), resources(out.resolve("kubernetes/kustomization.yaml"))))
        .isEqualTo(CliRun.of("compile", file.toString(), "--target", "kubernetes").out());
  }

  /** kustomize's legacy order knows no Tier; fifo keeps it before the policies in it, as standard output has it. */
  @Test
  void onCalicoTheTierComesFirst() throws IOException {
    Path file = write("web.npl", WEB + API);
    Path out = dir.resolve("out");
    String[] options = {"--target", "calico", "--target-option", "tier=shop-web", "--target-option",
        "tier-order=5000"};

    CliRun run = compile(file, out, concat(options, new String[] {"--kustomize"}));

    assertThat(run.exitCode()).as(run.err()).isZero();
    Path kustomization = out.resolve("calico/kustomization.yaml");
    List<String> resources = resources(kustomization);
    assertThat(resources).first().isEqualTo("tiers/shop-web.yaml");
    assertThat(resources).doesNotHaveDuplicates().hasSize(3);
    List<String> written = new ArrayList<>(listing(out.resolve("calico")).stream()
        .filter(p -> p.endsWith(".yaml") && !p.equals("kustomization.yaml")).toList());
    assertThat(resources).containsExactlyInAnyOrderElementsOf(written);
    JsonNode tree = new YAMLMapper().readTree(kustomization.toFile());
    assertThat(tree.path("sortOptions").path("order").asText()).isEqualTo("fifo");
    assertThat(tree.path("kind").asText()).isEqualTo("Kustomization");
    String stdout = CliRun.of(concat(new String[] {"compile", file.toString()}, options)).out();
    assertThat(concatenated(out.resolve("calico"), resources)).isEqualTo(stdout);
  }

  @Test
  void twoRunsWriteTheSameBytes() throws IOException {
    Path file = write("web.npl", WEB + API);
    Path out = dir.resolve("out");

    CliRun first = compile(file, out, "--target", "cilium", "--kustomize");
    byte[] before = Files.readAllBytes(out.resolve("cilium/kustomization.yaml"));
    CliRun second = compile(file, out, "--target", "cilium", "--kustomize");

    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(second.exitCode()).as(second.err()).isZero();
    assertThat(Files.readAllBytes(out.resolve("cilium/kustomization.yaml"))).isEqualTo(before);
  }

  @Test
  void aFailedRunLeavesThePreviousKustomizationUntouched() throws IOException {
    Path file = write("src/web.npl", WEB + API);
    Path out = dir.resolve("out");
    CliRun first = compile(file, out, "--target", "kubernetes", "--kustomize");
    assertThat(first.exitCode()).as(first.err()).isZero();
    String before = read(out.resolve("kubernetes/kustomization.yaml"));
    List<String> files = listing(out);
    Files.writeString(file, WEB.replace("on tcp/8080", "on tcp/8080 { http GET }"));

    CliRun run = compile(file, out, "--target", "kubernetes", "--kustomize");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("error[NL3004]").contains("summary: nothing written");
    assertThat(listing(out)).isEqualTo(files);
    assertThat(read(out.resolve("kubernetes/kustomization.yaml"))).isEqualTo(before);
  }

  @Test
  void theFilesOfDeletedPoliciesLeaveTheListOnTheNextRun() throws IOException {
    Path file = write("src/web.npl", WEB + API);
    Path out = dir.resolve("out");
    CliRun first = compile(file, out, "--target", "kubernetes", "--kustomize");
    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(resources(out.resolve("kubernetes/kustomization.yaml")))
        .containsExactly("shop/api.yaml", "shop/web.yaml");
    Files.writeString(file, WEB);

    CliRun run = compile(file, out, "--target", "kubernetes", "--kustomize");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(resources(out.resolve("kubernetes/kustomization.yaml"))).containsExactly("shop/web.yaml");
    assertThat(listing(out))
        .containsExactly("kubernetes", "kubernetes/kustomization.yaml", "kubernetes/shop", "kubernetes/shop/web.yaml");
  }

  @Test
  void withoutKustomizeNoKustomizationIsWrittenAndAnOldOneGoes() throws IOException {
    Path file = write("web.npl", WEB);
    Path out = dir.resolve("out");
    compile(file, out, "--target", "kubernetes", "--kustomize");

    CliRun run = compile(file, out, "--target", "kubernetes");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(listing(out)).containsExactly("kubernetes", "kubernetes/shop", "kubernetes/shop/web.yaml");
  }

  @Test
  void kustomizeWithoutOutIsAUsageError() throws IOException {
    Path file = write("web.npl", WEB);

    CliRun run = CliRun.of("compile", file.toString(), "--target", "kubernetes", "--kustomize");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .startsWith("--kustomize needs --out DIR: it writes DIR/TARGET/kustomization.yaml")
        .contains("Usage: netlingua compile");
  }

  /** A cluster-scoped object named {@code kustomization} would be written where the kustomization goes. */
  @Test
  void nl5004AnObjectInTheKustomizationsPlaceWritesNothing() throws IOException {
    Path file = write("web.npl", WEB);
    Path clash = write("clash.npl",
        "cluster policy kustomization {\n  select pods(app=web)\n  ingress {\n"
            + "    allow from pods(app=frontend) on tcp/8080\n  }\n}\n");
    Path out = dir.resolve("out");
    CliRun first = compile(file, out, "--target", "cilium", "--kustomize");
    assertThat(first.exitCode()).as(first.err()).isZero();
    List<String> before = listing(out);

    CliRun run = compile(clash, out, "--target", "cilium", "--kustomize");
    CliRun plain = compile(clash, dir.resolve("plain"), "--target", "cilium");

    assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
    assertThat(run.err())
        .contains("error[NL5004]", "kustomization.yaml")
        .contains("= hint: rename the policy, or leave out --kustomize");
    assertThat(listing(out)).isEqualTo(before);
    assertThat(plain.exitCode()).as(plain.err()).isZero();
    assertThat(listing(dir.resolve("plain"))).contains("cilium/kustomization.yaml");
  }

  /** The listed files' YAML, {@code ---} between them: what standard output prints when the order is right. */
  private static String concatenated(Path folder, List<String> resources) throws IOException {
    StringBuilder out = new StringBuilder();
    for (String resource : resources) {
      out.append(out.length() == 0 ? "" : "---\n").append(read(folder.resolve(resource)));
    }
    return out.toString();
  }
}

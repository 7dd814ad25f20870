package io.netlingua.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every example compiled for every target, as a user runs it, against the reviewed golden files in
 * {@code examples/<example>/expected/}: {@code <case>.yaml} holds standard output (absent when the run writes
 * nothing) and {@code <case>.report.txt} the command, its exit code and standard error. The cases are the default
 * (strict) Kubernetes run, the fail-closed one, the strict and the best-effort Cilium runs (the second writes every
 * example, the first only those Cilium expresses exactly), the strict and the fail-closed Calico runs, and the
 * Flannel run. A missing expected file fails, and so does a
 * file of {@code expected/} that no case produces. To accept a change, rewrite them with the command in
 * examples/README.md ({@code -Dnetlingua.golden.update=true}) and review the diff line by line.
 */
class ExamplesTargetGoldenTest {
  private static final boolean UPDATE = Boolean.getBoolean("netlingua.golden.update");

  /** The golden of the parsed model, which {@link ExamplesGoldenTest} owns. */
  private static final String MODEL = "model.txt";

  /**
   * One run of an example: the golden files' base name and the options after the example's path.
   *
   * @param name {@code kubernetes}, {@code kubernetes.fail-closed}, {@code cilium}, {@code cilium.best-effort},
   *     {@code calico}, {@code calico.fail-closed}, {@code flannel}
   * @param args the options
   */
  record Case(String name, String... args) {}

  static final List<Case> CASES = List.of(
      new Case("kubernetes", "--target", "kubernetes"),
      new Case("kubernetes.fail-closed", "--target", "kubernetes", "--mode", "fail-closed"),
      new Case("cilium", "--target", "cilium"),
      new Case("cilium.best-effort", "--target", "cilium", "--mode", "best-effort"),
      new Case("calico", "--target", "calico"),
      new Case("calico.fail-closed", "--target", "calico", "--mode", "fail-closed"),
      new Case("flannel", "--target", "flannel"));

  @TestFactory
  Stream<DynamicTest> everyExampleCompilesAsItsGoldenFilesShow() {
    List<DynamicTest> tests = new ArrayList<>();
    for (Path example : Examples.all()) {
      for (Case c : CASES) {
        tests.add(dynamicTest(example.getFileName() + " " + c.name(), () -> matches(example, c)));
      }
      tests.add(dynamicTest(example.getFileName() + " has no orphan expected file", () -> noOrphans(example)));
    }
    return tests.stream();
  }

  private static void matches(Path example, Case c) throws IOException {
    CompileRun run = CompileRun.of(example, c.args());
    Path expected = example.resolve("expected");
    Path yaml = expected.resolve(c.name() + ".yaml");
    Path report = expected.resolve(c.name() + ".report.txt");
    if (UPDATE) {
      Files.createDirectories(expected);
      write(report, run.report());
      if (run.out().isEmpty()) {
        Files.deleteIfExists(yaml);
      } else {
        write(yaml, run.out());
      }
      return;
    }
    String hint = "(accept a change with -Dnetlingua.golden.update=true, then review the diff)";
    assertThat(report).as("golden report of `netlingua %s` %s", run.command(), hint).isRegularFile();
    assertThat(run.report()).as("`netlingua %s` against %s %s", run.command(), rel(report), hint)
        .isEqualTo(read(report));
    if (run.out().isEmpty()) {
      assertThat(yaml).as("`netlingua %s` writes nothing, so %s must not exist", run.command(), rel(yaml))
          .doesNotExist();
    } else {
      assertThat(yaml).as("golden YAML of `netlingua %s` %s", run.command(), hint).isRegularFile();
      assertThat(run.out()).as("`netlingua %s` against %s %s", run.command(), rel(yaml), hint)
          .isEqualTo(read(yaml));
    }
  }

  /** Every file of {@code expected/} is the model golden or one a case of this example produces. */
  private static void noOrphans(Path example) throws IOException {
    Path expected = example.resolve("expected");
    Set<String> allowed = new TreeSet<>(Set.of(MODEL));
    for (Case c : CASES) {
      allowed.add(c.name() + ".report.txt");
      allowed.add(c.name() + ".yaml");
    }
    try (Stream<Path> files = Files.list(expected)) {
      assertThat(files.map(f -> f.getFileName().toString()).filter(f -> !allowed.contains(f)).sorted())
          .as("files of %s that no golden case produces", rel(expected))
          .isEmpty();
    }
  }

  private static void write(Path file, String text) throws IOException {
    if (!Files.exists(file) || !read(file).equals(text)) {
      Files.writeString(file, text, StandardCharsets.UTF_8);
    }
  }

  /** The golden text, with line ends normalised so that a checkout with CRLF still compares equal. */
  private static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8).replace("\r\n", "\n");
  }

  private static Path rel(Path p) {
    return Examples.ROOT.relativize(p);
  }
}

package io.netlingua.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cold start (docs/performance.md, "Cold start"): the classes {@code java -jar cli/target/netlingua.jar} loads, as a
 * user runs it, in a child process with {@code -Xlog:class+load} and no other JVM flag. Counted, never timed: the
 * times are measured by {@code benchmarks/cold-start.sh}.
 *
 * <p>Neither {@code --version} nor {@code check} of a one-policy file needs Fabric8 (the Kubernetes model), the
 * schema validator (networknt) or Jackson's YAML: those are the state of {@code compile}. Beyond them, {@code
 * --version} is answered before picocli builds a command, so it loads no Jackson, no picocli model, no parser and no
 * emitter; {@code check} builds only its own command, so it loads no Jackson at all (the {@code query} command's JSON
 * mapper, the emitters' node factories and the report's mappers are other commands' state) and no emitter.
 *
 * <p>{@code -Dnetlingua.jar=PATH} runs the test on another jar, e.g. one built before a change.
 */
class ColdStartClassLoadingTest {
  /** What neither command may load: the heavy state of compiling and validating. */
  static final List<String> COMPILE_STATE =
      List.of("io.fabric8.", "com.networknt.", "com.fasterxml.jackson.dataformat.yaml.");

  static final String POLICY =
      "namespace shop\n"
          + "\n"
          + "policy web {\n"
          + "  select pods(app=web)\n"
          + "  ingress {\n"
          + "    allow from pods(app=api) on tcp/8080\n"
          + "  }\n"
          + "}\n";

  @TempDir Path dir;

  @Test
  void versionLoadsNoJacksonNoCommandTreeAndNoCompiler() throws Exception {
    Run run = run("version", "--version");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).matches("netlingua \\S+\\R");
    assertThat(run.loaded(COMPILE_STATE)).as("the state of compile").isEmpty();
    assertThat(run.loaded(List.of("com.fasterxml.jackson."))).as("Jackson").isEmpty();
    assertThat(run.loaded(List.of("picocli.CommandLine$Model$"))).as("picocli's command model").isEmpty();
    assertThat(run.loaded(List.of("org.antlr.", "io.netlingua.dsl.", "io.netlingua.emit.", "io.netlingua.targets.")))
        .as("the parser, the emitters and the targets").isEmpty();
  }

  @Test
  void checkOfOnePolicyLoadsNoJacksonAndNoEmitter() throws Exception {
    Path file = Files.writeString(dir.resolve("web.npl"), POLICY);

    Run run = run("check", "check", file.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err()).isEqualTo("netlingua check: 1 file, 1 policy: no errors" + System.lineSeparator());
    assertThat(run.loaded(COMPILE_STATE)).as("the state of compile").isEmpty();
    assertThat(run.loaded(List.of("com.fasterxml.jackson."))).as("Jackson").isEmpty();
    assertThat(run.loaded(List.of("io.netlingua.emit."))).as("the emitters").isEmpty();
    assertThat(run.loaded(List.of("io.netlingua.dsl.NplParser"))).as("the parser, which check needs").isNotEmpty();
  }

  /**
   * One run of the jar, its output and the names of the classes it loaded.
   *
   * @param exitCode the exit code
   * @param out standard output
   * @param err standard error
   * @param classes the classes loaded, in order
   */
  record Run(int exitCode, String out, String err, List<String> classes) {
    /** The loaded classes whose names start with one of {@code prefixes}. */
    List<String> loaded(List<String> prefixes) {
      return classes.stream().filter(c -> prefixes.stream().anyMatch(c::startsWith)).toList();
    }
  }

  /** {@code java -Xlog:class+load:file=LOG:none -jar netlingua.jar args...}, from the repository root. */
  private Run run(String name, String... args) throws IOException, InterruptedException {
    Path jar = Path.of(System.getProperty("netlingua.jar", ReadmeCommandsTest.ROOT.resolve("cli/target/netlingua.jar")
        .toString()));
    assertThat(jar)
        .as("the jar `mvn package` builds (run the tests with mvn verify, which packages cli first)")
        .isRegularFile();
    Path log = dir.resolve(name + "-classes.txt");
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xlog:class+load:file=" + log + ":none", "-jar", jar.toString()));
    command.addAll(List.of(args));
    Path stderr = dir.resolve(name + "-stderr.txt");
    Process process = new ProcessBuilder(command).directory(ReadmeCommandsTest.ROOT.toFile())
        .redirectError(ProcessBuilder.Redirect.to(stderr.toFile())).start();
    process.getOutputStream().close();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    // One line per class: "java.lang.Object source: shared objects file" (no decorations).
    List<String> classes = Files.readAllLines(log, StandardCharsets.UTF_8).stream()
        .filter(l -> l.contains(" source: "))
        .map(l -> l.substring(0, l.indexOf(' ')))
        .toList();
    assertThat(classes).as("the class-loading log").contains("java.lang.Object");
    return new Run(process.exitValue(), out, Files.readString(stderr, StandardCharsets.UTF_8), classes);
  }
}

package io.netlingua.benchmarks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.netlingua.Netlingua;
import io.netlingua.diagnostics.Diagnostic;
import io.netlingua.dsl.ParseResult;
import io.netlingua.emit.Compilation;
import io.netlingua.emit.validate.OutputValidator;
import io.netlingua.emit.yaml.YamlWriter;
import io.netlingua.targets.Options;
import io.netlingua.targets.Target;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The in-process time from a parsed program to its validated documents and YAML ({@code compile}), beside the
 * floor that time is judged against ({@code floor}): Jackson alone writing the same canonical trees as YAML, with
 * the project writer's generator features but Jackson's default quoting, into a writer that discards them.
 *
 * <p>Programs come from {@link ProgramGenerator#files} (both profiles, 1,000 to 100,000 policies), compiled with
 * {@link ProgramGenerator#options}. The set-up checks once that the compilation has no error (and, for EXACT,
 * that it is exact), so that error paths are not what is measured, and prints the program's size.
 *
 * <p>The figures to read are the {@code :policies} lines, {@code compile:policies} and {@code floor:policies}:
 * microseconds per policy with JMH's error (an operations counter in average-time mode is time per counted
 * operation, and each call counts the program's policies). The primary lines are microseconds per whole program.
 * {@link Ratios} turns a JSON result into the table of compile against floor. See docs/performance.md.
 *
 * <p>Each fork gets a fixed, pre-touched heap (DEPENDENCIES.md: with a growing heap the same YAML serialisation
 * varied fourfold from round to round); 4 GiB holds the 100,000-policy programs with their trees.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+AlwaysPreTouch"})
// Few, time-bounded iterations: an invocation of 100,000 policies takes seconds, and the whole benchmark (two
// profiles, three sizes, compile and floor) should finish in about a quarter of an hour on two cores.
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@State(Scope.Benchmark)
public class CompileBenchmark {

  /**
   * The targets that emit objects, by id: the one list a new target joins (Flannel writes nothing and is left
   * out). A test checks it against the targets whose capability table enforces policy.
   */
  @Param({"kubernetes", "cilium", "calico"})
  public String target;

  /** The kind of program. */
  @Param({"EXACT", "FULL"})
  public Profile profile;

  /** The number of policies of the program. */
  @Param({"1000", "10000", "100000"})
  public int policies;

  /** The project writer's generator features, with Jackson's default quoting checker. */
  private static final YAMLMapper FLOOR = new YAMLMapper(YamlWriter.generatorFeatures().build());

  private Target compiledFor;
  private Options options;
  private ParseResult parsed;
  private List<ObjectNode> trees;

  /** Generates and reads the program, compiles it once to check it and keeps the trees the floor writes. */
  @Setup(Level.Trial)
  public void build() throws IOException {
    compiledFor = Target.byId(target).orElseThrow(() -> new IllegalArgumentException("no target " + target));
    options = ProgramGenerator.options(profile, compiledFor);
    SortedMap<String, String> files = ProgramGenerator.files(profile, policies, compiledFor);
    Path folder = Files.createTempDirectory("netlingua-compile-benchmark");
    try {
      parsed = ProgramGenerator.parse(files, folder);
    } finally {
      ProgramGenerator.delete(folder);
    }
    Compilation once = Netlingua.compile(parsed, compiledFor, options);
    check(once);
    trees = OutputValidator.validate(compiledFor, once.documents()).trees();
    long chars = files.values().stream().mapToLong(String::length).sum();
    System.out.printf("%n%s %s: %d policies in %d files (%d chars), %d documents, %d chars of YAML;"
            + " the floor writes %d chars%n",
        target, profile, parsed.program().policies().size(), files.size(), chars, once.documents().size(),
        once.yaml().length(), floor(new Policies()));
  }

  private void check(Compilation once) {
    if (once.hasErrors() || once.documents().isEmpty()) {
      throw new IllegalStateException(target + " " + profile + ": the program must compile to documents: "
          + once.diagnostics().stream().filter(Diagnostic::isError).findFirst().map(Object::toString).orElse(""));
    }
    if (profile == Profile.EXACT && !Netlingua.isExact(once)) {
      throw new IllegalStateException(target + " EXACT: the compilation is not exact");
    }
  }

  /** Compiles the parsed program: lowering, validation of every document, and the YAML text. */
  @Benchmark
  public String compile(Policies counter) {
    String yaml = Netlingua.compile(parsed, compiledFor, options).yaml();
    counter.policies += policies;
    return yaml;
  }

  /**
   * Writes the validated trees as the project's writer lays them out, {@code ---} between documents, into a
   * writer that counts and drops the characters; returns the count.
   */
  @Benchmark
  public long floor(Policies counter) throws IOException {
    Discard out = new Discard();
    for (int i = 0; i < trees.size(); i++) {
      if (i > 0) {
        out.write("---\n");
      }
      FLOOR.writeValue(out, trees.get(i));
    }
    counter.policies += policies;
    return out.chars;
  }

  /** The policies compiled or written, which JMH reports as time per policy. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Policies {
    /** Policies handled in this iteration (JMH divides the iteration's time by it). */
    public long policies;

    /** Starts each iteration from zero. */
    @Setup(Level.Iteration)
    public void reset() {
      policies = 0;
    }
  }

  /** A writer that keeps nothing but a count; closing it (as Jackson does after each value) changes nothing. */
  private static final class Discard extends Writer {
    private long chars;

    @Override
    public void write(char[] buffer, int offset, int length) {
      chars += length;
    }

    @Override
    public void write(String text, int offset, int length) {
      chars += length;
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }
}

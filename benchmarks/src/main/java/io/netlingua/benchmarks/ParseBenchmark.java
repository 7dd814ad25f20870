package io.netlingua.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.netlingua.Netlingua;
import io.netlingua.dsl.NplParser;
import io.netlingua.dsl.ParseResult;
import io.netlingua.emit.Compilation;
import io.netlingua.targets.Target;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reading a generated program ({@code parse}: its files from a temporary folder, lexing, parsing, the model and
 * every check of the language) beside Jackson reading the YAML of the objects that program compiles to on
 * Kubernetes ({@code readYaml}: one in-memory string into one {@link JsonNode} tree per document), so that the
 * parser is judged against a reader of a comparable text.
 *
 * <p>The program is {@link ProgramGenerator#files} of a profile (FULL by default: every construct of the language;
 * its Kubernetes objects cover most policies), compiled with {@link ProgramGenerator#options}. The set-up checks
 * once that it reads without a diagnostic and compiles without error, and prints its sizes.
 *
 * <p>Read the {@code :policies} lines: microseconds per policy, with JMH's error (an operations counter in
 * average-time mode is time per counted operation). The {@code :megabytes} lines are microseconds per megabyte
 * (10^6 bytes of UTF-8) of the text read, {@code .npl} for parse and YAML for readYaml: megabytes per second is
 * 10^6 divided by that score. Run it with {@code java -jar benchmarks/target/benchmarks.jar ParseBenchmark}
 * (docs/testing-the-parser.md). The fork gets a fixed, pre-touched heap: with a growing heap, results varied
 * severalfold from round to round.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 3, time = 10)
@Measurement(iterations = 5, time = 10)
@State(Scope.Benchmark)
public class ParseBenchmark {

  /** The kind of program. */
  @Param("FULL")
  public Profile profile;

  /** The number of policies of the program. */
  @Param("10000")
  public int policies;

  private NplParser parser;
  private Path folder;
  private List<Path> paths;
  private double programMegabytes;
  private String yaml;
  private double yamlMegabytes;
  private ObjectReader yamlReader;

  /**
   * Writes the program into a temporary folder, checks that it reads without a diagnostic and compiles without
   * error, and keeps its YAML.
   */
  @Setup(Level.Trial)
  public void generate() throws IOException {
    parser = NplParser.create();
    SortedMap<String, String> files = ProgramGenerator.files(profile, policies, Target.KUBERNETES);
    programMegabytes = files.values().stream().mapToLong(t -> t.getBytes(StandardCharsets.UTF_8).length).sum() / 1e6;
    folder = Files.createTempDirectory("netlingua-parse-benchmark");
    ParseResult result = ProgramGenerator.parse(files, folder);
    paths = List.of(folder);
    if (!result.diagnostics().isEmpty()) {
      throw new IllegalStateException("the generated program is not valid: " + result.diagnostics().get(0));
    }
    Compilation compiled =
        Netlingua.compile(result, Target.KUBERNETES, ProgramGenerator.options(profile, Target.KUBERNETES));
    if (compiled.hasErrors()) {
      throw new IllegalStateException("the generated program does not compile for kubernetes");
    }
    yaml = compiled.yaml();
    yamlMegabytes = yaml.getBytes(StandardCharsets.UTF_8).length / 1e6;
    // SnakeYAML refuses a text over 3 MiB by default; this one is bounded by its own length.
    LoaderOptions limits = new LoaderOptions();
    limits.setCodePointLimit(Math.max(limits.getCodePointLimit(), yaml.length()));
    yamlReader = new YAMLMapper(YAMLFactory.builder().loaderOptions(limits).build()).readerFor(JsonNode.class);
    int documents = readYaml(new Work()).size();
    if (documents != compiled.documents().size()) {
      throw new IllegalStateException("read " + documents + " YAML documents of " + compiled.documents().size());
    }
    System.out.printf("%n%s program: %d policies in %d files, %.2f MB; kubernetes YAML: %d documents, %.2f MB%n",
        profile, result.program().policies().size(), files.size(), programMegabytes, documents, yamlMegabytes);
  }

  /** Deletes the program's folder. */
  @TearDown(Level.Trial)
  public void delete() {
    ProgramGenerator.delete(folder);
  }

  /** Reads the whole program from its folder. */
  @Benchmark
  public ParseResult parse(Work work) {
    ParseResult result = parser.parse(paths);
    work.count(policies, programMegabytes);
    return result;
  }

  /** Reads every document of the program's Kubernetes YAML into a tree. */
  @Benchmark
  public List<JsonNode> readYaml(Work work) throws IOException {
    List<JsonNode> documents = yamlReader.<JsonNode>readValues(yaml).readAll();
    work.count(policies, yamlMegabytes);
    return documents;
  }

  /** The policies and megabytes read, which JMH reports as time per policy and per megabyte. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Work {
    /** Policies read in this iteration (for readYaml: the policies whose objects were read). */
    public long policies;

    /** Megabytes read in this iteration. */
    public double megabytes;

    /** Starts each iteration from zero. */
    @Setup(Level.Iteration)
    public void reset() {
      policies = 0;
      megabytes = 0;
    }

    void count(int policiesRead, double megabytesRead) {
      policies += policiesRead;
      megabytes += megabytesRead;
    }
  }
}

package io.netlingua.benchmarks;

import io.netlingua.dsl.NplParser;
import io.netlingua.dsl.ParseResult;
import java.nio.charset.StandardCharsets;
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
 * Parsing a generated program of about 5 MB: lexing, parsing, building the model and every check of the
 * language. The {@code megabytes} counter gives the throughput in MB/s (10^6 bytes of UTF-8 per second).
 *
 * <p>Run it with {@code java -jar benchmarks/target/benchmarks.jar} (see docs/testing-the-parser.md). The fork
 * gets a fixed, pre-touched heap: with a growing heap, results varied severalfold from round to round.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 3, time = 10)
@Measurement(iterations = 5, time = 10)
@State(Scope.Benchmark)
public class ParseBenchmark {

  /** The size of the generated program, in bytes. */
  @Param("5000000")
  public int bytes;

  private NplParser parser;
  private String text;
  private double size;

  /** Generates the program once and checks it is valid, so that error paths are not what is measured. */
  @Setup(Level.Trial)
  public void generate() {
    parser = NplParser.create();
    text = ProgramGenerator.generate(bytes);
    size = text.getBytes(StandardCharsets.UTF_8).length / 1e6;
    ParseResult result = parser.parse("generated.npl", text);
    if (!result.diagnostics().isEmpty()) {
      throw new IllegalStateException("the generated program is not valid: " + result.diagnostics().get(0));
    }
    System.out.printf("%ngenerated program: %.2f MB, %d policies%n", size, result.program().policies().size());
  }

  /** Parses the whole program; the throughput counter records its size. */
  @Benchmark
  public ParseResult parse(Throughput throughput) {
    ParseResult result = parser.parse("generated.npl", text);
    throughput.megabytes += size;
    return result;
  }

  /** The megabytes parsed, which JMH reports per second. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Throughput {
    /** Megabytes parsed in this iteration (JMH divides by the iteration's time). */
    public double megabytes;

    /** Starts each iteration from zero. */
    @Setup(Level.Iteration)
    public void reset() {
      megabytes = 0;
    }
  }
}

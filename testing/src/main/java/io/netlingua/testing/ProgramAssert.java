package io.netlingua.testing;

import io.netlingua.FileResult;
import io.netlingua.Netlingua;
import io.netlingua.diagnostics.SourceText;
import io.netlingua.dsl.ParseResult;
import io.netlingua.emit.Compilation;
import io.netlingua.eval.Cluster;
import io.netlingua.model.Program;
import io.netlingua.targets.Options;
import io.netlingua.targets.Target;
import io.netlingua.testing.internal.LineDiff;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.opentest4j.AssertionFailedError;

/**
 * Assertions on one program: on a cluster ({@link #in}), on a target ({@link #isExactOn}), and on the YAML a
 * target's emitter writes for it ({@link #compilesTo}). Made by {@link PolicyAssertions#assertThat}.
 */
public final class ProgramAssert {
  /** Set to {@code true} ({@code -Dnetlingua.golden.update=true}) to write golden files instead of comparing. */
  public static final String UPDATE_GOLDEN = "netlingua.golden.update";

  private final Program program;
  private final Optional<ParseResult> parsed;

  private ProgramAssert(Program program, Optional<ParseResult> parsed) {
    this.program = program;
    this.parsed = parsed;
  }

  static ProgramAssert of(ParseResult result) {
    Objects.requireNonNull(result, "result");
    if (result.hasErrors()) {
      throw new AssertionFailedError("the program has errors:\n" + Netlingua.render(result));
    }
    return new ProgramAssert(result.program(), Optional.of(result));
  }

  static ProgramAssert of(Program program) {
    return new ProgramAssert(Objects.requireNonNull(program, "program"), Optional.empty());
  }

  /** The program under test. */
  Program program() {
    return program;
  }

  /**
   * Assertions on flows in a cluster.
   *
   * @param cluster the cluster the flows are written in
   */
  public ConnectivityAssert in(Cluster cluster) {
    return new ConnectivityAssert(this, Objects.requireNonNull(cluster, "cluster"));
  }

  /**
   * Assertions on flows in the cluster of a cluster file (docs/testing.md).
   *
   * @throws AssertionFailedError with every mistake of the file, when it has some
   */
  public ConnectivityAssert in(Path clusterFile) {
    FileResult<Cluster> cluster = Netlingua.readCluster(clusterFile);
    if (cluster.hasErrors()) {
      throw new AssertionFailedError("the cluster file has errors:\n" + cluster.render());
    }
    return in(cluster.orElseThrow());
  }

  /**
   * Checks that the target expresses the program exactly, with the default options: no narrower, wider or
   * impossible translation (SEMANTICS.md section 2).
   *
   * @throws AssertionFailedError with the target's report, when it is not exact
   */
  public ProgramAssert isExactOn(Target target) {
    return isExactOn(target, Options.defaults());
  }

  /**
   * Checks that the target expresses the program exactly under these options (the namespaces a cluster policy
   * expands into, the cluster's CIDRs).
   *
   * @throws AssertionFailedError with the target's report, when it is not exact
   */
  public ProgramAssert isExactOn(Target target, Options options) {
    Compilation out = compile(target, options);
    if (!Netlingua.isExact(out)) {
      throw new AssertionFailedError("expected the program to be exact on " + target.id() + ", but "
          + target.id() + " reports:\n" + out.textReport(sources()));
    }
    return this;
  }

  /**
   * Checks the YAML the target's emitter writes, with the default options, against a golden file. With
   * {@code -Dnetlingua.golden.update=true} the file is written instead (review the change before committing).
   *
   * @throws AssertionFailedError with a unified diff, when the YAML differs; with the report, when nothing can
   *     be emitted; and when the golden file is missing
   */
  public ProgramAssert compilesTo(Target target, Path golden) {
    return compilesTo(target, Options.defaults(), golden);
  }

  /**
   * Checks the YAML the target's emitter writes under these options against a golden file.
   *
   * @throws AssertionFailedError as {@link #compilesTo(Target, Path)}
   */
  public ProgramAssert compilesTo(Target target, Options options, Path golden) {
    Compilation out = compile(target, options);
    if (out.hasErrors()) {
      throw new AssertionFailedError("expected " + target.id() + " objects, but nothing can be emitted:\n"
          + out.textReport(sources()));
    }
    try {
      if (Boolean.getBoolean(UPDATE_GOLDEN)) {
        if (golden.getParent() != null) {
          Files.createDirectories(golden.getParent());
        }
        Files.writeString(golden, out.yaml(), StandardCharsets.UTF_8);
        return this;
      }
      if (!Files.isRegularFile(golden)) {
        throw new AssertionFailedError("no golden file " + golden + "; run the test once with -D" + UPDATE_GOLDEN
            + "=true to write it, then review and commit it");
      }
      String expected = Files.readString(golden, StandardCharsets.UTF_8);
      String diff = LineDiff.unified(golden.toString(), expected, target.id() + " output", out.yaml());
      if (!diff.isEmpty()) {
        throw new AssertionFailedError("the " + target.id() + " objects differ from " + golden
            + " (rerun with -D" + UPDATE_GOLDEN + "=true to accept them):\n" + diff, expected, out.yaml());
      }
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or write the golden file " + golden, e);
    }
  }

  Compilation compile(Target target, Options options) {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(options, "options");
    return parsed.map(p -> Netlingua.compile(p, target, options))
        .orElseGet(() -> Netlingua.compile(program, target, options));
  }

  SourceText sources() {
    return parsed.<SourceText>map(ParseResult::sources).orElse(SourceText.NONE);
  }
}

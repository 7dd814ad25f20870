package io.netlingua.cli.internal;

import io.netlingua.Netlingua;
import io.netlingua.diagnostics.Code;
import io.netlingua.diagnostics.Diagnostic;
import io.netlingua.dsl.ParseResult;
import io.netlingua.emit.CompileReport;
import io.netlingua.files.OutputFolder;
import io.netlingua.emit.DocumentSink;
import io.netlingua.emit.EmittedDocument;
import io.netlingua.emit.Kustomization;
import io.netlingua.emit.yaml.YamlWriter;
import io.netlingua.model.SourceSpan;
import io.netlingua.targets.Mode;
import io.netlingua.targets.Options;
import io.netlingua.targets.Target;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code netlingua compile PATH... --target T}: the program's objects for one target as YAML on standard output
 * (or files under {@code --out DIR/<target>/}), the report on standard error, and with {@code --sarif FILE} the SARIF log. A degradation is an error, a warning
 * or an info as the mode decides (SEMANTICS.md section 2); with an error nothing is written and any previous
 * output is left as it was.
 */
@Command(
    name = "compile",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description = {
      "Compiles a program for a target: YAML on standard output, the report on standard error.",
      "The report says what the target cannot express exactly (narrower, wider or impossible), with the",
      "source line and a caret, and the facts about the cluster the output relies on. The mode decides",
      "what a degradation becomes; with an error nothing is written."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:done (warnings allowed)",
      "1:errors in the program or degradations the mode refuses: nothing written",
      "2:usage error (a bad option value included), a PATH that cannot be read, an output folder that",
      " :cannot be written (NL5004), or a --sarif FILE that cannot be written: nothing written"
    })
public final class CompileCommand implements Callable<Integer> {
  /** A sink that keeps nothing: a run whose output cannot be stored still reports. */
  private static final DocumentSink DISCARD = (document, yaml) -> { };

  @Spec private CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "PATH", description = "a .npl file or a directory of them")
  private List<Path> paths;

  @Option(
      names = "--target",
      required = true,
      paramLabel = "TARGET",
      converter = Choices.TargetConverter.class,
      completionCandidates = Choices.TargetIds.class,
      description = "the target: ${COMPLETION-CANDIDATES}")
  private Target target;

  @Option(
      names = "--mode",
      paramLabel = "MODE",
      defaultValue = "strict",
      converter = Choices.ModeConverter.class,
      completionCandidates = Choices.ModeIds.class,
      description = {
        "what a degradation becomes: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).",
        "strict: every degradation is an error; fail-closed: narrower is a warning and emitted;",
        "best-effort: narrower and wider are warnings and emitted. Impossible is always an error."
      })
  private Mode mode;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "write one file per object under DIR/TARGET/ (NAMESPACE/NAME.yaml), replacing that folder")
  private Path out;

  @Option(
      names = "--kustomize",
      description = "with --out: also write DIR/TARGET/kustomization.yaml, listing the files in output order "
          + "(sortOptions fifo: kustomize 5, kubectl 1.27 and later), for kubectl apply -k DIR/TARGET")
  private boolean kustomize;

  @Option(
      names = "--report",
      paramLabel = "FORMAT",
      defaultValue = "text",
      converter = Choices.ReportFormatConverter.class,
      description = "the report on standard error: text (default) or json")
  private Choices.ReportFormat report;

  @Mixin private CompilationOptions compilation;

  @Mixin private SarifOutput sarif;

  @Option(
      names = "--namespaces",
      paramLabel = "NS",
      split = ",",
      description = "the namespaces a cluster policy is expanded into on targets without cluster-wide policy")
  private List<String> namespaces = new ArrayList<>();

  /**
   * Compiles, streaming each validated document into a staging place (the new output folder, or a spool file for
   * standard output), publishes it only when the run has no error, reports, and returns the exit code.
   */
  @Override
  public Integer call() {
    if (kustomize && out == null) {
      throw new ParameterException(spec.commandLine(),
          "--kustomize needs --out DIR: it writes DIR/TARGET/" + Kustomization.FILE + " beside the files it lists");
    }
    Options options = options();
    ParseResult parsed = Netlingua.parse(paths);
    CompileReport compiled = out == null ? toStandardOutput(parsed, options) : toFolder(parsed, options);
    PrintWriter err = spec.commandLine().getErr();
    err.print(
        report == Choices.ReportFormat.JSON ? compiled.jsonReport() : compiled.textReport(parsed.sources()));
    if (!sarif.write(parsed, List.of(compiled), err)) {
      return ExitCodes.RUN_FAILED;
    }
    return Programs.exitCode(compiled.diagnostics());
  }

  /**
   * Writes the documents into {@code --out DIR/<target>/}, one file per document as it is validated, and moves the
   * folder into place only when the run has no error; with {@code --kustomize} the folder's kustomization, listing
   * the files in the order they were written, goes into it last. A folder that cannot be written is reported as
   * NL5004 (and nothing was changed there).
   */
  private CompileReport toFolder(ParseResult parsed, Options options) {
    Path folder = out.resolve(target.id());
    OutputFolder staged;
    try {
      staged = OutputFolder.open(out, target.id(), kustomize);
    } catch (IOException e) {
      // Nothing to write into: the program is still compiled once, for its report.
      return unwritable(compile(parsed, options, new Guarded(DISCARD)), folder, e);
    }
    Guarded sink = new Guarded(staged::document);
    // Assigned before anything below can throw an IOException (a guarded compilation throws none).
    CompileReport compiled = null;
    try (staged) {
      compiled = compile(parsed, options, sink);
      if (sink.failure != null) {
        throw sink.failure;
      }
      if (!compiled.hasErrors()) {
        staged.commit();
      }
      return compiled;
    } catch (IOException e) {
      // A file, the move into place (the previous folder was moved back) or the clean-up failed.
      return unwritable(compiled, folder, e);
    }
  }

  /**
   * Writes the documents on standard output, in output order, only once the run is known to have no error: until
   * then they are spooled into a temporary file, so that a large output is never held in memory.
   */
  private CompileReport toStandardOutput(ParseResult parsed, Options options) {
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    Path spool = null;
    Writer w;
    try {
      spool = Files.createTempFile("netlingua-", ".yaml");
      w = Files.newBufferedWriter(spool, StandardCharsets.UTF_8);
    } catch (IOException e) {
      deleteQuietly(spool);
      return unwritable(compile(parsed, options, new Guarded(DISCARD)), tmp, e);
    }
    Path written = spool;
    boolean[] first = {true};
    Guarded sink = new Guarded((document, yaml) -> {
      if (!first[0]) {
        w.write(YamlWriter.SEPARATOR);
      }
      first[0] = false;
      w.write(yaml);
    });
    // Assigned before anything below can throw an IOException (a guarded compilation throws none).
    CompileReport compiled = null;
    try {
      try (w) {
        compiled = compile(parsed, options, sink);
      }
      if (sink.failure != null) {
        throw sink.failure;
      }
      if (!compiled.hasErrors()) {
        PrintWriter stdout = spec.commandLine().getOut();
        try (Reader r = Files.newBufferedReader(written, StandardCharsets.UTF_8)) {
          r.transferTo(stdout);
        }
        stdout.flush();
      }
      return compiled;
    } catch (IOException e) {
      return unwritable(compiled, tmp, e);
    } finally {
      deleteQuietly(written);
    }
  }

  /** A streamed compilation whose sink never throws. */
  private CompileReport compile(ParseResult parsed, Options options, Guarded sink) {
    try {
      return Netlingua.compile(parsed, target, options, sink);
    } catch (IOException e) {
      throw new IllegalStateException("a guarded sink does not throw", e);
    }
  }

  /** The report of a run whose output could not be written: its diagnostics plus NL5004, and no document. */
  private CompileReport unwritable(CompileReport compiled, Path where, IOException e) {
    boolean folder = out != null;
    String message = folder
        ? "cannot write the output folder '" + where + "': " + Failures.describeIo(e)
        : "cannot spool the output in the temporary folder '" + where + "': " + Failures.describeIo(e);
    String hint;
    if (e instanceof OutputFolder.KustomizationClash) {
      hint = "rename the policy, or leave out --kustomize; the previous output is untouched";
    } else if (folder) {
      hint = "choose another --out folder, or fix its permissions; the previous output is untouched";
    } else {
      hint = "set a writable temporary folder (java -Djava.io.tmpdir=DIR), or write with --out DIR";
    }
    List<Diagnostic> diagnostics = new ArrayList<>(compiled.diagnostics());
    diagnostics.add(Diagnostic.of(Code.UNWRITABLE_OUTPUT, SourceSpan.point(where.toString(), 1, 1, 0), message, hint));
    return new CompileReport(target, compiled.options(), List.of(), diagnostics);
  }

  /**
   * A sink that keeps the first I/O failure of the one it wraps and takes nothing after it, so that the run goes on
   * to its report (every diagnostic of the program) and the failure is reported beside them.
   */
  private static final class Guarded implements DocumentSink {
    private final DocumentSink inner;
    private IOException failure;

    Guarded(DocumentSink inner) {
      this.inner = inner;
    }

    @Override
    public void accept(EmittedDocument document, String yaml) {
      if (failure != null) {
        return;
      }
      try {
        inner.accept(document, yaml);
      } catch (IOException e) {
        failure = e;
      }
    }
  }

  private static void deleteQuietly(Path file) {
    if (file == null) {
      return;
    }
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // A spool file left in the temporary folder is harmless; the run's outcome does not depend on it.
      file.toFile().deleteOnExit();
    }
  }

  /**
   * The run's options, checked against the target before anything is read: a namespace that is not a DNS-1123
   * label, a version outside the target's range or a target option it does not take is a usage error.
   */
  private Options options() {
    Options base;
    try {
      base = Options.defaults().mode(mode).namespaces(namespaces.toArray(String[]::new));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "Invalid value for option '--namespaces': " + e.getMessage());
    }
    return compilation.applyTo(base, target);
  }
}

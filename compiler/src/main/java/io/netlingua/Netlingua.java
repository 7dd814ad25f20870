package io.netlingua;

import io.netlingua.diagnostics.DiagnosticRenderer;
import io.netlingua.diagnostics.Outcome;
import io.netlingua.dsl.Comment;
import io.netlingua.dsl.NplParser;
import io.netlingua.dsl.NplPrinter;
import io.netlingua.dsl.ParseResult;
import io.netlingua.emit.Compilation;
import io.netlingua.emit.CompileReport;
import io.netlingua.emit.DocumentSink;
import io.netlingua.emit.Emitters;
import io.netlingua.emit.Evaluators;
import io.netlingua.emit.spi.TargetEvaluator;
import io.netlingua.eval.Cluster;
import io.netlingua.eval.Evaluator;
import io.netlingua.eval.Flow;
import io.netlingua.eval.NeutralEvaluator;
import io.netlingua.eval.Verdict;
import io.netlingua.internal.ClusterReader;
import io.netlingua.internal.FlowReader;
import io.netlingua.internal.SarifWriter;
import io.netlingua.model.PolicyFile;
import io.netlingua.model.Program;
import io.netlingua.targets.Options;
import io.netlingua.targets.Target;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The one entry point of Netlingua: read {@code .npl} programs, write them back in canonical form, compile them
 * for a target, and render what went wrong the way compilers do. Everything here speaks JDK and model types; the
 * implementations live in the pipeline's modules ({@code dsl} for reading and printing, {@code core} for
 * diagnostics and targets, {@code emitters} for compiling).
 *
 * <p>Reading a program and reporting its problems:
 *
 * <pre>{@code
 * ParseResult result = Netlingua.parse(Path.of("examples/shop"));
 * if (result.hasErrors()) {
 *   System.err.print(Netlingua.render(result));   // file:line:col: error[NL2001]: ..., source line, caret
 * } else {
 *   Program program = result.program();
 * }
 * }</pre>
 *
 * <p>Compiling it to Kubernetes NetworkPolicies, leaving out what the target cannot enforce rather than
 * allowing more than the program says (SEMANTICS.md section 2):
 *
 * <pre>{@code
 * Compilation out = Netlingua.compile(result, Target.KUBERNETES, Options.defaults().mode(Mode.FAIL_CLOSED));
 * out.diagnostics();   // every degradation, with its target, feature and outcome; errors mean no documents
 * out.documents();     // the NetworkPolicy objects, sorted by kind, namespace and name
 * }</pre>
 *
 * <p>Writing each file of a program in canonical form, comments kept:
 *
 * <pre>{@code
 * for (PolicyFile file : result.program().files()) {
 *   String canonical = Netlingua.format(file, result.comments());
 * }
 * }</pre>
 *
 * <p>User mistakes never throw: they are diagnostics of the {@link ParseResult} or of the {@link Compilation}.
 * The methods are thread-safe.
 */
public final class Netlingua {

  private Netlingua() {}

  /**
   * Reads a program from directories and/or files named one by one, with the default limits of the language.
   * A directory contributes every {@code .npl} file below it, in sorted path order.
   *
   * <pre>{@code
   * ParseResult result = Netlingua.parse(Path.of("policies"), Path.of("extra/baseline.npl"));
   * }</pre>
   *
   * @param first the first directory or file
   * @param more further directories or files
   * @return the program, its diagnostics (a path that cannot be read included), its sources and comments
   */
  public static ParseResult parse(Path first, Path... more) {
    List<Path> paths = new ArrayList<>(1 + more.length);
    paths.add(first);
    paths.addAll(List.of(more));
    return parse(paths);
  }

  /**
   * Reads a program from a list of directories and/or files, with the default limits of the language.
   *
   * <pre>{@code
   * ParseResult result = Netlingua.parse(List.of(Path.of("policies")));
   * }</pre>
   *
   * @param paths the directories and files of the program, at least one
   * @return the program, its diagnostics, its sources and comments
   */
  public static ParseResult parse(List<Path> paths) {
    return NplParser.create().parse(List.copyOf(paths));
  }

  /**
   * Reads the program made of some files of a directory, with {@code root} as the program's root, as a build reads
   * the files its includes and excludes select. The files are named, and their imports resolved and kept inside the
   * root, exactly as {@code netlingua compile ROOT} (or {@link #parse(Path, Path...)} of the root) does: an
   * {@code import "../common.npl"} reads that file whether or not it is among {@code files}, but only {@code files}
   * are the program's files. They are read in sorted name order whatever the order of the list, each once; with
   * every {@code .npl} file of the root selected, the result is the one of reading the root.
   *
   * <pre>{@code
   * Path root = Path.of("src/main/netlingua");
   * ParseResult result = Netlingua.parse(root, List.of(root.resolve("shop/web.npl"), root.resolve("shop/api.npl")));
   * }</pre>
   *
   * @param root the program's root, a directory
   * @param files the files of the program, each below {@code root} (as paths to open, not relative to {@code root})
   * @return the program, its diagnostics, its sources and comments; a file not below {@code root} is an error of the
   *     result (NL5005) at its name, a path that cannot be read or a root that is not a directory NL5001, an empty
   *     list NL5002
   */
  public static ParseResult parse(Path root, List<Path> files) {
    return NplParser.create().parse(root, List.copyOf(files));
  }

  /**
   * Reads one in-memory file as a program of its own. An {@code import} in it cannot be resolved and is
   * reported as a missing import.
   *
   * <pre>{@code
   * ParseResult result =
   *     Netlingua.parse("inline.npl", "namespace shop\npolicy web { select pods ingress { } }");
   * }</pre>
   *
   * @param fileName the name diagnostics give the text
   * @param text the text of the file
   * @return the program, its diagnostics, its source and comments
   */
  public static ParseResult parse(String fileName, String text) {
    return NplParser.create().parse(fileName, text);
  }

  /**
   * Compiles what reading a program gave for one target. A result with errors is not compiled: the compilation
   * holds its diagnostics and no document. Otherwise it holds the reader's diagnostics (warnings such as a link
   * that was not followed) and the compiler's.
   *
   * <pre>{@code
   * ParseResult result = Netlingua.parse(Path.of("examples/shop"));
   * Compilation out = Netlingua.compile(result, Target.KUBERNETES, Options.defaults().mode(Mode.FAIL_CLOSED));
   * if (!out.hasErrors()) {
   *   out.documents().forEach(d -> System.out.println(d.namespace().orElse("") + "/" + d.name()));
   * }
   * }</pre>
   *
   * @param parsed what {@link #parse} gave
   * @param target the target to compile for; one of {@link #targets()}
   * @param options the mode, the target version, the facts about the cluster and the target options
   * @return the documents (none when there is an error) and every diagnostic, sorted; the whole output is held in
   *     memory (see {@link #compile(ParseResult, Target, Options, DocumentSink)} for large programs)
   * @throws IllegalArgumentException if the options do not fit the target (see {@link #compile(Program, Target,
   *     Options)})
   */
  public static Compilation compile(ParseResult parsed, Target target, Options options) {
    Objects.requireNonNull(parsed, "parsed");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(options, "options");
    // Before the program is looked at: options that do not fit the target are the caller's mistake, whatever the
    // program holds, and must not pass unnoticed because the program happened to have errors.
    options.checkFor(target);
    if (parsed.hasErrors()) {
      return new Compilation(target, options, List.of(), parsed.diagnostics(), "");
    }
    // The reader ran every check of the language: the program is lowered without checking it twice.
    return Emitters.compileChecked(parsed.program(), parsed.diagnostics(), target, options);
  }

  /**
   * Compiles what reading a program gave for one target without holding the output in memory: each document is
   * handed to {@code sink} as soon as it is validated, in output order (kind, namespace, name), with its YAML;
   * the result is the report. Use it for large programs; {@link #compile(ParseResult, Target, Options)} holds the
   * whole output (objects and YAML) in memory.
   *
   * <p>When the report has errors, discard what the sink received: a later document may have failed validation
   * after earlier ones were handed over (a result with errors hands over nothing).
   *
   * <pre>{@code
   * ParseResult result = Netlingua.parse(Path.of("policies"));
   * CompileReport report = Netlingua.compile(result, Target.KUBERNETES, Options.defaults(),
   *     (document, yaml) -> Files.writeString(staging.resolve(document.name() + ".yaml"), yaml));
   * if (report.hasErrors()) {
   *   // delete the staging folder
   * }
   * }</pre>
   *
   * @param parsed what {@link #parse} gave
   * @param target the target to compile for; one of {@link #targets()}
   * @param options the mode, the target version, the facts about the cluster and the target options
   * @param sink receives each validated document and its YAML text
   * @return the documents by reference and every diagnostic, sorted
   * @throws IOException what the sink threw; the run stopped there
   * @throws IllegalArgumentException if the options do not fit the target (see {@link #compile(Program, Target,
   *     Options)})
   */
  public static CompileReport compile(ParseResult parsed, Target target, Options options, DocumentSink sink)
      throws IOException {
    Objects.requireNonNull(parsed, "parsed");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(sink, "sink");
    // As in the in-memory compile: refused before the program is looked at.
    options.checkFor(target);
    if (parsed.hasErrors()) {
      return new CompileReport(target, options, List.of(), parsed.diagnostics());
    }
    return Emitters.compileChecked(parsed.program(), parsed.diagnostics(), target, options, sink);
  }

  /**
   * Compiles a program, read from {@code .npl} files or built in Java, for one target. The program is checked
   * first, since a model built in Java may hold what the reader would have refused; with an error there, nothing
   * is lowered. User mistakes and what the target cannot express are diagnostics, never exceptions.
   *
   * <pre>{@code
   * Compilation out = Netlingua.compile(program, Target.KUBERNETES, Options.defaults().namespaces("shop", "web"));
   * }</pre>
   *
   * @param program the program
   * @param target the target to compile for; one of {@link #targets()}
   * @param options the mode, the target version, the facts about the cluster and the target options
   * @return the documents (none when there is an error) and every diagnostic, sorted
   * @throws IllegalArgumentException if the target is not one of {@link #targets()}, or the options do not fit it:
   *     a version outside {@link Target#versions()} (the message names the range), a target option the target does
   *     not declare in {@link Target#options()} or a value it does not take (the message names the valid keys or
   *     values)
   */
  public static Compilation compile(Program program, Target target, Options options) {
    Objects.requireNonNull(program, "program");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(options, "options");
    return Emitters.compile(program, target, options);
  }

  /**
   * The targets this version compiles for, in declaration order ({@code kubernetes}, {@code flannel}, ...).
   *
   * <pre>{@code
   * Netlingua.targets().forEach(t -> System.out.println(t.id() + ": " + t.title()));
   * }</pre>
   *
   * @return the targets that have an emitter
   */
  public static List<Target> targets() {
    return Emitters.targets();
  }

  /**
   * The evaluator of a program's neutral semantics (SEMANTICS.md section 1) on a cluster: what the program means,
   * on any CNI. Its verdicts name the deciding rule and its place.
   *
   * <pre>{@code
   * Evaluator model = Netlingua.evaluator(result.program(), cluster);
   * Verdict v = model.evaluate(FlowSyntax.parse("shop/web -> shop/api tcp/8080", cluster).flow().orElseThrow());
   * }</pre>
   *
   * @param program a program read without errors, or built in Java
   * @param cluster the cluster the flows belong to
   * @return an evaluator, safe to share between threads
   */
  public static Evaluator evaluator(Program program, Cluster cluster) {
    return NeutralEvaluator.of(Objects.requireNonNull(program, "program"), Objects.requireNonNull(cluster, "cluster"));
  }

  /**
   * The evaluator of a target's emitted objects on a cluster: what the objects allow on that target's platform,
   * read from the objects themselves (never the program), through the target's evaluator.
   *
   * <pre>{@code
   * Compilation out = Netlingua.compile(result, Target.KUBERNETES, Options.defaults());
   * Evaluator objects = Netlingua.evaluator(out, cluster);
   * }</pre>
   *
   * @param compilation a compilation without errors, for one of {@link #evaluableTargets()}
   * @param cluster the cluster the flows belong to
   * @return an evaluator, safe to share between threads
   * @throws IllegalArgumentException if the compilation has errors (it holds no objects), its target has no
   *     evaluator, or its options do not fit its target (a compilation built by hand; see {@link #compile(Program,
   *     Target, Options)})
   */
  public static Evaluator evaluator(Compilation compilation, Cluster cluster) {
    return evaluator(compilation, cluster, compilation.target());
  }

  /**
   * The targets whose platforms enforce a target's objects, so that {@link #evaluator(Compilation, Cluster, Target)}
   * can read a compilation for it as each does: the target itself when it has an evaluator, and for {@code
   * kubernetes} also {@code cilium} and {@code calico}.
   *
   * @param target the compilation's target
   * @return the readings, in target declaration order
   */
  public static List<Target> readings(Target target) {
    Objects.requireNonNull(target, "target");
    return Evaluators.targets().stream()
        .filter(r -> Evaluators.forTarget(r).orElseThrow().reads().contains(target))
        .toList();
  }

  /**
   * The evaluator of a compilation's objects as another target's platform enforces them: a <em>reading</em>. Cilium
   * and Calico enforce Kubernetes NetworkPolicy objects too, each in its own way (docs/targets.md, "NetworkPolicy on
   * Cilium" and "NetworkPolicy on Calico"), so the objects compiled for {@code kubernetes} can be judged as either
   * CNI will judge them. Reading a compilation as its own target is {@link #evaluator(Compilation, Cluster)}.
   *
   * <pre>{@code
   * Compilation out = Netlingua.compile(result, Target.KUBERNETES, Options.defaults());
   * Evaluator onCilium = Netlingua.evaluator(out, cluster, Target.CILIUM);
   * }</pre>
   *
   * @param compilation a compilation without errors
   * @param cluster the cluster the flows belong to
   * @param reading the target whose platform reads the objects, at its default version
   * @return an evaluator, safe to share between threads; each verdict of another target's reading ends with a note
   *     naming the reading ({@code NetworkPolicy read as cilium 1.18 enforces it})
   * @throws IllegalArgumentException as {@link #evaluator(Compilation, Cluster)}, and if the reading's platform does
   *     not enforce the compilation's objects (its evaluator does not read that target's documents)
   */
  public static Evaluator evaluator(Compilation compilation, Cluster cluster, Target reading) {
    Objects.requireNonNull(reading, "reading");
    return evaluator(compilation, cluster, reading, reading.defaultVersion());
  }

  /**
   * {@link #evaluator(Compilation, Cluster, Target)} at a version of the reading's platform, checked against its
   * range and named in the verdicts. The readings model the platform's behaviour at its notes' versions
   * (docs/targets.md); the version is the one the user's cluster runs, so that a verdict says which it speaks of.
   *
   * @param compilation a compilation without errors
   * @param cluster the cluster the flows belong to
   * @param reading the target whose platform reads the objects
   * @param readingVersion a version in the reading's range ({@link Target#supportedVersions()})
   * @return an evaluator, safe to share between threads
   * @throws IllegalArgumentException as {@link #evaluator(Compilation, Cluster, Target)}, and for a version outside
   *     the reading's range
   */
  public static Evaluator evaluator(
      Compilation compilation, Cluster cluster, Target reading, String readingVersion) {
    Objects.requireNonNull(compilation, "compilation");
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(reading, "reading");
    Objects.requireNonNull(readingVersion, "readingVersion");
    // A compilation is a public record: one built by hand has not been through compile's check.
    compilation.options().checkFor(compilation.target());
    reading.checkVersion(readingVersion);
    if (compilation.hasErrors()) {
      throw new IllegalArgumentException("the compilation for " + compilation.target().id()
          + " has errors: it holds no objects to judge");
    }
    TargetEvaluator evaluator = Evaluators.forTarget(reading).orElseThrow(() ->
        new IllegalArgumentException("no evaluator of " + reading.id() + " objects; targets with one: "
            + evaluableTargets().stream().map(Target::id).toList()));
    if (!evaluator.reads().contains(compilation.target())) {
      throw new IllegalArgumentException(reading.id() + " does not enforce " + compilation.target().id()
          + " objects; it reads those of " + evaluator.reads().stream().map(Target::id).sorted().toList());
    }
    Evaluator objects = evaluator.evaluator(compilation.documents(), cluster);
    if (reading == compilation.target()) {
      return objects;
    }
    String note = compilation.target().title().replaceFirst(" \\(.*", "") + " objects read as " + reading.id() + " "
        + readingVersion + " enforces them";
    return flow -> {
      Verdict v = objects.evaluate(flow);
      List<String> notes = new ArrayList<>(v.notes());
      notes.add(note);
      return new Verdict(v.egress(), v.ingress(), notes);
    };
  }

  /**
   * The verdicts of flows on a program's neutral semantics, in the order of the flows.
   *
   * @param program a program read without errors, or built in Java
   * @param cluster the cluster the flows belong to
   * @param flows the flows
   * @return one verdict per flow
   */
  public static List<Verdict> evaluate(Program program, Cluster cluster, List<Flow> flows) {
    Evaluator e = evaluator(program, cluster);
    return flows.stream().map(e::evaluate).toList();
  }

  /**
   * The verdicts of flows on a target's emitted objects, in the order of the flows.
   *
   * @param compilation a compilation without errors, for one of {@link #evaluableTargets()}
   * @param cluster the cluster the flows belong to
   * @param flows the flows
   * @return one verdict per flow
   * @throws IllegalArgumentException as {@link #evaluator(Compilation, Cluster)}
   */
  public static List<Verdict> evaluate(Compilation compilation, Cluster cluster, List<Flow> flows) {
    Evaluator e = evaluator(compilation, cluster);
    return flows.stream().map(e::evaluate).toList();
  }

  /** The targets whose emitted objects can be judged, in declaration order ({@code kubernetes}, ...). */
  public static List<Target> evaluableTargets() {
    return Evaluators.targets();
  }

  /**
   * Whether a compilation's objects mean exactly what the program means (SEMANTICS.md section 2): no error, and
   * no diagnostic reporting a narrower, wider or impossible translation.
   *
   * @param compilation a compilation
   * @return whether the target's verdicts must equal the program's on every flow
   */
  public static boolean isExact(Compilation compilation) {
    return !compilation.hasErrors()
        && compilation.diagnostics().stream()
            .flatMap(d -> d.finding().stream())
            .allMatch(f -> f.outcome() == Outcome.EXACT);
  }

  /**
   * Reads a cluster file (docs/testing.md): the namespaces, pods, nodes, external addresses and Services flows
   * are judged on. A mistake in the file, a file that cannot be read included, is an error of the result, with
   * its line and column.
   *
   * <pre>{@code
   * FileResult<Cluster> cluster = Netlingua.readCluster(Path.of("examples/shop/cluster.yaml"));
   * if (cluster.hasErrors()) {
   *   System.err.print(cluster.render());   // cluster.yaml:12:5: error: unknown key 'lables' in a pod; ...
   * }
   * }</pre>
   *
   * @param file the cluster file
   * @return the cluster, or every mistake in the file
   */
  public static FileResult<Cluster> readCluster(Path file) {
    return text(file).map(t -> ClusterReader.read(file.toString(), t)).orElseGet(() -> unreadable(file));
  }

  /**
   * Reads a cluster file's text (docs/testing.md).
   *
   * @param fileName the name mistakes give the text
   * @param text the text
   * @return the cluster, or every mistake in the text
   */
  public static FileResult<Cluster> readCluster(String fileName, String text) {
    return ClusterReader.read(fileName, text);
  }

  /**
   * Reads a flow file (docs/testing.md): flows between the pods, nodes and external addresses of a cluster, each
   * with the verdict it is expected to get, if the file says one.
   *
   * <pre>{@code
   * Cluster cluster = Netlingua.readCluster(Path.of("cluster.yaml")).orElseThrow();
   * List<ExpectedFlow> flows = Netlingua.readFlows(Path.of("connectivity.yaml"), cluster).orElseThrow();
   * }</pre>
   *
   * @param file the flow file
   * @param cluster the cluster whose ends the flows name
   * @return the flows in file order, or every mistake in the file (an end the cluster lacks included)
   */
  public static FileResult<List<ExpectedFlow>> readFlows(Path file, Cluster cluster) {
    List<ExpectedFlow> flows = new ArrayList<>();
    FileResult<Long> read = readFlows(file, cluster, flows::add);
    return read.hasErrors() ? FileResult.failed(read.errors()) : FileResult.of(List.copyOf(flows));
  }

  /**
   * Streams a flow file (docs/testing.md): each flow without mistakes goes to {@code each} as soon as it is read, in
   * file order, and none is kept, so that a file of millions of flows is read in the memory of one. A flow longer
   * than 16 KiB is a mistake; the file has no bound. Every mistake is in the result (the first thousand listed, then
   * how many more), but {@code each} may have received flows before one was found: a caller that must not act on a
   * file with mistakes reads it twice, the first time with a consumer that does nothing, as {@code netlingua query}
   * does.
   *
   * <pre>{@code
   * FileResult<Long> checked = Netlingua.readFlows(Path.of("flows.yaml"), cluster, flow -> { });
   * if (!checked.hasErrors()) {
   *   Evaluator evaluator = Netlingua.evaluator(program, cluster);
   *   Netlingua.readFlows(Path.of("flows.yaml"), cluster, f -> System.out.println(evaluator.evaluate(f.flow())));
   * }
   * }</pre>
   *
   * @param file the flow file
   * @param cluster the cluster whose ends the flows name
   * @param each receives each flow
   * @return the number of flows, or every mistake in the file
   */
  public static FileResult<Long> readFlows(Path file, Cluster cluster, Consumer<? super ExpectedFlow> each) {
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(each, "each");
    // No BufferedReader: SnakeYAML reads in chunks of its own, and a decoder reading ahead by less places a byte
    // that is not UTF-8 closer to where it is.
    try (Reader text = new InputStreamReader(new BufferedInputStream(Files.newInputStream(file)),
        StandardCharsets.UTF_8.newDecoder())) {
      return FlowReader.stream(file.toString(), text, cluster, each);
    } catch (IOException | UncheckedIOException | SecurityException e) {
      return unreadable(file);
    }
  }

  /**
   * Reads a flow file's text (docs/testing.md).
   *
   * @param fileName the name mistakes give the text
   * @param text the text
   * @param cluster the cluster whose ends the flows name
   * @return the flows in file order, or every mistake in the text
   */
  public static FileResult<List<ExpectedFlow>> readFlows(String fileName, String text, Cluster cluster) {
    return FlowReader.read(fileName, text, Objects.requireNonNull(cluster, "cluster"));
  }

  private static Optional<String> text(Path file) {
    try {
      return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException | UncheckedIOException e) {
      return Optional.empty();
    }
  }

  private static <T> FileResult<T> unreadable(Path file) {
    String why = Files.isRegularFile(file) ? "cannot be read as UTF-8 text" : "no such file";
    return FileResult.failed(List.of(new FileResult.Error(file.toString(), 1, 1, why)));
  }

  /**
   * The canonical text of one file of a program (docs/format.md), keeping the comments written in it.
   *
   * <pre>{@code
   * String canonical = Netlingua.format(result.program().files().get(0), result.comments());
   * }</pre>
   *
   * @param file a file of a program read without errors, or built in Java
   * @param comments comments of the program; only those written in {@code file} are printed
   * @return the canonical text, ending with a line break
   */
  public static String format(PolicyFile file, List<Comment> comments) {
    List<Comment> own = comments.stream().filter(c -> c.span().file().equals(file.path())).toList();
    return NplPrinter.print(file, own);
  }

  /**
   * The SARIF 2.1.0 log of a run, for code scanning (docs/reports.md, section SARIF): a run
   * {@code netlingua/language/} with the diagnostics of reading the program ({@code NL1xxx}, {@code NL2xxx},
   * {@code NL5xxx}, each once), then a run {@code netlingua/<target>/} per report with that target's own
   * diagnostics, each run with the rules of the codes it uses. Locations are relative to the options' base folder
   * ({@code uriBaseId} {@code %SRCROOT%}); each result has a fingerprint that moving its line does not change. The
   * text has no timestamp: the same run gives the same bytes.
   *
   * <pre>{@code
   * ParseResult parsed = Netlingua.parse(Path.of("policies"));
   * List<CompileReport> reports = List.of(
   *     Netlingua.compile(parsed, Target.KUBERNETES, Options.defaults()).report(),
   *     Netlingua.compile(parsed, Target.CILIUM, Options.defaults()).report());
   * Files.writeString(Path.of("netlingua.sarif"),
   *     Netlingua.sarif(parsed, reports, SarifOptions.of(Path.of("."), "0.1.0")));
   * }</pre>
   *
   * @param parsed what {@link #parse} gave: its diagnostics, and its text for the fingerprints
   * @param reports the reports of the targets compiled (none for a check), at most one per target
   * @param options the base folder, the tool's version and the configured links
   * @return the log as JSON, ending with a line break
   * @throws IllegalArgumentException if two reports are for one target (code scanning refuses two runs of one
   *     category)
   */
  public static String sarif(ParseResult parsed, List<CompileReport> reports, SarifOptions options) {
    Objects.requireNonNull(parsed, "parsed");
    Objects.requireNonNull(options, "options");
    return SarifWriter.write(parsed.diagnostics(), List.copyOf(reports), parsed.sources(), options);
  }

  /**
   * Every diagnostic of a result rendered as compilers do, in order:
   * {@code file:line:col: error[NL2001]: ...}, the source line, a caret under the column and the hint, if any.
   * Empty when there is no diagnostic.
   *
   * <pre>{@code
   * System.err.print(Netlingua.render(result));
   * }</pre>
   *
   * @param result what reading a program gave
   * @return the rendered diagnostics, each ending with a line break
   */
  public static String render(ParseResult result) {
    return new DiagnosticRenderer(result.sources()).renderAll(result.diagnostics());
  }
}

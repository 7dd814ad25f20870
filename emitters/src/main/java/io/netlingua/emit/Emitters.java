package io.netlingua.emit;

import io.netlingua.check.ProgramChecker;
import io.netlingua.diagnostics.Diagnostic;
import io.netlingua.emit.calico.CalicoEmitter;
import io.netlingua.emit.cilium.CiliumEmitter;
import io.netlingua.emit.flannel.FlannelEmitter;
import io.netlingua.emit.kubernetes.KubernetesEmitter;
import io.netlingua.emit.internal.Work;
import io.netlingua.emit.spi.Degradations;
import io.netlingua.emit.spi.PlannedDocument;
import io.netlingua.emit.spi.TargetEmitter;
import io.netlingua.emit.validate.OutputValidator;
import io.netlingua.emit.yaml.YamlWriter;
import io.netlingua.model.Program;
import io.netlingua.targets.Capabilities;
import io.netlingua.targets.Options;
import io.netlingua.targets.Target;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The compile pipeline shared by every target: check, lower, sort, then refuse duplicate objects ({@code NL4002})
 * and validate every document against its schema ({@code NL4001}) before writing the validated trees as YAML. The
 * output is streamed: each document is built, validated and written in turn, into a {@link DocumentSink} or into
 * an in-memory {@link Compilation}.
 */
public final class Emitters {
  /**
   * The targets that have an emitter, in declaration order. Listing them creates no emitter: the command line lists
   * them in its help and converts {@code --target} with them, and an emitter's class holds the state of its lowering
   * (Jackson's node factory, tables), which only a compilation for its target needs.
   */
  private static final List<Target> TARGETS =
      List.of(Target.KUBERNETES, Target.CILIUM, Target.CALICO, Target.FLANNEL);

  /** The emitters created so far, each by the first compilation for its target. */
  private static final Map<Target, TargetEmitter> EMITTERS = new ConcurrentHashMap<>();

  private Emitters() {}

  /** The targets that have an emitter, in declaration order. */
  public static List<Target> targets() {
    return TARGETS;
  }

  /** A new emitter for one of {@link #TARGETS}; {@code EmittersTest} checks that each is for its own target. */
  private static TargetEmitter create(Target target) {
    return switch (target) {
      case KUBERNETES -> new KubernetesEmitter();
      case CILIUM -> new CiliumEmitter();
      case CALICO -> new CalicoEmitter();
      case FLANNEL -> new FlannelEmitter();
    };
  }

  /**
   * Compiles a program for a target, the whole output in memory. The program is checked first (a program built in
   * Java may hold mistakes the parser would have reported); with errors there, nothing is lowered.
   *
   * @throws IllegalArgumentException if the target has no emitter, or the options do not fit it (a version outside
   *     its range, a target option it does not declare or a value it does not take: {@link Options#checkFor})
   */
  public static Compilation compile(Program program, Target target, Options options) {
    return compile(program, emitter(target, options), options);
  }

  /**
   * Compiles a program that the parser has already checked, without checking it again; {@code checks} are the
   * parser's diagnostics (free of errors), carried into the compilation. The whole output is held in memory.
   *
   * @throws IllegalArgumentException as {@link #compile(Program, Target, Options)}
   */
  public static Compilation compileChecked(
      Program program, List<Diagnostic> checks, Target target, Options options) {
    TargetEmitter emitter = emitter(target, options);
    return inMemory(emitter, options, sink -> lower(program, checks, emitter, options, sink));
  }

  /**
   * Compiles a program that the parser has already checked, handing each validated document to {@code sink} in
   * output order as soon as it is written, without holding the output in memory. When the report has errors,
   * what the sink received must be discarded (an invalid document may come after valid ones).
   *
   * @param program the program, free of errors
   * @param checks the parser's diagnostics, carried into the report
   * @param target the target
   * @param options the options of the run
   * @param sink receives each validated document and its YAML
   * @return the documents by reference and every diagnostic
   * @throws IOException what the sink threw; the run stopped there
   * @throws IllegalArgumentException as {@link #compile(Program, Target, Options)}
   */
  public static CompileReport compileChecked(
      Program program, List<Diagnostic> checks, Target target, Options options, DocumentSink sink)
      throws IOException {
    return lower(program, checks, emitter(target, options), options, sink);
  }

  /**
   * The target's emitter, once the options are known to fit the target: every public entry point comes through
   * here, so that no emitter ever sees a version outside its range or a target option it does not declare.
   */
  private static TargetEmitter emitter(Target target, Options options) {
    options.checkFor(target);
    return emitter(target);
  }

  /**
   * The emitter of a target, created by the first call for it; package-private for the test that each is for its own
   * target.
   *
   * @throws IllegalArgumentException if the target has no emitter
   */
  static TargetEmitter emitter(Target target) {
    if (!TARGETS.contains(target)) {
      throw new IllegalArgumentException("no emitter for target " + target.id());
    }
    return EMITTERS.computeIfAbsent(target, Emitters::create);
  }

  /** The pipeline around one emitter; package-private so that tests can run it around an emitter of their own. */
  static Compilation compile(Program program, TargetEmitter emitter, Options options) {
    List<Diagnostic> checks = ProgramChecker.check(program);
    if (checks.stream().anyMatch(Diagnostic::isError)) {
      return new Compilation(emitter.target(), options, List.of(), checks, "");
    }
    return inMemory(emitter, options, sink -> lower(program, checks, emitter, options, sink));
  }

  /** A streamed run whose documents are collected: the in-memory {@link Compilation}. */
  private static Compilation inMemory(TargetEmitter emitter, Options options, Run run) {
    List<EmittedDocument> documents = new ArrayList<>();
    StringBuilder yaml = new StringBuilder();
    CompileReport report;
    try {
      report = run.run((document, text) -> {
        documents.add(document);
        if (yaml.length() > 0) {
          yaml.append(YamlWriter.SEPARATOR);
        }
        yaml.append(text);
      });
    } catch (IOException e) {
      throw new UncheckedIOException("a sink in memory does not fail", e);
    }
    return new Compilation(emitter.target(), options, documents, report.diagnostics(), yaml.toString());
  }

  /** A streamed run into a sink. */
  private interface Run {
    CompileReport run(DocumentSink sink) throws IOException;
  }

  /**
   * Lowers, sorts the planned documents and refuses duplicates ({@code NL4002}); then, one document at a time,
   * builds its object, validates its canonical tree ({@code NL4001}), writes that tree as YAML and hands it to the
   * sink. Only the references of the whole output are held; each object is dropped once written. Package-private
   * so that tests can stream around an emitter of their own.
   */
  static CompileReport lower(
      Program program, List<Diagnostic> checks, TargetEmitter emitter, Options options, DocumentSink sink)
      throws IOException {
    if (checks.stream().anyMatch(Diagnostic::isError)) {
      throw new IllegalArgumentException("a program with errors is never lowered");
    }
    Target target = emitter.target();
    Degradations degradations =
        new Degradations(Capabilities.of(target, options.versionFor(target)), options.mode());
    List<PlannedDocument> planned = new ArrayList<>(emitter.emit(program, options, degradations));
    planned.sort(Comparator.comparing(PlannedDocument::ref, DocumentRef.ORDER));
    List<DocumentRef> refs = planned.stream().map(PlannedDocument::ref).toList();
    List<Diagnostic> diagnostics = new ArrayList<>(checks);
    diagnostics.addAll(degradations.diagnostics());
    diagnostics.addAll(OutputValidator.duplicates(target, refs));
    // Validation runs on output that would be written: with an error already, nothing is, and an object a
    // lowering left incomplete would only add noise.
    if (diagnostics.stream().anyMatch(Diagnostic::isError)) {
      return new CompileReport(target, options, List.of(), diagnostics);
    }
    Work work = Work.current();
    boolean valid = true;
    for (PlannedDocument p : planned) {
      EmittedDocument document = p.build();
      work.add(Work.Step.DOCUMENTS, 1);
      OutputValidator.Document checked = OutputValidator.check(target, document);
      if (checked.error().isPresent()) {
        // Every invalid document is reported; the sink gets no more once one is.
        diagnostics.add(checked.error().get());
        valid = false;
      } else if (valid) {
        sink.accept(document, YamlWriter.write(checked.tree().get()));
      }
    }
    return new CompileReport(target, options, refs, diagnostics);
  }
}

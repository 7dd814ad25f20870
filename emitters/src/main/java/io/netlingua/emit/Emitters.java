package io.netlingua.emit;

import io.netlingua.check.ProgramChecker;
import io.netlingua.diagnostics.Diagnostic;
import io.netlingua.emit.flannel.FlannelEmitter;
import io.netlingua.emit.kubernetes.KubernetesEmitter;
import io.netlingua.emit.spi.Degradations;
import io.netlingua.emit.spi.TargetEmitter;
import io.netlingua.emit.validate.OutputValidator;
import io.netlingua.emit.yaml.YamlWriter;
import io.netlingua.model.Program;
import io.netlingua.targets.Capabilities;
import io.netlingua.targets.Options;
import io.netlingua.targets.Target;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The compile pipeline shared by every target: check, lower, sort, then refuse duplicate objects ({@code NL4002})
 * and validate every document against its schema ({@code NL4001}) before writing the validated trees as YAML.
 */
public final class Emitters {
  private static final Map<Target, TargetEmitter> EMITTERS = new EnumMap<>(Target.class);

  static {
    for (TargetEmitter e : List.<TargetEmitter>of(new KubernetesEmitter(), new FlannelEmitter())) {
      EMITTERS.put(e.target(), e);
    }
  }

  private Emitters() {}

  /** The targets that have an emitter, in declaration order. */
  public static List<Target> targets() {
    return List.copyOf(EMITTERS.keySet());
  }

  /**
   * Compiles a program for a target. The program is checked first (a program built in Java may hold mistakes the
   * parser would have reported); with errors there, nothing is lowered.
   */
  public static Compilation compile(Program program, Target target, Options options) {
    return compile(program, emitter(target), options);
  }

  /**
   * Compiles a program that the parser has already checked, without checking it again; {@code checks} are the
   * parser's diagnostics (free of errors), carried into the compilation.
   */
  public static Compilation compileChecked(
      Program program, List<Diagnostic> checks, Target target, Options options) {
    return lower(program, checks, emitter(target), options);
  }

  private static TargetEmitter emitter(Target target) {
    TargetEmitter emitter = EMITTERS.get(target);
    if (emitter == null) {
      throw new IllegalArgumentException("no emitter for target " + target.id());
    }
    return emitter;
  }

  /** The pipeline around one emitter; package-private so that tests can run it around an emitter of their own. */
  static Compilation compile(Program program, TargetEmitter emitter, Options options) {
    List<Diagnostic> checks = ProgramChecker.check(program);
    if (checks.stream().anyMatch(Diagnostic::isError)) {
      return new Compilation(emitter.target(), options, List.of(), checks, "");
    }
    return lower(program, checks, emitter, options);
  }

  private static Compilation lower(
      Program program, List<Diagnostic> checks, TargetEmitter emitter, Options options) {
    if (checks.stream().anyMatch(Diagnostic::isError)) {
      throw new IllegalArgumentException("a program with errors is never lowered");
    }
    Target target = emitter.target();
    Degradations degradations =
        new Degradations(Capabilities.of(target, options.versionFor(target)), options.mode());
    List<EmittedDocument> documents =
        emitter.emit(program, options, degradations).stream().sorted(EmittedDocument.ORDER).toList();
    List<Diagnostic> diagnostics = new ArrayList<>(checks);
    diagnostics.addAll(degradations.diagnostics());
    diagnostics.addAll(OutputValidator.duplicates(target, documents));
    String yaml = "";
    // Validation runs on output that would be written: with an error already, nothing is, and an object a
    // lowering left incomplete would only add noise.
    if (diagnostics.stream().noneMatch(Diagnostic::isError)) {
      OutputValidator.Checked checked = OutputValidator.validate(target, documents);
      diagnostics.addAll(checked.diagnostics());
      yaml = YamlWriter.write(checked.trees());
    }
    return new Compilation(target, options, documents, diagnostics, yaml);
  }
}

package io.netlingua.emit;

import io.netlingua.check.ProgramChecker;
import io.netlingua.diagnostics.Code;
import io.netlingua.diagnostics.Diagnostic;
import io.netlingua.emit.flannel.FlannelEmitter;
import io.netlingua.emit.kubernetes.KubernetesEmitter;
import io.netlingua.emit.spi.Degradations;
import io.netlingua.emit.spi.TargetEmitter;
import io.netlingua.model.Program;
import io.netlingua.target.Capabilities;
import io.netlingua.target.Options;
import io.netlingua.target.Target;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The compile pipeline shared by every target: check, lower, validate, sort. */
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
    List<Diagnostic> checks = ProgramChecker.check(program);
    if (checks.stream().anyMatch(Diagnostic::isError)) {
      return new Compilation(target, options, List.of(), checks);
    }
    TargetEmitter emitter = EMITTERS.get(target);
    if (emitter == null) {
      throw new IllegalArgumentException("no emitter for target " + target.id());
    }
    Degradations degradations =
        new Degradations(Capabilities.of(target, options.versionFor(target)), options.mode());
    List<EmittedDocument> documents = emitter.emit(program, options, degradations);
    List<Diagnostic> diagnostics = new ArrayList<>(checks);
    diagnostics.addAll(degradations.diagnostics());
    diagnostics.addAll(duplicates(documents));
    return new Compilation(target, options, documents, diagnostics);
  }

  /**
   * NL4002 for each object whose kind, namespace and name an earlier object already has: applying both, the second
   * would replace the first. Different policies can meet so on a target (a subject of two entries gives NAME-1 and
   * NAME-2, which another policy may be called).
   */
  private static List<Diagnostic> duplicates(List<EmittedDocument> documents) {
    Map<List<Object>, EmittedDocument> seen = new LinkedHashMap<>();
    List<Diagnostic> out = new ArrayList<>();
    for (EmittedDocument d : documents) {
      EmittedDocument first = seen.putIfAbsent(List.of(d.apiVersion(), d.kind(), d.namespace(), d.name()), d);
      if (first != null) {
        out.add(Diagnostic.of(
            Code.DUPLICATE_OBJECT, d.source(),
            d.kind() + " " + d.namespace().map(ns -> ns + "/").orElse("") + d.name() + " is emitted twice: for the"
                + " policy at " + first.source().location() + " and for this one",
            "rename one of the two policies"));
      }
    }
    return out;
  }
}

package io.netlingua.emit.spi;

import io.netlingua.model.Program;
import io.netlingua.targets.Options;
import io.netlingua.targets.Target;
import java.util.List;

/**
 * The lowering of checked programs to one target. Each target is a package of its own implementing this; the
 * pipeline around it (checks, validation, sorting, YAML, reports) is shared.
 *
 * <p>An emitter reports every construct it does not translate exactly through {@link Degradations}, never drops
 * anything silently, and returns the objects it would write (planned: each is built when it is written); when the report holds an error, the pipeline writes
 * none of them.
 */
public interface TargetEmitter {

  /** The target this emitter lowers to. */
  Target target();

  /**
   * Lowers a program that passed the language checks.
   *
   * @param program the program
   * @param options the mode, the target version and the stated cluster facts
   * @param degradations where every degradation and relied-on fact is reported
   * @return the objects it will write, in any order, each built only when the pipeline asks for it (after this
   *     method returned, so the lowering must be complete by then)
   */
  List<PlannedDocument> emit(Program program, Options options, Degradations degradations);
}

package io.netlingua.emit;

import io.netlingua.dsl.ParseResult;
import io.netlingua.model.Program;
import io.netlingua.targets.Options;

/** Access to the package-private pipeline seam for tests of other packages (reports). */
public final class PipelineFixtures {
  private PipelineFixtures() {}

  /** The two-policy shop program of {@link Programs#SHOP}, parsed. */
  public static ParseResult shop() {
    return Programs.parse(Programs.SHOP);
  }

  /** Compiles with the test emitter that returns one valid NetworkPolicy per policy. */
  public static Compilation compile(Program program, Options options) {
    return Emitters.compile(program, TestEmitter.valid(), options);
  }
}

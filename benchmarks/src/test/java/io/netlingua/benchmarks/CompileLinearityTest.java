package io.netlingua.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.ThreadMXBean;
import io.netlingua.Netlingua;
import io.netlingua.dsl.ParseResult;
import io.netlingua.emit.CompileReport;
import io.netlingua.emit.internal.Work;
import io.netlingua.targets.Target;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The compile pipeline's cost grows with the program, shown without a clock (docs/performance.md, "Linear cost"):
 * for every target that emits objects and both generated profiles (each with denies), compiling 4n policies visits
 * less than five times the units, rules, index entries and documents, and allocates less than five times the bytes,
 * that n policies do. Linear work gives about four; work quadratic in the policies about sixteen (a scan of every
 * object per deny, as the deny folding once did, gave 16.0 for the units it visited).
 */
class CompileLinearityTest {
  private static final int N = 300;
  private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();

  @TempDir Path folder;

  /** The cost of one compilation: what each step visited, and the bytes allocated on this thread. */
  private record Cost(Map<Work.Step, Long> visits, long bytes) {}

  @ParameterizedTest
  @EnumSource(Profile.class)
  void fourTimesThePoliciesCostLessThanFiveTimesAsMuch(Profile profile) throws Exception {
    for (Target target : ProgramProfilesTest.benchmarkedTargets()) {
      ParseResult small = parse(profile, N, target);
      ParseResult large = parse(profile, 4 * N, target);
      // Once before measuring, so that class loading and the first compilations of the JIT are not counted.
      cost(small, profile, target);
      Cost n = cost(small, profile, target);
      Cost fourN = cost(large, profile, target);

      String what = target.id() + " " + profile + ": " + n + " -> " + fourN;
      assertThat(n.visits().get(Work.Step.DOCUMENTS)).as(what).isPositive();
      assertThat(n.visits().get(Work.Step.UNITS)).as(what).isPositive();
      if (target == Target.KUBERNETES || (target == Target.CILIUM && profile == Profile.FULL)) {
        // Kubernetes folds denies through its index; Cilium looks up the L7 rules of a port (the FULL profile has
        // L7 blocks, EXACT none, since no L7 is exact on Kubernetes). Calico needs no index: order makes deny win.
        assertThat(n.visits().get(Work.Step.INDEX_ENTRIES)).as("%s: the program uses the target's index", what)
            .isPositive();
      }
      for (Work.Step step : Work.Step.values()) {
        // A step the target does not take (no index without L7 on Cilium) stays at none.
        assertThat(fourN.visits().get(step)).as("%s, %s", what, step)
            .isLessThanOrEqualTo(Math.max(0, 5 * n.visits().get(step) - 1));
      }
      assertThat(fourN.bytes()).as("%s, bytes allocated", what).isLessThan(5 * n.bytes());
    }
  }

  private ParseResult parse(Profile profile, int policies, Target target) throws IOException {
    Path into = Files.createTempDirectory(folder, profile + "-" + policies);
    ParseResult parsed = ProgramGenerator.parse(ProgramGenerator.files(profile, policies, target), into);
    assertThat(parsed.hasErrors()).isFalse();
    return parsed;
  }

  private static Cost cost(ParseResult parsed, Profile profile, Target target) {
    CompileReport[] report = new CompileReport[1];
    long before = THREADS.getCurrentThreadAllocatedBytes();
    Map<Work.Step, Long> visits = Work.count(() -> {
      try {
        report[0] = Netlingua.compile(parsed, target, ProgramGenerator.options(profile, target), (d, yaml) -> { });
      } catch (IOException e) {
        throw new AssertionError("a sink that stores nothing does not fail", e);
      }
    });
    long bytes = THREADS.getCurrentThreadAllocatedBytes() - before;
    assertThat(report[0].hasErrors()).as("%s", report[0].diagnostics()).isFalse();
    return new Cost(visits, bytes);
  }
}

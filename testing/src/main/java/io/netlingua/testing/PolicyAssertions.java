package io.netlingua.testing;

import io.netlingua.Netlingua;
import io.netlingua.dsl.ParseResult;
import io.netlingua.model.Program;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Assertions on Netlingua programs for the tests of a policy-as-code repository (JUnit 5). A test reads:
 *
 * <pre>{@code
 * @Test
 * void onlyTheStorefrontReadsOrders() {
 *   PolicyAssertions.assertThat(Path.of("policies")).in(Path.of("cluster.yaml"))
 *       .allows("shop/frontend -> shop/orders tcp/8080 GET /api/v1/orders")
 *       .denies("shop/catalog -> shop/orders tcp/8080 GET /api/v1/orders")
 *       .isExactOn(Target.KUBERNETES);
 * }
 * }</pre>
 *
 * <p>A failure is an {@link org.opentest4j.AssertionFailedError} that explains itself: the verdict and the rule
 * that decided it (file:line:col), the degradations a target reported, or a unified diff of emitted YAML. The
 * flow syntax, and the cluster and flow files, are described in docs/testing.md.
 */
public final class PolicyAssertions {
  private PolicyAssertions() {}

  /**
   * Assertions on a program read from directories and files ({@link Netlingua#parse(List)}).
   *
   * @throws org.opentest4j.AssertionFailedError with the rendered diagnostics, when the program has errors
   */
  public static ProgramAssert assertThat(Path first, Path... more) {
    List<Path> paths = new ArrayList<>(List.of(first));
    paths.addAll(List.of(more));
    return assertThat(Netlingua.parse(paths));
  }

  /**
   * Assertions on what reading a program gave.
   *
   * @throws org.opentest4j.AssertionFailedError with the rendered diagnostics, when the program has errors
   */
  public static ProgramAssert assertThat(ParseResult program) {
    return ProgramAssert.of(program);
  }

  /** Assertions on a program built in Java (or taken from a parse result). */
  public static ProgramAssert assertThat(Program program) {
    return ProgramAssert.of(program);
  }
}

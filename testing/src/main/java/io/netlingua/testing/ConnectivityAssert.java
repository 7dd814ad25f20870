package io.netlingua.testing;

import io.netlingua.ExpectedFlow;
import io.netlingua.FileResult;
import io.netlingua.Netlingua;
import io.netlingua.emit.Compilation;
import io.netlingua.eval.Cluster;
import io.netlingua.eval.Evaluator;
import io.netlingua.eval.Flow;
import io.netlingua.eval.FlowSyntax;
import io.netlingua.eval.Namespace;
import io.netlingua.eval.Verdict;
import io.netlingua.targets.Options;
import io.netlingua.targets.Target;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.opentest4j.AssertionFailedError;

/**
 * Assertions on the flows of a program in a cluster, judged on the program's meaning (SEMANTICS.md section 1).
 * Flows are written in the one-line syntax of {@link FlowSyntax}: {@code shop/frontend -> shop/backend
 * tcp/8080 GET /api/v1/orders}. Every flow asserted is remembered, so that {@link #isExactOn} can check them on
 * a target's objects too.
 */
public final class ConnectivityAssert {
  private final ProgramAssert program;
  private final Cluster cluster;
  private final Evaluator model;
  private final FlowSyntax syntax;
  private final List<Flow> asserted = new ArrayList<>();

  ConnectivityAssert(ProgramAssert program, Cluster cluster) {
    this.program = program;
    this.cluster = cluster;
    this.model = Netlingua.evaluator(program.program(), cluster);
    this.syntax = FlowSyntax.in(cluster);
  }

  /**
   * Checks that the program allows a flow.
   *
   * @param flow a flow in the syntax of {@link FlowSyntax}
   * @throws AssertionFailedError with the verdict and the rule that decided it, when the flow is denied, and
   *     with the column of the mistake, when the text is not a flow of this cluster
   */
  public ConnectivityAssert allows(String flow) {
    return expect(parse(flow), true);
  }

  /**
   * Checks that the program denies a flow.
   *
   * @param flow a flow in the syntax of {@link FlowSyntax}
   * @throws AssertionFailedError with the verdict and the rules that allowed it, when the flow is allowed
   */
  public ConnectivityAssert denies(String flow) {
    return expect(parse(flow), false);
  }

  /**
   * Checks every flow of a flow file that states an {@code expect} (docs/testing.md).
   *
   * @throws AssertionFailedError listing every flow whose verdict differs, with its place in the file and the
   *     deciding rule; or with the mistakes of the file
   */
  public ConnectivityAssert satisfies(Path flowFile) {
    FileResult<List<ExpectedFlow>> flows = Netlingua.readFlows(flowFile, cluster);
    if (flows.hasErrors()) {
      throw new AssertionFailedError("the flow file has errors:\n" + flows.render());
    }
    List<String> failures = new ArrayList<>();
    for (ExpectedFlow f : flows.orElseThrow()) {
      asserted.add(f.flow());
      Verdict v = model.evaluate(f.flow());
      if (f.contradicts(v.allowed())) {
        failures.add(f.span().location() + ": " + explain(f.flow(), !v.allowed(), v));
      }
    }
    if (!failures.isEmpty()) {
      throw new AssertionFailedError(failures.size() + " of " + flows.orElseThrow().size() + " flows of "
          + flowFile + " get another verdict than expected:\n" + String.join("\n", failures));
    }
    return this;
  }

  /**
   * Checks that the target expresses the program exactly (its report names no narrower, wider or impossible
   * translation) and that its objects give every flow asserted so far the program's verdict. Cluster policies
   * expand into the cluster's namespaces.
   *
   * @throws AssertionFailedError with the target's report, or with each flow whose verdicts differ
   */
  public ConnectivityAssert isExactOn(Target target) {
    return isExactOn(target, Options.defaults()
        .namespaces(cluster.namespaces().stream().map(Namespace::name).toArray(String[]::new)));
  }

  /**
   * Checks exactness as {@link #isExactOn(Target)}, under these options.
   *
   * @throws AssertionFailedError with the target's report, or with each flow whose verdicts differ
   */
  public ConnectivityAssert isExactOn(Target target, Options options) {
    program.isExactOn(target, options);
    if (!Netlingua.evaluableTargets().contains(target)) {
      return this;
    }
    Compilation out = program.compile(target, options);
    return agrees(Netlingua.evaluator(out, cluster), target.id(), "the " + target.id() + " objects",
        "though the report says exact");
  }

  /**
   * Checks exactness as {@link #isExactOn(Target, Options)}, then that the target's objects, read as another
   * platform enforces them (docs/targets.md: Cilium and Calico read Kubernetes NetworkPolicy), give every flow
   * asserted so far the program's verdict: that manifests compiled for "any conformant CNI" mean the same on that
   * one.
   *
   * <pre>{@code
   * PolicyAssertions.assertThat(Path.of("policies")).in(Path.of("cluster.yaml"))
   *     .satisfies(Path.of("connectivity.yaml"))
   *     .isExactOn(Target.KUBERNETES, options, Target.CALICO);
   * }</pre>
   *
   * @param target the target compiled for
   * @param options the run's options
   * @param reading the target whose platform reads the objects, at its default version
   * @return this
   * @throws AssertionFailedError with the target's report, or with each flow whose verdicts differ on the reading
   * @throws IllegalArgumentException if the reading's platform does not enforce the target's objects
   */
  public ConnectivityAssert isExactOn(Target target, Options options, Target reading) {
    program.isExactOn(target, options);
    Compilation out = program.compile(target, options);
    return agrees(Netlingua.evaluator(out, cluster, reading), reading.id(),
        "the " + target.id() + " objects read as " + reading.id() + " enforces them", "though the report says exact");
  }

  /** Fails listing each asserted flow the evaluator judges otherwise than the program. */
  private ConnectivityAssert agrees(Evaluator objects, String label, String what, String although) {
    List<String> failures = new ArrayList<>();
    for (Flow f : asserted) {
      Verdict m = model.evaluate(f);
      Verdict o = objects.evaluate(f);
      if (m.allowed() != o.allowed()) {
        failures.add(f + "\n  program: " + m + "\n  " + label + ": " + o);
      }
    }
    if (!failures.isEmpty()) {
      throw new AssertionFailedError(what + " judge " + failures.size() + " flow(s) otherwise than the program, "
          + although + ":\n" + String.join("\n", failures));
    }
    return this;
  }

  private Flow parse(String text) {
    Objects.requireNonNull(text, "flow");
    FlowSyntax.Result r = syntax.parse(text);
    if (r.error().isPresent()) {
      FlowSyntax.Error e = r.error().get();
      throw new AssertionFailedError("not a flow of the cluster: " + e.message() + "\n  " + text + "\n  "
          + " ".repeat(Math.max(0, e.column() - 1)) + "^");
    }
    Flow flow = r.flow().orElseThrow();
    asserted.add(flow);
    return flow;
  }

  private ConnectivityAssert expect(Flow flow, boolean allowed) {
    Verdict v = model.evaluate(flow);
    if (v.allowed() != allowed) {
      throw new AssertionFailedError(explain(flow, allowed, v), allowed ? "allow" : "deny", v.keyword());
    }
    return this;
  }

  /** {@code expected FLOW to be allowed, but it is denied}, then each side's decision on its own line. */
  private static String explain(Flow flow, boolean expectedAllowed, Verdict v) {
    return "expected " + flow + " to be " + (expectedAllowed ? "allowed" : "denied") + ", but it is "
        + (v.allowed() ? "allowed" : "denied") + "\n"
        + List.of(v.egress(), v.ingress()).stream().map(s -> "  " + s).collect(Collectors.joining("\n"));
  }
}

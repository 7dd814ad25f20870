package io.netlingua.cli.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import io.netlingua.ExpectedFlow;
import io.netlingua.FileResult;
import io.netlingua.Netlingua;
import io.netlingua.dsl.ParseResult;
import io.netlingua.emit.Compilation;
import io.netlingua.eval.Cluster;
import io.netlingua.eval.Evaluator;
import io.netlingua.eval.FlowSyntax;
import io.netlingua.eval.Namespace;
import io.netlingua.eval.Verdict;
import io.netlingua.model.SourceSpan;
import io.netlingua.targets.Mode;
import io.netlingua.targets.Options;
import io.netlingua.targets.Target;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code netlingua query --cluster CLUSTER.yaml (--flows FLOWS.yaml | FLOW) [--target T] PATH...}: judges flows
 * on a cluster, on the program's neutral semantics or on the objects a target's emitter writes for it, and
 * prints a JSON array on standard output, one entry per flow: the flow, its verdict, the reason (the deciding
 * rule and its place) and what the flow file expects.
 */
@Command(
    name = "query",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description = {
      "Judges flows on a cluster: allowed or denied, and by which rule.",
      "The flows come from a flow file (--flows) or from one FLOW written on the command line, e.g.",
      "  netlingua query --cluster cluster.yaml \"shop/web -> shop/api tcp/8080 GET /v1/orders\" policies/",
      "They are judged on the program's meaning, or with --target on the objects compiled for that target.",
      "Prints a JSON array, one entry per flow: flow, verdict (allow|deny), reason, rule (file:line:col of",
      "the deciding rule, or null), expect (the flow file's expectation, or null). docs/testing.md has the",
      "formats of cluster and flow files."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every flow got the verdict its flow file expects (or expects none)",
      "1:some flow got another verdict than the one expected",
      "2:usage error, or input that cannot be judged: a cluster, flow or program with errors, a PATH that",
      " :cannot be read, or a compilation for --target refused in the mode (its report on standard error)"
    })
public final class QueryCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;

  @Option(names = "--cluster", required = true, paramLabel = "CLUSTER.yaml", description = "the cluster file")
  private Path cluster;

  @Option(
      names = "--flows",
      paramLabel = "FLOWS.yaml",
      description = "the flow file; without it, the first positional argument is one FLOW")
  private Path flows;

  @Option(
      names = "--target",
      paramLabel = "TARGET",
      converter = Choices.TargetConverter.class,
      completionCandidates = Choices.TargetIds.class,
      description = {
        "judge the objects compiled for this target (${COMPLETION-CANDIDATES})",
        "instead of the program; cluster policies expand into the cluster",
        "file's namespaces. The options below apply to that compilation,",
        "as for compile, and need --target."
      })
  private Target target;

  @Option(
      names = "--mode",
      paramLabel = "MODE",
      defaultValue = "strict",
      converter = Choices.ModeConverter.class,
      completionCandidates = Choices.ModeIds.class,
      description = "the mode of the compilation (default: ${DEFAULT-VALUE})")
  private Mode mode;

  @Option(
      names = "--reading",
      paramLabel = "TARGET[:VERSION]",
      converter = Choices.ReadingConverter.class,
      completionCandidates = Choices.ReadingIds.class,
      description = {
        "read the objects of --target as this target's platform enforces",
        "them (${COMPLETION-CANDIDATES}; default: --target itself): with",
        "--target kubernetes, cilium or calico judges the NetworkPolicies as",
        "that CNI does. VERSION defaults to the target's default version."
      })
  private Choices.Reading reading;

  @Mixin private CompilationOptions compilation;

  @Parameters(
      arity = "1..*",
      paramLabel = "[FLOW] PATH",
      description = "the FLOW (when there is no --flows), then the program's .npl files or directories")
  private List<String> arguments;

  /** Judges the flows and returns the exit code. */
  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    List<String> paths = flows == null ? arguments.subList(1, arguments.size()) : arguments;
    if (paths.isEmpty()) {
      throw new ParameterException(spec.commandLine(), flows == null
          ? "Missing PATH: write the FLOW, then the program's files or directories"
          : "Missing PATH: name the program's files or directories");
    }
    Optional<Options> options = options();
    FileResult<Cluster> world = Netlingua.readCluster(cluster);
    if (world.hasErrors()) {
      err.print(world.render());
      return ExitCodes.RUN_FAILED;
    }
    // The first pass over a flow file only checks it: every mistake is reported, and nothing reaches standard
    // output for a file that has one. The second pass judges each flow as it is read and prints its verdict.
    Optional<ExpectedFlow> oneFlow = Optional.empty();
    boolean flowsRead;
    if (flows != null) {
      FileResult<Long> checked = Netlingua.readFlows(flows, world.orElseThrow(), f -> { });
      err.print(checked.render());
      flowsRead = !checked.hasErrors();
    } else {
      oneFlow = flow(world.orElseThrow(), err);
      flowsRead = oneFlow.isPresent();
    }
    // The program is read and reported even when the flows have mistakes: the user sees every mistake at once.
    ParseResult program = Netlingua.parse(paths.stream().map(Path::of).toList());
    if (program.hasErrors()) {
      Programs.report(program, err);
    }
    if (!flowsRead || program.hasErrors()) {
      return ExitCodes.RUN_FAILED;
    }
    Optional<Evaluator> evaluator = evaluator(program, world.orElseThrow(), options, err);
    if (evaluator.isEmpty()) {
      return ExitCodes.RUN_FAILED;
    }
    boolean[] contradicted = {false};
    try (JsonGenerator out = Json.generator(spec.commandLine().getOut())) {
      out.writeStartArray();
      Consumer<ExpectedFlow> judge = f -> contradicted[0] |= judge(evaluator.get(), f, out, err);
      if (flows != null) {
        FileResult<Long> judged = Netlingua.readFlows(flows, world.orElseThrow(), judge);
        if (judged.hasErrors()) {
          err.print(judged.render());
          err.println(flows + ": the file changed while it was read; the verdicts printed are incomplete");
          return ExitCodes.RUN_FAILED;
        }
      } else {
        judge.accept(oneFlow.get());
      }
      out.writeEndArray();
      out.writeRaw('\n');
    } catch (IOException e) {
      // Standard output is a PrintWriter, which does not throw; this would be a bug.
      throw new UncheckedIOException(e);
    }
    return contradicted[0] ? ExitCodes.INPUT_ERRORS : ExitCodes.OK;
  }

  /** Judges one flow, writes its entry and says on standard error when it contradicts its expectation. */
  private static boolean judge(Evaluator evaluator, ExpectedFlow f, JsonGenerator out, PrintWriter err) {
    Verdict v = evaluator.evaluate(f.flow());
    try {
      out.writeStartObject();
      out.writeStringField("flow", f.flow().toString());
      out.writeStringField("verdict", v.keyword());
      out.writeStringField("reason", v.reason());
      out.writeStringField("rule", rule(v).orElse(null));
      out.writeStringField("expect", f.expect().map(e -> e ? "allow" : "deny").orElse(null));
      out.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    boolean contradicts = f.contradicts(v.allowed());
    if (contradicts) {
      err.println(f.span().location() + ": expected " + (v.allowed() ? "deny" : "allow") + ", got " + v + ": "
          + f.flow());
    }
    return contradicts;
  }

  /** The one flow of the command line; empty (reported) when it has a mistake. */
  private Optional<ExpectedFlow> flow(Cluster world, PrintWriter err) {
    String text = arguments.get(0);
    FlowSyntax.Result parsed = FlowSyntax.parse(text, world);
    if (parsed.error().isPresent()) {
      FlowSyntax.Error e = parsed.error().get();
      err.println("<flow>:1:" + e.column() + ": error: " + e.message());
      err.println("  " + text);
      err.println("  " + " ".repeat(Math.max(0, e.column() - 1)) + "^");
      return Optional.empty();
    }
    SourceSpan span = new SourceSpan("<flow>", 1, 1, 1, 1, 0, 0);
    return Optional.of(new ExpectedFlow(parsed.flow().orElseThrow(), Optional.empty(), span));
  }

  /**
   * With {@code --target}, the options of its compilation, checked against the target before anything is read;
   * without it, none. The options of the compilation given without {@code --target}, or a target whose objects
   * cannot be judged, are usage errors.
   */
  private Optional<Options> options() {
    if (target == null) {
      List<String> given = new ArrayList<>();
      if (spec.commandLine().getParseResult().hasMatchedOption("--mode")) {
        given.add("--mode");
      }
      if (reading != null) {
        given.add("--reading");
      }
      given.addAll(compilation.given());
      if (!given.isEmpty()) {
        // Without a target the flows are judged on the program's meaning: no compilation for them to change.
        throw new ParameterException(spec.commandLine(), "Error: " + String.join(", ", given)
            + (given.size() == 1 ? " applies" : " apply") + " to the compilation for --target: name a --target");
      }
      return Optional.empty();
    }
    if (reading != null && !Netlingua.readings(target).contains(reading.target())) {
      throw new ParameterException(spec.commandLine(), "Invalid value for option '--reading': " + reading.target().id()
          + " does not enforce " + target.id() + " objects (readings of " + target.id() + ": "
          + String.join(", ", Netlingua.readings(target).stream().map(Target::id).toList()) + ")");
    }
    if (reading == null && !Netlingua.evaluableTargets().contains(target)) {
      throw new ParameterException(spec.commandLine(), "Invalid value for option '--target': " + target.id()
          + " objects cannot be judged (targets with an evaluator: "
          + String.join(", ", Netlingua.evaluableTargets().stream().map(Target::id).toList()) + ")");
    }
    return Optional.of(compilation.applyTo(Options.defaults().mode(mode), target));
  }

  /**
   * The program's evaluator without options, or the evaluator of the objects compiled with them for the target;
   * empty (reported) when the compilation is refused.
   */
  private Optional<Evaluator> evaluator(
      ParseResult program, Cluster world, Optional<Options> options, PrintWriter err) {
    if (options.isEmpty()) {
      return Optional.of(Netlingua.evaluator(program.program(), world));
    }
    Options withNamespaces =
        options.get().namespaces(world.namespaces().stream().map(Namespace::name).toArray(String[]::new));
    Compilation compiled = Netlingua.compile(program, target, withNamespaces);
    if (compiled.hasErrors()) {
      err.print(compiled.textReport(program.sources()));
      return Optional.empty();
    }
    return Optional.of(reading == null ? Netlingua.evaluator(compiled, world)
        : Netlingua.evaluator(compiled, world, reading.target(), reading.version()));
  }

  /** Where the deciding rule is written: the refusing side's, or when allowed the ingress side's, else egress'. */
  private static Optional<String> rule(Verdict v) {
    Optional<Verdict.RuleRef> rule = v.allowed()
        ? v.ingress().rule().or(() -> v.egress().rule())
        : v.deciding().rule();
    return rule.map(r -> r.span().location());
  }
}

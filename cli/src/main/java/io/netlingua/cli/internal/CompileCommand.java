package io.netlingua.cli.internal;

import io.netlingua.Netlingua;
import io.netlingua.diagnostics.Code;
import io.netlingua.diagnostics.Diagnostic;
import io.netlingua.dsl.ParseResult;
import io.netlingua.emit.Compilation;
import io.netlingua.emit.EmittedDocument;
import io.netlingua.emit.validate.OutputFormat;
import io.netlingua.emit.yaml.YamlWriter;
import io.netlingua.model.Cidr;
import io.netlingua.model.SourceSpan;
import io.netlingua.targets.Mode;
import io.netlingua.targets.Options;
import io.netlingua.targets.Target;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code netlingua compile PATH... --target T}: the program's objects for one target as YAML on standard output
 * (or files under {@code --out DIR/<target>/}), the report on standard error. A degradation is an error, a warning
 * or an info as the mode decides (SEMANTICS.md section 2); with an error nothing is written and any previous
 * output is left as it was.
 */
@Command(
    name = "compile",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description = {
      "Compiles a program for a target: YAML on standard output, the report on standard error.",
      "The report says what the target cannot express exactly (narrower, wider or impossible), with the",
      "source line and a caret, and the facts about the cluster the output relies on. The mode decides",
      "what a degradation becomes; with an error nothing is written."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:done (warnings allowed)",
      "1:errors in the program or degradations the mode refuses: nothing written",
      "2:usage error (a bad option value included), a PATH that cannot be read, or an output folder that",
      " :cannot be written (NL5004): nothing written"
    })
public final class CompileCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "PATH", description = "a .npl file or a directory of them")
  private List<Path> paths;

  @Option(
      names = "--target",
      required = true,
      paramLabel = "TARGET",
      converter = Choices.TargetConverter.class,
      completionCandidates = Choices.TargetIds.class,
      description = "the target: ${COMPLETION-CANDIDATES}")
  private Target target;

  @Option(
      names = "--mode",
      paramLabel = "MODE",
      defaultValue = "strict",
      converter = Choices.ModeConverter.class,
      completionCandidates = Choices.ModeIds.class,
      description = {
        "what a degradation becomes: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).",
        "strict: every degradation is an error; fail-closed: narrower is a warning and emitted;",
        "best-effort: narrower and wider are warnings and emitted. Impossible is always an error."
      })
  private Mode mode;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "write one file per object under DIR/TARGET/ (NAMESPACE/NAME.yaml), replacing that folder")
  private Path out;

  @Option(
      names = "--report",
      paramLabel = "FORMAT",
      defaultValue = "text",
      converter = Choices.ReportFormatConverter.class,
      description = "the report on standard error: text (default) or json")
  private Choices.ReportFormat report;

  @Option(
      names = "--target-version",
      paramLabel = "VERSION",
      converter = Choices.VersionConverter.class,
      description = "the target's version (default: the latest the project knows, e.g. Kubernetes 1.35)")
  private String targetVersion;

  @Option(
      names = "--pod-cidr",
      paramLabel = "CIDR",
      converter = Choices.CidrConverter.class,
      description = "a pod CIDR of the cluster (repeatable)")
  private List<Cidr> podCidrs = new ArrayList<>();

  @Option(
      names = "--service-cidr",
      paramLabel = "CIDR",
      converter = Choices.CidrConverter.class,
      description = "a service CIDR of the cluster (repeatable)")
  private List<Cidr> serviceCidrs = new ArrayList<>();

  @Option(
      names = "--node-cidr",
      paramLabel = "CIDR",
      converter = Choices.CidrConverter.class,
      description = {
        "a CIDR of the cluster's node addresses (repeatable). With pod, service and node CIDRs",
        "stated, world is exact on Kubernetes."
      })
  private List<Cidr> nodeCidrs = new ArrayList<>();

  @Option(
      names = "--namespaces",
      paramLabel = "NS",
      split = ",",
      description = "the namespaces a cluster policy is expanded into on targets without cluster-wide policy")
  private List<String> namespaces = new ArrayList<>();

  /** Compiles, writes when there is no error, reports, and returns the exit code. */
  @Override
  public Integer call() {
    Options options = options();
    ParseResult parsed = Netlingua.parse(paths);
    Compilation compiled = Netlingua.compile(parsed, target, options);
    if (!compiled.hasErrors()) {
      compiled = write(compiled);
    }
    PrintWriter err = spec.commandLine().getErr();
    err.print(
        report == Choices.ReportFormat.JSON ? compiled.jsonReport() : compiled.textReport(parsed.sources()));
    return Programs.exitCode(compiled.diagnostics());
  }

  /** The run's options; a namespace that is not a DNS-1123 label is a usage error. */
  private Options options() {
    Options o;
    try {
      o = Options.defaults().mode(mode)
          .podCidrs(text(podCidrs)).serviceCidrs(text(serviceCidrs)).nodeCidrs(text(nodeCidrs))
          .namespaces(namespaces.toArray(String[]::new));
    } catch (IllegalArgumentException e) {
      // The CIDRs were read by their converter already: only a namespace can be refused here.
      throw new ParameterException(spec.commandLine(), "Invalid value for option '--namespaces': " + e.getMessage());
    }
    return targetVersion == null ? o : o.targetVersion(targetVersion);
  }

  private static String[] text(List<Cidr> cidrs) {
    return cidrs.stream().map(Cidr::toString).toArray(String[]::new);
  }

  /**
   * Writes the documents: to standard output, or into {@code --out DIR/<target>/}. A folder that cannot be
   * written is reported as NL5004 in the compilation it returns (and nothing was changed there).
   */
  private Compilation write(Compilation compiled) {
    if (out == null) {
      spec.commandLine().getOut().print(compiled.yaml());
      return compiled;
    }
    Map<String, byte[]> files = files(compiled);
    Path folder = out.resolve(target.id());
    try {
      OutputFolder.replace(out, target.id(), files);
      return compiled;
    } catch (IOException e) {
      List<Diagnostic> diagnostics = new ArrayList<>(compiled.diagnostics());
      diagnostics.add(Diagnostic.of(Code.UNWRITABLE_OUTPUT, SourceSpan.point(folder.toString(), 1, 1, 0),
          "cannot write the output folder '" + folder + "': " + Failures.describeIo(e),
          "choose another --out folder, or fix its permissions; the previous output is untouched"));
      return new Compilation(compiled.target(), compiled.options(), List.of(), diagnostics, "");
    }
  }

  /**
   * One file per document, {@code NAMESPACE/NAME.yaml} (a cluster-scoped object: {@code NAME.yaml}), each holding
   * that document's YAML. Together, in order, they are exactly {@link Compilation#yaml()}, the text of the trees
   * that were validated; anything else would be a bug in the writer, and nothing is written then.
   */
  private static Map<String, byte[]> files(Compilation compiled) {
    Map<String, byte[]> files = new LinkedHashMap<>();
    List<String> texts = new ArrayList<>();
    for (EmittedDocument d : compiled.documents()) {
      String text =
          YamlWriter.write(List.of(YamlWriter.tree(d.object(), OutputFormat.of(compiled.target(), d).layout())));
      texts.add(text);
      String file = d.namespace().map(ns -> ns + "/").orElse("") + d.name() + ".yaml";
      if (files.put(file, text.getBytes(StandardCharsets.UTF_8)) != null) {
        throw new IllegalStateException("two documents written to " + file);
      }
    }
    if (!String.join("---\n", texts).equals(compiled.yaml())) {
      throw new IllegalStateException("the files of --out differ from the validated YAML");
    }
    return files;
  }
}

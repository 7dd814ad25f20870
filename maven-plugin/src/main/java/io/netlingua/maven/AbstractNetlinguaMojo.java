package io.netlingua.maven;

import io.netlingua.Netlingua;
import io.netlingua.SarifOptions;
import io.netlingua.diagnostics.Diagnostic;
import io.netlingua.diagnostics.DiagnosticRenderer;
import io.netlingua.diagnostics.Severity;
import io.netlingua.dsl.ParseResult;
import io.netlingua.emit.CompileReport;
import io.netlingua.files.AtomicFiles;
import io.netlingua.targets.Mode;
import io.netlingua.targets.Options;
import io.netlingua.targets.Target;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * What {@code generate} and {@code check} share: the files selected under {@code sourceDirectory}, the targets with
 * their versions and options, the run's options, the diagnostics in Maven's log and the SARIF file.
 *
 * <p>A configuration the plugin cannot run with (an unknown target, mode or target option, a version outside a
 * target's range, a bad CIDR or namespace) is a {@link MojoExecutionException}: Maven's "an unexpected problem",
 * a mistake in the pom rather than in the sources. Errors in the {@code .npl} files (or, with {@code failOnWarning},
 * warnings) are a {@link MojoFailureException}: the build's input failed its check, as a failing test does.
 */
abstract class AbstractNetlinguaMojo extends AbstractMojo {

  /** The folder of the program: its root, whatever {@code includes} and {@code excludes} select below it. */
  @Parameter(property = "netlingua.sourceDirectory", defaultValue = "${project.basedir}/src/main/netlingua")
  protected File sourceDirectory;

  /** Glob patterns relative to {@code sourceDirectory} of the files of the program; default {@code **}{@code /*.npl}. */
  @Parameter
  protected List<String> includes = new ArrayList<>();

  /** Glob patterns relative to {@code sourceDirectory} of files left out. */
  @Parameter
  protected List<String> excludes = new ArrayList<>();

  /** The targets, each {@code <target>ID</target>} or with {@code <id>}, {@code <version>}, {@code <options>}. */
  @Parameter
  protected List<TargetConfig> targets = new ArrayList<>();

  /** What a degradation becomes: {@code strict}, {@code fail-closed} or {@code best-effort}. */
  @Parameter(property = "netlingua.mode", defaultValue = "strict")
  protected String mode;

  /** The cluster's pod CIDRs. */
  @Parameter
  protected List<String> podCidrs = new ArrayList<>();

  /** The cluster's service CIDRs. */
  @Parameter
  protected List<String> serviceCidrs = new ArrayList<>();

  /** The cluster's node CIDRs. */
  @Parameter
  protected List<String> nodeCidrs = new ArrayList<>();

  /** The namespaces a cluster policy is expanded into on targets without cluster-wide policy. */
  @Parameter
  protected List<String> namespaces = new ArrayList<>();

  /** Whether a warning fails the build as an error does. */
  @Parameter(property = "netlingua.failOnWarning", defaultValue = "false")
  protected boolean failOnWarning;

  /** Skips the goal. */
  @Parameter(property = "netlingua.skip", defaultValue = "false")
  protected boolean skip;

  /** When set, the diagnostics are also written there as a SARIF 2.1.0 log, before the build fails. */
  @Parameter(property = "netlingua.sarifFile")
  protected File sarifFile;

  /** The folder the SARIF locations are relative to ({@code %SRCROOT%}). */
  @Parameter(defaultValue = "${maven.multiModuleProjectDirectory}")
  protected File sarifBaseDirectory;

  /**
   * The project's folder: the objects' {@code netlingua.io/source} annotations name their files relative to it
   * ({@code src/main/netlingua/shop/web.npl:6}), so that the manifests are the same bytes on every machine.
   */
  @Parameter(defaultValue = "${project.basedir}", readonly = true, required = true)
  protected File basedir;

  /** The plugin's version, for the SARIF log. */
  @Parameter(defaultValue = "${plugin.version}", readonly = true, required = true)
  protected String pluginVersion;

  /** A target to compile: the target and the run's options with its own version and options, checked. */
  record Run(Target target, Options options) {}

  @Override
  public final void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("netlingua: skipped");
      return;
    }
    List<Run> runs = runs();
    if (upToDate()) {
      afterRuns();
      return;
    }
    Path root = sourceDirectory.toPath().toAbsolutePath().normalize();
    if (!Files.isDirectory(root)) {
      getLog().info("netlingua: no source directory " + root + ", nothing to do");
      return;
    }
    List<Path> files = select(root);
    if (files.isEmpty()) {
      getLog().info("netlingua: no .npl file selected under " + root + ", nothing to do");
      return;
    }
    ParseResult parsed = Netlingua.parse(root, files);
    DiagnosticRenderer renderer = new DiagnosticRenderer(parsed.sources());
    log(renderer, parsed.diagnostics());
    List<CompileReport> reports = new ArrayList<>();
    int errors = count(parsed.diagnostics(), Severity.ERROR);
    int warnings = count(parsed.diagnostics(), Severity.WARNING);
    if (!parsed.hasErrors()) {
      for (Run run : runs) {
        CompileReport report = compile(parsed, run);
        List<Diagnostic> own = new ArrayList<>(report.diagnostics());
        own.removeAll(parsed.diagnostics());
        log(renderer, own);
        errors += count(own, Severity.ERROR);
        warnings += count(own, Severity.WARNING);
        String summary = DiagnosticRenderer.summary(own);
        getLog().info("netlingua " + run.target().id() + " " + report.targetVersion() + ": "
            + report.documents().size() + " object(s)" + (summary.isEmpty() ? "" : ", " + summary)
            + done(report));
        reports.add(report);
      }
    }
    writeSarif(parsed, reports);
    boolean failed = errors > 0 || (failOnWarning && warnings > 0);
    if (!failed) {
      afterRuns();
    }
    if (failed) {
      throw new MojoFailureException("netlingua: " + errors + " error(s), " + warnings + " warning(s)"
          + (errors == 0 ? " (failOnWarning)" : "") + " in " + root);
    }
  }

  /** Compiles (or checks) the program for one target. */
  abstract CompileReport compile(ParseResult parsed, Run run) throws MojoExecutionException;

  /**
   * Whether a target's report fails the build: an error, or with {@code failOnWarning} a warning. Such a target's
   * output is not written, as a target with an error writes nothing: a build that fails leaves no manifest it judged
   * unfit behind.
   */
  final boolean fails(CompileReport report) {
    return report.hasErrors()
        || (failOnWarning && report.diagnostics().stream().anyMatch(d -> d.severity() == Severity.WARNING));
  }

  /** What the summary line adds after the counts, such as where the files went. */
  abstract String done(CompileReport report);

  /** What a goal does once the run succeeded (or was up to date); nothing by default. */
  void afterRuns() throws MojoExecutionException {}

  /** Whether nothing changed since the last successful run, so that there is nothing to do; false by default. */
  boolean upToDate() throws MojoExecutionException {
    return false;
  }

  /**
   * Every parameter that decides what a run reads, reports or writes, as one line per parameter: a change of any of
   * them makes the next run compile again.
   */
  List<String> parameters() {
    List<String> p = new ArrayList<>();
    p.add("sourceDirectory=" + sourceDirectory.getAbsolutePath());
    p.add("includes=" + includes);
    p.add("excludes=" + excludes);
    for (TargetConfig t : targets) {
      p.add("target=" + t.getId() + " version=" + t.getVersion() + " options=" + new TreeMap<>(t.getOptions()));
    }
    p.add("mode=" + mode);
    p.add("podCidrs=" + podCidrs);
    p.add("serviceCidrs=" + serviceCidrs);
    p.add("nodeCidrs=" + nodeCidrs);
    p.add("namespaces=" + namespaces);
    p.add("failOnWarning=" + failOnWarning);
    p.add("sarifFile=" + (sarifFile == null ? "" : sarifFile.getAbsolutePath()));
    p.add("sarifBaseDirectory=" + (sarifBaseDirectory == null ? "" : sarifBaseDirectory.getAbsolutePath()));
    p.add("pluginVersion=" + pluginVersion);
    return p;
  }

  /** The targets configured, each with its options checked: a mistake here fails before anything is read. */
  private List<Run> runs() throws MojoExecutionException {
    if (targets == null || targets.isEmpty()) {
      throw new MojoExecutionException(
          "netlingua: <targets>: none configured; the valid targets are " + validTargets());
    }
    Mode m = Mode.byId(mode).orElseThrow(() -> new MojoExecutionException("netlingua: <mode>: unknown mode '" + mode
        + "'; the valid modes are " + Stream.of(Mode.values()).map(Mode::id).collect(Collectors.joining(", "))));
    Options base;
    try {
      base = Options.defaults()
          .mode(m)
          .sourceBase(basedir.toPath())
          .podCidrs(podCidrs.toArray(String[]::new))
          .serviceCidrs(serviceCidrs.toArray(String[]::new))
          .nodeCidrs(nodeCidrs.toArray(String[]::new))
          .namespaces(namespaces.toArray(String[]::new));
    } catch (IllegalArgumentException e) {
      // A CIDR or a namespace that is not valid: the message names the value.
      throw new MojoExecutionException(
          "netlingua: <podCidrs>, <serviceCidrs>, <nodeCidrs> or <namespaces>: " + e.getMessage(), e);
    }
    Map<Target, TargetConfig> seen = new EnumMap<>(Target.class);
    Map<Target, TargetConfig> ordered = new LinkedHashMap<>();
    for (TargetConfig t : targets) {
      Target target = Netlingua.targets().stream()
          .filter(x -> x.id().equals(t.getId()))
          .findFirst()
          .orElseThrow(() -> new MojoExecutionException(
              "netlingua: <targets>: unknown target '" + t.getId() + "'; the valid targets are " + validTargets()));
      if (seen.put(target, t) != null) {
        throw new MojoExecutionException("netlingua: <targets>: target '" + target.id() + "' is configured twice");
      }
      ordered.put(target, t);
    }
    List<Run> runs = new ArrayList<>();
    for (Map.Entry<Target, TargetConfig> e : ordered.entrySet()) {
      Target target = e.getKey();
      TargetConfig t = e.getValue();
      Options o = base;
      String where = "netlingua: <target> " + target.id() + ": ";
      try {
        if (t.getVersion() != null) {
          target.checkVersion(t.getVersion());
          o = o.targetVersion(target, t.getVersion());
        }
      } catch (IllegalArgumentException x) {
        throw new MojoExecutionException(where + "<version>: " + x.getMessage(), x);
      }
      try {
        Map<String, String> given = new LinkedHashMap<>(t.getOptions());
        target.checkOptions(given, o.versionFor(target));
        o = o.targetOptions(target, given);
        o.checkFor(target);
      } catch (IllegalArgumentException x) {
        throw new MojoExecutionException(where + "<options>: " + x.getMessage(), x);
      }
      runs.add(new Run(target, o));
    }
    return runs;
  }

  private static String validTargets() {
    return Netlingua.targets().stream().map(Target::id).collect(Collectors.joining(", "));
  }

  /** The files under the root that the includes select and the excludes do not, in sorted order. */
  private List<Path> select(Path root) throws MojoExecutionException {
    List<PathMatcher> in = matchers(includes == null || includes.isEmpty() ? List.of("**/*.npl") : includes);
    List<PathMatcher> out = matchers(excludes == null ? List.of() : excludes);
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile)
          .filter(p -> {
            Path rel = root.relativize(p);
            return in.stream().anyMatch(m -> m.matches(rel)) && out.stream().noneMatch(m -> m.matches(rel));
          })
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new MojoExecutionException("netlingua: cannot list " + root + ": " + e.getMessage(), e);
    }
  }

  /** Ant-like globs: {@code **}{@code /} also matches no folder, and {@code dir/**} what is directly in dir. */
  private static List<PathMatcher> matchers(List<String> globs) {
    List<PathMatcher> ms = new ArrayList<>();
    for (String g : globs) {
      String glob = g.replace('\\', '/');
      ms.add(FileSystems.getDefault().getPathMatcher("glob:" + glob));
      // "**/x" also selects "x" at the top, as in Ant and Maven's own includes.
      while (glob.startsWith("**/")) {
        glob = glob.substring(3);
        ms.add(FileSystems.getDefault().getPathMatcher("glob:" + glob));
      }
      // "dir/**" also selects what is directly in dir.
      if (glob.endsWith("/**")) {
        ms.add(FileSystems.getDefault().getPathMatcher("glob:" + glob + "/*"));
      }
    }
    return ms;
  }

  private void log(DiagnosticRenderer renderer, Collection<Diagnostic> diagnostics) {
    diagnostics.stream().sorted().forEach(d -> {
      String text = renderer.render(d).stripTrailing();
      switch (d.severity()) {
        case ERROR -> getLog().error(text);
        case WARNING -> getLog().warn(text);
        default -> getLog().info(text);
      }
    });
  }

  private static int count(Collection<Diagnostic> diagnostics, Severity severity) {
    return (int) diagnostics.stream().filter(d -> d.severity() == severity).count();
  }

  private void writeSarif(ParseResult parsed, List<CompileReport> reports) throws MojoExecutionException {
    if (sarifFile == null) {
      return;
    }
    Path base = sarifBaseDirectory == null ? Path.of("").toAbsolutePath() : sarifBaseDirectory.toPath();
    String log = Netlingua.sarif(parsed, reports, SarifOptions.of(base, pluginVersion));
    try {
      Path file = sarifFile.toPath().toAbsolutePath();
      Files.createDirectories(file.getParent());
      AtomicFiles.replace(file, log.getBytes(StandardCharsets.UTF_8));
      getLog().info("netlingua: SARIF log written to " + file);
    } catch (IOException e) {
      throw new MojoExecutionException("netlingua: cannot write the SARIF file " + sarifFile + ": " + e.getMessage(), e);
    }
  }
}

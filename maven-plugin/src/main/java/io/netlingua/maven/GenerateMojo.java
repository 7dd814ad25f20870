package io.netlingua.maven;

import io.netlingua.Netlingua;
import io.netlingua.dsl.ParseResult;
import io.netlingua.emit.CompileReport;
import io.netlingua.files.OutputFolder;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.model.Resource;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * Compiles the program for every configured target into {@code outputDirectory/<target>/}, one file per object
 * ({@code NAMESPACE/NAME.yaml}), each target's folder replaced atomically and only when that target has no error.
 */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_RESOURCES, threadSafe = true)
public final class GenerateMojo extends AbstractNetlinguaMojo {

  /** The folder holding one folder per target. */
  @Parameter(
      property = "netlingua.outputDirectory",
      defaultValue = "${project.build.directory}/generated-resources/netlingua")
  private File outputDirectory;

  /** Adds {@code outputDirectory} to the project's resource directories, so that the objects are packaged. */
  @Parameter(property = "netlingua.attach", defaultValue = "false")
  private boolean attach;

  /** Writes {@code kustomization.yaml} into each target's folder, listing its files in output order. */
  @Parameter(property = "netlingua.kustomize", defaultValue = "false")
  private boolean kustomize;

  /**
   * The state file of the last successful run: the hashes of the sources, the parameters, the plugin version and
   * what was written. When none changed and the outputs are as written, the goal does nothing.
   */
  @Parameter(defaultValue = "${project.build.directory}/netlingua/${mojoExecution.executionId}.state", readonly = true)
  private File stateFile;

  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  private MavenProject project;

  @Override
  boolean upToDate() throws MojoExecutionException {
    Path state = stateFile.toPath();
    try {
      List<String> stored = BuildState.read(state).orElse(null);
      if (stored != null && stored.equals(describe())) {
        getLog().info("netlingua: nothing changed since the last build, the outputs in " + out() + " are up to date");
        return true;
      }
      // A run that fails must not leave the state of an older success behind.
      Files.deleteIfExists(state);
      return false;
    } catch (IOException e) {
      throw new MojoExecutionException("netlingua: cannot read the state file " + state + ": " + e.getMessage(), e);
    }
  }

  private List<String> describe() throws IOException {
    List<String> ids = targets.stream().map(TargetConfig::getId).toList();
    List<String> parameters = new ArrayList<>(parameters());
    parameters.add("outputDirectory=" + out());
    parameters.add("kustomize=" + kustomize);
    return BuildState.describe(parameters, sourceDirectory.toPath().toAbsolutePath().normalize(), out(), ids,
        sarifFile == null ? null : sarifFile.toPath().toAbsolutePath());
  }

  private Path out() {
    return outputDirectory.toPath().toAbsolutePath().normalize();
  }

  @Override
  CompileReport compile(ParseResult parsed, Run run) throws MojoExecutionException {
    Path out = outputDirectory.toPath().toAbsolutePath().normalize();
    String name = run.target().id();
    try (OutputFolder staged = OutputFolder.open(out, name, kustomize)) {
      CompileReport report = Netlingua.compile(parsed, run.target(), run.options(), staged::document);
      if (!fails(report)) {
        staged.commit();
      }
      return report;
    } catch (IOException e) {
      throw new MojoExecutionException(
          "netlingua: cannot write the output folder " + out.resolve(name) + ": " + e.getMessage(), e);
    }
  }

  @Override
  String done(CompileReport report) {
    return fails(report)
        ? ", nothing written"
        : " in " + outputDirectory.toPath().toAbsolutePath().normalize().resolve(report.target().id());
  }

  @Override
  void afterRuns() throws MojoExecutionException {
    Path state = stateFile.toPath();
    try {
      if (!Files.exists(state)) {
        BuildState.write(state, describe());
      }
    } catch (IOException e) {
      throw new MojoExecutionException("netlingua: cannot write the state file " + state + ": " + e.getMessage(), e);
    }
    if (attach) {
      String dir = outputDirectory.getAbsolutePath();
      if (project.getResources().stream().noneMatch(r -> dir.equals(r.getDirectory()))) {
        Resource r = new Resource();
        r.setDirectory(dir);
        project.addResource(r);
      }
    }
  }
}

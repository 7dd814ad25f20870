package io.netlingua.cli.internal;

import io.netlingua.Netlingua;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code netlingua capabilities [--format markdown|json]}: what each target can express, feature by feature, from
 * the same tables the compiler checks its reports against.
 */
@Command(
    name = "capabilities",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Prints what each target can express, feature by feature.",
      "One row per feature (with its diagnostic code), one column per target at its default version; a cell",
      "says whether the translation is exact, narrower, wider or impossible, and when."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:done", "2:usage error"})
public final class CapabilitiesCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "markdown",
      converter = Choices.MatrixFormatConverter.class,
      description = "markdown (a table, the default) or json")
  private Choices.MatrixFormat format;

  /** Prints the matrix and returns 0. */
  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    CapabilityMatrix matrix = new CapabilityMatrix(Netlingua.targets());
    out.print(format == Choices.MatrixFormat.JSON ? matrix.json() : matrix.markdown());
    return ExitCodes.OK;
  }
}

package io.netlingua.cli.internal;

import io.netlingua.Netlingua;
import io.netlingua.dsl.ParseResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code netlingua check PATH...}: reads a program and reports its diagnostics on standard error, as compilers
 * do, then one summary line; with {@code --sarif FILE}, the SARIF log too.
 */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Reports the diagnostics of a program, as compilers do.",
      "Reads the program made of the PATHs and prints its diagnostics on standard error",
      "(file:line:col: error[NLnnnn]: message, the source line, a caret), then a summary line."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:no error (warnings allowed)",
      "1:the program has errors (a missing import included)",
      "2:usage error, a PATH that cannot be read, a directory without .npl files,",
      " :or a --sarif FILE that cannot be written"
    })
public final class CheckCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "PATH", description = "a .npl file or a directory of them")
  private List<Path> paths;

  @Mixin private SarifOutput sarif;

  /** Checks the program and returns the exit code. */
  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    ParseResult result = Netlingua.parse(paths);
    Programs.report(result, err);
    err.println("netlingua check: " + scope(result) + Programs.problems(result.diagnostics()));
    if (!sarif.write(result, List.of(), err)) {
      return ExitCodes.RUN_FAILED;
    }
    return Programs.exitCode(result);
  }

  /** {@code 3 files, 7 policies: } when the program was read in full; nothing to count when it has errors. */
  private static String scope(ParseResult result) {
    if (result.hasErrors()) {
      return "";
    }
    return Programs.count(result.program().files().size(), "file", "files")
        + ", "
        + Programs.count(result.program().policies().size(), "policy", "policies")
        + ": ";
  }
}

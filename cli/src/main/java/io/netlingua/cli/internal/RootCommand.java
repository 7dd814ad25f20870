package io.netlingua.cli.internal;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code netlingua}: the root command, which only holds the subcommands and the standard options. */
@Command(
    name = "netlingua",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Reads programs in the neutral network-policy language (.npl): checks them, writes them in canonical",
      "form, compiles them for a target, reporting what the target cannot express, and judges flows on a",
      "cluster (query). A PATH is a .npl file or a directory (every .npl file below it, in sorted order)."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:no error (warnings allowed)",
      "1:the input has errors, or degradations the mode refuses (format --check: a file is not in",
      " :canonical form)",
      "2:usage error, or a path, file or output folder of the run that cannot be read or written"
    })
public final class RootCommand implements Callable<Integer> {
  /**
   * The subcommands, in the order of the help. They are not in the annotation: picocli would build each of them (and
   * create its object, running its class's static initialiser) for every run; {@code Main} builds in full only the
   * one a run names, and lists the others by their annotation's name and description.
   */
  public static final List<Class<?>> SUBCOMMANDS = List.of(
      CheckCommand.class, FormatCommand.class, CompileCommand.class, QueryCommand.class, CapabilitiesCommand.class,
      HelpCommand.class);

  @Spec private CommandSpec spec;

  /** A command is required: without one, say so and show the usage (exit 2). */
  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(), "Missing command: check, format, compile, query or capabilities");
  }
}

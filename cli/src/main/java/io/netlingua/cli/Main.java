package io.netlingua.cli;

import io.netlingua.Netlingua;
import io.netlingua.cli.internal.ExitCodes;
import io.netlingua.cli.internal.Failures;
import io.netlingua.cli.internal.RootCommand;
import io.netlingua.cli.internal.VersionProvider;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * The {@code netlingua} command: {@code netlingua check PATH...} reports the diagnostics of a program,
 * {@code netlingua format PATH...} prints or rewrites its files in canonical form, {@code netlingua compile
 * PATH... --target T} writes its objects for a target and reports what the target cannot express, and
 * {@code netlingua capabilities} prints what each target can express.
 *
 * <pre>
 * $ java -jar cli/target/netlingua.jar check examples/shop
 * $ java -jar cli/target/netlingua.jar format --write examples/shop
 * $ java -jar cli/target/netlingua.jar compile examples/shop --target kubernetes --mode fail-closed
 * $ java -jar cli/target/netlingua.jar capabilities
 * </pre>
 *
 * <p>Exit codes: 0 when there is no error, 1 when the input has errors, 2 for usage errors and for files or
 * paths of the run that cannot be read or written. Output is plain UTF-8 text without colour, so that it is the
 * same on every machine.
 */
public final class Main {
  /** The options of {@code netlingua} itself, which take no value. */
  private static final Set<String> ROOT_OPTIONS = Set.of("-h", "--help", "-V", "--version");

  /** The version option, answered without picocli when it is the whole command line. */
  private static final Set<String> VERSION_OPTIONS = Set.of("-V", "--version");

  private Main() {}

  /**
   * Runs the command and exits the JVM with its exit code.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    PrintWriter out = utf8(System.out);
    PrintWriter err = utf8(System.err);
    System.exit(run(out, err, args));
  }

  /**
   * Runs the command in this JVM, writing to the given streams, and returns its exit code. Nothing is thrown and
   * no stack trace is printed: an unexpected failure is a one-line message on {@code err} and exit code 2.
   *
   * @param out where data goes (the canonical text of {@code format})
   * @param err where diagnostics, summaries and messages go
   * @param args the command line
   * @return the exit code: 0, 1 or 2
   */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    try {
      if (args.length == 1 && VERSION_OPTIONS.contains(args[0])) {
        return version(out);
      }
      CommandLine command = commandLine(built(args));
      command.setOut(out);
      command.setErr(err);
      return command.execute(args);
    } catch (Error e) {
      // picocli hands exceptions to our handler but lets errors (a stack overflow in a bug) through; the user
      // still gets one line rather than a stack trace.
      err.println(Failures.describe(e));
      return ExitCodes.RUN_FAILED;
    } finally {
      out.flush();
      err.flush();
    }
  }

  /**
   * The picocli command line of {@code netlingua}, configured for plain deterministic output (no colour, a fixed
   * help width) and for turning unexpected failures into one-line messages. Tests call
   * {@link CommandLine#setOut}, {@link CommandLine#setErr} and {@link CommandLine#execute} on it.
   *
   * @return a new command line, every subcommand built in full
   */
  public static CommandLine commandLine() {
    return commandLine(Set.copyOf(RootCommand.SUBCOMMANDS));
  }

  /**
   * {@code netlingua --version} alone, answered before picocli builds any command: the lines picocli prints for the
   * option (its {@code printVersionHelp}: each line of the version provider, which holds neither a {@code %} nor
   * markup, then a line break); {@code CommandTreeTest} compares the two.
   */
  private static int version(PrintWriter out) {
    for (String line : new VersionProvider().getVersion()) {
      out.println(line);
    }
    return ExitCodes.OK;
  }

  /**
   * The subcommands a run needs built in full: the one named by its first argument that is not an option of
   * {@code netlingua} itself; with {@code help}, the help command and the command whose usage it prints. None when
   * there is no such argument ({@code netlingua --help} lists the commands by name and description); every one when
   * that argument names no command (picocli's answer to an unknown command names the closest ones, and an argument
   * file {@code @FILE} is read by picocli).
   */
  private static Set<Class<?>> built(String... args) {
    for (int i = 0; i < args.length; i++) {
      if (ROOT_OPTIONS.contains(args[i])) {
        continue;
      }
      Optional<Class<?>> named = subcommand(args[i]);
      if (named.isEmpty()) {
        return Set.copyOf(RootCommand.SUBCOMMANDS);
      }
      if (!named.get().getAnnotation(Command.class).helpCommand()) {
        return Set.of(named.get());
      }
      Optional<Class<?>> shown = i + 1 < args.length ? subcommand(args[i + 1]) : Optional.empty();
      return shown.isEmpty() || shown.get() == named.get() ? Set.of(named.get()) : Set.of(named.get(), shown.get());
    }
    return Set.of();
  }

  /** The subcommand named {@code name} (its annotation's name or an alias). */
  private static Optional<Class<?>> subcommand(String name) {
    for (Class<?> type : RootCommand.SUBCOMMANDS) {
      Command c = type.getAnnotation(Command.class);
      if (c.name().equals(name) || List.of(c.aliases()).contains(name)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }

  /**
   * The command line with the subcommands in {@code built} built in full and the others only listed. picocli builds a
   * subcommand by creating its object (it injects the command's {@code @Spec}), which runs its class's static
   * initialiser and reflects over every field: a run of {@code check} needs none of that for {@code query}.
   */
  private static CommandLine commandLine(Set<Class<?>> built) {
    CommandLine command = new CommandLine(new RootCommand());
    // Before the settings below, which picocli hands to the subcommands there are when each is set.
    for (Class<?> type : RootCommand.SUBCOMMANDS) {
      command.addSubcommand(built.contains(type) ? type : listed(type));
    }
    command.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
    command.setUsageHelpAutoWidth(false);
    command.setUsageHelpWidth(100);
    // The targets that exist in this version and the versions each supports (--target-version), from the compiler
    // itself, so that the help never lists one that is not there (the Cilium and Calico targets join with their
    // own releases). Written when the help is: a run that prints no help of netlingua's needs no target.
    command.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_FOOTER, help -> {
      help.commandSpec().usageMessage().footer(targetsFooter());
      return help.footer();
    });
    command.setExecutionExceptionHandler(
        (exception, failed, parsed) -> {
          failed.getErr().println(Failures.describe(exception));
          return ExitCodes.RUN_FAILED;
        });
    return command;
  }

  /**
   * A subcommand as {@code netlingua --help} lists it, by the name, header and description of its annotation,
   * without building it. It is never run: {@link #built} builds the command a run names.
   */
  private static CommandSpec listed(Class<?> type) {
    Command c = type.getAnnotation(Command.class);
    CommandSpec spec = CommandSpec.create().name(c.name()).aliases(c.aliases());
    spec.usageMessage().header(c.header()).description(c.description()).hidden(c.hidden());
    return spec;
  }

  /** The footer of {@code netlingua --help}: each target with its title and its versions. */
  private static String targetsFooter() {
    int width = Netlingua.targets().stream().mapToInt(t -> t.id().length()).max().orElse(0);
    String targets =
        Netlingua.targets().stream()
            .map(t -> "  " + t.id() + " ".repeat(width - t.id().length() + 2) + t.title()
                + (t.versions().isUnbounded() ? ", any version" : ", versions " + t.versions()))
            .collect(Collectors.joining("%n"));
    return "%nTargets (compile --target):%n" + targets;
  }

  /** UTF-8 whatever the platform's default charset: canonical text and quoted source lines are UTF-8. */
  private static PrintWriter utf8(PrintStream stream) {
    return new PrintWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), true);
  }
}

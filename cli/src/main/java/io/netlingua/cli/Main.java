package io.netlingua.cli;

import io.netlingua.Netlingua;
import io.netlingua.cli.internal.ExitCodes;
import io.netlingua.cli.internal.Failures;
import io.netlingua.cli.internal.RootCommand;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import picocli.CommandLine;

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
      CommandLine command = commandLine();
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
   * @return a new command line
   */
  public static CommandLine commandLine() {
    CommandLine command = new CommandLine(new RootCommand());
    command.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
    command.setUsageHelpAutoWidth(false);
    command.setUsageHelpWidth(100);
    // The targets that exist in this version and the versions each supports (--target-version), from the compiler
    // itself, so that the help never lists one that is not there (the Cilium and Calico targets join with their
    // own releases).
    int width = Netlingua.targets().stream().mapToInt(t -> t.id().length()).max().orElse(0);
    String targets =
        Netlingua.targets().stream()
            .map(t -> "  " + t.id() + " ".repeat(width - t.id().length() + 2) + t.title()
                + (t.versions().isUnbounded() ? ", any version" : ", versions " + t.versions()))
            .collect(Collectors.joining("%n"));
    command.getCommandSpec().usageMessage().footer("%nTargets (compile --target):%n" + targets);
    command.setExecutionExceptionHandler(
        (exception, failed, parsed) -> {
          failed.getErr().println(Failures.describe(exception));
          return ExitCodes.RUN_FAILED;
        });
    return command;
  }

  /** UTF-8 whatever the platform's default charset: canonical text and quoted source lines are UTF-8. */
  private static PrintWriter utf8(PrintStream stream) {
    return new PrintWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), true);
  }
}

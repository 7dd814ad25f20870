package io.netlingua.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/**
 * One in-process run of {@code netlingua} through picocli's {@link CommandLine}, with what it printed.
 *
 * @param exitCode the exit code
 * @param out what went to standard output
 * @param err what went to standard error
 */
record CliRun(int exitCode, String out, String err) {

  /** Runs {@code netlingua args...} on the command line {@link Main#commandLine()} builds. */
  static CliRun of(String... args) {
    return on(Main.commandLine(), args);
  }

  /** Runs {@code args} on a given command line, capturing its output. */
  static CliRun on(CommandLine command, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    command.setOut(new PrintWriter(out, true));
    command.setErr(new PrintWriter(err, true));
    int exitCode = command.execute(args);
    return new CliRun(exitCode, out.toString(), err.toString());
  }
}

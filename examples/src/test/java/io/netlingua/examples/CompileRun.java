package io.netlingua.examples;

import io.netlingua.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One run of {@code netlingua compile} on an example, in this JVM, exactly as a user types it at the repository
 * root ({@code netlingua compile examples/shop --target kubernetes}). The JVM's working directory is the module's
 * folder, so the example is named by its absolute path and the root is taken out of what the run printed: file
 * names then read {@code examples/shop/orders.npl}, as in the user's terminal.
 *
 * @param command the command line as the user types it, after {@code netlingua}
 * @param exitCode the exit code
 * @param out standard output (the YAML)
 * @param err standard error (the report)
 */
record CompileRun(String command, int exitCode, String out, String err) {

  /** Runs {@code netlingua compile examples/<example> ARGS...}. */
  static CompileRun of(Path example, String... args) {
    String relative = Examples.ROOT.relativize(example).toString().replace('\\', '/');
    List<String> argv = new ArrayList<>(List.of("compile", example.toString()));
    argv.addAll(List.of(args));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exitCode = Main.run(new PrintWriter(out), new PrintWriter(err), argv.toArray(String[]::new));
    String command = "compile " + relative + (args.length == 0 ? "" : " " + String.join(" ", args));
    return new CompileRun(command, exitCode, relativize(out.toString()), relativize(err.toString()));
  }

  /** The run as its golden report file holds it: the command, the exit code, then standard error. */
  String report() {
    return "$ netlingua " + command + "\n" + "exit code " + exitCode + "\n" + err;
  }

  /** Output with the repository root taken out of paths, and LF line ends whatever the platform. */
  private static String relativize(String text) {
    String root = Examples.ROOT.toString();
    return text.replace("\r\n", "\n").replace(root + "/", "").replace(root.replace('\\', '/') + "/", "");
  }
}

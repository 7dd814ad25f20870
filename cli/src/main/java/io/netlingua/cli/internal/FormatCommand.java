package io.netlingua.cli.internal;

import io.netlingua.Netlingua;
import io.netlingua.dsl.ParseResult;
import io.netlingua.files.AtomicFiles;
import io.netlingua.model.PolicyFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code netlingua format PATH...}: the canonical form of every file of a program, printed, written back
 * ({@code --write}) or compared ({@code --check}). A program with errors is never formatted: its model may lack
 * what could not be read, so printing it would lose text.
 */
@Command(
    name = "format",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Prints or rewrites the files of a program in canonical form.",
      "Prints the canonical form of every file of the program made of the PATHs on standard output",
      "(with a '==> path <==' line before each file when there are several). Comments are kept.",
      "A program with errors is not formatted: its diagnostics go to standard error."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:done (--check: every file is in canonical form)",
      "1:the program has errors, nothing written (--check: a file is not in canonical form)",
      "2:usage error, a PATH that cannot be read, or a file that cannot be written"
    })
public final class FormatCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  private Mode mode = new Mode();

  @Parameters(arity = "1..*", paramLabel = "PATH", description = "a .npl file or a directory of them")
  private List<Path> paths;

  /** What to do with the canonical text instead of printing it; at most one. */
  static final class Mode {
    @Option(
        names = {"-w", "--write"},
        description = "rewrite the files that are not in canonical form, atomically")
    private boolean write;

    @Option(
        names = "--check",
        description = "write nothing; exit 1 when a file is not in canonical form (for CI)")
    private boolean check;
  }

  /** One file of the program: its model, where it is on disk, and its canonical text. */
  private record Formatted(PolicyFile file, Path path, String canonical) {
    /** The canonical text as the bytes of the file: UTF-8, no byte-order mark. */
    byte[] bytes() {
      return canonical.getBytes(StandardCharsets.UTF_8);
    }
  }

  /** Formats the program and returns the exit code. */
  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ParseResult result = Netlingua.parse(paths);
    Programs.report(result, err);
    if (result.hasErrors()) {
      err.println("netlingua format: " + Programs.problems(result.diagnostics()) + "; nothing formatted");
      return Programs.exitCode(result);
    }
    List<Formatted> files = new ArrayList<>();
    for (PolicyFile file : result.program().files()) {
      files.add(new Formatted(file, Path.of(file.path()), Netlingua.format(file, result.comments())));
    }
    if (mode.write) {
      return write(changed(files), files.size(), err);
    }
    if (mode.check) {
      return check(changed(files), files.size(), err);
    }
    print(files, out);
    return ExitCodes.OK;
  }

  private static void print(List<Formatted> files, PrintWriter out) {
    for (Formatted f : files) {
      // LF like the canonical text itself, whatever the platform, so that the output is the same everywhere.
      if (files.size() > 1) {
        out.print("==> " + f.file().path() + " <==\n");
      }
      out.print(f.canonical());
    }
  }

  /** The files whose bytes on disk differ from their canonical form (a byte-order mark or CRLF included). */
  private static List<Formatted> changed(List<Formatted> files) throws IOException {
    List<Formatted> changed = new ArrayList<>();
    for (Formatted f : files) {
      if (!Arrays.equals(Files.readAllBytes(f.path()), f.bytes())) {
        changed.add(f);
      }
    }
    return changed;
  }

  private static int write(List<Formatted> changed, int total, PrintWriter err) throws IOException {
    for (Formatted f : changed) {
      AtomicFiles.replace(f.path(), f.bytes());
      err.println("reformatted " + f.file().path());
    }
    err.println(
        "netlingua format: "
            + Programs.count(changed.size(), "file", "files")
            + " reformatted, "
            + (total - changed.size())
            + " unchanged");
    return ExitCodes.OK;
  }

  private static int check(List<Formatted> changed, int total, PrintWriter err) {
    for (Formatted f : changed) {
      err.println("not in canonical form: " + f.file().path());
    }
    if (changed.isEmpty()) {
      err.println("netlingua format: " + Programs.count(total, "file", "files") + " in canonical form");
      return ExitCodes.OK;
    }
    err.println(
        "netlingua format: " + changed.size() + " of " + Programs.count(total, "file", "files")
            + " not in canonical form");
    return ExitCodes.INPUT_ERRORS;
  }
}

package io.netlingua.cli.internal;

import io.netlingua.Netlingua;
import io.netlingua.SarifOptions;
import io.netlingua.dsl.ParseResult;
import io.netlingua.emit.CompileReport;
import io.netlingua.files.AtomicFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code --sarif FILE}, {@code --sarif-base DIR} and {@code --sarif-docs URL}: the SARIF log of a run
 * (docs/reports.md), which {@code compile} and {@code check} mix in and write before they decide their exit code.
 */
final class SarifOutput {
  @Option(
      names = "--sarif",
      paramLabel = "FILE",
      description = "also write the diagnostics as a SARIF 2.1.0 log to FILE (replaced atomically), on failure too")
  private Path file;

  @Option(
      names = "--sarif-base",
      paramLabel = "DIR",
      defaultValue = ".",
      description = "the folder the SARIF locations are relative to, %%SRCROOT%% (default: the current folder)")
  private Path base;

  @Option(
      names = "--sarif-docs",
      paramLabel = "URL",
      description = "the page of the diagnostic codes (docs/diagnostics.md as published): each rule's helpUri")
  private URI docs;

  /**
   * Writes the log when {@code --sarif} was given.
   *
   * @param parsed the program read
   * @param reports the reports of the targets compiled (none for a check)
   * @param err where a failure to write is said
   * @return whether the run may go on to its exit code: false when the file could not be written (said on
   *     {@code err}, and the run failed)
   */
  boolean write(ParseResult parsed, List<CompileReport> reports, PrintWriter err) {
    if (file == null) {
      return true;
    }
    SarifOptions options = SarifOptions.of(base, VersionProvider.version());
    if (docs != null) {
      options = options.documentationUri(docs);
    }
    try {
      AtomicFiles.replace(file, Netlingua.sarif(parsed, reports, options).getBytes(StandardCharsets.UTF_8));
      return true;
    } catch (IOException e) {
      err.println("netlingua: cannot write the SARIF file '" + file + "': " + Failures.describeIo(e));
      return false;
    }
  }
}

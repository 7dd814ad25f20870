package io.netlingua.dsl;

import io.netlingua.dsl.internal.ProgramReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The parser of the {@code .npl} language: reads a program (directories and files) or one text into the model,
 * with every diagnostic the language itself defines. It never throws for a user's mistake, whatever the input:
 * problems come back as diagnostics in the {@link ParseResult}. Instances are immutable and may be shared.
 *
 * <pre>{@code
 * ParseResult result = NplParser.create().parse(List.of(Path.of("policies")));
 * if (!result.hasErrors()) {
 *   Program program = result.program();
 * }
 * }</pre>
 */
public final class NplParser {
  private final ParseLimits limits;

  private NplParser(ParseLimits limits) {
    this.limits = limits;
  }

  /** A parser with the limits of the language contract ({@link ParseLimits#DEFAULTS}). */
  public static NplParser create() {
    return new NplParser(ParseLimits.DEFAULTS);
  }

  /** A parser with other limits. */
  public static NplParser create(ParseLimits limits) {
    return new NplParser(Objects.requireNonNull(limits, "limits"));
  }

  /**
   * Reads a program: each path is a directory (every {@code .npl} file below it, in sorted path order) or a
   * file. A path that cannot be read, or a directory without a {@code .npl} file, is a run diagnostic (NL5xxx).
   */
  public ParseResult parse(List<Path> paths) {
    return ProgramReader.read(limits, List.copyOf(paths));
  }

  /**
   * Reads the program made of some files of a directory, {@code root} being the program's root: each file is named,
   * and its imports resolved and kept inside the root, exactly as when the whole directory is read
   * ({@link #parse(List)} of {@code root}), so an {@code import "../common.npl"} reads that file whether or not it is
   * among {@code files}; only {@code files} are the program's files. They are read in sorted name order whatever
   * the order of the list, each file once. A file that is not below the root is an error (NL5005), a path that
   * cannot be read or a root that is not a directory NL5001, an empty list NL5002.
   */
  public ParseResult parse(Path root, List<Path> files) {
    return ProgramReader.read(limits, Objects.requireNonNull(root, "root"), List.copyOf(files));
  }

  /** Reads one file given in memory; {@code fileName} names it in diagnostics. It cannot import files. */
  public ParseResult parse(String fileName, String text) {
    return ProgramReader.read(limits, Objects.requireNonNull(fileName, "fileName"), Objects.requireNonNull(text));
  }
}

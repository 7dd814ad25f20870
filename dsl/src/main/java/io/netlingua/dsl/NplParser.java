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

  /** Reads one file given in memory; {@code fileName} names it in diagnostics. It cannot import files. */
  public ParseResult parse(String fileName, String text) {
    return ProgramReader.read(limits, Objects.requireNonNull(fileName, "fileName"), Objects.requireNonNull(text));
  }
}

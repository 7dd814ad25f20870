package io.netlingua.dsl;

/**
 * The input limits of the language; passing one is a language error at the point where it is passed.
 *
 * @param maxFileBytes the largest file, in bytes (default 16 MiB)
 * @param maxTokenChars the longest token, in chars (default 64 KiB)
 * @param maxNesting the deepest nesting of braces and parentheses (default 64)
 * @param maxLetDepth the deepest chain of {@code let}s naming {@code let}s (default 1,000)
 */
public record ParseLimits(long maxFileBytes, int maxTokenChars, int maxNesting, int maxLetDepth) {

  /** The defaults of the language contract. */
  public static final ParseLimits DEFAULTS = new ParseLimits(16L * 1024 * 1024, 64 * 1024, 64, 1000);

  public ParseLimits {
    if (maxFileBytes < 1 || maxTokenChars < 1 || maxNesting < 1 || maxLetDepth < 1) {
      throw new IllegalArgumentException("limits must be positive");
    }
  }
}

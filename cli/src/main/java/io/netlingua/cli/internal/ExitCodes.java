package io.netlingua.cli.internal;

/** The exit codes of {@code netlingua}, the same for every command. */
public final class ExitCodes {
  /** No error (warnings allowed). */
  public static final int OK = 0;
  /** The input has errors, or (for {@code format --check}) a file is not in canonical form. */
  public static final int INPUT_ERRORS = 1;
  /** A usage error, a path of the run that cannot be read, or a file that cannot be written. */
  public static final int RUN_FAILED = 2;

  private ExitCodes() {}
}

package io.netlingua.cli.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/** One-line messages for failures of the run itself, so that no stack trace reaches the user. */
public final class Failures {

  private Failures() {}

  /**
   * A one-line message for a failure: an I/O problem names its file and reason, anything else is reported as
   * an internal error with its type.
   *
   * @param failure what went wrong
   * @return {@code netlingua: ...}, without a line break
   */
  public static String describe(Throwable failure) {
    Throwable cause = failure instanceof UncheckedIOException ? failure.getCause() : failure;
    String text;
    if (cause instanceof IOException) {
      text = "error: " + describeIo((IOException) cause);
    } else {
      text = "internal error: " + cause.getClass().getName() + messageOf(cause);
    }
    return ("netlingua: " + text).replaceAll("[\\r\\n]+", " ");
  }

  /**
   * What went wrong with a file, in a few words naming it: {@code permission denied: out/kubernetes}.
   *
   * @param e the failure
   * @return the reason, without a line break
   */
  public static String describeIo(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file: " + ((NoSuchFileException) e).getFile();
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied: " + ((AccessDeniedException) e).getFile();
    }
    if (e instanceof FileSystemException) {
      FileSystemException f = (FileSystemException) e;
      // A FileAlreadyExistsException usually carries no reason: say what the system would (EEXIST).
      String fallback = e instanceof FileAlreadyExistsException ? "file exists" : "I/O error";
      String reason = f.getReason() == null ? fallback : f.getReason();
      return reason + ": " + f.getFile();
    }
    return "I/O error" + messageOf(e);
  }

  private static String messageOf(Throwable t) {
    return t.getMessage() == null ? "" : ": " + t.getMessage();
  }
}

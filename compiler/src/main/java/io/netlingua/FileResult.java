package io.netlingua;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What reading a cluster or flow file gave: the value, or the mistakes in the file, each with its place. A
 * mistake in the file is never an exception.
 *
 * @param <T> what the file describes
 * @param value the value, present exactly when there is no error
 * @param errors the mistakes, in file order
 */
public record FileResult<T>(Optional<T> value, List<FileResult.Error> errors) {

  /**
   * One mistake in a file.
   *
   * @param file the file, as named when it was read
   * @param line the 1-based line
   * @param column the 1-based column
   * @param message what is wrong
   */
  public record Error(String file, int line, int column, String message) {
    /** Requires every part. */
    public Error {
      Objects.requireNonNull(file, "file");
      Objects.requireNonNull(message, "message");
    }

    /** {@code file:line:col: error: message}, as compilers print it. */
    @Override
    public String toString() {
      return file + ":" + line + ":" + column + ": error: " + message;
    }
  }

  /** Requires a value exactly when there is no error. */
  public FileResult {
    Objects.requireNonNull(value, "value");
    errors = List.copyOf(errors);
    if (value.isPresent() != errors.isEmpty()) {
      throw new IllegalArgumentException("a value exactly when there is no error");
    }
  }

  /** A file read without mistakes. */
  public static <T> FileResult<T> of(T value) {
    return new FileResult<>(Optional.of(value), List.of());
  }

  /** A file with mistakes. */
  public static <T> FileResult<T> failed(List<Error> errors) {
    return new FileResult<>(Optional.empty(), errors);
  }

  /** Whether the file had mistakes. */
  public boolean hasErrors() {
    return !errors.isEmpty();
  }

  /** Every mistake, one per line, each ending with a line break; empty when there is none. */
  public String render() {
    return errors.stream().map(e -> e + "\n").collect(Collectors.joining());
  }

  /**
   * The value.
   *
   * @throws NoSuchElementException with every mistake as its message, when the file had some
   */
  public T orElseThrow() {
    return value.orElseThrow(() -> new NoSuchElementException(render().strip()));
  }
}

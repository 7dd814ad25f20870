package io.netlingua.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.netlingua.cli.internal.Failures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import org.junit.jupiter.api.Test;

class FailuresTest {

  @Test
  void ioFailuresNameTheirFileAndReason() {
    assertThat(Failures.describe(new AccessDeniedException("/etc/x.npl")))
        .isEqualTo("netlingua: error: permission denied: /etc/x.npl");
    assertThat(Failures.describe(new FileSystemException("a.npl", null, "Read-only file system")))
        .isEqualTo("netlingua: error: Read-only file system: a.npl");
    assertThat(Failures.describe(new UncheckedIOException(new IOException("disk full"))))
        .isEqualTo("netlingua: error: I/O error: disk full");
  }

  @Test
  void anythingElseIsAnInternalErrorOnOneLine() {
    assertThat(Failures.describe(new IllegalStateException("two\nlines")))
        .isEqualTo("netlingua: internal error: java.lang.IllegalStateException: two lines");
    assertThat(Failures.describe(new StackOverflowError()))
        .isEqualTo("netlingua: internal error: java.lang.StackOverflowError");
  }
}

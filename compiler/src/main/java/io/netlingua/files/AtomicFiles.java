package io.netlingua.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;

/** Replacing a file's content so that a reader sees either the old bytes or the new ones, never a mix. */
public final class AtomicFiles {

  private AtomicFiles() {}

  /**
   * Writes {@code bytes} to a temporary file in the folder of {@code target}, then moves it over the target in
   * one atomic step. A symbolic link is replaced through: the file it points to gets the new content. The
   * target keeps its POSIX permissions; a target that does not exist yet is created, readable by all
   * ({@code rw-r--r--}). On failure the target is untouched and the temporary file removed.
   */
  public static void replace(Path target, byte[] bytes) throws IOException {
    boolean exists = Files.exists(target);
    Path real = exists ? target.toRealPath() : target.toAbsolutePath().normalize();
    Path temp = Files.createTempFile(real.getParent(), "." + real.getFileName() + ".", ".tmp");
    try {
      PosixFileAttributeView posix = Files.getFileAttributeView(exists ? real : temp, PosixFileAttributeView.class);
      if (posix != null) {
        Files.setPosixFilePermissions(
            temp, exists ? posix.readAttributes().permissions() : PosixFilePermissions.fromString("rw-r--r--"));
      }
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        // On disk before the rename, so that a crash cannot leave the renamed file empty.
        channel.force(true);
      }
      Files.move(temp, real, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}

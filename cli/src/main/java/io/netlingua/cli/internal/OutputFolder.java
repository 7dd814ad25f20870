package io.netlingua.cli.internal;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The folder {@code DIR/<target>/} that {@code compile --out DIR} owns, replaced as a whole so that a failed run
 * leaves the previous output untouched. The new files are written into a fresh temporary folder beside it
 * ({@code DIR/.<target>.new-*}); only when every file is written is the old folder moved aside
 * ({@code DIR/.<target>.old-*}), the new one moved into its place, and the old one deleted. Both moves are renames
 * within {@code DIR}, atomic on one file system; if the second fails, the old folder is moved back.
 */
final class OutputFolder {

  private OutputFolder() {}

  /**
   * Replaces {@code dir/name/} by a folder holding exactly {@code files}.
   *
   * @param dir the output folder named on the command line; created when missing
   * @param name the folder inside it that is replaced (the target's id)
   * @param files relative path (with {@code /}) to content
   * @throws IOException if anything cannot be written; then {@code dir/name/} is as it was
   */
  static void replace(Path dir, String name, Map<String, byte[]> files) throws IOException {
    Files.createDirectories(dir);
    Path target = dir.resolve(name);
    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)
        && !Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
      // A file or a link of the user's: never replaced by a folder of ours.
      throw new FileAlreadyExistsException(target.toString(), null, "exists and is not a folder");
    }
    // Not Files.createTempDirectory, which makes the folder private (0700): the output gets the permissions any
    // new folder gets (the user's umask), as the files inside do.
    Path fresh = Files.createDirectory(beside(dir, name, "new"));
    try {
      for (Map.Entry<String, byte[]> f : files.entrySet()) {
        Path file = fresh.resolve(f.getKey()).normalize();
        if (!file.startsWith(fresh) || file.equals(fresh)) {
          throw new IllegalArgumentException("an output file outside its folder: " + f.getKey());
        }
        Files.createDirectories(file.getParent());
        Files.write(file, f.getValue());
      }
      swap(dir, name, fresh, target);
    } finally {
      deleteTree(fresh);
    }
  }

  private static void swap(Path dir, String name, Path fresh, Path target) throws IOException {
    if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      Files.move(fresh, target, StandardCopyOption.ATOMIC_MOVE);
      return;
    }
    Path old = beside(dir, name, "old");
    Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
    try {
      Files.move(fresh, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      Files.move(old, target, StandardCopyOption.ATOMIC_MOVE);
      throw e;
    }
    deleteTree(old);
  }

  /** A fresh hidden name beside the folder: {@code DIR/.NAME.new-<random>}; a clash is vanishingly unlikely. */
  private static Path beside(Path dir, String name, String role) {
    return dir.resolve("." + name + "." + role + "-" + UUID.randomUUID());
  }

  /** Deletes a folder and everything in it, children first; nothing when it does not exist. */
  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}

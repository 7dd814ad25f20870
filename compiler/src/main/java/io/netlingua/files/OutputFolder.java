package io.netlingua.files;

import io.netlingua.emit.EmittedDocument;
import io.netlingua.emit.Kustomization;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The folder {@code DIR/<target>/} that {@code compile --out DIR} owns, replaced as a whole so that a failed run
 * leaves the previous output untouched. The new files are written, one by one as the compiler validates them,
 * into a fresh temporary folder beside it ({@code DIR/.<target>.new-*}); only when the run ends without an error
 * ({@link #commit}) is the old folder moved aside ({@code DIR/.<target>.old-*}), the new one moved into its place,
 * and the old one deleted. Both moves are renames within {@code DIR}, atomic on one file system; if the second
 * fails, the old folder is moved back. Closing a folder that was not committed deletes what was written.
 */
public final class OutputFolder implements AutoCloseable {
  private final Path dir;
  private final String name;
  private final Path target;
  private final Path fresh;
  private final boolean kustomize;
  /** The folders made so far inside {@link #fresh}: one namespace holds many files. */
  private final Set<Path> folders = new HashSet<>();
  /** The documents' files in the order written: the kustomization's resources. */
  private final List<String> documents = new ArrayList<>();

  private OutputFolder(Path dir, String name, Path target, Path fresh, boolean kustomize) {
    this.dir = dir;
    this.name = name;
    this.target = target;
    this.fresh = fresh;
    this.kustomize = kustomize;
  }

  /**
   * An object whose file is the kustomization's own ({@code cluster policy kustomization} on a target that writes
   * cluster-scoped objects at the top of the folder): a folder with a kustomization cannot hold both.
   */
  public static final class KustomizationClash extends FileAlreadyExistsException {
    private static final long serialVersionUID = 1L;

    KustomizationClash(Path file, String object) {
      super(file.toString(), null, "the file of " + object + " is the one the kustomization is written to");
    }
  }

  /**
   * Starts replacing {@code dir/name/}.
   *
   * @param dir the output folder named on the command line; created when missing
   * @param name the folder inside it that is replaced (the target's id)
   * @throws IOException if the folders cannot be made, or {@code dir/name} is not a folder; nothing changed then
   */
  public static OutputFolder open(Path dir, String name) throws IOException {
    return open(dir, name, false);
  }

  /**
   * Starts replacing {@code dir/name/}, with a {@link Kustomization} written into it on {@link #commit} when
   * {@code kustomize} is true.
   *
   * @param dir the output folder; created when missing
   * @param name the folder inside it that is replaced (the target's id)
   * @param kustomize whether {@link Kustomization#FILE} lists the documents written with {@link #document}
   * @throws IOException if the folders cannot be made, or {@code dir/name} is not a folder; nothing changed then
   */
  public static OutputFolder open(Path dir, String name, boolean kustomize) throws IOException {
    Files.createDirectories(dir);
    Path target = dir.resolve(name);
    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)
        && !Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
      // A file or a link of the user's: never replaced by a folder of ours.
      throw new FileAlreadyExistsException(target.toString(), null, "exists and is not a folder");
    }
    // Not Files.createTempDirectory, which makes the folder private (0700): the output gets the permissions any
    // new folder gets (the user's umask), as the files inside do.
    return new OutputFolder(dir, name, target, Files.createDirectory(beside(dir, name, "new")), kustomize);
  }

  /**
   * Writes one validated document as its file ({@link io.netlingua.emit.DocumentRef#file()}), for the
   * kustomization's list: what {@code compile --out} and the Maven plugin hand the compiler as its sink.
   *
   * @throws KustomizationClash if the document's file is the kustomization's own
   * @throws IOException if it cannot be written
   */
  public void document(EmittedDocument document, String yaml) throws IOException {
    String file = document.ref().file();
    if (kustomize && file.equals(Kustomization.FILE)) {
      throw new KustomizationClash(target.resolve(file), document.ref().id());
    }
    write(file, yaml.getBytes(StandardCharsets.UTF_8));
    documents.add(file);
  }

  /**
   * Writes one file of the new folder.
   *
   * @param relative its path inside the folder, with {@code /}
   * @param content its bytes
   * @throws IOException if it cannot be written
   * @throws IllegalArgumentException if the path leaves the folder
   * @throws IllegalStateException if it names a file written already: two documents of one name are refused
   *     before anything is written (NL4002), so this is a bug
   */
  public void write(String relative, byte[] content) throws IOException {
    Path file = fresh.resolve(relative).normalize();
    if (!file.startsWith(fresh) || file.equals(fresh)) {
      throw new IllegalArgumentException("an output file outside its folder: " + relative);
    }
    Path parent = file.getParent();
    if (folders.add(parent)) {
      Files.createDirectories(parent);
    }
    try {
      Files.write(file, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    } catch (FileAlreadyExistsException e) {
      throw new IllegalStateException("two documents written to " + relative, e);
    }
  }

  /**
   * Puts the new folder in the place of {@code dir/name/}, with its kustomization written last when the folder was
   * opened for one.
   */
  public void commit() throws IOException {
    if (kustomize) {
      write(Kustomization.FILE, Kustomization.yaml(documents).getBytes(StandardCharsets.UTF_8));
    }
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

  /** Deletes the new folder unless it was committed; {@code dir/name/} is then as it was. */
  @Override
  public void close() throws IOException {
    deleteTree(fresh);
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

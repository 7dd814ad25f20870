package io.netlingua.maven;

import io.netlingua.files.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The state file of {@code generate}: one line per parameter (the plugin's version among them), then the SHA-256
 * of every {@code .npl} file under the source directory (an excluded file may still be imported), then that of every
 * file written (each target's folder, the SARIF file). A run whose lines equal the stored ones has nothing to do.
 */
final class BuildState {

  private BuildState() {}

  /** The lines describing a run now: its parameters, its sources and the outputs as they are on disk. */
  static List<String> describe(List<String> parameters, Path root, Path out, List<String> targets, Path sarif)
      throws IOException {
    List<String> lines = new ArrayList<>();
    parameters.forEach(p -> lines.add("parameter " + p));
    for (Path p : files(root)) {
      if (p.getFileName().toString().endsWith(".npl")) {
        lines.add("source " + relative(root, p) + " " + sha256(p));
      }
    }
    for (String target : targets) {
      Path folder = out.resolve(target);
      for (Path p : files(folder)) {
        lines.add("output " + target + "/" + relative(folder, p) + " " + sha256(p));
      }
    }
    if (sarif != null) {
      lines.add("sarif " + (Files.isRegularFile(sarif) ? sha256(sarif) : "missing"));
    }
    return lines;
  }

  /** The stored lines, or nothing when there is no state file or it cannot be read. */
  static Optional<List<String>> read(Path file) {
    try {
      return Optional.of(Files.readAllLines(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Stores the lines, replacing the file atomically. */
  static void write(Path file, List<String> lines) throws IOException {
    Files.createDirectories(file.getParent());
    AtomicFiles.replace(file, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
  }

  private static List<Path> files(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile).sorted().toList();
    } catch (UncheckedIOException e) {
      if (e.getCause() instanceof NoSuchFileException) {
        return List.of();
      }
      throw e.getCause();
    }
  }

  private static String relative(Path base, Path p) {
    return base.relativize(p).toString().replace('\\', '/');
  }

  private static String sha256(Path file) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}

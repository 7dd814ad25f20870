package io.netlingua.dsl.robustness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Real programs to mutate: the valid programs of the Jazzer seed corpus (so that both kinds of test start from
 * the same inputs) and every {@code .npl} file of the repository's {@code examples/} folder.
 */
public final class SeedPrograms {

  /** The Jazzer inputs folder of {@code ParserFuzzTest.parserNeverThrows}, as a classpath resource. */
  public static final String CORPUS = "/io/netlingua/dsl/fuzz/ParserFuzzTestInputs/parserNeverThrows";

  /** The prefix of the corpus files that are valid programs (the others show errors). */
  public static final String VALID_PREFIX = "valid-";

  /** The folders of the examples module that are Maven's, not example programs. */
  private static final Set<String> MODULE_FOLDERS = Set.of("src", "target");

  private SeedPrograms() {}

  /** Every seed file of the corpus, in name order. */
  public static List<Path> corpus() {
    URL url = SeedPrograms.class.getResource(CORPUS);
    if (url == null) {
      throw new IllegalStateException("the seed corpus " + CORPUS + " is not on the test classpath");
    }
    try {
      return sorted(Path.of(url.toURI()), 1);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The corpus files that are valid programs. */
  public static List<Path> validCorpus() {
    return corpus().stream().filter(p -> p.getFileName().toString().startsWith(VALID_PREFIX)).toList();
  }

  /** The {@code .npl} files under {@code examples/} of the repository (none before the examples exist). */
  public static List<Path> examples() {
    Path examples = repositoryRoot().resolve("examples");
    if (!Files.isDirectory(examples)) {
      return List.of();
    }
    return sorted(examples, Integer.MAX_VALUE).stream()
        .filter(p -> p.getFileName().toString().endsWith(".npl"))
        // The module's own folders are not programs (its test resources may hold broken files on purpose).
        .filter(p -> !MODULE_FOLDERS.contains(examples.relativize(p).getName(0).toString()))
        .toList();
  }

  /** The program folders of {@code examples/}: each folder directly below it that holds {@code .npl} files. */
  public static List<Path> exampleFolders() {
    return examples().stream()
        .map(p -> repositoryRoot().resolve("examples").relativize(p).getName(0))
        .distinct()
        .map(name -> repositoryRoot().resolve("examples").resolve(name))
        .filter(Files::isDirectory)
        .toList();
  }

  /**
   * The texts of the valid corpus programs and of the example files: what random edits start from. An example
   * file read alone misses its imports; its edits still reach every syntax path.
   */
  public static List<String> texts() {
    List<String> texts = new ArrayList<>();
    for (Path p : validCorpus()) {
      texts.add(read(p));
    }
    for (Path p : examples()) {
      texts.add(read(p));
    }
    return List.copyOf(texts);
  }

  /** The text of a seed file. */
  public static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path repositoryRoot() {
    // Surefire hands the reactor root to tests; a test started in the module folder (an IDE) has ".." instead.
    String root = System.getProperty("netlingua.root");
    return root != null ? Path.of(root) : Path.of("..").toAbsolutePath().normalize();
  }

  private static List<Path> sorted(Path folder, int depth) {
    try (Stream<Path> files = Files.walk(folder, depth)) {
      return files.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

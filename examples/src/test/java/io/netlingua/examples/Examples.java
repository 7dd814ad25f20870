package io.netlingua.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.netlingua.Netlingua;
import io.netlingua.diagnostics.DiagnosticRenderer;
import io.netlingua.dsl.ParseResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where the example programs are and how they are read. An example is a folder directly under
 * {@code examples/} holding at least one {@code .npl} file; the module's own folders ({@code src},
 * {@code target}) hold none.
 */
final class Examples {
  /** The repository root: the parent pom hands it to tests as {@code netlingua.root}. */
  static final Path ROOT = root();

  /** The folder of the example programs (it is also this module's folder). */
  static final Path DIR = ROOT.resolve("examples");

  private Examples() {}

  private static Path root() {
    String property = System.getProperty("netlingua.root");
    // Outside Maven (an IDE run), surefire's working directory is the module folder: the root is its parent.
    Path root = property == null ? Path.of("").toAbsolutePath().getParent() : Path.of(property);
    return root.toAbsolutePath().normalize();
  }

  /**
   * Every example folder, in name order: the module's own {@code src} and {@code target} are not walked (surefire
   * writes its reports into target while the tests run, and a file vanishing under the walk fails it), nor a
   * folder with a {@code pom.xml} of its own ({@code policy-repo}: a Maven project that its own build tests).
   */
  static List<Path> all() {
    try (Stream<Path> children = Files.list(DIR)) {
      return children.filter(Files::isDirectory)
          .filter(d -> !d.getFileName().toString().equals("src") && !d.getFileName().toString().equals("target"))
          .filter(d -> !Files.exists(d.resolve("pom.xml")))
          .filter(Examples::holdsPrograms).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether a folder holds at least one {@code .npl} file, at any depth. */
  static boolean holdsPrograms(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.anyMatch(f -> Files.isRegularFile(f) && f.getFileName().toString().endsWith(".npl"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses one example through the public facade and fails, showing them rendered, on any error. */
  static ParseResult parseWithoutErrors(Path example) {
    ParseResult result = Netlingua.parse(example);
    assertThat(result.hasErrors())
        .as("errors in %s:%n%s", DIR.relativize(example), new DiagnosticRenderer(result.sources())
            .renderAll(result.diagnostics()))
        .isFalse();
    return result;
  }
}

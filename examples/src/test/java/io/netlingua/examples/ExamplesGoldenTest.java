package io.netlingua.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.netlingua.dsl.ParseResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every example parses without error, and its model, printed by {@link ModelDump}, equals the reviewed golden
 * file {@code examples/<example>/expected/model.txt}. A missing golden file fails; to accept a change,
 * rewrite them with the command in examples/README.md ({@code -Dnetlingua.golden.update=true}) and review
 * the diff.
 */
class ExamplesGoldenTest {
  private static final boolean UPDATE = Boolean.getBoolean("netlingua.golden.update");

  @TestFactory
  Stream<DynamicTest> everyExampleMatchesItsGoldenModel() {
    return Examples.all().stream()
        .map(example -> dynamicTest(example.getFileName().toString(), () -> matchesGolden(example)));
  }

  private static void matchesGolden(Path example) throws IOException {
    String actual = dump(Examples.parseWithoutErrors(example), example);
    assertThat(dump(Examples.parseWithoutErrors(example), example))
        .as("a second parse of %s gives the same model", example.getFileName())
        .isEqualTo(actual);
    Path golden = example.resolve("expected").resolve("model.txt");
    if (UPDATE) {
      Files.createDirectories(golden.getParent());
      if (!Files.exists(golden) || !read(golden).equals(actual)) {
        Files.writeString(golden, actual, StandardCharsets.UTF_8);
      }
      return;
    }
    assertThat(golden)
        .as("golden file of %s (create it with -Dnetlingua.golden.update=true, then review it)",
            example.getFileName())
        .isRegularFile();
    assertThat(actual)
        .as("model of %s against %s (accept a change with -Dnetlingua.golden.update=true)",
            example.getFileName(), Examples.ROOT.relativize(golden))
        .isEqualTo(read(golden));
  }

  private static String dump(ParseResult result, Path example) {
    return ModelDump.dump(result.program(), result.diagnostics(), example.toString());
  }

  /** The golden text, with line ends normalised so that a checkout with CRLF still compares equal. */
  private static String read(Path golden) throws IOException {
    return Files.readString(golden, StandardCharsets.UTF_8).replace("\r\n", "\n");
  }

  @Test
  void theSixExamplesOfTheIssueAreThere() {
    assertThat(Examples.all().stream().map(p -> p.getFileName().toString()))
        .contains("namespace-isolation", "shop", "trading", "kafka-pipeline", "zero-trust", "saas");
  }

  @Test
  void everyExpectedFolderBelongsToAnExample() throws IOException {
    List<Path> examples = Examples.all();
    try (Stream<Path> children = Files.list(Examples.DIR)) {
      List<Path> orphans = children
          .filter(dir -> Files.isDirectory(dir.resolve("expected")) && !examples.contains(dir))
          .toList();
      assertThat(orphans).as("expected/ folders without a program beside them").isEmpty();
    }
  }
}

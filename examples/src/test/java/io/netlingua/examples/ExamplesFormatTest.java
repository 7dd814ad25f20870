package io.netlingua.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.netlingua.Netlingua;
import io.netlingua.dsl.Comment;
import io.netlingua.dsl.ParseResult;
import io.netlingua.model.PolicyFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The examples survive {@code netlingua format}: their canonical form parses without error to the same model
 * (positions aside), keeps every comment, and is a fixed point (formatting it again changes nothing).
 */
class ExamplesFormatTest {
  @TempDir Path temp;

  @TestFactory
  Stream<DynamicTest> everyExampleKeepsItsMeaningInCanonicalForm() {
    return Examples.all().stream()
        .map(example -> dynamicTest(example.getFileName().toString(), () -> keepsItsMeaning(example)));
  }

  private void keepsItsMeaning(Path example) throws IOException {
    ParseResult original = Examples.parseWithoutErrors(example);
    Path copy = temp.resolve(example.getFileName());
    Map<Path, String> canonical = writeCanonical(original, example, copy);

    ParseResult formatted = Examples.parseWithoutErrors(copy);
    assertThat(ModelDump.meaning(formatted.program(), copy.toString()))
        .as("model of %s in canonical form", example.getFileName())
        .isEqualTo(ModelDump.meaning(original.program(), example.toString()));
    assertThat(formatted.comments().stream().map(Comment::text))
        .as("comments of %s in canonical form", example.getFileName())
        .containsExactlyElementsOf(original.comments().stream().map(Comment::text).toList());
    assertThat(writeCanonical(formatted, copy, temp.resolve("again")).values())
        .as("canonical form of %s formatted again", example.getFileName())
        .containsExactlyElementsOf(canonical.values());
  }

  /** Writes the canonical text of each file of a program under {@code to}, at its path below {@code from}. */
  private static Map<Path, String> writeCanonical(ParseResult result, Path from, Path to) throws IOException {
    Map<Path, String> written = new LinkedHashMap<>();
    List<Comment> comments = result.comments();
    for (PolicyFile file : result.program().files()) {
      Path relative = from.relativize(Path.of(file.path()));
      String text = Netlingua.format(file, comments);
      Path target = to.resolve(relative);
      Files.createDirectories(target.getParent());
      Files.writeString(target, text, StandardCharsets.UTF_8);
      written.put(relative, text);
    }
    return written;
  }
}

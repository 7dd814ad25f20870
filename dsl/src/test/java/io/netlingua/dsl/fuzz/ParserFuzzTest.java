package io.netlingua.dsl.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netlingua.dsl.NplParser;
import io.netlingua.dsl.ParseResult;
import io.netlingua.dsl.robustness.ResultInvariants;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Coverage-guided fuzzing of the parser with Jazzer: any bytes, through a file and as decoded text, never make
 * it throw, and every diagnostic points inside its file.
 *
 * <p>In a normal build ({@code mvn verify}) Jazzer runs this test once per file of its seed corpus,
 * {@code src/test/resources/io/netlingua/dsl/fuzz/ParserFuzzTestInputs/parserNeverThrows/}, as regression tests.
 * With {@code JAZZER_FUZZ=1} it fuzzes instead (see {@code docs/testing-the-parser.md}: {@code mvn -Pfuzz});
 * the inputs it finds failing land in that folder and then run in every build.
 */
class ParserFuzzTest {

  private static final NplParser PARSER = NplParser.create();

  private static Path folder;

  @BeforeAll
  static void createFolder() throws IOException {
    folder = Files.createTempDirectory("netlingua-fuzz");
  }

  @AfterAll
  static void deleteFolder() throws IOException {
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /** The whole contract on hostile input: no exception, and sorted diagnostics that point inside the file. */
  @FuzzTest(maxDuration = "5m")
  void parserNeverThrows(byte[] input) throws IOException {
    Path file = folder.resolve("fuzz.npl");
    Files.write(file, input);
    ParseResult fromFile = PARSER.parse(List.of(file));
    ResultInvariants.assertWellFormed(fromFile);

    ParseResult fromText = PARSER.parse("fuzz.npl", new String(input, StandardCharsets.UTF_8));
    ResultInvariants.assertWellFormed(fromText);
  }
}

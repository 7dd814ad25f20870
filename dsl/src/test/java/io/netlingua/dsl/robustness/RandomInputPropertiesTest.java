package io.netlingua.dsl.robustness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import io.netlingua.diagnostics.Code;
import io.netlingua.dsl.NplParser;
import io.netlingua.dsl.ParseResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quicktheories.QuickTheory;

/**
 * Random input never makes the parser throw, and whatever it reports points inside the file. Bytes go through a
 * file (the path entry point decodes them and must report what is not UTF-8); strings go through the text entry
 * point. The seed is fixed (override it with {@code -Dnetlingua.property.seed=N}); the number of tries comes from
 * {@code netlingua.property.tries} (default 1000).
 */
class RandomInputPropertiesTest {

  private static final long SEED = Long.getLong("netlingua.property.seed", 20261125L);
  private static final int TRIES = Integer.getInteger("netlingua.property.tries", 1000);

  private static List<String> seeds;

  private final NplParser parser = NplParser.create();

  @TempDir Path folder;

  @BeforeAll
  static void loadSeeds() {
    seeds = SeedPrograms.texts();
    System.out.println("RandomInputPropertiesTest: seed " + SEED + ", " + TRIES + " tries per property, "
        + seeds.size() + " seed programs");
  }

  @Test
  void theSeedProgramsAreValid() {
    // Edits of a broken program would explore error recovery only: every seed must parse cleanly.
    assertThat(seeds).isNotEmpty();
    for (String seed : seeds) {
      ParseResult result = parser.parse("seed.npl", seed);
      assertThat(result.diagnostics()).as("diagnostics of\n%s", seed).isEmpty();
      assertThat(result.program().policies()).isNotEmpty();
    }
  }

  @Test
  void randomBytesThroughAFileNeverThrow() {
    theory().forAll(Mutations.bytes(400)).checkAssert(bytes -> check(parseFile(bytes)));
  }

  @Test
  void invalidUtf8IsReportedWhereItStarts() {
    theory().forAll(Mutations.bytes(60)).checkAssert(bytes -> {
      ParseResult result = parseFile(bytes);
      check(result);
      Optional<String> expected = Utf8.firstError(bytes);
      List<String> reported = result.diagnostics().stream()
          .filter(d -> d.code() == Code.INVALID_UTF8)
          .map(d -> d.span().line() + ":" + d.span().column())
          .toList();
      if (expected.isPresent()) {
        assertThat(reported).as("NL1001 positions").first().isEqualTo(expected.get());
      } else {
        assertThat(reported).as("NL1001 on valid UTF-8").isEmpty();
      }
    });
  }

  @Test
  void randomStringsNeverThrow() {
    theory().forAll(Mutations.strings(120)).checkAssert(text -> check(parser.parse("random.npl", text)));
  }

  @Test
  void editedProgramsThroughAFileNeverThrow() {
    theory().forAll(Mutations.edits(seeds, 8)).checkAssert(mutant -> check(parseFile(mutant.bytes())));
  }

  @Test
  void editedProgramsAsTextNeverThrow() {
    theory().forAll(Mutations.edits(seeds, 8)).checkAssert(m -> check(parser.parse("edited.npl", m.text())));
  }

  private static QuickTheory theory() {
    return qt().withFixedSeed(SEED).withExamples(TRIES);
  }

  private ParseResult parseFile(byte[] bytes) {
    try {
      Path file = folder.resolve("input.npl");
      Files.write(file, bytes);
      return parser.parse(List.of(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void check(ParseResult result) {
    ResultInvariants.assertWellFormed(result);
  }
}

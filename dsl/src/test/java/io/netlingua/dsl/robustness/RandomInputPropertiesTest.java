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
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quicktheories.QuickTheory;

/**
 * Random input never makes the parser throw, and whatever it reports points inside the file. Bytes go through a
 * file (the path entry point decodes them and must report what is not UTF-8); strings go through the text entry
 * point; edited example files are read inside a copy of their program, so that imports resolve and the checks
 * behind the grammar run too. The seed is fixed (override it with {@code -Dnetlingua.property.seed=N}); the
 * number of tries comes from {@code netlingua.property.tries} (default 1000).
 */
class RandomInputPropertiesTest {

  private static final long SEED = Long.getLong("netlingua.property.seed", 20261125L);
  private static final int TRIES = Integer.getInteger("netlingua.property.tries", 1000);

  /** A copy of examples/, whose files the program property overwrites and restores. */
  @TempDir static Path examplesCopy;

  private static List<String> seeds;
  private static List<Path> exampleFiles;

  private final NplParser parser = NplParser.create();

  @TempDir Path folder;

  @BeforeAll
  static void loadSeeds() throws IOException {
    seeds = SeedPrograms.texts();
    exampleFiles = copyExamples();
    System.out.println("RandomInputPropertiesTest: seed " + SEED + ", " + TRIES + " tries per property, "
        + seeds.size() + " seed texts, " + exampleFiles.size() + " example files");
  }

  @Test
  void theSeedProgramsAreValid() {
    // Edits of a broken program would explore error recovery only: every seed program must parse cleanly.
    assertThat(SeedPrograms.validCorpus()).isNotEmpty();
    for (Path file : SeedPrograms.validCorpus()) {
      assertThat(parser.parse(List.of(file)).diagnostics()).as("diagnostics of %s", file).isEmpty();
    }
    assertThat(SeedPrograms.exampleFolders()).as("example programs").isNotEmpty();
    for (Path program : SeedPrograms.exampleFolders()) {
      assertThat(parser.parse(List.of(program)).diagnostics()).as("diagnostics of %s", program).isEmpty();
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

  @Test
  void editedExampleFilesInTheirProgramNeverThrow() {
    assertThat(exampleFiles).isNotEmpty();
    List<String> texts = exampleFiles.stream().map(SeedPrograms::read).toList();
    theory().forAll(Mutations.edits(texts, 8)).checkAssert(mutant -> {
      Path file = exampleFiles.get(mutant.seed());
      Path program = examplesCopy.resolve(examplesCopy.relativize(file).getName(0));
      try {
        Files.write(file, mutant.bytes());
        check(parser.parse(List.of(program)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } finally {
        restore(file, texts.get(mutant.seed()));
      }
    });
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

  /** Copies every example program into {@link #examplesCopy}; returns the copied {@code .npl} files. */
  private static List<Path> copyExamples() throws IOException {
    List<Path> copies = new ArrayList<>();
    assertThat(SeedPrograms.exampleFolders()).as("example programs").isNotEmpty();
    for (Path program : SeedPrograms.exampleFolders()) {
      try (Stream<Path> files = Files.walk(program)) {
        for (Path source : files.sorted().toList()) {
          Path target = examplesCopy.resolve(program.getParent().relativize(source).toString());
          if (Files.isDirectory(source)) {
            Files.createDirectories(target);
          } else {
            Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
            if (target.getFileName().toString().endsWith(".npl")) {
              copies.add(target);
            }
          }
        }
      }
    }
    return List.copyOf(copies);
  }

  private static void restore(Path file, String text) {
    try {
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package io.netlingua.dsl.printer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import io.netlingua.dsl.NplParser;
import io.netlingua.dsl.NplPrinter;
import io.netlingua.dsl.ParseResult;
import io.netlingua.dsl.generators.ModelGenerators;
import io.netlingua.model.PolicyFile;
import io.netlingua.model.Program;
import io.netlingua.model.SourceSpan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random valid models survive printing: print, parse, and the model is equal (spans aside); and printing what was
 * parsed gives the same text (idempotence). Tries come from {@code netlingua.property.tries} (default 1000); the
 * seed is fixed and named in every failure.
 */
class RoundTripPropertyTest {
  private static final long SEED = 0x4e504cL;
  private static final int TRIES = Integer.getInteger("netlingua.property.tries", 1000);
  /** Few: a generated model shrinks slowly (each step reprints and reparses it), and the failure shows the text. */
  private static final int SHRINK_CYCLES = 50;

  private final NplParser parser = NplParser.create();

  @Test
  void aFilePrintedAndParsedBackIsTheSameModelAndPrintsTheSame() {
    qt().withFixedSeed(SEED).withExamples(TRIES).withShrinkCycles(SHRINK_CYCLES)
        .forAll(ModelGenerators.files())
        .checkAssert(this::roundTripsInMemory);
  }

  @Test
  void aProgramOfFilesWithImportsPrintedAndReadBackIsTheSameModel(@TempDir Path dir) {
    AtomicInteger tries = new AtomicInteger();
    // A fresh root per try: the parser reads every .npl file below it.
    qt().withFixedSeed(SEED).withExamples(TRIES).withShrinkCycles(SHRINK_CYCLES)
        .forAll(ModelGenerators.programs())
        .checkAssert(program -> roundTripsOnDisk(program, dir.resolve("p" + tries.incrementAndGet())));
  }

  private void roundTripsInMemory(PolicyFile file) {
    String text = NplPrinter.print(file);
    ParseResult result = parser.parse(file.path(), text);
    String context = context(text);
    assertThat(result.diagnostics()).as("diagnostics of %s", context).isEmpty();
    PolicyFile back = result.program().files().get(0);
    assertThat(back).as(context)
        .usingRecursiveComparison().ignoringFieldsOfTypes(SourceSpan.class).isEqualTo(file);
    assertThat(NplPrinter.print(back, result.comments())).as(context).isEqualTo(text);
  }

  private void roundTripsOnDisk(Program program, Path root) {
    String prefix = root.toString().replace('\\', '/') + "/";
    StringBuilder texts = new StringBuilder();
    for (PolicyFile file : program.files()) {
      String text = NplPrinter.print(file);
      write(root.resolve(file.path()), text);
      texts.append("--- ").append(file.path()).append('\n').append(text);
    }
    String context = context(texts.toString());
    ParseResult result = parser.parse(List.of(root));
    assertThat(result.diagnostics()).as("diagnostics of %s", context).isEmpty();
    // The parser names each file by the root as given plus its path below it.
    Program expected = new Program(program.files().stream()
        .map(f -> new PolicyFile(prefix + f.path(), f.namespace(), f.imports(), f.definitions(), f.policies()))
        .toList());
    assertThat(result.program()).as(context)
        .usingRecursiveComparison().ignoringFieldsOfTypes(SourceSpan.class).isEqualTo(expected);
    String reprinted = result.program().files().stream()
        .map(f -> "--- " + f.path().substring(prefix.length()) + "\n" + NplPrinter.print(f))
        .collect(Collectors.joining());
    assertThat(reprinted).as(context).isEqualTo(texts.toString());
  }

  private static String context(String text) {
    return "seed " + SEED + ", printed text:\n" + text;
  }

  private static void write(Path path, String text) {
    try {
      Files.createDirectories(path.getParent());
      Files.writeString(path, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

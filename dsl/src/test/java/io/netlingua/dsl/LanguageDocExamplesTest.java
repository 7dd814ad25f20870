package io.netlingua.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import io.netlingua.diagnostics.DiagnosticRenderer;
import io.netlingua.dsl.MarkdownDoc.Block;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code npl} blocks of {@code docs/language.md}: a block marked {@code npl} is a complete program and
 * parses without a diagnostic; a block marked {@code npl fragment} is a piece of one (rules, clauses, peers)
 * and does not parse alone, so that the mark is never put on a block that could be checked. A block whose
 * first line is a comment {@code # NAME.npl} is that file; a program that imports is read from a folder
 * holding every such file.
 */
class LanguageDocExamplesTest {
  private static final Pattern FILE_NAME = Pattern.compile("#\\s*([a-z0-9._-]+\\.npl)\\s*");
  private static final Pattern IMPORT = Pattern.compile("(?m)^\\s*import\\s");

  @TempDir Path dir;

  @TestFactory
  Stream<DynamicTest> everyNplBlock() throws IOException {
    List<Block> blocks =
        MarkdownDoc.blocks(MarkdownDoc.read("language.md")).stream()
            .filter(b -> b.info().equals("npl") || b.info().startsWith("npl "))
            .toList();
    assertThat(blocks).as("language.md shows npl blocks").isNotEmpty();
    Map<String, Block> files = new LinkedHashMap<>();
    for (Block b : blocks) {
      fileName(b).ifPresent(name -> files.put(name, b));
    }
    return blocks.stream()
        .map(b -> DynamicTest.dynamicTest("language.md:" + b.line() + " " + b.info(), () -> check(b, files)));
  }

  private static Optional<String> fileName(Block b) {
    Matcher m = FILE_NAME.matcher(b.text().lines().findFirst().orElse(""));
    return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
  }

  private void check(Block b, Map<String, Block> files) throws IOException {
    assertThat(b.info()).as("line %d: a block is marked npl or npl fragment", b.line())
        .isIn("npl", "npl fragment");
    ParseResult r;
    if (b.info().equals("npl") && IMPORT.matcher(b.text()).find()) {
      assertThat(fileName(b)).as("line %d imports, so it names its file in a first-line comment", b.line())
          .isPresent();
      Path folder = Files.createDirectory(dir.resolve("line-" + b.line()));
      for (Map.Entry<String, Block> f : files.entrySet()) {
        Files.writeString(folder.resolve(f.getKey()), f.getValue().text());
      }
      r = NplParser.create().parse(List.of(folder));
    } else {
      r = NplParser.create().parse(fileName(b).orElse("language-" + b.line() + ".npl"), b.text());
    }
    String rendered = new DiagnosticRenderer(r.sources()).renderAll(r.diagnostics());
    if (b.info().equals("npl")) {
      assertThat(rendered).as("the program at line %d parses without a diagnostic", b.line()).isEmpty();
    } else {
      assertThat(r.hasErrors())
          .as("the fragment at line %d does not parse alone (else mark it npl, a complete program)", b.line())
          .isTrue();
    }
  }
}

package io.netlingua.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import io.netlingua.diagnostics.Code;
import io.netlingua.diagnostics.DiagnosticRenderer;
import io.netlingua.dsl.MarkdownDoc.Block;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every example of {@code docs/diagnostics.md} prints what the page says it prints. A section's example is
 * one or more files, each a line {@code `NAME.npl`:} followed by an {@code npl} block, then a {@code text}
 * block with the rendering. A label may say {@code (read with `maxNesting=2`)} (a {@link ParseLimits}
 * component) or {@code (with the byte `0xE9` where `�` shows)}, since a page cannot show bytes that are not
 * UTF-8. One file without imports is parsed in memory; anything else is written to a folder and read as
 * {@code netlingua check FOLDER} reads it, with the folder's name taken out of the rendering.
 */
class DocumentedDiagnosticsTest {
  private static final Pattern HEADING = Pattern.compile("^### (NL\\d{4}) ", Pattern.MULTILINE);
  private static final Pattern FILE_LABEL =
      Pattern.compile("`([a-z0-9/._-]+\\.npl)`(?: \\((?:read with `(\\w+)=(\\d+)`"
          + "|with the byte `0x(\\p{XDigit}{2})` where `\uFFFD` shows)\\))?:");
  private static final Pattern IMPORT = Pattern.compile("(?m)^\\s*import\\s");

  /**
   * The codes whose example is a shell session (a Java call for NL5005) rather than files, and why: they are about
   * the command line and the machine (paths, directories, links), which RunDiagnosticsTest covers code by code.
   */
  private static final Map<String, String> BY_HAND = Map.of(
      "NL5001", "a path named on the command line that does not exist",
      "NL5002", "a directory named on the command line, without .npl files",
      "NL5003", "a symbolic link, whose target's real path depends on the machine",
      "NL5004", "an output folder of compile --out that cannot be written, which depends on the machine",
      "NL5005", "a file selected under a root through the Java API, which the command line never does");

  /**
   * Whether the compiler reports the code ({@code NL3xxx} target capabilities, {@code NL4xxx} output): its example
   * is compiled, which this module cannot do; DocumentedTargetDiagnosticsTest (module cli) checks those.
   */
  private static boolean compilerCode(String code) {
    return code.startsWith("NL3") || code.startsWith("NL4");
  }

  @TempDir Path dir;

  /** A file of an example: its name, its bytes, and whether it imports (then it must be read from disk). */
  private record ExampleFile(String name, byte[] bytes, boolean hasImport) {}

  /** A section's example: its files, the limits they are read with, and the rendering the page shows. */
  private record Example(String code, List<ExampleFile> files, ParseLimits limits, String expected) {}

  @TestFactory
  Stream<DynamicTest> everyExampleRendersAsDocumented() throws IOException {
    List<Example> examples = new ArrayList<>();
    for (Map.Entry<String, String> section : sections().entrySet()) {
      if (!BY_HAND.containsKey(section.getKey()) && !compilerCode(section.getKey())) {
        examples.add(example(section.getKey(), section.getValue()));
      }
    }
    return examples.stream().map(e -> DynamicTest.dynamicTest(e.code(), () -> check(e)));
  }

  @Test
  void everyCodeIsCheckedOrListedAsDocumentedByHand() throws IOException {
    Map<String, String> sections = sections();
    assertThat(sections.keySet())
        .containsExactlyElementsOf(Arrays.stream(Code.values()).map(Code::id).toList());
    for (Map.Entry<String, String> byHand : BY_HAND.entrySet()) {
      String code = byHand.getKey();
      List<Block> blocks = MarkdownDoc.blocks(sections.get(code));
      // NL5005 is reported only through the Java API: its session is a Java call.
      String session = code.equals("NL5005") ? "java" : "console";
      assertThat(blocks)
          .as("%s (%s) is documented by hand: a %s session and its output", code, byHand.getValue(), session)
          .extracting(Block::info)
          .containsExactly(session, "text");
    }
  }

  /** Each code's section, from its heading to the next, in page order. */
  private static Map<String, String> sections() throws IOException {
    String page = MarkdownDoc.read("diagnostics.md");
    Matcher m = HEADING.matcher(page);
    List<Integer> starts = new ArrayList<>();
    List<String> codes = new ArrayList<>();
    while (m.find()) {
      starts.add(m.start());
      codes.add(m.group(1));
    }
    Map<String, String> sections = new LinkedHashMap<>();
    for (int i = 0; i < codes.size(); i++) {
      int end = i + 1 < codes.size() ? starts.get(i + 1) : page.length();
      sections.put(codes.get(i), page.substring(starts.get(i), end));
    }
    return sections;
  }

  private static Example example(String code, String section) {
    List<Block> blocks = MarkdownDoc.blocks(section);
    List<ExampleFile> files = new ArrayList<>();
    ParseLimits limits = ParseLimits.DEFAULTS;
    String expected = null;
    for (Block b : blocks) {
      if (b.info().equals("npl")) {
        Matcher label = FILE_LABEL.matcher(b.label());
        assertThat(label.matches())
            .as("%s: the npl block at line %d follows a line `NAME.npl`:", code, b.line())
            .isTrue();
        if (label.group(2) != null) {
          limits = limit(limits, label.group(2), Integer.parseInt(label.group(3)));
        }
        byte[] bytes = label.group(4) == null
            ? b.text().getBytes(StandardCharsets.UTF_8)
            : withByte(b.text(), Integer.parseInt(label.group(4), 16));
        files.add(new ExampleFile(label.group(1), bytes, IMPORT.matcher(b.text()).find()));
      } else if (b.info().equals("text")) {
        assertThat(expected).as("%s has one text block", code).isNull();
        expected = b.text();
      }
    }
    assertThat(files).as("%s shows at least one npl file", code).isNotEmpty();
    assertThat(expected).as("%s shows the rendering in a text block", code).isNotNull();
    return new Example(code, List.copyOf(files), limits, expected);
  }

  /** The text as UTF-8, with each U+FFFD replaced by the one byte it stands for. */
  private static byte[] withByte(String text, int b) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    text.codePoints().forEach(c -> {
      if (c == 0xFFFD) {
        out.write(b);
      } else {
        out.writeBytes(new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8));
      }
    });
    return out.toByteArray();
  }

  private static ParseLimits limit(ParseLimits d, String name, int value) {
    switch (name) {
      case "maxFileBytes":
        return new ParseLimits(value, d.maxTokenChars(), d.maxNesting(), d.maxLetDepth());
      case "maxTokenChars":
        return new ParseLimits(d.maxFileBytes(), value, d.maxNesting(), d.maxLetDepth());
      case "maxNesting":
        return new ParseLimits(d.maxFileBytes(), d.maxTokenChars(), value, d.maxLetDepth());
      case "maxLetDepth":
        return new ParseLimits(d.maxFileBytes(), d.maxTokenChars(), d.maxNesting(), value);
      default:
        throw new AssertionError("no ParseLimits component " + name);
    }
  }

  private void check(Example e) throws IOException {
    NplParser parser = NplParser.create(e.limits());
    ExampleFile only = e.files().get(0);
    String rendered;
    if (e.files().size() == 1 && !only.hasImport() && isUtf8(only.bytes())) {
      ParseResult r = parser.parse(only.name(), new String(only.bytes(), StandardCharsets.UTF_8));
      rendered = new DiagnosticRenderer(r.sources()).renderAll(r.diagnostics());
    } else {
      Path folder = Files.createDirectory(dir.resolve(e.code()));
      for (ExampleFile f : e.files()) {
        Path p = folder.resolve(f.name());
        Files.createDirectories(p.getParent());
        Files.write(p, f.bytes());
      }
      ParseResult r = parser.parse(List.of(folder));
      String prefix = folder.normalize().toString().replace('\\', '/') + "/";
      rendered = new DiagnosticRenderer(r.sources()).renderAll(r.diagnostics()).replace(prefix, "");
    }
    assertThat(rendered).as("%s: what the parser prints for %s", e.code(),
        e.files().stream().map(ExampleFile::name).collect(Collectors.joining(", ")))
        .isEqualTo(e.expected());
  }

  private static boolean isUtf8(byte[] bytes) {
    return Arrays.equals(bytes, new String(bytes, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8));
  }
}

package io.netlingua.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import io.netlingua.diagnostics.Code;
import io.netlingua.diagnostics.DiagnosticRenderer;
import io.netlingua.model.SourceSpan;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * One dynamic test per file {@code diagnostics/NLnnnn-slug.npl} (or folder {@code NLnnnn-slug/}, parsed as a
 * program): its leading {@code # expect: NLnnnn line:col} lines must equal the diagnostics found, exactly.
 */
class DiagnosticCasesTest {
  static final Path CASES = Path.of("src/test/resources/diagnostics");
  private static final Pattern CASE_NAME = Pattern.compile("(NL\\d{4})-[a-z0-9-]+(\\.npl)?");
  private static final Pattern EXPECT =
      Pattern.compile("#\\s*expect:\\s*(NL\\d{4})\\s+((?:\\S+\\.npl:)?\\d+:\\d+)\\s*");
  /** Optional header line {@code # limits: file=N token=N nesting=N let=N}, so that limit cases stay small. */
  private static final Pattern LIMITS = Pattern.compile("#\\s*limits:((\\s+(file|token|nesting|let)=\\d+)+)\\s*");

  @TestFactory
  Stream<DynamicTest> everyCase() throws IOException {
    return cases().stream().map(c -> DynamicTest.dynamicTest(c.getFileName().toString(), () -> check(c)));
  }

  private static List<Path> cases() throws IOException {
    try (Stream<Path> list = Files.list(CASES)) {
      return list.filter(p -> CASE_NAME.matcher(p.getFileName().toString()).matches()).sorted().toList();
    }
  }

  private static void check(Path c) throws IOException {
    Path main = Files.isDirectory(c) ? c.resolve("main.npl") : c;
    List<String> expected = new ArrayList<>();
    ParseLimits limits = ParseLimits.DEFAULTS;
    for (String line : new String(Files.readAllBytes(main), StandardCharsets.ISO_8859_1).split("\n")) {
      Matcher m = EXPECT.matcher(line);
      Matcher l = LIMITS.matcher(line);
      if (m.matches()) {
        expected.add(m.group(1) + " " + m.group(2));
      } else if (l.matches()) {
        limits = limits(l.group(1).trim());
      } else {
        break;
      }
    }
    assertThat(expected).as("%s starts with '# expect: NLnnnn line:col' lines", c).isNotEmpty();
    String code = c.getFileName().toString().substring(0, 6);
    assertThat(expected).as("%s expects its own code", c).anyMatch(e -> e.startsWith(code));
    ParseResult result = NplParser.create(limits).parse(List.of(c));
    List<String> actual =
        result.diagnostics().stream()
            .map(d -> d.code().id() + " " + where(c, main, d.span()))
            .toList();
    assertThat(actual)
        .as("diagnostics of %s:%n%s", c, new DiagnosticRenderer(result.sources()).renderAll(result.diagnostics()))
        .containsExactlyElementsOf(expected);
  }

  /** {@code line:col} in the case's main file, {@code other.npl:line:col} in another file of a folder case. */
  private static String where(Path c, Path main, SourceSpan span) {
    String file = span.file();
    String prefix = main.toString().replace('\\', '/').equals(file) ? "" : relative(c, file) + ":";
    return prefix + span.line() + ":" + span.column();
  }

  private static String relative(Path c, String file) {
    String folder = c.toString().replace('\\', '/') + "/";
    return file.startsWith(folder) ? file.substring(folder.length()) : file;
  }

  private static ParseLimits limits(String settings) {
    ParseLimits d = ParseLimits.DEFAULTS;
    long file = d.maxFileBytes();
    int token = d.maxTokenChars();
    int nesting = d.maxNesting();
    int let = d.maxLetDepth();
    for (String setting : settings.split("\\s+")) {
      String[] kv = setting.split("=");
      int value = Integer.parseInt(kv[1]);
      switch (kv[0]) {
        case "file" -> file = value;
        case "token" -> token = value;
        case "nesting" -> nesting = value;
        default -> let = value;
      }
    }
    return new ParseLimits(file, token, nesting, let);
  }

  @Test
  void everyLanguageCodeHasACase() throws IOException {
    Set<String> covered =
        cases().stream().map(p -> p.getFileName().toString().substring(0, 6)).collect(Collectors.toSet());
    Set<String> missing = new TreeSet<>();
    for (Code code : Code.values()) {
      if ((code.id().startsWith("NL1") || code.id().startsWith("NL2")) && !covered.contains(code.id())) {
        missing.add(code.id());
      }
    }
    assertThat(missing).as("NL1/NL2 codes without a case file in %s", CASES).isEmpty();
  }

  @Test
  void everyRunCodeHasANamedTest() {
    Set<String> names =
        Arrays.stream(RunDiagnosticsTest.class.getDeclaredMethods())
            .map(Method::getName)
            .collect(Collectors.toSet());
    for (Code code : Code.values()) {
      // NL5004 is about the output folder of `netlingua compile --out`, which the reader never writes: the cli
      // module's CompileCommandTest has the test named after it (and checks that it does).
      if (code.isRunProblem() && code != Code.UNWRITABLE_OUTPUT) {
        assertThat(names).as("a test in RunDiagnosticsTest named after %s", code.id())
            .anyMatch(n -> n.startsWith(code.id().toLowerCase(Locale.ROOT)));
      }
    }
  }
}

package io.netlingua.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.netlingua.Netlingua;
import io.netlingua.diagnostics.Code;
import io.netlingua.diagnostics.Diagnostic;
import io.netlingua.diagnostics.DiagnosticRenderer;
import io.netlingua.dsl.ParseResult;
import io.netlingua.emit.Compilation;
import io.netlingua.targets.Mode;
import io.netlingua.targets.Options;
import io.netlingua.targets.Target;
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
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every example of the compiler's codes in {@code docs/diagnostics.md} ({@code NL3xxx}, {@code NL4xxx})
 * prints what the page says. Such an example is one file, a line {@code `NAME.npl` (compiled with `OPTIONS`):}
 * followed by an {@code npl} block, then a {@code text} block: the diagnostics of the section's code that
 * compiling the file with those options of {@code netlingua compile} gives, rendered as {@code netlingua check}
 * renders diagnostics. The dsl module's DocumentedDiagnosticsTest checks the parser's codes and leaves these here.
 */
class DocumentedTargetDiagnosticsTest {
  private static final Pattern HEADING = Pattern.compile("^### (NL\\d{4}) ", Pattern.MULTILINE);
  private static final Pattern LABEL = Pattern.compile("`([a-z0-9-]+\\.npl)` \\(compiled with `([^`]+)`\\):");
  private static final Pattern FENCE = Pattern.compile("```(\\w*)\\n(.*?)```\\n", Pattern.DOTALL);

  /**
   * The compiler's codes that no target of this version reports, and why; their sections show the form of the
   * diagnostic instead of a run (a {@code text} block without a file).
   */
  static final Map<String, String> NOT_REPORTED = Map.of(
      "NL3014", "any: Kubernetes writes a rule without from/to, exact; Flannel reports the policy (NL3001)",
      "NL3015", "cidr: exact on Kubernetes (ipBlock with except)",
      "NL3018", "named ports: exact on Kubernetes",
      "NL3020", "SCTP: exact on Kubernetes",
      "NL4001", "a guard against a bug of a lowering: the emitters write only valid objects");

  /** A documented run: the file, the options, and what the page shows. */
  private record Example(String code, String file, String text, List<String> args, String expected) {}

  @TestFactory
  Stream<DynamicTest> everyCompilerExampleRendersAsDocumented() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (Map.Entry<String, String> section : sections().entrySet()) {
      if (!NOT_REPORTED.containsKey(section.getKey())) {
        Example e = example(section.getKey(), section.getValue());
        tests.add(DynamicTest.dynamicTest(e.code() + " " + String.join(" ", e.args()), () -> check(e)));
      }
    }
    return tests.stream();
  }

  @Test
  void everyCompilerCodeHasASectionAndTheUnreportedOnesSayWhy() throws IOException {
    Map<String, String> sections = sections();
    List<String> compilerCodes = Arrays.stream(Code.values()).map(Code::id)
        .filter(id -> id.startsWith("NL3") || id.startsWith("NL4")).toList();
    assertThat(sections.keySet()).containsExactlyElementsOf(compilerCodes);
    for (String code : NOT_REPORTED.keySet()) {
      assertThat(sections.get(code)).as("%s (%s)", code, NOT_REPORTED.get(code))
          .contains("No target of this version reports it")
          .doesNotContain("```npl");
    }
  }

  /** The sections of the compiler's codes, from each heading to the next, in page order. */
  private static Map<String, String> sections() throws IOException {
    String root = System.getProperty("netlingua.root");
    assertThat(root).as("the parent pom hands tests the repository root as netlingua.root").isNotBlank();
    String page = Files.readString(Path.of(root, "docs", "diagnostics.md"), StandardCharsets.UTF_8)
        .replace("\r\n", "\n");
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
      // The last compiler section ends where the NL5xxx chapter begins.
      String text = page.substring(starts.get(i), end);
      int chapter = text.indexOf("\n## ");
      if (codes.get(i).startsWith("NL3") || codes.get(i).startsWith("NL4")) {
        sections.put(codes.get(i), chapter < 0 ? text : text.substring(0, chapter));
      }
    }
    return sections;
  }

  private static Example example(String code, String section) {
    Matcher label = LABEL.matcher(section);
    assertThat(label.find()).as("%s: a line `NAME.npl` (compiled with `OPTIONS`):", code).isTrue();
    Matcher fence = FENCE.matcher(section);
    String npl = null;
    String text = null;
    while (fence.find()) {
      if (fence.group(1).equals("npl")) {
        assertThat(npl).as("%s shows one file", code).isNull();
        npl = fence.group(2);
      } else if (fence.group(1).equals("text")) {
        assertThat(text).as("%s shows one text block", code).isNull();
        text = fence.group(2);
      }
    }
    assertThat(npl).as("%s shows an npl block", code).isNotNull();
    assertThat(text).as("%s shows a text block", code).isNotNull();
    return new Example(code, label.group(1), npl, List.of(label.group(2).split(" ")), text);
  }

  private static void check(Example e) {
    ParseResult parsed = Netlingua.parse(e.file(), e.text());
    assertThat(parsed.hasErrors()).as("%s: the example parses", e.code()).isFalse();
    Options options = Options.defaults();
    Target target = null;
    List<String> args = e.args();
    for (int i = 0; i < args.size(); i += 2) {
      String value = args.get(i + 1);
      switch (args.get(i)) {
        case "--target":
          target = Target.byId(value).orElseThrow();
          break;
        case "--mode":
          options = options.mode(Mode.byId(value).orElseThrow());
          break;
        case "--target-version":
          options = options.targetVersion(value);
          break;
        case "--namespaces":
          options = options.namespaces(value.split(","));
          break;
        case "--pod-cidr":
          options = options.podCidrs(value);
          break;
        case "--service-cidr":
          options = options.serviceCidrs(value);
          break;
        case "--node-cidr":
          options = options.nodeCidrs(value);
          break;
        default:
          throw new AssertionError(e.code() + ": an option the examples do not use: " + args.get(i));
      }
    }
    assertThat(target).as("%s names --target", e.code()).isNotNull();
    Compilation out = Netlingua.compile(parsed, target, options);
    List<Diagnostic> ofCode = out.diagnostics().stream().filter(d -> d.code().id().equals(e.code())).toList();
    assertThat(new DiagnosticRenderer(parsed.sources()).renderAll(ofCode))
        .as("%s: the diagnostics of %s compiled with %s", e.code(), e.file(), String.join(" ", args))
        .isEqualTo(e.expected());
  }
}

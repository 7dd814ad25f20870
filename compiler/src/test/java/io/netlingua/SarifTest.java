package io.netlingua;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.netlingua.diagnostics.Code;
import io.netlingua.diagnostics.Diagnostic;
import io.netlingua.dsl.ParseResult;
import io.netlingua.emit.CompileReport;
import io.netlingua.model.SourceSpan;
import io.netlingua.targets.Mode;
import io.netlingua.targets.Options;
import io.netlingua.targets.Target;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Netlingua.sarif: the SARIF 2.1.0 log of docs/reports.md, one property a test. */
class SarifTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SCHEMA = "sarif-2.1.0-errata01-schema.json";
  private static final Options FAIL_CLOSED = Options.defaults().mode(Mode.FAIL_CLOSED);

  /** An http block: narrower on Kubernetes (NL3004, a warning when fail-closed), exact on Cilium. */
  static final String WEB =
      "namespace shop\n"
          + "\n"
          + "policy web {\n"
          + "  select pods(app=web)\n"
          + "  ingress {\n"
          + "    allow from pods(app=frontend) on tcp/8080 { http GET }\n"
          + "  }\n"
          + "}\n";

  /** An unknown name: NL2001, an error of the language. */
  static final String BROKEN = WEB.replace("pods(app=frontend)", "frontnd");

  @TempDir Path dir;

  @Test
  void oneRunPerTargetAndTheLanguageDiagnosticsOnceInTheLanguageRun() throws IOException {
    ParseResult parsed = parse("web.npl", BROKEN);

    JsonNode log = sarif(parsed, compile(parsed, Target.KUBERNETES, Target.CILIUM, Target.CALICO), options());

    assertThat(log.path("version").asText()).isEqualTo("2.1.0");
    assertThat(ids(log)).containsExactly(
        "netlingua/language/", "netlingua/calico/", "netlingua/cilium/", "netlingua/kubernetes/");
    assertThat(results(run(log, "language"))).extracting(r -> r.path("ruleId").asText()).containsExactly("NL2001");
    for (String target : List.of("calico", "cilium", "kubernetes")) {
      assertThat(results(run(log, target))).as(target).isEmpty();
    }
    assertThat(run(log, "kubernetes").path("tool").path("driver").path("name").asText()).isEqualTo("netlingua");
    assertThat(run(log, "kubernetes").path("tool").path("driver").path("version").asText()).isEqualTo("9.9.9");
  }

  @Test
  void aCheckIsTheLanguageRunAlone() throws IOException {
    JsonNode log = sarif(parse("web.npl", BROKEN), List.of(), options());

    assertThat(ids(log)).containsExactly("netlingua/language/");
  }

  @Test
  void ruleIdsAreTheCodesAndEachRunHasTheRulesOfTheCodesItUses() throws IOException {
    ParseResult parsed = parse("web.npl", WEB);

    JsonNode kubernetes = run(sarif(parsed, compile(parsed, Target.KUBERNETES), options()), "kubernetes");

    JsonNode rules = kubernetes.path("tool").path("driver").path("rules");
    List<String> ruleIds = StreamSupport.stream(rules.spliterator(), false).map(r -> r.path("id").asText()).toList();
    assertThat(ruleIds).contains("NL3004").isSorted().doesNotHaveDuplicates();
    assertThat(results(kubernetes).stream().map(r -> r.path("ruleId").asText()).distinct().sorted().toList())
        .isEqualTo(ruleIds);
    for (JsonNode r : results(kubernetes)) {
      assertThat(rules.get(r.path("ruleIndex").asInt()).path("id").asText()).isEqualTo(r.path("ruleId").asText());
    }
    JsonNode l7 = rules.get(ruleIds.indexOf("NL3004"));
    assertThat(l7.path("name").asText()).isEqualTo("l7-http");
    assertThat(l7.path("shortDescription").path("text").asText()).isEqualTo(Code.L7_HTTP.summary());
    assertThat(l7.path("help").path("markdown").asText()).isEqualTo("**NL3004 l7-http**: " + Code.L7_HTTP.summary());
    assertThat(l7.path("defaultConfiguration").path("level").asText()).isEqualTo("error");
  }

  @Test
  void levelsAreErrorWarningAndNoteForAnInfo() throws IOException {
    ParseResult parsed = parse("web.npl", WEB);
    List<CompileReport> reports = List.of(Netlingua.compile(parsed, Target.KUBERNETES, FAIL_CLOSED).report());

    JsonNode kubernetes = run(sarif(parsed, reports, options()), "kubernetes");

    assertThat(result(kubernetes, "NL3004").path("level").asText()).isEqualTo("warning");
    assertThat(result(kubernetes, "NL3901").path("level").asText()).isEqualTo("note");
    JsonNode language = run(sarif(parse("web.npl", BROKEN), List.of(), options()), "language");
    assertThat(result(language, "NL2001").path("level").asText()).isEqualTo("error");
  }

  @Test
  void aRegionHasTheStartAndTheEndColumnOnlyWhenTheSpanHasALength() throws IOException {
    ParseResult parsed = parse("web.npl", BROKEN);
    Diagnostic point = Diagnostic.of(Code.L7_HTTP, SourceSpan.point(dir.resolve("web.npl").toString(), 3, 8, 0), "p");
    CompileReport report = new CompileReport(Target.KUBERNETES, Options.defaults(), List.of(), List.of(point));

    JsonNode log = sarif(parsed, List.of(report), options());

    // 'frontnd' in "    allow from frontnd on tcp/8080 ...": columns 16 to 23.
    assertThat(region(result(run(log, "language"), "NL2001")).toString())
        .isEqualTo("{\"startLine\":6,\"startColumn\":16,\"endColumn\":23}");
    assertThat(region(result(run(log, "kubernetes"), "NL3004")).toString())
        .isEqualTo("{\"startLine\":3,\"startColumn\":8}");
  }

  @Test
  void locationsAreRelativeToSrcrootWhichIsTheBaseFolderAsAFileUri() throws IOException {
    ParseResult parsed = parse("shop/web.npl", BROKEN);
    Path outside = Files.createTempFile("netlingua-outside", ".npl");
    try {
      Diagnostic far = Diagnostic.of(Code.NO_SOURCE_FILES, SourceSpan.point(outside.toString(), 1, 1, 0), "far");
      CompileReport report = new CompileReport(Target.KUBERNETES, Options.defaults(), List.of(), List.of(far));

      JsonNode language = run(sarif(parsed, List.of(report), SarifOptions.of(dir.resolve("shop"), "1")), "language");

      String base = language.path("originalUriBaseIds").path("%SRCROOT%").path("uri").asText();
      assertThat(base).startsWith("file:/").endsWith("/").isEqualTo(dir.resolve("shop").toUri().toString());
      JsonNode near = artifact(result(language, "NL2001"));
      assertThat(near.path("uri").asText()).isEqualTo("web.npl");
      assertThat(near.path("uriBaseId").asText()).isEqualTo("%SRCROOT%");
      JsonNode away = artifact(result(language, "NL5002"));
      assertThat(away.path("uri").asText()).isEqualTo(outside.toUri().toString());
      assertThat(away.has("uriBaseId")).isFalse();
    } finally {
      Files.delete(outside);
    }
  }

  @Test
  void theFingerprintStaysWhenTheLineMovesAndChangesWithTheLineOrTheMessage() throws IOException {
    String before = fingerprint(parse("web.npl", BROKEN));
    String moved = fingerprint(parse("web.npl", "// a comment\n\n" + BROKEN));
    String otherLine = fingerprint(parse("web.npl", BROKEN.replace("tcp/8080", "tcp/9090")));
    String otherMessage = fingerprint(parse("web.npl", BROKEN.replace("frontnd", "frontxx")));

    assertThat(before).matches("[0-9a-f]{64}:1");
    assertThat(moved).isEqualTo(before);
    assertThat(otherLine).isNotEqualTo(before);
    assertThat(otherMessage).isNotEqualTo(before);
  }

  @Test
  void helpUriAndInformationUriOnlyWhenConfigured() throws IOException {
    ParseResult parsed = parse("web.npl", BROKEN);
    SarifOptions configured = options()
        .documentationUri(URI.create("https://example.org/docs/diagnostics.md"))
        .informationUri(URI.create("https://example.org/netlingua"));

    JsonNode plain = run(sarif(parsed, List.of(), options()), "language").path("tool").path("driver");
    JsonNode linked = run(sarif(parsed, List.of(), configured), "language").path("tool").path("driver");

    assertThat(plain.has("informationUri")).isFalse();
    assertThat(plain.path("rules").get(0).has("helpUri")).isFalse();
    assertThat(linked.path("informationUri").asText()).isEqualTo("https://example.org/netlingua");
    assertThat(linked.path("rules").get(0).path("helpUri").asText())
        .isEqualTo("https://example.org/docs/diagnostics.md#nl2001-unknown-name");
  }

  @Test
  void theHelpUriAnchorsAreTheHeadingsOfDocsDiagnostics() throws IOException {
    String doc = Files.readString(Path.of(System.getProperty("netlingua.root", ".."), "docs", "diagnostics.md"));
    for (Code code : Code.values()) {
      String name = code.name().toLowerCase(Locale.ROOT).replace('_', '-');
      assertThat(doc).as(code.id()).contains("\n### " + code.id() + " " + name + "\n");
    }
  }

  @Test
  void theSameRunGivesTheSameBytesWhateverTheOrderOfTheReports() throws IOException {
    ParseResult parsed = parse("web.npl", WEB);
    List<CompileReport> reports = compile(parsed, Target.KUBERNETES, Target.CILIUM, Target.CALICO);
    List<CompileReport> reversed = new ArrayList<>(reports);
    Collections.reverse(reversed);

    String first = Netlingua.sarif(parsed, reports, options());
    String again = Netlingua.sarif(parse("web.npl", WEB), reversed, options());

    assertThat(again).isEqualTo(first);
    assertThat(first).endsWith("}\n").doesNotContain("\r").doesNotContain("Time").doesNotContain("time\"");
  }

  @Test
  void twoReportsOfOneTargetAreRefused() throws IOException {
    ParseResult parsed = parse("web.npl", WEB);

    assertThatThrownBy(() -> Netlingua.sarif(parsed, compile(parsed, Target.CILIUM, Target.CILIUM), options()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cilium");
  }

  @Test
  void aMultiTargetCompileAndAFailingCheckValidateAgainstTheSarifSchema() throws IOException {
    Path upstream = Path.of(System.getProperty("netlingua.upstream", ""), SCHEMA);
    if (System.getProperty("netlingua.upstream", "").isEmpty() || !Files.isRegularFile(upstream)) {
      if (Boolean.getBoolean("netlingua.upstream.required")) {
        fail("netlingua.upstream.required is true but " + upstream + " is missing");
      }
      assumeTrue(false, "upstream schemas absent (" + upstream + "): skipped");
    }
    Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4)
        .getSchema(JSON.readTree(upstream.toFile()));
    ParseResult parsed = parse("web.npl", WEB);
    JsonNode compiled = sarif(parsed, compile(parsed, Target.KUBERNETES, Target.CILIUM, Target.CALICO),
        options().documentationUri(URI.create("https://example.org/docs/diagnostics.md")));
    JsonNode checked = sarif(parse("broken.npl", BROKEN), List.of(), options());

    assertThat(results(run(compiled, "kubernetes"))).isNotEmpty();
    assertThat(results(run(checked, "language"))).isNotEmpty();
    assertThat(schema.validate(compiled)).extracting(Error::toString).isEmpty();
    assertThat(schema.validate(checked)).extracting(Error::toString).isEmpty();
    // The schema bites: a run without its tool is refused.
    assertThat(schema.validate(JSON.readTree("{\"version\": \"2.1.0\", \"runs\": [{}]}"))).isNotEmpty();
  }

  private ParseResult parse(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    return Netlingua.parse(file);
  }

  private SarifOptions options() {
    return SarifOptions.of(dir, "9.9.9");
  }

  private static List<CompileReport> compile(ParseResult parsed, Target... targets) {
    return Arrays.stream(targets).map(t -> Netlingua.compile(parsed, t, Options.defaults()).report()).toList();
  }

  private static JsonNode sarif(ParseResult parsed, List<CompileReport> reports, SarifOptions options)
      throws IOException {
    return JSON.readTree(Netlingua.sarif(parsed, reports, options));
  }

  private String fingerprint(ParseResult parsed) throws IOException {
    return result(run(sarif(parsed, List.of(), options()), "language"), "NL2001")
        .path("partialFingerprints").path("netlingua/v1").asText();
  }

  private static List<String> ids(JsonNode log) {
    return StreamSupport.stream(log.path("runs").spliterator(), false)
        .map(r -> r.path("automationDetails").path("id").asText()).toList();
  }

  private static JsonNode run(JsonNode log, String category) {
    for (JsonNode run : log.path("runs")) {
      if (run.path("automationDetails").path("id").asText().equals("netlingua/" + category + "/")) {
        return run;
      }
    }
    throw new AssertionError("no run " + category + " in " + log);
  }

  private static List<JsonNode> results(JsonNode run) {
    return StreamSupport.stream(run.path("results").spliterator(), false).toList();
  }

  private static JsonNode result(JsonNode run, String code) {
    return results(run).stream().filter(r -> r.path("ruleId").asText().equals(code)).findFirst()
        .orElseThrow(() -> new AssertionError("no " + code + " in " + run));
  }

  private static JsonNode physical(JsonNode result) {
    return result.path("locations").get(0).path("physicalLocation");
  }

  private static JsonNode region(JsonNode result) {
    return physical(result).path("region");
  }

  private static JsonNode artifact(JsonNode result) {
    return physical(result).path("artifactLocation");
  }
}

package io.netlingua.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netlingua.SarifOptions;
import io.netlingua.diagnostics.Code;
import io.netlingua.diagnostics.Diagnostic;
import io.netlingua.diagnostics.Severity;
import io.netlingua.diagnostics.SourceText;
import io.netlingua.emit.CompileReport;
import io.netlingua.emit.report.JsonReport;
import io.netlingua.model.SourceSpan;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The SARIF 2.1.0 log of a run (docs/reports.md, section SARIF): the language's run {@code netlingua/language/}
 * first, then one run per target in target order, each with the rules of the codes it uses; no timestamp, so that
 * one input gives the same bytes.
 */
public final class SarifWriter {
  /** The key of the fingerprint: its version changes whenever what it hashes changes. */
  public static final String FINGERPRINT = "netlingua/v1";

  private static final String SRCROOT = "%SRCROOT%";
  private static final ObjectMapper JSON = new ObjectMapper();

  private SarifWriter() {}

  /**
   * The log, ending with a line break.
   *
   * @param language the diagnostics of reading the program
   * @param targets the reports of the targets compiled, at most one per target
   * @param sources the program's text, for the fingerprints
   * @param options the base folder, version and links
   */
  public static String write(
      List<Diagnostic> language, List<CompileReport> targets, SourceText sources, SarifOptions options) {
    Set<String> seen = new LinkedHashSet<>();
    for (CompileReport report : targets) {
      if (!seen.add(report.target().id())) {
        throw new IllegalArgumentException("two reports for the target " + report.target().id()
            + ": a SARIF log holds one run per target");
      }
    }
    // The language's diagnostics are in every target's report too (and an NL5xxx of the run may be only there):
    // each is stated once, in the language's run.
    Set<Diagnostic> ofLanguage = new LinkedHashSet<>(language);
    targets.forEach(r -> r.diagnostics().stream().filter(SarifWriter::isLanguage).forEach(ofLanguage::add));
    ObjectNode log = JSON.createObjectNode();
    log.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
    log.put("version", "2.1.0");
    ArrayNode runs = log.putArray("runs");
    runs.add(run("language", List.copyOf(ofLanguage), sources, options));
    targets.stream()
        .sorted(Comparator.comparing(r -> r.target().id()))
        .forEach(r -> runs.add(run(r.target().id(),
            r.diagnostics().stream().filter(d -> !isLanguage(d)).toList(), sources, options)));
    return JsonReport.write(log);
  }

  /** Whether a diagnostic is about the program or the run ({@code NL1xxx}, {@code NL2xxx}, {@code NL5xxx}). */
  static boolean isLanguage(Diagnostic d) {
    String id = d.code().id();
    return id.startsWith("NL1") || id.startsWith("NL2") || id.startsWith("NL5");
  }

  private static ObjectNode run(String category, List<Diagnostic> diagnostics, SourceText sources, SarifOptions o) {
    List<Diagnostic> sorted = diagnostics.stream().sorted().toList();
    ObjectNode run = JSON.createObjectNode();
    ObjectNode driver = run.putObject("tool").putObject("driver");
    driver.put("name", "netlingua");
    driver.put("version", o.toolVersion());
    o.informationUri().ifPresent(u -> driver.put("informationUri", u.toString()));
    Map<Code, Integer> ruleIndex = new TreeMap<>(Comparator.comparing(Code::id));
    sorted.forEach(d -> ruleIndex.put(d.code(), 0));
    ArrayNode rules = driver.putArray("rules");
    int index = 0;
    for (Map.Entry<Code, Integer> e : ruleIndex.entrySet()) {
      e.setValue(index++);
      rules.add(rule(e.getKey(), o));
    }
    run.putObject("automationDetails").put("id", "netlingua/" + category + "/");
    run.putObject("originalUriBaseIds").putObject(SRCROOT).put("uri", directoryUri(o.baseDirectory()));
    run.put("columnKind", "unicodeCodePoints");
    ArrayNode results = run.putArray("results");
    Map<String, Integer> occurrences = new HashMap<>();
    for (Diagnostic d : sorted) {
      results.add(result(d, ruleIndex.get(d.code()), sources, o, occurrences));
    }
    return run;
  }

  private static ObjectNode rule(Code code, SarifOptions o) {
    ObjectNode rule = JSON.createObjectNode();
    String name = name(code);
    rule.put("id", code.id());
    rule.put("name", name);
    rule.putObject("shortDescription").put("text", code.summary());
    rule.putObject("defaultConfiguration").put("level", level(code.severity()));
    ObjectNode help = rule.putObject("help");
    help.put("text", code.id() + " " + name + ": " + code.summary());
    help.put("markdown", "**" + code.id() + " " + name + "**: " + code.summary());
    o.documentationUri().ifPresent(u -> rule.put("helpUri", u + "#" + anchor(code)));
    return rule;
  }

  private static ObjectNode result(
      Diagnostic d, int ruleIndex, SourceText sources, SarifOptions o, Map<String, Integer> occurrences) {
    ObjectNode result = JSON.createObjectNode();
    result.put("ruleId", d.code().id());
    result.put("ruleIndex", ruleIndex);
    result.put("level", level(d.severity()));
    result.putObject("message").put("text", d.message() + d.hint().map(h -> "\nhint: " + h).orElse(""));
    SourceSpan span = d.span();
    String uri = "";
    if (!span.equals(SourceSpan.NONE)) {
      ObjectNode physical = result.putArray("locations").addObject().putObject("physicalLocation");
      ObjectNode artifact = physical.putObject("artifactLocation");
      Path file = Path.of(span.file()).toAbsolutePath().normalize();
      if (file.startsWith(o.baseDirectory())) {
        uri = relativeUri(o.baseDirectory().relativize(file));
        artifact.put("uri", uri);
        artifact.put("uriBaseId", SRCROOT);
      } else {
        uri = file.toUri().toString();
        artifact.put("uri", uri);
      }
      ObjectNode region = physical.putObject("region");
      region.put("startLine", span.line());
      region.put("startColumn", span.column());
      if (span.endLine() != span.line()) {
        region.put("endLine", span.endLine());
      }
      if (span.endLine() != span.line() || span.endColumn() != span.column()) {
        region.put("endColumn", span.endColumn());
      }
    }
    String line = span.equals(SourceSpan.NONE) ? "" : sources.line(span.file(), span.line()).orElse("").trim();
    String hash = sha256(d.code().id() + "\0" + uri + "\0" + line + "\0" + d.message());
    // Equal results on equal lines keep apart by their order, which moving lines does not change.
    int n = occurrences.merge(hash, 1, Integer::sum);
    result.putObject("partialFingerprints").put(FINGERPRINT, hash + ":" + n);
    d.finding().ifPresent(f -> {
      ObjectNode properties = result.putObject("properties");
      properties.put("target", f.target());
      properties.put("feature", f.feature());
      properties.put("outcome", f.outcome().label());
    });
    return result;
  }

  /** {@code error}, {@code warning}, or {@code note} for an info. */
  static String level(Severity severity) {
    return switch (severity) {
      case ERROR -> "error";
      case WARNING -> "warning";
      case INFO -> "note";
    };
  }

  /** The code's name in docs/diagnostics.md: {@code l7-http} for {@code NL3004}. */
  static String name(Code code) {
    return code.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The anchor of the code's heading {@code ### NL3004 l7-http} in docs/diagnostics.md. */
  static String anchor(Code code) {
    return code.id().toLowerCase(Locale.ROOT) + "-" + name(code);
  }

  private static String directoryUri(Path directory) {
    String uri = directory.toUri().toString();
    return uri.endsWith("/") ? uri : uri + "/";
  }

  private static String relativeUri(Path relative) {
    List<String> parts = new ArrayList<>();
    relative.forEach(p -> parts.add(p.toString()));
    try {
      return new URI(null, null, String.join("/", parts), null).toASCIIString();
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("a file name that makes no URI: " + relative, e);
    }
  }

  private static String sha256(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}

package io.netlingua.emit.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netlingua.diagnostics.Diagnostic;
import io.netlingua.diagnostics.Severity;
import io.netlingua.diagnostics.TargetFinding;
import io.netlingua.emit.CompileReport;
import io.netlingua.emit.DocumentRef;
import io.netlingua.model.SourceSpan;
import java.io.UncheckedIOException;

/**
 * The report as JSON, for tools ({@code netlingua compile --report json}): valid against the
 * {@code netlingua-report} schema, keys in a fixed order, every key always present (null when it does not apply),
 * two-space indentation and LF line ends on every platform. docs/reports.md describes each field.
 */
public final class JsonReport {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DefaultIndenter INDENT = new DefaultIndenter("  ", "\n");
  private static final ObjectWriter WRITER =
      JSON.writer(
          new DefaultPrettyPrinter()
              .withSeparators(
                  Separators.createDefaultInstance()
                      .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                      .withObjectEmptySeparator("")
                      .withArrayEmptySeparator(""))
              .withObjectIndenter(INDENT)
              .withArrayIndenter(INDENT));

  private JsonReport() {}

  /** The report of a compilation, ending with a line break. */
  public static String render(CompileReport compilation) {
    return write(tree(compilation));
  }

  /**
   * A JSON tree as the report is written: two-space indentation, LF line ends on every platform, a final line
   * break (the SARIF log is written so too).
   */
  public static String write(JsonNode tree) {
    try {
      return WRITER.writeValueAsString(tree) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot write JSON", e);
    }
  }

  /** The report as a tree (what {@link #render} writes). */
  public static ObjectNode tree(CompileReport compilation) {
    ObjectNode root = JSON.createObjectNode();
    root.put("target", compilation.target().id());
    root.put("version", compilation.targetVersion());
    root.put("mode", compilation.options().mode().id());
    ObjectNode targetOptions = root.putObject("targetOptions");
    compilation.options().targetOptionsFor(compilation.target()).forEach(targetOptions::put);
    ObjectNode summary = root.putObject("summary");
    summary.put("written", !compilation.hasErrors());
    summary.put("documents", compilation.documents().size());
    summary.put("errors", TextReport.count(compilation, Severity.ERROR));
    summary.put("warnings", TextReport.count(compilation, Severity.WARNING));
    summary.put("infos", TextReport.count(compilation, Severity.INFO));
    ArrayNode documents = root.putArray("documents");
    for (DocumentRef d : compilation.documents()) {
      ObjectNode o = documents.addObject();
      o.put("apiVersion", d.apiVersion());
      o.put("kind", d.kind());
      o.put("namespace", d.namespace().orElse(null));
      o.put("name", d.name());
      o.put("file", d.source().file());
      o.put("line", d.source().line());
    }
    ArrayNode diagnostics = root.putArray("diagnostics");
    for (Diagnostic d : compilation.diagnostics()) {
      ObjectNode o = diagnostics.addObject();
      SourceSpan span = d.span();
      o.put("code", d.code().id());
      o.put("severity", d.severity().label());
      o.put("message", d.message());
      o.put("file", span.file());
      o.put("line", span.line());
      o.put("column", span.column());
      o.put("endLine", span.endLine());
      o.put("endColumn", span.endColumn());
      o.put("hint", d.hint().orElse(null));
      TargetFinding f = d.finding().orElse(null);
      o.put("target", f == null ? null : f.target());
      o.put("feature", f == null ? null : f.feature());
      o.put("outcome", f == null ? null : f.outcome().label());
      o.put("direction", f == null ? null : f.direction().map(x -> x.keyword()).orElse(null));
    }
    return root;
  }
}

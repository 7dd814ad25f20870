package io.netlingua.cli.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netlingua.targets.Capabilities;
import io.netlingua.targets.Capability;
import io.netlingua.targets.Feature;
import io.netlingua.targets.Target;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The capability matrix of {@code netlingua capabilities}: one row per feature, one column per target at its
 * default version, each cell {@link Capability#summary()}. Both renderings come from the tables in
 * {@link Capabilities}, so the README's copy can be compared with the command's output.
 */
final class CapabilityMatrix {
  private final List<Capabilities> columns;

  /** The matrix of the given targets, each at its default version, in the order given. */
  CapabilityMatrix(List<Target> targets) {
    List<Capabilities> tables = new ArrayList<>();
    for (Target t : targets) {
      tables.add(Capabilities.of(t));
    }
    this.columns = List.copyOf(tables);
  }

  /**
   * A Markdown table: {@code | feature | code | kubernetes 1.35 | ... |}, a feature cell being its id and title.
   * Lines end with LF whatever the platform.
   */
  String markdown() {
    StringBuilder s = new StringBuilder("| feature | code |");
    StringBuilder rule = new StringBuilder("|---|---|");
    for (Capabilities c : columns) {
      s.append(' ').append(c.target().id()).append(' ').append(c.version()).append(" |");
      rule.append("---|");
    }
    s.append('\n').append(rule).append('\n');
    for (Feature f : Feature.values()) {
      s.append("| `").append(f.id()).append("`: ").append(cell(f.title())).append(" | ")
          .append(f.code().id()).append(" |");
      for (Capabilities c : columns) {
        s.append(' ').append(cell(c.get(f).summary())).append(" |");
      }
      s.append('\n');
    }
    return s.toString();
  }

  /**
   * JSON: {@code targets} (id, title, version) and {@code features} (id, title, code, and per target id the
   * summary and each translation's outcome and condition), two-space indented, ending with a line break.
   */
  String json() {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = mapper.createObjectNode();
    ArrayNode targets = root.putArray("targets");
    for (Capabilities c : columns) {
      targets.addObject()
          .put("id", c.target().id()).put("title", c.target().title()).put("version", c.version());
    }
    ArrayNode features = root.putArray("features");
    for (Feature f : Feature.values()) {
      ObjectNode feature =
          features.addObject().put("id", f.id()).put("title", f.title()).put("code", f.code().id());
      ObjectNode byTarget = feature.putObject("targets");
      for (Capabilities c : columns) {
        Capability capability = c.get(f);
        ObjectNode cell = byTarget.putObject(c.target().id()).put("summary", capability.summary());
        ArrayNode translations = cell.putArray("translations");
        for (Capability.Translation t : capability.translations()) {
          translations.addObject().put("outcome", t.outcome().label()).put("when", t.when());
        }
      }
    }
    try {
      return mapper.writer(Json.printer()).writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      // A tree of strings always serialises; this would be a bug in Jackson.
      throw new UncheckedIOException(e);
    }
  }

  /** A table cell: a '|' would end the cell, so it is escaped. */
  private static String cell(String text) {
    return text.replace("|", "\\|");
  }
}

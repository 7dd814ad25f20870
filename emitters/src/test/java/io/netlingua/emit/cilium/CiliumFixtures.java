package io.netlingua.emit.cilium;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netlingua.diagnostics.Code;
import io.netlingua.diagnostics.Diagnostic;
import io.netlingua.dsl.NplParser;
import io.netlingua.dsl.ParseResult;
import io.netlingua.emit.Compilation;
import io.netlingua.emit.EmittedDocument;
import io.netlingua.emit.Emitters;
import io.netlingua.emit.yaml.YamlLayout;
import io.netlingua.emit.yaml.YamlWriter;
import io.netlingua.model.Program;
import io.netlingua.targets.Options;
import io.netlingua.targets.Target;
import java.util.List;

/** Parses test programs, compiles them for Cilium through the whole pipeline, and shows parts of the output. */
final class CiliumFixtures {
  private CiliumFixtures() {}

  static Program parse(String text) {
    ParseResult r = NplParser.create().parse("test.npl", text);
    assertThat(r.diagnostics()).filteredOn(Diagnostic::isError).isEmpty();
    return r.program();
  }

  static Compilation compile(String text, Options options) {
    return Emitters.compile(parse(text), Target.CILIUM, options);
  }

  /** A policy {@code p} of namespace shop selecting {@code app=api} with one block. */
  static String policy(String direction, String rules) {
    return "namespace shop\npolicy p {\n  select pods(app=api)\n  " + direction + " {\n" + rules + "\n  }\n}\n";
  }

  /**
   * The canonical YAML of one field of the single document's {@code spec} (or of its only spec), written as a
   * document of that one key. The compilation must have written its documents (no error).
   */
  static String field(Compilation c, String key) {
    assertThat(c.diagnostics()).filteredOn(Diagnostic::isError).isEmpty();
    assertThat(c.documents()).hasSize(1);
    ObjectNode tree = YamlWriter.tree(c.documents().get(0).object(), YamlLayout.CILIUM_POLICY);
    JsonNode spec = tree.has("spec") ? tree.get("spec") : tree.get("specs").get(0);
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.set(key, spec.get(key));
    return YamlWriter.write(out);
  }

  /** {@link #field} of a policy with one ingress or egress block of these rules, in fail-closed mode. */
  static String lowered(String direction, String rules, String key) {
    return field(compile(policy(direction, rules), Options.defaults()
        .mode(io.netlingua.targets.Mode.FAIL_CLOSED)), key);
  }

  /** The whole output's canonical trees. */
  static List<ObjectNode> trees(Compilation c) {
    return c.documents().stream().map(EmittedDocument::object)
        .map(o -> YamlWriter.tree(o, YamlLayout.CILIUM_POLICY)).toList();
  }

  /** The diagnostics with one of these codes, as {@code line:col severity code outcome}. */
  static List<String> found(Compilation c, Code... codes) {
    List<Code> wanted = List.of(codes);
    return c.diagnostics().stream()
        .filter(d -> wanted.contains(d.code()))
        .map(d -> d.span().line() + ":" + d.span().column() + " " + d.severity().label() + " " + d.code().id()
            + d.finding().map(f -> " " + f.outcome().label()).orElse(""))
        .toList();
  }
}

package io.netlingua.emit.calico;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
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
import io.netlingua.targets.Mode;
import io.netlingua.targets.Options;
import io.netlingua.targets.Target;
import java.util.List;

/** Parses test programs, compiles them for Calico through the whole pipeline, and shows parts of the output. */
final class CalicoFixtures {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private CalicoFixtures() {}

  /** A YAML document as a tree, for objects written by hand in a test. */
  static JsonNode parseYaml(String text) {
    try {
      return YAML.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  static Program parse(String text) {
    ParseResult r = NplParser.create().parse("test.npl", text);
    assertThat(r.diagnostics()).filteredOn(Diagnostic::isError).isEmpty();
    return r.program();
  }

  static Compilation compile(String text, Options options) {
    return Emitters.compile(parse(text), Target.CALICO, options);
  }

  /** Fail-closed options: a narrower result is a warning and its output is written. */
  static Options closed() {
    return Options.defaults().mode(Mode.FAIL_CLOSED);
  }

  /** Best-effort options: every degradation is a warning and the output is written. */
  static Options open() {
    return Options.defaults().mode(Mode.BEST_EFFORT);
  }

  /** Every cluster CIDR stated, one family: pods 10.0.0.0/16, services 10.96.0.0/12, nodes 192.168.0.0/24. */
  static Options stated(Options options) {
    return options.podCidrs("10.0.0.0/16").serviceCidrs("10.96.0.0/12").nodeCidrs("192.168.0.0/24");
  }

  /** A policy {@code p} of namespace shop selecting {@code app=api} with one block of these rules. */
  static String policy(String direction, String rules) {
    return "namespace shop\npolicy p {\n  select pods(app=api)\n  " + direction + " {\n" + rules + "\n  }\n}\n";
  }

  /** A cluster policy {@code p} selecting {@code app=api} in every namespace with one block of these rules. */
  static String clusterPolicy(String direction, String rules) {
    return "cluster policy p {\n  select pods(app=api)\n  " + direction + " {\n" + rules + "\n  }\n}\n";
  }

  /** The canonical trees of the whole output, in output order. */
  static List<ObjectNode> trees(Compilation c) {
    return c.documents().stream().map(EmittedDocument::object)
        .map(o -> YamlWriter.tree(o, YamlLayout.CALICO_POLICY)).toList();
  }

  /** The canonical tree of the document of that name; the compilation must have written its documents. */
  static ObjectNode document(Compilation c, String name) {
    assertThat(c.diagnostics()).filteredOn(Diagnostic::isError).isEmpty();
    return trees(c).stream().filter(t -> t.get("metadata").get("name").asText().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no document " + name + " in " + names(c)));
  }

  /** The names of the documents written, in output order. */
  static List<String> names(Compilation c) {
    return c.documents().stream().map(EmittedDocument::name).toList();
  }

  /**
   * The canonical YAML of one key of the spec of document {@code name}, written as a document of that one key
   * ({@code ingress: ...}). The compilation must have written its documents (no error).
   */
  static String field(Compilation c, String name, String key) {
    JsonNode spec = document(c, name).get("spec");
    assertThat(spec.has(key)).as("%s has spec.%s: %s", name, key, spec).isTrue();
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.set(key, spec.get(key));
    return YamlWriter.write(out);
  }

  /** {@link #field} of the allow object {@code shop-p}. */
  static String field(Compilation c, String key) {
    return field(c, "shop-p", key);
  }

  /** {@link #field} of {@code shop-p} for a policy of one block of these rules, in fail-closed mode. */
  static String lowered(String direction, String rules, String key) {
    return field(compile(policy(direction, rules), closed()), key);
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

  /** The messages of the diagnostics with this code. */
  static List<String> messages(Compilation c, Code code) {
    return c.diagnostics().stream().filter(d -> d.code() == code).map(Diagnostic::message).toList();
  }

  /**
   * A peer that is left out, checked both ways on egress: in an allow (fail-closed) it is reported narrower at line 5
   * column 14 and the rule is gone; in a deny beside {@code allow to world} (best-effort) it is reported wider at
   * line 6 column 13 and no deny object is written.
   *
   * @param peer the peer and its ports, as written after {@code allow to} / {@code deny to}
   * @param code the code reported
   */
  static void leftOutOfEgressBothWays(String peer, Code code) {
    Compilation allow = compile(policy("egress", "    allow to " + peer), closed());
    assertThat(found(allow, code)).containsExactly("5:14 warning " + code.id() + " narrower");
    assertThat(document(allow, "shop-p").get("spec").has("egress")).as("the allow is left out").isFalse();
    Compilation deny = compile(policy("egress", "    allow to world\n    deny to " + peer), open());
    assertThat(found(deny, code)).containsExactly("6:13 warning " + code.id() + " wider");
    assertThat(names(deny)).as("the deny is left out").containsExactly("shop-p");
  }
}

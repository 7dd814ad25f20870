package io.netlingua.emit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netlingua.diagnostics.Code;
import io.netlingua.dsl.NplParser;
import io.netlingua.dsl.ParseResult;
import io.netlingua.emit.validate.DocumentValidator;
import io.netlingua.schemas.Schemas;
import io.netlingua.targets.Mode;
import io.netlingua.targets.Options;
import io.netlingua.targets.Target;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.SourceDSL;
import org.yaml.snakeyaml.Yaml;

/**
 * Over random programs (written as text from snippets of every peer, port and rule form, then parsed), compiled
 * for every target in every mode: the output always validates (no NL4001: an emitter never builds an object its
 * schema refuses), two compiles give the same bytes, the YAML reads back as the emitted objects, and the JSON
 * report validates against its schema. Tries come from {@code netlingua.property.tries}; the seed is fixed.
 */
class PipelinePropertyTest {
  private static final long SEED = 0x4e4c3430L;
  /** A program is compiled for every target and mode: a tenth of the usual tries keeps the run short. */
  private static final int TRIES = Math.max(20, Integer.getInteger("netlingua.property.tries", 1000) / 10);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AtomicInteger WRITTEN = new AtomicInteger();

  private static final List<String> COMMON_PEERS = List.of(
      "pods", "pods(app=web)", "pods(app=api, tier in (a, b))", "pods(app=db) in namespace data",
      "pods(!legacy) in any namespace", "namespace monitoring", "namespaces(team=payments)",
      "namespaces(env notin (dev))", "cidr 10.0.0.0/8", "cidr 10.0.0.0/8 except 10.1.0.0/16",
      "cidr 192.168.0.0/24", "cidr 2001:db8::/32", "world", "cluster", "any", "host", "nodes", "kube-apiserver",
      "serviceaccount deployer in namespace ci", "kube-dns");
  private static final List<String> EGRESS_PEERS = List.of("fqdn \"api.example.com\"", "service kafka");
  private static final List<String> PORTS = List.of(
      "tcp/80", "tcp/8080", "udp/53", "tcp/8000-8100", "sctp/3868", "tcp/http", "udp", "icmp type 8",
      "tcp/1-65535");

  @Test
  void everyCompilationValidatesIsDeterministicAndReadsBack() {
    qt().withFixedSeed(SEED).withExamples(TRIES).withShrinkCycles(20)
        .forAll(programs())
        .checkAssert(text -> {
          ParseResult parsed = NplParser.create().parse("random.npl", text);
          assertThat(parsed.hasErrors()).as(text + parsed.diagnostics()).isFalse();
          for (Target target : Emitters.targets()) {
            for (Mode mode : Mode.values()) {
              check(text, parsed, target, Options.defaults().mode(mode).namespaces("shop", "data"));
            }
          }
        });
    // The programs must reach the writer, not only the error paths.
    assertThat(WRITTEN.get()).as("compilations that wrote YAML").isGreaterThan(TRIES / 4);
  }

  private static void check(String text, ParseResult parsed, Target target, Options options) {
    String run = target.id() + " " + options.mode().id() + "\n" + text;
    Compilation first = Emitters.compile(parsed.program(), target, options);
    Compilation second = Emitters.compile(parsed.program(), target, options);
    if (!first.yaml().isEmpty()) {
      WRITTEN.incrementAndGet();
    }
    assertThat(first.diagnostics()).as(run)
        .noneMatch(d -> d.code() == Code.INVALID_OUTPUT || d.code() == Code.DUPLICATE_OBJECT);
    assertThat(second.yaml()).as(run).isEqualTo(first.yaml());
    assertThat(second.jsonReport()).as(run).isEqualTo(first.jsonReport());
    assertThat(DocumentValidator.validate(Schemas.REPORT, parse(first.jsonReport()))).as(run).isEmpty();
    List<JsonNode> read = new ArrayList<>();
    new Yaml().loadAll(first.yaml()).forEach(o -> read.add(JSON.valueToTree(o)));
    List<JsonNode> emitted = first.documents().stream().map(d -> (JsonNode) JSON.valueToTree(d.object())).toList();
    assertThat(read).as(run).isEqualTo(emitted);
  }

  private static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Gen<String> programs() {
    return SourceDSL.lists().of(policies()).ofSizeBetween(1, 4).map(PipelinePropertyTest::program);
  }

  private static String program(List<String> policies) {
    StringBuilder out = new StringBuilder("namespace shop\n\n");
    for (int i = 0; i < policies.size(); i++) {
      out.append(policies.get(i).replace("NAME", "p" + i)).append('\n');
    }
    return out.toString();
  }

  private static Gen<String> policies() {
    Gen<String> subject = pick(List.of("pods", "pods(app=api)", "pods(app=web, tier=front)"));
    Gen<String> ingress = rules(COMMON_PEERS, "from").map(r -> block("ingress", r));
    Gen<String> egress = rules(concat(COMMON_PEERS, EGRESS_PEERS), "to").map(r -> block("egress", r));
    Gen<String> blocks = ingress.zip(egress, SourceDSL.integers().between(0, 2),
        (in, eg, which) -> which == 0 ? in : which == 1 ? eg : in + eg);
    Gen<String> head = pick(List.of("policy NAME", "policy NAME", "cluster policy NAME"));
    return head.zip(subject, blocks, (h, s, b) -> h + " {\n  select " + s + "\n" + b + "}\n");
  }

  private static String block(String direction, List<String> rules) {
    return "  " + direction + " {\n" + String.join("", rules) + "  }\n";
  }

  private static Gen<List<String>> rules(List<String> peers, String keyword) {
    Gen<String> peerList = SourceDSL.lists().of(pick(peers)).ofSizeBetween(1, 3)
        .map(l -> String.join(", ", l.stream().distinct().toList()));
    Gen<String> portList = SourceDSL.lists().of(pick(PORTS)).ofSizeBetween(0, 2)
        .map(l -> l.isEmpty() ? "" : " on " + String.join(", ", l.stream().distinct().toList()));
    Gen<String> action = pick(List.of("allow", "allow", "deny", "log allow"));
    Gen<String> ends = portList.zip(SourceDSL.integers().between(0, 3),
        (ports, l7) -> l7 == 0 ? " on tcp/8443 { http GET path \"/x\" }" : ports);
    Gen<String> rule = action.zip(peerList, ends, (a, p, end) ->
        "    " + a + " " + keyword + " " + p + (a.equals("allow") || !end.contains("{") ? end : "") + "\n");
    return SourceDSL.lists().of(rule).ofSizeBetween(0, 4);
  }

  private static <T> Gen<T> pick(List<T> values) {
    return SourceDSL.integers().between(0, values.size() - 1).map(values::get);
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }
}

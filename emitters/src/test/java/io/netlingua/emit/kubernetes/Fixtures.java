package io.netlingua.emit.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.netlingua.diagnostics.Diagnostic;
import io.netlingua.dsl.NplParser;
import io.netlingua.dsl.ParseResult;
import io.netlingua.emit.Compilation;
import io.netlingua.emit.EmittedDocument;
import io.netlingua.emit.Emitters;
import io.netlingua.emit.spi.Degradations;
import io.netlingua.emit.spi.PlannedDocument;
import io.netlingua.model.Program;
import io.netlingua.targets.Capabilities;
import io.netlingua.targets.Options;
import io.netlingua.targets.Target;
import java.nio.file.Path;
import java.util.List;

/** Parses test programs and compiles them for Kubernetes. */
final class Fixtures {
  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory().enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

  private Fixtures() {}

  /** A program of one file, {@code test.npl}, that must parse without error. */
  static Program parse(String text) {
    ParseResult r = NplParser.create().parse("test.npl", text);
    assertThat(r.diagnostics()).filteredOn(Diagnostic::isError).isEmpty();
    return r.program();
  }

  /** An example of the examples folder (the tests run in the emitters module's folder). */
  static Program example(String name) {
    ParseResult r = NplParser.create().parse(List.of(Path.of("..", "examples", name)));
    assertThat(r.diagnostics()).filteredOn(Diagnostic::isError).isEmpty();
    return r.program();
  }

  static Compilation compile(String text, Options options) {
    return Emitters.compile(parse(text), Target.KUBERNETES, options);
  }

  /** The emitter's objects, whatever the diagnostics say (the pipeline drops them on an error). */
  static List<NetworkPolicy> objects(String text, Options options) {
    return objects(parse(text), options);
  }

  static List<NetworkPolicy> objects(Program program, Options options) {
    return documents(program, options).stream().map(doc -> (NetworkPolicy) doc.object()).toList();
  }

  /** The emitter's documents, in output order, whatever the diagnostics say. */
  static List<EmittedDocument> documents(Program program, Options options) {
    Degradations d = new Degradations(
        Capabilities.of(Target.KUBERNETES, options.versionFor(Target.KUBERNETES)), options.mode());
    return new KubernetesEmitter().emit(program, options, d).stream().map(PlannedDocument::build)
        .sorted(EmittedDocument.ORDER).toList();
  }

  /** The one object of that name. */
  static NetworkPolicy named(List<NetworkPolicy> objects, String name) {
    return objects.stream().filter(o -> o.getMetadata().getName().equals(name)).findFirst().orElseThrow();
  }

  /** The diagnostics of a compilation with one of these codes, as {@code line:col severity code}. */
  static List<String> found(Compilation c, io.netlingua.diagnostics.Code... codes) {
    List<io.netlingua.diagnostics.Code> wanted = List.of(codes);
    return c.diagnostics().stream()
        .filter(d -> wanted.contains(d.code()))
        .map(d -> d.span().line() + ":" + d.span().column() + " " + d.severity().label() + " " + d.code().id()
            + d.finding().map(f -> " " + f.outcome().label()).orElse(""))
        .toList();
  }

  /** The spec of an object as YAML (no document marker), to compare with the YAML the reader expects. */
  static String spec(NetworkPolicy object) {
    return yaml(object.getSpec());
  }

  /** YAML of an object, without the document marker. */
  static String yaml(Object object) {
    try {
      return YAML.writeValueAsString(object).replaceFirst("^---\\n", "");
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}

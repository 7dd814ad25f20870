package io.netlingua.emit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.netlingua.diagnostics.Code;
import io.netlingua.diagnostics.Diagnostic;
import io.netlingua.dsl.ParseResult;
import io.netlingua.emit.yaml.YamlWriter;
import io.netlingua.model.Program;
import io.netlingua.model.SourceSpan;
import io.netlingua.targets.Mode;
import io.netlingua.targets.Options;
import io.netlingua.targets.Target;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shared pipeline around an emitter: sorting, duplicate objects, validation, YAML. */
class EmittersTest {
  private static final Program SHOP = Programs.parse(Programs.SHOP).program();
  private static final Options FAIL_CLOSED = Options.defaults().mode(Mode.FAIL_CLOSED);

  @Test
  void validDocumentsComeBackSortedWithTheirYaml() {
    Compilation c = Emitters.compile(SHOP, TestEmitter.valid(), FAIL_CLOSED);
    assertThat(c.hasErrors()).isFalse();
    assertThat(c.documents()).extracting(EmittedDocument::name).containsExactly("api", "web");
    assertThat(c.yaml()).startsWith("apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: api\n");
    assertThat(c.yaml().split("\n---\n")).hasSize(2);
    assertThat(c.yaml().split("\n---\n")[1]).startsWith("apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\n"
        + "metadata:\n  name: web\n");
  }

  @Test
  void compilingTwiceGivesTheSameBytes() {
    String first = Emitters.compile(SHOP, TestEmitter.valid(), FAIL_CLOSED).yaml();
    String second = Emitters.compile(Programs.parse(Programs.SHOP).program(), TestEmitter.valid(), FAIL_CLOSED).yaml();
    assertThat(second.getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo(first.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  @Test
  void anInvalidDocumentIsNl4001NamingTheDocumentAndTheSchemaErrorAndNothingIsReturned() {
    // A deliberately invalid object: ICMP is not a NetworkPolicy protocol.
    TestEmitter broken = new TestEmitter(p -> List.of(
        new NetworkPolicyBuilder(NetworkPolicies.api("shop", p.name()))
            .editSpec().editFirstIngress().editFirstPort().withProtocol("ICMP").endPort().endIngress().endSpec()
            .build()));
    Compilation c = Emitters.compile(SHOP, broken, FAIL_CLOSED);
    assertThat(c.hasErrors()).isTrue();
    assertThat(c.documents()).isEmpty();
    assertThat(c.yaml()).isEmpty();
    List<Diagnostic> invalid = c.diagnostics().stream().filter(d -> d.code() == Code.INVALID_OUTPUT).toList();
    assertThat(invalid).hasSize(2);
    assertThat(invalid.get(0).message())
        .startsWith("kubernetes: the NetworkPolicy shop/web does not validate against netlingua-networkpolicy: ")
        .contains("/spec/ingress/0/ports/0/protocol");
    assertThat(invalid.get(0).span().line()).isEqualTo(3);
    assertThat(invalid.get(0).hint()).hasValueSatisfying(h -> assertThat(h).contains("bug"));
  }

  @Test
  void aStreamedRunHandsEachDocumentOverInOrderWithTheYamlOfTheInMemoryRun() throws IOException {
    List<String> names = new ArrayList<>();
    StringBuilder yaml = new StringBuilder();
    CompileReport report = Emitters.lower(SHOP, List.of(), TestEmitter.valid(), FAIL_CLOSED, (document, text) -> {
      names.add(document.name());
      yaml.append(yaml.length() == 0 ? "" : YamlWriter.SEPARATOR).append(text);
    });
    Compilation inMemory = Emitters.compile(SHOP, TestEmitter.valid(), FAIL_CLOSED);
    assertThat(names).containsExactly("api", "web");
    assertThat(yaml.toString()).isEqualTo(inMemory.yaml());
    assertThat(report).isEqualTo(inMemory.report());
    assertThat(report.documents()).extracting(DocumentRef::file).containsExactly("shop/api.yaml", "shop/web.yaml");
  }

  @Test
  void aStreamedRunStopsHandingOverAtTheFirstInvalidDocumentAndReportsEveryOne() throws IOException {
    // The first document in output order (api) is invalid; the second (web) is valid but must not reach the sink.
    TestEmitter firstBroken = new TestEmitter(p -> List.of(p.name().equals("api")
        ? new NetworkPolicyBuilder(NetworkPolicies.api("shop", "api"))
            .editSpec().editFirstIngress().editFirstPort().withProtocol("ICMP").endPort().endIngress().endSpec()
            .build()
        : NetworkPolicies.api("shop", p.name())));
    List<String> received = new ArrayList<>();
    CompileReport report =
        Emitters.lower(SHOP, List.of(), firstBroken, FAIL_CLOSED, (document, text) -> received.add(document.name()));
    assertThat(received).isEmpty();
    assertThat(report.hasErrors()).isTrue();
    assertThat(report.documents()).isEmpty();
    assertThat(report.diagnostics()).filteredOn(d -> d.code() == Code.INVALID_OUTPUT).singleElement()
        .satisfies(d -> assertThat(d.message()).contains("NetworkPolicy shop/api"));
  }

  @Test
  void aSinkThatFailsStopsTheRunWithItsException() {
    IOException full = new IOException("no space left on device");
    assertThatThrownBy(() -> Emitters.lower(SHOP, List.of(), TestEmitter.valid(), FAIL_CLOSED, (document, text) -> {
      throw full;
    })).isSameAs(full);
  }

  @Test
  void twoObjectsOfOneKindNamespaceAndNameAreNl4002() {
    TestEmitter same = new TestEmitter(p -> List.of(NetworkPolicies.api("shop", "same")));
    Compilation c = Emitters.compile(SHOP, same, FAIL_CLOSED);
    assertThat(c.documents()).isEmpty();
    assertThat(c.diagnostics()).filteredOn(d -> d.code() == Code.DUPLICATE_OBJECT).singleElement()
        .satisfies(d -> {
          assertThat(d.message()).isEqualTo(
              "kubernetes: two objects would be NetworkPolicy shop/same (the other comes from shop.npl:3:8)");
          assertThat(d.span().line()).isEqualTo(10);
        });
  }

  @Test
  void aDegradationErrorReturnsNothingAndSkipsValidation() {
    Compilation c = Emitters.compile(SHOP, TestEmitter.valid(), Options.defaults());
    assertThat(c.diagnostics()).extracting(d -> d.code().id()).containsExactly("NL3901", "NL3004");
    assertThat(c.documents()).isEmpty();
    assertThat(c.yaml()).isEmpty();
  }

  /**
   * The targets are listed without creating an emitter (the command line lists them in its help), and the emitter
   * each gets on its first compilation is its own, the same one every time.
   */
  @Test
  void everyTargetHasItsOwnEmitterCreatedOnce() {
    assertThat(Emitters.targets()).containsExactly(Target.KUBERNETES, Target.CILIUM, Target.CALICO, Target.FLANNEL);
    for (Target t : Emitters.targets()) {
      assertThat(Emitters.emitter(t).target()).as(t.id()).isEqualTo(t);
      assertThat(Emitters.emitter(t)).as(t.id()).isSameAs(Emitters.emitter(t));
    }
  }

  @Test
  void flannelWritesNothing() {
    Compilation c = Emitters.compile(SHOP, Target.FLANNEL, Options.defaults().mode(Mode.BEST_EFFORT));
    assertThat(c.hasErrors()).isTrue();
    assertThat(c.documents()).isEmpty();
    assertThat(c.yaml()).isEmpty();
  }

  /** A parsed program is lowered without a second check: the parser's diagnostics are carried, not repeated. */
  @Test
  void aCheckedProgramCarriesTheParsersDiagnosticsOnce() {
    ParseResult parsed = Programs.parse(Programs.SHOP);
    Compilation viaParser =
        Emitters.compileChecked(parsed.program(), parsed.diagnostics(), Target.KUBERNETES, FAIL_CLOSED);
    Compilation direct = Emitters.compile(parsed.program(), Target.KUBERNETES, FAIL_CLOSED);
    assertThat(viaParser.yaml()).isEqualTo(direct.yaml());
    assertThat(viaParser.diagnostics()).containsAll(parsed.diagnostics()).doesNotHaveDuplicates();
    assertThat(catchThrowable(() -> Emitters.compileChecked(
            parsed.program(),
            List.of(Diagnostic.of(Code.UNKNOWN_NAME, SourceSpan.NONE, "x")),
            Target.KUBERNETES, FAIL_CLOSED)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** Every public entry point checks the options against the target before an emitter sees them. */
  @Test
  void optionsThatDoNotFitTheTargetAreRefusedByEveryEntryPoint() {
    ParseResult parsed = Programs.parse(Programs.SHOP);
    Options tooOld = FAIL_CLOSED.targetVersion("1.20");
    Options tiered = FAIL_CLOSED.targetOption("tier", "platform");

    assertThatThrownBy(() -> Emitters.compile(SHOP, Target.KUBERNETES, tooOld))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1.21 to 1.35");
    assertThatThrownBy(() -> Emitters.compileChecked(parsed.program(), parsed.diagnostics(), Target.KUBERNETES,
            tooOld))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1.21 to 1.35");
    assertThatThrownBy(() -> Emitters.compileChecked(parsed.program(), parsed.diagnostics(), Target.FLANNEL, tiered,
            (document, yaml) -> { }))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("flannel takes no target options (got 'tier')");
    assertThat(Emitters.compile(SHOP, Target.KUBERNETES, FAIL_CLOSED.targetVersion("1.24.3")).targetVersion())
        .isEqualTo("1.24.3");
  }
}

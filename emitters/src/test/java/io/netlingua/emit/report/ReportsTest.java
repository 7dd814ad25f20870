package io.netlingua.emit.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netlingua.diagnostics.SourceText;
import io.netlingua.dsl.ParseResult;
import io.netlingua.emit.Compilation;
import io.netlingua.emit.CompileReport;
import io.netlingua.emit.PipelineFixtures;
import io.netlingua.emit.validate.DocumentValidator;
import io.netlingua.schemas.Schemas;
import io.netlingua.targets.Mode;
import io.netlingua.targets.Options;
import io.netlingua.targets.Target;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The text report (docs/reports.md) and the JSON report, which its schema validates. */
class ReportsTest {
  private static final ParseResult SHOP = PipelineFixtures.shop();

  @Test
  void theTextReportHasTheRunTheFactsEachDiagnosticWithItsSourceLineAndASummary() {
    Compilation c = PipelineFixtures.compile(SHOP.program(), Options.defaults().mode(Mode.FAIL_CLOSED));
    assertThat(c.textReport(SHOP.sources())).isEqualTo("""
        netlingua: target kubernetes 1.35, mode fail-closed
        facts and assumptions:
          - kubernetes: traffic between a pod and its own node is always allowed [NL3901]

        shop.npl:13:5: warning[NL3004]: kubernetes: HTTP rules cannot be expressed: the rule is left out
           13 |     allow from pods(app=web) on tcp/8080 {
              |     ^
            = hint: compile for cilium, which enforces HTTP rules

        summary: 2 documents emitted, 0 errors, 1 warning
        """);
  }

  @Test
  void aFailedCompilationSaysNothingIsWritten() {
    Compilation c = PipelineFixtures.compile(SHOP.program(), Options.defaults());
    assertThat(c.textReport(SourceText.NONE))
        .startsWith("netlingua: target kubernetes 1.35, mode strict\n")
        .contains("shop.npl:13:5: error[NL3004]: ")
        .endsWith("\nsummary: nothing written, 1 error, 0 warnings\n");
  }

  @Test
  void theFlannelReportListsEveryPolicyWithItsHint() {
    Compilation c = io.netlingua.emit.Emitters.compile(SHOP.program(), Target.FLANNEL, Options.defaults());
    String report = c.textReport(SHOP.sources());
    assertThat(report)
        .startsWith("netlingua: target flannel 0.27, mode strict\nfacts and assumptions: none\n\n")
        .contains("shop.npl:3:8: error[NL3001]: flannel: policy 'web' (namespace shop) cannot be enforced")
        .contains("shop.npl:10:8: error[NL3001]: flannel: policy 'api' (namespace shop) cannot be enforced")
        .contains("= hint: run Canal")
        .endsWith("\nsummary: nothing written, 2 errors, 0 warnings\n");
  }

  @Test
  void theJsonReportValidatesAgainstItsSchemaAndCarriesEveryField() throws Exception {
    Compilation c = PipelineFixtures.compile(SHOP.program(), Options.defaults().mode(Mode.FAIL_CLOSED));
    JsonNode json = new ObjectMapper().readTree(c.jsonReport());
    assertThat(DocumentValidator.validate(Schemas.REPORT, json)).isEmpty();
    assertThat(json.get("target").asText()).isEqualTo("kubernetes");
    assertThat(json.get("version").asText()).isEqualTo("1.35");
    assertThat(json.get("mode").asText()).isEqualTo("fail-closed");
    assertThat(json.get("targetOptions").toString()).isEqualTo("{}");
    assertThat(json.get("summary").toString())
        .isEqualTo("{\"written\":true,\"documents\":2,\"errors\":0,\"warnings\":1,\"infos\":1}");
    assertThat(json.get("documents").get(0).toString()).isEqualTo(
        "{\"apiVersion\":\"networking.k8s.io/v1\",\"kind\":\"NetworkPolicy\",\"namespace\":\"shop\","
            + "\"name\":\"api\",\"file\":\"shop.npl\",\"line\":10}");
    assertThat(json.get("diagnostics").get(0).toString()).isEqualTo(
        "{\"code\":\"NL3901\",\"severity\":\"info\",\"message\":\"kubernetes: traffic between a pod and its own"
            + " node is always allowed\",\"file\":\"<java>\",\"line\":1,\"column\":1,\"endLine\":1,\"endColumn\":1,"
            + "\"hint\":null,\"target\":null,\"feature\":null,\"outcome\":null,\"direction\":null}");
    assertThat(json.get("diagnostics").get(1).toString()).isEqualTo(
        "{\"code\":\"NL3004\",\"severity\":\"warning\",\"message\":\"kubernetes: HTTP rules cannot be expressed: the"
            + " rule is left out\",\"file\":\"shop.npl\",\"line\":13,\"column\":5,\"endLine\":15,\"endColumn\":6,"
            + "\"hint\":\"compile for cilium, which enforces HTTP rules\",\"target\":\"kubernetes\","
            + "\"feature\":\"l7-http\",\"outcome\":\"narrower\",\"direction\":\"ingress\"}");
  }

  @Test
  void theJsonReportOfAFailureValidatesAndIsNotWritten() throws Exception {
    for (Compilation c : new Compilation[] {
        PipelineFixtures.compile(SHOP.program(), Options.defaults()),
        io.netlingua.emit.Emitters.compile(SHOP.program(), Target.FLANNEL, Options.defaults())}) {
      JsonNode json = new ObjectMapper().readTree(c.jsonReport());
      assertThat(DocumentValidator.validate(Schemas.REPORT, json)).isEmpty();
      assertThat(json.at("/summary/written").asBoolean()).isFalse();
      assertThat(json.get("documents").isEmpty()).isTrue();
    }
  }

  @Test
  void theJsonReportIsIndentedWithTwoSpacesAndLineFeeds() {
    String json = io.netlingua.emit.Emitters.compile(SHOP.program(), Target.FLANNEL, Options.defaults())
        .jsonReport();
    assertThat(json).startsWith("{\n  \"target\": \"flannel\",\n  \"version\": \"0.27\",\n")
        .contains("\"documents\": [],\n")
        .doesNotContain("\r")
        .endsWith("}\n");
  }

  /**
   * The target options a run gave are part of the run, in key order, in both reports. No target of this release
   * declares a key, so the report is built by hand: rendering does not check the options against the target.
   */
  @Test
  void bothReportsShowTheTargetOptionsTheRunGave() throws Exception {
    Options options = Options.defaults().targetOption("tier", "platform").targetOption("default-deny", "false");
    CompileReport report = new CompileReport(Target.KUBERNETES, options, List.of(), List.of());

    assertThat(report.textReport(SourceText.NONE)).startsWith(
        "netlingua: target kubernetes 1.35, mode strict, target options default-deny=false tier=platform\n");
    JsonNode json = new ObjectMapper().readTree(report.jsonReport());
    assertThat(DocumentValidator.validate(Schemas.REPORT, json)).isEmpty();
    assertThat(json.get("targetOptions").toString()).isEqualTo("{\"default-deny\":\"false\",\"tier\":\"platform\"}");
    assertThat(report.jsonReport()).contains("\"mode\": \"strict\",\n  \"targetOptions\": {\n    \"default-deny\"");
  }

  @Test
  void theSchemaRequiresTheTargetOptionsAsAMapOfKeysToStrings() throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    CompileReport report = new CompileReport(Target.KUBERNETES, Options.defaults(), List.of(), List.of());
    ObjectNode json = (ObjectNode) mapper.readTree(report.jsonReport());
    assertThat(DocumentValidator.validate(Schemas.REPORT, json)).isEmpty();

    json.putObject("targetOptions").put("Tier", "x");
    assertThat(DocumentValidator.validate(Schemas.REPORT, json)).as("a key that is not one").isNotEmpty();
    json.putObject("targetOptions").put("tier", 1);
    assertThat(DocumentValidator.validate(Schemas.REPORT, json)).as("a value that is not a string").isNotEmpty();
    json.remove("targetOptions");
    assertThat(DocumentValidator.validate(Schemas.REPORT, json)).as("always present").isNotEmpty();
  }
}

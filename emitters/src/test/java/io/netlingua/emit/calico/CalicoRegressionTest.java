package io.netlingua.emit.calico;

import static io.netlingua.emit.calico.CalicoFixtures.closed;
import static io.netlingua.emit.calico.CalicoFixtures.compile;
import static io.netlingua.emit.calico.CalicoFixtures.document;
import static io.netlingua.emit.calico.CalicoFixtures.found;
import static io.netlingua.emit.calico.CalicoFixtures.open;
import static io.netlingua.emit.calico.CalicoFixtures.policy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.netlingua.diagnostics.Code;
import io.netlingua.emit.Compilation;
import io.netlingua.emit.EmittedDocument;
import io.netlingua.targets.Options;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Mistakes the Calico emitter made before review, one test each (each failed on the first version of the emitter),
 * and the readings of Calico that review corrected.
 */
class CalicoRegressionTest {

  /**
   * Bug 1. {@code http *} (any method, no path) with {@code alp=enabled} on 3.32 lowers to {@code http: {}}, which the
   * project's schema refuses (minProperties 1): NL4001 "this is a bug in netlingua", in every mode. An alternative
   * that matches every request is the rule at L4 (HTTPMatch: methods and paths optional, ANDed: policy_common.go).
   */
  @Test
  void anyMethodWithoutAPathIsTheRuleWithoutHttp() {
    Compilation c = compile(policy("ingress", "    allow from pods(app=web) on tcp/8080 {\n      http *\n    }"),
        Options.defaults().targetOption("alp", "enabled"));
    assertThat(found(c, Code.INVALID_OUTPUT)).isEmpty();
    JsonNode rule = document(c, "shop-p").get("spec").get("ingress").get(0);
    assertThat(rule.has("http")).isFalse();
    assertThat(rule.get("destination").get("ports").get(0).asInt()).isEqualTo(8080);
  }

  /** Bug 1, best-effort: {@code http * host "h"} keeps the alternative without its host, again as {@code http: {}}. */
  @Test
  void anyMethodWithAHostInBestEffortIsTheRuleWithoutHttp() {
    Compilation c = compile(policy("ingress",
        "    allow from pods(app=web) on tcp/8080 {\n      http * host \"api.example.com\"\n    }"),
        open().targetOption("alp", "enabled"));
    assertThat(found(c, Code.INVALID_OUTPUT)).isEmpty();
    assertThat(found(c, Code.L7_HTTP)).containsExactly("6:7 warning NL3004 wider");
  }

  /**
   * Bug 2. {@code staged=true} on 3.29 writes StagedGlobalNetworkPolicy, a kind Calico 3.29 does not have (no
   * {@code stagedglobalnetworkpolicy.go} in api/pkg/apis/projectcalico/v3 up to v3.29.7, no staged CRD in
   * libcalico-go/config/crd; first in v3.30.0, TARGETS.md section 3.6): the output cannot be applied. It should be a
   * usage error, as the other option checks are.
   */
  @Test
  void stagedPoliciesBeforeThreeThirtyAreAUsageError() {
    assertThatThrownBy(() -> compile(policy("ingress", "    allow from world"),
        open().targetVersion("3.29").targetOption("staged", "true")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /**
   * Bug 3. ICMP toward a Service: a destination {@code services} match is an IP-and-port set of the endpoints
   * (felix/calc/rule_scanner.go at v3.32.1: {@code ServiceIncludePorts: true}, {@code DataplaneProtocolType} {@code
   * IP_AND_PORT}), which no ICMP packet matches. The deny below denies nothing, silently: only the NL3904 fact about
   * ports is reported. It must be reported wider (or, for an allow, narrower).
   */
  @Test
  void icmpTowardAServiceIsReported() {
    Compilation deny = compile(policy("egress", "    allow to world\n    deny to service db on icmp"), open());
    assertThat(found(deny, Code.SERVICE)).containsExactly("6:13 warning NL3017 wider");
    Compilation allow = compile(policy("egress", "    allow to kube-apiserver on icmp"), closed());
    assertThat(found(allow, Code.ENTITY_KUBE_APISERVER)).containsExactly("5:14 warning NL3013 narrower");
  }

  /**
   * Bug 4 (minor). {@code log} on a rule with several http alternatives writes one identical Log rule before each
   * alternative's rule; Log continues (_rule.mdx), so each packet is logged once per alternative.
   */
  @Test
  void aLoggedRuleIsLoggedOnce() {
    Compilation c = compile(policy("ingress", """
            log allow from pods(app=web) on tcp/8080 {
              http GET path "/a"
              http POST path "/b"
            }"""), Options.defaults().targetOption("alp", "enabled"));
    List<JsonNode> logs = new ArrayList<>();
    document(c, "shop-p").get("spec").get("ingress").forEach(r -> {
      if (r.get("action").asText().equals("Log")) {
        logs.add(r);
      }
    });
    assertThat(logs).doesNotHaveDuplicates();
  }

  /**
   * Bug 5. {@code order} is written as a Jackson LongNode ({@code CalicoEmitter.number}: {@code
   * numberNode(longValueExact())}), while the YAML it writes reads back as an int: the emitted tree and the YAML
   * differ, and {@code io.netlingua.emit.PipelinePropertyTest} ("the YAML reads back as the emitted objects") fails
   * on calico-wip for every Calico compilation.
   */
  @Test
  void theYamlReadsBackAsTheEmittedObject() throws IOException {
    Compilation c = compile(policy("ingress", "    allow from world\n    deny from cidr 203.0.113.0/24"), open());
    List<JsonNode> read = new ArrayList<>();
    new ObjectMapper(new YAMLFactory()).readerFor(JsonNode.class).readValues(c.yaml())
        .forEachRemaining(n -> read.add((JsonNode) n));
    assertThat(read).isEqualTo(c.documents().stream().map(EmittedDocument::object).toList());
  }

  /** Calico takes http with protocol TCP or none (the CRD's CEL rule): a named TCP port and every TCP port carry it. */
  @Test
  void httpStandsOnANamedTcpPortAndOnEveryTcpPort() {
    for (String ports : List.of("tcp/http", "tcp")) {
      Compilation c = compile(policy("ingress",
          "    allow from pods(app=web) on " + ports + " {\n      http GET path \"/a\"\n    }"),
          Options.defaults().targetOption("alp", "enabled"));
      assertThat(found(c, Code.L7_HTTP)).as(ports).isEmpty();
      assertThat(document(c, "shop-p").get("spec").get("ingress").get(0).get("http").get("methods").get(0).asText())
          .isEqualTo("GET");
    }
  }

  /**
   * A namespace selector's keys are prefixed with {@code pcns.} and matched against namespace labels prefixed the
   * same way ({@code updateprocessors/rules.go}, {@code parseSelectorAttachPrefix}, v3.32.1): a {@code pcns.} key of
   * a namespace matches as written; only {@code projectcalico.org/name}, which Calico gives every namespace, differs.
   */
  @Test
  void onlyTheNameLabelIsReservedInANamespaceSelector() {
    Compilation own = compile(policy("ingress", "    allow from pods in namespaces(pcns.team=a)"), closed());
    assertThat(found(own, Code.SELECTORS)).isEmpty();
    Compilation name = compile(policy("ingress", "    allow from pods in namespaces(projectcalico.org/name=a)"),
        closed());
    assertThat(found(name, Code.SELECTORS)).containsExactly("5:16 error NL3023 wider");
  }

  /** Every TCP port toward a Service is every port: Calico matches the endpoints' own ports only (narrower). */
  @Test
  void everyPortOfAProtocolTowardAServiceIsReportedAsEveryPort() {
    Compilation c = compile(policy("egress", "    allow to service db on tcp"), closed());
    assertThat(found(c, Code.SERVICE)).containsExactly("5:14 warning NL3017 narrower");
  }
}

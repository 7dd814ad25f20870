package io.netlingua.emit.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.netlingua.emit.NetworkPolicies;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

/** The writer's fixed order, quoting and document separation. */
class YamlWriterTest {

  @Test
  void aNetworkPolicyIsWrittenInTheFixedKeyOrderWithSortedLabelMaps() {
    String yaml = YamlWriter.write(List.of(tree(NetworkPolicies.api("shop", "api"))));
    assertThat(yaml).isEqualTo("""
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          name: api
          namespace: shop
          labels:
            app.kubernetes.io/managed-by: netlingua
          annotations:
            netlingua.io/source: api.npl:3
        spec:
          podSelector:
            matchLabels:
              app: api
          policyTypes:
          - Ingress
          - Egress
          ingress:
          - from:
            - podSelector:
                matchLabels:
                  app: web
                  tier: frontend
              namespaceSelector:
                matchLabels:
                  kubernetes.io/metadata.name: web
            ports:
            - protocol: TCP
              port: 8080
            - protocol: TCP
              port: metrics
          egress:
          - to:
            - ipBlock:
                cidr: 10.0.0.0/8
                except:
                - 10.1.0.0/16
            ports:
            - protocol: UDP
              port: 5290
              endPort: 5300
        """);
  }

  @Test
  void policyTypesIsWrittenEvenWhenFabric8DropsTheEmptyList() {
    // Fabric8 omits empty lists; without policyTypes Kubernetes would assume Ingress (NetworkPolicySpec).
    NetworkPolicy policy = new NetworkPolicyBuilder(NetworkPolicies.denyAll("shop", "x"))
        .editSpec().withPolicyTypes().endSpec().build();
    ObjectNode tree = tree(policy);
    assertThat(tree.get("spec").fieldNames()).toIterable().containsExactly("podSelector", "policyTypes");
    assertThat(tree.at("/spec/policyTypes").isArray()).isTrue();
    assertThat(tree.at("/spec/policyTypes").isEmpty()).isTrue();
  }

  @Test
  void anEmptySelectorIsKeptBecauseItMeansEverything() {
    // podSelector: {} selects every pod of the namespace (NetworkPolicySpec.podSelector).
    String yaml = YamlWriter.write(List.of(tree(NetworkPolicies.denyAll("shop", "deny-all"))));
    assertThat(yaml).contains("spec:\n  podSelector: {}\n  policyTypes:\n  - Ingress\n  - Egress\n");
  }

  @Test
  void nullsAndEmptyListsAreLeftOutAndUnknownKeysAreSorted() throws Exception {
    JsonNode raw = new ObjectMapper().readTree(
        "{\"spec\":{\"zeta\":1,\"egress\":[],\"alpha\":null,\"podSelector\":{}},\"kind\":\"K\",\"extra\":true}");
    ObjectNode tree = YamlWriter.tree(raw, YamlLayout.NETWORK_POLICY);
    assertThat(tree.toString())
        .isEqualTo("{\"kind\":\"K\",\"spec\":{\"podSelector\":{},\"policyTypes\":[],\"zeta\":1},\"extra\":true}");
  }

  @Test
  void documentsAreSeparatedByThreeDashesAndNoDocumentIsEmptyText() {
    ObjectNode a = tree(NetworkPolicies.denyAll("a", "one"));
    ObjectNode b = tree(NetworkPolicies.denyAll("b", "two"));
    String yaml = YamlWriter.write(List.of(a, b));
    assertThat(yaml).startsWith("apiVersion: ").contains("\n---\napiVersion: ").endsWith("- Egress\n");
    assertThat(yaml.split("\n---\n")).hasSize(2);
    assertThat(YamlWriter.write(List.of())).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "8080", "1", "-1", "+1", "012", "1.0", "1e3", "0x1F", "0o17", "0b101", "1_000", "1:20", ".inf", "-.Inf",
      ".nan", "true", "False", "yes", "No", "on", "OFF", "y", "N", "null", "Null", "~", "", "2001-12-14",
      "2001-12-14t21:59:43.10-05:00", "<<", "=", "a: b", "#x", "x #y", "- a", "-", "? x", "@x", "`x", "*x", "&x",
      "!x", "%x", "|", ">", "'a", "\"a", "[a]", "{a}", " a", "a ", "é—ü", "a\nb", "tab\there",
      "nel\u0085x", "ls\u2028x", "bell\u0007", "smile \ud83d\ude42"})
  void everyStringReadsBackAsTheSameString(String value) {
    // Kubernetes reads YAML with go-yaml, whose implicit types follow YAML 1.1; SnakeYAML resolves the same ones.
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(value.isEmpty() ? "empty" : value, value);
    ObjectNode tree = new ObjectMapper().createObjectNode();
    tree.putPOJO("labels", labels);
    String yaml = YamlWriter.write(List.of(YamlWriter.tree(tree, YamlLayout.NETWORK_POLICY)));
    Map<String, Object> back = new Yaml().load(yaml);
    assertThat(back.get("labels")).as(yaml).isEqualTo(labels);
  }

  @Test
  void nonAsciiTextIsWrittenAsIs() {
    ObjectNode tree = new ObjectMapper().createObjectNode().put("description", "Team — orders ü");
    assertThat(YamlWriter.write(List.of(tree))).isEqualTo("description: Team — orders ü\n");
  }

  private static ObjectNode tree(Object policy) {
    return YamlWriter.tree(policy, YamlLayout.NETWORK_POLICY);
  }
}

package io.netlingua.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Our NetworkPolicy schema allows nothing the Kubernetes 1.35 API does not define: every property it allows exists
 * upstream at the same path ({@code $ref} and {@code allOf} followed on both sides) with the same type, and every
 * enum or const is a subset of what upstream allows. Upstream: kubernetes-sigs/kubectl-validate
 * {@code pkg/openapiclient/builtins/1.35/apis/networking.k8s.io/v1.json} at a97ccfac (../shared/upstream/SOURCES.md).
 * Skipped when that folder is absent, unless {@code netlingua.upstream.required} is true.
 */
class NetworkPolicySchemaUpstreamTest {
  private static final String ROOT = "io.k8s.api.networking.v1.NetworkPolicy";
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode upstream;
  private static JsonNode ours;

  /** Per test, so that a skip shows on each test rather than as a class with no tests. */
  @BeforeEach
  void load() throws IOException {
    Path folder = UpstreamFiles.require(UpstreamFiles.KUBERNETES);
    if (upstream == null) {
      upstream = JSON.readTree(folder.resolve(UpstreamFiles.KUBERNETES).toFile());
      ours = JSON.readTree(Schemas.text(Schemas.NETWORK_POLICY));
    }
  }

  @Test
  void everyPropertyWeAllowExistsUpstreamWithTheSameType() {
    assertThat(SchemaComparison.of(ours).compare(upstreamSchema(ROOT), "NetworkPolicy").problems()).isEmpty();
  }

  @Test
  void theComparisonNoticesAPropertyUpstreamLacksAndAWrongType() throws IOException {
    // The check itself: a made-up field and a port typed as boolean must both be found.
    JsonNode bad = JSON.readTree(
        "{\"type\":\"object\",\"properties\":{\"spec\":{\"type\":\"object\",\"properties\":{"
            + "\"priority\":{\"type\":\"integer\"},"
            + "\"ingress\":{\"type\":\"array\",\"items\":{\"type\":\"object\",\"properties\":{"
            + "\"ports\":{\"type\":\"array\",\"items\":{\"type\":\"object\",\"properties\":{"
            + "\"port\":{\"type\":\"boolean\"},\"protocol\":{\"type\":\"string\",\"enum\":[\"TCP\",7]}}}}}}}}}}}");
    List<String> problems = SchemaComparison.of(bad).compare(upstreamSchema(ROOT), "NetworkPolicy").problems();
    assertThat(problems).hasSize(3);
    assertThat(String.join("\n", problems))
        .contains("NetworkPolicy.spec.priority")
        .contains("NetworkPolicy.spec.ingress[].ports[].port")
        .contains("NetworkPolicy.spec.ingress[].ports[].protocol");
  }

  @Test
  void everyPropertyOfTheSchemaIsCoveredByTheComparison() {
    // Each $defs entry we define is reached from the root, so nothing escapes the comparison.
    Set<String> reached = SchemaComparison.of(ours).compare(upstreamSchema(ROOT), "NetworkPolicy").reached();
    Set<String> defined = new TreeSet<>();
    ours.path("$defs").fieldNames().forEachRemaining(defined::add);
    assertThat(reached).containsAll(defined);
  }

  private static SchemaComparison.Upstream upstreamSchema(String name) {
    return new SchemaComparison.Upstream(upstream, upstream.path("components").path("schemas").path(name));
  }
}

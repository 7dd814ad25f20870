package io.netlingua.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The upstream schemas of {@code ../shared/upstream} (its {@code SOURCES.md} says where each came from), as the
 * upstream tests find them: in the folder the system property {@code netlingua.upstream} names. A test whose files
 * are missing is skipped, unless {@code netlingua.upstream.required} is true (as in CI): then it fails.
 */
final class UpstreamFiles {
  /** The Kubernetes 1.35 OpenAPI of {@code networking.k8s.io/v1}, which also holds {@code ObjectMeta}. */
  static final String KUBERNETES = "kubernetes-1.35-apis__networking.k8s.io__v1_openapi.json";
  static final String OBJECT_META = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta";

  private UpstreamFiles() {}

  /**
   * The folder of the upstream schemas, holding every file named; call it before each test (in a
   * {@code @BeforeEach}), so that a skip shows on each test rather than as a class with no tests.
   */
  static Path require(String... names) {
    String folder = System.getProperty("netlingua.upstream", "");
    for (String name : names) {
      Path file = Path.of(folder.isEmpty() ? "." : folder, name);
      if (folder.isEmpty() || !Files.isRegularFile(file)) {
        if (Boolean.getBoolean("netlingua.upstream.required")) {
          fail("netlingua.upstream.required is true but " + file + " is missing");
        }
        assumeTrue(false, "upstream schemas absent (" + file + "): skipped");
      }
    }
    return Path.of(folder);
  }

  /**
   * A strict comparison of {@code ours} that compares our {@code metadata} with {@code ObjectMeta} of the Kubernetes
   * OpenAPI: a CRD leaves {@code metadata} to the API server ({@code {"type": "object"}}).
   *
   * @param kubernetes the document {@link #KUBERNETES}
   * @param kind the name of the root in the comparison's problems
   */
  static SchemaComparison strictWithObjectMeta(JsonNode ours, String kind, JsonNode kubernetes) {
    JsonNode objectMeta = kubernetes.path("components").path("schemas").path(OBJECT_META);
    assertThat(objectMeta.path("properties").has("labels")).as(OBJECT_META).isTrue();
    return SchemaComparison.of(ours).strict()
        .substituting(Map.of(kind + ".metadata", new SchemaComparison.Upstream(kubernetes, objectMeta)));
  }
}

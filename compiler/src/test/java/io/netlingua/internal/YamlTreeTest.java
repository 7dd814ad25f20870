package io.netlingua.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netlingua.FileResult;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bound on the size of cluster and flow files is deliberate, and crossing it is a clear error. */
class YamlTreeTest {
  @Test
  void aDocumentAboveTheBoundIsRefusedWithAClearError() {
    List<FileResult.Error> errors = new ArrayList<>();
    String big = "- {from: a/b, to: c/d, protocol: tcp, port: 80}\n".repeat(100);
    assertThat(YamlTree.read(1000, "f.yaml", big, errors)).isNull();
    assertThat(errors).singleElement().satisfies(e -> {
      assertThat(e.file()).isEqualTo("f.yaml");
      assertThat(e.message()).startsWith("not valid YAML: ").containsIgnoringCase("limit");
    });
  }

  @Test
  void theBoundHoldsAFlowFileOfTensOfThousandsOfFlows() {
    String flow = "- {from: shop/frontend-7d9f8b6c5d-x2x4z, to: shop/backend-5c4b7d9f8b-q8w9e, protocol: tcp, "
        + "port: 8080, http: {method: GET, path: /api/v1/orders}, expect: allow}\n";
    assertThat((long) flow.length() * 100_000).isLessThan(YamlTree.MAX_CODE_POINTS);
  }
}

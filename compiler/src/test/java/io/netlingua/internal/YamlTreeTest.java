package io.netlingua.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netlingua.FileResult;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The bound on the size of a cluster file is deliberate, and crossing it is a clear error (flow files are streamed
 * with a bound per flow instead: FlowStreamTest).
 */
class YamlTreeTest {
  @Test
  void aDocumentAboveTheBoundIsRefusedWithAClearError() {
    List<FileResult.Error> errors = new ArrayList<>();
    String big = "- {from: a/b, to: c/d, protocol: tcp, port: 80}\n".repeat(100);
    assertThat(YamlTree.read(1000, "f.yaml", big, errors::add)).isNull();
    assertThat(errors).singleElement().satisfies(e -> {
      assertThat(e.file()).isEqualTo("f.yaml");
      assertThat(e.message()).startsWith("not valid YAML: ").containsIgnoringCase("limit");
    });
  }
}

package io.netlingua.emit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The kustomization of a target folder, as the CLI and the Maven plugin write it. */
class KustomizationTest {

  @Test
  void listsTheFilesInTheOrderGivenWithFifoSorting() {
    assertThat(Kustomization.yaml(List.of("tiers/platform.yaml", "web.yaml", "api.yaml"))).isEqualTo(
        "apiVersion: kustomize.config.k8s.io/v1beta1\n"
            + "kind: Kustomization\n"
            + "sortOptions:\n"
            + "  order: fifo\n"
            + "resources:\n"
            + "- tiers/platform.yaml\n"
            + "- web.yaml\n"
            + "- api.yaml\n");
  }

  @Test
  void anEmptyFolderHasAnEmptyList() {
    assertThat(Kustomization.yaml(List.of())).endsWith("resources: []\n");
  }

  @Test
  void theSameListGivesTheSameBytes() {
    List<String> files = List.of("shop/api.yaml", "shop/web.yaml");
    assertThat(Kustomization.yaml(files)).isEqualTo(Kustomization.yaml(List.copyOf(files)));
  }

  @Test
  void refusesFilesItCannotList() {
    for (String bad : List.of("", "/abs.yaml", "a\\b.yaml", "../x.yaml", "a//b.yaml", "./a.yaml", "a/")) {
      assertThatIllegalArgumentException().as(bad).isThrownBy(() -> Kustomization.yaml(List.of(bad)));
    }
    assertThatIllegalArgumentException().isThrownBy(() -> Kustomization.yaml(List.of("a.yaml", "a.yaml")))
        .withMessageContaining("twice");
    assertThatIllegalArgumentException().isThrownBy(() -> Kustomization.yaml(List.of(Kustomization.FILE)))
        .withMessageContaining("kustomization itself");
  }
}

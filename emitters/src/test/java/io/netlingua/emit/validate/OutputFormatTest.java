package io.netlingua.emit.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netlingua.emit.EmittedDocument;
import io.netlingua.emit.NetworkPolicies;
import io.netlingua.emit.yaml.YamlLayout;
import io.netlingua.model.SourceSpan;
import io.netlingua.schemas.Schemas;
import io.netlingua.targets.Target;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Targets and kinds map to their schema and layout in one place; a kind a target does not emit is a bug. */
class OutputFormatTest {
  private static final EmittedDocument POLICY =
      NetworkPolicies.document(NetworkPolicies.denyAll("shop", "x"), SourceSpan.NONE);

  @Test
  void aKubernetesNetworkPolicyHasTheNetworkPolicySchemaAndLayout() {
    OutputFormat format = OutputFormat.of(Target.KUBERNETES, POLICY);
    assertThat(format.schema()).isEqualTo(Schemas.NETWORK_POLICY);
    assertThat(format.layout()).isEqualTo(YamlLayout.NETWORK_POLICY);
  }

  @Test
  void aKindTheTargetDoesNotEmitIsRefused() {
    EmittedDocument other = new EmittedDocument(
        "v1", "ConfigMap", Optional.of("shop"), "x", POLICY.object(), SourceSpan.NONE);
    assertThatThrownBy(() -> OutputFormat.of(Target.KUBERNETES, other))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("ConfigMap");
    assertThatThrownBy(() -> OutputFormat.of(Target.FLANNEL, POLICY))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("flannel");
  }
}

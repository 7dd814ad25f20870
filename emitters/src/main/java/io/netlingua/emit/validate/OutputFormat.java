package io.netlingua.emit.validate;

import io.netlingua.emit.EmittedDocument;
import io.netlingua.emit.yaml.YamlLayout;
import io.netlingua.schemas.Schemas;
import io.netlingua.targets.Target;
import java.util.Objects;

/**
 * How a document of one kind is checked and written: its JSON Schema (a name in {@link Schemas}) and its key
 * order. The one place that maps targets and kinds to schemas and layouts.
 *
 * @param schema the schema's name
 * @param layout the key order of the YAML
 */
public record OutputFormat(String schema, YamlLayout layout) {

  /** A {@code networking.k8s.io/v1} NetworkPolicy. */
  public static final OutputFormat NETWORK_POLICY =
      new OutputFormat(Schemas.NETWORK_POLICY, YamlLayout.NETWORK_POLICY);

  /** A {@code cilium.io/v2} CiliumNetworkPolicy. */
  public static final OutputFormat CILIUM_NETWORK_POLICY =
      new OutputFormat(Schemas.CILIUM_NETWORK_POLICY, YamlLayout.CILIUM_POLICY);

  /** A {@code cilium.io/v2} CiliumClusterwideNetworkPolicy. */
  public static final OutputFormat CILIUM_CLUSTERWIDE_NETWORK_POLICY =
      new OutputFormat(Schemas.CILIUM_CLUSTERWIDE_NETWORK_POLICY, YamlLayout.CILIUM_POLICY);

  /** A {@code projectcalico.org/v3} GlobalNetworkPolicy. */
  public static final OutputFormat GLOBAL_NETWORK_POLICY =
      new OutputFormat(Schemas.GLOBAL_NETWORK_POLICY, YamlLayout.CALICO_POLICY);

  /** A {@code projectcalico.org/v3} StagedGlobalNetworkPolicy. */
  public static final OutputFormat STAGED_GLOBAL_NETWORK_POLICY =
      new OutputFormat(Schemas.STAGED_GLOBAL_NETWORK_POLICY, YamlLayout.CALICO_POLICY);

  /** A {@code projectcalico.org/v3} Tier. */
  public static final OutputFormat TIER = new OutputFormat(Schemas.TIER, YamlLayout.CALICO_POLICY);

  public OutputFormat {
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(layout, "layout");
  }

  /**
   * The format of a document a target emitted.
   *
   * @throws IllegalStateException when the target does not emit that kind (a bug in its emitter)
   */
  public static OutputFormat of(Target target, EmittedDocument document) {
    // A switch expression over the enum: a new target does not compile until its kinds have a format here.
    OutputFormat format =
        switch (target) {
          case KUBERNETES -> "NetworkPolicy".equals(document.kind()) ? NETWORK_POLICY : null;
          case CILIUM -> switch (document.kind()) {
            case "CiliumNetworkPolicy" -> CILIUM_NETWORK_POLICY;
            case "CiliumClusterwideNetworkPolicy" -> CILIUM_CLUSTERWIDE_NETWORK_POLICY;
            default -> null;
          };
          case CALICO -> switch (document.kind()) {
            case "GlobalNetworkPolicy" -> GLOBAL_NETWORK_POLICY;
            case "StagedGlobalNetworkPolicy" -> STAGED_GLOBAL_NETWORK_POLICY;
            case "Tier" -> TIER;
            default -> null;
          };
          case FLANNEL -> null;
        };
    if (format == null) {
      throw new IllegalStateException(
          target.id() + " emitted a " + document.kind() + ", which it has no schema for");
    }
    return format;
  }
}

package io.netlingua.emit.lowering;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicySpec;
import java.util.List;

/**
 * What the Kubernetes API server fills in on a {@code networking.k8s.io/v1} NetworkPolicy before any client reads it,
 * so that every reading of the object (the Kubernetes evaluator's and the CNIs' that enforce NetworkPolicy too) starts
 * from the same object: {@code SetDefaults_NetworkPolicy} in kubernetes/kubernetes
 * {@code pkg/apis/networking/v1/defaults.go}.
 */
public final class NetworkPolicyDefaults {
  /** The policy type of ingress rules. */
  public static final String INGRESS = "Ingress";
  /** The policy type of egress rules. */
  public static final String EGRESS = "Egress";

  private NetworkPolicyDefaults() {}

  /**
   * The object's {@code policyTypes}, or, when it lists none, the API's default: {@code Ingress}, and {@code Egress}
   * when the object has egress rules.
   *
   * @param spec the object's spec, possibly null
   * @return the policy types in force
   */
  public static List<String> policyTypes(NetworkPolicySpec spec) {
    List<String> given = spec == null ? null : spec.getPolicyTypes();
    if (given != null && !given.isEmpty()) {
      return given;
    }
    boolean egress = spec != null && spec.getEgress() != null && !spec.getEgress().isEmpty();
    return egress ? List.of(INGRESS, EGRESS) : List.of(INGRESS);
  }
}

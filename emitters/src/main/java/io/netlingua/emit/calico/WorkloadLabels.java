package io.netlingua.emit.calico;

import io.netlingua.eval.Namespace;
import io.netlingua.eval.Pod;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The labels Calico's selectors see on a pod's workload endpoint (projectcalico/calico v3.32.1):
 *
 * <ul>
 *   <li>the pod's labels, then {@code projectcalico.org/namespace} (its namespace), {@code
 *       projectcalico.org/orchestrator: k8s} and, for a service account name shorter than 63 characters, {@code
 *       projectcalico.org/serviceaccount}, which override a pod label of the same key ({@code
 *       libcalico-go/lib/backend/k8s/conversion/workload_endpoint_default.go}, "Build the labels map");
 *   <li>inherited from the namespace's profile {@code kns.NS}: {@code pcns.KEY} for each label of the namespace and
 *       {@code pcns.projectcalico.org/name} ({@code conversion.go} {@code NamespaceToProfile});
 *   <li>inherited from the service account's profile: {@code pcsa.projectcalico.org/name} ({@code
 *       ServiceAccountToProfile}; the cluster model holds no other label of a service account).
 * </ul>
 *
 * <p>The endpoint's own labels win over inherited ones of the same key ({@code
 * felix/labelindex/label_inheritance_index.go}, {@code itemData.GetHandle}: the item's labels first, then its
 * parents').
 */
final class WorkloadLabels {
  /** The orchestrator label's value for a Kubernetes pod ({@code constants.go} {@code OrchestratorKubernetes}). */
  static final String KUBERNETES = "k8s";

  private static final String ORCHESTRATOR = "projectcalico.org/orchestrator";

  /** A service account name this long or longer gets no label ("include the label if less than 63 characters"). */
  private static final int SERVICE_ACCOUNT_LABEL_LIMIT = 63;

  private WorkloadLabels() {}

  /** The labels of a pod's workload endpoint, its namespace's labels given. */
  static Map<String, String> of(Pod pod, Optional<Namespace> namespace) {
    Map<String, String> labels = new HashMap<>();
    namespace.ifPresent(ns -> ns.labels().forEach((k, v) -> labels.put(CalicoPolicies.NAMESPACE_PREFIX + k, v)));
    labels.put(CalicoPolicies.NAMESPACE_PREFIX + CalicoRules.NAMESPACE_NAME, pod.namespace());
    labels.put(CalicoPolicies.SERVICE_ACCOUNT_PREFIX + CalicoRules.NAMESPACE_NAME, pod.serviceAccount());
    labels.putAll(pod.labels());
    labels.put(CalicoPolicies.NAMESPACE_LABEL, pod.namespace());
    labels.put(ORCHESTRATOR, KUBERNETES);
    if (!pod.serviceAccount().isEmpty() && pod.serviceAccount().length() < SERVICE_ACCOUNT_LABEL_LIMIT) {
      labels.put(CalicoPolicies.SERVICE_ACCOUNT_LABEL, pod.serviceAccount());
    }
    return Collections.unmodifiableMap(labels);
  }
}

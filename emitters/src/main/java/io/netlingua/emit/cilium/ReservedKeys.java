package io.netlingua.emit.cilium;

import java.util.List;

/**
 * Label keys that do not mean on Cilium what they mean in the program, where a selector matches pods by their own
 * labels (docs/targets.md, "Selector keys Cilium reserves", with the sources):
 *
 * <ul>
 *   <li>keys Cilium derives for every endpoint itself: {@code io.kubernetes.pod.namespace}
 *       ({@code pkg/k8s/apis/cilium.io/const.go} {@code PodNamespaceLabel}) and every {@code io.cilium.} key
 *       (namespace labels, service account, cluster, the labels of policy rules: {@code LabelPrefix} "the prefix
 *       for all Cilium owned labels"). A selector on them matches Cilium's label, not a pod label of that name;
 *   <li>keys the agent's default label filter drops, which are no identity labels at all
 *       ({@code pkg/labelsfilter/filter.go} {@code defaultLabelPrefixCfg}, the same in 1.16 and 1.17): a pod
 *       selector on them matches no pod on Cilium. Each filter is a prefix of the key.
 * </ul>
 */
final class ReservedKeys {
  /** How a key of a program's pod selector reads on Cilium. */
  enum Kind {
    /** A pod label, as in the program. */
    POD_LABEL,
    /** A label Cilium derives itself. */
    DERIVED,
    /** A key the label filter drops: no endpoint has it. */
    FILTERED
  }

  private static final List<String> FILTERED_PREFIXES = List.of(
      "io.kubernetes", "kubernetes.io", "k8s.io", "statefulset.kubernetes.io/pod-name",
      "apps.kubernetes.io/pod-index", "batch.kubernetes.io/job-completion-index",
      "batch.kubernetes.io/controller-uid", "pod-template-generation", "pod-template-hash",
      "controller-revision-hash", "controller-uid", "annotation", "etcd_node");

  private ReservedKeys() {}

  /** How Cilium reads a key of a pod selector. */
  static Kind podLabel(String key) {
    if (isDerived(key)) {
      return Kind.DERIVED;
    }
    boolean filtered = key.contains("beta.kubernetes.io")
        || FILTERED_PREFIXES.stream().anyMatch(key::startsWith);
    return filtered ? Kind.FILTERED : Kind.POD_LABEL;
  }

  /** Whether a key (of a pod or a namespace selector) is one Cilium derives itself. */
  static boolean isDerived(String key) {
    return key.equals("io.kubernetes.pod.namespace") || key.startsWith("io.cilium.");
  }
}

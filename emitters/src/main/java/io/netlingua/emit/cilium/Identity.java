package io.netlingua.emit.cilium;

import io.netlingua.eval.IpAddress;
import io.netlingua.eval.Namespace;
import io.netlingua.eval.Node;
import io.netlingua.eval.Pod;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The security identity of one end of a flow as the agent sees it from the node of the pod whose policy is
 * judged: the labels its selectors match, by source ({@code k8s:}, {@code reserved:}), and the address CIDR rules
 * match.
 *
 * <ul>
 *   <li>a pod: its labels that the agent's default label filter keeps ({@link ReservedKeys}), with source
 *       {@code k8s}, and the labels the agent derives for every pod (cilium/cilium
 *       {@code pkg/k8s/apis/cilium.io/const.go}): {@code io.kubernetes.pod.namespace},
 *       {@code io.cilium.k8s.policy.serviceaccount}, {@code io.cilium.k8s.policy.cluster} ({@code default}, the
 *       agent's default cluster name) and one {@code io.cilium.k8s.namespace.labels.KEY} per label of its namespace;
 *   <li>a node: {@code reserved:host} when it is the node of the judged pod, {@code reserved:remote-node}
 *       otherwise, and {@code reserved:kube-apiserver} when the API server runs on it;
 *   <li>any other address: {@code reserved:world}, and {@code reserved:kube-apiserver} too when the API server
 *       listens there. That an API server outside the cluster keeps its world identity beside the kube-apiserver
 *       label (so that the entity {@code world} and CIDR rules still match it) is assumed, not confirmed: the
 *       agent's ipcache code that merges the two was not read (docs/targets.md, Cilium evaluator).
 * </ul>
 *
 * @param labels {@code source:key} to value
 * @param ip the address
 * @param world whether the identity is a world one, the only kind CIDR rules and toFQDNs match
 *     ({@code policy-cidr-match-mode} left empty, the default: CIDR selectors never match cluster identities)
 */
record Identity(Map<String, String> labels, IpAddress ip, boolean world) {
  static final String K8S = "k8s";
  static final String RESERVED = "reserved";
  static final String ANY = "any";

  static final String NAMESPACE = "io.kubernetes.pod.namespace";
  static final String NAMESPACE_LABELS = "io.cilium.k8s.namespace.labels.";
  static final String SERVICE_ACCOUNT = "io.cilium.k8s.policy.serviceaccount";
  static final String CLUSTER = "io.cilium.k8s.policy.cluster";
  static final String CLUSTER_NAME = "default";

  Identity {
    labels = Map.copyOf(labels);
  }

  static Identity of(Pod pod, Optional<Namespace> namespace) {
    Map<String, String> labels = new TreeMap<>();
    pod.labels().forEach((k, v) -> {
      if (ReservedKeys.podLabel(k) == ReservedKeys.Kind.POD_LABEL) {
        labels.put(K8S + ":" + k, v);
      }
    });
    labels.put(K8S + ":" + NAMESPACE, pod.namespace());
    labels.put(K8S + ":" + SERVICE_ACCOUNT, pod.serviceAccount());
    labels.put(K8S + ":" + CLUSTER, CLUSTER_NAME);
    namespace.ifPresent(n -> n.labels().forEach((k, v) -> labels.put(K8S + ":" + NAMESPACE_LABELS + k, v)));
    return new Identity(labels, pod.ip(), false);
  }

  /** A node, seen from the node {@code viewpoint} (the node of the pod whose policy is judged). */
  static Identity of(Node node, String viewpoint) {
    Map<String, String> labels = new TreeMap<>();
    labels.put(RESERVED + ":" + (node.name().equals(viewpoint) ? "host" : "remote-node"), "");
    if (node.kubeApiserver()) {
      labels.put(RESERVED + ":kube-apiserver", "");
    }
    return new Identity(labels, node.ip(), false);
  }

  /** An address outside the cluster. */
  static Identity world(IpAddress ip, boolean kubeApiserver) {
    Map<String, String> labels = new TreeMap<>();
    labels.put(RESERVED + ":world", "");
    if (kubeApiserver) {
      labels.put(RESERVED + ":kube-apiserver", "");
    }
    return new Identity(labels, ip, true);
  }

  /** Whether the identity has the reserved label of that name ({@code host}, {@code world}, ...). */
  boolean reserved(String name) {
    return labels.containsKey(RESERVED + ":" + name);
  }

  /**
   * The value of a selector's label key: {@code source:key}, or {@code any:key} and a bare {@code key}, which match
   * the label of that key from any source ({@code pkg/labels} {@code LabelSourceAny}).
   */
  Optional<String> value(String selectorKey) {
    int colon = selectorKey.indexOf(':');
    String source = colon < 0 ? ANY : selectorKey.substring(0, colon);
    String key = colon < 0 ? selectorKey : selectorKey.substring(colon + 1);
    if (!source.equals(ANY)) {
      // source:key, as written.
      return Optional.ofNullable(labels.get(selectorKey));
    }
    for (String s : new String[] {K8S, RESERVED}) {
      String v = labels.get(s + ":" + key);
      if (v != null) {
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }
}

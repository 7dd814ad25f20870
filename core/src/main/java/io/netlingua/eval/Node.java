package io.netlingua.eval;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A node of the cluster (its host network).
 *
 * @param name its name
 * @param ip its address
 * @param labels its labels
 * @param kubeApiserver whether the Kubernetes API server listens on this node's address
 */
public record Node(String name, IpAddress ip, Map<String, String> labels, boolean kubeApiserver) {
  /** Freezes the labels in key order. */
  public Node {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(ip, "ip");
    labels = Collections.unmodifiableSortedMap(new TreeMap<>(labels));
  }
}

package io.netlingua.eval;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A Kubernetes Service: the pods of its namespace whose labels include its selector, and its cluster IP.
 *
 * @param name its name
 * @param namespace the name of its namespace
 * @param selector the labels its pods carry (empty: a Service without selector, which selects no pod)
 * @param clusterIP its virtual address, if it has one
 * @param ports its ports
 */
public record Service(
    String name, String namespace, Map<String, String> selector, Optional<IpAddress> clusterIP,
    List<PortSpec> ports) {
  /** Freezes the selector in key order and the ports. */
  public Service {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(namespace, "namespace");
    selector = Collections.unmodifiableSortedMap(new TreeMap<>(selector));
    Objects.requireNonNull(clusterIP, "clusterIP");
    ports = List.copyOf(ports);
  }

  /** Whether the Service routes to this pod. */
  public boolean selects(Pod pod) {
    return !selector.isEmpty()
        && pod.namespace().equals(namespace)
        && selector.entrySet().stream().allMatch(e -> e.getValue().equals(pod.labels().get(e.getKey())));
  }
}

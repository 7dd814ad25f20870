package io.netlingua.eval;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A pod.
 *
 * @param name its name
 * @param namespace the name of its namespace
 * @param labels its labels
 * @param ip its address
 * @param serviceAccount the service account it runs as ({@code default} unless stated)
 * @param node the name of the node it runs on
 * @param ports its container ports; the named ones resolve the language's named ports
 */
public record Pod(
    String name, String namespace, Map<String, String> labels, IpAddress ip, String serviceAccount, String node,
    List<PortSpec> ports) {
  /** Freezes the labels in key order and the ports. */
  public Pod {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(namespace, "namespace");
    labels = Collections.unmodifiableSortedMap(new TreeMap<>(labels));
    Objects.requireNonNull(ip, "ip");
    Objects.requireNonNull(serviceAccount, "serviceAccount");
    Objects.requireNonNull(node, "node");
    ports = List.copyOf(ports);
  }

  /** {@code namespace/name}, as flows write a pod. */
  public String qualifiedName() {
    return namespace + "/" + name;
  }

  /** The number of the named port of that protocol, if the pod has one. */
  public Optional<Integer> namedPort(String portName, FlowProtocol protocol) {
    return ports.stream()
        .filter(p -> p.protocol() == protocol && p.name().filter(portName::equals).isPresent())
        .map(PortSpec::port)
        .findFirst();
  }
}

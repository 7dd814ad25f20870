package io.netlingua.eval;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The world a program is judged in: namespaces, pods, nodes, external addresses and Services, with lookups by
 * name and by address. Immutable; build it with {@link #builder()}.
 *
 * <p>Names are unique per kind (pods and Services per namespace) and addresses are unique across pods, nodes
 * and externals; a pod's namespace must exist (a namespace named only by a pod or Service is added without
 * labels by the builder). A Service's cluster IP is not an end of its own: flows to it are judged as flows to
 * that address.
 *
 * @param namespaces the namespaces, in the order given
 * @param pods the pods
 * @param nodes the nodes
 * @param externals the external addresses
 * @param services the Services
 */
public record Cluster(
    List<Namespace> namespaces, List<Pod> pods, List<Node> nodes, List<External> externals,
    List<Service> services) {

  /** Checks uniqueness of names and addresses and that every pod's and Service's namespace exists. */
  public Cluster {
    namespaces = List.copyOf(namespaces);
    pods = List.copyOf(pods);
    nodes = List.copyOf(nodes);
    externals = List.copyOf(externals);
    services = List.copyOf(services);
    unique("namespace", namespaces.stream().map(Namespace::name).toList());
    unique("pod", pods.stream().map(Pod::qualifiedName).toList());
    unique("node", nodes.stream().map(Node::name).toList());
    unique("external", externals.stream().map(External::name).toList());
    unique("service", services.stream().map(s -> s.namespace() + "/" + s.name()).toList());
    List<String> addresses = new ArrayList<>();
    pods.forEach(p -> addresses.add(p.ip().toString()));
    nodes.forEach(n -> addresses.add(n.ip().toString()));
    externals.forEach(e -> addresses.add(e.ip().toString()));
    unique("address", addresses);
    List<String> names = namespaces.stream().map(Namespace::name).toList();
    for (Pod p : pods) {
      if (!names.contains(p.namespace())) {
        throw new IllegalArgumentException("pod " + p.qualifiedName() + ": no namespace " + p.namespace());
      }
    }
    for (Service s : services) {
      if (!names.contains(s.namespace())) {
        throw new IllegalArgumentException("service " + s.name() + ": no namespace " + s.namespace());
      }
    }
  }

  private static void unique(String kind, List<String> names) {
    Map<String, Boolean> seen = new HashMap<>();
    for (String n : names) {
      if (seen.put(n, Boolean.TRUE) != null) {
        throw new IllegalArgumentException("duplicate " + kind + " " + n);
      }
    }
  }

  /** The namespace of that name. */
  public Optional<Namespace> namespace(String name) {
    return namespaces.stream().filter(n -> n.name().equals(name)).findFirst();
  }

  /** The pod of that namespace and name. */
  public Optional<Pod> pod(String namespace, String name) {
    return pods.stream().filter(p -> p.namespace().equals(namespace) && p.name().equals(name)).findFirst();
  }

  /** The node of that name. */
  public Optional<Node> node(String name) {
    return nodes.stream().filter(n -> n.name().equals(name)).findFirst();
  }

  /** The external address of that name. */
  public Optional<External> external(String name) {
    return externals.stream().filter(e -> e.name().equals(name)).findFirst();
  }

  /** The Service of that namespace and name. */
  public Optional<Service> service(String namespace, String name) {
    return services.stream().filter(s -> s.namespace().equals(namespace) && s.name().equals(name)).findFirst();
  }

  /** The pod, node or external address that has this address, as an end; a bare address end otherwise. */
  public Endpoint endpointAt(IpAddress ip) {
    for (Pod p : pods) {
      if (p.ip().equals(ip)) {
        return Endpoint.of(p);
      }
    }
    for (Node n : nodes) {
      if (n.ip().equals(ip)) {
        return Endpoint.of(n);
      }
    }
    for (External e : externals) {
      if (e.ip().equals(ip)) {
        return Endpoint.of(e);
      }
    }
    return Endpoint.of(ip);
  }

  /** A builder of an empty cluster. */
  public static Builder builder() {
    return new Builder();
  }

  /** Collects the parts of a cluster; namespaces named only by pods or Services are added without labels. */
  public static final class Builder {
    private final Map<String, Namespace> namespaces = new LinkedHashMap<>();
    private final List<Pod> pods = new ArrayList<>();
    private final List<Node> nodes = new ArrayList<>();
    private final List<External> externals = new ArrayList<>();
    private final List<Service> services = new ArrayList<>();

    private Builder() {}

    /** Adds a namespace with labels (replacing one of the same name). */
    public Builder namespace(String name, Map<String, String> labels) {
      namespaces.put(name, new Namespace(name, labels));
      return this;
    }

    /** Adds a pod. */
    public Builder pod(Pod pod) {
      pods.add(Objects.requireNonNull(pod, "pod"));
      return this;
    }

    /**
     * Adds a pod running as the {@code default} service account, with no named ports.
     *
     * @param qualifiedName {@code namespace/name}
     */
    public Builder pod(String qualifiedName, Map<String, String> labels, String ip, String node) {
      int slash = qualifiedName.indexOf('/');
      if (slash < 0) {
        throw new IllegalArgumentException("'" + qualifiedName + "' is not namespace/name");
      }
      return pod(new Pod(qualifiedName.substring(slash + 1), qualifiedName.substring(0, slash), labels,
          IpAddress.parse(ip), "default", node, List.of()));
    }

    /** Adds a node. */
    public Builder node(Node node) {
      nodes.add(Objects.requireNonNull(node, "node"));
      return this;
    }

    /** Adds a node without labels that does not host the API server. */
    public Builder node(String name, String ip) {
      return node(new Node(name, IpAddress.parse(ip), Map.of(), false));
    }

    /** Adds an external address. */
    public Builder external(External external) {
      externals.add(Objects.requireNonNull(external, "external"));
      return this;
    }

    /** Adds an external address with a DNS name (or {@code null}), not the API server. */
    public Builder external(String name, String ip, String fqdn) {
      return external(new External(name, IpAddress.parse(ip), Optional.ofNullable(fqdn), false));
    }

    /** Adds a Service. */
    public Builder service(Service service) {
      services.add(Objects.requireNonNull(service, "service"));
      return this;
    }

    /** The cluster; throws {@link IllegalArgumentException} on a duplicate name or address. */
    public Cluster build() {
      Map<String, Namespace> all = new LinkedHashMap<>(namespaces);
      pods.forEach(p -> all.computeIfAbsent(p.namespace(), n -> new Namespace(n, Map.of())));
      services.forEach(s -> all.computeIfAbsent(s.namespace(), n -> new Namespace(n, Map.of())));
      return new Cluster(List.copyOf(all.values()), pods, nodes, externals, services);
    }
  }

  /** The pods, nodes, externals and Services, counted, for messages. */
  @Override
  public String toString() {
    return "Cluster[" + namespaces.size() + " namespaces, " + pods.size() + " pods, " + nodes.size() + " nodes, "
        + externals.size() + " externals, " + services.size() + " services]";
  }
}

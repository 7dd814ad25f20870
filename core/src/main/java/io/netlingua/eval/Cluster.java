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
 * name and by address, and which of its ends serve DNS. Immutable; build it with {@link #builder()}.
 *
 * <p>Names are unique per kind (pods and Services per namespace) and addresses are unique across pods, nodes
 * and externals; a pod's namespace must exist (a namespace named only by a pod or Service is added without
 * labels by the builder). A Service's cluster IP is not an end of its own: flows to it are judged as flows to
 * that address.
 *
 * <p>The DNS servers matter to Cilium's {@code toFQDNs}: it matches an external's address only after the pod's
 * query for that name went through Cilium's DNS proxy toward a DNS server. When none are stated they are
 * {@linkplain #defaultDnsServers(List) the cluster's own DNS}: the pods of {@code kube-system} labelled
 * {@code k8s-app=kube-dns}.
 *
 * @param namespaces the namespaces, in the order given
 * @param pods the pods
 * @param nodes the nodes
 * @param externals the external addresses
 * @param services the Services
 * @param dnsServers the ends that answer DNS queries, each an {@link Endpoint.PodEnd} or
 *     {@link Endpoint.ExternalEnd} of this cluster, in the order given; may be empty
 */
public record Cluster(
    List<Namespace> namespaces, List<Pod> pods, List<Node> nodes, List<External> externals,
    List<Service> services, List<Endpoint> dnsServers) {

  /** The namespace of the cluster's own DNS, by Kubernetes' convention. */
  public static final String DNS_NAMESPACE = "kube-system";

  /** The label key of the cluster's own DNS pods, by Kubernetes' convention. */
  public static final String DNS_LABEL = "k8s-app";

  /** The label value of the cluster's own DNS pods, by Kubernetes' convention. */
  public static final String DNS_LABEL_VALUE = "kube-dns";

  /**
   * Checks uniqueness of names and addresses, that every pod's and Service's namespace exists, and that every
   * DNS server is a pod or an external of this cluster, named once.
   *
   * @throws IllegalArgumentException when one of these does not hold
   */
  public Cluster {
    namespaces = List.copyOf(namespaces);
    pods = List.copyOf(pods);
    nodes = List.copyOf(nodes);
    externals = List.copyOf(externals);
    services = List.copyOf(services);
    dnsServers = List.copyOf(dnsServers);
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
    for (Endpoint end : dnsServers) {
      checkDnsServer(end, pods, externals);
    }
    unique("DNS server", dnsServers.stream().map(Endpoint::text).toList());
  }

  /**
   * A cluster whose DNS servers are {@linkplain #defaultDnsServers(List) the default}: the signature of the
   * releases before DNS servers were stated.
   *
   * @param namespaces the namespaces, in the order given
   * @param pods the pods
   * @param nodes the nodes
   * @param externals the external addresses
   * @param services the Services
   * @throws IllegalArgumentException as the canonical constructor
   */
  public Cluster(
      List<Namespace> namespaces, List<Pod> pods, List<Node> nodes, List<External> externals,
      List<Service> services) {
    this(namespaces, pods, nodes, externals, services, defaultDnsServers(pods));
  }

  /**
   * The DNS servers of a cluster that states none: every pod of {@code kube-system} labelled
   * {@code k8s-app=kube-dns}. That is how Kubernetes labels its DNS (kube-dns and CoreDNS alike), and the
   * selector Cilium's own example points its DNS rule at before a {@code toFQDNs} rule (upstream cilium
   * {@code examples/policies/l3/fqdn/fqdn.yaml}).
   *
   * @param pods the cluster's pods
   * @return those pods as ends, in their order
   */
  public static List<Endpoint> defaultDnsServers(List<Pod> pods) {
    return pods.stream()
        .filter(p -> p.namespace().equals(DNS_NAMESPACE) && DNS_LABEL_VALUE.equals(p.labels().get(DNS_LABEL)))
        .map(Endpoint::of)
        .toList();
  }

  private static void checkDnsServer(Endpoint end, List<Pod> pods, List<External> externals) {
    Objects.requireNonNull(end, "DNS server");
    String problem;
    if (end instanceof Endpoint.PodEnd p) {
      if (pods.contains(p.pod())) {
        return;
      }
      problem = pods.stream().anyMatch(x -> x.qualifiedName().equals(p.pod().qualifiedName()))
          ? "not the cluster's pod of that name (it differs)" : "no such pod in the cluster";
    } else if (end instanceof Endpoint.ExternalEnd e) {
      if (externals.contains(e.external())) {
        return;
      }
      problem = externals.stream().anyMatch(x -> x.name().equals(e.external().name()))
          ? "not the cluster's external of that name (it differs)" : "no such external in the cluster";
    } else if (end instanceof Endpoint.NodeEnd) {
      // The cluster's DNS runs in pods; a resolver outside the cluster is an external.
      problem = "a node cannot be a DNS server; name the DNS pod, or declare the resolver as an external";
    } else {
      // Which end an address is depends on what the cluster declares; a DNS server names one.
      problem = "a bare address cannot be a DNS server; name the pod or external that has it";
    }
    throw new IllegalArgumentException("DNS server " + end.text() + ": " + problem);
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

  /**
   * Whether this end answers DNS queries: whether it is one of {@link #dnsServers()}. A bare address end is
   * read as the pod, node or external that has it ({@link #endpointAt(IpAddress)}), so a flow to a DNS pod's
   * address is a flow to that DNS server.
   *
   * @param end an end of a flow
   * @return true if it is, or resolves to, a DNS server of this cluster
   */
  public boolean isDnsServer(Endpoint end) {
    Endpoint resolved = end instanceof Endpoint.AddressEnd a ? endpointAt(a.address()) : end;
    return dnsServers.contains(resolved);
  }

  /** A builder of an empty cluster. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Collects the parts of a cluster; namespaces named only by pods or Services are added without labels, and the
   * DNS servers are {@linkplain Cluster#defaultDnsServers(List) the default} unless some are stated.
   */
  public static final class Builder {
    private final Map<String, Namespace> namespaces = new LinkedHashMap<>();
    private final List<Pod> pods = new ArrayList<>();
    private final List<Node> nodes = new ArrayList<>();
    private final List<External> externals = new ArrayList<>();
    private final List<Service> services = new ArrayList<>();
    /** Null until some are stated: then the default no longer applies, even when the list stays empty. */
    private List<Endpoint> dnsServers;

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

    /**
     * States a DNS server, in addition to those stated before; stating any replaces the default. The end is
     * checked when the cluster is built: it must be a pod or an external added to this builder.
     *
     * @param end an {@link Endpoint.PodEnd} or {@link Endpoint.ExternalEnd} of this cluster
     * @return this builder
     */
    public Builder dnsServer(Endpoint end) {
      if (dnsServers == null) {
        dnsServers = new ArrayList<>();
      }
      dnsServers.add(Objects.requireNonNull(end, "end"));
      return this;
    }

    /**
     * States exactly these DNS servers, replacing those stated before and the default; an empty list states that
     * the cluster has none.
     *
     * @param ends {@link Endpoint.PodEnd}s and {@link Endpoint.ExternalEnd}s of this cluster
     * @return this builder
     */
    public Builder dnsServers(List<Endpoint> ends) {
      dnsServers = new ArrayList<>(ends);
      return this;
    }

    /**
     * The cluster.
     *
     * @return the cluster
     * @throws IllegalArgumentException on a duplicate name or address, or a DNS server that is not a pod or
     *     external of this cluster
     */
    public Cluster build() {
      Map<String, Namespace> all = new LinkedHashMap<>(namespaces);
      pods.forEach(p -> all.computeIfAbsent(p.namespace(), n -> new Namespace(n, Map.of())));
      services.forEach(s -> all.computeIfAbsent(s.namespace(), n -> new Namespace(n, Map.of())));
      List<Endpoint> dns = dnsServers == null ? defaultDnsServers(pods) : dnsServers;
      return new Cluster(List.copyOf(all.values()), pods, nodes, externals, services, dns);
    }
  }

  /** The pods, nodes, externals, Services and DNS servers, counted, for messages. */
  @Override
  public String toString() {
    return "Cluster[" + namespaces.size() + " namespaces, " + pods.size() + " pods, " + nodes.size() + " nodes, "
        + externals.size() + " externals, " + services.size() + " services, " + dnsServers.size()
        + " DNS servers]";
  }
}

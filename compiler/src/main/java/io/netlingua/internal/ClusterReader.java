package io.netlingua.internal;

import io.netlingua.FileResult;
import io.netlingua.eval.Cluster;
import io.netlingua.eval.Endpoint;
import io.netlingua.eval.External;
import io.netlingua.eval.FlowProtocol;
import io.netlingua.eval.IpAddress;
import io.netlingua.eval.Node;
import io.netlingua.eval.Pod;
import io.netlingua.eval.PortSpec;
import io.netlingua.eval.Service;
import io.netlingua.internal.YamlTree.Entry;
import io.netlingua.internal.YamlTree.Mapping;
import io.netlingua.internal.YamlTree.Place;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a cluster file (docs/testing.md; schema {@code netlingua-cluster}): {@code namespaces}, {@code pods},
 * {@code nodes}, {@code external}, {@code services}, {@code dnsServers}. Every mistake is reported with its line
 * and column: unknown keys, missing or mistyped fields, addresses that are not addresses, a pod on an undeclared
 * node or namespace, a Service in an undeclared namespace, a DNS server that is not a declared pod or external,
 * and names or addresses used twice. A Service port's {@code targetPort} is read for the reader's sake and
 * checked, but flows name pods and their own ports, so it decides nothing.
 *
 * <p>{@code dnsServers} names ends as flows do ({@code ns/pod}, {@code ext:NAME}). Absent (or null), the cluster's
 * default applies ({@link Cluster#defaultDnsServers(List)}); an empty list states that there are none.
 */
public final class ClusterReader {
  private static final List<String> TOP =
      List.of("namespaces", "pods", "nodes", "external", "services", "dnsServers");
  private static final List<String> NAMESPACE = List.of("labels");
  private static final List<String> POD =
      List.of("name", "namespace", "labels", "ip", "serviceAccount", "node", "ports");
  private static final List<String> NODE = List.of("name", "ip", "labels", "kubeApiserver");
  private static final List<String> EXTERNAL = List.of("name", "ip", "fqdn", "kubeApiserver");
  private static final List<String> SERVICE = List.of("name", "namespace", "selector", "clusterIP", "ports");
  private static final List<String> POD_PORT = List.of("name", "port", "protocol");
  private static final List<String> SERVICE_PORT = List.of("name", "port", "targetPort", "protocol");

  private final Fields fields;
  /** Where each name (per kind) and each address was first declared. */
  private final Map<String, Place> declared = new HashMap<>();
  /**
   * The ends a DNS server may name ({@code ns/pod}, {@code ext:NAME}) that were written, read or not: one that
   * did not read has its own mistake, so naming it is not a second one.
   */
  private final Set<String> written = new HashSet<>();

  private ClusterReader(String file) {
    this.fields = new Fields(file);
  }

  /**
   * Reads the text of a cluster file.
   *
   * @param file the file name for messages
   * @param text its text
   * @return the cluster, or every mistake
   */
  public static FileResult<Cluster> read(String file, String text) {
    return new ClusterReader(file).read(text);
  }

  private FileResult<Cluster> read(String text) {
    YamlTree.Node root = YamlTree.read(fields.file(), text, fields::add);
    if (root == null) {
      return FileResult.failed(fields.errors());
    }
    Cluster.Builder builder = Cluster.builder();
    List<String> namespaces = new ArrayList<>();
    List<String> nodes = new ArrayList<>();
    List<PendingPod> pods = new ArrayList<>();
    List<PendingService> services = new ArrayList<>();
    Map<String, External> externals = new HashMap<>();
    List<YamlTree.Node> dnsServers = new ArrayList<>();
    if (root instanceof YamlTree.Scalar s && s.text().isEmpty()) {
      return FileResult.of(builder.build());
    }
    fields.mapping(root, "a cluster file", TOP).ifPresent(top -> {
      fields.optional(top, "namespaces").ifPresent(n -> namespaces(n, builder, namespaces));
      fields.optional(top, "nodes").ifPresent(n -> fields.list(n, "nodes").forEach(x -> node(x, builder, nodes)));
      fields.optional(top, "external")
          .ifPresent(n -> fields.list(n, "external").forEach(x -> external(x, builder, externals)));
      fields.optional(top, "pods").ifPresent(n -> fields.list(n, "pods").forEach(x -> pod(x, pods)));
      fields.optional(top, "services").ifPresent(n -> fields.list(n, "services").forEach(x -> service(x, services)));
      fields.optional(top, "dnsServers").ifPresent(dnsServers::add);
    });
    for (PendingPod p : pods) {
      if (!namespaces.contains(p.pod().namespace())) {
        fields.error(p.namespacePlace(), "pod " + p.pod().qualifiedName() + ": namespace '" + p.pod().namespace()
            + "' is not declared under namespaces");
      }
      if (!nodes.contains(p.pod().node())) {
        fields.error(p.nodePlace(), "pod " + p.pod().qualifiedName() + ": node '" + p.pod().node()
            + "' is not declared under nodes");
      }
      builder.pod(p.pod());
    }
    for (PendingService s : services) {
      if (!namespaces.contains(s.service().namespace())) {
        fields.error(s.namespacePlace(), "service " + s.service().namespace() + "/" + s.service().name()
            + ": namespace '" + s.service().namespace() + "' is not declared under namespaces");
      }
      builder.service(s.service());
    }
    // Read last: a DNS server names pods and externals, wherever the file declares them.
    dnsServers.forEach(n -> builder.dnsServers(dnsServers(n, pods, externals)));
    if (fields.hasErrors()) {
      return FileResult.failed(fields.errors());
    }
    try {
      return FileResult.of(builder.build());
    } catch (IllegalArgumentException e) {
      // Everything the cluster itself checks is checked above with places; this is the last guard.
      fields.error(root.place(), e.getMessage());
      return FileResult.failed(fields.errors());
    }
  }

  /** A pod read, with the places its references are written at. */
  private record PendingPod(Pod pod, Place namespacePlace, Place nodePlace) {}

  /** A Service read, with the place of its namespace. */
  private record PendingService(Service service, Place namespacePlace) {}

  private void namespaces(YamlTree.Node node, Cluster.Builder builder, List<String> names) {
    if (!(node instanceof Mapping m)) {
      fields.error(node.place(), "namespaces must be a mapping of names to {labels}, not " + node.kind());
      return;
    }
    for (Entry e : m.entries().values()) {
      names.add(e.key());
      Map<String, String> labels = Map.of();
      if (!(e.value() instanceof YamlTree.Scalar s && s.text().isEmpty())) {
        Optional<Mapping> ns = fields.mapping(e.value(), "namespace " + e.key(), NAMESPACE);
        if (ns.isPresent()) {
          labels = fields.optional(ns.get(), "labels").map(l -> fields.strings(l, "a label")).orElse(Map.of());
        }
      }
      builder.namespace(e.key(), labels);
    }
  }

  private void node(YamlTree.Node n, Cluster.Builder builder, List<String> names) {
    fields.mapping(n, "a node", NODE).ifPresent(m -> {
      Optional<String> name = fields.required(m, "name", "a node").flatMap(x -> fields.text(x, "a node's name"));
      Optional<IpAddress> ip = address(m, "a node");
      Map<String, String> labels =
          fields.optional(m, "labels").map(l -> fields.strings(l, "a label")).orElse(Map.of());
      boolean api = fields.optional(m, "kubeApiserver").flatMap(b -> fields.bool(b, "kubeApiserver")).orElse(false);
      if (name.isPresent() && ip.isPresent() && unique("node " + name.get(), m.place())) {
        names.add(name.get());
        builder.node(new Node(name.get(), ip.get(), labels, api));
      }
    });
  }

  private void external(YamlTree.Node n, Cluster.Builder builder, Map<String, External> externals) {
    fields.mapping(n, "an external address", EXTERNAL).ifPresent(m -> {
      Optional<String> name =
          fields.required(m, "name", "an external address").flatMap(x -> fields.text(x, "an external's name"));
      name.ifPresent(x -> written.add("ext:" + x));
      Optional<IpAddress> ip = address(m, "an external address");
      Optional<String> fqdn = fields.optional(m, "fqdn").flatMap(x -> fields.text(x, "fqdn"));
      boolean api = fields.optional(m, "kubeApiserver").flatMap(b -> fields.bool(b, "kubeApiserver")).orElse(false);
      if (name.isPresent() && ip.isPresent() && unique("external " + name.get(), m.place())) {
        External external = new External(name.get(), ip.get(), fqdn, api);
        externals.put(name.get(), external);
        builder.external(external);
      }
    });
  }

  private void pod(YamlTree.Node n, List<PendingPod> pods) {
    fields.mapping(n, "a pod", POD).ifPresent(m -> {
      Optional<String> name = fields.required(m, "name", "a pod").flatMap(x -> fields.text(x, "a pod's name"));
      Optional<YamlTree.Node> nsNode = fields.required(m, "namespace", "a pod");
      Optional<String> namespace = nsNode.flatMap(x -> fields.text(x, "a pod's namespace"));
      Optional<IpAddress> ip = address(m, "a pod");
      Optional<YamlTree.Node> nodeNode = fields.required(m, "node", "a pod");
      Optional<String> node = nodeNode.flatMap(x -> fields.text(x, "a pod's node"));
      Map<String, String> labels =
          fields.optional(m, "labels").map(l -> fields.strings(l, "a label")).orElse(Map.of());
      String account =
          fields.optional(m, "serviceAccount").flatMap(x -> fields.text(x, "serviceAccount")).orElse("default");
      List<PortSpec> ports = new ArrayList<>();
      fields.optional(m, "ports").ifPresent(p -> fields.list(p, "a pod's ports").forEach(x -> podPort(x, ports)));
      if (name.isPresent() && namespace.isPresent()) {
        written.add(namespace.get() + "/" + name.get());
      }
      if (name.isPresent() && namespace.isPresent() && ip.isPresent() && node.isPresent()
          && unique("pod " + namespace.get() + "/" + name.get(), m.place())) {
        pods.add(new PendingPod(new Pod(name.get(), namespace.get(), labels, ip.get(), account, node.get(), ports),
            nsNode.get().place(), nodeNode.get().place()));
      }
    });
  }

  private void podPort(YamlTree.Node n, List<PortSpec> ports) {
    fields.mapping(n, "a pod's port", POD_PORT).ifPresent(m -> {
      Optional<String> name = fields.required(m, "name", "a pod's port").flatMap(x -> fields.text(x, "a port's name"));
      Optional<Integer> port =
          fields.required(m, "port", "a pod's port").flatMap(x -> fields.integer(x, "a port", 1, 65535));
      Optional<FlowProtocol> protocol = protocol(m);
      if (name.isPresent() && port.isPresent() && protocol.isPresent()) {
        ports.add(PortSpec.named(name.get(), port.get(), protocol.get()));
      }
    });
  }

  private void service(YamlTree.Node n, List<PendingService> services) {
    fields.mapping(n, "a service", SERVICE).ifPresent(m -> {
      Optional<String> name = fields.required(m, "name", "a service").flatMap(x -> fields.text(x, "a service's name"));
      Optional<YamlTree.Node> nsNode = fields.required(m, "namespace", "a service");
      Optional<String> namespace = nsNode.flatMap(x -> fields.text(x, "a service's namespace"));
      Map<String, String> selector =
          fields.optional(m, "selector").map(l -> fields.strings(l, "a selector label")).orElse(Map.of());
      Optional<IpAddress> clusterIp = fields.optional(m, "clusterIP").flatMap(x -> ip(x, "clusterIP"));
      List<PortSpec> ports = new ArrayList<>();
      fields.optional(m, "ports").ifPresent(p -> fields.list(p, "a service's ports").forEach(x -> {
        fields.mapping(x, "a service's port", SERVICE_PORT).ifPresent(pm -> {
          Optional<String> portName = fields.optional(pm, "name").flatMap(y -> fields.text(y, "a port's name"));
          fields.optional(pm, "targetPort").ifPresent(y -> fields.text(y, "targetPort"));
          Optional<Integer> port =
              fields.required(pm, "port", "a service's port").flatMap(y -> fields.integer(y, "a port", 1, 65535));
          Optional<FlowProtocol> protocol = protocol(pm);
          if (port.isPresent() && protocol.isPresent()) {
            ports.add(new PortSpec(portName, port.get(), protocol.get()));
          }
        });
      }));
      if (name.isPresent() && namespace.isPresent()
          && unique("service " + namespace.get() + "/" + name.get(), m.place())) {
        services.add(new PendingService(new Service(name.get(), namespace.get(), selector, clusterIp, ports),
            nsNode.get().place()));
      }
    });
  }

  /**
   * The DNS servers, each written as a flow writes an end. A node or a bare address is refused with the reason,
   * and for an address, the end to write instead.
   */
  private List<Endpoint> dnsServers(YamlTree.Node node, List<PendingPod> pods, Map<String, External> externals) {
    List<Endpoint> out = new ArrayList<>();
    for (YamlTree.Node item : fields.list(node, "dnsServers")) {
      Optional<String> text = fields.text(item, "a DNS server");
      if (text.isEmpty()) {
        continue;
      }
      String t = text.get();
      Optional<Endpoint> end = Optional.empty();
      String missing = null;
      if (t.startsWith("ext:")) {
        end = Optional.ofNullable(externals.get(t.substring(4))).map(Endpoint::of);
        missing = "no external address '" + t.substring(4) + "' in the cluster";
      } else if (t.startsWith("node:")) {
        missing = "a DNS server is a pod or an external address, not a node ('" + t + "'): the cluster's DNS"
            + " runs in pods, and a resolver outside the cluster is an external";
      } else if (t.startsWith("ip:")) {
        missing = "a DNS server is named, not written as an address ('" + t + "'): "
            + IpAddress.read(t.substring(3)).flatMap(ip -> holder(ip, pods, externals))
                .map(e -> "write " + e + ", which has it")
                .orElse("declare it under external and write ext:NAME");
      } else if (t.indexOf('/') > 0) {
        end = pods.stream().map(PendingPod::pod).filter(p -> p.qualifiedName().equals(t)).findFirst()
            .map(Endpoint::of);
        missing = "no pod '" + t + "' in the cluster";
      } else {
        missing = "'" + t + "' is not a DNS server: write ns/pod or ext:NAME";
      }
      if (end.isPresent()) {
        if (unique("DNS server " + t, item.place())) {
          out.add(end.get());
        }
      } else if (!written.contains(t)) {
        fields.error(item.place(), missing);
      }
    }
    return out;
  }

  /** How a DNS server names the pod or external that has this address, if one does. */
  private static Optional<String> holder(IpAddress ip, List<PendingPod> pods, Map<String, External> externals) {
    return pods.stream().map(PendingPod::pod).filter(p -> p.ip().equals(ip)).map(Pod::qualifiedName).findFirst()
        .or(() -> externals.values().stream().filter(e -> e.ip().equals(ip)).map(e -> "ext:" + e.name())
            .findFirst());
  }

  private Optional<FlowProtocol> protocol(Mapping m) {
    Optional<YamlTree.Node> node = fields.optional(m, "protocol");
    if (node.isEmpty()) {
      return Optional.of(FlowProtocol.TCP);
    }
    Optional<FlowProtocol> p = fields.text(node.get(), "protocol")
        .flatMap(t -> FlowProtocol.ofKeyword(t.toLowerCase(Locale.ROOT)))
        .filter(FlowProtocol::hasPorts);
    if (p.isEmpty()) {
      fields.error(node.get().place(), "a port's protocol is TCP, UDP or SCTP");
    }
    return p;
  }

  private Optional<IpAddress> address(Mapping m, String what) {
    Optional<YamlTree.Node> node = fields.required(m, "ip", what);
    Optional<IpAddress> ip = node.flatMap(x -> ip(x, what + "'s ip"));
    if (ip.isPresent() && !unique("address " + ip.get(), node.get().place())) {
      return Optional.empty();
    }
    return ip;
  }

  private Optional<IpAddress> ip(YamlTree.Node node, String what) {
    Optional<String> text = fields.text(node, what);
    Optional<IpAddress> ip = text.flatMap(IpAddress::read);
    if (text.isPresent() && ip.isEmpty()) {
      fields.error(node.place(), "'" + text.get() + "' is not an IPv4 or IPv6 address");
    }
    return ip;
  }

  /** Records a declaration; a second one of the same key is a mistake that names the first. */
  private boolean unique(String key, Place place) {
    Place first = declared.putIfAbsent(key, place);
    if (first != null) {
      fields.error(place, key + " is declared twice (first at line " + first.line() + ")");
      return false;
    }
    return true;
  }
}

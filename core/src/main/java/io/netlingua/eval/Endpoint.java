package io.netlingua.eval;

import java.util.Objects;

/**
 * One end of a flow: a pod, a node, an external address of the cluster model, or a bare IP address.
 * Walk it with {@link #accept(Visitor)}.
 */
public sealed interface Endpoint
    permits Endpoint.PodEnd, Endpoint.NodeEnd, Endpoint.ExternalEnd, Endpoint.AddressEnd {

  /** The end's address. */
  IpAddress ip();

  /** How flows write this end: {@code ns/pod}, {@code node:NAME}, {@code ext:NAME}, {@code ip:ADDRESS}. */
  String text();

  /** Calls the visitor's method for this kind of end. */
  <R> R accept(Visitor<R> visitor);

  /** One method per kind of end. */
  interface Visitor<R> {
    R pod(Pod pod);

    R node(Node node);

    R external(External external);

    R address(IpAddress address);
  }

  /** A pod as an end. */
  static Endpoint of(Pod pod) {
    return new PodEnd(pod);
  }

  /** A node as an end. */
  static Endpoint of(Node node) {
    return new NodeEnd(node);
  }

  /** An external address as an end. */
  static Endpoint of(External external) {
    return new ExternalEnd(external);
  }

  /** A bare address as an end (the evaluators treat it as the pod, node or external that has it, if any). */
  static Endpoint of(IpAddress address) {
    return new AddressEnd(address);
  }

  /** @param pod the pod */
  record PodEnd(Pod pod) implements Endpoint {
    /** Requires the pod. */
    public PodEnd {
      Objects.requireNonNull(pod, "pod");
    }

    @Override
    public IpAddress ip() {
      return pod.ip();
    }

    @Override
    public String text() {
      return pod.qualifiedName();
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.pod(pod);
    }
  }

  /** @param node the node */
  record NodeEnd(Node node) implements Endpoint {
    /** Requires the node. */
    public NodeEnd {
      Objects.requireNonNull(node, "node");
    }

    @Override
    public IpAddress ip() {
      return node.ip();
    }

    @Override
    public String text() {
      return "node:" + node.name();
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.node(node);
    }
  }

  /** @param external the external address */
  record ExternalEnd(External external) implements Endpoint {
    /** Requires the external address. */
    public ExternalEnd {
      Objects.requireNonNull(external, "external");
    }

    @Override
    public IpAddress ip() {
      return external.ip();
    }

    @Override
    public String text() {
      return "ext:" + external.name();
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.external(external);
    }
  }

  /** @param address the address */
  record AddressEnd(IpAddress address) implements Endpoint {
    /** Requires the address. */
    public AddressEnd {
      Objects.requireNonNull(address, "address");
    }

    @Override
    public IpAddress ip() {
      return address;
    }

    @Override
    public String text() {
      return "ip:" + address;
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.address(address);
    }
  }
}

package io.netlingua.eval;

import java.util.Objects;
import java.util.Optional;

/**
 * A connection (or one request on it) from a source to a destination.
 *
 * <p>A TCP, UDP or SCTP flow has a destination port; an ICMP or ICMPv6 flow has a type and code instead. At most
 * one L7 request is set: HTTP (also gRPC) or Kafka on TCP, a DNS query on UDP or TCP. A flow without a request
 * is the bare connection: an allow rule with an L7 block does not match it (no alternative matches a request
 * that was not made). Read the one-line form with {@link FlowSyntax#parse}.
 *
 * @param source where the connection starts
 * @param destination where it goes
 * @param protocol its protocol
 * @param port the destination port (0 for ICMP)
 * @param icmpType the ICMP type (ICMP only)
 * @param icmpCode the ICMP code (ICMP only)
 * @param http the HTTP request made, if any
 * @param kafka the Kafka request made, if any
 * @param dnsQuery the name looked up, if the flow is a DNS query (lower case, no trailing dot)
 */
public record Flow(
    Endpoint source, Endpoint destination, FlowProtocol protocol, int port, int icmpType, int icmpCode,
    Optional<HttpRequest> http, Optional<KafkaRequest> kafka, Optional<String> dnsQuery) {

  /** Checks that the port or ICMP fields fit the protocol and that at most one request is set on a fitting one. */
  public Flow {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(destination, "destination");
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(http, "http");
    Objects.requireNonNull(kafka, "kafka");
    dnsQuery = Objects.requireNonNull(dnsQuery, "dnsQuery").map(External::normalise);
    if (protocol.hasPorts()) {
      if (port < 1 || port > 65535 || icmpType != 0 || icmpCode != 0) {
        throw new IllegalArgumentException("a " + protocol.keyword() + " flow needs a port 1..65535 and no ICMP");
      }
    } else if (port != 0 || icmpType < 0 || icmpType > 255 || icmpCode < 0 || icmpCode > 255) {
      throw new IllegalArgumentException("an ICMP flow has no port and a type and code 0..255");
    }
    int requests = (http.isPresent() ? 1 : 0) + (kafka.isPresent() ? 1 : 0) + (dnsQuery.isPresent() ? 1 : 0);
    if (requests > 1) {
      throw new IllegalArgumentException("a flow carries at most one L7 request");
    }
    if ((http.isPresent() || kafka.isPresent()) && protocol != FlowProtocol.TCP) {
      throw new IllegalArgumentException("HTTP and Kafka requests travel over tcp");
    }
    if (dnsQuery.isPresent() && protocol != FlowProtocol.TCP && protocol != FlowProtocol.UDP) {
      throw new IllegalArgumentException("a DNS query travels over udp or tcp");
    }
  }

  /** A TCP, UDP or SCTP connection to a port, without a request. */
  public static Flow of(Endpoint source, Endpoint destination, FlowProtocol protocol, int port) {
    return new Flow(source, destination, protocol, port, 0, 0, Optional.empty(), Optional.empty(),
        Optional.empty());
  }

  /** An ICMP (or ICMPv6) message of that type and code. */
  public static Flow icmp(Endpoint source, Endpoint destination, boolean v6, int type, int code) {
    return new Flow(source, destination, v6 ? FlowProtocol.ICMPV6 : FlowProtocol.ICMP, 0, type, code,
        Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** This flow carrying an HTTP request. */
  public Flow withHttp(HttpRequest request) {
    return new Flow(source, destination, protocol, port, icmpType, icmpCode, Optional.of(request), kafka,
        dnsQuery);
  }

  /** This flow carrying a Kafka request. */
  public Flow withKafka(KafkaRequest request) {
    return new Flow(source, destination, protocol, port, icmpType, icmpCode, http, Optional.of(request),
        dnsQuery);
  }

  /** This flow carrying a DNS query for that name. */
  public Flow withDnsQuery(String name) {
    return new Flow(source, destination, protocol, port, icmpType, icmpCode, http, kafka, Optional.of(name));
  }

  /** Whether some L7 request is set. */
  public boolean hasRequest() {
    return http.isPresent() || kafka.isPresent() || dnsQuery.isPresent();
  }

  /** The flow in the one-line syntax of {@link FlowSyntax}. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    sb.append(source.text()).append(" -> ").append(destination.text()).append(' ').append(protocol.keyword());
    if (protocol.hasPorts()) {
      sb.append('/').append(port);
    } else {
      sb.append(" type ").append(icmpType).append(" code ").append(icmpCode);
    }
    http.ifPresent(h -> {
      sb.append(' ').append(h.method()).append(' ').append(h.path());
      h.host().ifPresent(host -> sb.append(" host ").append(host));
      h.headers().forEach((k, v) -> sb.append(" header ").append(k).append('=').append(v));
    });
    kafka.ifPresent(k -> {
      sb.append(" kafka ").append(k.role().keyword()).append(' ').append(k.topic());
      k.clientId().ifPresent(c -> sb.append(" client ").append(c));
    });
    dnsQuery.ifPresent(q -> sb.append(" dns ").append(q));
    return sb.toString();
  }
}

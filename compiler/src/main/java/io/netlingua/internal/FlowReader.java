package io.netlingua.internal;

import io.netlingua.ExpectedFlow;
import io.netlingua.FileResult;
import io.netlingua.eval.Cluster;
import io.netlingua.eval.Endpoint;
import io.netlingua.eval.Flow;
import io.netlingua.eval.FlowProtocol;
import io.netlingua.eval.HttpRequest;
import io.netlingua.eval.IpAddress;
import io.netlingua.eval.KafkaRequest;
import io.netlingua.internal.YamlTree.Mapping;
import io.netlingua.internal.YamlTree.Place;
import io.netlingua.model.KafkaRule;
import io.netlingua.model.SourceSpan;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads a flow file (docs/testing.md; schema {@code netlingua-flows}): a list of {@code {from, to, protocol,
 * port, icmp, http, kafka, dnsQuery, expect}}, whose ends name what the cluster declares: {@code ns/pod},
 * {@code node:NAME}, {@code ext:NAME}, or {@code ip:ADDRESS} (a bare address, which evaluators treat as
 * whatever has it).
 *
 * <p>The file is streamed ({@link YamlTree#readList}): each flow is checked and handed over as soon as it is read,
 * so that a file of millions of flows is read in the memory of one. A flow has a bound, {@link #MAX_FLOW_CHARS}; the
 * file has none.
 */
public final class FlowReader {
  /** The longest flow, in characters from its first to its last: far above any real flow, far below a heap. */
  public static final int MAX_FLOW_CHARS = 16 * 1024;

  private static final List<String> FLOW =
      List.of("from", "to", "protocol", "port", "icmp", "http", "kafka", "dnsQuery", "expect");
  private static final List<String> ICMP = List.of("type", "code");
  private static final List<String> HTTP = List.of("method", "path", "host", "headers");
  private static final List<String> KAFKA = List.of("role", "topic", "clientID");

  private final Fields fields;
  /** The cluster's ends by the name flows give them ({@code ns/pod}, {@code node:NAME}, {@code ext:NAME}). */
  private final Map<String, Endpoint> ends = new HashMap<>();

  private FlowReader(String file, Cluster cluster) {
    this.fields = new Fields(file);
    cluster.pods().forEach(p -> ends.put(p.qualifiedName(), Endpoint.of(p)));
    cluster.nodes().forEach(n -> ends.put("node:" + n.name(), Endpoint.of(n)));
    cluster.externals().forEach(e -> ends.put("ext:" + e.name(), Endpoint.of(e)));
  }

  /**
   * Reads the text of a flow file.
   *
   * @param file the file name for messages
   * @param text its text
   * @param cluster the cluster whose pods, nodes and externals the flows name
   * @return the flows in file order, or every mistake
   */
  public static FileResult<List<ExpectedFlow>> read(String file, String text, Cluster cluster) {
    List<ExpectedFlow> flows = new ArrayList<>();
    FileResult<Long> read = stream(file, new StringReader(text), cluster, flows::add);
    return read.hasErrors() ? FileResult.failed(read.errors()) : FileResult.of(List.copyOf(flows));
  }

  /**
   * Streams a flow file: hands each flow without mistakes to {@code each} as soon as it is read, in file order, and
   * keeps none of them.
   *
   * @param file the file name for messages
   * @param text the text, read to its end, not closed
   * @param cluster the cluster whose pods, nodes and externals the flows name
   * @param each receives the flows; it may already have received some when the result has mistakes
   * @return how many flows were read, or every mistake (the first {@value Fields#MAX_LISTED_ERRORS} listed)
   */
  public static FileResult<Long> stream(String file, Reader text, Cluster cluster, Consumer<? super ExpectedFlow> each) {
    FlowReader reader = new FlowReader(file, cluster);
    long[] count = {0};
    YamlTree.readList(file, text, "a flow file", "a flow", MAX_FLOW_CHARS, node ->
        reader.fields.mapping(node, "a flow", FLOW).flatMap(reader::flow).ifPresent(f -> {
          count[0]++;
          each.accept(f);
        }), reader.fields::add);
    return reader.fields.hasErrors() ? FileResult.failed(reader.fields.errors()) : FileResult.of(count[0]);
  }

  private Optional<ExpectedFlow> flow(Mapping m) {
    Optional<Endpoint> from = fields.required(m, "from", "a flow").flatMap(this::end);
    Optional<Endpoint> to = fields.required(m, "to", "a flow").flatMap(this::end);
    Optional<YamlTree.Node> protocolNode = fields.required(m, "protocol", "a flow");
    Optional<FlowProtocol> protocol = protocolNode.flatMap(p -> fields.text(p, "protocol"))
        .flatMap(t -> FlowProtocol.ofKeyword(t.toLowerCase(Locale.ROOT)));
    if (protocolNode.isPresent() && protocol.isEmpty()) {
      fields.error(protocolNode.get().place(), "protocol is one of tcp, udp, sctp, icmp, icmpv6");
    }
    Optional<Boolean> expect = fields.optional(m, "expect").flatMap(e -> fields.text(e, "expect").flatMap(t -> {
      if (t.equals("allow") || t.equals("deny")) {
        return Optional.of(t.equals("allow"));
      }
      fields.error(e.place(), "expect is allow or deny, not '" + t + "'");
      return Optional.empty();
    }));
    Optional<Integer> port = fields.optional(m, "port").flatMap(p -> fields.integer(p, "port", 1, 65535));
    int[] icmp = {0, 0};
    fields.optional(m, "icmp").flatMap(i -> fields.mapping(i, "icmp", ICMP)).ifPresent(i -> {
      fields.required(i, "type", "icmp").flatMap(t -> fields.integer(t, "an ICMP type", 0, 255))
          .ifPresent(t -> icmp[0] = t);
      fields.optional(i, "code").flatMap(c -> fields.integer(c, "an ICMP code", 0, 255)).ifPresent(c -> icmp[1] = c);
    });
    Optional<HttpRequest> http = fields.optional(m, "http").flatMap(h -> fields.mapping(h, "http", HTTP))
        .flatMap(this::http);
    Optional<KafkaRequest> kafka = fields.optional(m, "kafka").flatMap(k -> fields.mapping(k, "kafka", KAFKA))
        .flatMap(this::kafka);
    Optional<String> dns = fields.optional(m, "dnsQuery").flatMap(d -> fields.text(d, "dnsQuery"));
    if (from.isEmpty() || to.isEmpty() || protocol.isEmpty()) {
      return Optional.empty();
    }
    boolean hasPort = fields.optional(m, "port").isPresent();
    boolean hasIcmp = fields.optional(m, "icmp").isPresent();
    if (hasPort && port.isEmpty()) {
      // The port's own mistake is reported; the flow's checks below would only say it again.
      return Optional.empty();
    }
    if (protocol.get().hasPorts() && (!hasPort || hasIcmp)) {
      fields.error(m.place(), "a " + protocol.get().keyword() + " flow needs a port and no icmp");
      return Optional.empty();
    }
    if (!protocol.get().hasPorts() && (hasPort || !hasIcmp)) {
      fields.error(m.place(), "an " + protocol.get().keyword() + " flow needs icmp: {type, code} and no port");
      return Optional.empty();
    }
    try {
      Flow flow = new Flow(from.get(), to.get(), protocol.get(), port.orElse(0), icmp[0], icmp[1], http, kafka, dns);
      Place p = m.place();
      return Optional.of(new ExpectedFlow(flow, expect, new SourceSpan(fields.file(), p.line(), p.column(),
          p.line(), p.column(), 0, 0)));
    } catch (IllegalArgumentException e) {
      // The flow's own checks: the request fits the protocol, one request at most.
      fields.error(m.place(), e.getMessage());
      return Optional.empty();
    }
  }

  private Optional<HttpRequest> http(Mapping h) {
    Optional<String> method = fields.required(h, "method", "http").flatMap(x -> fields.text(x, "method"));
    Optional<YamlTree.Node> pathNode = fields.required(h, "path", "http");
    Optional<String> path = pathNode.flatMap(x -> fields.text(x, "path"));
    if (path.isPresent() && !path.get().startsWith("/")) {
      fields.error(pathNode.get().place(), "an HTTP path starts with /");
      return Optional.empty();
    }
    Optional<String> host = fields.optional(h, "host").flatMap(x -> fields.text(x, "host"));
    Map<String, String> headers =
        fields.optional(h, "headers").map(x -> fields.strings(x, "a header")).orElse(Map.of());
    if (method.isEmpty() || path.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new HttpRequest(method.get(), path.get(), host, headers));
  }

  private Optional<KafkaRequest> kafka(Mapping k) {
    Optional<YamlTree.Node> roleNode = fields.required(k, "role", "kafka");
    Optional<KafkaRule.Role> role = roleNode.flatMap(x -> fields.text(x, "role")).flatMap(t -> {
      for (KafkaRule.Role r : KafkaRule.Role.values()) {
        if (r.keyword().equals(t)) {
          return Optional.of(r);
        }
      }
      fields.error(roleNode.get().place(), "a Kafka role is produce or consume, not '" + t + "'");
      return Optional.empty();
    });
    Optional<String> topic = fields.required(k, "topic", "kafka").flatMap(x -> fields.text(x, "topic"));
    Optional<String> client = fields.optional(k, "clientID").flatMap(x -> fields.text(x, "clientID"));
    if (role.isEmpty() || topic.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new KafkaRequest(role.get(), topic.get(), client));
  }

  /** {@code ns/pod}, {@code node:NAME}, {@code ext:NAME} or {@code ip:ADDRESS}, looked up in the cluster. */
  private Optional<Endpoint> end(YamlTree.Node node) {
    Optional<String> text = fields.text(node, "an end of a flow");
    if (text.isEmpty()) {
      return Optional.empty();
    }
    String t = text.get();
    Optional<Endpoint> end = Optional.ofNullable(ends.get(t));
    String missing;
    if (t.startsWith("node:")) {
      missing = "no node '" + t.substring(5) + "' in the cluster";
    } else if (t.startsWith("ext:")) {
      missing = "no external address '" + t.substring(4) + "' in the cluster";
    } else if (t.startsWith("ip:")) {
      end = IpAddress.read(t.substring(3)).map(Endpoint::of);
      missing = "'" + t.substring(3) + "' is not an IPv4 or IPv6 address";
    } else if (t.indexOf('/') > 0) {
      missing = "no pod '" + t + "' in the cluster";
    } else {
      missing = "'" + t + "' is not an end: write ns/pod, node:NAME, ext:NAME or ip:ADDRESS";
    }
    if (end.isEmpty()) {
      fields.error(node.place(), missing);
    }
    return end;
  }
}

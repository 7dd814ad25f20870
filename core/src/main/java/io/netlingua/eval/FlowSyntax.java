package io.netlingua.eval;

import io.netlingua.model.KafkaRule;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads a flow written on one line, such as {@code shop/frontend -> shop/backend tcp/8080 GET /api/v1/orders}.
 *
 * <p>Words are separated by spaces. The grammar:
 *
 * <pre>
 * flow     = end "-&gt;" end protocol [request]
 * end      = NAMESPACE "/" POD | "node:" NODE | "ext:" EXTERNAL | "ip:" ADDRESS
 * protocol = ("tcp" | "udp" | "sctp") "/" (NUMBER | PORT-NAME)
 *          | ("icmp" | "icmpv6") "type" NUMBER ["code" NUMBER]
 * request  = METHOD PATH ["host" HOST] ("header" NAME "=" VALUE)*      HTTP, on tcp; METHOD is upper case
 *          | "grpc" PACKAGE.SERVICE "/" METHOD                        gRPC (POST /PACKAGE.SERVICE/METHOD), on tcp
 *          | "kafka" ("produce" | "consume") TOPIC ["client" ID]      Kafka, on tcp
 *          | "dns" NAME                                              a DNS query, on udp or tcp
 * </pre>
 *
 * <p>Pods, nodes and externals are looked up in the cluster; a named port resolves on the destination pod; an
 * {@code ip:} end keeps the bare address (evaluators treat it as whatever has that address). An ICMP code
 * defaults to 0. Header values contain no spaces. Text that does not follow the grammar, or names something the
 * cluster lacks, gives an error with the 1-based column of the offending word, never an exception. To read many
 * flows, {@link #in(Cluster)} indexes the cluster's names once.
 */
public final class FlowSyntax {
  private final Map<String, Endpoint> pods = new HashMap<>();
  private final Map<String, Endpoint> nodes = new HashMap<>();
  private final Map<String, Endpoint> externals = new HashMap<>();

  private FlowSyntax(Cluster cluster) {
    cluster.pods().forEach(p -> pods.put(p.qualifiedName(), Endpoint.of(p)));
    cluster.nodes().forEach(n -> nodes.put(n.name(), Endpoint.of(n)));
    cluster.externals().forEach(e -> externals.put(e.name(), Endpoint.of(e)));
  }

  /** A reader of flows in the cluster, with its names indexed: for reading many flows. */
  public static FlowSyntax in(Cluster cluster) {
    return new FlowSyntax(Objects.requireNonNull(cluster, "cluster"));
  }

  /**
   * A parse error.
   *
   * @param column the 1-based column of the word in error (one past the end for missing words)
   * @param message what is wrong
   */
  public record Error(int column, String message) {
    /** Requires the message. */
    public Error {
      Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
      return "column " + column + ": " + message;
    }
  }

  /**
   * The outcome of a parse: a flow or an error.
   *
   * @param flow the flow, when the text is valid
   * @param error the error, when it is not
   */
  public record Result(Optional<Flow> flow, Optional<Error> error) {
    /** Exactly one of the two. */
    public Result {
      Objects.requireNonNull(flow, "flow");
      Objects.requireNonNull(error, "error");
      if (flow.isPresent() == error.isPresent()) {
        throw new IllegalArgumentException("a flow or an error");
      }
    }

    /** Whether the text was a valid flow. */
    public boolean ok() {
      return flow.isPresent();
    }
  }

  /** Reads one flow in the cluster. */
  public static Result parse(String text, Cluster cluster) {
    return in(cluster).parse(text);
  }

  /** Reads one flow in this reader's cluster. */
  public Result parse(String text) {
    try {
      return new Result(Optional.of(new Reader(text).flow()), Optional.empty());
    } catch (Failure f) {
      return new Result(Optional.empty(), Optional.of(f.error));
    }
  }

  /** A parse failure, carried out of the recursive reader; never escapes {@link #parse}. */
  private static final class Failure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Error error;

    Failure(int column, String message) {
      super(message, null, false, false);
      this.error = new Error(column, message);
    }
  }

  private record Word(String text, int column) {}

  private final class Reader {
    private final List<Word> words = new ArrayList<>();
    private final int end;
    private int next;

    Reader(String text) {
      this.end = text.length() + 1;
      int i = 0;
      while (i < text.length()) {
        if (Character.isWhitespace(text.charAt(i))) {
          i++;
          continue;
        }
        int start = i;
        while (i < text.length() && !Character.isWhitespace(text.charAt(i))) {
          i++;
        }
        words.add(new Word(text.substring(start, i), start + 1));
      }
    }

    Flow flow() {
      Word sourceWord = word("a source (ns/pod, node:NAME, ext:NAME or ip:ADDRESS)");
      Endpoint source = endpoint(sourceWord);
      Word arrow = word("'->'");
      if (!arrow.text().equals("->")) {
        throw new Failure(arrow.column(), "expected '->', found '" + arrow.text() + "'");
      }
      Endpoint destination = endpoint(word("a destination (ns/pod, node:NAME, ext:NAME or ip:ADDRESS)"));
      Flow flow = protocol(source, destination);
      if (next < words.size()) {
        flow = request(flow);
      }
      if (next < words.size()) {
        Word extra = words.get(next);
        throw new Failure(extra.column(), "unexpected '" + extra.text() + "' after the flow");
      }
      return flow;
    }

    private Word word(String expected) {
      if (next >= words.size()) {
        throw new Failure(end, "expected " + expected + " at the end of the text");
      }
      return words.get(next++);
    }

    private Optional<Word> optional(String keyword) {
      if (next < words.size() && words.get(next).text().equals(keyword)) {
        return Optional.of(words.get(next++));
      }
      return Optional.empty();
    }

    private Endpoint endpoint(Word w) {
      String t = w.text();
      if (t.startsWith("node:")) {
        String name = t.substring(5);
        return Optional.ofNullable(nodes.get(name))
            .orElseThrow(() -> new Failure(w.column(), "no node '" + name + "' in the cluster"));
      }
      if (t.startsWith("ext:")) {
        String name = t.substring(4);
        return Optional.ofNullable(externals.get(name))
            .orElseThrow(() -> new Failure(w.column(), "no external '" + name + "' in the cluster"));
      }
      if (t.startsWith("ip:")) {
        return IpAddress.read(t.substring(3)).map(Endpoint::of)
            .orElseThrow(() -> new Failure(w.column(), "'" + t.substring(3) + "' is not an IP address"));
      }
      int slash = t.indexOf('/');
      if (slash <= 0 || slash == t.length() - 1 || t.indexOf('/', slash + 1) >= 0) {
        throw new Failure(w.column(), "expected ns/pod, node:NAME, ext:NAME or ip:ADDRESS, found '" + t + "'");
      }
      return Optional.ofNullable(pods.get(t))
          .orElseThrow(() -> new Failure(w.column(), "no pod '" + t + "' in the cluster"));
    }

    private Flow protocol(Endpoint source, Endpoint destination) {
      Word w = word("a protocol (tcp/PORT, udp/PORT, sctp/PORT, icmp or icmpv6)");
      String t = w.text();
      if (t.equals("icmp") || t.equals("icmpv6")) {
        Word type = optional("type")
            .orElseThrow(() -> new Failure(columnOfNext(), "expected 'type' after " + t));
        int typeValue = number(word("an ICMP type"), 0, 255, type.text());
        int code = optional("code").isPresent() ? number(word("an ICMP code"), 0, 255, "code") : 0;
        return Flow.icmp(source, destination, t.equals("icmpv6"), typeValue, code);
      }
      int slash = t.indexOf('/');
      Optional<FlowProtocol> protocol = FlowProtocol.ofKeyword(slash < 0 ? t : t.substring(0, slash))
          .filter(FlowProtocol::hasPorts);
      if (protocol.isEmpty() || slash == t.length() - 1) {
        throw new Failure(w.column(), "expected tcp/PORT, udp/PORT, sctp/PORT, icmp or icmpv6, found '" + t + "'");
      }
      if (slash < 0) {
        throw new Failure(w.column(), "'" + t + "' needs a port: " + t + "/PORT");
      }
      String port = t.substring(slash + 1);
      int number;
      if (port.chars().allMatch(Character::isDigit)) {
        number = number(new Word(port, w.column() + slash + 1), 1, 65535, "port");
      } else {
        number = namedPort(destination, port, protocol.get())
            .orElseThrow(() -> new Failure(w.column() + slash + 1,
                "the destination " + destination.text() + " has no " + protocol.get().keyword() + " port named '"
                    + port + "'"));
      }
      return Flow.of(source, destination, protocol.get(), number);
    }

    private static Optional<Integer> namedPort(Endpoint destination, String name, FlowProtocol protocol) {
      return destination.accept(new Endpoint.Visitor<Optional<Integer>>() {
        @Override
        public Optional<Integer> pod(Pod pod) {
          return pod.namedPort(name, protocol);
        }

        @Override
        public Optional<Integer> node(Node node) {
          return Optional.empty();
        }

        @Override
        public Optional<Integer> external(External external) {
          return Optional.empty();
        }

        @Override
        public Optional<Integer> address(IpAddress address) {
          return Optional.empty();
        }
      });
    }

    private int columnOfNext() {
      return next < words.size() ? words.get(next).column() : end;
    }

    private static int number(Word w, int min, int max, String what) {
      String t = w.text();
      if (t.isEmpty() || t.length() > 5 || !t.chars().allMatch(Character::isDigit)) {
        throw new Failure(w.column(), "expected a number for " + what + ", found '" + t + "'");
      }
      int value = Integer.parseInt(t);
      if (value < min || value > max) {
        throw new Failure(w.column(), what + " " + value + " is outside " + min + ".." + max);
      }
      return value;
    }

    private Flow request(Flow flow) {
      Word w = words.get(next++);
      String t = w.text();
      switch (t) {
        case "dns" -> {
          requireProtocol(flow, w, FlowProtocol.UDP, FlowProtocol.TCP);
          return flow.withDnsQuery(word("a DNS name").text());
        }
        case "kafka" -> {
          requireProtocol(flow, w, FlowProtocol.TCP);
          Word role = word("produce or consume");
          KafkaRule.Role r = switch (role.text()) {
            case "produce" -> KafkaRule.Role.PRODUCE;
            case "consume" -> KafkaRule.Role.CONSUME;
            default -> throw new Failure(role.column(), "expected produce or consume, found '" + role.text() + "'");
          };
          String topic = word("a topic").text();
          Optional<String> client = optional("client").map(c -> word("a client id").text());
          return flow.withKafka(new KafkaRequest(r, topic, client));
        }
        case "grpc" -> {
          requireProtocol(flow, w, FlowProtocol.TCP);
          Word call = word("package.Service/Method");
          int slash = call.text().indexOf('/');
          if (slash <= 0 || slash == call.text().length() - 1 || call.text().indexOf('/', slash + 1) >= 0) {
            throw new Failure(call.column(), "expected package.Service/Method, found '" + call.text() + "'");
          }
          return flow.withHttp(HttpRequest.grpc(call.text().substring(0, slash), call.text().substring(slash + 1)));
        }
        default -> {
          return flow.withHttp(http(flow, w));
        }
      }
    }

    private HttpRequest http(Flow flow, Word method) {
      if (!method.text().chars().allMatch(c -> c >= 'A' && c <= 'Z')) {
        throw new Failure(method.column(),
            "expected an HTTP method (upper case), grpc, kafka or dns, found '" + method.text() + "'");
      }
      requireProtocol(flow, method, FlowProtocol.TCP);
      Word path = word("an HTTP path");
      if (!path.text().startsWith("/")) {
        throw new Failure(path.column(), "an HTTP path starts with '/', found '" + path.text() + "'");
      }
      Optional<String> host = optional("host").map(h -> word("a host").text());
      Map<String, String> headers = new LinkedHashMap<>();
      while (optional("header").isPresent()) {
        Word header = word("NAME=VALUE");
        int eq = header.text().indexOf('=');
        if (eq <= 0) {
          throw new Failure(header.column(), "expected NAME=VALUE, found '" + header.text() + "'");
        }
        headers.put(header.text().substring(0, eq), header.text().substring(eq + 1));
      }
      return new HttpRequest(method.text(), path.text(), host, headers);
    }

    private static void requireProtocol(Flow flow, Word w, FlowProtocol... allowed) {
      for (FlowProtocol p : allowed) {
        if (flow.protocol() == p) {
          return;
        }
      }
      throw new Failure(w.column(), "'" + w.text() + "' is not a request over " + flow.protocol().keyword());
    }
  }
}

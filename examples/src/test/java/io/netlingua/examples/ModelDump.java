package io.netlingua.examples;

import io.netlingua.diagnostics.Diagnostic;
import io.netlingua.model.AllPorts;
import io.netlingua.model.CidrPeer;
import io.netlingua.model.Definition;
import io.netlingua.model.Direction;
import io.netlingua.model.DnsBlock;
import io.netlingua.model.DnsRule;
import io.netlingua.model.EntityPeer;
import io.netlingua.model.FqdnPeer;
import io.netlingua.model.GrpcBlock;
import io.netlingua.model.GrpcRule;
import io.netlingua.model.HttpBlock;
import io.netlingua.model.HttpRule;
import io.netlingua.model.IcmpPort;
import io.netlingua.model.Import;
import io.netlingua.model.KafkaBlock;
import io.netlingua.model.KafkaRule;
import io.netlingua.model.L7Block;
import io.netlingua.model.LabelRequirement;
import io.netlingua.model.LabelSelector;
import io.netlingua.model.NamedPort;
import io.netlingua.model.NamespaceScope;
import io.netlingua.model.Peer;
import io.netlingua.model.PeerRef;
import io.netlingua.model.PeerTerm;
import io.netlingua.model.PodPeer;
import io.netlingua.model.Policy;
import io.netlingua.model.PolicyFile;
import io.netlingua.model.Port;
import io.netlingua.model.PortRange;
import io.netlingua.model.PortRef;
import io.netlingua.model.PortTerm;
import io.netlingua.model.Program;
import io.netlingua.model.Rule;
import io.netlingua.model.RuleBlock;
import io.netlingua.model.ServiceAccountPeer;
import io.netlingua.model.ServicePeer;
import io.netlingua.model.SourceSpan;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A readable, stable text of a parsed program, for golden files that a reviewer reads as the meaning of the
 * example: per file its directives and {@code let}s; per policy its resolved namespace, its subject and each
 * rule with its flattened peers (namespace scope spelled out), ports and L7 alternatives. Every element ends
 * with its position, {@code @line:column} in the file of the section or {@code @file:line:column} elsewhere
 * (a peer written in an imported {@code let}); {@code via NAME} says which {@code let} brought it in.
 */
final class ModelDump {
  private static final Pattern WORD = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?");

  private final String rootPrefix;
  private final boolean positions;
  private final StringBuilder out = new StringBuilder();
  private String currentFile = "";

  private ModelDump(String rootPrefix, boolean positions) {
    this.rootPrefix = rootPrefix;
    this.positions = positions;
  }

  /**
   * The text of a program and of its diagnostics (errors are not expected here; warnings and infos are listed
   * so that the golden file shows them).
   *
   * @param program the parsed program
   * @param diagnostics the parse's diagnostics
   * @param root the folder the program was read from; file names are written relative to it
   */
  static String dump(Program program, List<Diagnostic> diagnostics, String root) {
    return dump(program, diagnostics, root, true);
  }

  /**
   * The same text without source positions: what must not change when the program's layout changes (the
   * canonical form of {@code netlingua format}, for one).
   */
  static String meaning(Program program, String root) {
    return dump(program, List.of(), root, false);
  }

  private static String dump(Program program, List<Diagnostic> diagnostics, String root, boolean positions) {
    ModelDump dump = new ModelDump(root.replace('\\', '/') + "/", positions);
    for (PolicyFile file : program.files()) {
      dump.file(file);
    }
    dump.diagnostics(diagnostics);
    return dump.out.toString();
  }

  private void file(PolicyFile file) {
    currentFile = relative(file.path());
    line(0, "file " + currentFile);
    file.namespace().ifPresent(ns -> line(1, "namespace " + ns.name(), ns.span()));
    for (Import i : file.imports()) {
      line(1, "import " + quote(i.path()), i.span());
    }
    for (Definition d : file.definitions()) {
      definition(d);
    }
    for (Policy p : file.policies()) {
      policy(p);
    }
    out.append('\n');
  }

  private void definition(Definition d) {
    String terms;
    if (d instanceof Definition.Peers peers) {
      terms = peers.terms().stream().map(this::writtenPeer).collect(Collectors.joining(", "));
    } else {
      terms = ((Definition.Ports) d).terms().stream().map(this::writtenPort)
          .collect(Collectors.joining(", "));
    }
    line(1, "let " + d.name() + " = " + terms, d.span());
  }

  /** A peer term as a let holds it: references by name, pods without a namespace left relative. */
  private String writtenPeer(PeerTerm term) {
    return term instanceof PeerRef ref ? ref.name() : peer((Peer) term, Optional.empty());
  }

  private String writtenPort(PortTerm term) {
    return term instanceof PortRef ref ? ref.name() : port((Port) term);
  }

  private void policy(Policy p) {
    out.append('\n');
    String header = p.namespace().map(ns -> "policy " + p.name() + " in namespace " + ns)
        .orElse("cluster policy " + p.name());
    line(1, header, p.span());
    p.description().ifPresent(d -> line(2, "description " + quote(d)));
    line(2, "select", p.subject().span());
    peers(3, "", p.subject().terms(), p.subject().peers(), p);
    for (Direction direction : Direction.values()) {
      p.block(direction).ifPresent(block -> block(direction, block, p));
    }
  }

  private void block(Direction direction, RuleBlock block, Policy p) {
    String empty = block.rules().isEmpty() ? " (no rule: isolates, allows nothing)" : "";
    line(2, direction.keyword() + empty, block.span());
    for (Rule r : block.rules()) {
      line(3, (r.log() ? "log " : "") + r.action().keyword(), r.span());
      peers(4, direction.peerKeyword() + " ", r.peerTerms(), r.peers(), p);
      if (r.allPorts()) {
        line(4, "on every port and protocol");
      } else {
        ports(r);
      }
      r.l7().ifPresent(l7 -> l7(l7));
    }
  }

  /** The flattened peers, each with the let that brought it in; the model's flattening decides the list. */
  private void peers(int depth, String keyword, List<PeerTerm> terms, List<Peer> flat, Policy p) {
    Map<Peer, PeerRef> via = new HashMap<>();
    for (PeerTerm t : terms) {
      if (t instanceof PeerRef ref) {
        ref.peers().forEach(peer -> via.putIfAbsent(peer, ref));
      }
    }
    for (Peer peer : flat) {
      PeerRef ref = via.get(peer);
      String suffix = ref == null ? "" : "  via " + ref.name() + position(" ", ref.span());
      line(depth, keyword + peer(peer, Optional.of(p)) + position("  ", peer.span()) + suffix);
    }
  }

  private void ports(Rule r) {
    Map<Port, PortRef> via = new HashMap<>();
    for (PortTerm t : r.portTerms()) {
      if (t instanceof PortRef ref) {
        ref.ports().forEach(port -> via.putIfAbsent(port, ref));
      }
    }
    for (Port port : r.ports()) {
      PortRef ref = via.get(port);
      String suffix = ref == null ? "" : "  via " + ref.name() + position(" ", ref.span());
      line(4, "on " + port(port) + position("  ", port.span()) + suffix);
    }
  }

  /**
   * A peer's text. With a policy, a pod, service account or service without a namespace is resolved against
   * it; without one (inside a let), it is left relative, as the macro it is.
   */
  private String peer(Peer peer, Optional<Policy> policy) {
    return peer.accept(
        new Peer.Visitor<String>() {
          @Override
          public String pods(PodPeer p) {
            String pods = p.pods().selectsAll() ? "pods" : "pods(" + selector(p.pods()) + ")";
            return pods + scope(p.namespaces(), policy);
          }

          @Override
          public String serviceAccount(ServiceAccountPeer p) {
            return "serviceaccount " + word(p.name()) + objectNamespace(p.namespace(), policy);
          }

          @Override
          public String service(ServicePeer p) {
            return "service " + word(p.name()) + objectNamespace(p.namespace(), policy);
          }

          @Override
          public String cidr(CidrPeer p) {
            String except = p.except().isEmpty() ? ""
                : " except " + p.except().stream().map(Object::toString).collect(Collectors.joining(", "));
            return "cidr " + p.cidr() + except;
          }

          @Override
          public String fqdn(FqdnPeer p) {
            return "fqdn " + quote(p.pattern());
          }

          @Override
          public String entity(EntityPeer p) {
            return p.entity().keyword();
          }
        });
  }

  private String scope(NamespaceScope scope, Optional<Policy> policy) {
    if (scope instanceof NamespaceScope.Named named) {
      return " in namespace " + word(named.name());
    }
    if (scope instanceof NamespaceScope.Selected selected) {
      return " in namespaces(" + selector(selected.selector()) + ")";
    }
    if (scope instanceof NamespaceScope.AnyNamespace) {
      return " in any namespace";
    }
    return policyNamespace(policy);
  }

  private static String objectNamespace(Optional<String> namespace, Optional<Policy> policy) {
    return namespace.map(ns -> " in namespace " + word(ns)).orElseGet(() -> policyNamespace(policy));
  }

  /** What "no {@code in} clause" means: the policy's namespace, every namespace for a cluster policy. */
  private static String policyNamespace(Optional<Policy> policy) {
    if (policy.isEmpty()) {
      return " (in the namespace of the policy that uses it)";
    }
    return policy.get().namespace().map(ns -> " in namespace " + ns + " (the policy's)")
        .orElse(" in any namespace (cluster policy)");
  }

  private static String selector(LabelSelector selector) {
    return selector.requirements().stream().map(ModelDump::requirement).collect(Collectors.joining(", "));
  }

  private static String requirement(LabelRequirement r) {
    String key = word(r.key());
    List<String> values = r.values().stream().map(ModelDump::word).toList();
    return switch (r.operator()) {
      case EQUALS -> key + "=" + values.get(0);
      case NOT_EQUALS -> key + "!=" + values.get(0);
      case IN -> key + " in (" + String.join(", ", values) + ")";
      case NOT_IN -> key + " notin (" + String.join(", ", values) + ")";
      case EXISTS -> key;
      case DOES_NOT_EXIST -> "!" + key;
    };
  }

  private static String port(Port port) {
    return port.accept(
        new Port.Visitor<String>() {
          @Override
          public String range(PortRange p) {
            String ports = p.isSingle() ? Integer.toString(p.first()) : p.first() + "-" + p.last();
            return p.protocol().keyword() + "/" + ports;
          }

          @Override
          public String named(NamedPort p) {
            return p.protocol().keyword() + "/" + word(p.name()) + " (named port of the destination pod)";
          }

          @Override
          public String all(AllPorts p) {
            return p.protocol().keyword() + " (every port)";
          }

          @Override
          public String icmp(IcmpPort p) {
            String type = p.type().map(t -> " type " + t).orElse(" (every type)");
            String code = p.type().isEmpty() ? "" : p.code().map(c -> " code " + c).orElse(" (every code)");
            return p.keyword() + type + code;
          }
        });
  }

  private void l7(L7Block block) {
    line(4, block.keyword() + " (a request must match one alternative)", block.span());
    block.accept(
        new L7Block.Visitor<Void>() {
          @Override
          public Void http(HttpBlock b) {
            b.rules().forEach(r -> line(5, httpRule(r), r.span()));
            return null;
          }

          @Override
          public Void grpc(GrpcBlock b) {
            for (GrpcRule r : b.rules()) {
              String method = r.method().isPresent() ? "" : " (every method of the service)";
              line(5, "grpc " + quote(r.path()) + method, r.span());
            }
            return null;
          }

          @Override
          public Void kafka(KafkaBlock b) {
            for (KafkaRule r : b.rules()) {
              String client = r.clientId().map(c -> " client " + quote(c)).orElse(" (any client)");
              line(5, "kafka " + r.role().keyword() + " topic " + quote(r.topic()) + client, r.span());
            }
            return null;
          }

          @Override
          public Void dns(DnsBlock b) {
            for (DnsRule r : b.rules()) {
              line(5, "dns " + quote(r.pattern()), r.span());
            }
            return null;
          }
        });
  }

  private static String httpRule(HttpRule r) {
    StringBuilder s = new StringBuilder("http ").append(r.method().orElse("* (any method)"));
    s.append(r.path().map(p -> " path " + p.kind().name().toLowerCase(Locale.ROOT) + " "
        + quote(p.value())).orElse(" (any path)"));
    r.host().ifPresent(h -> s.append(" host ").append(quote(h)));
    for (HttpRule.HeaderMatch h : r.headers()) {
      s.append(" header ").append(quote(h.name()));
      h.value().ifPresent(v -> s.append(" = ").append(quote(v)));
    }
    return s.toString();
  }

  private void diagnostics(List<Diagnostic> diagnostics) {
    if (diagnostics.isEmpty()) {
      line(0, "diagnostics: none");
      return;
    }
    line(0, "diagnostics:");
    for (Diagnostic d : diagnostics) {
      line(1, d.severity().label() + "[" + d.code().id() + "] " + relative(d.span().file()) + ":"
          + d.span().line() + ":" + d.span().column() + " " + d.message());
    }
  }

  private void line(int depth, String text) {
    out.append("  ".repeat(depth)).append(text).append('\n');
  }

  private void line(int depth, String text, SourceSpan span) {
    line(depth, text + position("  ", span));
  }

  /** The separator and the position of a span, or nothing when positions are left out. */
  private String position(String separator, SourceSpan span) {
    return positions ? separator + at(span) : "";
  }

  /** {@code @line:col} in this file, {@code @file:line:col} elsewhere, {@code @built-in} without a file. */
  private String at(SourceSpan span) {
    if (span.file().equals(SourceSpan.NONE.file())) {
      return "@built-in";
    }
    String file = relative(span.file());
    String where = span.line() + ":" + span.column();
    return file.equals(currentFile) ? "@" + where : "@" + file + ":" + where;
  }

  private String relative(String file) {
    String normal = file.replace('\\', '/');
    return normal.startsWith(rootPrefix) ? normal.substring(rootPrefix.length()) : normal;
  }

  private static String word(String text) {
    return WORD.matcher(text).matches() || isLabelKey(text) ? text : quote(text);
  }

  /** A label key with a DNS prefix, {@code example.com/tier}: written bare, as the language allows. */
  private static boolean isLabelKey(String text) {
    int slash = text.indexOf('/');
    return slash > 0 && WORD.matcher(text.substring(0, slash)).matches()
        && WORD.matcher(text.substring(slash + 1)).matches();
  }

  private static String quote(String text) {
    return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }
}

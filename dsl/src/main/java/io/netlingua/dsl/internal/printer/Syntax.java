package io.netlingua.dsl.internal.printer;

import io.netlingua.model.AllPorts;
import io.netlingua.model.Cidr;
import io.netlingua.model.CidrPeer;
import io.netlingua.model.EntityPeer;
import io.netlingua.model.FqdnPeer;
import io.netlingua.model.IcmpPort;
import io.netlingua.model.LabelRequirement;
import io.netlingua.model.LabelSelector;
import io.netlingua.model.NamedPort;
import io.netlingua.model.NamespaceScope;
import io.netlingua.model.Peer;
import io.netlingua.model.PeerRef;
import io.netlingua.model.PeerTerm;
import io.netlingua.model.PodPeer;
import io.netlingua.model.Port;
import io.netlingua.model.PortRange;
import io.netlingua.model.PortRef;
import io.netlingua.model.PortTerm;
import io.netlingua.model.ServiceAccountPeer;
import io.netlingua.model.ServicePeer;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The canonical text of the parts of a line: words, strings, selectors, peers and ports. */
final class Syntax {
  /** The word syntax of the language. */
  private static final Pattern WORD = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?");

  private Syntax() {}

  /**
   * A word, bare when it matches the word syntax and starts with a letter, quoted otherwise. Words that start with
   * a digit are quoted because the lexer may read them as numbers, port ranges or addresses ({@code 8000-8100},
   * {@code 10.0.0.1}); a quoted word always means the same as the bare one.
   */
  static String word(String word) {
    return isBareWord(word) ? word : string(word);
  }

  /** A label key: bare when it is a bare word, or a bare DNS prefix, a slash and a bare word. */
  static String labelKey(String key) {
    int slash = key.indexOf('/');
    boolean bare =
        slash < 0
            ? isBareWord(key)
            : isBareWord(key.substring(0, slash)) && isBareWord(key.substring(slash + 1));
    return bare ? key : string(key);
  }

  private static boolean isBareWord(String word) {
    return WORD.matcher(word).matches() && isAsciiLetter(word.charAt(0));
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  /** A double-quoted string; {@code "} and {@code \} are the only characters escaped. */
  static String string(String text) {
    StringBuilder sb = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\\') {
        sb.append('\\');
      }
      sb.append(c);
    }
    return sb.append('"').toString();
  }

  /** Items joined by {@code ", "}. */
  static <T> String list(List<T> items, Function<? super T, String> text) {
    return items.stream().map(text).collect(Collectors.joining(", "));
  }

  /** The requirements of a selector, without the parentheses around them. */
  static String selector(LabelSelector selector) {
    return list(selector.requirements(), Syntax::requirement);
  }

  private static String requirement(LabelRequirement r) {
    String key = labelKey(r.key());
    return switch (r.operator()) {
      case EQUALS -> key + "=" + word(r.values().get(0));
      case NOT_EQUALS -> key + "!=" + word(r.values().get(0));
      case IN -> key + " in (" + list(r.values(), Syntax::word) + ")";
      case NOT_IN -> key + " notin (" + list(r.values(), Syntax::word) + ")";
      case EXISTS -> key;
      case DOES_NOT_EXIST -> "!" + key;
    };
  }

  /** A peer list entry: a {@code let} reference by name, or a peer. */
  static String peerTerm(PeerTerm term) {
    return term instanceof PeerRef ? ((PeerRef) term).name() : ((Peer) term).accept(PEER);
  }

  /** A port list entry: a {@code let} reference by name, or a port. */
  static String portTerm(PortTerm term) {
    return term instanceof PortRef ? ((PortRef) term).name() : ((Port) term).accept(PORT);
  }

  private static String inNamespace(Optional<String> namespace) {
    return namespace.map(ns -> " in namespace " + word(ns)).orElse("");
  }

  private static final Peer.Visitor<String> PEER =
      new Peer.Visitor<>() {
        @Override
        public String pods(PodPeer peer) {
          boolean allPods = peer.pods().selectsAll();
          String pods = allPods ? "pods" : "pods(" + selector(peer.pods()) + ")";
          NamespaceScope scope = peer.namespaces();
          if (scope instanceof NamespaceScope.Named) {
            String ns = word(((NamespaceScope.Named) scope).name());
            return allPods ? "namespace " + ns : pods + " in namespace " + ns;
          }
          if (scope instanceof NamespaceScope.Selected) {
            String namespaces = "namespaces(" + selector(((NamespaceScope.Selected) scope).selector()) + ")";
            return allPods ? namespaces : pods + " in " + namespaces;
          }
          return scope instanceof NamespaceScope.AnyNamespace ? pods + " in any namespace" : pods;
        }

        @Override
        public String serviceAccount(ServiceAccountPeer peer) {
          return "serviceaccount " + word(peer.name()) + inNamespace(peer.namespace());
        }

        @Override
        public String service(ServicePeer peer) {
          return "service " + word(peer.name()) + inNamespace(peer.namespace());
        }

        @Override
        public String cidr(CidrPeer peer) {
          String except = peer.except().isEmpty() ? "" : " except " + list(peer.except(), Cidr::toString);
          return "cidr " + peer.cidr() + except;
        }

        @Override
        public String fqdn(FqdnPeer peer) {
          return "fqdn " + string(peer.pattern());
        }

        @Override
        public String entity(EntityPeer peer) {
          return peer.entity().keyword();
        }
      };

  private static final Port.Visitor<String> PORT =
      new Port.Visitor<>() {
        @Override
        public String range(PortRange port) {
          String ports = port.isSingle() ? "" + port.first() : port.first() + "-" + port.last();
          return port.protocol().keyword() + "/" + ports;
        }

        @Override
        public String named(NamedPort port) {
          return port.protocol().keyword() + "/" + word(port.name());
        }

        @Override
        public String all(AllPorts port) {
          return port.protocol().keyword();
        }

        @Override
        public String icmp(IcmpPort port) {
          String type = port.type().map(t -> " type " + t).orElse("");
          String code = port.code().map(c -> " code " + c).orElse("");
          return port.keyword() + type + code;
        }
      };
}

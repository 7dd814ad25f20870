package io.netlingua.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.netlingua.model.AllPorts;
import io.netlingua.model.CidrPeer;
import io.netlingua.model.Definition;
import io.netlingua.model.DnsBlock;
import io.netlingua.model.EntityPeer;
import io.netlingua.model.FqdnPeer;
import io.netlingua.model.GrpcBlock;
import io.netlingua.model.HttpBlock;
import io.netlingua.model.HttpRule;
import io.netlingua.model.IcmpPort;
import io.netlingua.model.KafkaBlock;
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
import io.netlingua.model.Rule;
import io.netlingua.model.RuleBlock;
import io.netlingua.model.ServiceAccountPeer;
import io.netlingua.model.ServicePeer;
import io.netlingua.model.SourceSpan;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The examples are the language's documentation: together they must use every peer, port and L7 form of
 * LANGUAGE.md, {@code let}s of both kinds (nested too) and {@code import}. The features are read from the
 * parsed models, so a form that the parser silently drops or misreads shows up here as missing.
 */
class LanguageCoverageTest {
  /** Every form of the language contract, named as {@link #collect} names what it finds. */
  private static final Set<String> LANGUAGE = Set.of(
      "namespace directive", "import", "import from a parent folder", "let peers", "let ports",
      "let naming a let of peers", "let naming a let of ports", "built-in kube-dns", "kube-dns overridden",
      "policy", "policy in namespace", "cluster policy", "cluster select in namespace",
      "cluster select in namespaces", "select a let", "select a union", "description", "ingress", "egress",
      "empty block", "allow", "deny in ingress", "deny in egress", "log allow", "log deny", "rule without on",
      "peer pods", "peer pods(selector)", "scope policy namespace", "scope named namespace",
      "scope selected namespaces", "scope any namespace", "peer namespace (all pods)",
      "peer namespaces (all pods)", "peer serviceaccount", "peer serviceaccount in namespace", "peer service",
      "peer service in namespace", "peer cidr", "peer cidr except", "peer cidr ipv6", "peer fqdn",
      "peer fqdn wildcard", "peer world", "peer cluster", "peer nodes", "peer host", "peer kube-apiserver",
      "peer any", "selector =", "selector !=", "selector in", "selector notin", "selector exists",
      "selector !exists", "selector prefixed key", "port tcp", "port udp", "port sctp", "port range",
      "port named", "port every tcp", "port every udp", "port every sctp", "port icmp", "port icmp type",
      "port icmp type code", "port icmpv6", "port icmpv6 type", "http", "http any method", "http path exact",
      "http path prefix", "http path regex", "http no path", "http host", "http header",
      "http header value", "grpc method", "grpc service", "kafka produce", "kafka consume", "kafka client",
      "kafka any client", "dns");

  /**
   * What a plain Kubernetes NetworkPolicy cannot say exactly: L7, DNS names, deny, log, service accounts,
   * services, ICMP, entities, cluster policies. The namespace-isolation example must use none of it.
   */
  private static final Set<String> BEYOND_KUBERNETES = Set.of(
      "cluster policy", "deny in ingress", "deny in egress", "log allow", "log deny", "peer serviceaccount",
      "peer serviceaccount in namespace", "peer service", "peer service in namespace", "peer fqdn",
      "peer fqdn wildcard", "peer world", "peer cluster", "peer nodes", "peer host", "peer kube-apiserver",
      "peer any", "port icmp", "port icmp type", "port icmp type code", "port icmpv6", "port icmpv6 type",
      "http", "grpc method", "grpc service", "kafka produce", "kafka consume", "dns");

  @Test
  void theExamplesTogetherUseEveryFormOfTheLanguage() {
    Set<String> found = new TreeSet<>();
    Examples.all().forEach(example -> found.addAll(features(example)));
    Set<String> missing = new TreeSet<>(LANGUAGE);
    missing.removeAll(found);
    assertThat(missing).as("forms of the language no example uses").isEmpty();
    Set<String> unknown = new TreeSet<>(found);
    unknown.removeAll(LANGUAGE);
    assertThat(unknown).as("features collected but not listed (a typo in this test)").isEmpty();
  }

  @Test
  void namespaceIsolationUsesOnlyWhatKubernetesExpressesExactly() {
    Set<String> used = features(Examples.DIR.resolve("namespace-isolation"));
    assertThat(used).as("forms of namespace-isolation").contains("peer pods(selector)", "peer cidr except");
    assertThat(used)
        .as("forms a plain NetworkPolicy cannot express")
        .doesNotContainAnyElementsOf(BEYOND_KUBERNETES);
  }

  /** The forms one example uses. */
  private static Set<String> features(Path example) {
    Set<String> found = new TreeSet<>();
    for (PolicyFile file : Examples.parseWithoutErrors(example).program().files()) {
      collect(file, found);
    }
    return found;
  }

  private static void collect(PolicyFile file, Set<String> found) {
    file.namespace().ifPresent(ns -> found.add("namespace directive"));
    for (var i : file.imports()) {
      found.add(i.path().startsWith("../") ? "import from a parent folder" : "import");
    }
    for (Definition d : file.definitions()) {
      if (d.name().equals("kube-dns")) {
        found.add("kube-dns overridden");
      }
      if (d instanceof Definition.Peers peers) {
        found.add("let peers");
        peers.terms().forEach(t -> peerTerm(t, found, "let naming a let of peers"));
      } else {
        found.add("let ports");
        ((Definition.Ports) d).terms().forEach(t -> portTerm(t, found, "let naming a let of ports"));
      }
    }
    for (Policy p : file.policies()) {
      policy(p, file, found);
    }
  }

  private static void policy(Policy p, PolicyFile file, Set<String> found) {
    if (p.isClusterWide()) {
      found.add("cluster policy");
      for (Peer s : p.subject().peers()) {
        NamespaceScope scope = ((PodPeer) s).namespaces();
        if (scope instanceof NamespaceScope.Named) {
          found.add("cluster select in namespace");
        } else if (scope instanceof NamespaceScope.Selected) {
          found.add("cluster select in namespaces");
        }
      }
    } else {
      boolean directive = file.namespace().map(ns -> ns.name().equals(p.namespace().get())).orElse(false);
      found.add(directive ? "policy" : "policy in namespace");
    }
    if (p.subject().terms().stream().anyMatch(t -> t instanceof PeerRef)) {
      found.add("select a let");
    }
    if (p.subject().peers().size() > 1) {
      found.add("select a union");
    }
    p.description().ifPresent(d -> found.add("description"));
    p.ingress().ifPresent(b -> block("ingress", b, found));
    p.egress().ifPresent(b -> block("egress", b, found));
  }

  private static void block(String direction, RuleBlock block, Set<String> found) {
    found.add(direction);
    if (block.rules().isEmpty()) {
      found.add("empty block");
    }
    for (Rule r : block.rules()) {
      String action = r.action().keyword();
      found.add(action.equals("allow") ? "allow" : "deny in " + direction);
      if (r.log()) {
        found.add("log " + action);
      }
      r.peerTerms().forEach(t -> peerTerm(t, found, null));
      r.peers().forEach(peer -> peer(peer, found));
      if (r.allPorts()) {
        found.add("rule without on");
      }
      r.portTerms().forEach(t -> portTerm(t, found, null));
      r.ports().forEach(port -> port(port, found));
      r.l7().ifPresent(l7 -> l7(l7, found));
    }
  }

  /** Notes a let reference (the built-in kube-dns has no source position) and the nesting feature, if any. */
  private static void peerTerm(PeerTerm term, Set<String> found, String nested) {
    if (term instanceof PeerRef ref) {
      if (nested != null) {
        found.add(nested);
      }
      boolean builtIn = ref.peers().stream().allMatch(p -> p.span().equals(SourceSpan.NONE));
      if (ref.name().equals("kube-dns") && builtIn) {
        found.add("built-in kube-dns");
      }
    }
  }

  private static void portTerm(PortTerm term, Set<String> found, String nested) {
    if (term instanceof PortRef && nested != null) {
      found.add(nested);
    }
  }

  private static void peer(Peer peer, Set<String> found) {
    peer.accept(
        new Peer.Visitor<Void>() {
          @Override
          public Void pods(PodPeer p) {
            found.add(p.pods().selectsAll() ? "peer pods" : "peer pods(selector)");
            selector(p.pods(), found);
            NamespaceScope scope = p.namespaces();
            if (scope instanceof NamespaceScope.Named) {
              found.add("scope named namespace");
              if (p.pods().selectsAll()) {
                found.add("peer namespace (all pods)");
              }
            } else if (scope instanceof NamespaceScope.Selected selected) {
              found.add("scope selected namespaces");
              selector(selected.selector(), found);
              if (p.pods().selectsAll()) {
                found.add("peer namespaces (all pods)");
              }
            } else if (scope instanceof NamespaceScope.AnyNamespace) {
              found.add("scope any namespace");
            } else {
              found.add("scope policy namespace");
            }
            return null;
          }

          @Override
          public Void serviceAccount(ServiceAccountPeer p) {
            found.add(p.namespace().isPresent() ? "peer serviceaccount in namespace" : "peer serviceaccount");
            return null;
          }

          @Override
          public Void service(ServicePeer p) {
            found.add(p.namespace().isPresent() ? "peer service in namespace" : "peer service");
            return null;
          }

          @Override
          public Void cidr(CidrPeer p) {
            found.add("peer cidr");
            if (!p.except().isEmpty()) {
              found.add("peer cidr except");
            }
            if (p.cidr().ipv6()) {
              found.add("peer cidr ipv6");
            }
            return null;
          }

          @Override
          public Void fqdn(FqdnPeer p) {
            found.add(p.pattern().contains("*") ? "peer fqdn wildcard" : "peer fqdn");
            return null;
          }

          @Override
          public Void entity(EntityPeer p) {
            found.add("peer " + p.entity().keyword());
            return null;
          }
        });
  }

  private static void selector(LabelSelector selector, Set<String> found) {
    for (LabelRequirement r : selector.requirements()) {
      if (r.key().contains("/")) {
        found.add("selector prefixed key");
      }
      found.add(switch (r.operator()) {
        case EQUALS -> "selector =";
        case NOT_EQUALS -> "selector !=";
        case IN -> "selector in";
        case NOT_IN -> "selector notin";
        case EXISTS -> "selector exists";
        case DOES_NOT_EXIST -> "selector !exists";
      });
    }
  }

  private static void port(Port port, Set<String> found) {
    port.accept(
        new Port.Visitor<Void>() {
          @Override
          public Void range(PortRange p) {
            found.add(p.isSingle() ? "port " + p.protocol().keyword() : "port range");
            return null;
          }

          @Override
          public Void named(NamedPort p) {
            found.add("port named");
            return null;
          }

          @Override
          public Void all(AllPorts p) {
            found.add("port every " + p.protocol().keyword());
            return null;
          }

          @Override
          public Void icmp(IcmpPort p) {
            String form = p.type().isEmpty() ? "" : p.code().isEmpty() ? " type" : " type code";
            found.add("port " + p.keyword() + form);
            return null;
          }
        });
  }

  private static void l7(L7Block block, Set<String> found) {
    block.accept(
        new L7Block.Visitor<Void>() {
          @Override
          public Void http(HttpBlock b) {
            found.add("http");
            for (HttpRule r : b.rules()) {
              if (r.method().isEmpty()) {
                found.add("http any method");
              }
              found.add(r.path().map(path -> "http path " + path.kind().name().toLowerCase(Locale.ROOT))
                  .orElse("http no path"));
              r.host().ifPresent(h -> found.add("http host"));
              for (HttpRule.HeaderMatch h : r.headers()) {
                found.add(h.value().isPresent() ? "http header value" : "http header");
              }
            }
            return null;
          }

          @Override
          public Void grpc(GrpcBlock b) {
            b.rules().forEach(r -> found.add(r.method().isPresent() ? "grpc method" : "grpc service"));
            return null;
          }

          @Override
          public Void kafka(KafkaBlock b) {
            for (var r : b.rules()) {
              found.add("kafka " + r.role().keyword());
              found.add(r.clientId().isPresent() ? "kafka client" : "kafka any client");
            }
            return null;
          }

          @Override
          public Void dns(DnsBlock b) {
            found.add("dns");
            return null;
          }
        });
  }
}

package io.netlingua.dsl.printer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import io.netlingua.dsl.generators.ModelGenerators;
import io.netlingua.model.AllPorts;
import io.netlingua.model.CidrPeer;
import io.netlingua.model.Definition;
import io.netlingua.model.EntityPeer;
import io.netlingua.model.FqdnPeer;
import io.netlingua.model.GrpcBlock;
import io.netlingua.model.HttpBlock;
import io.netlingua.model.HttpRule;
import io.netlingua.model.IcmpPort;
import io.netlingua.model.KafkaBlock;
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
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The model generators reach every feature the round-trip property is meant to cover: a generator that silently
 * stopped producing one would leave that feature untested.
 */
class GeneratorCoverageTest {

  @Test
  void fourHundredProgramsUseEveryFeature() {
    Set<String> seen = new TreeSet<>();
    qt().withFixedSeed(7).withExamples(400).forAll(ModelGenerators.programs())
        .checkAssert(p -> collect(p, seen));

    assertThat(seen).containsAll(List.of(
        "several files", "import", "directive", "no directive", "cluster policy", "namespaced policy",
        "policy in another namespace", "description with quote", "description with backslash",
        "description non-ASCII", "peer let", "port let", "let of lets", "port let of lets", "kube-dns override",
        "builtin kube-dns", "let in select", "let in rule", "port let in rule", "empty block", "log", "deny",
        "pods PolicyNamespace", "pods Named", "pods Selected", "pods AnyNamespace", "all pods", "serviceaccount",
        "service", "cidr", "cidr except", "cidr IPv6", "fqdn", "fqdn wildcard", "entity",
        "EQUALS", "NOT_EQUALS", "IN", "NOT_IN", "EXISTS", "DOES_NOT_EXIST", "empty label value", "prefixed key",
        "port", "port range", "named port", "all ports", "icmp", "icmpv6", "icmp code",
        "http", "http any method", "EXACT", "PREFIX", "REGEX", "http host", "http header value", "grpc",
        "grpc whole service", "kafka", "kafka client", "dns"));
  }

  private static void collect(Program program, Set<String> seen) {
    if (program.files().size() > 1) {
      seen.add("several files");
    }
    for (PolicyFile file : program.files()) {
      seen.add(file.imports().isEmpty() ? "no import" : "import");
      seen.add(file.namespace().isPresent() ? "directive" : "no directive");
      for (Definition d : file.definitions()) {
        if (d.name().equals("kube-dns")) {
          seen.add("kube-dns override");
        }
        if (d instanceof Definition.Peers peers) {
          seen.add("peer let");
          peers.terms().forEach(t -> peerTerm(t, "let of lets", seen));
        } else {
          seen.add("port let");
          ((Definition.Ports) d).terms().forEach(t -> portTerm(t, "port let of lets", seen));
        }
      }
      file.policies().forEach(p -> policy(file, p, seen));
    }
  }

  private static void policy(PolicyFile file, Policy p, Set<String> seen) {
    seen.add(p.isClusterWide() ? "cluster policy" : "namespaced policy");
    if (!p.isClusterWide() && !p.namespace().equals(file.namespace().map(PolicyFile.NamespaceDirective::name))) {
      seen.add("policy in another namespace");
    }
    p.description().ifPresent(d -> {
      if (d.contains("\"")) {
        seen.add("description with quote");
      }
      if (d.contains("\\")) {
        seen.add("description with backslash");
      }
      if (d.chars().anyMatch(c -> c > 127)) {
        seen.add("description non-ASCII");
      }
    });
    p.subject().terms().forEach(t -> peerTerm(t, "let in select", seen));
    for (RuleBlock block : List.of(p.ingress(), p.egress()).stream().flatMap(o -> o.stream()).toList()) {
      if (block.rules().isEmpty()) {
        seen.add("empty block");
      }
      block.rules().forEach(r -> rule(r, seen));
    }
  }

  private static void rule(Rule r, Set<String> seen) {
    if (r.log()) {
      seen.add("log");
    }
    seen.add(r.action().keyword());
    r.peerTerms().forEach(t -> peerTerm(t, "let in rule", seen));
    r.portTerms().forEach(t -> portTerm(t, "port let in rule", seen));
    r.l7().ifPresent(block -> {
      seen.add(block.keyword());
      if (block instanceof HttpBlock http) {
        for (HttpRule h : http.rules()) {
          if (h.method().isEmpty()) {
            seen.add("http any method");
          }
          h.path().ifPresent(path -> seen.add(path.kind().name()));
          h.host().ifPresent(host -> seen.add("http host"));
          if (h.headers().stream().anyMatch(x -> x.value().isPresent())) {
            seen.add("http header value");
          }
        }
      } else if (block instanceof GrpcBlock grpc) {
        if (grpc.rules().stream().anyMatch(g -> g.method().isEmpty())) {
          seen.add("grpc whole service");
        }
      } else if (block instanceof KafkaBlock kafka) {
        if (kafka.rules().stream().anyMatch(k -> k.clientId().isPresent())) {
          seen.add("kafka client");
        }
      }
    });
  }

  private static void peerTerm(PeerTerm term, String refFeature, Set<String> seen) {
    if (term instanceof PeerRef ref) {
      seen.add(refFeature);
      if (ref.name().equals("kube-dns")) {
        seen.add("builtin kube-dns");
      }
      return;
    }
    ((Peer) term).accept(new Peer.Visitor<Void>() {
      @Override
      public Void pods(PodPeer peer) {
        seen.add("pods " + peer.namespaces().getClass().getSimpleName());
        if (peer.pods().selectsAll()) {
          seen.add("all pods");
        }
        selector(peer.pods(), seen);
        if (peer.namespaces() instanceof NamespaceScope.Selected selected) {
          selector(selected.selector(), seen);
        }
        return null;
      }

      @Override
      public Void serviceAccount(ServiceAccountPeer peer) {
        seen.add("serviceaccount");
        return null;
      }

      @Override
      public Void service(ServicePeer peer) {
        seen.add("service");
        return null;
      }

      @Override
      public Void cidr(CidrPeer peer) {
        seen.add("cidr");
        if (!peer.except().isEmpty()) {
          seen.add("cidr except");
        }
        if (peer.cidr().ipv6()) {
          seen.add("cidr IPv6");
        }
        return null;
      }

      @Override
      public Void fqdn(FqdnPeer peer) {
        seen.add(peer.pattern().contains("*") ? "fqdn wildcard" : "fqdn");
        return null;
      }

      @Override
      public Void entity(EntityPeer peer) {
        seen.add("entity");
        return null;
      }
    });
  }

  private static void selector(LabelSelector selector, Set<String> seen) {
    for (LabelRequirement r : selector.requirements()) {
      seen.add(r.operator().name());
      if (r.values().contains("")) {
        seen.add("empty label value");
      }
      if (r.key().contains("/")) {
        seen.add("prefixed key");
      }
    }
  }

  private static void portTerm(PortTerm term, String refFeature, Set<String> seen) {
    if (term instanceof PortRef) {
      seen.add(refFeature);
      return;
    }
    ((Port) term).accept(new Port.Visitor<Void>() {
      @Override
      public Void range(PortRange port) {
        seen.add(port.isSingle() ? "port" : "port range");
        return null;
      }

      @Override
      public Void named(NamedPort port) {
        seen.add("named port");
        return null;
      }

      @Override
      public Void all(AllPorts port) {
        seen.add("all ports");
        return null;
      }

      @Override
      public Void icmp(IcmpPort port) {
        seen.add(port.keyword());
        if (port.code().isPresent()) {
          seen.add("icmp code");
        }
        return null;
      }
    });
  }
}

package io.netlingua.eval.internal;

import io.netlingua.eval.IpAddress;
import io.netlingua.eval.Service;
import io.netlingua.model.CidrPeer;
import io.netlingua.model.DnsPatterns;
import io.netlingua.model.EntityPeer;
import io.netlingua.model.FqdnPeer;
import io.netlingua.model.NamespaceScope;
import io.netlingua.model.Peer;
import io.netlingua.model.PodPeer;
import io.netlingua.model.ServiceAccountPeer;
import io.netlingua.model.ServicePeer;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a peer of a rule matches the other end of a flow (SEMANTICS.md section 1, rules 4 to 6).
 * {@code self} is the governed pod's end, which {@code host} needs.
 */
interface PeerMatcher {
  boolean matches(End other, End self);

  /**
   * Compiles peers once per (policy namespace, peer): the pods a peer selects are computed when first asked
   * for and shared by every rule and policy that uses the same peer (a {@code let} expands to the same one).
   */
  final class Compiler {
    private record Key(Optional<String> policyNamespace, Peer peer) {}

    private final ClusterIndex index;
    private final Map<Key, PeerMatcher> cache = new HashMap<>();
    private final Map<Key, BitSet> podCache = new HashMap<>();

    Compiler(ClusterIndex index) {
      this.index = index;
    }

    /** The matcher of a peer written in a policy of that namespace (empty: a cluster policy). */
    PeerMatcher compile(Optional<String> policyNamespace, Peer peer) {
      return cache.computeIfAbsent(new Key(policyNamespace, peer), k -> build(policyNamespace, peer));
    }

    /**
     * The pods a pod-like peer (pods, service account) selects; none for other kinds. In a cluster policy a
     * peer without a namespace means every namespace (LANGUAGE.md, peers).
     */
    BitSet selectedPods(Optional<String> policyNamespace, Peer peer) {
      return podCache.computeIfAbsent(new Key(policyNamespace, peer), k -> peer.accept(new Peer.Visitor<>() {
        @Override
        public BitSet pods(PodPeer p) {
          return index.select(p.pods(), namespaces(policyNamespace, p.namespaces()));
        }

        @Override
        public BitSet serviceAccount(ServiceAccountPeer p) {
          Optional<String> ns = p.namespace().or(() -> policyNamespace);
          return index.podsWhere(pod -> pod.serviceAccount().equals(p.name())
              && ns.map(pod.namespace()::equals).orElse(true));
        }

        @Override
        public BitSet service(ServicePeer p) {
          return new BitSet();
        }

        @Override
        public BitSet cidr(CidrPeer p) {
          return new BitSet();
        }

        @Override
        public BitSet fqdn(FqdnPeer p) {
          return new BitSet();
        }

        @Override
        public BitSet entity(EntityPeer p) {
          return new BitSet();
        }
      }));
    }

    private BitSet namespaces(Optional<String> policyNamespace, NamespaceScope scope) {
      if (scope instanceof NamespaceScope.Named named) {
        return index.podsInNamespaces(n -> n.name().equals(named.name()));
      }
      if (scope instanceof NamespaceScope.Selected selected) {
        return index.podsInNamespaces(n -> selected.selector().matches(n.labels()));
      }
      if (scope instanceof NamespaceScope.PolicyNamespace) {
        return policyNamespace.map(ns -> index.podsInNamespaces(n -> n.name().equals(ns)))
            .orElseGet(index::allPods);
      }
      return index.allPods();
    }

    private PeerMatcher build(Optional<String> policyNamespace, Peer peer) {
      return peer.accept(new Peer.Visitor<PeerMatcher>() {
        @Override
        public PeerMatcher pods(PodPeer p) {
          return podSet(selectedPods(policyNamespace, p));
        }

        @Override
        public PeerMatcher serviceAccount(ServiceAccountPeer p) {
          return podSet(selectedPods(policyNamespace, p));
        }

        @Override
        public PeerMatcher service(ServicePeer p) {
          Optional<String> ns = p.namespace().or(() -> policyNamespace);
          BitSet behind = new BitSet();
          Set<IpAddress> addresses = new HashSet<>();
          for (Service s : index.cluster().services()) {
            if (s.name().equals(p.name()) && ns.map(s.namespace()::equals).orElse(true)) {
              behind.or(index.podsWhere(s::selects));
              s.clusterIP().ifPresent(addresses::add);
            }
          }
          return (other, self) -> other.isPod() ? behind.get(other.podIndex())
              : other.kind() == End.Kind.ADDRESS && addresses.contains(other.ip());
        }

        @Override
        public PeerMatcher cidr(CidrPeer p) {
          return (other, self) -> other.outside() && other.ip().in(p.cidr())
              && p.except().stream().noneMatch(other.ip()::in);
        }

        @Override
        public PeerMatcher fqdn(FqdnPeer p) {
          return (other, self) -> other.kind() == End.Kind.EXTERNAL
              && other.external().fqdn().filter(name -> DnsPatterns.matches(p.pattern(), name)).isPresent();
        }

        @Override
        public PeerMatcher entity(EntityPeer p) {
          return switch (p.entity()) {
            case WORLD -> (other, self) -> other.outside();
            case CLUSTER -> (other, self) -> other.isPod() || other.kind() == End.Kind.NODE;
            case NODES -> (other, self) -> other.kind() == End.Kind.NODE;
            case HOST -> (other, self) -> other.kind() == End.Kind.NODE
                && other.node().name().equals(self.pod().node());
            case KUBE_APISERVER -> (other, self) ->
                other.kind() == End.Kind.NODE && other.node().kubeApiserver()
                    || other.kind() == End.Kind.EXTERNAL && other.external().kubeApiserver();
            case ANY -> (other, self) -> true;
          };
        }
      });
    }

    private static PeerMatcher podSet(BitSet pods) {
      return (other, self) -> other.isPod() && pods.get(other.podIndex());
    }
  }
}

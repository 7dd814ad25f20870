package io.netlingua.eval.internal;

import io.netlingua.eval.Cluster;
import io.netlingua.eval.Endpoint;
import io.netlingua.eval.External;
import io.netlingua.eval.IpAddress;
import io.netlingua.eval.Namespace;
import io.netlingua.eval.Node;
import io.netlingua.eval.Pod;
import io.netlingua.eval.Service;
import io.netlingua.model.LabelRequirement;
import io.netlingua.model.LabelSelector;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The cluster indexed for evaluation: pods numbered in cluster order, an inverted index from each label
 * {@code key=value} to the pods that carry it, the pods of each namespace, and every address's owner.
 */
final class ClusterIndex {
  private final Cluster cluster;
  private final List<Pod> pods;
  private final Map<Pod, Integer> byIdentity = new IdentityHashMap<>();
  private final Map<Pod, Integer> byValue = new HashMap<>();
  private final Map<String, Map<String, BitSet>> byLabel = new HashMap<>();
  private final Map<String, BitSet> byNamespace = new HashMap<>();
  private final Map<IpAddress, End> byAddress = new HashMap<>();
  private final Set<IpAddress> clusterIps = new HashSet<>();

  ClusterIndex(Cluster cluster) {
    this.cluster = cluster;
    this.pods = cluster.pods();
    for (int i = 0; i < pods.size(); i++) {
      Pod p = pods.get(i);
      byIdentity.put(p, i);
      byValue.put(p, i);
      byNamespace.computeIfAbsent(p.namespace(), n -> new BitSet()).set(i);
      for (Map.Entry<String, String> label : p.labels().entrySet()) {
        byLabel.computeIfAbsent(label.getKey(), k -> new HashMap<>())
            .computeIfAbsent(label.getValue(), v -> new BitSet()).set(i);
      }
      byAddress.put(p.ip(), new End(End.Kind.POD, i, p, null, null, p.ip(), false));
    }
    for (Node n : cluster.nodes()) {
      byAddress.put(n.ip(), new End(End.Kind.NODE, -1, null, n, null, n.ip(), false));
    }
    for (External e : cluster.externals()) {
      byAddress.put(e.ip(), new End(End.Kind.EXTERNAL, -1, null, null, e, e.ip(), true));
    }
    for (Service s : cluster.services()) {
      s.clusterIP().ifPresent(clusterIps::add);
    }
  }

  Cluster cluster() {
    return cluster;
  }

  int podCount() {
    return pods.size();
  }

  Pod pod(int index) {
    return pods.get(index);
  }

  /** The end a flow names, resolved by address when it is a bare address. */
  End resolve(Endpoint endpoint) {
    return endpoint.accept(new Endpoint.Visitor<End>() {
      @Override
      public End pod(Pod pod) {
        Integer i = byIdentity.get(pod);
        if (i == null) {
          i = byValue.get(pod);
        }
        if (i == null) {
          throw new IllegalArgumentException("pod " + pod.qualifiedName() + " is not in the cluster");
        }
        return new End(End.Kind.POD, i, pod, null, null, pod.ip(), false);
      }

      @Override
      public End node(Node node) {
        return new End(End.Kind.NODE, -1, null, node, null, node.ip(), false);
      }

      @Override
      public End external(External external) {
        return new End(End.Kind.EXTERNAL, -1, null, null, external, external.ip(), true);
      }

      @Override
      public End address(IpAddress address) {
        End known = byAddress.get(address);
        return known != null
            ? known
            : new End(End.Kind.ADDRESS, -1, null, null, null, address, !clusterIps.contains(address));
      }
    });
  }

  /** The pods of the namespaces that pass the test. */
  BitSet podsInNamespaces(Predicate<Namespace> test) {
    BitSet out = new BitSet();
    for (Namespace n : cluster.namespaces()) {
      if (test.test(n)) {
        BitSet members = byNamespace.get(n.name());
        if (members != null) {
          out.or(members);
        }
      }
    }
    return out;
  }

  /** Every pod. */
  BitSet allPods() {
    BitSet out = new BitSet();
    out.set(0, pods.size());
    return out;
  }

  /**
   * The pods among the candidates whose labels match the selector: equality and set-membership requirements
   * narrow through the label index, the others are checked pod by pod on what remains.
   */
  BitSet select(LabelSelector selector, BitSet candidates) {
    BitSet out = (BitSet) candidates.clone();
    for (LabelRequirement r : selector.requirements()) {
      switch (r.operator()) {
        case EQUALS, IN -> {
          Map<String, BitSet> values = byLabel.getOrDefault(r.key(), Map.of());
          BitSet any = new BitSet();
          for (String v : r.values()) {
            BitSet carriers = values.get(v);
            if (carriers != null) {
              any.or(carriers);
            }
          }
          out.and(any);
        }
        case EXISTS -> {
          BitSet any = new BitSet();
          byLabel.getOrDefault(r.key(), Map.of()).values().forEach(any::or);
          out.and(any);
        }
        case NOT_EQUALS, NOT_IN, DOES_NOT_EXIST -> {
          for (int i = out.nextSetBit(0); i >= 0; i = out.nextSetBit(i + 1)) {
            if (!r.matches(pods.get(i).labels())) {
              out.clear(i);
            }
          }
        }
      }
    }
    return out;
  }

  /** The pods that pass the test. */
  BitSet podsWhere(Predicate<Pod> test) {
    BitSet out = new BitSet();
    for (int i = 0; i < pods.size(); i++) {
      if (test.test(pods.get(i))) {
        out.set(i);
      }
    }
    return out;
  }
}

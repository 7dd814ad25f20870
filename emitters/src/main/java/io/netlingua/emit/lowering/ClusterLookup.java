package io.netlingua.emit.lowering;

import io.netlingua.eval.Cluster;
import io.netlingua.eval.Endpoint;
import io.netlingua.eval.External;
import io.netlingua.eval.IpAddress;
import io.netlingua.eval.Namespace;
import io.netlingua.eval.Node;
import io.netlingua.eval.Pod;
import io.netlingua.eval.Service;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Function;

/**
 * A cluster indexed once for the evaluators of targets, so that judging a flow costs the policies that govern its
 * pods rather than a scan of the cluster or of every object: the namespaces and Services by name, the ends by
 * address, the first pod behind each Service address, and {@linkplain PerPod values computed once per pod} for what
 * depends on the pod alone (its labels or identity as the target reads them, the objects that select it). Each
 * method answers as the {@link Cluster} method it names, where there is one. Immutable once built but for the
 * per-pod values, which are set at most once each: safe to share between threads.
 */
public final class ClusterLookup {
  private final Cluster cluster;
  private final Map<String, Namespace> namespaces = new HashMap<>();
  private final Map<String, Map<String, Service>> services = new HashMap<>();
  private final Map<IpAddress, Endpoint> ends = new HashMap<>();
  private final Map<IpAddress, Endpoint> backends = new HashMap<>();
  private final Map<Pod, Integer> byIdentity = new IdentityHashMap<>();
  private final Map<Pod, Integer> byValue = new HashMap<>();

  /** Indexes a cluster. */
  public ClusterLookup(Cluster cluster) {
    this.cluster = Objects.requireNonNull(cluster, "cluster");
    for (Namespace n : cluster.namespaces()) {
      namespaces.putIfAbsent(n.name(), n);
    }
    // Cluster.endpointAt looks at pods, then nodes, then externals; the first of each address wins.
    List<Pod> pods = cluster.pods();
    for (int i = 0; i < pods.size(); i++) {
      Pod p = pods.get(i);
      ends.putIfAbsent(p.ip(), Endpoint.of(p));
      byIdentity.put(p, i);
      byValue.putIfAbsent(p, i);
    }
    for (Node n : cluster.nodes()) {
      ends.putIfAbsent(n.ip(), Endpoint.of(n));
    }
    for (External e : cluster.externals()) {
      ends.putIfAbsent(e.ip(), Endpoint.of(e));
    }
    for (Service s : cluster.services()) {
      services.computeIfAbsent(s.namespace(), n -> new HashMap<>()).putIfAbsent(s.name(), s);
    }
    // Behind a Service address: the first Service of that address with a backend, its first pod in cluster order.
    for (Service s : cluster.services()) {
      if (s.clusterIP().isEmpty() || backends.containsKey(s.clusterIP().get())) {
        continue;
      }
      for (Pod p : pods) {
        if (s.selects(p)) {
          backends.put(s.clusterIP().get(), Endpoint.of(p));
          break;
        }
      }
    }
  }

  /** The cluster. */
  public Cluster cluster() {
    return cluster;
  }

  /** {@link Cluster#namespace(String)}. */
  public Optional<Namespace> namespace(String name) {
    return Optional.ofNullable(namespaces.get(name));
  }

  /** {@link Cluster#service(String, String)}. */
  public Optional<Service> service(String namespace, String name) {
    return Optional.ofNullable(services.getOrDefault(namespace, Map.of()).get(name));
  }

  /** {@link Cluster#endpointAt(IpAddress)}. */
  public Endpoint endpointAt(IpAddress ip) {
    Endpoint end = ends.get(ip);
    return end != null ? end : Endpoint.of(ip);
  }

  /** A bare address as the pod, node or external that has it ({@link #endpointAt}); any other end as it is. */
  public Endpoint resolve(Endpoint end) {
    return end instanceof Endpoint.AddressEnd a ? endpointAt(a.address()) : end;
  }

  /**
   * The first pod, in cluster order, of the first Service whose cluster IP the end is and that has one; the end
   * itself otherwise (not an address, or no Service with a backend there).
   */
  public Endpoint behindServiceAddress(Endpoint end) {
    if (!(end instanceof Endpoint.AddressEnd a)) {
      return end;
    }
    Endpoint backend = backends.get(a.address());
    return backend != null ? backend : end;
  }

  /**
   * A value per pod of the cluster, computed when first asked for.
   *
   * @param compute the value of a pod: a function of the pod (and of what the evaluator holds fixed) alone
   * @param <T> the value's type
   * @return the per-pod values
   */
  public <T> PerPod<T> perPod(Function<Pod, T> compute) {
    return new PerPod<>(this, compute);
  }

  /**
   * Values computed once per pod of the cluster: a pod of the flow is found by identity (the cluster's own object,
   * as flows read against the cluster hold), else by value; a pod that is not in the cluster gets its value
   * computed each time.
   *
   * @param <T> the value's type
   */
  public static final class PerPod<T> {
    private final ClusterLookup lookup;
    private final Function<Pod, T> compute;
    private final AtomicReferenceArray<T> values;

    private PerPod(ClusterLookup lookup, Function<Pod, T> compute) {
      this.lookup = lookup;
      this.compute = Objects.requireNonNull(compute, "compute");
      this.values = new AtomicReferenceArray<>(lookup.cluster.pods().size());
    }

    /** The pod's value. */
    public T get(Pod pod) {
      Integer i = lookup.byIdentity.get(pod);
      if (i == null) {
        i = lookup.byValue.get(pod);
        if (i == null) {
          return compute.apply(pod);
        }
      }
      T value = values.get(i);
      if (value == null) {
        // Computed from the cluster's own object, so that a pod equal to it gets the same value.
        value = Objects.requireNonNull(compute.apply(lookup.cluster.pods().get(i)), "a per-pod value");
        if (!values.compareAndSet(i, null, value)) {
          value = values.get(i);
        }
      }
      return value;
    }
  }
}

package io.netlingua.emit.lowering;

import io.netlingua.diagnostics.Code;
import io.netlingua.emit.spi.Degradations;
import io.netlingua.model.Cidr;
import io.netlingua.model.CidrPeer;
import io.netlingua.model.SourceSpan;
import io.netlingua.targets.Options;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The addresses of {@code cidr} and {@code world} peers under the cluster facts of a run, for targets whose
 * address rules also match pod, service or node addresses (a Kubernetes {@code ipBlock}: "ipBlock is meant
 * for cluster-external addresses", and what it matches inside the cluster depends on the CNI: Kubernetes
 * documentation, network-policies/#networkpolicy-resource; a Calico {@code nets}). In the neutral semantics a
 * {@code cidr} or {@code world} never matches those addresses (SEMANTICS.md section 1, rule 5), so every
 * stated cluster CIDR is cut out. One instance serves one run and remembers which facts the output relied on,
 * so that the report lists each once.
 */
public final class ClusterAddresses {
  private static final Cidr WORLD_V4 = Cidr.parse("0.0.0.0/0");
  private static final Cidr WORLD_V6 = Cidr.parse("::/0");

  private final Options options;
  /** The stated cluster CIDRs by kind, as the command line names them: pod, service, node. */
  private final Map<String, List<Cidr>> stated = new LinkedHashMap<>();
  private final Map<String, SourceSpan> factsUsed = new LinkedHashMap<>();
  private Optional<SourceSpan> assumption = Optional.empty();

  /** The addresses of one run, under the facts its options state. */
  public ClusterAddresses(Options options) {
    this.options = options;
    stated.put("pod", options.podCidrs());
    stated.put("service", options.serviceCidrs());
    stated.put("node", options.nodeCidrs());
  }

  /** Whether {@code world} is exact: the pod, service and node CIDRs are all stated. */
  public boolean worldIsExact() {
    return options.knowsClusterCidrs();
  }

  /**
   * The addresses of a {@code cidr} peer: its prefix minus its excepts and the stated cluster CIDRs; empty
   * when it lies inside the cluster's CIDRs (where it matches nothing).
   */
  public Optional<AddressBlock> cidr(CidrPeer peer, SourceSpan use) {
    if (!options.knowsClusterCidrs() && assumption.isEmpty()) {
      assumption = Optional.of(use);
    }
    return AddressBlock.of(peer.cidr(), cut(peer.cidr(), peer.except(), use));
  }

  /** Every address, {@code 0.0.0.0/0} and {@code ::/0}, cluster or not: what {@code any} names. */
  public static List<AddressBlock> everyAddress() {
    return List.of(new AddressBlock(WORLD_V4, List.of()), new AddressBlock(WORLD_V6, List.of()));
  }

  /** The addresses of {@code world}: {@code 0.0.0.0/0} and {@code ::/0}, each minus the stated cluster CIDRs. */
  public List<AddressBlock> world(SourceSpan use) {
    List<AddressBlock> out = new ArrayList<>();
    for (Cidr all : List.of(WORLD_V4, WORLD_V6)) {
      AddressBlock.of(all, cut(all, List.of(), use)).ifPresent(out::add);
    }
    return out;
  }

  /**
   * The addresses of the nodes: the stated node CIDRs, for targets that name nodes by address (Calico); empty when
   * the run states none.
   */
  public List<AddressBlock> nodes(SourceSpan use) {
    List<Cidr> nodes = stated.get("node");
    if (!nodes.isEmpty()) {
      factsUsed.putIfAbsent(
          "the cluster's node CIDRs (" + nodes.stream().map(Cidr::toString).collect(Collectors.joining(", "))
              + ", stated with --node-cidr) stand for the nodes in cluster and nodes peers",
          use);
    }
    return nodes.stream().map(c -> new AddressBlock(c, List.of())).toList();
  }

  private List<Cidr> cut(Cidr prefix, List<Cidr> except, SourceSpan use) {
    List<Cidr> out = new ArrayList<>(except);
    stated.forEach((kind, cidrs) -> note(kind, cidrs, prefix, use, out));
    return out;
  }

  private void note(String kind, List<Cidr> cidrs, Cidr prefix, SourceSpan use, List<Cidr> out) {
    List<Cidr> overlapping = cidrs.stream().filter(prefix::overlaps).toList();
    if (!overlapping.isEmpty()) {
      out.addAll(overlapping);
      factsUsed.putIfAbsent(
          "the cluster's " + kind + " CIDRs ("
              + cidrs.stream().map(Cidr::toString).collect(Collectors.joining(", "))
              + ", stated with --" + kind + "-cidr) are cut out of cidr and world peers",
          use);
    }
  }

  /**
   * Reports, once each, the stated facts the output relied on (info NL3903) and, when a {@code cidr} peer was
   * lowered without all cluster CIDRs stated, the assumption that it lies outside the cluster (info NL3902).
   *
   * @param target the target's id, which starts every message
   */
  public void report(Degradations degradations, String target) {
    factsUsed.forEach((fact, span) -> degradations.info(Code.CLUSTER_FACT, span, target + ": " + fact));
    List<String> missing =
        stated.entrySet().stream().filter(e -> e.getValue().isEmpty()).map(Map.Entry::getKey).toList();
    assumption.ifPresent(
        span -> degradations.info(
            Code.CIDR_ASSUMPTION, span,
            target + ": cidr peers are taken to lie outside the cluster, as the language says: the run states no "
                + String.join(", ", missing) + " CIDRs ("
                + missing.stream().map(k -> "--" + k + "-cidr").collect(Collectors.joining(", ")) + ")"));
  }
}

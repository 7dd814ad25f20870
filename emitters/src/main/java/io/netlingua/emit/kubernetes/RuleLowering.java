package io.netlingua.emit.kubernetes;

import io.netlingua.diagnostics.Outcome;
import io.netlingua.emit.lowering.AddressBlock;
import io.netlingua.emit.lowering.ClusterAddresses;
import io.netlingua.emit.lowering.L7Fallback;
import io.netlingua.emit.lowering.LoweredPeer;
import io.netlingua.emit.lowering.LoweredRule;
import io.netlingua.emit.lowering.PodSet;
import io.netlingua.emit.lowering.Use;
import io.netlingua.emit.spi.Degradations;
import io.netlingua.model.AllPorts;
import io.netlingua.model.CidrPeer;
import io.netlingua.model.Direction;
import io.netlingua.model.EntityPeer;
import io.netlingua.model.FqdnPeer;
import io.netlingua.model.IcmpPort;
import io.netlingua.model.LabelSelector;
import io.netlingua.model.NamedPort;
import io.netlingua.model.Peer;
import io.netlingua.model.PodPeer;
import io.netlingua.model.Policy;
import io.netlingua.model.Port;
import io.netlingua.model.PortRange;
import io.netlingua.model.Rule;
import io.netlingua.model.ServiceAccountPeer;
import io.netlingua.model.ServicePeer;
import io.netlingua.model.SourceSpan;
import io.netlingua.targets.Feature;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Lowers the allow rules of one policy to what a NetworkPolicy rule can say, reporting every peer, port and
 * L7 block it leaves out. The peers of a rule are a union and so are its ports: leaving one out makes the
 * rule narrower, never wider; a rule with no peer or no port left is left out whole, since an empty {@code
 * from}, {@code to} or {@code ports} would mean "all" (NetworkPolicyIngressRule.from,
 * NetworkPolicyIngressRule.ports, networking.k8s.io/v1 API reference).
 */
final class RuleLowering {
  private static final String TARGET = "kubernetes: ";
  private static final String CIDR_HINT = "state the cluster CIDRs with --pod-cidr, --service-cidr, --node-cidr";

  private final Degradations degradations;
  private final ClusterAddresses addresses;

  RuleLowering(Degradations degradations, ClusterAddresses addresses) {
    this.degradations = degradations;
    this.addresses = addresses;
  }

  /** An allow rule, or nothing when it is left out (every such case is reported). */
  Optional<LoweredRule> allow(Policy policy, Direction direction, Rule rule) {
    if (rule.log()) {
      reportLog(rule, direction);
    }
    if (rule.l7().isPresent() && !L7Fallback.keepWithout(
        degradations, rule.l7().get(), direction, "kubernetes", "is not expressible",
        "compile for a target with L7 rules")) {
      return Optional.empty();
    }
    List<Use<Peer>> uses = Use.peers(rule.peerTerms());
    Optional<List<LoweredPeer>> peers = Optional.empty();
    if (uses.stream().noneMatch(u -> isAny(u.value()))) {
      List<LoweredPeer> kept = new ArrayList<>();
      for (Use<Peer> use : uses) {
        kept.addAll(peer(policy, direction, use));
      }
      if (kept.isEmpty()) {
        return Optional.empty();
      }
      peers = Optional.of(kept.stream().distinct().toList());
    }
    Optional<List<Port>> ports = Optional.empty();
    if (!rule.allPorts()) {
      List<Port> kept = new ArrayList<>();
      for (Use<Port> use : Use.ports(rule.portTerms())) {
        port(use, direction).ifPresent(kept::add);
      }
      if (kept.isEmpty()) {
        return Optional.empty();
      }
      ports = Optional.of(kept);
    }
    return Optional.of(new LoweredRule(peers, ports, rule.span()));
  }

  /** Reports {@code log}: NetworkPolicy has no logging; verdicts do not change, so a warning in every mode. */
  void reportLog(Rule rule, Direction direction) {
    degradations.report(
        Feature.LOG, Outcome.EXACT, rule.span(), Optional.of(direction),
        TARGET + "log is not expressible: matching traffic is not logged, and no verdict changes (exact)",
        "a target with logging (Cilium's log, Calico's Log action) can log it");
  }

  private static boolean isAny(Peer peer) {
    return peer instanceof EntityPeer e && e.entity() == io.netlingua.model.Entity.ANY;
  }

  private List<LoweredPeer> peer(Policy policy, Direction direction, Use<Peer> use) {
    SourceSpan span = use.span();
    Optional<Direction> dir = Optional.of(direction);
    return use.value().accept(
        new Peer.Visitor<List<LoweredPeer>>() {
          @Override
          public List<LoweredPeer> pods(PodPeer p) {
            return List.of(new LoweredPeer.Pods(PodSet.of(policy, p)));
          }

          @Override
          public List<LoweredPeer> serviceAccount(ServiceAccountPeer p) {
            degradations.report(
                Feature.SERVICE_ACCOUNT, Outcome.NARROWER, span, dir,
                TARGET + "serviceaccount '" + p.name() + "' is left out of the rule: a NetworkPolicy cannot"
                    + " select pods by service account (narrower)",
                "select the same pods by their labels, or compile for a target with service accounts");
            return List.of();
          }

          @Override
          public List<LoweredPeer> service(ServicePeer p) {
            degradations.report(
                Feature.SERVICE, Outcome.NARROWER, span, dir,
                TARGET + "service '" + p.name() + "' is left out of the rule: a NetworkPolicy cannot name a"
                    + " Service (narrower)",
                "name the Service's pods by their labels with pods(...) in namespace ...");
            return List.of();
          }

          @Override
          public List<LoweredPeer> cidr(CidrPeer p) {
            Optional<AddressBlock> block = addresses.cidr(p, span);
            if (block.isEmpty()) {
              degradations.report(
                  Feature.CIDR, Outcome.EXACT, span, dir,
                  TARGET + "cidr " + p.cidr() + " lies inside the stated cluster CIDRs, where a cidr peer"
                      + " matches no address: it is left out of the rule (exact)",
                  null);
              return List.of();
            }
            return List.of(new LoweredPeer.Addresses(block.get()));
          }

          @Override
          public List<LoweredPeer> fqdn(FqdnPeer p) {
            degradations.report(
                Feature.FQDN, Outcome.NARROWER, span, dir,
                TARGET + "fqdn '" + p.pattern() + "' is left out of the rule: a NetworkPolicy cannot match DNS"
                    + " names (narrower)",
                "allow the addresses with cidr, or compile for a target with fqdn peers");
            return List.of();
          }

          @Override
          public List<LoweredPeer> entity(EntityPeer p) {
            return RuleLowering.this.entity(p, span, dir);
          }
        });
  }

  private List<LoweredPeer> entity(EntityPeer p, SourceSpan span, Optional<Direction> dir) {
    // A switch expression over the enum: a new entity does not compile until it is handled here.
    return switch (p.entity()) {
      case WORLD -> {
        if (!addresses.worldIsExact()) {
          degradations.report(
              Feature.ENTITY_WORLD, Outcome.WIDER, span, dir,
              TARGET + "world becomes ipBlock 0.0.0.0/0 and ::/0, which also match pod, service and node"
                  + " addresses on some CNIs (wider)",
              CIDR_HINT);
        }
        yield addresses.world(span).stream().<LoweredPeer>map(LoweredPeer.Addresses::new).toList();
      }
      case CLUSTER -> {
        degradations.report(
            Feature.ENTITY_CLUSTER, Outcome.NARROWER, span, dir,
            TARGET + "cluster becomes every pod of every namespace (namespaceSelector {}): the nodes are left out"
                + " (narrower)",
            "allow the node addresses with cidr, or compile for a target with a cluster entity");
        yield List.of(new LoweredPeer.Pods(new PodSet(LabelSelector.ALL, LabelSelector.ALL)));
      }
      case NODES -> {
        degradations.report(
            Feature.ENTITY_NODES, Outcome.NARROWER, span, dir,
            TARGET + "nodes is left out of the rule: a NetworkPolicy cannot select nodes (narrower)",
            "allow the node addresses with cidr, or compile for a target with a nodes entity");
        yield List.of();
      }
      case HOST -> {
        degradations.report(
            Feature.ENTITY_HOST, Outcome.EXACT, span, dir,
            TARGET + "host is left out of the rule: the platform always allows traffic between a pod and its own"
                + " node (exact)",
            null);
        yield List.of();
      }
      case KUBE_APISERVER -> {
        degradations.report(
            Feature.ENTITY_KUBE_APISERVER, Outcome.NARROWER, span, dir,
            TARGET + "kube-apiserver is left out of the rule: a NetworkPolicy cannot select the API server"
                + " (narrower)",
            "allow the API server's addresses with cidr, or compile for a target with a kube-apiserver entity");
        yield List.of();
      }
      // A rule naming any has no peer list at all (see allow), so any never reaches here.
      case ANY -> throw new IllegalStateException("any is lowered as a rule without peers");
    };
  }

  private Optional<Port> port(Use<Port> use, Direction direction) {
    return use.value().accept(
        new Port.Visitor<Optional<Port>>() {
          @Override
          public Optional<Port> range(PortRange p) {
            if (!p.isSingle() && !degradations.capabilities().get(Feature.PORT_RANGE).isExact()) {
              degradations.report(
                  Feature.PORT_RANGE, Outcome.NARROWER, use.span(), Optional.of(direction),
                  TARGET + "the range " + p.protocol().keyword() + "/" + p.first() + "-" + p.last()
                      + " uses endPort, which a CNI before Kubernetes 1.25 may ignore, applying port " + p.first()
                      + " only (narrower)",
                  "target Kubernetes 1.25 or later, or list the ports one by one");
            }
            return Optional.of(p);
          }

          @Override
          public Optional<Port> named(NamedPort p) {
            return Optional.of(p);
          }

          @Override
          public Optional<Port> all(AllPorts p) {
            return Optional.of(p);
          }

          @Override
          public Optional<Port> icmp(IcmpPort p) {
            degradations.report(
                Feature.ICMP, Outcome.NARROWER, use.span(), Optional.of(direction),
                TARGET + p.keyword() + " is left out of the rule: a NetworkPolicy matches TCP, UDP and SCTP only"
                    + " (narrower)",
                "compile for a target with ICMP rules");
            return Optional.empty();
          }
        });
  }
}

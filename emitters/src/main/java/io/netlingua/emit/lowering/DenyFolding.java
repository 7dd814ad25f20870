package io.netlingua.emit.lowering;

import io.netlingua.model.Port;
import io.netlingua.model.SourceSpan;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which allow rules may see a deny, and whether cutting the denied addresses out of them is exact.
 *
 * <p>A deny matters only for flows some allow rule allows: the deny's own policy isolates its pods in that
 * direction, so without a matching allow the flow is refused anyway (SEMANTICS.md section 1, rules 2 and 3).
 * An allow may see the deny when it governs pods the deny's policy may govern, may match a denied address or
 * pod, and may match a denied port. Cutting the addresses out of such an allow is exact when the allow
 * governs only pods of the deny's policy (else other pods lose traffic), the deny covers every port of the
 * allow it may match (the allow's other ports keep the uncut peers in a rule of their own), and the allow
 * names those addresses by address blocks (an allow of every peer cannot take an except, and a pod selector
 * has none).
 */
public final class DenyFolding {
  private DenyFolding() {}

  /** What became of a deny. */
  public enum Verdict {
    /** The denied addresses were cut out of every allow that may see them: exact. */
    FOLDED,
    /** No allow may see the deny: isolation already refuses the flows, exact, nothing to emit. */
    IMPLIED,
    /** An allow may see the deny and cannot be cut exactly: the deny is left out (wider). */
    NOT_EXACT
  }

  /** Why an allow that may see a deny cannot be cut exactly. */
  public enum Obstacle {
    /** The allow admits every peer: there is no address block to cut. */
    EVERY_PEER("allows every peer, so there is no address block to cut"),
    /** The allow governs pods the deny's policy may not govern: cutting it would narrow theirs. */
    OTHER_PODS("governs pods that the deny's policy may not govern"),
    /** The allow has ports the deny does not cover: cutting it would narrow those. */
    OTHER_PORTS("has ports that the deny does not cover"),
    /** The allow may match denied pods: pods are chosen by labels, and a label selector has no except. */
    PODS("may match the denied pods, and a pod selector has no except");

    private final String description;

    Obstacle(String description) {
      this.description = description;
    }

    /** Why, in words that follow "the allow rule at FILE:LINE:COL". */
    public String description() {
      return description;
    }
  }

  /**
   * What a deny names, in the forms an allow may match.
   *
   * @param addresses the denied addresses (a union)
   * @param pods the denied pods (a union); a peer whose pods are not known by label (a service account) is
   *     named by a wider set, every pod of its namespace, since only "may match" matters here
   */
  public record Denied(List<AddressBlock> addresses, List<PodSet> pods) {
    public Denied {
      addresses = List.copyOf(addresses);
      pods = List.copyOf(pods);
    }
  }

  /**
   * The outcome of folding one deny.
   *
   * @param verdict what became of the deny
   * @param allows the rule sets, with the denied addresses cut out when folded, otherwise as given
   * @param blocking when not exact, where the allow that prevents it was written
   * @param obstacle when not exact, why that allow cannot be cut
   * @param cut how many allow rules were cut
   */
  public record Result(
      Verdict verdict, List<RuleSet> allows, Optional<SourceSpan> blocking, Optional<Obstacle> obstacle,
      int cut) {
    public Result {
      Objects.requireNonNull(verdict, "verdict");
      allows = List.copyOf(allows);
      Objects.requireNonNull(blocking, "blocking");
      Objects.requireNonNull(obstacle, "obstacle");
    }
  }

  /**
   * Folds a deny into the allows of its direction.
   *
   * @param denySubject the pods the deny's policy governs (a union)
   * @param denied what the deny names
   * @param deniedPorts the deny's ports; empty for every port
   * @param allows the rule sets of the deny's direction that may see it, in object order: at least every set whose
   *     pods may overlap the deny's subject (a set that cannot is returned unchanged, so more is never wrong)
   */
  public static Result fold(
      List<PodSet> denySubject, Denied denied, Optional<List<Port>> deniedPorts, List<RuleSet> allows) {
    List<RuleSet> out = new ArrayList<>();
    int cut = 0;
    if (denied.addresses().isEmpty() && denied.pods().isEmpty()) {
      return new Result(Verdict.IMPLIED, allows, Optional.empty(), Optional.empty(), 0);
    }
    for (RuleSet set : allows) {
      boolean shared = denySubject.stream().anyMatch(set.governs()::mayOverlap);
      boolean inside = denySubject.stream().anyMatch(set.governs()::within);
      List<LoweredRule> rules = new ArrayList<>();
      for (LoweredRule rule : set.rules()) {
        if (!shared || !PortSets.mayOverlap(deniedPorts, rule.ports())) {
          rules.add(rule);
          continue;
        }
        if (rule.peers().isPresent() && seesPods(rule, denied)) {
          return new Result(Verdict.NOT_EXACT, allows, Optional.of(rule.span()), Optional.of(Obstacle.PODS), 0);
        }
        if (rule.peers().isPresent() && !seesAddresses(rule, denied.addresses())) {
          rules.add(rule);
          continue;
        }
        // The ports of the allow that the deny covers take the cut; the others keep the allow as it was, in a
        // rule of their own, when the deny cannot match them (a named port may be any number: in doubt, no).
        List<Port> covered = new ArrayList<>();
        List<Port> others = new ArrayList<>();
        rule.ports().ifPresent(ports -> ports.forEach(
            p -> (PortSets.covers(deniedPorts, Optional.of(List.of(p))) ? covered : others).add(p)));
        Optional<Obstacle> obstacle =
            rule.peers().isEmpty() ? Optional.of(Obstacle.EVERY_PEER)
                : !inside ? Optional.of(Obstacle.OTHER_PODS)
                : !PortSets.covers(deniedPorts, rule.ports())
                    && (rule.ports().isEmpty() || PortSets.mayOverlap(deniedPorts, Optional.of(others)))
                    ? Optional.of(Obstacle.OTHER_PORTS)
                : Optional.empty();
        if (obstacle.isPresent()) {
          return new Result(Verdict.NOT_EXACT, allows, Optional.of(rule.span()), obstacle, 0);
        }
        cut++;
        LoweredRule target = others.isEmpty() ? rule : rule.withPorts(covered);
        target.withPeers(cutOut(rule.peers().get(), denied.addresses())).ifPresent(rules::add);
        if (!others.isEmpty()) {
          rules.add(rule.withPorts(others));
        }
      }
      out.add(set.withRules(rules));
    }
    return cut == 0
        ? new Result(Verdict.IMPLIED, allows, Optional.empty(), Optional.empty(), 0)
        : new Result(Verdict.FOLDED, out, Optional.empty(), Optional.empty(), cut);
  }

  private static boolean seesAddresses(LoweredRule rule, List<AddressBlock> denied) {
    return rule.peers().get().stream().anyMatch(p -> addresses(p).map(b -> overlapsAny(b, denied)).orElse(false));
  }

  private static boolean seesPods(LoweredRule rule, Denied denied) {
    return rule.peers().get().stream()
        .anyMatch(p -> pods(p).map(s -> denied.pods().stream().anyMatch(s::mayOverlap)).orElse(false));
  }

  private static boolean overlapsAny(AddressBlock block, List<AddressBlock> denied) {
    return denied.stream().anyMatch(block::overlaps);
  }

  private static List<LoweredPeer> cutOut(List<LoweredPeer> peers, List<AddressBlock> denied) {
    List<LoweredPeer> out = new ArrayList<>();
    for (LoweredPeer peer : peers) {
      Optional<AddressBlock> block = addresses(peer);
      if (block.isEmpty()) {
        out.add(peer);
        continue;
      }
      List<AddressBlock> left = List.of(block.get());
      for (AddressBlock d : denied) {
        List<AddressBlock> next = new ArrayList<>();
        left.forEach(b -> next.addAll(b.minus(d)));
        left = next;
      }
      left.forEach(b -> out.add(new LoweredPeer.Addresses(b)));
    }
    return out;
  }

  private static Optional<AddressBlock> addresses(LoweredPeer peer) {
    return peer.accept(
        new LoweredPeer.Visitor<Optional<AddressBlock>>() {
          @Override
          public Optional<AddressBlock> pods(LoweredPeer.Pods p) {
            return Optional.empty();
          }

          @Override
          public Optional<AddressBlock> addresses(LoweredPeer.Addresses p) {
            return Optional.of(p.block());
          }
        });
  }

  private static Optional<PodSet> pods(LoweredPeer peer) {
    return peer.accept(
        new LoweredPeer.Visitor<Optional<PodSet>>() {
          @Override
          public Optional<PodSet> pods(LoweredPeer.Pods p) {
            return Optional.of(p.pods());
          }

          @Override
          public Optional<PodSet> addresses(LoweredPeer.Addresses p) {
            return Optional.empty();
          }
        });
  }
}

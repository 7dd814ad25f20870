package io.netlingua.emit.lowering;

import static org.assertj.core.api.Assertions.assertThat;

import io.netlingua.emit.lowering.DenyFolding.Denied;
import io.netlingua.emit.lowering.DenyFolding.Obstacle;
import io.netlingua.emit.lowering.DenyFolding.Verdict;
import io.netlingua.model.Cidr;
import io.netlingua.model.Direction;
import io.netlingua.model.LabelSelector;
import io.netlingua.model.Port;
import io.netlingua.model.PortRange;
import io.netlingua.model.Protocol;
import io.netlingua.model.SourceSpan;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Which allows a deny may cut, target-neutral (SEMANTICS.md section 1: a matching deny beats every allow of every
 * policy; a pod an isolating policy governs gets only what some allow allows).
 */
class DenyFoldingTest {
  private static final PodSet API = PodSet.inNamespace("a", LabelSelector.builder().equal("app", "api").build());
  private static final PodSet WEB = PodSet.inNamespace("a", LabelSelector.builder().equal("app", "web").build());
  private static final PodSet ALL_OF_A = PodSet.inNamespace("a", LabelSelector.ALL);

  private static AddressBlock block(String cidr) {
    return new AddressBlock(Cidr.parse(cidr), List.of());
  }

  private static LoweredRule allow(List<LoweredPeer> peers, Port... ports) {
    return new LoweredRule(
        Optional.of(peers), ports.length == 0 ? Optional.empty() : Optional.of(List.of(ports)), SourceSpan.NONE);
  }

  private static final Denied DENIED = new Denied(List.of(block("192.0.2.0/24")), List.of());

  @Test
  void anAllowOfAnotherSubjectIsNotSeen() {
    RuleSet web = new RuleSet(WEB, Direction.EGRESS,
        List.of(allow(List.of(new LoweredPeer.Addresses(block("0.0.0.0/0"))))));
    DenyFolding.Result r = DenyFolding.fold(List.of(API), DENIED, Optional.empty(), List.of(web));
    assertThat(r.verdict()).isEqualTo(Verdict.IMPLIED);
    assertThat(r.allows()).containsExactly(web);
  }

  @Test
  void anAllowWithinTheSubjectIsCut() {
    RuleSet api = new RuleSet(API, Direction.EGRESS,
        List.of(allow(List.of(new LoweredPeer.Addresses(block("0.0.0.0/0"))), PortRange.of(Protocol.TCP, 443))));
    DenyFolding.Result r = DenyFolding.fold(List.of(API), DENIED, Optional.empty(), List.of(api));
    assertThat(r.verdict()).isEqualTo(Verdict.FOLDED);
    assertThat(r.cut()).isEqualTo(1);
    assertThat(r.allows().get(0).rules().get(0).peers().orElseThrow()).containsExactly(new LoweredPeer.Addresses(
        new AddressBlock(Cidr.parse("0.0.0.0/0"), List.of(Cidr.parse("192.0.2.0/24")))));
  }

  @Test
  void anAllowOfMorePodsThanTheSubjectBlocksTheFold() {
    RuleSet all = new RuleSet(ALL_OF_A, Direction.EGRESS,
        List.of(allow(List.of(new LoweredPeer.Addresses(block("0.0.0.0/0"))))));
    DenyFolding.Result r = DenyFolding.fold(List.of(API), DENIED, Optional.empty(), List.of(all));
    assertThat(r.verdict()).isEqualTo(Verdict.NOT_EXACT);
    assertThat(r.obstacle()).contains(Obstacle.OTHER_PODS);
    assertThat(r.allows()).containsExactly(all);
  }

  @Test
  void anAllowOfPodsTheDenyNamesBlocksTheFold() {
    RuleSet api = new RuleSet(API, Direction.INGRESS, List.of(allow(List.of(new LoweredPeer.Pods(WEB)))));
    DenyFolding.Result r =
        DenyFolding.fold(List.of(API), new Denied(List.of(), List.of(ALL_OF_A)), Optional.empty(), List.of(api));
    assertThat(r.obstacle()).contains(Obstacle.PODS);
  }

  @Test
  void aDenyOfNothingIsImplied() {
    RuleSet api = new RuleSet(API, Direction.INGRESS,
        List.of(new LoweredRule(Optional.empty(), Optional.empty(), SourceSpan.NONE)));
    DenyFolding.Result r =
        DenyFolding.fold(List.of(API), new Denied(List.of(), List.of()), Optional.empty(), List.of(api));
    assertThat(r.verdict()).isEqualTo(Verdict.IMPLIED);
  }
}

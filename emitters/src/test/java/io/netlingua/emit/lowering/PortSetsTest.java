package io.netlingua.emit.lowering;

import static org.assertj.core.api.Assertions.assertThat;

import io.netlingua.model.AllPorts;
import io.netlingua.model.IcmpPort;
import io.netlingua.model.NamedPort;
import io.netlingua.model.Port;
import io.netlingua.model.PortRange;
import io.netlingua.model.Protocol;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Port list relations. A named port resolves on the destination pod ("a named port on a pod":
 * NetworkPolicyPort.port, networking.k8s.io/v1 API reference), so it may be any number of its protocol.
 */
class PortSetsTest {
  private static Optional<List<Port>> on(Port... ports) {
    return Optional.of(List.of(ports));
  }

  private static final Optional<List<Port>> ALL = Optional.empty();

  @Test
  void noOnClauseOverlapsAndCoversEverything() {
    assertThat(PortSets.mayOverlap(ALL, on(PortRange.of(Protocol.UDP, 53)))).isTrue();
    assertThat(PortSets.covers(ALL, on(PortRange.of(Protocol.UDP, 53)))).isTrue();
    assertThat(PortSets.covers(on(AllPorts.of(Protocol.TCP)), ALL)).isFalse();
  }

  @Test
  void protocolsAndDisjointRangesDoNotOverlap() {
    assertThat(PortSets.mayOverlap(on(PortRange.of(Protocol.TCP, 53)), on(PortRange.of(Protocol.UDP, 53))))
        .isFalse();
    assertThat(PortSets.mayOverlap(on(PortRange.of(Protocol.TCP, 1, 10)), on(PortRange.of(Protocol.TCP, 11, 20))))
        .isFalse();
    assertThat(PortSets.mayOverlap(on(PortRange.of(Protocol.TCP, 1, 10)), on(PortRange.of(Protocol.TCP, 10, 20))))
        .isTrue();
  }

  @Test
  void aRangeCoversWhatLiesInsideIt() {
    assertThat(PortSets.covers(on(PortRange.of(Protocol.TCP, 1, 100)), on(PortRange.of(Protocol.TCP, 80))))
        .isTrue();
    assertThat(PortSets.covers(on(PortRange.of(Protocol.TCP, 80)), on(PortRange.of(Protocol.TCP, 80, 81))))
        .isFalse();
    assertThat(PortSets.covers(on(AllPorts.of(Protocol.TCP)), on(NamedPort.of(Protocol.TCP, "http")))).isTrue();
  }

  @Test
  void aNamedPortMayBeAnyNumberAndOnlyItsNameCoversIt() {
    assertThat(PortSets.mayOverlap(on(NamedPort.of(Protocol.TCP, "http")), on(PortRange.of(Protocol.TCP, 8080))))
        .isTrue();
    assertThat(PortSets.covers(on(PortRange.of(Protocol.TCP, 1, 65535)), on(NamedPort.of(Protocol.TCP, "http"))))
        .isTrue();
    assertThat(PortSets.covers(on(PortRange.of(Protocol.TCP, 8080)), on(NamedPort.of(Protocol.TCP, "http"))))
        .isFalse();
    assertThat(PortSets.covers(on(NamedPort.of(Protocol.TCP, "http")), on(NamedPort.of(Protocol.TCP, "http"))))
        .isTrue();
  }

  @Test
  void icmpMeetsOnlyIcmpOfItsFamily() {
    assertThat(PortSets.mayOverlap(on(IcmpPort.of(false, 8, null)), on(IcmpPort.of(true, 128, null)))).isFalse();
    assertThat(PortSets.mayOverlap(on(IcmpPort.of(false, 8, null)), on(AllPorts.of(Protocol.TCP)))).isFalse();
    assertThat(PortSets.covers(on(IcmpPort.of(false, null, null)), on(IcmpPort.of(false, 3, 4)))).isTrue();
    assertThat(PortSets.mayOverlap(on(IcmpPort.of(false, 3, 1)), on(IcmpPort.of(false, 3, 4)))).isFalse();
  }
}

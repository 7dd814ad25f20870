package io.netlingua.eval;

import static io.netlingua.eval.Shop.allows;
import static io.netlingua.eval.Shop.app;
import static io.netlingua.eval.Shop.shop;
import static org.assertj.core.api.Assertions.assertThat;

import io.netlingua.model.AllPorts;
import io.netlingua.model.IcmpPort;
import io.netlingua.model.Port;
import io.netlingua.model.PortRange;
import io.netlingua.model.Program;
import io.netlingua.model.Protocol;
import io.netlingua.model.Rule;
import org.junit.jupiter.api.Test;

/** One test per port kind (SEMANTICS.md section 1, rule 4; named ports: rule 6, in SemanticsRulesTest). */
class PortKindsTest {
  private static Program backendOn(Port... ports) {
    return Program.of(shop("backend-in", "backend").ingress(Rule.allow(app("frontend")).on(ports).build()).build());
  }

  private static boolean reaches(Program p, String protocol) {
    return allows(p, "shop/frontend -> shop/backend " + protocol);
  }

  @Test
  void singlePortsAndRangesMatchTheirProtocolOnly() {
    Program p = backendOn(PortRange.of(Protocol.TCP, 8000, 8100), PortRange.of(Protocol.UDP, 53),
        PortRange.of(Protocol.SCTP, 9));
    assertThat(reaches(p, "tcp/8000")).isTrue();
    assertThat(reaches(p, "tcp/8100")).isTrue();
    assertThat(reaches(p, "tcp/8101")).isFalse();
    assertThat(reaches(p, "udp/8080")).isFalse();
    assertThat(reaches(p, "udp/53")).isTrue();
    assertThat(reaches(p, "tcp/53")).isFalse();
    assertThat(reaches(p, "sctp/9")).isTrue();
  }

  @Test
  void aProtocolAloneMeansEveryPortOfIt() {
    Program p = backendOn(AllPorts.of(Protocol.UDP));
    assertThat(reaches(p, "udp/1")).isTrue();
    assertThat(reaches(p, "udp/65535")).isTrue();
    assertThat(reaches(p, "tcp/53")).isFalse();
    assertThat(reaches(p, "icmp type 8")).isFalse();
  }

  @Test
  void icmpMatchesTypeAndCodeWhenGiven() {
    assertThat(reaches(backendOn(IcmpPort.of(false, null, null)), "icmp type 3 code 1")).isTrue();
    assertThat(reaches(backendOn(IcmpPort.of(false, null, null)), "icmpv6 type 128")).isFalse();
    Program echo = backendOn(IcmpPort.of(false, 8, null));
    assertThat(reaches(echo, "icmp type 8 code 0")).isTrue();
    assertThat(reaches(echo, "icmp type 0")).isFalse();
    Program unreachable = backendOn(IcmpPort.of(false, 3, 4));
    assertThat(reaches(unreachable, "icmp type 3 code 4")).isTrue();
    assertThat(reaches(unreachable, "icmp type 3 code 1")).isFalse();
    Program v6 = backendOn(IcmpPort.of(true, 128, null));
    assertThat(reaches(v6, "icmpv6 type 128")).isTrue();
    assertThat(reaches(v6, "icmp type 128")).isFalse();
    assertThat(reaches(v6, "tcp/128")).isFalse();
  }
}

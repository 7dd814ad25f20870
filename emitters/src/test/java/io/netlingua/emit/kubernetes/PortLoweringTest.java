package io.netlingua.emit.kubernetes;

import static io.netlingua.emit.kubernetes.Fixtures.compile;
import static io.netlingua.emit.kubernetes.Fixtures.found;
import static io.netlingua.emit.kubernetes.Fixtures.objects;
import static org.assertj.core.api.Assertions.assertThat;

import io.netlingua.diagnostics.Code;
import io.netlingua.emit.Compilation;
import io.netlingua.targets.Mode;
import io.netlingua.targets.Options;
import org.junit.jupiter.api.Test;

/**
 * Ports. Kubernetes documentation, kubernetes.io/docs/concepts/services-networking/network-policies/
 * ("Targeting a range of ports", "Network traffic filtering": TCP, UDP and SCTP) and the networking.k8s.io/v1
 * API reference (NetworkPolicyPort: port, endPort, protocol).
 */
class PortLoweringTest {

  private static String program(String rule) {
    return "namespace shop\npolicy p {\n  select pods\n  ingress {\n    " + rule + "\n  }\n}\n";
  }

  private static String ports(String rule, Options options) {
    return Fixtures.yaml(objects(program(rule), options).get(0).getSpec().getIngress().get(0).getPorts());
  }

  /** One port: protocol and port. */
  @Test
  void onePortIsProtocolAndPort() {
    assertThat(ports("allow from any on tcp/8080, udp/53", Options.defaults())).isEqualTo("""
        - port: 8080
          protocol: TCP
        - port: 53
          protocol: UDP
        """);
  }

  /** A range: port and endPort, inclusive ("Targeting a range of ports"); exact from Kubernetes 1.25. */
  @Test
  void aRangeIsPortAndEndPort() {
    assertThat(ports("allow from any on tcp/32000-32768", Options.defaults())).isEqualTo("""
        - endPort: 32768
          port: 32000
          protocol: TCP
        """);
    assertThat(compile(program("allow from any on tcp/32000-32768"), Options.defaults()).diagnostics())
        .noneMatch(d -> d.code() == Code.PORT_RANGE);
  }

  /**
   * Before 1.25 endPort is not GA, and a CNI that ignores it applies the first port only (the note under
   * "Targeting a range of ports"): narrower.
   */
  @Test
  void aRangeBeforeKubernetes125IsNarrower() {
    Compilation c = compile(program("allow from any on tcp/32000-32768"),
        Options.defaults().targetVersion("1.24").mode(Mode.FAIL_CLOSED));
    assertThat(found(c, Code.PORT_RANGE)).containsExactly("5:23 warning NL3019 narrower");
    assertThat(c.documents()).hasSize(1);
  }

  /** A named port: port holds the name, resolved on the destination pod (NetworkPolicyPort.port). */
  @Test
  void aNamedPortIsItsName() {
    assertThat(ports("allow from any on tcp/http", Options.defaults())).isEqualTo("""
        - port: http
          protocol: TCP
        """);
  }

  /** A protocol alone: no port, which "matches all port names and numbers" (NetworkPolicyPort.port). */
  @Test
  void aProtocolAloneHasNoPort() {
    assertThat(ports("allow from any on udp", Options.defaults())).isEqualTo("""
        - protocol: UDP
        """);
  }

  /** SCTP is a NetworkPolicy protocol ("Network traffic filtering"), exact. */
  @Test
  void sctpIsExact() {
    assertThat(ports("allow from any on sctp/9999", Options.defaults())).isEqualTo("""
        - port: 9999
          protocol: SCTP
        """);
    assertThat(compile(program("allow from any on sctp/9999"), Options.defaults()).hasErrors()).isFalse();
  }

  /**
   * ICMP: NetworkPolicy matches TCP, UDP and SCTP only ("Network traffic filtering"); ICMP is left out
   * (narrower), and a rule left with no port is left out whole, never emitted with an empty ports list (which
   * means all).
   */
  @Test
  void icmpIsLeftOutAndARuleWithoutPortsGoes() {
    Options o = Options.defaults().mode(Mode.FAIL_CLOSED);
    String rules = "allow from pods(app=a) on icmp type 8, tcp/22\n    allow from pods(app=b) on icmpv6";
    Compilation c = compile(program(rules), o);
    assertThat(found(c, Code.ICMP))
        .containsExactly("5:31 warning NL3021 narrower", "6:31 warning NL3021 narrower");
    assertThat(Fixtures.yaml(objects(program(rules), o).get(0).getSpec().getIngress())).isEqualTo("""
        - from:
          - podSelector:
              matchLabels:
                app: a
          ports:
          - port: 22
            protocol: TCP
        """);
  }

  /** No on clause: no ports field (null in the object): "matches all ports" (NetworkPolicyIngressRule.ports). */
  @Test
  void noOnClauseHasNoPorts() {
    assertThat(objects(program("allow from pods(app=a)"), Options.defaults()).get(0).getSpec().getIngress().get(0)
        .getPorts()).isNull();
  }
}

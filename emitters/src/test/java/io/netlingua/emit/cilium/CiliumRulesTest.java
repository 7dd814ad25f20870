package io.netlingua.emit.cilium;

import static io.netlingua.emit.cilium.CiliumFixtures.compile;
import static io.netlingua.emit.cilium.CiliumFixtures.field;
import static io.netlingua.emit.cilium.CiliumFixtures.found;
import static io.netlingua.emit.cilium.CiliumFixtures.lowered;
import static io.netlingua.emit.cilium.CiliumFixtures.policy;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.netlingua.diagnostics.Code;
import io.netlingua.emit.Compilation;
import io.netlingua.targets.Mode;
import io.netlingua.targets.Options;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Ports, ICMP, deny, default deny and log, and each trigger of the agent's refusals (TARGETS.md section 2.0,
 * cilium/cilium pkg/policy/api/rule_validation.go): a program that would produce it, and what is emitted instead.
 */
class CiliumRulesTest {

  /** Ports: a number, a range with endPort (enforced from 1.16, cilium/cilium#33463), a name, port 0 for all. */
  @Test
  void portsAreNumbersRangesNamesOrPortZero() {
    assertThat(lowered("ingress", "allow from pods(app=web) on tcp/80, tcp/8000-8100, tcp/http, udp, sctp/9",
        "ingress")).isEqualTo("""
            ingress:
            - fromEndpoints:
              - matchLabels:
                  k8s:app: web
              toPorts:
              - ports:
                - port: "80"
                  protocol: TCP
                - port: "8000"
                  endPort: 8100
                  protocol: TCP
                - port: http
                  protocol: TCP
                - port: "0"
                  protocol: UDP
                - port: "9"
                  protocol: SCTP
            """);
  }

  /** icmps never beside toPorts ("The ICMPs block may only be present without ToPorts"): two rules. */
  @Test
  void icmpGoesIntoARuleOfItsOwn() {
    assertThat(lowered("ingress", "allow from world on tcp/443, icmp type 8, icmpv6 type 128", "ingress"))
        .isEqualTo("""
            ingress:
            - fromEntities:
              - world
              toPorts:
              - ports:
                - port: "443"
                  protocol: TCP
            - fromEntities:
              - world
              icmps:
              - fields:
                - family: IPv4
                  type: 8
                - family: IPv6
                  type: 128
            """);
  }

  /** icmps hold a type only (pkg/policy/api/icmp.go): a code is dropped, wider in an allow, narrower in a deny. */
  @Test
  void anIcmpCodeIsDroppedWiderInAnAllowNarrowerInADeny() {
    Compilation allow = compile(policy("ingress", "    allow from world on icmp type 3 code 4"),
        Options.defaults().mode(Mode.BEST_EFFORT));
    assertThat(found(allow, Code.ICMP)).containsExactly("5:25 warning NL3021 wider");
    Compilation deny = compile(policy("ingress", "    deny from world on icmp type 3 code 4"),
        Options.defaults().mode(Mode.FAIL_CLOSED));
    assertThat(found(deny, Code.ICMP)).containsExactly("5:24 warning NL3021 narrower");
  }

  /** icmp without a type is every type, listed, in rules of at most 40 fields (the CRD's maxItems). */
  @Test
  void everyIcmpTypeIsListedFortyFieldsPerRule() {
    Compilation c = compile(policy("ingress", "    allow from world on icmp"), Options.defaults());
    JsonNode ingress = CiliumFixtures.trees(c).get(0).get("spec").get("ingress");
    assertThat(ingress).hasSize(7);
    assertThat(ingress.get(0).get("icmps").get(0).get("fields")).hasSize(40);
    assertThat(ingress.get(6).get("icmps").get(0).get("fields")).hasSize(16);
  }

  /** At most 40 ports per rule: a longer list is split into rules that add up. */
  @Test
  void moreThanFortyPortsAreSplit() {
    String ports = IntStream.rangeClosed(1001, 1045).mapToObj(p -> "tcp/" + p).collect(Collectors.joining(", "));
    Compilation c = compile(policy("ingress", "    allow from world on " + ports), Options.defaults());
    JsonNode ingress = CiliumFixtures.trees(c).get(0).get("spec").get("ingress");
    assertThat(ingress).hasSize(2);
    assertThat(ingress.get(0).get("toPorts").get(0).get("ports")).hasSize(40);
    assertThat(ingress.get(1).get("toPorts").get(0).get("ports")).hasSize(5);
  }

  /**
   * No L7 on port 0 (the agent refuses it): in strict and fail-closed the rule is left out (narrower), in
   * best-effort it is emitted without its block (wider); never emitted with it.
   */
  @Test
  void l7OnEveryPortOfAProtocolIsNeverEmitted() {
    String program = policy("ingress", "    allow from pods(app=web) on tcp {\n      http GET\n    }");
    Compilation closed = compile(program, Options.defaults().mode(Mode.FAIL_CLOSED));
    assertThat(found(closed, Code.L7_HTTP)).containsExactly("5:37 warning NL3004 narrower");
    assertThat(field(closed, "ingress")).isEqualTo("""
        ingress:
        - {}
        """);
    Compilation open = compile(program, Options.defaults().mode(Mode.BEST_EFFORT));
    assertThat(found(open, Code.L7_HTTP)).containsExactly("5:37 warning NL3004 wider");
    assertThat(field(open, "ingress")).doesNotContain("rules").contains("port: \"0\"");
  }

  /** HTTP and Kafka on a range are refused before 1.17 (cilium/cilium#36050; supported from #36966). */
  @Test
  void l7OnARangeNeedsCilium117() {
    String program = policy("ingress", "    allow from pods(app=web) on tcp/8000-8100 {\n      http GET\n    }");
    Compilation old = compile(program, Options.defaults().targetVersion("1.16").mode(Mode.FAIL_CLOSED));
    assertThat(found(old, Code.L7_HTTP)).containsExactly("5:47 warning NL3004 narrower");
  }

  /** DNS rules never on a range, and only on egress (rule_validation.go). */
  @Test
  void dnsRulesNeedASinglePortOnEgress() {
    Compilation range = compile(
        policy("egress", "    allow to pods(k8s-app=kube-dns) in namespace kube-system on udp/53-54 {\n"
            + "      dns \"*.example.com\"\n    }"),
        Options.defaults().mode(Mode.FAIL_CLOSED));
    assertThat(found(range, Code.L7_DNS)).containsExactly("5:75 warning NL3007 narrower");
  }

  /** ingressDeny/egressDeny hold peers and ports only; deny beats every allow (deny.rst). */
  @Test
  void aDenyIsAnIngressDeny() {
    Compilation c = compile(policy("ingress", """
            allow from world on tcp/443
            deny from cidr 203.0.113.0/24 on tcp/443"""), Options.defaults());
    assertThat(field(c, "ingressDeny")).isEqualTo("""
        ingressDeny:
        - fromCIDRSet:
          - cidr: 203.0.113.0/24
          toPorts:
          - ports:
            - port: "443"
              protocol: TCP
        """);
  }

  /** A block of denies only still isolates: ingress [{}] beside ingressDeny. */
  @Test
  void aBlockOfDeniesOnlyStillIsolates() {
    Compilation c = compile(policy("egress", "    deny to cidr 203.0.113.0/24"), Options.defaults());
    assertThat(field(c, "egress")).isEqualTo("""
        egress:
        - {}
        """);
    assertThat(field(c, "egressDeny")).contains("toCIDRSet");
  }

  /** An empty block isolates: [{}], never [] or an absent key (Rule.Sanitize; egress-default-deny.yaml). */
  @Test
  void anEmptyBlockIsOneEmptyRule() {
    Compilation c = compile("namespace shop\npolicy p {\n  select pods\n  ingress { }\n  egress { }\n}\n",
        Options.defaults());
    assertThat(field(c, "ingress")).isEqualTo("ingress:\n- {}\n");
    assertThat(field(c, "egress")).isEqualTo("egress:\n- {}\n");
    assertThat(field(c, "endpointSelector")).isEqualTo("endpointSelector: {}\n");
  }

  /**
   * An ingress deny never names the local host: the node's connections to its own pods stay open (SEMANTICS.md
   * rule 7), and a deny of reserved:host breaks kubelet probes (deny.rst). nodes becomes remote-node, host nothing.
   */
  @Test
  void anIngressDenyLeavesTheLocalHostOut() {
    Compilation nodes = compile(policy("ingress", "    allow from world\n    deny from nodes"), Options.defaults());
    assertThat(field(nodes, "ingressDeny")).isEqualTo("""
        ingressDeny:
        - fromEntities:
          - remote-node
        """);
    Compilation host = compile(policy("ingress", "    allow from world\n    deny from host"), Options.defaults());
    assertThat(found(host, Code.ENTITY_HOST)).containsExactly("6:15 info NL3012 exact");
    assertThat(field(host, "ingress")).doesNotContain("host");
  }

  /** An egress deny of the host is kept: a pod's egress to its own node is policed (SEMANTICS.md rule 7). */
  @Test
  void anEgressDenyKeepsTheHost() {
    Compilation c = compile(policy("egress", "    allow to world\n    deny to host"), Options.defaults());
    assertThat(field(c, "egressDeny")).isEqualTo("""
        egressDeny:
        - toEntities:
          - host
        """);
  }

  /** Deny rules take no toFQDNs and no toServices (1.18 CRD): such peers are left out of the deny, wider. */
  @Test
  void aDenyOfAnFqdnOrServiceIsWider() {
    Compilation c = compile(policy("egress", "    allow to world\n    deny to fqdn \"x.example.com\", service db"),
        Options.defaults().mode(Mode.BEST_EFFORT));
    assertThat(found(c, Code.FQDN, Code.SERVICE))
        .containsExactly("6:13 warning NL3008 wider", "6:35 warning NL3017 wider");
  }

  /** log: a spec of its own whose log.value is policy:line (1.18, cilium/cilium#39902). */
  @Test
  void aLoggedRuleGetsASpecOfItsOwn() {
    Compilation c = compile(policy("ingress", "    allow from world on tcp/443\n    log allow from pods(app=web)"),
        Options.defaults());
    JsonNode specs = CiliumFixtures.trees(c).get(0).get("specs");
    assertThat(specs).hasSize(2);
    assertThat(specs.get(1).get("log").get("value").asText()).isEqualTo("p:6");
    assertThat(specs.get(1).get("ingress").get(0).has("fromEndpoints")).isTrue();
    assertThat(specs.get(0).get("ingress")).hasSize(1);
  }

  /** Before 1.18 there is no log: a warning, as on Kubernetes, and the rule stays with the others. */
  @Test
  void logBefore118IsAWarning() {
    Compilation c = compile(policy("ingress", "    log allow from pods(app=web)"),
        Options.defaults().targetVersion("1.17"));
    assertThat(found(c, Code.LOG)).containsExactly("5:5 warning NL3022 exact");
    assertThat(CiliumFixtures.trees(c).get(0).has("spec")).isTrue();
  }

  /** A log value is at most 32 characters: a long policy name is cut and marked, the same every run. */
  @Test
  void aLongLogValueIsShortenedDeterministically() {
    String name = "a-policy-with-a-rather-long-name-indeed";
    Compilation c = compile("namespace shop\npolicy " + name + " {\n  select pods\n  ingress {\n"
        + "    log allow from world\n  }\n}\n", Options.defaults());
    String value = CiliumFixtures.trees(c).get(0).get("specs").get(1).get("log").get("value").asText();
    assertThat(value).hasSizeLessThanOrEqualTo(32).startsWith("a-policy-with").endsWith(":5").contains("~");
    assertThat(compile("namespace shop\npolicy " + name + " {\n  select pods\n  ingress {\n"
        + "    log allow from world\n  }\n}\n", Options.defaults()).yaml()).isEqualTo(c.yaml());
  }

  /**
   * One L7 kind per port and peer across the policies that select a pod ("If the type differs, the policy is
   * rejected", language.rst): the later rule is left out (narrower); pods no rule shares keep both.
   */
  @Test
  void twoL7KindsOnOnePortOfSharedPodsLeaveTheLaterRuleOut() {
    String program = """
        namespace shop
        policy web {
          select pods(app=api)
          ingress {
            allow from pods(app=web) on tcp/8080 {
              http GET
            }
          }
        }
        policy events {
          select pods(tier=backend)
          ingress {
            allow from pods(app=web) on tcp/8080 {
              kafka produce topic "orders"
            }
          }
        }
        """;
    Compilation shared = compile(program, Options.defaults().mode(Mode.FAIL_CLOSED));
    assertThat(found(shared, Code.L7_HTTP, Code.L7_KAFKA)).containsExactly("13:42 warning NL3006 narrower");
    Compilation apart = compile(program.replace("pods(tier=backend)", "pods(app=queue)"),
        Options.defaults().mode(Mode.FAIL_CLOSED));
    assertThat(found(apart, Code.L7_HTTP, Code.L7_KAFKA)).isEmpty();
  }

  /**
   * With the agent's allow-localhost at policy (target option), a node's connections to its own pods are policed:
   * every isolated ingress allows the host, as the language always does (SEMANTICS.md rule 7).
   */
  @Test
  void aPolicedLocalhostIsAllowedOnEveryIsolatedIngress() {
    String program = "namespace shop\npolicy p {\n  select pods\n  ingress { }\n  egress { }\n}\n";
    Compilation policed = compile(program, Options.defaults().targetOption("allow-localhost", "policy"));
    assertThat(field(policed, "ingress")).isEqualTo("""
        ingress:
        - fromEntities:
          - host
        """);
    assertThat(field(policed, "egress")).isEqualTo("egress:\n- {}\n");
    assertThat(field(compile(program, Options.defaults()), "ingress")).isEqualTo("ingress:\n- {}\n");
    org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
        .isThrownBy(() -> compile(program, Options.defaults().targetOption("allow-localhost", "never")))
        .withMessageContaining("auto, always, policy");
  }

  /**
   * Every port of an L7 rule states its protocol: an omitted protocol is ANY, which the agent refuses with L7 ("L7
   * rules can only apply to TCP", rule_validation.go); DNS rules keep UDP or TCP as the program's ports say.
   */
  @Test
  void everyL7PortStatesItsProtocol() {
    assertThat(lowered("ingress", "    allow from pods(app=web) on tcp/9092 {\n      kafka produce topic \"orders\"\n    }",
        "ingress")).isEqualTo("""
            ingress:
            - fromEndpoints:
              - matchLabels:
                  k8s:app: web
              toPorts:
              - ports:
                - port: "9092"
                  protocol: TCP
                rules:
                  kafka:
                  - role: produce
                    topic: orders
            """);
    assertThat(lowered("egress", "    allow to pods(k8s-app=kube-dns) in namespace kube-system on udp/53 {\n"
        + "      dns \"*.example.com\"\n    }", "egress")).contains("protocol: UDP", "matchPattern: '*.example.com'")
        .doesNotContain("protocol: TCP");
  }

  /**
   * A port name on egress: Cilium up to 1.18 resolves it on one map of the port names of every pod of the cluster,
   * not on the destination pod (cilium/cilium#12567, {@code NamedPortMultiMap}), and drops it when pods number it
   * differently ("duplicate named ports", #30003; per destination only from #44429, after 1.18). In strict and
   * fail-closed the port is left out of the allow (narrower), in best-effort it is kept (wider), in a deny it is kept
   * (wider); on ingress it resolves on the pod itself (exact).
   */
  @Test
  void anEgressNamedPortIsLeftOutOrKeptByModeAndAnIngressOneIsExact() {
    String allow = CiliumFixtures.policy("egress", "    allow to pods(app=db) on tcp/http, tcp/5432");
    Compilation failClosed = compile(allow, Options.defaults().mode(Mode.FAIL_CLOSED));
    assertThat(found(failClosed, Code.NAMED_PORT)).containsExactly("5:30 warning NL3018 narrower");
    assertThat(field(failClosed, "egress")).contains("port: \"5432\"").doesNotContain("port: http");

    Compilation bestEffort = compile(allow, Options.defaults().mode(Mode.BEST_EFFORT));
    assertThat(found(bestEffort, Code.NAMED_PORT)).containsExactly("5:30 warning NL3018 wider");
    assertThat(field(bestEffort, "egress")).contains("port: http");

    Compilation deny = compile(CiliumFixtures.policy("egress", "    deny to pods(app=db) on tcp/http"),
        Options.defaults().mode(Mode.BEST_EFFORT));
    assertThat(found(deny, Code.NAMED_PORT)).containsExactly("5:29 warning NL3018 wider");

    Compilation ingress = compile(CiliumFixtures.policy("ingress", "    allow from pods(app=web) on tcp/http"),
        Options.defaults());
    assertThat(found(ingress, Code.NAMED_PORT)).isEmpty();
    assertThat(field(ingress, "ingress")).contains("port: http");
  }
}

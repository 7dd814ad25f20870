package io.netlingua.emit.calico;

import static io.netlingua.emit.calico.CalicoFixtures.closed;
import static io.netlingua.emit.calico.CalicoFixtures.compile;
import static io.netlingua.emit.calico.CalicoFixtures.document;
import static io.netlingua.emit.calico.CalicoFixtures.field;
import static io.netlingua.emit.calico.CalicoFixtures.found;
import static io.netlingua.emit.calico.CalicoFixtures.open;
import static io.netlingua.emit.calico.CalicoFixtures.policy;
import static io.netlingua.emit.calico.CalicoFixtures.stated;
import static io.netlingua.emit.calico.CalicoFixtures.trees;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netlingua.diagnostics.Code;
import io.netlingua.diagnostics.Diagnostic;
import io.netlingua.emit.Compilation;
import io.netlingua.targets.Options;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Calico's validator in the emitter: from 3.32 {@code projectcalico.org/v3} may be native CRDs, where only the CRD
 * schema and its CEL rules run and libcalico-go's validator does not ({@code operations/native-v3-crds.mdx},
 * tigera/docs version-3.32; TARGETS.md section 3.0), so the emitter must never write what that validator refuses.
 * Each test builds the program that would produce the refused object and shows what is emitted instead; {@link
 * #violations} restates the checks of projectcalico/calico {@code libcalico-go/lib/validator/v3/validator.go} at
 * v3.32.1 ({@code validateRule}, {@code validateEntityRule}, {@code validateGlobalNetworkPolicySpec}, {@code
 * validateGlobalNetworkPolicy}) and the CEL rules of {@code api/pkg/apis/projectcalico/v3/policy_common.go}, and
 * every test also asserts that the whole output passes them.
 */
class CalicoValidatorChecksTest {
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Set<String> PORTED = Set.of("TCP", "UDP", "SCTP");

  /**
   * What Calico's validator (validator.go at v3.32.1) and the rule's CEL (policy_common.go) refuse in one emitted
   * policy object, one line per finding; empty when Calico accepts it.
   */
  static List<String> violations(JsonNode policy) {
    List<String> out = new ArrayList<>();
    String name = policy.get("metadata").get("name").asText();
    JsonNode spec = policy.get("spec");
    // validateGlobalNetworkPolicy: globalNetworkPolicyNameRegex, at most 253 characters. Netlingua writes one label
    // of at most 63, with the prefix TIER. only where ValidateTieredPolicyName (libcalico-go/lib/names/policy.go at
    // v3.31.0) needs it: outside the default tier.
    String tier = spec.path("tier").asText("default");
    String label = !tier.equals("default") && name.startsWith(tier + ".") ? name.substring(tier.length() + 1) : name;
    if (!DNS_LABEL.matcher(label).matches() || label.length() > 63) {
      out.add(name + ": not a DNS-1123 label");
    }
    for (String key : List.of("selector", "namespaceSelector")) {
      if (spec.has(key) && spec.get(key).asText().contains("global()")) {
        out.add(name + ": global() in spec." + key);
      }
    }
    for (String direction : List.of("ingress", "egress")) {
      JsonNode rules = spec.path(direction);
      for (int i = 0; i < rules.size(); i++) {
        rule(name + " " + direction + "[" + i + "]", direction, rules.get(i), out);
      }
    }
    return out;
  }

  private static void rule(String at, String direction, JsonNode r, List<String> out) {
    String protocol = r.path("protocol").asText(null);
    JsonNode source = r.path("source");
    JsonNode destination = r.path("destination");
    for (JsonNode side : List.of(source, destination)) {
      for (JsonNode port : side.path("ports")) {
        boolean named = port.isTextual() && !port.asText().matches("[0-9]+(:[0-9]+)?");
        // AllPortsAreNamed without a protocol; SupportsPorts with one.
        if (protocol == null && !named) {
          out.add(at + ": numeric port without a protocol");
        }
        if (protocol != null && !PORTED.contains(protocol)) {
          out.add(at + ": ports with protocol " + protocol);
        }
      }
    }
    if (r.has("http")) {
      if (protocol != null && !protocol.equals("TCP")) {
        out.add(at + ": http with protocol " + protocol);
      }
      if (!r.get("action").asText().equals("Allow")) {
        out.add(at + ": http on a " + r.get("action").asText() + " rule");
      }
      if (direction.equals("egress")) {
        out.add(at + ": http in an egress rule");
      }
    }
    if (r.has("icmp") && !"ICMP".equals(protocol) && !"ICMPv6".equals(protocol)) {
      out.add(at + ": icmp without protocol ICMP or ICMPv6");
    }
    if (r.has("icmp") && r.get("icmp").has("code") && !r.get("icmp").has("type")) {
      out.add(at + ": icmp code without a type");
    }
    int version = r.path("ipVersion").asInt(0);
    if ("ICMP".equals(protocol) && version != 0 && version != 4) {
      out.add(at + ": protocol ICMP with ipVersion " + version);
    }
    if ("ICMPv6".equals(protocol) && version != 0 && version != 6) {
      out.add(at + ": protocol ICMPv6 with ipVersion " + version);
    }
    boolean v4 = false;
    boolean v6 = false;
    for (JsonNode side : List.of(source, destination)) {
      for (String key : List.of("nets", "notNets")) {
        for (JsonNode net : side.path(key)) {
          boolean six = net.asText().contains(":");
          v4 |= !six;
          v6 |= six;
          if (version != 0 && version != (six ? 6 : 4)) {
            out.add(at + ": rule IP version doesn't match CIDR version");
          }
          if (key.equals("notNets") && (net.asText().equals("0.0.0.0/0") || net.asText().equals("::/0"))) {
            out.add(at + ": catch-all CIDR in negation");
          }
        }
      }
    }
    if (v4 && v6) {
      out.add(at + ": rule contains both IPv4 and IPv6 CIDRs");
    }
    if (destination.has("services") && destination.has("ports")) {
      out.add(at + ": ports with a service selector");
    }
    if (direction.equals("egress") && source.has("services")) {
      out.add(at + ": services in an egress rule's source");
    }
    if (direction.equals("ingress") && destination.has("services")) {
      out.add(at + ": services in an ingress rule's destination");
    }
    for (JsonNode side : List.of(source, destination)) {
      if (side.has("services")) {
        for (String other : List.of("namespaceSelector", "selector", "serviceAccounts", "nets", "notNets")) {
          if (side.has(other)) {
            out.add(at + ": services with " + other);
          }
        }
        if (side.get("services").path("name").asText("").isEmpty()
            || side.get("services").path("namespace").asText("").isEmpty()) {
          out.add(at + ": services without a name and a namespace");
        }
      }
      if (side.path("selector").asText("").contains("global()")) {
        out.add(at + ": global() in a rule selector");
      }
    }
  }

  /** Every policy object of the output passes {@link #violations}. */
  static void assertAccepted(Compilation c) {
    assertThat(c.diagnostics()).filteredOn(Diagnostic::isError).isEmpty();
    for (ObjectNode tree : trees(c)) {
      if (!tree.get("kind").asText().equals("Tier")) {
        assertThat(violations(tree)).as(tree.get("metadata").get("name").asText()).isEmpty();
      }
    }
  }

  /** The checker itself fails on what it checks: a few refused rules, each found. */
  @Test
  void theCheckerFindsWhatCalicoRefuses() {
    JsonNode bad = CalicoFixtures.parseYaml("""
        apiVersion: projectcalico.org/v3
        kind: GlobalNetworkPolicy
        metadata: {name: a.b}
        spec:
          selector: all()
          types: [Ingress, Egress]
          ingress:
          - {action: Allow, destination: {ports: [80]}}
          - {action: Deny, protocol: UDP, http: {methods: [GET]}}
          - {action: Allow, icmp: {type: 8}, protocol: TCP}
          - {action: Allow, protocol: ICMPv6, ipVersion: 4}
          - {action: Allow, source: {nets: [10.0.0.0/8, "2001:db8::/32"]}}
          - {action: Allow, source: {nets: [10.0.0.0/8], notNets: [0.0.0.0/0]}}
          - {action: Allow, source: {services: {name: x, namespace: y}, namespaceSelector: all()}}
          egress:
          - {action: Allow, protocol: TCP, destination: {services: {name: x}, ports: [80]}}
        """);
    assertThat(violations(bad)).containsExactly(
        "a.b: not a DNS-1123 label",
        "a.b ingress[0]: numeric port without a protocol",
        "a.b ingress[1]: http with protocol UDP",
        "a.b ingress[1]: http on a Deny rule",
        "a.b ingress[2]: icmp without protocol ICMP or ICMPv6",
        "a.b ingress[3]: protocol ICMPv6 with ipVersion 4",
        "a.b ingress[4]: rule contains both IPv4 and IPv6 CIDRs",
        "a.b ingress[5]: catch-all CIDR in negation",
        "a.b ingress[6]: services with namespaceSelector",
        "a.b egress[0]: ports with a service selector",
        "a.b egress[0]: services without a name and a namespace");
  }

  /**
   * "rule contains both IPv4 and IPv6 CIDRs" ({@code validateRule}, {@code scanNets}): a rule with a v4 and a v6 cidr
   * becomes two rules, each with its {@code ipVersion}.
   */
  @Test
  void anIpv4AndAnIpv6CidrBecomeTwoRules() {
    Compilation c = compile(policy("ingress", "    allow from cidr 203.0.113.0/24, cidr 2001:db8::/32 on tcp/443"),
        Options.defaults());
    assertAccepted(c);
    assertThat(field(c, "ingress")).isEqualTo("""
        ingress:
        - action: Allow
          protocol: TCP
          ipVersion: 4
          source:
            nets:
            - 203.0.113.0/24
          destination:
            ports:
            - 443
        - action: Allow
          protocol: TCP
          ipVersion: 6
          source:
            nets:
            - 2001:db8::/32
          destination:
            ports:
            - 443
        """);
  }

  /**
   * "must set ipversion to '4' with protocol icmp" and "rule IP version doesn't match CIDR version" ({@code
   * validateRule}): an ICMP (v4) port is never paired with a v6 cidr, nor ICMPv6 with a v4 one (such a rule would
   * match nothing); each family meets its own.
   */
  @Test
  void anIcmpPortIsNotPairedWithACidrOfTheOtherFamily() {
    Compilation c = compile(policy("ingress",
        "    allow from cidr 2001:db8::/32, cidr 203.0.113.0/24 on icmp type 8, icmpv6 type 128"), Options.defaults());
    assertAccepted(c);
    assertThat(field(c, "ingress")).isEqualTo("""
        ingress:
        - action: Allow
          protocol: ICMPv6
          ipVersion: 6
          icmp:
            type: 128
          source:
            nets:
            - 2001:db8::/32
        - action: Allow
          protocol: ICMP
          ipVersion: 4
          icmp:
            type: 8
          source:
            nets:
            - 203.0.113.0/24
        """);
    Compilation only = compile(policy("ingress", "    allow from cidr 2001:db8::/32 on icmp type 8"), closed());
    assertThat(document(only, "shop-p").get("spec").has("ingress")).as("nothing of the rule can match").isFalse();
  }

  /**
   * "catch-all CIDR in negation creates logical contradiction" ({@code validateRule}): a stated cluster CIDR that
   * covers a whole family leaves nothing of {@code world} in it, and no {@code notNets: [0.0.0.0/0]} is written; a
   * cidr inside the cluster's CIDRs matches nothing (SEMANTICS.md rule 5) and is left out.
   */
  @Test
  void noCatchAllPrefixIsEverNegated() {
    Options everything = Options.defaults().podCidrs("0.0.0.0/0").serviceCidrs("10.96.0.0/12")
        .nodeCidrs("192.168.0.0/24");
    Compilation world = compile(policy("egress", "    allow to world on tcp/443"), everything);
    assertAccepted(world);
    assertThat(field(world, "egress")).isEqualTo("""
        egress:
        - action: Allow
          protocol: TCP
          ipVersion: 6
          destination:
            nets:
            - ::/0
            ports:
            - 443
        """);
    Compilation inside = compile(policy("egress", "    allow to world\n    deny to cidr 10.0.0.0/16"),
        stated(Options.defaults()));
    assertAccepted(inside);
    assertThat(CalicoFixtures.names(inside)).containsExactly("shop-p");
  }

  /**
   * {@code AllPortsAreNamed} ({@code validateRule}): numeric ports need a protocol; every port list is written with
   * its protocol, one rule per protocol, a named port too, on ingress and egress.
   */
  @Test
  void numericPortsAlwaysComeWithAProtocol() {
    Compilation c = compile("""
        namespace shop
        let web = tcp/80, tcp/http, udp/53, sctp/9-10
        policy p {
          select pods(app=api)
          ingress {
            allow from pods(app=web) on web
          }
          egress {
            allow to cidr 203.0.113.0/24 on web
          }
        }
        """, Options.defaults());
    assertAccepted(c);
    for (String direction : List.of("ingress", "egress")) {
      JsonNode rules = document(c, "shop-p").get("spec").get(direction);
      assertThat(rules).hasSize(3);
      assertThat(rules).allSatisfy(r -> assertThat(r.has("protocol")).isTrue());
      assertThat(rules).extracting(r -> r.get("protocol").asText()).containsExactly("TCP", "UDP", "SCTP");
    }
  }

  /**
   * {@code icmp} only with protocol ICMP or ICMPv6 and a matching {@code ipVersion} ({@code validateRule}: "icmp
   * requires protocol icmp or icmpv6"): beside TCP ports and toward {@code world} (two families) each ICMP field has
   * its own rule of its family, and TCP rules carry no icmp.
   */
  @Test
  void icmpFieldsOnlyWithAnIcmpProtocolOfTheirFamily() {
    Compilation c = compile(policy("ingress", "    allow from world on tcp/80, icmp type 8, icmpv6 type 128"),
        stated(Options.defaults()));
    assertAccepted(c);
    JsonNode ingress = document(c, "shop-p").get("spec").get("ingress");
    assertThat(ingress).extracting(r -> r.path("protocol").asText() + "/" + r.path("ipVersion").asInt()
        + (r.has("icmp") ? " icmp " + r.get("icmp").get("type").asInt() : ""))
        .containsExactly("TCP/4", "ICMP/4 icmp 8", "TCP/6", "ICMPv6/6 icmp 128");
    Compilation pods = compile(policy("ingress", "    allow from pods(app=web) on icmpv6 type 128"),
        Options.defaults());
    assertThat(field(pods, "ingress")).contains("protocol: ICMPv6", "ipVersion: 6");
  }

  /**
   * HTTP only on ingress Allow rules with protocol TCP: the CEL rules "rules with HTTP match must have protocol TCP
   * or unset" and "HTTP match is only valid on Allow rules" ({@code policy_common.go}), {@code validateRule}'s
   * "only valid for Allow rules" and {@code validateGlobalNetworkPolicySpec}'s "not allowed in egress rules". The
   * Log rule before a logged http rule carries no http; an http block on egress or over every TCP port or a named
   * port is never written as an http rule without protocol TCP.
   */
  @Test
  void httpOnlyOnIngressAllowRulesOverTcp() {
    Compilation c = compile("""
        namespace shop
        policy p {
          select pods(app=api)
          ingress {
            log allow from pods(app=web) on tcp/8080 {
              http GET path "/a"
            }
            allow from pods(app=x) on tcp {
              http GET
            }
            allow from pods(app=y) on tcp/http {
              http GET
            }
          }
          egress {
            allow to pods(app=db) on tcp/80 {
              http GET
            }
          }
        }
        """, closed().targetOption("alp", "enabled"));
    assertAccepted(c);
    JsonNode spec = document(c, "shop-p").get("spec");
    assertThat(spec.has("egress")).isFalse();
    assertThat(spec.get("ingress")).filteredOn(r -> r.has("http"))
        .allSatisfy(r -> {
          assertThat(r.get("action").asText()).isEqualTo("Allow");
          assertThat(r.get("protocol").asText()).isEqualTo("TCP");
        })
        .isNotEmpty();
    assertThat(spec.get("ingress").get(0).get("action").asText()).isEqualTo("Log");
    assertThat(spec.get("ingress").get(0).has("http")).isFalse();
    assertThat(found(c, Code.L7_HTTP)).contains("16:37 warning NL3004 narrower");
  }

  /**
   * {@code services} alone in its entity rule ({@code validateEntityRule}: "cannot specify NamespaceSelector and
   * Services on the same rule", Selector, ServiceAccounts, Nets), with its namespace ({@code
   * validateGlobalNetworkPolicySpec}: "must specify a namespace") and without destination ports (CEL "ports and
   * notPorts cannot be specified with services"): a rule toward a Service and other peers becomes one rule per peer.
   */
  @Test
  void servicesStandAloneWithANamespaceAndNoPorts() {
    Compilation c = compile(policy("egress",
        "    allow to service db, pods(app=x), serviceaccount sa, cidr 203.0.113.0/24 on tcp/5432"),
        Options.defaults());
    assertAccepted(c);
    JsonNode egress = document(c, "shop-p").get("spec").get("egress");
    assertThat(egress).hasSize(4);
    assertThat(egress.get(0).get("destination").toString())
        .isEqualTo("{\"services\":{\"name\":\"db\",\"namespace\":\"shop\"}}");
    for (int i = 1; i < egress.size(); i++) {
      assertThat(egress.get(i).get("destination").has("ports")).as("rule %d keeps its ports", i).isTrue();
    }
  }

  /**
   * Names a DNS-1123 label ({@code validateGlobalNetworkPolicy}: globalNetworkPolicyNameRegex; no dot on 3.32):
   * the longest namespace and name, their deny object and subject parts, all labels of at most 63 characters.
   */
  @Test
  void everyNameIsADnsLabel() {
    String ns = "n" + "-x".repeat(31);
    String name = "p" + "-y".repeat(31);
    Compilation c = compile("policy " + name + " in namespace " + ns + " {\n  select pods(app=a)\n"
        + "  ingress {\n    allow from world\n    deny from cidr 203.0.113.0/24\n  }\n}\n"
        + "cluster policy " + name + " {\n  select pods(app=a) in namespace a, pods(app=b) in namespace b\n"
        + "  egress {\n    deny to cidr 203.0.113.0/24\n  }\n}\n", open());
    assertAccepted(c);
    assertThat(CalicoFixtures.names(c)).hasSize(6)
        .allSatisfy(n -> assertThat(n).matches(DNS_LABEL).hasSizeLessThanOrEqualTo(63));
  }
}

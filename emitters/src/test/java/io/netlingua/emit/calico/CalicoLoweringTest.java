package io.netlingua.emit.calico;

import static io.netlingua.emit.calico.CalicoFixtures.closed;
import static io.netlingua.emit.calico.CalicoFixtures.clusterPolicy;
import static io.netlingua.emit.calico.CalicoFixtures.compile;
import static io.netlingua.emit.calico.CalicoFixtures.document;
import static io.netlingua.emit.calico.CalicoFixtures.field;
import static io.netlingua.emit.calico.CalicoFixtures.found;
import static io.netlingua.emit.calico.CalicoFixtures.leftOutOfEgressBothWays;
import static io.netlingua.emit.calico.CalicoFixtures.lowered;
import static io.netlingua.emit.calico.CalicoFixtures.messages;
import static io.netlingua.emit.calico.CalicoFixtures.open;
import static io.netlingua.emit.calico.CalicoFixtures.policy;
import static io.netlingua.emit.calico.CalicoFixtures.stated;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.netlingua.diagnostics.Code;
import io.netlingua.diagnostics.Diagnostic;
import io.netlingua.emit.Compilation;
import io.netlingua.targets.Options;
import org.junit.jupiter.api.Test;

/**
 * The lowering rules of the Calico target (SEMANTICS.md section 3, Calico; TARGETS.md section 3.0), one test each:
 * the program, what is emitted (the canonical YAML tree of the field concerned) and what is reported (code, severity,
 * outcome). Each test names the upstream source it follows, projectcalico/calico at tag v3.32.1
 * (0ca9d1b93644778cafdf1812f3dda02ac0c361e8) unless another tag is named.
 */
class CalicoLoweringTest {

  /**
   * A namespaced policy is a GlobalNetworkPolicy restricted to its namespace by {@code namespaceSelector:
   * projectcalico.org/name == 'NS'}, which Calico prefixes with {@code pcns.} and ANDs into the selector
   * ({@code libcalico-go/lib/backend/syncersv1/updateprocessors/globalnetworkpolicyprocessor.go}; the namespace's
   * {@code pcns.projectcalico.org/name} label: {@code libcalico-go/lib/backend/k8s/conversion/conversion.go}
   * {@code NamespaceToProfile}). {@code types} is exactly the blocks, always written, since Calico derives it from
   * the rules present otherwise ({@code api/pkg/defaults/networkpolicy.go} {@code defaultPolicyTypesField}): an empty
   * {@code egress { }} still isolates, with no egress rule.
   */
  @Test
  void aNamespacedPolicyIsAGlobalNetworkPolicyOfItsNamespace() {
    Compilation c = compile("""
        namespace shop
        policy p {
          select pods(app=api)
          ingress {
            allow from pods(app=web)
          }
          egress { }
        }
        """, Options.defaults());
    assertThat(c.diagnostics()).isEmpty();
    assertThat(c.documents()).singleElement().satisfies(d -> {
      assertThat(d.apiVersion()).isEqualTo("projectcalico.org/v3");
      assertThat(d.kind()).isEqualTo("GlobalNetworkPolicy");
      assertThat(d.namespace()).isEmpty();
      assertThat(d.name()).isEqualTo("shop-p");
    });
    JsonNode spec = document(c, "shop-p").get("spec");
    assertThat(spec.get("selector").asText()).isEqualTo("app == 'api'");
    assertThat(spec.get("namespaceSelector").asText()).isEqualTo("projectcalico.org/name == 'shop'");
    assertThat(field(c, "types")).isEqualTo("""
        types:
        - Ingress
        - Egress
        """);
    assertThat(spec.has("egress")).as("an empty block writes no rule").isFalse();
    assertThat(spec.get("ingress")).hasSize(1);
  }

  /**
   * An egress-only policy lists only Egress ({@code api/pkg/defaults/networkpolicy.go} {@code
   * defaultPolicyTypesField}: no egress rules gives [Ingress], so an empty egress block must be stated).
   */
  @Test
  void typesListOnlyTheBlocksPresent() {
    Compilation c = compile(policy("egress", "    allow to pods(app=db)"), Options.defaults());
    assertThat(field(c, "types")).isEqualTo("types:\n- Egress\n");
    assertThat(document(c, "shop-p").get("spec").has("ingress")).isFalse();
  }

  /**
   * A cluster policy selects pods in every namespace with {@code namespaceSelector: all()}, which Calico turns into
   * {@code has(projectcalico.org/namespace)}, workload endpoints only ({@code globalnetworkpolicyprocessor.go}):
   * never host endpoints. Its object keeps the policy's name.
   */
  @Test
  void aClusterPolicySelectsWorkloadsOfEveryNamespace() {
    Compilation c = compile(clusterPolicy("ingress", "    allow from pods(app=web)"), Options.defaults());
    JsonNode spec = document(c, "p").get("spec");
    assertThat(spec.get("selector").asText()).isEqualTo("app == 'api'");
    assertThat(spec.get("namespaceSelector").asText()).isEqualTo("all()");
    Compilation all = compile("cluster policy p {\n  select pods\n  egress { }\n}\n", Options.defaults());
    assertThat(document(all, "p").get("spec").get("selector").asText()).isEqualTo("all()");
    assertThat(document(all, "p").get("spec").get("namespaceSelector").asText()).isEqualTo("all()");
  }

  /**
   * A pod peer of the policy's own namespace carries the policy's namespaceSelector: in a GlobalNetworkPolicy rule a
   * bare {@code selector} matches every namespace, host endpoints and global network sets included
   * ({@code libcalico-go/lib/backend/syncersv1/updateprocessors/rules.go} {@code getEndpointSelector}: no namespace
   * is added when the policy has none and the rule no namespaceSelector). {@code pods} alone writes no selector.
   */
  @Test
  void aPodPeerOfThePolicyNamespaceCarriesItsNamespaceSelector() {
    assertThat(lowered("ingress", "    allow from pods(app=web), pods", "ingress")).isEqualTo("""
        ingress:
        - action: Allow
          source:
            selector: app == 'web'
            namespaceSelector: projectcalico.org/name == 'shop'
        - action: Allow
          source:
            namespaceSelector: projectcalico.org/name == 'shop'
        """);
  }

  /**
   * Pods in any namespace carry {@code namespaceSelector: all()}, which {@code getEndpointSelector} (rules.go)
   * replaces with {@code has(projectcalico.org/namespace)}: every workload endpoint, no host endpoint. In a cluster
   * policy, {@code pods(...)} means any namespace too.
   */
  @Test
  void podsInAnyNamespaceCarryNamespaceSelectorAll() {
    assertThat(lowered("egress", "    allow to pods(app=db) in any namespace", "egress")).isEqualTo("""
        egress:
        - action: Allow
          destination:
            selector: app == 'db'
            namespaceSelector: all()
        """);
    Compilation cluster = compile(clusterPolicy("egress", "    allow to pods(app=db)"), closed());
    assertThat(field(cluster, "p", "egress")).contains("namespaceSelector: all()");
  }

  /**
   * Namespaces by name ({@code projectcalico.org/name}, which Calico gives every namespace: conversion.go
   * {@code NamespaceToProfile}, constants.go {@code NameLabel}) and by label: the namespace's labels, rendered in
   * Calico's selector language ({@code conversion.go} {@code k8sSelectorToCalico}).
   */
  @Test
  void namespacesByNameOrLabelBecomeTheNamespaceSelector() {
    assertThat(lowered("ingress",
        "    allow from pods(app=m) in namespaces(team=ops, env in (prod, stage)), namespace other", "ingress"))
        .isEqualTo("""
            ingress:
            - action: Allow
              source:
                selector: app == 'm'
                namespaceSelector: "team == 'ops' && env in {'prod', 'stage'}"
            - action: Allow
              source:
                namespaceSelector: projectcalico.org/name == 'other'
            """);
  }

  /**
   * A service account is {@code serviceAccounts.names}, ANDed with the namespaceSelector of its namespace
   * (rules.go {@code parseServiceAccounts}: {@code projectcalico.org/serviceaccount in {...}}); without a namespace
   * it is the policy's, and in a cluster policy every namespace's.
   */
  @Test
  void aServiceAccountIsServiceAccountNamesInItsNamespace() {
    assertThat(lowered("ingress", "    allow from serviceaccount builder, serviceaccount ci in namespace tools",
        "ingress")).isEqualTo("""
            ingress:
            - action: Allow
              source:
                namespaceSelector: projectcalico.org/name == 'shop'
                serviceAccounts:
                  names:
                  - builder
            - action: Allow
              source:
                namespaceSelector: projectcalico.org/name == 'tools'
                serviceAccounts:
                  names:
                  - ci
            """);
    Compilation cluster = compile(clusterPolicy("ingress", "    allow from serviceaccount builder"), closed());
    assertThat(field(cluster, "p", "ingress")).contains("namespaceSelector: all()", "- builder");
  }

  /** {@code any} is a rule without source or destination peer fields (exact: a rule matches every peer then). */
  @Test
  void anyWritesNoPeerField() {
    Compilation c = compile(policy("egress", "    allow to any on tcp/443"), Options.defaults());
    assertThat(c.diagnostics()).isEmpty();
    assertThat(field(c, "egress")).isEqualTo("""
        egress:
        - action: Allow
          protocol: TCP
          destination:
            ports:
            - 443
        """);
  }

  /**
   * {@code cidr ... except} is {@code nets} and {@code notNets} of one family with its {@code ipVersion}
   * ({@code api/pkg/apis/projectcalico/v3/policy_common.go} EntityRule; {@code validateRule}'s "rule IP version
   * doesn't match CIDR version", {@code libcalico-go/lib/validator/v3/validator.go}); without stated cluster CIDRs the
   * report states once that a cidr is taken to lie outside the cluster (NL3902).
   */
  @Test
  void aCidrWithExceptIsNetsAndNotNetsWithItsIpVersion() {
    Compilation c = compile(policy("ingress", "    allow from cidr 203.0.0.0/16 except 203.0.113.0/24"),
        Options.defaults());
    assertThat(field(c, "ingress")).isEqualTo("""
        ingress:
        - action: Allow
          ipVersion: 4
          source:
            nets:
            - 203.0.0.0/16
            notNets:
            - 203.0.113.0/24
        """);
    assertThat(found(c, Code.CIDR_ASSUMPTION)).containsExactly("5:16 info NL3902");
  }

  /**
   * A stated cluster CIDR inside a cidr is cut out with notNets (SEMANTICS.md section 2: "a stated CIDR that
   * overlaps it is cut out with except / notNets where the target can"; nets match any address, pods included:
   * https://docs.tigera.io/calico/latest/reference/resources/globalnetworkpolicy), and the fact is reported (NL3903).
   */
  @Test
  void aStatedClusterCidrIsCutOutOfACidr() {
    Compilation c = compile(policy("egress", "    allow to cidr 10.0.0.0/8"), stated(Options.defaults()));
    assertThat(field(c, "egress")).isEqualTo("""
        egress:
        - action: Allow
          ipVersion: 4
          destination:
            nets:
            - 10.0.0.0/8
            notNets:
            - 10.0.0.0/16
            - 10.96.0.0/12
        """);
    assertThat(found(c, Code.CLUSTER_FACT)).containsExactly("5:14 info NL3903", "5:14 info NL3903");
  }

  /**
   * {@code world} without the cluster CIDRs is {@code 0.0.0.0/0} and {@code ::/0}, which Calico also matches against
   * pod and node addresses ("Match packets with IP in any of the listed CIDRs", {@code
   * reference/resources/globalnetworkpolicy} EntityRule, https://docs.tigera.io/calico/latest/reference/resources/
   * globalnetworkpolicy): wider in an allow (an error in strict mode, emitted in best-effort), narrower in a deny.
   */
  @Test
  void worldWithoutClusterCidrsIsWiderInAnAllowNarrowerInADeny() {
    String allow = policy("ingress", "    allow from world on tcp/443");
    assertThat(found(compile(allow, Options.defaults()), Code.ENTITY_WORLD)).containsExactly("5:16 error NL3009 wider");
    Compilation best = compile(allow, open());
    assertThat(found(best, Code.ENTITY_WORLD)).containsExactly("5:16 warning NL3009 wider");
    assertThat(field(best, "ingress")).isEqualTo("""
        ingress:
        - action: Allow
          protocol: TCP
          ipVersion: 4
          source:
            nets:
            - 0.0.0.0/0
          destination:
            ports:
            - 443
        - action: Allow
          protocol: TCP
          ipVersion: 6
          source:
            nets:
            - ::/0
          destination:
            ports:
            - 443
        """);
    Compilation deny = compile(policy("ingress", "    deny from world on tcp/22"), closed());
    assertThat(found(deny, Code.ENTITY_WORLD)).containsExactly("5:15 warning NL3009 narrower");
  }

  /**
   * With the pod, service and node CIDRs stated, {@code world} is exact: one rule per family, each with that family's
   * cluster CIDRs in {@code notNets} (SEMANTICS.md section 3, Calico), and the facts reported (NL3903).
   */
  @Test
  void worldWithTheClusterCidrsStatedIsExact() {
    Compilation c = compile(policy("egress", "    allow to world"),
        Options.defaults().podCidrs("10.0.0.0/16", "fd00:10::/56").serviceCidrs("10.96.0.0/12")
            .nodeCidrs("192.168.0.0/24"));
    assertThat(found(c, Code.ENTITY_WORLD)).isEmpty();
    assertThat(field(c, "egress")).isEqualTo("""
        egress:
        - action: Allow
          ipVersion: 4
          destination:
            nets:
            - 0.0.0.0/0
            notNets:
            - 10.0.0.0/16
            - 10.96.0.0/12
            - 192.168.0.0/24
        - action: Allow
          ipVersion: 6
          destination:
            nets:
            - ::/0
            notNets:
            - fd00:10::/56
        """);
    assertThat(found(c, Code.CLUSTER_FACT)).hasSize(3);
  }

  /**
   * {@code cluster} is every pod ({@code namespaceSelector: all()}) and the nodes, which Calico names by address
   * only: with the node CIDRs stated exact, without them the rule covers the pods only (narrower in an allow, wider in
   * a deny). Capability table: {@code core/.../targets/Capabilities.java} {@code calico}, ENTITY_CLUSTER.
   */
  @Test
  void clusterIsEveryPodAndTheStatedNodeCidrs() {
    Compilation exact = compile(policy("ingress", "    allow from cluster"),
        Options.defaults().nodeCidrs("192.168.0.0/24"));
    assertThat(found(exact, Code.ENTITY_CLUSTER)).isEmpty();
    assertThat(field(exact, "ingress")).isEqualTo("""
        ingress:
        - action: Allow
          source:
            namespaceSelector: all()
        - action: Allow
          ipVersion: 4
          source:
            nets:
            - 192.168.0.0/24
        """);
    Compilation allow = compile(policy("ingress", "    allow from cluster"), closed());
    assertThat(found(allow, Code.ENTITY_CLUSTER)).containsExactly("5:16 warning NL3010 narrower");
    assertThat(field(allow, "ingress")).isEqualTo("""
        ingress:
        - action: Allow
          source:
            namespaceSelector: all()
        """);
    Compilation deny = compile(policy("ingress", "    deny from cluster"), open());
    assertThat(found(deny, Code.ENTITY_CLUSTER)).containsExactly("5:15 warning NL3010 wider");
  }

  /**
   * {@code nodes} is the stated node CIDRs (exact); without them nothing is left of the peer, so the rule is left
   * out (narrower in an allow, wider in a deny), never written without a peer.
   */
  @Test
  void nodesAreTheStatedNodeCidrsOrLeftOut() {
    Compilation exact = compile(policy("egress", "    allow to nodes on tcp/10250"),
        Options.defaults().nodeCidrs("192.168.0.0/24"));
    assertThat(found(exact, Code.ENTITY_NODES)).isEmpty();
    assertThat(field(exact, "egress")).isEqualTo("""
        egress:
        - action: Allow
          protocol: TCP
          ipVersion: 4
          destination:
            nets:
            - 192.168.0.0/24
            ports:
            - 10250
        """);
    leftOutOfEgressBothWays("nodes on tcp/10250", Code.ENTITY_NODES);
  }

  /**
   * {@code host} on ingress: Calico never polices a node's connections to its own pods ({@code felix/rules/static.go}
   * {@code filterOutputChain}: "We don't currently police host -> endpoint"), as the language always allows them
   * (SEMANTICS.md rule 7): nothing is written, exact (an info), in an allow and in a deny.
   */
  @Test
  void hostOnIngressWritesNothingAndIsExact() {
    Compilation c = compile(policy("ingress", "    allow from host\n    deny from host on tcp/22"),
        Options.defaults());
    assertThat(found(c, Code.ENTITY_HOST)).containsExactly("5:16 info NL3012 exact", "6:15 info NL3012 exact");
    assertThat(c.diagnostics()).noneMatch(Diagnostic::isError);
    assertThat(CalicoFixtures.names(c)).containsExactly("shop-p");
    assertThat(document(c, "shop-p").get("spec").has("ingress")).isFalse();
  }

  /**
   * {@code host} on egress: a pod's egress to its own node passes the endpoint's egress policy ({@code
   * felix/rules/static.go}, {@code DefaultEndpointToHostAction}), and no Calico match names "the node this pod runs
   * on": left out, narrower in an allow, wider in a deny.
   */
  @Test
  void hostOnEgressIsLeftOutNarrowerInAnAllowWiderInADeny() {
    leftOutOfEgressBothWays("host on tcp/10250", Code.ENTITY_HOST);
    assertThat(found(compile(policy("egress", "    deny to host"), Options.defaults()), Code.ENTITY_HOST))
        .containsExactly("5:13 error NL3012 wider");
  }

  /**
   * {@code kube-apiserver} and {@code service X} on egress are {@code services {name, namespace}}, with no ports:
   * "ports and notPorts cannot be specified with services" (CEL, {@code api/pkg/apis/projectcalico/v3/
   * policy_common.go}) and "cannot specify ports with a service selector" ({@code validator.go} {@code
   * validateRule}); the match uses the endpoints' own ports ({@code felix/calc/rule_scanner.go}: {@code
   * ServiceIncludePorts: true}). The report states once (NL3904) that the rule's ports are taken to be them.
   */
  @Test
  void servicesOnEgressTakeNoPortsAndTheFactIsStated() {
    Compilation c = compile(
        policy("egress", "    allow to kube-apiserver on tcp/443\n    allow to service db on tcp/5432"),
        Options.defaults());
    assertThat(c.diagnostics()).noneMatch(Diagnostic::isError);
    assertThat(field(c, "egress")).isEqualTo("""
        egress:
        - action: Allow
          protocol: TCP
          destination:
            services:
              name: kubernetes
              namespace: default
        - action: Allow
          protocol: TCP
          destination:
            services:
              name: db
              namespace: shop
        """);
    assertThat(found(c, Code.PLATFORM_SETTING)).containsExactly("5:14 info NL3904");
    assertThat(messages(c, Code.PLATFORM_SETTING)).singleElement().asString()
        .contains("services match takes no ports on egress", "target ports");
    assertThat(found(c, Code.SERVICE, Code.ENTITY_KUBE_APISERVER)).isEmpty();
  }

  /**
   * A Service on egress without ports: the language means every port of its pods, Calico matches the endpoints'
   * ports only ({@code rule_scanner.go}): narrower in an allow, wider in a deny.
   */
  @Test
  void aServiceWithoutPortsIsNarrowerInAnAllowWiderInADeny() {
    Compilation allow = compile(policy("egress", "    allow to service cache in namespace other"), closed());
    assertThat(found(allow, Code.SERVICE)).containsExactly("5:14 warning NL3017 narrower");
    assertThat(field(allow, "egress")).contains("name: cache", "namespace: other");
    Compilation deny = compile(policy("egress", "    allow to world\n    deny to kube-apiserver"), open());
    assertThat(found(deny, Code.ENTITY_KUBE_APISERVER)).containsExactly("6:13 warning NL3013 wider");
  }

  /**
   * Ingress from {@code kube-apiserver}: a source {@code services} match is the endpoints' addresses only ({@code
   * rule_scanner.go}: {@code ServiceIncludePorts: false}), so the rule keeps its destination ports; ingress source
   * services are taken from 3.21 ({@code validator.go} {@code validateGlobalNetworkPolicySpec}: "Services are only
   * allowed as a source on Ingress rules").
   */
  @Test
  void ingressFromKubeApiserverKeepsItsPorts() {
    Compilation c = compile(policy("ingress", "    allow from kube-apiserver on tcp/8443"), Options.defaults());
    assertThat(c.diagnostics()).isEmpty();
    assertThat(field(c, "ingress")).isEqualTo("""
        ingress:
        - action: Allow
          protocol: TCP
          source:
            services:
              name: kubernetes
              namespace: default
          destination:
            ports:
            - 8443
        """);
  }

  /**
   * A Service in a cluster policy without a namespace: a GlobalNetworkPolicy has no namespace to default it to, and
   * Calico refuses a services match without one ({@code validator.go} {@code validateGlobalNetworkPolicySpec}: "must
   * specify a namespace"). It is left out: narrower, the hint naming {@code in namespace}.
   */
  @Test
  void aServiceInAClusterPolicyWithoutANamespaceIsLeftOut() {
    Compilation c = compile(clusterPolicy("egress", "    allow to service db on tcp/5432"), closed());
    assertThat(found(c, Code.SERVICE)).containsExactly("4:14 warning NL3017 narrower");
    assertThat(c.diagnostics()).filteredOn(d -> d.code() == Code.SERVICE).singleElement()
        .satisfies(d -> assertThat(d.hint()).hasValueSatisfying(h -> assertThat(h).contains("in namespace")));
    assertThat(document(c, "p").get("spec").has("egress")).isFalse();
  }

  /**
   * {@code fqdn}: Calico open source's EntityRule has no domain field ({@code policy_common.go} EntityRule at
   * v3.32.1: nets, selector, namespaceSelector, services, ports, notNets, notSelector, notPorts, serviceAccounts):
   * left out, narrower in an allow, wider in a deny.
   */
  @Test
  void anFqdnIsLeftOutNarrowerInAnAllowWiderInADeny() {
    leftOutOfEgressBothWays("fqdn \"api.example.com\" on tcp/443", Code.FQDN);
  }

  /**
   * Ports: numbers, {@code lo:hi} ranges and named ports in one list per protocol ({@code
   * api/pkg/lib/numorstring/port.go}; a Kubernetes {@code port}/{@code endPort} becomes {@code "port:endPort"} in
   * {@code conversion.go}), numbers as numbers; a protocol alone is that protocol without ports.
   */
  @Test
  void portsAreNumbersRangesAndNamesPerProtocol() {
    assertThat(lowered("ingress", "    allow from pods(app=web) on tcp/80, tcp/8000-8100, tcp/http, udp, sctp/9",
        "ingress")).isEqualTo("""
            ingress:
            - action: Allow
              protocol: TCP
              source:
                selector: app == 'web'
                namespaceSelector: projectcalico.org/name == 'shop'
              destination:
                ports:
                - 80
                - 8000:8100
                - http
            - action: Allow
              protocol: UDP
              source:
                selector: app == 'web'
                namespaceSelector: projectcalico.org/name == 'shop'
            - action: Allow
              protocol: SCTP
              source:
                selector: app == 'web'
                namespaceSelector: projectcalico.org/name == 'shop'
              destination:
                ports:
                - 9
            """);
  }

  /**
   * On egress the ports sit beside the peer in {@code destination} (the rule's destination is the peer there:
   * {@code policy_common.go} Rule); {@code tcp} alone is every TCP port and absorbs {@code tcp/5432}; a protocol is one
   * rule each, since a Calico rule has one {@code protocol}.
   */
  @Test
  void egressPortsSitInTheDestinationBesideThePeer() {
    assertThat(lowered("egress", "    allow to pods(app=db) on tcp/5432, tcp", "egress")).isEqualTo("""
        egress:
        - action: Allow
          protocol: TCP
          destination:
            selector: app == 'db'
            namespaceSelector: projectcalico.org/name == 'shop'
        """);
    assertThat(lowered("egress", "    allow to pods(app=db) on udp/53, tcp/53", "egress")).isEqualTo("""
        egress:
        - action: Allow
          protocol: UDP
          destination:
            selector: app == 'db'
            namespaceSelector: projectcalico.org/name == 'shop'
            ports:
            - 53
        - action: Allow
          protocol: TCP
          destination:
            selector: app == 'db'
            namespaceSelector: projectcalico.org/name == 'shop'
            ports:
            - 53
        """);
  }

  /**
   * ICMP and ICMPv6 with type and code: protocol, {@code icmp {type, code}} and the family's {@code ipVersion}
   * ({@code policy_common.go} ICMPFields; {@code validator.go}: "must set ipversion to '4' with protocol icmp").
   */
  @Test
  void icmpIsProtocolIcmpFieldsAndIpVersion() {
    Compilation c = compile(policy("ingress", "    allow from any on icmp type 3 code 4, icmpv6 type 128, icmp"),
        Options.defaults());
    assertThat(found(c, Code.ICMP)).isEmpty();
    assertThat(field(c, "ingress")).isEqualTo("""
        ingress:
        - action: Allow
          protocol: ICMP
          ipVersion: 4
          icmp:
            type: 3
            code: 4
        - action: Allow
          protocol: ICMPv6
          ipVersion: 6
          icmp:
            type: 128
        - action: Allow
          protocol: ICMP
          ipVersion: 4
        """);
  }

  /**
   * {@code log}: a Log rule of the same match before each rule; Log logs and continues ({@code
   * _includes/content/_rule.mdx}; tier evaluation: https://docs.tigera.io/calico/latest/reference/resources/tier).
   */
  @Test
  void logPutsALogRuleBeforeEachRule() {
    Compilation c = compile(policy("ingress", "    log allow from pods(app=web) on tcp/80, udp/53"),
        Options.defaults());
    assertThat(found(c, Code.LOG)).isEmpty();
    assertThat(field(c, "ingress")).isEqualTo("""
        ingress:
        - action: Log
          protocol: TCP
          source:
            selector: app == 'web'
            namespaceSelector: projectcalico.org/name == 'shop'
          destination:
            ports:
            - 80
        - action: Allow
          protocol: TCP
          source:
            selector: app == 'web'
            namespaceSelector: projectcalico.org/name == 'shop'
          destination:
            ports:
            - 80
        - action: Log
          protocol: UDP
          source:
            selector: app == 'web'
            namespaceSelector: projectcalico.org/name == 'shop'
          destination:
            ports:
            - 53
        - action: Allow
          protocol: UDP
          source:
            selector: app == 'web'
            namespaceSelector: projectcalico.org/name == 'shop'
          destination:
            ports:
            - 53
        """);
    Compilation deny = compile(policy("ingress", "    log deny from cidr 203.0.113.0/24"), Options.defaults());
    assertThat(field(deny, "shop-p-deny", "ingress")).startsWith("ingress:\n- action: Log\n")
        .contains("- action: Deny\n");
  }

  /**
   * Selector keys Calico sets itself ({@code projectcalico.org/*}: {@code api/pkg/apis/projectcalico/v3/
   * constants.go}; {@code pcns.} and {@code pcsa.}: {@code libcalico-go/lib/backend/k8s/conversion/constants.go})
   * match Calico's label, not the user's: wider in an allow and in a subject (which then governs other pods, whose
   * isolation is lost), narrower in a deny.
   */
  @Test
  void reservedSelectorKeysAreWiderInAnAllowOrSubjectNarrowerInADeny() {
    Compilation allow = compile(policy("ingress", "    allow from pods(pcns.team=x)"), open());
    assertThat(found(allow, Code.SELECTORS)).containsExactly("5:16 warning NL3023 wider");
    Compilation subject = compile("namespace shop\npolicy p {\n  select pods(projectcalico.org/orchestrator=k8s)\n"
        + "  ingress { }\n}\n", open());
    assertThat(found(subject, Code.SELECTORS)).containsExactly("3:10 warning NL3023 wider");
    Compilation deny = compile(policy("ingress", "    deny from pods(pcsa.role=x)"), closed());
    assertThat(found(deny, Code.SELECTORS)).containsExactly("5:15 warning NL3023 narrower");
    Compilation ns = compile(policy("ingress", "    allow from pods in namespaces(projectcalico.org/name=a)"),
        Options.defaults());
    assertThat(found(ns, Code.SELECTORS)).containsExactly("5:16 error NL3023 wider");
  }

  /**
   * HTTP without Application Layer Policy: Felix ignores the http match and enforces the rule at L4 ({@code
   * network-policy/istio/app-layer-policy.mdx}, tigera/docs version-3.32), so the rule is left out in every mode,
   * best-effort included (narrower).
   */
  @Test
  void httpWithoutAlpIsLeftOutInEveryMode() {
    String program = policy("ingress", "    allow from pods(app=web) on tcp/8080 {\n      http GET path \"/a\"\n    }");
    assertThat(found(compile(program, Options.defaults()), Code.L7_HTTP))
        .containsExactly("5:42 error NL3004 narrower");
    assertThat(found(compile(program, closed()), Code.L7_HTTP)).containsExactly("5:42 warning NL3004 narrower");
    Compilation best = compile(program, open());
    assertThat(found(best, Code.L7_HTTP)).containsExactly("5:42 warning NL3004 narrower");
    assertThat(document(best, "shop-p").get("spec").has("ingress")).as("never written at L4 alone").isFalse();
  }

  /**
   * With {@code alp=enabled} on 3.32, ingress http becomes one rule per alternative ({@code HTTPMatch} ORs its
   * methods, ORs its paths and ANDs the two: {@code policy_common.go}; so {@code GET /a} and {@code POST /b} in one
   * match would also allow {@code GET /b}), each with its method and exact or prefix path; the reliance on ALP is
   * stated (NL3904).
   */
  @Test
  void httpWithAlpOn332IsOneRulePerAlternative() {
    Compilation c = compile(policy("ingress", """
            allow from pods(app=web) on tcp/8080 {
              http GET path "/a"
              http POST path prefix "/b/"
            }"""), Options.defaults().targetOption("alp", "enabled"));
    assertThat(found(c, Code.L7_HTTP)).isEmpty();
    assertThat(found(c, Code.PLATFORM_SETTING)).containsExactly("5:38 info NL3904");
    assertThat(field(c, "ingress")).isEqualTo("""
        ingress:
        - action: Allow
          protocol: TCP
          source:
            selector: app == 'web'
            namespaceSelector: projectcalico.org/name == 'shop'
          destination:
            ports:
            - 8080
          http:
            methods:
            - GET
            paths:
            - exact: /a
        - action: Allow
          protocol: TCP
          source:
            selector: app == 'web'
            namespaceSelector: projectcalico.org/name == 'shop'
          destination:
            ports:
            - 8080
          http:
            methods:
            - POST
            paths:
            - prefix: /b/
        """);
  }

  /**
   * Host, headers and regex paths have no Calico match ({@code HTTPMatch}: methods and paths only; {@code
   * app-policy/checker/match.go} {@code matchHTTP}): such an alternative is left out in strict and fail-closed
   * (narrower: an error, a warning) and written without them in best-effort (wider).
   */
  @Test
  void anHttpAlternativeCalicoCannotMatchIsLeftOutOrKeptWithout() {
    String program = policy("ingress", """
            allow from pods(app=web) on tcp/8080 {
              http GET path "/a"
              http GET path regex "/c/.*"
              http PUT path "/d" header "X-Tenant"
            }""");
    Options alp = Options.defaults().targetOption("alp", "enabled");
    assertThat(found(compile(program, alp), Code.L7_HTTP))
        .containsExactly("7:3 error NL3004 narrower", "8:3 error NL3004 narrower");
    Compilation closed = compile(program, alp.mode(io.netlingua.targets.Mode.FAIL_CLOSED));
    assertThat(found(closed, Code.L7_HTTP))
        .containsExactly("7:3 warning NL3004 narrower", "8:3 warning NL3004 narrower");
    assertThat(document(closed, "shop-p").get("spec").get("ingress")).singleElement()
        .satisfies(r -> assertThat(r.get("http").toString())
            .isEqualTo("{\"methods\":[\"GET\"],\"paths\":[{\"exact\":\"/a\"}]}"));
    Compilation best = compile(program, alp.mode(io.netlingua.targets.Mode.BEST_EFFORT));
    assertThat(found(best, Code.L7_HTTP)).containsExactly("7:3 warning NL3004 wider", "8:3 warning NL3004 wider");
    JsonNode ingress = document(best, "shop-p").get("spec").get("ingress");
    assertThat(ingress).hasSize(3);
    assertThat(ingress.get(1).get("http").toString()).isEqualTo("{\"methods\":[\"GET\"]}");
    assertThat(ingress.get(2).get("http").toString())
        .isEqualTo("{\"methods\":[\"PUT\"],\"paths\":[{\"exact\":\"/d\"}]}");
  }

  /**
   * HTTP on egress: "not allowed in egress rules" ({@code validator.go} {@code validateGlobalNetworkPolicySpec},
   * {@code ruleUsesAppLayerPolicy}); Calico matches HTTP on ingress only ({@code network-policy/istio/
   * http-methods.mdx}): left out, narrower, even with ALP on 3.32.
   */
  @Test
  void egressHttpIsLeftOut() {
    Compilation c = compile(policy("egress", "    allow to pods(app=db) on tcp/80 {\n      http GET\n    }"),
        closed().targetOption("alp", "enabled"));
    assertThat(found(c, Code.L7_HTTP)).containsExactly("5:37 warning NL3004 narrower");
    assertThat(document(c, "shop-p").get("spec").has("egress")).isFalse();
  }

  /**
   * ALP on 3.30.0 to 3.31.x refuses every request through the sidecar (projectcalico/calico commit dd23ca76e0,
   * #11986/#12004, fixed in 3.32.0: release-notes/v3.32.0-release-notes.md), and 3.29 matches paths unnormalised
   * (#12532 came in 3.32): with {@code alp=enabled} the rule is left out (narrower) and the report states why once
   * (NL3904).
   */
  @Test
  void httpBefore332IsLeftOutAndTheReasonStated() {
    String program = policy("ingress", "    allow from pods(app=web) on tcp/8080 {\n      http GET path \"/a\"\n    }");
    for (String version : new String[] {"3.29", "3.30", "3.31"}) {
      Compilation c = compile(program, closed().targetVersion(version).targetOption("alp", "enabled"));
      assertThat(found(c, Code.L7_HTTP)).as(version).containsExactly("5:42 warning NL3004 narrower");
      assertThat(found(c, Code.PLATFORM_SETTING)).as(version).containsExactly("2:8 info NL3904");
      assertThat(messages(c, Code.PLATFORM_SETTING)).as(version).singleElement().asString()
          .contains("no http match is written");
      assertThat(document(c, "shop-p").get("spec").has("ingress")).as(version).isFalse();
    }
    assertThat(messages(compile(program, closed().targetVersion("3.31").targetOption("alp", "enabled")),
        Code.PLATFORM_SETTING)).singleElement().asString().contains("#11986");
  }

  /**
   * gRPC, Kafka and DNS rules: not expressible in Calico open source (TARGETS.md section 3.8, 7): the standard L7
   * fallback ({@code emit/lowering/L7Fallback.java}): left out in strict and fail-closed (narrower), kept without
   * the block in best-effort (wider).
   */
  @Test
  void grpcKafkaAndDnsTakeTheStandardL7Fallback() {
    String grpc = policy("ingress", "    allow from pods(app=web) on tcp/9000 {\n      grpc \"shop.Cart/Add\"\n    }");
    String kafka = policy("egress",
        "    allow to pods(app=kafka) on tcp/9092 {\n      kafka produce topic \"orders\"\n    }");
    String dns = policy("egress",
        "    allow to kube-dns on udp/53 {\n      dns \"*.example.com\"\n    }");
    assertThat(found(compile(grpc, closed()), Code.L7_GRPC)).containsExactly("5:42 warning NL3005 narrower");
    assertThat(found(compile(kafka, closed()), Code.L7_KAFKA)).containsExactly("5:42 warning NL3006 narrower");
    assertThat(found(compile(dns, closed()), Code.L7_DNS)).containsExactly("5:33 warning NL3007 narrower");
    assertThat(document(compile(grpc, closed()), "shop-p").get("spec").has("ingress")).isFalse();
    Compilation best = compile(grpc, open());
    assertThat(found(best, Code.L7_GRPC)).containsExactly("5:42 warning NL3005 wider");
    assertThat(field(best, "ingress")).contains("- 9000").doesNotContain("http");
    Compilation bestDns = compile(dns, open());
    assertThat(found(bestDns, Code.L7_DNS)).containsExactly("5:33 warning NL3007 wider");
    assertThat(field(bestDns, "egress")).contains("protocol: UDP", "k8s-app == 'kube-dns'",
        "projectcalico.org/name == 'kube-system'");
  }
}

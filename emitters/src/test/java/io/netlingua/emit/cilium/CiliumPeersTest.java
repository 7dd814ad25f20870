package io.netlingua.emit.cilium;

import static io.netlingua.emit.cilium.CiliumFixtures.compile;
import static io.netlingua.emit.cilium.CiliumFixtures.field;
import static io.netlingua.emit.cilium.CiliumFixtures.found;
import static io.netlingua.emit.cilium.CiliumFixtures.lowered;
import static org.assertj.core.api.Assertions.assertThat;

import io.netlingua.diagnostics.Code;
import io.netlingua.emit.Compilation;
import io.netlingua.targets.Mode;
import io.netlingua.targets.Options;
import org.junit.jupiter.api.Test;

/**
 * Peers of Cilium rules, one test per lowering rule (SEMANTICS.md section 3, Cilium; TARGETS.md section 2.0, with
 * the cilium/cilium sources cited there and in {@link EndpointSelectors} and {@link CiliumRules}).
 */
class CiliumPeersTest {

  /** In a CNP a selector without namespace term is pinned to the policy's namespace (getEndpointSelector). */
  @Test
  void podsOfThePolicyNamespaceAreLabelsAloneWithTheK8sSource() {
    assertThat(lowered("ingress", "allow from pods(app=web)", "ingress")).isEqualTo("""
        ingress:
        - fromEndpoints:
          - matchLabels:
              k8s:app: web
        """);
  }

  /** A negative term on pod labels keeps the pin: only terms on namespace keys unpin a selector. */
  @Test
  void aNegativePodTermStaysPinnedToThePolicyNamespace() {
    assertThat(lowered("ingress", "allow from pods(app!=web)", "ingress")).isEqualTo("""
        ingress:
        - fromEndpoints:
          - matchExpressions:
            - key: k8s:app
              operator: NotIn
              values:
              - web
        """);
  }

  /** Another namespace by name: the io.kubernetes.pod.namespace label, which is what Cilium derives. */
  @Test
  void podsOfANamedNamespaceCarryTheNamespaceLabel() {
    assertThat(lowered("ingress", "allow from pods(app=prometheus) in namespace monitoring", "ingress"))
        .isEqualTo("""
            ingress:
            - fromEndpoints:
              - matchLabels:
                  k8s:app: prometheus
                  k8s:io.kubernetes.pod.namespace: monitoring
            """);
  }

  /**
   * Namespaces by label: io.cilium.k8s.namespace.labels.KEY in the CNP itself (from 1.16, cilium/cilium#30650),
   * plus io.kubernetes.pod.namespace Exists, since the unpinned selector would also match reserved identities
   * (cilium/cilium#46949).
   */
  @Test
  void namespacesByLabelUseNamespaceLabelsAndExists() {
    assertThat(lowered("ingress", "allow from pods(app=web) in namespaces(team=shop)", "ingress")).isEqualTo("""
        ingress:
        - fromEndpoints:
          - matchLabels:
              k8s:app: web
              k8s:io.cilium.k8s.namespace.labels.team: shop
            matchExpressions:
            - key: k8s:io.kubernetes.pod.namespace
              operator: Exists
        """);
  }

  /** Any namespace: the Exists idiom, which Cilium's own NetworkPolicy translator writes for namespaceSelector {}. */
  @Test
  void anyNamespaceIsTheExistsIdiom() {
    assertThat(lowered("ingress", "allow from pods(app=web) in any namespace", "ingress")).isEqualTo("""
        ingress:
        - fromEndpoints:
          - matchLabels:
              k8s:app: web
            matchExpressions:
            - key: k8s:io.kubernetes.pod.namespace
              operator: Exists
        """);
  }

  /** A service account: the io.cilium.k8s.policy.serviceaccount identity label. */
  @Test
  void aServiceAccountIsItsIdentityLabel() {
    assertThat(lowered("ingress", "allow from serviceaccount reporter in namespace ops", "ingress")).isEqualTo("""
        ingress:
        - fromEndpoints:
          - matchLabels:
              k8s:io.cilium.k8s.policy.serviceaccount: reporter
              k8s:io.kubernetes.pod.namespace: ops
        """);
  }

  /** A cidr is a CIDR set with its excepts; CIDR rules never match pods or nodes (language.rst, "IP/CIDR based"). */
  @Test
  void aCidrIsACidrSetWithExcept() {
    assertThat(lowered("egress", "allow to cidr 10.0.0.0/8 except 10.1.0.0/16", "egress")).isEqualTo("""
        egress:
        - toCIDRSet:
          - cidr: 10.0.0.0/8
            except:
            - 10.1.0.0/16
        """);
  }

  /** world, nodes, host, kube-apiserver and any are entities (TARGETS.md section 2.4). */
  @Test
  void entitiesAreCiliumEntities() {
    assertThat(lowered("egress", "allow to world", "egress")).isEqualTo("""
        egress:
        - toEntities:
          - world
        """);
    assertThat(lowered("egress", "allow to nodes", "egress")).isEqualTo("""
        egress:
        - toEntities:
          - host
          - remote-node
        """);
    assertThat(lowered("egress", "allow to kube-apiserver, host", "egress")).isEqualTo("""
        egress:
        - toEntities:
          - host
          - kube-apiserver
        """);
    assertThat(lowered("ingress", "allow from any on tcp/80", "ingress")).isEqualTo("""
        ingress:
        - fromEntities:
          - all
          toPorts:
          - ports:
            - port: "80"
              protocol: TCP
        """);
  }

  /**
   * The neutral cluster is every pod and every node, not Cilium's cluster entity (which also holds ingress, health,
   * init, unmanaged and the API server: pkg/policy/api/entity.go InitEntities): pods by the Exists idiom, the nodes
   * as host and remote-node, one rule per peer kind.
   */
  @Test
  void theNeutralClusterIsEveryPodAndNodeNotTheClusterEntity() {
    assertThat(lowered("ingress", "allow from cluster on tcp/80", "ingress")).isEqualTo("""
        ingress:
        - fromEndpoints:
          - matchExpressions:
            - key: k8s:io.kubernetes.pod.namespace
              operator: Exists
          toPorts:
          - ports:
            - port: "80"
              protocol: TCP
        - fromEntities:
          - host
          - remote-node
          toPorts:
          - ports:
            - port: "80"
              protocol: TCP
        """);
  }

  /** One L3 peer kind per rule ("Combining %s and %s is not supported yet", rule_validation.go). */
  @Test
  void eachPeerKindGetsARuleOfItsOwn() {
    String yaml = lowered("egress", "allow to pods(app=db), cidr 192.168.0.0/16, world on tcp/5432", "egress");
    assertThat(yaml).isEqualTo("""
        egress:
        - toEndpoints:
          - matchLabels:
              k8s:app: db
          toPorts:
          - ports:
            - port: "5432"
              protocol: TCP
        - toCIDRSet:
          - cidr: 192.168.0.0/16
          toPorts:
          - ports:
            - port: "5432"
              protocol: TCP
        - toEntities:
          - world
          toPorts:
          - ports:
            - port: "5432"
              protocol: TCP
        """);
  }

  /**
   * fqdn: toFQDNs, written as it is (matchName; matchPattern for a pattern), where the pods' DNS passes the DNS
   * proxy: the L4 DNS allow gets rules.dns matchPattern "*" (upstream examples/policies/l3/fqdn/fqdn.yaml).
   */
  @Test
  void anFqdnWorksWhereTheDnsAllowShowsTheProxyEveryName() {
    Compilation c = compile(CiliumFixtures.policy("egress", """
            allow to pods(k8s-app=kube-dns) in namespace kube-system on udp/53, tcp/53
            allow to fqdn "api.stripe.com", fqdn "*.stripe.network" on tcp/443"""),
        Options.defaults());
    assertThat(field(c, "egress")).isEqualTo("""
        egress:
        - toEndpoints:
          - matchLabels:
              k8s:io.kubernetes.pod.namespace: kube-system
              k8s:k8s-app: kube-dns
          toPorts:
          - ports:
            - port: "53"
              protocol: UDP
            - port: "53"
              protocol: TCP
            rules:
              dns:
              - matchPattern: "*"
        - toFQDNs:
          - matchName: api.stripe.com
          - matchPattern: '*.stripe.network'
          toPorts:
          - ports:
            - port: "443"
              protocol: TCP
        """);
    assertThat(found(c, Code.PLATFORM_SETTING)).hasSizeGreaterThanOrEqualTo(2);
  }

  /** Without an egress allow on port 53 toFQDNs learns nothing: the peer is left out (narrower). */
  @Test
  void anFqdnWithoutDnsIsLeftOut() {
    Compilation c = compile(CiliumFixtures.policy("egress", "    allow to fqdn \"api.stripe.com\" on tcp/443"),
        Options.defaults().mode(Mode.FAIL_CLOSED));
    assertThat(found(c, Code.FQDN)).containsExactly("5:14 warning NL3008 narrower");
    assertThat(field(c, "egress")).as("the rule lost its only peer: left out, the block still isolates")
        .isEqualTo("""
            egress:
            - {}
            """);
  }

  /** A dns block shows the proxy its names only: an fqdn outside them is left out. */
  @Test
  void aDnsBlockMustCoverTheFqdn() {
    String program = CiliumFixtures.policy("egress", """
            allow to pods(k8s-app=kube-dns) in namespace kube-system on udp/53 {
              dns "*.stripe.com"
            }
            allow to fqdn "api.stripe.com", fqdn "files.example.org" on tcp/443""");
    Compilation c = compile(program, Options.defaults().mode(Mode.FAIL_CLOSED));
    assertThat(found(c, Code.FQDN)).containsExactly("8:33 warning NL3008 narrower");
  }

  /**
   * toServices from 1.17 (cilium/cilium#34208), with the rule's ports: from 1.17.0
   * {@code EgressCommonRule.l3DependentL4Support} accepts ToServices with ToPorts (pkg/policy/api/rule_validation.go),
   * the 1.16 validator refuses the pair (cilium/cilium#20067), so on 1.16 the ports are dropped: wider.
   */
  @Test
  void aServiceIsToServicesWithItsPortsFrom117() {
    assertThat(lowered("egress", "allow to service db", "egress")).isEqualTo("""
        egress:
        - toServices:
          - k8sService:
              serviceName: db
              namespace: shop
        """);
    String rule = CiliumFixtures.policy("egress", "    allow to service db on tcp/5432");
    Compilation withPorts = compile(rule, Options.defaults());
    assertThat(found(withPorts, Code.SERVICE)).isEmpty();
    assertThat(field(withPorts, "egress")).isEqualTo("""
        egress:
        - toServices:
          - k8sService:
              serviceName: db
              namespace: shop
          toPorts:
          - ports:
            - port: "5432"
              protocol: TCP
        """);
    Compilation on116 = compile(rule, Options.defaults().targetVersion("1.16").mode(Mode.BEST_EFFORT));
    assertThat(found(on116, Code.SERVICE)).contains("5:14 warning NL3017 wider");
    assertThat(field(on116, "egress")).doesNotContain("toPorts");
  }

  /** Before 1.17 toServices matches only Services without a selector: narrower. */
  @Test
  void aServiceBefore117IsNarrower() {
    Compilation c = compile(CiliumFixtures.policy("egress", "    allow to service db"),
        Options.defaults().targetVersion("1.16").mode(Mode.FAIL_CLOSED));
    assertThat(found(c, Code.SERVICE)).containsExactly("5:14 warning NL3017 narrower");
  }

  /** A cluster policy is a CCNP: every selector is unpinned there, so each gets the Exists term. */
  @Test
  void aClusterPolicyIsAClusterwidePolicyWithExistsEverywhere() {
    Compilation c = compile("""
        cluster policy baseline {
          select pods(app=api)
          ingress {
            allow from pods(app=web)
          }
        }
        """, Options.defaults());
    assertThat(c.documents().get(0).kind()).isEqualTo("CiliumClusterwideNetworkPolicy");
    assertThat(c.documents().get(0).namespace()).isEmpty();
    assertThat(field(c, "endpointSelector")).isEqualTo("""
        endpointSelector:
          matchLabels:
            k8s:app: api
          matchExpressions:
          - key: k8s:io.kubernetes.pod.namespace
            operator: Exists
        """);
    assertThat(field(c, "ingress")).isEqualTo("""
        ingress:
        - fromEndpoints:
          - matchLabels:
              k8s:app: web
            matchExpressions:
            - key: k8s:io.kubernetes.pod.namespace
              operator: Exists
        """);
  }

  /** A subject of several entries: one spec per entry with the same rules (an endpoint selector has no "or"). */
  @Test
  void aSubjectOfSeveralEntriesIsOneSpecEach() {
    Compilation c = compile("""
        namespace shop
        policy p {
          select pods(app=a), pods(app=b)
          ingress { }
        }
        """, Options.defaults());
    assertThat(CiliumFixtures.trees(c).get(0).get("specs")).hasSize(2);
  }

  /** A selector key Cilium derives itself changes what the selector means there: reported. */
  @Test
  void aReservedSelectorKeyIsReported() {
    Compilation c = compile(CiliumFixtures.policy("ingress", "    allow from pods(io.kubernetes.pod.namespace=x)"),
        Options.defaults().mode(Mode.BEST_EFFORT));
    assertThat(found(c, Code.SELECTORS)).containsExactly("5:16 warning NL3023 wider");
  }

  /**
   * A key the agent's default label filter drops is no identity label (pkg/labelsfilter/filter.go): a peer on it
   * matches no pod on Cilium, narrower in an allow, wider in a deny.
   */
  @Test
  void aFilteredSelectorKeyIsReported() {
    Compilation allow = compile(CiliumFixtures.policy("ingress", "    allow from pods(pod-template-hash=5d8f)"),
        Options.defaults().mode(Mode.FAIL_CLOSED));
    assertThat(found(allow, Code.SELECTORS)).containsExactly("5:16 warning NL3023 narrower");
    Compilation deny = compile(CiliumFixtures.policy("ingress",
        "    allow from world\n    deny from pods(statefulset.kubernetes.io/pod-name=db-0)"),
        Options.defaults().mode(Mode.BEST_EFFORT));
    assertThat(found(deny, Code.SELECTORS)).containsExactly("6:15 warning NL3023 wider");
    assertThat(ReservedKeys.podLabel("app.kubernetes.io/name")).isEqualTo(ReservedKeys.Kind.POD_LABEL);
  }

  /**
   * A DNS allow without ports carries no DNS rule (a rule with L7 needs its ports): it is split, the rule as it is
   * plus the same pods on 53/UDP and 53/TCP with rules.dns matchPattern "*", so that toFQDNs learns the answers.
   */
  @Test
  void aDnsAllowWithoutPortsIsSplitOntoPort53() {
    Compilation c = compile(CiliumFixtures.policy("egress", """
            allow to pods(k8s-app=kube-dns) in namespace kube-system
            allow to fqdn "api.stripe.com" on tcp/443"""), Options.defaults());
    assertThat(field(c, "egress")).startsWith("""
        egress:
        - toEndpoints:
          - matchLabels:
              k8s:io.kubernetes.pod.namespace: kube-system
              k8s:k8s-app: kube-dns
        - toEndpoints:
          - matchLabels:
              k8s:io.kubernetes.pod.namespace: kube-system
              k8s:k8s-app: kube-dns
          toPorts:
          - ports:
            - port: "53"
              protocol: UDP
            - port: "53"
              protocol: TCP
            rules:
              dns:
              - matchPattern: "*"
        - toFQDNs:
        """);
    Compilation world = compile(CiliumFixtures.policy("egress", """
            allow to world
            allow to fqdn "api.stripe.com" on tcp/443"""), Options.defaults().mode(Mode.FAIL_CLOSED));
    assertThat(found(world, Code.FQDN)).as("an allow of every port to world shows the proxy nothing")
        .containsExactly("6:10 warning NL3008 narrower");
  }

  /**
   * A DNS allow of every port that names pods and a resolver outside the cluster by CIDR: the pods' queries may go
   * to either, so the split onto port 53 carries the DNS rule for both peers (a toFQDNs rule learns only what the
   * proxy saw, language.rst "DNS based"); found by the Cilium equivalence property at 20,000 tries.
   */
  @Test
  void theDnsSplitCoversAResolverReachedByCidrToo() {
    Compilation c = compile(CiliumFixtures.policy("egress", """
            allow to pods(k8s-app=kube-dns) in namespace kube-system, cidr 10.0.0.53/32
            allow to fqdn "api.stripe.com" on tcp/443"""), Options.defaults());
    String egress = field(c, "egress");
    assertThat(egress).contains("""
        - toCIDRSet:
          - cidr: 10.0.0.53/32
          toPorts:
          - ports:
            - port: "53"
              protocol: UDP
            - port: "53"
              protocol: TCP
            rules:
              dns:
              - matchPattern: "*"
        """);
    assertThat(found(c, Code.FQDN)).isEmpty();
  }

  /**
   * matchPattern is written as the language writes it: before 1.19 Cilium turns each {@code *} into
   * {@code [-a-zA-Z0-9_]*} within one label (pkg/fqdn/matchpattern, docs/targets.md "Version notes"), so
   * {@code *.example.com} matches api.example.com and not a.b.example.com, as in the language.
   */
  @Test
  void aPatternMatchesWithinOneLabelAsTheLanguageSays() {
    String pattern = "*.example.com";
    java.util.regex.Pattern cilium = java.util.regex.Pattern.compile(
        pattern.replace(".", "\\.").replace("*", "[-a-zA-Z0-9_]*"), java.util.regex.Pattern.CASE_INSENSITIVE);
    for (String name : java.util.List.of("api.example.com", "a.b.example.com", "example.com", "API.example.com")) {
      assertThat(cilium.matcher(name).matches()).as(name)
          .isEqualTo(io.netlingua.model.DnsPatterns.matches(pattern, name.toLowerCase(java.util.Locale.ROOT)));
    }
    assertThat(DnsVisibility.selector(pattern).toString()).isEqualTo("{\"matchPattern\":\"*.example.com\"}");
  }
}

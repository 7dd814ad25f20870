package io.netlingua.emit.kubernetes;

import static io.netlingua.emit.kubernetes.Fixtures.compile;
import static io.netlingua.emit.kubernetes.Fixtures.found;
import static io.netlingua.emit.kubernetes.Fixtures.objects;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.netlingua.diagnostics.Code;
import io.netlingua.emit.Compilation;
import io.netlingua.targets.Mode;
import io.netlingua.targets.Options;
import org.junit.jupiter.api.Test;

/**
 * Peers of allow rules. Kubernetes documentation,
 * kubernetes.io/docs/concepts/services-networking/network-policies/ ("Behavior of to and from selectors",
 * "Targeting a Namespace by its name", "What you can't do with network policies") and the
 * networking.k8s.io/v1 API reference (NetworkPolicyPeer, IPBlock, NetworkPolicyIngressRule).
 */
class PeerLoweringTest {

  private static String ingress(String rules) {
    return "namespace shop\npolicy p {\n  select pods(app=api)\n  ingress {\n" + rules + "\n  }\n}\n";
  }

  private static String egress(String rules) {
    return "namespace shop\npolicy p {\n  select pods(app=api)\n  egress {\n" + rules + "\n  }\n}\n";
  }

  private static String from(String rule, Options options) {
    NetworkPolicy np = objects(ingress(rule), options).get(0);
    return Fixtures.yaml(np.getSpec().getIngress());
  }

  private static String to(String rule, Options options) {
    NetworkPolicy np = objects(egress(rule), options).get(0);
    return Fixtures.yaml(np.getSpec().getEgress());
  }

  /** pods(sel) without a scope: a podSelector alone selects pods "in the policy's own namespace". */
  @Test
  void podsOfThePolicyNamespaceAreAPodSelector() {
    assertThat(from("allow from pods(app=web)", Options.defaults())).isEqualTo("""
        - from:
          - podSelector:
              matchLabels:
                app: web
        """);
  }

  /**
   * "pods in namespace NS": both selectors in ONE peer (AND), the namespace by its
   * kubernetes.io/metadata.name label ("Behavior of to and from selectors"; "Targeting a Namespace by its
   * name").
   */
  @Test
  void podsInANamedNamespaceAreBothSelectorsInOnePeer() {
    assertThat(from("allow from pods(app=prometheus) in namespace monitoring", Options.defaults())).isEqualTo("""
        - from:
          - namespaceSelector:
              matchLabels:
                kubernetes.io/metadata.name: monitoring
            podSelector:
              matchLabels:
                app: prometheus
        """);
  }

  /** "namespace NS": a namespaceSelector alone "selects all pods in the namespaces" (NetworkPolicyPeer). */
  @Test
  void everyPodOfANamespaceIsANamespaceSelector() {
    assertThat(from("allow from namespace qa", Options.defaults())).isEqualTo("""
        - from:
          - namespaceSelector:
              matchLabels:
                kubernetes.io/metadata.name: qa
        """);
  }

  /** in namespaces(sel): namespaceSelector with the selector, podSelector in the same peer. */
  @Test
  void podsInNamespacesByLabelAreBothSelectorsInOnePeer() {
    assertThat(from("allow from pods(app=r) in namespaces(team=ledger)", Options.defaults())).isEqualTo("""
        - from:
          - namespaceSelector:
              matchLabels:
                team: ledger
            podSelector:
              matchLabels:
                app: r
        """);
  }

  /** in any namespace: namespaceSelector {} "selects all namespaces" (NetworkPolicyPeer.namespaceSelector). */
  @Test
  void podsInAnyNamespaceHaveAnEmptyNamespaceSelector() {
    assertThat(from("allow from pods(app=r) in any namespace", Options.defaults())).isEqualTo("""
        - from:
          - namespaceSelector: {}
            podSelector:
              matchLabels:
                app: r
        """);
  }

  /** cidr: ipBlock with its except. Without stated cluster CIDRs the report notes the assumption (NL3902). */
  @Test
  void cidrIsAnIpBlockWithExcept() {
    assertThat(from("allow from cidr 10.0.0.0/8 except 10.1.0.0/16, cidr 2001:db8::/32", Options.defaults()))
        .isEqualTo("""
            - from:
              - ipBlock:
                  cidr: 10.0.0.0/8
                  except:
                  - 10.1.0.0/16
              - ipBlock:
                  cidr: 2001:db8::/32
            """);
    Compilation c =
        compile(ingress("allow from cidr 10.0.0.0/8\nallow from cidr 192.168.0.0/16"), Options.defaults());
    assertThat(found(c, Code.CIDR_ASSUMPTION)).containsExactly("5:12 info NL3902");
  }

  /**
   * With stated cluster CIDRs, those inside a cidr go to its except (an ipBlock may also match pod addresses:
   * "ipBlock ... cluster-external IPs", NetworkPolicy resource); a cidr inside them matches nothing and is
   * left out.
   */
  @Test
  void statedClusterCidrsAreCutOutOfCidrPeers() {
    Options o =
        Options.defaults().podCidrs("10.244.0.0/16").serviceCidrs("10.96.0.0/12").nodeCidrs("192.168.0.0/24");
    assertThat(from("allow from cidr 10.0.0.0/8, cidr 10.244.5.0/24", o)).isEqualTo("""
        - from:
          - ipBlock:
              cidr: 10.0.0.0/8
              except:
              - 10.96.0.0/12
              - 10.244.0.0/16
        """);
    Compilation c = compile(ingress("allow from cidr 10.0.0.0/8, cidr 10.244.5.0/24"), o);
    assertThat(found(c, Code.CIDR, Code.CLUSTER_FACT, Code.CIDR_ASSUMPTION)).containsExactly(
        "5:12 info NL3903", "5:12 info NL3903", "5:29 info NL3015 exact");
  }

  /** world without the cluster CIDRs: 0.0.0.0/0 and ::/0, which may match cluster addresses: wider. */
  @Test
  void worldWithoutClusterCidrsIsWider() {
    assertThat(to("allow to world on tcp/443", Options.defaults().mode(Mode.BEST_EFFORT))).isEqualTo("""
        - ports:
          - port: 443
            protocol: TCP
          to:
          - ipBlock:
              cidr: 0.0.0.0/0
          - ipBlock:
              cidr: ::/0
        """);
    assertThat(found(compile(egress("allow to world"), Options.defaults()), Code.ENTITY_WORLD))
        .containsExactly("5:10 error NL3009 wider");
    assertThat(found(compile(egress("allow to world"), Options.defaults().mode(Mode.BEST_EFFORT)),
        Code.ENTITY_WORLD)).containsExactly("5:10 warning NL3009 wider");
  }

  /** world with the pod, service and node CIDRs stated: each family's ipBlock excepts them, exact. */
  @Test
  void worldWithClusterCidrsIsExact() {
    Options o = Options.defaults().podCidrs("10.244.0.0/16", "fd00:10:244::/56").serviceCidrs("10.96.0.0/12")
        .nodeCidrs("192.168.0.0/24");
    assertThat(to("allow to world", o)).isEqualTo("""
        - to:
          - ipBlock:
              cidr: 0.0.0.0/0
              except:
              - 10.96.0.0/12
              - 10.244.0.0/16
              - 192.168.0.0/24
          - ipBlock:
              cidr: ::/0
              except:
              - fd00:10:244::/56
        """);
    Compilation c = compile(egress("allow to world"), o);
    assertThat(c.hasErrors()).isFalse();
    assertThat(found(c, Code.ENTITY_WORLD)).isEmpty();
    assertThat(found(c, Code.CLUSTER_FACT)).hasSize(3);
  }

  /** any: a rule without from/to "matches all sources" (NetworkPolicyIngressRule.from), exact. */
  @Test
  void anyIsARuleWithoutPeers() {
    assertThat(from("allow from any on tcp/80", Options.defaults())).isEqualTo("""
        - ports:
          - port: 80
            protocol: TCP
        """);
    assertThat(compile(ingress("allow from any"), Options.defaults()).hasErrors()).isFalse();
  }

  /** cluster: every pod (namespaceSelector {}); the nodes part cannot be said: narrower. */
  @Test
  void clusterIsEveryPodAndNarrower() {
    assertThat(from("allow from cluster", Options.defaults().mode(Mode.FAIL_CLOSED))).isEqualTo("""
        - from:
          - namespaceSelector: {}
        """);
    assertThat(found(compile(ingress("allow from cluster"), Options.defaults().mode(Mode.FAIL_CLOSED)),
        Code.ENTITY_CLUSTER)).containsExactly("5:12 warning NL3010 narrower");
  }

  /**
   * host in an allow: the platform always allows a pod's own node ("What you can't do with network
   * policies"), so the peer is left out, exactly; a rule of host alone is left out whole, never emitted with
   * an empty from.
   */
  @Test
  void hostInAnAllowIsLeftOutExactly() {
    Compilation c = compile(ingress("allow from host on tcp/8080\nallow from host, pods(app=web)"),
        Options.defaults());
    assertThat(c.hasErrors()).isFalse();
    assertThat(found(c, Code.ENTITY_HOST)).containsExactly("5:12 info NL3012 exact", "6:12 info NL3012 exact");
    assertThat(from("allow from host on tcp/8080\nallow from host, pods(app=web)", Options.defaults()))
        .isEqualTo("""
            - from:
              - podSelector:
                  matchLabels:
                    app: web
            """);
  }

  /** nodes, kube-apiserver, fqdn, service, serviceaccount: no NetworkPolicy field names them; narrower. */
  @Test
  void peersNoFieldNamesAreLeftOutNarrower() {
    String rules = """
        allow to nodes, kube-apiserver on tcp/443
        allow to fqdn "api.example.com", service db, serviceaccount billing, pods(app=db)
        """;
    Compilation c = compile(egress(rules), Options.defaults().mode(Mode.FAIL_CLOSED));
    assertThat(found(c, Code.ENTITY_NODES, Code.ENTITY_KUBE_APISERVER, Code.FQDN, Code.SERVICE,
        Code.SERVICE_ACCOUNT)).containsExactly(
            "5:10 warning NL3011 narrower", "5:17 warning NL3013 narrower", "6:10 warning NL3008 narrower",
            "6:34 warning NL3017 narrower", "6:46 warning NL3016 narrower");
    assertThat(to(rules, Options.defaults().mode(Mode.FAIL_CLOSED))).isEqualTo("""
        - to:
          - podSelector:
              matchLabels:
                app: db
        """);
  }

  /** A peer that comes from a let is reported where the let is used, the rule the reader is looking at. */
  @Test
  void aPeerOfALetIsReportedAtItsUse() {
    Compilation c = compile("""
        namespace shop
        let stripe = fqdn "api.stripe.com"
        policy p {
          select pods
          egress {
            allow to stripe on tcp/443
          }
        }
        """, Options.defaults());
    assertThat(found(c, Code.FQDN)).containsExactly("6:14 error NL3008 narrower");
  }

  /** In a cluster policy, pods(sel) without a scope means every namespace: namespaceSelector {}. */
  @Test
  void unscopedPodsOfAClusterPolicyAreOfEveryNamespace() {
    NetworkPolicy np = objects("""
        cluster policy c {
          select pods in namespace a
          ingress { allow from pods(app=web) }
        }
        """, Options.defaults()).get(0);
    assertThat(Fixtures.yaml(np.getSpec().getIngress())).isEqualTo("""
        - from:
          - namespaceSelector: {}
            podSelector:
              matchLabels:
                app: web
        """);
  }
}

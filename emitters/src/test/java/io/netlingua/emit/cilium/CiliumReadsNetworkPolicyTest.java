package io.netlingua.emit.cilium;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.netlingua.emit.EmittedDocument;
import io.netlingua.emit.Evaluators;
import io.netlingua.eval.Cluster;
import io.netlingua.eval.Endpoint;
import io.netlingua.eval.Evaluator;
import io.netlingua.eval.External;
import io.netlingua.eval.Flow;
import io.netlingua.eval.FlowProtocol;
import io.netlingua.eval.IpAddress;
import io.netlingua.eval.Node;
import io.netlingua.eval.Pod;
import io.netlingua.eval.PortSpec;
import io.netlingua.eval.Service;
import io.netlingua.eval.Verdict;
import io.netlingua.eval.Verdict.Reason;
import io.netlingua.model.SourceSpan;
import io.netlingua.targets.Target;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The Cilium evaluator reading {@code networking.k8s.io/v1} NetworkPolicy as the Cilium 1.18 agent enforces it
 * (cilium/cilium {@code pkg/k8s/network_policy.go}, as vendored by cilium/cilium-cli v0.18.4 {@code 1b7d8968} and
 * v0.18.6 {@code 56353b25}; the file is the same at both and so at v1.18.0): first every class of flows where it
 * differs from the Kubernetes reading (docs/targets.md, "NetworkPolicy on Cilium"), each with one NetworkPolicy, a
 * small cluster and a flow whose two verdicts differ as documented and which {@link CiliumReadingDifferences}
 * counts; then one test per translation rule where the two readings agree, and the predicate does not count the
 * flow.
 */
class CiliumReadsNetworkPolicyTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private static final Cluster CLUSTER = cluster();

  private static Cluster cluster() {
    Cluster.Builder b = Cluster.builder();
    b.namespace("shop", Map.of("team", "shop"));
    b.namespace("other", Map.of("team", "other"));
    b.namespace("bare", Map.of());
    b.pod(new Pod("api", "shop", Map.of("app", "api"), IpAddress.parse("10.0.1.10"), "default", "n1",
        List.of(PortSpec.named("http", 8080, FlowProtocol.TCP), PortSpec.named("metrics", 9090, FlowProtocol.TCP),
            PortSpec.named("admin", 7000, FlowProtocol.TCP))));
    b.pod(new Pod("web", "shop", Map.of("app", "web", "statefulset.kubernetes.io/pod-name", "web-0"),
        IpAddress.parse("10.0.1.11"), "default", "n2", List.of(PortSpec.named("metrics", 9090, FlowProtocol.TCP))));
    b.pod(new Pod("db", "other", Map.of("app", "db"), IpAddress.parse("10.0.2.20"), "default", "n2", List.of()));
    b.pod(new Pod("api-twin", "other", Map.of("app", "api"), IpAddress.parse("10.0.2.21"), "default", "n2",
        List.of()));
    b.pod(new Pod("tool", "bare", Map.of("app", "tool"), IpAddress.parse("10.0.3.30"), "default", "n1",
        List.of(PortSpec.named("admin", 7001, FlowProtocol.TCP))));
    b.node(new Node("n1", IpAddress.parse("10.1.0.1"), Map.of(), false));
    b.node(new Node("n2", IpAddress.parse("10.1.0.2"), Map.of(), false));
    b.external(new External("outside", IpAddress.parse("203.0.113.7"), Optional.empty(), false));
    b.external(new External("outside-2", IpAddress.parse("203.0.113.8"), Optional.empty(), false));
    b.external(new External("apiserver", IpAddress.parse("198.51.100.1"), Optional.empty(), true));
    b.service(new Service("api-svc", "shop", Map.of("app", "api"), Optional.of(IpAddress.parse("10.96.0.10")),
        List.of(PortSpec.of(8080, FlowProtocol.TCP))));
    return b.build();
  }

  // ---------------------------------------------------------------------------------------------------------------
  // The differences from the Kubernetes reading.

  /**
   * An ipBlock holding a pod's address: the Kubernetes reading matches it; on Cilium a CIDR rule selects world
   * identities only ({@code ipBlockToCIDRRule} makes a {@code fromCIDRSet} entry; Documentation
   * security/policy/language.rst, "Selecting nodes with CIDR / ipBlock": CIDR selectors never match in-cluster
   * entities unless {@code policy-cidr-match-mode} says {@code nodes}, and never pods).
   */
  @Test
  void anIpBlockNeverMatchesAPodOnCilium() {
    List<EmittedDocument> d = docs(policy("from-block", "shop",
        "podSelector: {matchLabels: {app: api}}",
        "ingress:",
        "- from: [{ipBlock: {cidr: 10.0.0.0/16}}]",
        "  ports: [{port: 8080}]"));
    Flow f = tcp("other/db", "shop/api", 8080);
    differs(d, f, true, false);
    assertThat(cilium(d).evaluate(f).ingress().reason()).isEqualTo(Reason.NO_RULE_MATCHED);
  }

  /** The same for a node's address (cilium/cilium#20550, #35401: NetworkPolicy ipBlocks toward node addresses). */
  @Test
  void anIpBlockNeverMatchesANodeOnCilium() {
    List<EmittedDocument> d = docs(policy("to-nodes", "shop",
        "podSelector: {matchLabels: {app: api}}",
        "policyTypes: [Egress]",
        "egress:",
        "- to: [{ipBlock: {cidr: 10.1.0.0/16}}]"));
    differs(d, tcp("shop/api", "node:n2", 10250), true, false);
  }

  /**
   * A pod's egress to its own node: "traffic to and from the node where a Pod is running is always allowed" in the
   * Kubernetes reading; Cilium polices it as the {@code host} entity (allow-localhost covers only the node's
   * connections to its pods: {@code pkg/policy/mapstate.go} {@code determineAllowLocalhostIngress}).
   */
  @Test
  void egressToItsOwnNodeIsPolicedOnCilium() {
    List<EmittedDocument> d = docs(policy("egress-to-web", "shop",
        "podSelector: {matchLabels: {app: api}}",
        "policyTypes: [Egress]",
        "egress:",
        "- to: [{podSelector: {matchLabels: {app: web}}}]"));
    Flow f = tcp("shop/api", "node:n1", 10250);
    differs(d, f, true, false);
    assertThat(kubernetes(d).evaluate(f).egress().reason()).isEqualTo(Reason.NODE_LOCAL);
  }

  /**
   * An egress named port: the Kubernetes reading resolves it on the destination pod (db declares no port named
   * {@code metrics}); Cilium up to 1.18 on the cluster-wide map, where {@code metrics} is 9090 on every pod that
   * declares it (cilium/cilium#12567, #30003; per destination only from #44429).
   */
  @Test
  void anEgressNamedPortResolvesOnTheClusterWideMapOnCilium() {
    List<EmittedDocument> d = docs(policy("web-metrics", "shop",
        "podSelector: {matchLabels: {app: web}}",
        "policyTypes: [Egress]",
        "egress:",
        "- to: [{namespaceSelector: {}}]",
        "  ports: [{port: metrics}]"));
    differs(d, tcp("shop/web", "other/db", 9090), false, true);
  }

  /** A name two pods give different numbers matches nothing on Cilium's map (duplicate named ports, #30003). */
  @Test
  void anEgressNamedPortWithTwoNumbersInTheClusterMatchesNothingOnCilium() {
    List<EmittedDocument> d = docs(policy("web-admin", "shop",
        "podSelector: {matchLabels: {app: web}}",
        "policyTypes: [Egress]",
        "egress:",
        "- ports: [{port: admin}]"));
    differs(d, tcp("shop/web", "shop/api", 7000), true, false);
  }

  /**
   * A flow to a Service's cluster IP: the Kubernetes reading judges the address (no pod, so no ingress policy);
   * Cilium's load balancer translates it to a backend before policy ({@code bpf_lxc}), judged toward the first.
   */
  @Test
  void aServiceAddressIsJudgedTowardItsFirstBackendOnCilium() {
    List<EmittedDocument> d = docs(policy("api-from-web", "shop",
        "podSelector: {matchLabels: {app: api}}",
        "ingress:",
        "- from: [{podSelector: {matchLabels: {app: web}}}]"));
    Flow f = Flow.of(end("other/db"), Endpoint.of(IpAddress.parse("10.96.0.10")), FlowProtocol.TCP, 8080);
    differs(d, f, true, false);
    assertThat(kubernetes(d).evaluate(f).ingress().reason()).isEqualTo(Reason.NOT_A_POD);
  }

  /**
   * policyTypes without a direction whose rules the object has: the API ignores those rules; Cilium's
   * {@code ParseNetworkPolicy} translates every {@code ingress} entry whatever {@code policyTypes} says, and the
   * rule then isolates ingress ({@code Rule.Sanitize}: a direction with a rule defaults to deny).
   */
  @Test
  void policyTypesWithoutIngressStillEnforceTheIngressRulesOnCilium() {
    List<EmittedDocument> d = docs(policy("egress-only", "shop",
        "podSelector: {matchLabels: {app: api}}",
        "policyTypes: [Egress]",
        "egress: [{}]",
        "ingress:",
        "- from: [{podSelector: {matchLabels: {app: web}}}]"));
    differs(d, tcp("other/db", "shop/api", 8080), true, false);
  }

  /**
   * A namespaceSelector of negative terms only: {@code parseNetworkPolicyPeer} makes it
   * {@code io.cilium.k8s.namespace.labels.team DoesNotExist} with no namespace term, which every identity without
   * namespace labels holds: the world and nodes too (the agent's label selectors; cilium/cilium#46949 for the same
   * effect in CNPs). The Kubernetes reading matches pods only.
   */
  @Test
  void aNamespaceSelectorOfNegativeTermsMatchesTheWorldAndNodesOnCilium() {
    List<EmittedDocument> d = docs(policy("no-team", "shop",
        "podSelector: {matchLabels: {app: api}}",
        "ingress:",
        "- from: [{namespaceSelector: {matchExpressions: [{key: team, operator: DoesNotExist}]}}]"));
    differs(d, tcp("external:outside", "shop/api", 8080), false, true);
    differs(d, tcp("node:n2", "shop/api", 8080), false, true);
    agrees(d, tcp("bare/tool", "shop/api", 8080), true);
    agrees(d, tcp("other/db", "shop/api", 8080), false);
  }

  /**
   * A selector on a key the agent's label filter drops ({@code pkg/labelsfilter/filter.go}
   * {@code defaultLabelPrefixCfg}: {@code statefulset.kubernetes.io/pod-name}): no identity carries it, so the
   * selector matches no pod on Cilium.
   */
  @Test
  void aSelectorOnALabelTheAgentDropsMatchesNoPodOnCilium() {
    List<EmittedDocument> d = docs(policy("from-web-0", "shop",
        "podSelector: {matchLabels: {app: api}}",
        "ingress:",
        "- from: [{podSelector: {matchLabels: {statefulset.kubernetes.io/pod-name: web-0}}}]"));
    differs(d, tcp("shop/web", "shop/api", 8080), true, false);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // The translation rules, where the readings agree.

  /** Rule 1, parsePodSelector: the subject is pinned to the policy's namespace. */
  @Test
  void aPodSelectorSelectsPodsOfThePolicysNamespaceOnlyOnCiliumAsOnKubernetes() {
    List<EmittedDocument> d = docs(policy("deny-api", "shop",
        "podSelector: {matchLabels: {app: api}}",
        "policyTypes: [Ingress]"));
    agrees(d, tcp("shop/web", "shop/api", 8080), false);
    agrees(d, tcp("shop/web", "other/api-twin", 8080), true);
  }

  /** Rule 2: an entry without {@code from} gets the wildcard endpoint selector, every peer, on its ports. */
  @Test
  void anEmptyFromMatchesEveryPeerOnItsPortsOnCiliumAsOnKubernetes() {
    List<EmittedDocument> d = docs(policy("api-8080", "shop",
        "podSelector: {matchLabels: {app: api}}",
        "ingress:",
        "- ports: [{port: 8080}]"));
    for (String from : List.of("external:outside", "node:n2", "other/db", "external:apiserver")) {
      agrees(d, tcp(from, "shop/api", 8080), true);
      agrees(d, tcp(from, "shop/api", 9090), false);
    }
    List<EmittedDocument> empty = docs(policy("api-any", "shop",
        "podSelector: {matchLabels: {app: api}}",
        "ingress:",
        "- from: []"));
    agrees(empty, tcp("external:outside", "shop/api", 1), true);
  }

  /** Rule 2: an empty rule {@code {}} allows every peer, port and protocol. */
  @Test
  void anEmptyRuleAllowsEverythingOnCiliumAsOnKubernetes() {
    List<EmittedDocument> d = docs(policy("open", "shop",
        "podSelector: {matchLabels: {app: api}}",
        "policyTypes: [Ingress, Egress]",
        "ingress: [{}]",
        "egress: [{}]"));
    agrees(d, tcp("shop/api", "external:outside", 443), true);
    agrees(d, tcp("external:outside", "shop/api", 8080), true);
    agrees(d, tcp("node:n2", "shop/api", 8080), true);
    agrees(d, Flow.icmp(end("other/db"), end("shop/api"), false, 8, 0), true);
    // The wildcard matches the host entity too, so the pod's own node stays reachable (the class of its own node
    // counts the flow, since the egress is isolated).
    sameVerdict(d, tcp("shop/api", "node:n1", 10250), true);
  }

  /** Rule 3: a podSelector peer is pinned to the policy's namespace. */
  @Test
  void aPodSelectorPeerStaysInThePolicysNamespaceOnCiliumAsOnKubernetes() {
    List<EmittedDocument> d = docs(policy("from-api-and-web", "shop",
        "podSelector: {matchLabels: {app: api}}",
        "ingress:",
        "- from: [{podSelector: {matchLabels: {app: web}}}, {podSelector: {matchLabels: {app: api}}}]"));
    agrees(d, tcp("shop/web", "shop/api", 8080), true);
    agrees(d, tcp("other/api-twin", "shop/api", 8080), false);
    agrees(d, tcp("external:outside", "shop/api", 8080), false);
  }

  /** Rule 3: namespaceSelector with a podSelector: pods of those namespaces with those labels. */
  @Test
  void aNamespaceSelectorWithAPodSelectorMatchesPodsOfThoseNamespacesOnCiliumAsOnKubernetes() {
    List<EmittedDocument> d = docs(policy("from-db", "shop",
        "podSelector: {matchLabels: {app: api}}",
        "ingress:",
        "- from: [{namespaceSelector: {matchLabels: {team: other}}, podSelector: {matchLabels: {app: db}}}]"));
    agrees(d, tcp("other/db", "shop/api", 8080), true);
    agrees(d, tcp("other/api-twin", "shop/api", 8080), false);
    agrees(d, tcp("shop/web", "shop/api", 8080), false);
    agrees(d, tcp("external:outside", "shop/api", 8080), false);
  }

  /** Rule 3: {@code namespaceSelector: {}} is every pod of every namespace, and no node or external. */
  @Test
  void anEmptyNamespaceSelectorMatchesEveryPodButNoNodeOrExternalOnCiliumAsOnKubernetes() {
    List<EmittedDocument> d = docs(policy("from-pods", "shop",
        "podSelector: {matchLabels: {app: api}}",
        "ingress:",
        "- from: [{namespaceSelector: {}}]"));
    agrees(d, tcp("other/db", "shop/api", 8080), true);
    agrees(d, tcp("bare/tool", "shop/api", 8080), true);
    agrees(d, tcp("external:outside", "shop/api", 8080), false);
    agrees(d, tcp("node:n2", "shop/api", 8080), false);
    agrees(d, tcp("external:apiserver", "shop/api", 8080), false);
  }

  /** Rule 4: an ipBlock with except matches world addresses in the block and outside the except. */
  @Test
  void anIpBlockWithExceptMatchesTheWorldOutsideTheExceptOnCiliumAsOnKubernetes() {
    List<EmittedDocument> d = docs(policy("to-block", "shop",
        "podSelector: {matchLabels: {app: web}}",
        "policyTypes: [Egress]",
        "egress:",
        "- to: [{ipBlock: {cidr: 203.0.113.0/24, except: [203.0.113.7/32]}}]"));
    agrees(d, tcp("shop/web", "external:outside-2", 443), true);
    agrees(d, Flow.of(end("shop/web"), Endpoint.of(IpAddress.parse("203.0.113.99")), FlowProtocol.TCP, 443), true);
    agrees(d, tcp("shop/web", "external:outside", 443), false);
    agrees(d, tcp("shop/web", "other/db", 443), false);
  }

  /**
   * Rule 4 and the reserved identities: the API server outside the cluster keeps its world identity beside
   * {@code kube-apiserver} (the assumption of the Cilium evaluator, docs/targets.md), so an ipBlock holding it
   * matches on both readings.
   */
  @Test
  void anIpBlockMatchesTheApiServerOutsideTheClusterOnCiliumAsOnKubernetes() {
    List<EmittedDocument> d = docs(policy("to-apiserver", "shop",
        "podSelector: {matchLabels: {app: web}}",
        "policyTypes: [Egress]",
        "egress:",
        "- to: [{ipBlock: {cidr: 198.51.100.0/24}}]",
        "  ports: [{port: 443}]"));
    agrees(d, tcp("shop/web", "external:apiserver", 443), true);
    agrees(d, tcp("shop/web", "external:outside", 443), false);
  }

  /** Rule 5, parsePorts: TCP by default, numbers, ranges, protocols, a protocol without port; no ICMP. */
  @Test
  void portsDefaultToTcpAndMatchNumbersRangesAndProtocolsOnCiliumAsOnKubernetes() {
    List<EmittedDocument> d = docs(policy("ports", "shop",
        "podSelector: {matchLabels: {app: api}}",
        "ingress:",
        "- ports:",
        "  - {port: 8080}",
        "  - {protocol: UDP, port: 53}",
        "  - {port: 9000, endPort: 9010}",
        "  - {protocol: SCTP}"));
    agrees(d, tcp("other/db", "shop/api", 8080), true);
    agrees(d, Flow.of(end("other/db"), end("shop/api"), FlowProtocol.UDP, 8080), false);
    agrees(d, Flow.of(end("other/db"), end("shop/api"), FlowProtocol.UDP, 53), true);
    agrees(d, tcp("other/db", "shop/api", 53), false);
    agrees(d, tcp("other/db", "shop/api", 9005), true);
    agrees(d, tcp("other/db", "shop/api", 9011), false);
    agrees(d, Flow.of(end("other/db"), end("shop/api"), FlowProtocol.SCTP, 9), true);
    agrees(d, Flow.of(end("other/db"), end("shop/api"), FlowProtocol.SCTP, 1234), true);
    agrees(d, Flow.icmp(end("other/db"), end("shop/api"), false, 8, 0), false);
  }

  /** Rule 5: an ingress named port resolves on the destination pod on both. */
  @Test
  void anIngressNamedPortResolvesOnTheDestinationPodOnCiliumAsOnKubernetes() {
    List<EmittedDocument> d = docs(policy("http", "shop",
        "podSelector: {matchLabels: {app: api}}",
        "ingress:",
        "- ports: [{port: http}]"));
    agrees(d, tcp("other/db", "shop/api", 8080), true);
    agrees(d, tcp("other/db", "shop/api", 80), false);
  }

  /** Rule 5: an entry without ports has no toPorts, so it allows ICMP; one with ports does not. */
  @Test
  void icmpMatchesOnlyARuleWithoutPortsOnCiliumAsOnKubernetes() {
    List<EmittedDocument> d = docs(policy("icmp", "shop",
        "podSelector: {matchLabels: {app: api}}",
        "ingress:",
        "- from: [{podSelector: {matchLabels: {app: web}}}]",
        "- from: [{namespaceSelector: {matchLabels: {team: other}}}]",
        "  ports: [{port: 8080}]"));
    agrees(d, Flow.icmp(end("shop/web"), end("shop/api"), false, 8, 0), true);
    agrees(d, Flow.icmp(end("other/db"), end("shop/api"), false, 8, 0), false);
  }

  /** Rule 6: without policyTypes, ingress isolates always and egress when the object has egress rules. */
  @Test
  void absentPolicyTypesIsolateAsTheApiDefaultOnCiliumAsOnKubernetes() {
    List<EmittedDocument> d = docs(policy("default-types", "shop",
        "podSelector: {matchLabels: {app: api}}",
        "egress:",
        "- to: [{podSelector: {matchLabels: {app: web}}}]"));
    agrees(d, tcp("shop/api", "shop/web", 80), true);
    agrees(d, tcp("shop/api", "other/db", 80), false);
    agrees(d, tcp("shop/web", "shop/api", 8080), false);
    List<EmittedDocument> ingressOnly = docs(policy("no-types", "shop",
        "podSelector: {matchLabels: {app: api}}"));
    agrees(ingressOnly, tcp("shop/web", "shop/api", 8080), false);
    agrees(ingressOnly, tcp("shop/api", "external:outside", 443), true);
  }

  /** Rule 6: {@code policyTypes: [Egress]} without rules isolates egress only. */
  @Test
  void egressAloneIsolatesEgressOnlyOnCiliumAsOnKubernetes() {
    List<EmittedDocument> d = docs(policy("deny-egress", "shop",
        "podSelector: {matchLabels: {app: api}}",
        "policyTypes: [Egress]"));
    agrees(d, tcp("shop/api", "shop/web", 80), false);
    agrees(d, tcp("shop/api", "external:outside", 443), false);
    agrees(d, tcp("shop/web", "shop/api", 8080), true);
  }

  /** Rule 6: {@code ingress: []} is an absent ingress: the loop runs over no entry, then the default deny. */
  @Test
  void anEmptyIngressListIsAnAbsentOneOnCiliumAsOnKubernetes() {
    for (String ingress : List.of("ingress: []", "egress: []")) {
      List<EmittedDocument> d = docs(policy("deny-all", "shop",
          "podSelector: {}",
          "policyTypes: [Ingress, Egress]",
          ingress));
      agrees(d, tcp("shop/web", "shop/api", 8080), false);
      agrees(d, tcp("shop/api", "external:outside", 443), false);
      agrees(d, tcp("other/db", "other/api-twin", 8080), true);
    }
  }

  /** allow-localhost: the pod's own node reaches it; another node is a remote-node peer like any other. */
  @Test
  void nodeIngressFromItsOwnNodeIsAllowedAndFromAnotherRefusedOnCiliumAsOnKubernetes() {
    List<EmittedDocument> d = docs(policy("deny-api", "shop",
        "podSelector: {matchLabels: {app: api}}",
        "policyTypes: [Ingress]"));
    agrees(d, tcp("node:n1", "shop/api", 8080), true);
    agrees(d, tcp("node:n2", "shop/api", 8080), false);
    assertThat(cilium(d).evaluate(tcp("node:n1", "shop/api", 8080)).ingress().reason())
        .isEqualTo(Reason.NODE_LOCAL);
  }

  /** A pod talking to itself meets no policy on either. */
  @Test
  void aPodToItselfIsAllowedOnCiliumAsOnKubernetes() {
    List<EmittedDocument> d = docs(policy("deny-api", "shop",
        "podSelector: {matchLabels: {app: api}}",
        "policyTypes: [Ingress, Egress]"));
    agrees(d, tcp("shop/api", "shop/api", 8080), true);
  }

  /** The verdict names the NetworkPolicy and the place its netlingua.io/source annotation records. */
  @Test
  void aVerdictNamesTheNetworkPolicyAndItsSourcePlace() {
    List<EmittedDocument> d = docs("apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n"
        + "  name: allow-web\n  namespace: shop\n  annotations:\n    netlingua.io/source: shop.npl:12\nspec:\n"
        + "  podSelector: {matchLabels: {app: api}}\n  ingress:\n"
        + "  - from: [{podSelector: {matchLabels: {app: web}}}]\n");
    Verdict v = cilium(d).evaluate(tcp("shop/web", "shop/api", 8080));
    assertThat(v.ingress().rule()).isPresent();
    assertThat(v.ingress().rule().get().policy().qualifiedName()).isEqualTo("shop/allow-web");
    assertThat(v.ingress().rule().get().span().file()).isEqualTo("shop.npl");
    assertThat(v.ingress().rule().get().span().line()).isEqualTo(12);
    assertThat(v.ingress().rule()).isEqualTo(kubernetes(d).evaluate(tcp("shop/web", "shop/api", 8080)).ingress()
        .rule());
    Verdict refused = cilium(d).evaluate(tcp("other/db", "shop/api", 8080));
    assertThat(refused.ingress().isolatedBy()).extracting(Verdict.PolicyRef::qualifiedName)
        .containsExactly("shop/allow-web");
  }

  /** A Calico object among the documents stays ignored: it polices nothing on Cilium. */
  @Test
  void aCalicoObjectIsIgnoredOnCilium() throws Exception {
    JsonNode calico = YAML.readTree("apiVersion: projectcalico.org/v3\nkind: NetworkPolicy\nmetadata:\n"
        + "  name: deny\n  namespace: shop\nspec:\n  selector: app == 'api'\n  types: [Ingress]\n");
    List<EmittedDocument> d = List.of(new EmittedDocument("projectcalico.org/v3", "NetworkPolicy",
        Optional.of("shop"), "deny", calico, SourceSpan.NONE));
    assertThat(cilium(d).evaluate(tcp("shop/web", "shop/api", 8080)).allowed()).isTrue();
    assertThat(CiliumReadingDifferences.mayDiffer(tcp("shop/web", "shop/api", 8080), CLUSTER, d)).isFalse();
  }

  /**
   * Sanitize refuses a peer with both a selector and an ipBlock ("combining FromEndpoints and FromCIDRSet is not
   * supported yet", {@code IngressCommonRule.sanitize}); the API server refuses it first, so only a Fabric8 object
   * can hold one: the agent enforces nothing of it and says so.
   */
  @Test
  void aPeerCombiningASelectorAndAnIpBlockIsRefusedByTheAgent() {
    NetworkPolicy np = new NetworkPolicyBuilder()
        .withNewMetadata().withName("mixed").withNamespace("shop").endMetadata()
        .withNewSpec()
        .withNewPodSelector().addToMatchLabels("app", "api").endPodSelector()
        .addNewIngress().addNewFrom()
        .withNewPodSelector().addToMatchLabels("app", "web").endPodSelector()
        .withNewIpBlock().withCidr("203.0.113.0/24").endIpBlock()
        .endFrom().endIngress()
        .endSpec()
        .build();
    List<EmittedDocument> d = List.of(document(np));
    Verdict v = cilium(d).evaluate(tcp("other/db", "shop/api", 8080));
    assertThat(v.allowed()).isTrue();
    assertThat(v.notes()).singleElement().asString()
        .contains("NetworkPolicy shop/mixed is refused by the agent")
        .contains("combining FromEndpoints and FromCIDRSet is not supported yet");
  }

  /** Without NetworkPolicy documents the predicate counts nothing. */
  @Test
  void thePredicateCountsNothingWithoutNetworkPolicies() {
    assertThat(CiliumReadingDifferences.mayDiffer(tcp("shop/api", "node:n1", 1), CLUSTER, List.of())).isFalse();
  }

  // ---------------------------------------------------------------------------------------------------------------

  /** The two verdicts differ as documented, and the predicate counts the flow. */
  private static void differs(List<EmittedDocument> d, Flow f, boolean kubernetesAllows, boolean ciliumAllows) {
    assertThat(kubernetesAllows).as("a difference").isNotEqualTo(ciliumAllows);
    assertThat(kubernetes(d).evaluate(f).allowed()).as("Kubernetes reading of %s", f).isEqualTo(kubernetesAllows);
    assertThat(cilium(d).evaluate(f).allowed()).as("Cilium reading of %s", f).isEqualTo(ciliumAllows);
    assertThat(CiliumReadingDifferences.mayDiffer(f, CLUSTER, d)).as("counted: %s", f).isTrue();
  }

  /** Both readings give the verdict, and the predicate does not count the flow. */
  private static void agrees(List<EmittedDocument> d, Flow f, boolean allows) {
    sameVerdict(d, f, allows);
    assertThat(CiliumReadingDifferences.mayDiffer(f, CLUSTER, d)).as("not counted: %s", f).isFalse();
  }

  private static void sameVerdict(List<EmittedDocument> d, Flow f, boolean allows) {
    assertThat(kubernetes(d).evaluate(f).allowed()).as("Kubernetes reading of %s", f).isEqualTo(allows);
    assertThat(cilium(d).evaluate(f).allowed()).as("Cilium reading of %s", f).isEqualTo(allows);
  }

  private static Evaluator kubernetes(List<EmittedDocument> d) {
    return Evaluators.forTarget(Target.KUBERNETES).orElseThrow().evaluator(d, CLUSTER);
  }

  private static Evaluator cilium(List<EmittedDocument> d) {
    return Evaluators.forTarget(Target.CILIUM).orElseThrow().evaluator(d, CLUSTER);
  }

  /** NetworkPolicy documents, as the Kubernetes emitter returns them. */
  private static List<EmittedDocument> docs(String... yaml) {
    List<EmittedDocument> out = new ArrayList<>();
    for (String y : yaml) {
      try {
        out.add(document(YAML.readValue(y, NetworkPolicy.class)));
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out;
  }

  private static EmittedDocument document(NetworkPolicy np) {
    return new EmittedDocument("networking.k8s.io/v1", "NetworkPolicy",
        Optional.ofNullable(np.getMetadata().getNamespace()), np.getMetadata().getName(), np, SourceSpan.NONE);
  }

  /** A NetworkPolicy of that name and namespace; the spec's lines, indented as under {@code spec:}. */
  private static String policy(String name, String namespace, String... spec) {
    return "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: " + name
        + "\n  namespace: " + namespace + "\nspec:\n"
        + String.join("\n", Arrays.stream(spec).map(l -> "  " + l).toList()) + "\n";
  }

  private static Flow tcp(String from, String to, int port) {
    return Flow.of(end(from), end(to), FlowProtocol.TCP, port);
  }

  /** {@code ns/pod}, {@code node:NAME}, {@code external:NAME}. */
  private static Endpoint end(String text) {
    if (text.startsWith("node:")) {
      return Endpoint.of(CLUSTER.node(text.substring(5)).orElseThrow());
    }
    if (text.startsWith("external:")) {
      String name = text.substring(9);
      return Endpoint.of(CLUSTER.externals().stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow());
    }
    String[] parts = text.split("/");
    return Endpoint.of(CLUSTER.pod(parts[0], parts[1]).orElseThrow());
  }
}

package io.netlingua.emit.cilium;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.netlingua.emit.EmittedDocument;
import io.netlingua.emit.FlowJudge;
import io.netlingua.eval.Cluster;
import io.netlingua.eval.Endpoint;
import io.netlingua.eval.External;
import io.netlingua.eval.FlowProtocol;
import io.netlingua.eval.IpAddress;
import io.netlingua.eval.Pod;
import io.netlingua.eval.PortSpec;
import io.netlingua.eval.Service;
import io.netlingua.eval.Verdict;
import io.netlingua.eval.Verdict.Reason;
import io.netlingua.model.SourceSpan;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Cilium evaluator ({@link CiliumEvaluator}) on hand-written CiliumNetworkPolicy and
 * CiliumClusterwideNetworkPolicy objects, one test per rule of its reading, each with a flow the rule lets through
 * and one it stops, and the upstream behaviour it follows. Sources, cited by the short names in the tests:
 *
 * <ul>
 *   <li>{@code intro.rst}, {@code layer3.rst}, {@code layer4.rst}, {@code layer7.rst}, {@code deny.rst},
 *       {@code kubernetes.rst}: cilium/cilium {@code Documentation/security/policy/}, at
 *       1ba78805d4da81b63ebfa6d086767e8b37c009fb, 01af123d89b9e954f3c3c8da9055c61b85fb7e9c,
 *       2a6c33007c6f72fdb5b3e4361050d49905bb6007, 2df56ae1afd457d065cb240e41feb475b3049e00,
 *       669f18e3e0474760a42e86a2e5637e350384393d and 169602439fe91aa38fded10d71b183409cd58bd4;
 *   <li>{@code utils.go}: cilium/cilium {@code pkg/k8s/apis/cilium.io/utils/utils.go} at
 *       0457444e30a73b24be023235d4cc57a419c892ce ({@code getEndpointSelector}, {@code ParseToCiliumRule});
 *   <li>{@code Sanitize}: cilium/cilium {@code pkg/policy/api/rule_validation.go} {@code Rule.Sanitize} at
 *       005aed241b0ca39c91b31a14352b299187259af2 ("Fill in the default traffic posture of this Rule");
 *   <li>{@code entity.go}: cilium/cilium {@code pkg/policy/api/entity.go} at
 *       b1c039e5cd7ddb9046bc5438be1e731727970fdb ({@code InitEntities});
 *   <li>{@code network_policy.cc}: cilium/proxy branch v1.34 (87a94423e2e3ccfda341de41f5bfdce6ccaa3990, Envoy
 *       1.34.14) {@code cilium/network_policy.cc} {@code HttpNetworkPolicyRule}: the agent's {@code path},
 *       {@code method}, {@code host} and {@code headers} become Envoy header matchers on the request's
 *       {@code :path}, {@code :method}, {@code :authority} and headers ({@code Http::HeaderUtility::matchHeaders}).
 * </ul>
 *
 * <p>The cluster: namespaces shop (team=blue), other (team=red) and kube-system; pods shop/api (app=api, service
 * account api-sa, node n1, named ports http 8080 and metrics 9090), shop/web (app=web, pod-template-hash=7d9f,
 * web-sa, n1), shop/db (app=db, n2), other/client (app=web, n2), kube-system/coredns (k8s-app=kube-dns, n1: the
 * default DNS server); nodes n1 and n2; externals out (api.example.com), deep (a.b.example.com), apex
 * (example.com), legacy (10.200.0.1, inside the pods' 10.0.0.0/8), apiserver (the Kubernetes API server outside the
 * cluster), resolver (198.51.100.53), out6 (IPv6); Service shop/api-svc (app=api, cluster IP 10.96.0.10).
 */
class CiliumEvaluatorTest {
  private static final FlowProtocol TCP = FlowProtocol.TCP;
  private static final FlowProtocol UDP = FlowProtocol.UDP;

  private static final External RESOLVER = new External("resolver", ip("198.51.100.53"), Optional.empty(), false);

  private static final Cluster CLUSTER = base().build();

  private static IpAddress ip(String text) {
    return IpAddress.parse(text);
  }

  private static Cluster.Builder base() {
    return Cluster.builder()
        .namespace("shop", Map.of("team", "blue"))
        .namespace("other", Map.of("team", "red"))
        .namespace("kube-system", Map.of())
        .pod(new Pod("api", "shop", Map.of("app", "api"), ip("10.1.0.10"), "api-sa", "n1",
            List.of(PortSpec.named("http", 8080, TCP), PortSpec.named("metrics", 9090, TCP))))
        .pod(new Pod("web", "shop", Map.of("app", "web", "pod-template-hash", "7d9f"), ip("10.1.0.11"), "web-sa",
            "n1", List.of()))
        .pod(new Pod("db", "shop", Map.of("app", "db"), ip("10.1.0.12"), "default", "n2",
            List.of(PortSpec.named("pg", 5432, TCP))))
        .pod(new Pod("client", "other", Map.of("app", "web"), ip("10.1.1.10"), "default", "n2", List.of()))
        .pod(new Pod("coredns", "kube-system", Map.of("k8s-app", "kube-dns"), ip("10.1.2.10"), "coredns", "n1",
            List.of(PortSpec.named("dns", 53, UDP), PortSpec.named("dns-tcp", 53, TCP))))
        .node("n1", "10.0.0.1")
        .node("n2", "10.0.0.2")
        .external("out", "203.0.113.7", "api.example.com")
        .external("deep", "203.0.113.8", "a.b.example.com")
        .external("apex", "203.0.113.9", "example.com")
        .external("legacy", "10.200.0.1", null)
        .external(new External("apiserver", ip("192.0.2.1"), Optional.empty(), true))
        .external(RESOLVER)
        .external("out6", "2001:db8::7", null)
        .service(new Service("api-svc", "shop", Map.of("app", "api"), Optional.of(ip("10.96.0.10")),
            List.of(PortSpec.of(80, TCP))));
  }

  // ---- objects and verdicts ----

  /** A CiliumNetworkPolicy {@code p} of namespace shop with this {@code spec}. */
  private static String cnp(String spec) {
    return cnp("shop", "p", spec);
  }

  private static String cnp(String namespace, String name, String spec) {
    return "apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata:\n  name: " + name + "\n  namespace: "
        + namespace + "\nspec:\n" + spec.indent(2);
  }

  private static String ccnp(String name, String spec) {
    return "apiVersion: cilium.io/v2\nkind: CiliumClusterwideNetworkPolicy\nmetadata:\n  name: " + name
        + "\nspec:\n" + spec.indent(2);
  }

  /** The document a YAML object makes, as an emitter would return it. */
  private static EmittedDocument document(String yaml) {
    JsonNode tree = RefusedObjects.tree(yaml);
    JsonNode metadata = tree.path("metadata");
    return new EmittedDocument("cilium.io/v2", tree.path("kind").asText(),
        Optional.ofNullable(metadata.path("namespace").textValue()), metadata.path("name").asText(), tree,
        SourceSpan.point("test.yaml", 1, 1, 0));
  }

  private static FlowJudge judge(String... yaml) {
    return judge(CLUSTER, yaml);
  }

  private static FlowJudge judge(Cluster cluster, String... yaml) {
    return FlowJudge.of(new CiliumEvaluator(), cluster, Stream.of(yaml).map(CiliumEvaluatorTest::document).toList());
  }

  // ---- default deny ----

  /**
   * Sanitize: {@code EnableDefaultDeny.Ingress} is {@code len(r.Ingress) > 0 || len(r.IngressDeny) > 0}, so one
   * empty rule switches default deny on; layer3.rst "Ingress/Egress Default Deny".
   */
  @Test
  void anIngressSectionWithAnEmptyRuleIsolates() {
    FlowJudge j = judge(cnp("endpointSelector: {matchLabels: {app: api}}\ningress: [{}]"));
    Verdict denied = j.denies("shop/web -> shop/api tcp/8080");
    assertThat(denied.ingress().reason()).isEqualTo(Reason.NO_RULE_MATCHED);
    assertThat(denied.ingress().isolatedBy()).extracting(Verdict.PolicyRef::qualifiedName).containsExactly("shop/p");
    assertThat(j.allows("shop/api -> shop/web tcp/8080").egress().reason()).isEqualTo(Reason.NOT_ISOLATED);
  }

  /**
   * Sanitize: {@code len(r.Ingress) > 0} is false for {@code ingress: []}; intro.rst, the Rule type: "If omitted or
   * empty, this rule does not apply at ingress." The egress rule of the same object still isolates.
   */
  @Test
  void anEmptyIngressListDoesNotIsolate() {
    FlowJudge j = judge(cnp("endpointSelector: {matchLabels: {app: api}}\ningress: []\negress: [{}]"));
    assertThat(j.allows("shop/web -> shop/api tcp/8080").ingress().reason()).isEqualTo(Reason.NOT_ISOLATED);
    assertThat(j.denies("shop/api -> shop/web tcp/8080").egress().reason()).isEqualTo(Reason.NO_RULE_MATCHED);
  }

  /** intro.rst "Endpoint default policy": a direction goes to default deny only if the rule has that section. */
  @Test
  void anAbsentSectionDoesNotIsolate() {
    FlowJudge j = judge(cnp("endpointSelector: {matchLabels: {app: api}}\negress: [{toEndpoints: [{}]}]"));
    assertThat(j.allows("ext:out -> shop/api tcp/8080").ingress().reason()).isEqualTo(Reason.NOT_ISOLATED);
    j.allows("shop/api -> shop/web tcp/8080");
    j.denies("shop/api -> ext:out tcp/443");
  }

  /**
   * Sanitize: {@code len(r.IngressDeny) > 0} switches default deny on too; deny.rst: "Similarly to "allow"
   * policies, Pods will enter default-deny mode as soon as a single policy selects it."
   */
  @Test
  void anIngressDenyOnlyRuleIsolates() {
    FlowJudge j = judge(cnp("endpointSelector: {matchLabels: {app: api}}\n"
        + "ingressDeny: [{fromEndpoints: [{matchLabels: {app: db}}]}]"));
    assertThat(j.denies("shop/db -> shop/api tcp/8080").ingress().reason()).isEqualTo(Reason.DENIED_BY_RULE);
    assertThat(j.denies("shop/web -> shop/api tcp/8080").ingress().reason()).isEqualTo(Reason.NO_RULE_MATCHED);
    j.allows("shop/api -> shop/web tcp/8080");
  }

  /**
   * intro.rst: "Rules with EnableDefaultDeny disabled are ignored when determining the default mode"; Sanitize fills
   * only a nil {@code EnableDefaultDeny.Egress}, so egress of the same rule still isolates.
   */
  @Test
  void enableDefaultDenyFalseDoesNotIsolate() {
    FlowJudge j = judge(cnp("""
        endpointSelector: {matchLabels: {app: api}}
        enableDefaultDeny: {ingress: false}
        ingress: [{fromEndpoints: [{matchLabels: {app: web}}]}]
        egress: [{toEndpoints: [{}]}]"""));
    assertThat(j.allows("other/client -> shop/api tcp/8080").ingress().reason()).isEqualTo(Reason.NOT_ISOLATED);
    j.denies("shop/api -> ext:out tcp/443");
  }

  /**
   * layer4.rst: "Layer 4 policy can be specified in addition to layer 3 policies or independently", its example
   * l4.yaml allowing port 80 "to any layer 3 destination"; cilium/cilium {@code pkg/policy/rule_test.go}
   * {@code TestL4Policy} (a rule of only {@code ToPorts} gives an L4 filter on the wildcard selector).
   */
  @Test
  void aRuleWithOnlyPortsAppliesToEveryPeer() {
    FlowJudge j = judge(cnp("""
        endpointSelector: {matchLabels: {app: api}}
        ingress: [{toPorts: [{ports: [{port: "8080", protocol: TCP}]}]}]"""));
    j.allows("ext:out -> shop/api tcp/8080");
    j.allows("other/client -> shop/api tcp/8080");
    j.allows("node:n2 -> shop/api tcp/8080");
    j.denies("shop/web -> shop/api tcp/9090");
  }

  /**
   * layer3.rst "Ingress/Egress Default Deny": a rule that selects the endpoint with an empty section puts it "into
   * default deny mode without whitelisting other peers at the same time" (example egress-default-deny.yaml): a
   * {@code {}} rule has no peer and no port, so it allows nothing, beside another rule too.
   */
  @Test
  void anEmptyRuleMatchesNothing() {
    FlowJudge j = judge(cnp("""
        endpointSelector: {matchLabels: {app: api}}
        ingress:
        - {}
        - fromEndpoints: [{matchLabels: {app: web}}]"""));
    j.allows("shop/web -> shop/api tcp/8080");
    j.denies("shop/db -> shop/api tcp/8080");
    j.denies("ext:out -> shop/api tcp/8080");
  }

  // ---- deny before allow ----

  /**
   * deny.rst: "Deny policies take precedence over allow policies, regardless of whether they are a Cilium Network
   * Policy, a Clusterwide Cilium Network Policy or even a Kubernetes Network Policy." The order of the objects does
   * not matter.
   */
  @Test
  void aDenyOfOneObjectWinsOverTheAllowOfAnother() {
    String allow = cnp("endpointSelector: {matchLabels: {app: api}}\ningress: [{fromEndpoints: [{}]}]");
    String deny = ccnp("deny-db", "endpointSelector: {matchLabels: {app: api}}\n"
        + "ingressDeny: [{fromEndpoints: [{matchLabels: {app: db}}]}]");
    for (FlowJudge j : List.of(judge(allow, deny), judge(deny, allow))) {
      Verdict denied = j.denies("shop/db -> shop/api tcp/8080");
      assertThat(denied.ingress().reason()).isEqualTo(Reason.DENIED_BY_RULE);
      assertThat(denied.ingress().rule().orElseThrow().policy().qualifiedName()).isEqualTo("cluster/deny-db");
      assertThat(j.allows("shop/web -> shop/api tcp/8080").ingress().rule().orElseThrow().policy()
          .qualifiedName()).isEqualTo("shop/p");
    }
  }

  // ---- namespace pinning (utils.go getEndpointSelector) ----

  /** utils.go: "If omitted, we limit the scope to the namespace the policy lives in" ({@code AddMatch}). */
  @Test
  void aCnpPeerWithoutNamespaceTermIsPinnedToThePolicysNamespace() {
    FlowJudge j = judge(cnp("""
        endpointSelector: {matchLabels: {app: api}}
        ingress: [{fromEndpoints: [{matchLabels: {app: web}}]}]"""));
    j.allows("shop/web -> shop/api tcp/8080");
    j.denies("other/client -> shop/api tcp/8080");
  }

  /** utils.go: "The user can explicitly specify the namespace in the FromEndpoints selector" ({@code HasKey}). */
  @Test
  void aCnpPeerWithANamespaceTermSelectsThatNamespace() {
    FlowJudge j = judge(cnp("""
        endpointSelector: {matchLabels: {app: api}}
        ingress: [{fromEndpoints: [{matchLabels: {app: web, "k8s:io.kubernetes.pod.namespace": other}}]}]"""));
    j.allows("other/client -> shop/api tcp/8080");
    j.denies("shop/web -> shop/api tcp/8080");
  }

  /**
   * utils.go: no namespace match is added when the selector {@code HasKeyPrefix(podK8SNamespaceLabelsPrefix)}
   * (namespace labels honoured in a CNP since 1.16, cilium/cilium#30650; kubernetes.rst still says they are ignored
   * in a CNP, which the code no longer does).
   */
  @Test
  void aCnpPeerWithANamespaceLabelKeySpansNamespaces() {
    FlowJudge j = judge(cnp("""
        endpointSelector: {matchLabels: {app: api}}
        ingress: [{fromEndpoints: [{matchLabels: {"k8s:io.cilium.k8s.namespace.labels.team": red}}]}]"""));
    j.allows("other/client -> shop/api tcp/8080");
    j.denies("shop/web -> shop/api tcp/8080");
  }

  /**
   * utils.go: "For a clusterwide policy if a namespace is not specified in the labels we add a selector to only
   * match endpoints that contains a namespace label" ({@code Exists}), so even {@code {}} never selects the world,
   * the host or a remote node.
   */
  @Test
  void aCcnpPeerIsLimitedToEndpointsWithANamespace() {
    FlowJudge j = judge(ccnp("p", "endpointSelector: {matchLabels: {app: api}}\negress: [{toEndpoints: [{}]}]"));
    j.allows("shop/api -> other/client tcp/8080");
    j.allows("shop/api -> kube-system/coredns udp/53");
    j.denies("shop/api -> ext:out tcp/443");
    j.denies("shop/api -> node:n1 tcp/10250");
    j.denies("shop/api -> node:n2 tcp/10250");
  }

  /**
   * utils.go: a selector that {@code HasKey} the namespace label, whatever its operator, gets no namespace match,
   * so {@code NotIn} and {@code DoesNotExist} also hold for reserved identities, which have no namespace label:
   * world, host, remote-node (cilium/cilium#46949). In a CiliumNetworkPolicy.
   */
  @Test
  void aCnpPeerWithANegativeNamespaceTermIsNotPinnedAndMatchesReservedIdentities() {
    FlowJudge notIn = judge(cnp("""
        endpointSelector: {matchLabels: {app: api}}
        egress:
        - toEndpoints:
          - matchExpressions: [{key: "k8s:io.kubernetes.pod.namespace", operator: NotIn, values: [kube-system]}]"""));
    notIn.allows("shop/api -> other/client tcp/8080");
    notIn.allows("shop/api -> ext:out tcp/443");
    notIn.allows("shop/api -> node:n1 tcp/10250");
    notIn.allows("shop/api -> node:n2 tcp/10250");
    notIn.denies("shop/api -> kube-system/coredns udp/53");
    FlowJudge absent = judge(cnp("""
        endpointSelector: {matchLabels: {app: api}}
        egress:
        - toEndpoints:
          - matchExpressions: [{key: "k8s:io.kubernetes.pod.namespace", operator: DoesNotExist}]"""));
    absent.allows("shop/api -> ext:out tcp/443");
    absent.allows("shop/api -> node:n1 tcp/10250");
    absent.allows("shop/api -> node:n2 tcp/10250");
    absent.denies("shop/api -> shop/web tcp/8080");
  }

  /** The same as the test above in a CiliumClusterwideNetworkPolicy: no {@code Exists} is added either. */
  @Test
  void aCcnpPeerWithANegativeNamespaceTermMatchesReservedIdentities() {
    FlowJudge notIn = judge(ccnp("p", """
        endpointSelector: {matchLabels: {app: api}}
        egress:
        - toEndpoints:
          - matchExpressions: [{key: io.kubernetes.pod.namespace, operator: NotIn, values: [kube-system]}]"""));
    notIn.allows("shop/api -> other/client tcp/8080");
    notIn.allows("shop/api -> ext:out tcp/443");
    notIn.allows("shop/api -> node:n1 tcp/10250");
    notIn.allows("shop/api -> node:n2 tcp/10250");
    notIn.denies("shop/api -> kube-system/coredns udp/53");
    FlowJudge absent = judge(ccnp("p", """
        endpointSelector: {matchLabels: {app: api}}
        egress:
        - toEndpoints:
          - matchExpressions: [{key: io.kubernetes.pod.namespace, operator: DoesNotExist}]"""));
    absent.allows("shop/api -> ext:out tcp/443");
    absent.allows("shop/api -> node:n2 tcp/10250");
    absent.denies("shop/api -> other/client tcp/8080");
  }

  /** utils.go: "The k8s prefix must not be added to reserved labels" ({@code HasKeyPrefix("reserved.")}). */
  @Test
  void aReservedKeySelectorIsKeptAsWritten() {
    FlowJudge j = judge(cnp("""
        endpointSelector: {matchLabels: {app: api}}
        ingress: [{fromEndpoints: [{matchLabels: {"reserved:world": ""}}]}]"""));
    j.allows("ext:out -> shop/api tcp/8080");
    j.denies("shop/web -> shop/api tcp/8080");
    j.denies("node:n2 -> shop/api tcp/8080");
  }

  /**
   * utils.go {@code ParseToCiliumRule}: "EndpointSelector always applies in namespace of the policy resource,
   * removing illegal namespace match" ({@code AddMatch(podPrefixLbl, namespace)}); kubernetes.rst likewise.
   */
  @Test
  void theSubjectOfACnpIsForcedIntoThePolicysNamespace() {
    FlowJudge j = judge(cnp("""
        endpointSelector: {matchLabels: {app: web, "k8s:io.kubernetes.pod.namespace": other}}
        ingress: [{}]"""));
    j.denies("shop/api -> shop/web tcp/8080");
    assertThat(j.allows("shop/api -> other/client tcp/8080").ingress().reason()).isEqualTo(Reason.NOT_ISOLATED);
  }

  // ---- identity labels ----

  /**
   * cilium/cilium {@code pkg/policy/api/selector.go} (0252ef2edb775c03bf3152e921646d08ec7d198a)
   * {@code UnmarshalJSON}: every key goes through {@code labels.GetExtendedKeyFrom}, so a bare key is
   * {@code any:KEY}, which matches a label of that key from any source; pod labels have the {@code k8s} source
   * ({@code pkg/labels/labels.go} {@code LabelSourceK8s}), so {@code container:app} matches none.
   */
  @Test
  void labelKeysMatchBySource() {
    for (String key : List.of("\"k8s:app\"", "app", "\"any:app\"")) {
      FlowJudge j = judge(cnp("endpointSelector: {matchLabels: {app: api}}\n"
          + "ingress: [{fromEndpoints: [{matchLabels: {" + key + ": web}}]}]"));
      j.allows("shop/web -> shop/api tcp/8080");
      j.denies("shop/db -> shop/api tcp/8080");
    }
    judge(cnp("endpointSelector: {matchLabels: {app: api}}\n"
        + "ingress: [{fromEndpoints: [{matchLabels: {\"container:app\": web}}]}]"))
        .denies("shop/web -> shop/api tcp/8080");
  }

  /**
   * kubernetes.rst "ServiceAccounts" and its example serviceaccount-policy.yaml: the agent labels every pod with
   * {@code io.cilium.k8s.policy.serviceaccount} (cilium/cilium {@code pkg/k8s/apis/cilium.io/const.go}
   * {@code PolicyLabelServiceAccount}).
   */
  @Test
  void theServiceAccountIsAnIdentityLabel() {
    FlowJudge j = judge(cnp("""
        endpointSelector: {matchLabels: {app: api}}
        ingress: [{fromEndpoints: [{matchLabels: {io.cilium.k8s.policy.serviceaccount: web-sa}}]}]"""));
    j.allows("shop/web -> shop/api tcp/8080");
    j.denies("shop/db -> shop/api tcp/8080");
  }

  /**
   * kubernetes.rst "Namespaces": {@code io.cilium.k8s.namespace.labels} in a CiliumClusterwideNetworkPolicy; the
   * agent gives every pod one label {@code io.cilium.k8s.namespace.labels.KEY} per label of its namespace
   * ({@code const.go} {@code PodNamespaceMetaLabelsPrefix}, the prefix utils.go tests).
   */
  @Test
  void namespaceLabelsAreIdentityLabels() {
    FlowJudge j = judge(ccnp("p", """
        endpointSelector: {matchLabels: {app: api}}
        ingress: [{fromEndpoints: [{matchLabels: {io.cilium.k8s.namespace.labels.team: red}}]}]"""));
    j.allows("other/client -> shop/api tcp/8080");
    j.denies("shop/web -> shop/api tcp/8080");
  }

  /**
   * cilium/cilium {@code pkg/labelsfilter/filter.go} {@code defaultLabelPrefixCfg}: {@code !pod-template-hash} is
   * filtered out of identities, so a selector on it selects no pod, though shop/web carries it.
   */
  @Test
  void aLabelTheAgentFiltersMatchesNothing() {
    judge(ccnp("p", """
        endpointSelector: {matchLabels: {app: api}}
        ingress: [{fromEndpoints: [{matchLabels: {pod-template-hash: 7d9f}}]}]"""))
        .denies("shop/web -> shop/api tcp/8080");
    judge(ccnp("p", """
        endpointSelector: {matchLabels: {app: api}}
        ingress: [{fromEndpoints: [{matchLabels: {app: web}}]}]"""))
        .allows("shop/web -> shop/api tcp/8080");
  }

  // ---- entities (entity.go) ----

  /**
   * entity.go {@code InitEntities}: {@code cluster} is host, remote-node, init, ingress, health, unmanaged,
   * kube-apiserver and the pods of the cluster; layer3.rst "cluster". The kube-apiserver identity is held by the
   * API server outside the cluster too (layer3.rst "kube-apiserver": "both deployments").
   */
  @Test
  void theClusterEntityHoldsNodesAndTheApiServer() {
    FlowJudge j = judge(cnp("endpointSelector: {matchLabels: {app: api}}\negress: [{toEntities: [cluster]}]"));
    j.allows("shop/api -> other/client tcp/8080");
    j.allows("shop/api -> node:n1 tcp/10250");
    j.allows("shop/api -> node:n2 tcp/10250");
    j.allows("shop/api -> ext:apiserver tcp/443");
    j.denies("shop/api -> ext:out tcp/443");
  }

  /** layer3.rst "world": "all endpoints outside of the cluster"; entity.go: world holds world-ipv4 and -ipv6. */
  @Test
  void theWorldEntityExcludesPodsAndNodes() {
    FlowJudge j = judge(cnp("endpointSelector: {matchLabels: {app: api}}\negress: [{toEntities: [world]}]"));
    j.allows("shop/api -> ext:out tcp/443");
    j.allows("shop/api -> ext:out6 tcp/443");
    j.denies("shop/api -> other/client tcp/8080");
    j.denies("shop/api -> node:n1 tcp/10250");
    j.denies("shop/api -> node:n2 tcp/10250");
  }

  /**
   * layer3.rst: "host ... includes the local host"; "remote-node: Any node in any of the connected clusters other
   * than the local host" (shop/api runs on n1).
   */
  @Test
  void hostIsThePodsOwnNodeAndRemoteNodeTheOthers() {
    FlowJudge host = judge(cnp("endpointSelector: {matchLabels: {app: api}}\negress: [{toEntities: [host]}]"));
    host.allows("shop/api -> node:n1 tcp/10250");
    host.denies("shop/api -> node:n2 tcp/10250");
    FlowJudge remote = judge(cnp("endpointSelector: {matchLabels: {app: api}}\negress: [{toEntities: [remote-node]}]"));
    remote.allows("shop/api -> node:n2 tcp/10250");
    remote.denies("shop/api -> node:n1 tcp/10250");
  }

  /** entity.go: {@code all} is the wildcard selector; layer3.rst "all ... whitelists all communication". */
  @Test
  void theAllEntityMatchesEveryPeer() {
    FlowJudge j = judge(cnp("""
        endpointSelector: {matchLabels: {app: api}}
        egress: [{toEntities: [all], toPorts: [{ports: [{port: "443", protocol: TCP}]}]}]"""));
    j.allows("shop/api -> ext:out tcp/443");
    j.allows("shop/api -> node:n2 tcp/443");
    j.allows("shop/api -> other/client tcp/443");
    j.denies("shop/api -> ext:out tcp/80");
  }

  // ---- CIDR ----

  /**
   * layer3.rst "IP/CIDR based": "CIDR rules do not apply to traffic where both sides of the connection are either
   * managed by Cilium or use an IP belonging to a node in the cluster"; "By default, CIDR-based selectors do not
   * match in-cluster entities (pods or nodes)" ({@code policy-cidr-match-mode} empty). An except removes a range.
   */
  @Test
  void cidrRulesMatchOnlyAddressesOutsideTheCluster() {
    FlowJudge j = judge(cnp("""
        endpointSelector: {matchLabels: {app: api}}
        egress:
        - toCIDR: [10.0.0.0/8]
        - toCIDRSet: [{cidr: 203.0.113.0/24, except: [203.0.113.8/32]}]"""));
    j.allows("shop/api -> ext:legacy tcp/443");
    j.allows("shop/api -> ip:10.77.0.1 tcp/443");
    j.denies("shop/api -> other/client tcp/8080");
    j.denies("shop/api -> ip:10.1.1.10 tcp/8080");
    j.denies("shop/api -> node:n2 tcp/10250");
    j.allows("shop/api -> ext:out tcp/443");
    j.denies("shop/api -> ext:deep tcp/443");
  }

  // ---- toFQDNs ----

  private static final String DNS_TO_KUBE_DNS = """
      - toEndpoints: [{matchLabels: {"k8s:io.kubernetes.pod.namespace": kube-system, "k8s:k8s-app": kube-dns}}]
        toPorts: [{ports: [{port: "53", protocol: ANY}], rules: {dns: [{matchPattern: "%s"}]}}]
      """;

  /** A policy of shop/api: DNS through the proxy to kube-dns for names of that pattern, and a toFQDNs rule. */
  private static String fqdnPolicy(String dnsPattern, String fqdn) {
    return cnp("endpointSelector: {matchLabels: {app: api}}\negress:\n" + DNS_TO_KUBE_DNS.formatted(dnsPattern)
        + "- toFQDNs: [{" + fqdn + "}]");
  }

  /**
   * layer3.rst "DNS based": "Cilium intercepts DNS responses per-Endpoint using a DNS Proxy. This requires ... an L7
   * policy allowing DNS requests", with the example fqdn.yaml (kube-dns in kube-system, {@code matchPattern: "*"}),
   * the default DNS server of the cluster model. A name the toFQDNs rule does not name stays denied.
   */
  @Test
  void toFqdnsAllowsANameWhoseQueryWentThroughTheDnsProxy() {
    FlowJudge j = judge(fqdnPolicy("*", "matchName: api.example.com"));
    j.allows("shop/api -> ext:out tcp/443");
    j.denies("shop/api -> ext:apex tcp/443");
  }

  /**
   * layer7.rst "DNS Proxy": the interception "is, itself, a separate policy rule governing DNS requests, and must
   * be specified separately": an L4-only allow of DNS lets the query through but teaches the agent no address.
   */
  @Test
  void toFqdnsNeedsADnsRuleNotJustPort53() {
    FlowJudge j = judge(cnp("""
        endpointSelector: {matchLabels: {app: api}}
        egress:
        - toEndpoints: [{matchLabels: {"k8s:io.kubernetes.pod.namespace": kube-system, "k8s:k8s-app": kube-dns}}]
          toPorts: [{ports: [{port: "53", protocol: ANY}]}]
        - toFQDNs: [{matchName: api.example.com}]"""));
    j.allows("shop/api -> kube-system/coredns udp/53 dns api.example.com");
    j.denies("shop/api -> ext:out tcp/443");
    judge(fqdnPolicy("*", "matchName: api.example.com")).allows("shop/api -> ext:out tcp/443");
  }

  /** layer7.rst "DNS Policy and IP Discovery": a query the DNS rule does not allow is refused, so nothing is learnt. */
  @Test
  void toFqdnsIsDeniedWhenTheDnsRuleRefusesTheQuery() {
    judge(fqdnPolicy("*.other.com", "matchName: api.example.com")).denies("shop/api -> ext:out tcp/443");
    judge(fqdnPolicy("*.example.com", "matchName: api.example.com")).allows("shop/api -> ext:out tcp/443");
  }

  /**
   * layer7.rst "DNS Proxy": "Only IPs in intercepted DNS responses to an application will be allowed": a query the
   * DNS server's own ingress refuses is never answered.
   */
  @Test
  void toFqdnsIsDeniedWhenTheDnsServerRefusesTheQuery() {
    String policy = fqdnPolicy("*", "matchName: api.example.com");
    String onlyOther = cnp("kube-system", "dns", """
        endpointSelector: {matchLabels: {k8s-app: kube-dns}}
        ingress: [{fromEndpoints: [{matchLabels: {"k8s:io.kubernetes.pod.namespace": other}}]}]""");
    judge(policy, onlyOther).denies("shop/api -> ext:out tcp/443");
    String onlyShop = cnp("kube-system", "dns", """
        endpointSelector: {matchLabels: {k8s-app: kube-dns}}
        ingress: [{fromEndpoints: [{matchLabels: {"k8s:io.kubernetes.pod.namespace": shop}}]}]""");
    judge(policy, onlyShop).allows("shop/api -> ext:out tcp/443");
  }

  /**
   * layer3.rst "DNS based": the example sends DNS "to the DNS service"; a cluster that states its DNS server (an
   * external resolver here) learns names from queries to it, and no longer from kube-dns.
   */
  @Test
  void toFqdnsLearnsFromTheStatedDnsServer() {
    Cluster stated = base().dnsServer(Endpoint.of(RESOLVER)).build();
    judge(stated, cnp("""
        endpointSelector: {matchLabels: {app: api}}
        egress:
        - toCIDR: [198.51.100.53/32]
          toPorts: [{ports: [{port: "53", protocol: ANY}], rules: {dns: [{matchPattern: "*"}]}}]
        - toFQDNs: [{matchName: api.example.com}]""")).allows("shop/api -> ext:out tcp/443");
    judge(stated, fqdnPolicy("*", "matchName: api.example.com")).denies("shop/api -> ext:out tcp/443");
  }

  /**
   * layer3.rst "DNS based": {@code matchName} "exactly"; in {@code matchPattern}, "{@code *} within a domain allows 0
   * or more valid DNS characters, except for the . separator. {@code *.cilium.io} will match sub.cilium.io but not
   * cilium.io or sub.sub.cilium.io" (cilium/cilium {@code pkg/fqdn/matchpattern/matchpattern.go}).
   */
  @Test
  void matchNameIsExactAndAPatternStarIsOneLabel() {
    FlowJudge pattern = judge(fqdnPolicy("*", "matchPattern: \"*.example.com\""));
    pattern.allows("shop/api -> ext:out tcp/443");
    pattern.denies("shop/api -> ext:deep tcp/443");
    pattern.denies("shop/api -> ext:apex tcp/443");
    FlowJudge name = judge(fqdnPolicy("*", "matchName: example.com"));
    name.allows("shop/api -> ext:apex tcp/443");
    name.denies("shop/api -> ext:out tcp/443");
  }

  /**
   * layer3.rst "DNS based": the IP information "is collected from all DNS responses seen by Cilium on the node";
   * layer7.rst "DNS Proxy": "For a given domain name, IPs from responses to all pods managed by a Cilium instance
   * are allowed by policy". So shop/api, whose own DNS is allowed at L4 only, reaches api.example.com on Cilium
   * only while some other pod of its node (shop/web) happens to look the name up through the proxy. The evaluator
   * takes the reading a policy can rely on, the pod's own query (docs/targets.md, "How the Cilium evaluator reads
   * the objects"): another pod's lookups come and go, so the flow is denied.
   */
  @Test
  void toFqdnsCountsOnlyThePodsOwnQueriesNotThoseOfItsNeighbours() {
    String visibility = cnp("shop", "visibility", "endpointSelector: {matchLabels: {app: web}}\negress:\n"
        + DNS_TO_KUBE_DNS.formatted("*"));
    String l4Dns = cnp("""
        endpointSelector: {matchLabels: {app: api}}
        egress:
        - toEndpoints: [{matchLabels: {"k8s:io.kubernetes.pod.namespace": kube-system, "k8s:k8s-app": kube-dns}}]
          toPorts: [{ports: [{port: "53", protocol: ANY}]}]
        - toFQDNs: [{matchName: api.example.com}]""");
    FlowJudge j = judge(visibility, l4Dns);
    j.allows("shop/web -> kube-system/coredns udp/53 dns api.example.com");
    j.denies("shop/api -> ext:out tcp/443");
  }

  // ---- toServices ----

  /**
   * layer3.rst "Services based": "This feature uses the discovered services' label selector as an endpoint selector
   * within the policy."
   */
  @Test
  void toServicesSelectsThePodsBehindAServiceWithASelector() {
    FlowJudge j = judge(cnp("""
        endpointSelector: {matchLabels: {app: web}}
        egress: [{toServices: [{k8sService: {serviceName: api-svc, namespace: shop}}]}]"""));
    j.allows("shop/web -> shop/api tcp/8080");
    j.allows("shop/web -> ip:10.96.0.10 tcp/8080");
    j.denies("shop/web -> shop/db tcp/5432");
  }

  // ---- ports ----

  private static FlowJudge portRule(String ports) {
    return judge(cnp("endpointSelector: {matchLabels: {app: api}}\n"
        + "ingress: [{fromEndpoints: [{matchLabels: {app: web}}], toPorts: [{ports: [" + ports + "]}]}]"));
  }

  /** layer4.rst: a port number and a protocol. */
  @Test
  void aPortNumberMatchesThatPortAndProtocol() {
    FlowJudge j = portRule("{port: \"8080\", protocol: TCP}");
    j.allows("shop/web -> shop/api tcp/8080");
    j.denies("shop/web -> shop/api tcp/8081");
    j.denies("shop/web -> shop/api udp/8080");
  }

  /** layer4.rst "Example Port Ranges" (l4_port_range.yaml): {@code endPort} ends an inclusive range. */
  @Test
  void anEndPortMakesARange() {
    FlowJudge j = portRule("{port: \"8000\", endPort: 8100, protocol: TCP}");
    j.allows("shop/web -> shop/api tcp/8000");
    j.allows("shop/web -> shop/api tcp/8100");
    j.denies("shop/web -> shop/api tcp/8101");
  }

  /**
   * cilium/cilium {@code pkg/policy/api/l4.go} {@code PortProtocolAny = "0/ANY"} and rule_validation.go
   * ({@code isZero}): port 0 is every port of its protocol.
   */
  @Test
  void portZeroIsEveryPort() {
    FlowJudge j = portRule("{port: \"0\", protocol: TCP}");
    j.allows("shop/web -> shop/api tcp/8080");
    j.allows("shop/web -> shop/api tcp/1");
    j.denies("shop/web -> shop/api udp/53");
  }

  /** layer4.rst, PortProtocol: "Protocol is the L4 protocol. If omitted or empty, any protocol matches." */
  @Test
  void anAbsentProtocolIsAny() {
    FlowJudge j = portRule("{port: \"5353\"}");
    j.allows("shop/web -> shop/api tcp/5353");
    j.allows("shop/web -> shop/api udp/5353");
    j.allows("shop/web -> shop/api sctp/5353");
    j.denies("shop/web -> shop/api tcp/5354");
  }

  /**
   * cilium/cilium#12567: "When a named port is used in an ingress policy, it can be translated by using the PODs own
   * NamedPortMap": shop/api's {@code http} is 8080, shop/db has no port of that name.
   */
  @Test
  void anIngressNamedPortIsResolvedOnThePod() {
    FlowJudge j = judge(cnp("""
        endpointSelector: {}
        ingress: [{fromEndpoints: [{matchLabels: {app: web}}], toPorts: [{ports: [{port: http, protocol: TCP}]}]}]"""));
    j.allows("shop/web -> shop/api tcp/8080");
    j.denies("shop/web -> shop/api tcp/9090");
    j.denies("shop/web -> shop/db tcp/8080");
  }

  /**
   * cilium/cilium#12567: on egress "the named port can be o[nly translated with] ... NamedPortMultiMap ... a
   * collection of named ports across all the PODs in the cluster"; per destination only from cilium/cilium#44429
   * (2026, after 1.18). A name with one number cluster-wide allows that number to every selected destination, one
   * without the name included.
   */
  @Test
  void anEgressNamedPortIsResolvedOnTheClusterWideMap() {
    FlowJudge j = judge(cnp("""
        endpointSelector: {matchLabels: {app: web}}
        egress: [{toEndpoints: [{}], toPorts: [{ports: [{port: http, protocol: TCP}]}]}]"""));
    j.allows("shop/web -> shop/api tcp/8080");
    j.allows("shop/web -> shop/db tcp/8080");
    j.denies("shop/web -> shop/api tcp/9090");
  }

  /**
   * cilium/cilium#12567: "For egress the policy rule using the conflicting port is now ignored" (the bug report
   * cilium/cilium#30003: pods giving one name two numbers); "these collisions will not affect ingress policies".
   */
  @Test
  void anEgressNamedPortNumberedTwiceMatchesNothing() {
    Cluster twice = base()
        .pod(new Pod("db2", "shop", Map.of("app", "db"), ip("10.1.0.13"), "default", "n2",
            List.of(PortSpec.named("http", 8081, TCP))))
        .build();
    FlowJudge egress = judge(twice, cnp("""
        endpointSelector: {matchLabels: {app: web}}
        egress: [{toEndpoints: [{}], toPorts: [{ports: [{port: http, protocol: TCP}]}]}]"""));
    egress.denies("shop/web -> shop/api tcp/8080");
    egress.denies("shop/web -> shop/db2 tcp/8081");
    FlowJudge ingress = judge(twice, cnp("""
        endpointSelector: {matchLabels: {app: api}}
        ingress: [{toPorts: [{ports: [{port: http, protocol: TCP}]}]}]"""));
    ingress.allows("shop/web -> shop/api tcp/8080");
  }

  // ---- ICMP ----

  /**
   * layer4.rst "Limit ICMP/ICMPv6 types": an ICMPField is a family ({@code IPv4} by default) and a type, no code;
   * example icmp.yaml.
   */
  @Test
  void icmpMatchesFamilyAndTypeAndIgnoresTheCode() {
    FlowJudge j = judge(cnp("""
        endpointSelector: {matchLabels: {app: api}}
        ingress:
        - fromEndpoints: [{matchLabels: {app: web}}]
          icmps: [{fields: [{type: 8}, {family: IPv6, type: 128}]}]"""));
    j.allows("shop/web -> shop/api icmp type 8");
    j.allows("shop/web -> shop/api icmp type 8 code 3");
    j.denies("shop/web -> shop/api icmp type 0");
    j.denies("shop/web -> shop/api icmpv6 type 8");
    j.allows("shop/web -> shop/api icmpv6 type 128");
    j.denies("shop/web -> shop/api tcp/8080");
  }

  // ---- HTTP ----

  private static FlowJudge http(String... rules) {
    return judge(cnp("""
        endpointSelector: {matchLabels: {app: api}}
        ingress:
        - fromEndpoints: [{matchLabels: {app: web}}]
          toPorts: [{ports: [{port: "80", protocol: TCP}], rules: {http: [%s]}}]"""
        .formatted(String.join(", ", rules))));
  }

  /**
   * layer7.rst "HTTP": path, method and host are regexes; network_policy.cc: Envoy header matchers, whose
   * {@code safe_regex} is RE2 {@code FullMatch} (envoyproxy/envoy {@code source/common/common/regex.h}): the whole
   * value must match.
   */
  @Test
  void methodPathAndHostAreFullRegexMatches() {
    FlowJudge j = http("{method: GET, path: \"/api/v[12]/orders\", host: 'shop\\.example\\.com'}");
    j.allows("shop/web -> shop/api tcp/80 GET /api/v1/orders host shop.example.com");
    j.denies("shop/web -> shop/api tcp/80 POST /api/v1/orders host shop.example.com");
    j.denies("shop/web -> shop/api tcp/80 GETS /api/v1/orders host shop.example.com");
    j.denies("shop/web -> shop/api tcp/80 GET /api/v1/orders/1 host shop.example.com");
    j.denies("shop/web -> shop/api tcp/80 GET /x/api/v1/orders host shop.example.com");
    j.denies("shop/web -> shop/api tcp/80 GET /api/v1/orders host www.shop.example.com");
    j.denies("shop/web -> shop/api tcp/80 GET /api/v1/orders");
  }

  /**
   * The agent sets {@code normalize_path}, {@code merge_slashes} and {@code UNESCAPE_AND_REDIRECT} on its listener
   * (cilium/cilium {@code pkg/envoy/xds_server.go}, flag {@code http-normalize-path}, default true), and Envoy
   * normalises {@code :path} before any filter (envoyproxy/envoy {@code source/common/http/conn_manager_utility.cc}
   * {@code maybeNormalizePath}, v1.34.14 3b1e52dadbbee013dc674d30906f6bc63c3dee38; see {@link EnvoyPathsTest}).
   */
  @Test
  void thePathIsMatchedAfterEnvoysNormalisation() {
    FlowJudge j = http("{path: \"/public/[a-z]+\"}");
    j.allows("shop/web -> shop/api tcp/80 GET /public/a");
    j.allows("shop/web -> shop/api tcp/80 GET /public//a");
    j.allows("shop/web -> shop/api tcp/80 GET /public/x/../a");
    j.allows("shop/web -> shop/api tcp/80 GET /public/%2E/a");
    j.allows("shop/web -> shop/api tcp/80 GET /public\\a");
    j.allows("shop/web -> shop/api tcp/80 GET /public%2Fa");
    j.allows("shop/web -> shop/api tcp/80 GET /public/%61");
    j.denies("shop/web -> shop/api tcp/80 GET /public/../admin");
    j.denies("shop/web -> shop/api tcp/80 GET /public/%2e%2e/admin");
    j.denies("shop/web -> shop/api tcp/80 GET /public/a%00");
  }

  /**
   * network_policy.cc matches {@code :path}, which holds the query (envoyproxy/envoy
   * {@code source/common/http/path_utility.cc} {@code canonicalPath} appends the query to the normalised path), so a
   * path regex must allow it: {@code (\?.*)?}.
   */
  @Test
  void thePathIsMatchedWithItsQuery() {
    FlowJudge bare = http("{path: \"/search\"}");
    bare.allows("shop/web -> shop/api tcp/80 GET /search");
    bare.denies("shop/web -> shop/api tcp/80 GET /search?q=1");
    http("{path: '/search(\\?.*)?'}").allows("shop/web -> shop/api tcp/80 GET /search?q=1");
  }

  /** network_policy.cc matches {@code :authority} as the client sent it, its port included. */
  @Test
  void theHostIsMatchedWithItsPort() {
    FlowJudge bare = http("{host: 'shop\\.example\\.com'}");
    bare.allows("shop/web -> shop/api tcp/80 GET / host shop.example.com");
    bare.denies("shop/web -> shop/api tcp/80 GET / host shop.example.com:80");
    http("{host: 'shop\\.example\\.com(:[0-9]+)?'}")
        .allows("shop/web -> shop/api tcp/80 GET / host shop.example.com:80");
  }

  /**
   * layer7.rst "Headers is a list of HTTP headers which must be present in the request"; cilium/cilium
   * {@code pkg/envoy/xds_server.go} {@code getHTTPRule}: {@code "Name value"} splits at the first space into an
   * exact match of the value, a bare name is a presence match.
   */
  @Test
  void aHeaderIsPresentOrEqual() {
    FlowJudge present = http("{headers: [X-Token]}");
    present.allows("shop/web -> shop/api tcp/80 GET / header X-Token=abc");
    present.denies("shop/web -> shop/api tcp/80 GET /");
    FlowJudge equal = http("{headers: [\"X-Env prod\"]}");
    equal.allows("shop/web -> shop/api tcp/80 GET / header x-env=prod");
    equal.denies("shop/web -> shop/api tcp/80 GET / header x-env=dev");
  }

  /**
   * layer7.rst: "A layer 7 request is permitted if at least one of the rules matches"; a connection on a port with
   * L7 rules goes to the proxy, which forwards only requests it allows: a bare connection is no request.
   */
  @Test
  void aBareConnectionOnAnL7PortIsRefused() {
    FlowJudge j = http("{method: GET}");
    assertThat(j.denies("shop/web -> shop/api tcp/80").ingress().reason()).isEqualTo(Reason.REFUSED_AT_L7);
    j.allows("shop/web -> shop/api tcp/80 GET /anything");
  }

  /**
   * layer7.rst: "If a layer 4 rule is specified in the policy, and a similar layer 4 rule with layer 7 rules is also
   * specified, then the layer 7 portions of the latter rule will have no effect."
   */
  @Test
  void anL4OnlyAllowOfTheSamePeerAndPortAllowsEveryRequest() {
    String rules = """
        endpointSelector: {matchLabels: {app: api}}
        ingress:
        - fromEndpoints: [{matchLabels: {app: web}}]
          toPorts: [{ports: [{port: "80", protocol: TCP}], rules: {http: [{method: GET, path: /public}]}}]
        """;
    FlowJudge l7Only = judge(cnp(rules));
    l7Only.denies("shop/web -> shop/api tcp/80 POST /admin");
    FlowJudge both = judge(cnp(rules + """
        - fromEndpoints: [{matchLabels: {app: web}}]
          toPorts: [{ports: [{port: "80", protocol: TCP}]}]"""));
    both.allows("shop/web -> shop/api tcp/80 POST /admin");
    both.allows("shop/web -> shop/api tcp/80");
  }

  // ---- Kafka and DNS rules ----

  /** layer7.rst "Kafka (beta)": role, topic and client id, each absent meaning any. */
  @Test
  void kafkaMatchesRoleTopicAndClientId() {
    FlowJudge j = judge(cnp("""
        endpointSelector: {matchLabels: {app: api}}
        ingress:
        - fromEndpoints: [{matchLabels: {app: web}}]
          toPorts:
          - ports: [{port: "9092", protocol: TCP}]
            rules: {kafka: [{role: produce, topic: orders, clientID: shop-web}, {role: consume}]}"""));
    j.allows("shop/web -> shop/api tcp/9092 kafka produce orders client shop-web");
    j.denies("shop/web -> shop/api tcp/9092 kafka produce payments client shop-web");
    j.denies("shop/web -> shop/api tcp/9092 kafka produce orders client other");
    j.denies("shop/web -> shop/api tcp/9092 kafka produce orders");
    j.allows("shop/web -> shop/api tcp/9092 kafka consume payments");
  }

  /**
   * layer7.rst "DNS Policy and IP Discovery": {@code matchName} exactly, {@code matchPattern} with {@code *} within
   * one label; a refused query gets REFUSED; "the presence of a Layer 7 rule ... will block other traffic".
   */
  @Test
  void dnsRulesMatchTheQueryOnEgress() {
    FlowJudge j = judge(cnp("""
        endpointSelector: {matchLabels: {app: api}}
        egress:
        - toEndpoints: [{matchLabels: {"k8s:io.kubernetes.pod.namespace": kube-system}}]
          toPorts:
          - ports: [{port: "53", protocol: ANY}]
            rules: {dns: [{matchName: shop.example.com}, {matchPattern: "*.svc.cluster.local"}]}"""));
    j.allows("shop/api -> kube-system/coredns udp/53 dns shop.example.com");
    j.allows("shop/api -> kube-system/coredns tcp/53 dns api.svc.cluster.local");
    j.denies("shop/api -> kube-system/coredns udp/53 dns www.shop.example.com");
    j.denies("shop/api -> kube-system/coredns udp/53 dns a.b.svc.cluster.local");
    assertThat(j.denies("shop/api -> kube-system/coredns udp/53").egress().reason()).isEqualTo(Reason.REFUSED_AT_L7);
  }

  // ---- rule 7 ----

  /**
   * layer3.rst "Access to/from local host": "Kubernetes will automatically allow all communication from the local
   * host of all local endpoints" (agent option {@code allow-localhost}); cilium/cilium {@code pkg/policy/mapstate.go}
   * {@code determineAllowLocalhostIngress}. A remote node is not the local host.
   */
  @Test
  void theLocalNodeReachesItsPodDespiteDefaultDeny() {
    FlowJudge j = judge(cnp("endpointSelector: {matchLabels: {app: api}}\ningress: [{}]"));
    assertThat(j.allows("node:n1 -> shop/api tcp/8080").ingress().reason()).isEqualTo(Reason.NODE_LOCAL);
    j.denies("node:n2 -> shop/api tcp/8080");
  }

  /**
   * mapstate.go {@code determineAllowLocalhostIngress} inserts the host's allow with {@code denyPreferredInsert}: a
   * deny entry of the host identity stays. Another pod of the node is still reached from it.
   */
  @Test
  void anIngressDenyOfTheHostStopsTheLocalNode() {
    FlowJudge j = judge(cnp("""
        endpointSelector: {matchLabels: {app: api}}
        ingress: [{}]
        ingressDeny: [{fromEntities: [host]}]"""));
    assertThat(j.denies("node:n1 -> shop/api tcp/8080").ingress().reason()).isEqualTo(Reason.DENIED_BY_RULE);
    j.allows("node:n1 -> shop/web tcp/8080");
  }

  /**
   * kubernetes.io/docs/concepts/services-networking/network-policies: "a pod cannot block access to itself"; a
   * connection to the pod's own address stays in its network namespace, where no BPF program of Cilium runs.
   */
  @Test
  void aPodReachesItselfWhateverItsPolicy() {
    FlowJudge j = judge(cnp("""
        endpointSelector: {matchLabels: {app: api}}
        ingress: [{}]
        ingressDeny: [{fromEndpoints: [{}]}]
        egressDeny: [{toEndpoints: [{}]}]"""));
    Verdict self = j.allows("shop/api -> shop/api tcp/8080");
    assertThat(self.egress().reason()).isEqualTo(Reason.NODE_LOCAL);
    assertThat(self.ingress().reason()).isEqualTo(Reason.NODE_LOCAL);
    j.denies("shop/web -> shop/api tcp/8080");
  }

  // ---- Service addresses ----

  /**
   * layer4.rst: "Layer 4 policies apply to ports after service port mapping has been applied": the load balancer
   * (bpf_lxc) picks a backend before policy; the evaluator judges toward the first backend pod.
   */
  @Test
  void aFlowToAServiceAddressIsJudgedTowardItsBackend() {
    FlowJudge j = judge(cnp("""
        endpointSelector: {matchLabels: {app: api}}
        ingress:
        - fromEndpoints: [{matchLabels: {app: web}}]
          toPorts: [{ports: [{port: "8080", protocol: TCP}]}]"""));
    assertThat(j.allows("shop/web -> ip:10.96.0.10 tcp/8080").ingress().reason()).isEqualTo(Reason.ALLOWED_BY_RULE);
    Verdict denied = j.denies("shop/db -> ip:10.96.0.10 tcp/8080");
    assertThat(denied.ingress().isolatedBy()).extracting(Verdict.PolicyRef::qualifiedName).containsExactly("shop/p");
  }

  // ---- fields the evaluator cannot judge ----

  static Stream<Arguments> notJudged() {
    return Stream.of(
        Arguments.of(ccnp("host", "nodeSelector: {}\ningress: [{fromEntities: [world]}]"),
            "spec: a host policy (nodeSelector)"),
        Arguments.of(cnp("endpointSelector: {}\negress: [{toGroups: [{aws: {securityGroupsIds: [sg-1]}}]}]"),
            "spec.egress[0]: toGroups is not judged"),
        Arguments.of(cnp("endpointSelector: {}\ningress: [{fromNodes: [{matchLabels: {role: edge}}]}]"),
            "spec.ingress[0]: fromNodes is not judged"),
        Arguments.of(cnp("endpointSelector: {}\ningress: [{fromRequires: [{matchLabels: {env: prod}}]}]"),
            "spec.ingress[0]: fromRequires is not judged"),
        Arguments.of(cnp("endpointSelector: {}\ningress: [{fromEndpoints: [{}], authentication: {mode: required}}]"),
            "spec.ingress[0]: authentication is not judged"),
        Arguments.of(cnp("""
            endpointSelector: {}
            ingress:
            - toPorts:
              - ports: [{port: "80", protocol: TCP}]
                rules: {http: [{headerMatches: [{name: x-token, value: abc}]}]}"""),
            "spec.ingress[0].toPorts[0].rules.http[0]: headerMatches is not judged"),
        Arguments.of(cnp("""
            endpointSelector: {}
            egress:
            - toEntities: [world]
              toPorts: [{ports: [{port: "443", protocol: TCP}], terminatingTLS: {secret: {name: s}}}]"""),
            "spec.egress[0].toPorts[0]: terminatingTLS is not judged"),
        Arguments.of(cnp("""
            endpointSelector: {}
            egress:
            - toEntities: [world]
              toPorts: [{ports: [{port: "6379", protocol: TCP}], rules: {l7proto: r2d2, l7: [{cmd: READ}]}}]"""),
            "spec.egress[0].toPorts[0].rules: only http, kafka and dns rules are judged"),
        Arguments.of(cnp("endpointSelector: {}\negress: [{toCIDRSet: [{cidrGroupRef: partners}]}]"),
            "spec.egress[0].toCIDRSet[0]: a CIDR group reference is not judged"),
        Arguments.of(cnp("""
            endpointSelector: {}
            egress:
            - toServices:
              - k8sServiceSelector: {selector: {matchExpressions: [{key: app, operator: In, values: [api]}]}}"""),
            "spec.egress[0].toServices[0]: a Service selector with matchExpressions is not judged"),
        Arguments.of("apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: {name: p, namespace: shop}\n"
                + "specs:\n- {endpointSelector: {}, ingress: [{}]}\n"
                + "- {endpointSelector: {}, egress: [{toGroups: [{aws: {region: eu-west-1}}]}]}\n",
            "specs[1].egress[0]: toGroups is not judged"));
  }

  /**
   * The evaluator's own contract (CiliumEvaluator's Javadoc): a field it cannot judge on the cluster model is an
   * {@link IllegalArgumentException} naming the place, not a verdict that would pretend. Each object here is one the
   * agent accepts ({@link AgentRefusals} finds nothing), so the exception is the reader's, not a refusal.
   */
  @ParameterizedTest
  @MethodSource("notJudged")
  void aFieldTheEvaluatorCannotJudgeIsRefusedWithItsPlace(String yaml, String message) {
    assertThat(AgentRefusals.refusal(RefusedObjects.tree(yaml))).isEmpty();
    assertThatThrownBy(() -> judge(yaml)).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(message);
  }

  // ---- refused objects, end to end ----

  /**
   * What each refused object would isolate were it accepted: its valid rule ({@link RefusedObjects#ISOLATING}) alone
   * denies both flows, in a CiliumNetworkPolicy and in a CiliumClusterwideNetworkPolicy. The premise of the test
   * below.
   */
  @ParameterizedTest
  @EnumSource(RefusedObjects.Kind.class)
  void theValidRuleOfARefusedObjectIsolatesOnItsOwn(RefusedObjects.Kind kind) {
    FlowJudge j = judge(RefusedObjects.isolatingOnly(kind));
    assertThat(j.denies(RefusedObjects.INGRESS_FLOW).ingress().reason()).isEqualTo(Reason.NO_RULE_MATCHED);
    assertThat(j.denies(RefusedObjects.EGRESS_FLOW).egress().reason()).isEqualTo(Reason.NO_RULE_MATCHED);
  }

  /**
   * The agent drops a refused object whole: the policy watcher logs "Unable to add CiliumNetworkPolicy" and returns
   * before {@code UpdatePolicy} (cilium/cilium {@code pkg/policy/k8s/cilium_network_policy.go}
   * {@code upsertCiliumNetworkPolicyV2}), so the isolation of its valid rule is lost (both flows pass, neither side
   * isolated) and every verdict about a pod it would select names it and the rule that refused it.
   */
  @ParameterizedTest
  @EnumSource(value = RefusedObjects.class, mode = EnumSource.Mode.EXCLUDE, names = "NEITHER_SPEC_NOR_SPECS")
  void aRefusedObjectIsDroppedWholeAndNamedInTheReason(RefusedObjects object) {
    FlowJudge j = judge(object.yaml());
    String note = object.qualifiedName() + " is refused by the agent and enforces nothing (" + object.refusal + ")";
    Verdict in = j.allows(RefusedObjects.INGRESS_FLOW);
    assertThat(in.ingress().reason()).isEqualTo(Reason.NOT_ISOLATED);
    assertThat(in.reason()).contains(note);
    Verdict out = j.allows(RefusedObjects.EGRESS_FLOW);
    assertThat(out.egress().reason()).isEqualTo(Reason.NOT_ISOLATED);
    assertThat(out.reason()).contains(note);
  }

  /**
   * cnp_types.go:187 (cilium/cilium v1.18.0-pre.3): an object with neither spec nor specs is refused, but it has no
   * rule, so it would isolate nothing and select no pod: no verdict names it.
   */
  @Test
  void aRefusedObjectWithoutRulesSelectsNoPod() {
    assertThat(AgentRefusals.refusal(RefusedObjects.NEITHER_SPEC_NOR_SPECS.tree())).isPresent();
    Verdict v = judge(RefusedObjects.NEITHER_SPEC_NOR_SPECS.yaml()).allows(RefusedObjects.INGRESS_FLOW);
    assertThat(v.notes()).isEmpty();
  }
}

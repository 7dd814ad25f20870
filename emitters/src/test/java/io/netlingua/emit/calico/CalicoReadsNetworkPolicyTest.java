package io.netlingua.emit.calico;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IPBlockBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPortBuilder;
import io.netlingua.emit.EmittedDocument;
import io.netlingua.emit.kubernetes.KubernetesEvaluator;
import io.netlingua.eval.Cluster;
import io.netlingua.eval.Flow;
import io.netlingua.eval.FlowProtocol;
import io.netlingua.eval.FlowSyntax;
import io.netlingua.eval.IpAddress;
import io.netlingua.eval.PortSpec;
import io.netlingua.eval.Pod;
import io.netlingua.eval.Service;
import io.netlingua.eval.Verdict;
import io.netlingua.eval.Verdict.Reason;
import io.netlingua.model.Action;
import io.netlingua.model.SourceSpan;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Calico reading of Kubernetes NetworkPolicy objects ({@link CalicoEvaluator} on {@code networking.k8s.io/v1}
 * documents) against the Kubernetes reading ({@link KubernetesEvaluator}) of the same objects, built with Fabric8's
 * builders as the Kubernetes emitter writes them: one test per difference docs/targets.md lists under "NetworkPolicy
 * on Calico" (the two verdicts differ as documented, and {@link CalicoReadingDifferences#mayDiffer} holds), and one
 * per translation rule of {@link K8sNetworkPolicies} (the two agree, and the predicate does not hold).
 *
 * <p>Sources (projectcalico/calico at v3.32.1 unless said otherwise): {@code conversion.go}: {@code
 * libcalico-go/lib/backend/k8s/conversion/conversion.go} ({@code K8sNetworkPolicyToCalico}, {@code
 * k8sSelectorToCalico}, {@code k8sRuleToCalico}, {@code k8sPortToCalicoFields}, {@code k8sPeerToCalicoFields},
 * {@code k8sPortToCalico}); {@code np processor}: {@code libcalico-go/lib/backend/syncersv1/updateprocessors/
 * networkpolicyprocessor.go}; {@code rules.go}: the same directory's {@code rules.go} ({@code getEndpointSelector});
 * {@code static.go}: {@code felix/rules/static.go}; {@code policy.go}: {@code felix/rules/policy.go}; {@code
 * config_params.go}: {@code felix/config/config_params.go}; {@code calico.yaml}: {@code manifests/calico.yaml}.
 *
 * <p>The cluster: namespaces shop (team=blue) and other (team=red); pods shop/api (app=api, n1, 10.1.0.10, named
 * port http 8080), shop/web (app=web, n1, 10.1.0.11), shop/db (app=db, n2, 10.1.0.12), other/client (app=web, n2,
 * 10.1.1.10), other/api (app=api, n2, 10.1.1.11, http 9000); nodes n1 (10.0.0.1), n2 (10.0.0.2); external out
 * (203.0.113.7); Service shop/api-svc (app=api, 10.96.0.10, tcp/8080).
 */
class CalicoReadsNetworkPolicyTest {
  private static final FlowProtocol TCP = FlowProtocol.TCP;

  private static final Cluster CLUSTER = Cluster.builder()
      .namespace("shop", Map.of("team", "blue"))
      .namespace("other", Map.of("team", "red"))
      .pod(new Pod("api", "shop", Map.of("app", "api"), ip("10.1.0.10"), "api-sa", "n1",
          List.of(PortSpec.named("http", 8080, TCP))))
      .pod(new Pod("web", "shop", Map.of("app", "web"), ip("10.1.0.11"), "web-sa", "n1", List.of()))
      .pod(new Pod("db", "shop", Map.of("app", "db"), ip("10.1.0.12"), "default", "n2", List.of()))
      .pod(new Pod("client", "other", Map.of("app", "web"), ip("10.1.1.10"), "default", "n2", List.of()))
      .pod(new Pod("api", "other", Map.of("app", "api"), ip("10.1.1.11"), "default", "n2",
          List.of(PortSpec.named("http", 9000, TCP))))
      .node("n1", "10.0.0.1")
      .node("n2", "10.0.0.2")
      .external("out", "203.0.113.7", null)
      .service(new Service("api-svc", "shop", Map.of("app", "api"), Optional.of(ip("10.96.0.10")),
          List.of(PortSpec.of(8080, TCP))))
      .build();

  private static IpAddress ip(String text) {
    return IpAddress.parse(text);
  }

  // ---- NetworkPolicy objects, as the Kubernetes emitter writes them ----

  private static LabelSelector labels(Map<String, String> labels) {
    return new LabelSelectorBuilder().withMatchLabels(labels).build();
  }

  /** A NetworkPolicy with policyTypes, annotated with its source place {@code test.npl:7}. */
  private static NetworkPolicy np(
      String namespace, String name, LabelSelector pods, List<String> types, List<NetworkPolicyIngressRule> ingress,
      List<NetworkPolicyEgressRule> egress) {
    return new NetworkPolicyBuilder().withApiVersion("networking.k8s.io/v1").withKind("NetworkPolicy")
        .withNewMetadata().withName(name).withNamespace(namespace)
        .addToAnnotations("netlingua.io/source", "test.npl:7").endMetadata()
        .withNewSpec().withPodSelector(pods).withPolicyTypes(types).withIngress(ingress).withEgress(egress)
        .endSpec().build();
  }

  /** An ingress NetworkPolicy {@code api-in} of shop's app=api pods with these rules. */
  private static NetworkPolicy apiIngress(NetworkPolicyIngressRule... rules) {
    return np("shop", "api-in", labels(Map.of("app", "api")), List.of("Ingress"), List.of(rules), null);
  }

  /** An egress NetworkPolicy {@code web-out} of shop's app=web pods with these rules. */
  private static NetworkPolicy webEgress(NetworkPolicyEgressRule... rules) {
    return np("shop", "web-out", labels(Map.of("app", "web")), List.of("Egress"), null, List.of(rules));
  }

  private static NetworkPolicyIngressRule from(List<NetworkPolicyPeer> peers, NetworkPolicyPort... ports) {
    return new NetworkPolicyIngressRuleBuilder().withFrom(peers.isEmpty() ? null : peers)
        .withPorts(ports.length == 0 ? null : List.of(ports)).build();
  }

  private static NetworkPolicyEgressRule to(List<NetworkPolicyPeer> peers, NetworkPolicyPort... ports) {
    return new NetworkPolicyEgressRuleBuilder().withTo(peers.isEmpty() ? null : peers)
        .withPorts(ports.length == 0 ? null : List.of(ports)).build();
  }

  private static NetworkPolicyPeer pods(Map<String, String> pods) {
    return new NetworkPolicyPeerBuilder().withPodSelector(labels(pods)).build();
  }

  private static NetworkPolicyPeer podsIn(LabelSelector pods, LabelSelector namespaces) {
    return new NetworkPolicyPeerBuilder().withPodSelector(pods).withNamespaceSelector(namespaces).build();
  }

  private static NetworkPolicyPeer ipBlock(String cidr, String... except) {
    return new NetworkPolicyPeerBuilder().withIpBlock(new IPBlockBuilder().withCidr(cidr)
        .withExcept(except.length == 0 ? null : List.of(except)).build()).build();
  }

  /** A port: protocol null for the default, port null for every port of the protocol. */
  private static NetworkPolicyPort port(String protocol, Object port, Integer endPort) {
    IntOrString value = port == null ? null : port instanceof Integer i ? new IntOrString(i)
        : new IntOrString((String) port);
    return new NetworkPolicyPortBuilder().withProtocol(protocol).withPort(value).withEndPort(endPort).build();
  }

  private static NetworkPolicyPort tcp(int port) {
    return port("TCP", port, null);
  }

  // ---- the two readings ----

  private static EmittedDocument document(NetworkPolicy np) {
    return new EmittedDocument("networking.k8s.io/v1", "NetworkPolicy",
        Optional.of(np.getMetadata().getNamespace()), np.getMetadata().getName(), np,
        SourceSpan.point("doc.yaml", 1, 1, 0));
  }

  private static List<EmittedDocument> documents(NetworkPolicy... nps) {
    return Stream.of(nps).map(CalicoReadsNetworkPolicyTest::document).toList();
  }

  private static Flow flow(String text) {
    FlowSyntax.Result r = FlowSyntax.parse(text, CLUSTER);
    assertThat(r.error()).as(text).isEmpty();
    return r.flow().orElseThrow();
  }

  /**
   * The verdicts of both readings on one flow, and whether the predicate puts it in a class of differences.
   *
   * @param kubernetes the Kubernetes reading's verdict
   * @param calico the Calico reading's verdict
   * @param mayDiffer {@link CalicoReadingDifferences#mayDiffer}
   */
  private record Readings(Verdict kubernetes, Verdict calico, boolean mayDiffer) {}

  private static Readings read(String flow, NetworkPolicy... nps) {
    List<EmittedDocument> docs = documents(nps);
    Flow f = flow(flow);
    return new Readings(new KubernetesEvaluator().evaluator(docs, CLUSTER).evaluate(f),
        new CalicoEvaluator().evaluator(docs, CLUSTER).evaluate(f), CalicoReadingDifferences.mayDiffer(f, CLUSTER,
            docs));
  }

  /** Both readings allow (or deny) the flow, and it is in no class of differences. */
  private static Readings agree(boolean allowed, String flow, NetworkPolicy... nps) {
    Readings r = read(flow, nps);
    assertThat(r.kubernetes().allowed()).as("kubernetes: " + flow + ": " + r.kubernetes()).isEqualTo(allowed);
    assertThat(r.calico().allowed()).as("calico: " + flow + ": " + r.calico()).isEqualTo(allowed);
    assertThat(r.mayDiffer()).as("mayDiffer: " + flow).isFalse();
    return r;
  }

  /** The readings judge the flow as given, and it is in a class of differences. */
  private static Readings differ(boolean kubernetes, boolean calico, String flow, NetworkPolicy... nps) {
    Readings r = read(flow, nps);
    assertThat(r.kubernetes().allowed()).as("kubernetes: " + flow + ": " + r.kubernetes()).isEqualTo(kubernetes);
    assertThat(r.calico().allowed()).as("calico: " + flow + ": " + r.calico()).isEqualTo(calico);
    assertThat(r.mayDiffer()).as("mayDiffer: " + flow).isTrue();
    return r;
  }

  // ==== differences (docs/targets.md, "NetworkPolicy on Calico") ====

  /**
   * A pod's egress to its own node. Kubernetes: "traffic to and from the node where a Pod is running is always
   * allowed" (the Kubernetes evaluator: node-local). Calico: the workload-to-host chain jumps to the endpoint's egress
   * policy first, then applies DefaultEndpointToHostAction (static.go {@code filterWorkloadToHostChain}: "Now send
   * traffic to the policy chains to apply the egress policy"); Felix's own default is DROP (config_params.go), the
   * manifests and the operator set ACCEPT (calico.yaml "Set Felix endpoint to host default action to ACCEPT"), which
   * the reading takes: the pod's egress policy decides.
   */
  @Test
  void podEgressToItsOwnNodeIsPolicedByItsEgressPolicyOnCalico() {
    NetworkPolicy toDb = webEgress(to(List.of(pods(Map.of("app", "db"))), tcp(5432)));
    Readings r = differ(true, false, "shop/web -> node:n1 tcp/10250", toDb);
    assertThat(r.kubernetes().egress().reason()).isEqualTo(Reason.NODE_LOCAL);
    assertThat(r.calico().egress().reason()).isEqualTo(Reason.NO_RULE_MATCHED);
    // An egress rule naming the node's address lets it through on Calico too (still in the class).
    NetworkPolicy toNodes = webEgress(to(List.of(ipBlock("10.0.0.0/24"))));
    assertThat(differ(true, true, "shop/web -> node:n1 tcp/10250", toNodes).calico().egress().reason())
        .isEqualTo(Reason.ALLOWED_BY_RULE);
    // A pod no policy isolates for egress: the profile allows it on Calico; not in the class.
    agree(true, "shop/api -> node:n1 tcp/10250", toDb);
  }

  /**
   * A flow to a Service's cluster IP. The Kubernetes reading judges the address (no pod: the ingress side is not
   * policed; an egress rule must hold the cluster IP). Calico enforces a workload's policy "after connection
   * tracking and any DNAT" (tigera/docs {@code reference/resources/globalnetworkpolicy.mdx}; kube-proxy's DNAT runs
   * before Felix's filter chains), so the backend pod is judged: its ingress policy, and the source's egress rules
   * against the backend's address and labels ({@code FlowEnds}, as the Calico evaluator reads Service addresses).
   */
  @Test
  void aFlowToAServiceClusterIpIsJudgedAtTheBackendOnCalico() {
    NetworkPolicy fromDb = apiIngress(from(List.of(pods(Map.of("app", "db")))));
    Readings r = differ(true, false, "shop/web -> ip:10.96.0.10 tcp/8080", fromDb);
    assertThat(r.kubernetes().ingress().reason()).isEqualTo(Reason.NOT_A_POD);
    assertThat(r.calico().ingress().reason()).isEqualTo(Reason.NO_RULE_MATCHED);
    NetworkPolicy toServiceRange = webEgress(to(List.of(ipBlock("10.96.0.0/12")), tcp(8080)));
    differ(true, false, "shop/web -> ip:10.96.0.10 tcp/8080", toServiceRange);
    NetworkPolicy toApiPods = webEgress(to(List.of(pods(Map.of("app", "api")))));
    differ(false, true, "shop/web -> ip:10.96.0.10 tcp/8080", toApiPods);
    // The backend named directly: both readings judge the pod alike.
    agree(false, "shop/web -> shop/api tcp/8080", fromDb);
  }

  /**
   * ICMP of the other IP family. Calico renders each rule per family, the packet's family being its protocol's,
   * and a rule whose nets hold no CIDR of that family is not rendered for it (policy.go {@code
   * FilterRuleToIPVersion}); the Kubernetes reading matches the ipBlock against the end's address whatever the
   * protocol. Only a cluster file writes such a flow (ICMPv6 between IPv4 addresses); no packet is one.
   */
  @Test
  void icmpOfTheOtherFamilyMissesAnIpBlockOnCalico() {
    NetworkPolicy fromPods = apiIngress(from(List.of(ipBlock("10.1.0.0/16"))));
    differ(true, false, "shop/web -> shop/api icmpv6 type 128", fromPods);
    agree(true, "shop/web -> shop/api icmp type 8", fromPods);
  }

  /**
   * Label keys Calico sets on workload endpoints: {@code projectcalico.org/namespace}, {@code /orchestrator}, {@code
   * /serviceaccount}, which override a pod label of that key ({@code conversion/workload_endpoint_default.go}), and
   * {@code pcns.*} / {@code pcsa.*} inherited from the namespace and service account profiles; a namespaceSelector's
   * keys are prefixed {@code pcns.} (rules.go), and {@code pcns.projectcalico.org/name} holds the namespace's name
   * ({@code conversion.go} {@code NamespaceToProfile}). A selector naming such a key matches Calico's value on
   * Calico, the pod's (or namespace's) own label on Kubernetes.
   */
  @Test
  void selectorsOnLabelKeysCalicoSetsMatchCalicosValuesOnCalico() {
    NetworkPolicy byNamespaceLabel = apiIngress(from(List.of(podsIn(
        labels(Map.of("projectcalico.org/namespace", "other")), new LabelSelector()))));
    differ(false, true, "other/client -> shop/api tcp/8080", byNamespaceLabel);
    NetworkPolicy byNamespaceName = apiIngress(from(List.of(podsIn(null,
        labels(Map.of("projectcalico.org/name", "other"))))));
    differ(false, true, "other/client -> shop/api tcp/8080", byNamespaceName);
    NetworkPolicy byInheritedLabel = apiIngress(from(List.of(podsIn(labels(Map.of("pcns.team", "red")),
        new LabelSelector()))));
    differ(false, true, "other/client -> shop/api tcp/8080", byInheritedLabel);
  }

  // ==== translation rules where the readings agree ====

  /**
   * conversion.go {@code K8sNetworkPolicyToCalico}: order 1000, tier default, name and namespace as the object's,
   * {@code selector} the orchestrator term and the podSelector, {@code types} from policyTypes, Allow rules.
   */
  @Test
  void theConversionWritesTheCalicoPolicyConversionGoWrites() {
    NetworkPolicy np = np("shop", "api-in", new LabelSelectorBuilder().addToMatchLabels("app", "api")
            .addToMatchLabels("tier", "back").addNewMatchExpression().withKey("env").withOperator("In")
            .withValues("prod", "stage").endMatchExpression().addNewMatchExpression().withKey("debug")
            .withOperator("DoesNotExist").endMatchExpression().build(), List.of("Ingress", "Egress"),
        List.of(from(List.of(pods(Map.of("app", "web")), ipBlock("10.0.0.0/8", "10.1.0.0/16")), tcp(80),
            port("UDP", null, null), port(null, 9000, 9100), port(null, "http", null))),
        List.of(to(List.of())));
    JsonNode tree = K8sNetworkPolicies.toCalico(np, "api-in", "shop");
    JsonNode spec = tree.path("spec");
    assertThat(tree.path("metadata").path("name").asText()).isEqualTo("api-in");
    assertThat(tree.path("metadata").path("namespace").asText()).isEqualTo("shop");
    assertThat(spec.path("order").asDouble()).isEqualTo(1000.0);
    assertThat(spec.path("tier").asText()).isEqualTo("default");
    assertThat(spec.path("selector").asText()).isEqualTo("projectcalico.org/orchestrator == 'k8s' && app == 'api'"
        + " && tier == 'back' && env in { 'prod', 'stage' } && ! has(debug)");
    assertThat(spec.path("types").toString()).isEqualTo("[\"Ingress\",\"Egress\"]");
    // One rule per protocol (TCP, then UDP: text order) and per peer; TCP's ports merged, UDP's every port.
    JsonNode ingress = spec.path("ingress");
    assertThat(ingress).hasSize(4);
    assertThat(ingress.get(0).toString()).isEqualTo("{\"action\":\"Allow\",\"protocol\":\"TCP\",\"source\":"
        + "{\"selector\":\"projectcalico.org/orchestrator == 'k8s' && app == 'web'\"},\"destination\":{\"ports\":"
        + "[80,\"9000:9100\",\"http\"]}}");
    assertThat(ingress.get(1).toString()).isEqualTo("{\"action\":\"Allow\",\"protocol\":\"TCP\",\"source\":"
        + "{\"nets\":[\"10.0.0.0/8\"],\"notNets\":[\"10.1.0.0/16\"]},\"destination\":{\"ports\":"
        + "[80,\"9000:9100\",\"http\"]}}");
    assertThat(ingress.get(2).toString()).isEqualTo("{\"action\":\"Allow\",\"protocol\":\"UDP\",\"source\":"
        + "{\"selector\":\"projectcalico.org/orchestrator == 'k8s' && app == 'web'\"},\"destination\":{}}");
    // No ports and no peers: one rule of every protocol and every peer.
    assertThat(spec.path("egress").toString()).isEqualTo("[{\"action\":\"Allow\",\"destination\":{}}]");
  }

  /**
   * The verdict names the NetworkPolicy as the Kubernetes reading does, {@code namespace/name} (the object the user
   * applied; Felix 3.32 keys it by that name and namespace, kind KubernetesNetworkPolicy), at the place its {@code
   * netlingua.io/source} annotation records.
   */
  @Test
  void theVerdictNamesTheNetworkPolicyAndItsSourcePlace() {
    Readings r = agree(true, "shop/web -> shop/api tcp/8080", apiIngress(from(List.of(pods(Map.of("app", "web"))))));
    Verdict.RuleRef calico = r.calico().ingress().rule().orElseThrow();
    assertThat(calico.policy().qualifiedName()).isEqualTo("shop/api-in");
    assertThat(calico.policy().span().file()).isEqualTo("test.npl");
    assertThat(calico.policy().span().line()).isEqualTo(7);
    assertThat(calico.action()).isEqualTo(Action.ALLOW);
    assertThat(calico.policy()).isEqualTo(r.kubernetes().ingress().rule().orElseThrow().policy());
  }

  /**
   * conversion.go: "We insert all the NetworkPolicy Policies at order 1000.0", in the default tier: a
   * GlobalNetworkPolicy of the default tier at a lower order decides first, one at a higher order after (Felix's
   * PolKVLess, as the Calico evaluator orders GlobalNetworkPolicies).
   */
  @Test
  void theConvertedPolicyStandsAtOrder1000OfTheDefaultTier() {
    NetworkPolicy allowWeb = apiIngress(from(List.of(pods(Map.of("app", "web")))));
    String deny = "selector: app == 'api'\ntypes: [Ingress]\ningress:\n- action: Deny\n  source: {selector: app =="
        + " 'web'}";
    for (int order : new int[] {500, 2000}) {
      List<EmittedDocument> docs = new ArrayList<>(documents(allowWeb));
      docs.add(CalicoEvaluatorTest.document(CalicoEvaluatorTest.gnp("deny-web", "order: " + order + "\n" + deny)));
      Verdict v = new CalicoEvaluator().evaluator(docs, CLUSTER).evaluate(flow("shop/web -> shop/api tcp/8080"));
      assertThat(v.allowed()).as("order " + order).isEqualTo(order > 1000);
      assertThat(v.ingress().rule().orElseThrow().policy().name()).isEqualTo(order > 1000 ? "api-in" : "deny-web");
    }
  }

  /**
   * np processor {@code ConvertNetworkPolicyV3ToV1Value}: "(selector) && projectcalico.org/namespace == 'NS'": the
   * policy selects pods of its namespace only, as a NetworkPolicy does.
   */
  @Test
  void thePolicySelectsPodsOfItsNamespaceOnly() {
    NetworkPolicy fromDb = apiIngress(from(List.of(pods(Map.of("app", "db")))));
    agree(false, "shop/web -> shop/api tcp/8080", fromDb);
    agree(true, "shop/web -> other/api tcp/9000", fromDb);
  }

  /**
   * conversion.go: types from policyTypes ("If no types were specified ... only ingress"), after the API server's
   * defaulting (kubernetes {@code pkg/apis/networking/v1/defaults.go}): an Egress-only policy leaves ingress open; an
   * object without policyTypes and with egress rules isolates both ways.
   */
  @Test
  void policyTypesDecideTheDirections() {
    NetworkPolicy egressOnly = np("shop", "api-out", labels(Map.of("app", "api")), List.of("Egress"), null,
        List.of(to(List.of(pods(Map.of("app", "db"))))));
    agree(true, "shop/web -> shop/api tcp/8080", egressOnly);
    agree(false, "shop/api -> shop/web tcp/8080", egressOnly);
    agree(true, "shop/api -> shop/db tcp/5432", egressOnly);
    NetworkPolicy untyped = np("shop", "api-both", labels(Map.of("app", "api")), null, null,
        List.of(to(List.of(pods(Map.of("app", "db"))))));
    agree(false, "shop/web -> shop/api tcp/8080", untyped);
    agree(false, "shop/api -> shop/web tcp/8080", untyped);
    NetworkPolicy ingressUntyped = np("shop", "api-in", labels(Map.of("app", "api")), null,
        List.of(from(List.of(pods(Map.of("app", "web"))))), null);
    agree(true, "shop/api -> shop/db tcp/5432", ingressUntyped);
    agree(false, "shop/db -> shop/api tcp/8080", ingressUntyped);
  }

  /**
   * conversion.go {@code k8sSelectorToCalico}: matchLabels as {@code ==}, In, NotIn, Exists, DoesNotExist as {@code
   * in}, {@code not in}, {@code has}, {@code ! has}; Calico's {@code not in} and {@code ! has} hold for a pod without
   * the label, as Kubernetes' NotIn and DoesNotExist do.
   */
  @Test
  void selectorExpressionsTranslateTermByTerm() {
    LabelSelector notDb = new LabelSelectorBuilder().addNewMatchExpression().withKey("app").withOperator("NotIn")
        .withValues("db").endMatchExpression().build();
    LabelSelector hasApp = new LabelSelectorBuilder().addNewMatchExpression().withKey("app").withOperator("Exists")
        .endMatchExpression().build();
    LabelSelector noTier = new LabelSelectorBuilder().addNewMatchExpression().withKey("tier")
        .withOperator("DoesNotExist").endMatchExpression().build();
    LabelSelector webOrDb = new LabelSelectorBuilder().addNewMatchExpression().withKey("app").withOperator("In")
        .withValues("web", "db").endMatchExpression().build();
    NetworkPolicy np = np("shop", "x", notDb, List.of("Ingress"),
        List.of(from(List.of(podsIn(webOrDb, null))), from(List.of(podsIn(hasApp, null)), tcp(1)),
            from(List.of(podsIn(noTier, null)), tcp(2))), null);
    agree(true, "shop/web -> shop/api tcp/8080", np);
    agree(false, "other/client -> shop/api tcp/8080", np);
    agree(true, "shop/db -> shop/web tcp/8080", np);
    agree(true, "shop/api -> shop/web tcp/1", np);
    agree(true, "shop/api -> shop/web tcp/2", np);
    agree(false, "shop/api -> shop/web tcp/3", np);
    agree(true, "shop/api -> shop/db tcp/3", np);
  }

  /**
   * conversion.go {@code k8sPeerToCalicoFields} and rules.go {@code getEndpointSelector}: a podSelector alone
   * becomes a selector without namespaceSelector, which "applies only to its own namespace" in a namespaced policy.
   */
  @Test
  void aPodSelectorPeerAloneMeansThePolicysNamespace() {
    NetworkPolicy fromWeb = apiIngress(from(List.of(pods(Map.of("app", "web")))));
    agree(true, "shop/web -> shop/api tcp/8080", fromWeb);
    agree(false, "other/client -> shop/api tcp/8080", fromWeb);
    NetworkPolicy everyPodHere = apiIngress(from(List.of(pods(Map.of()))));
    agree(true, "shop/db -> shop/api tcp/8080", everyPodHere);
    agree(false, "other/client -> shop/api tcp/8080", everyPodHere);
  }

  /**
   * conversion.go {@code k8sSelectorToCalico} ({@code SelectorNamespace}: no terms is {@code all()}) and rules.go
   * (the namespaceSelector's keys prefixed {@code pcns.}, {@code all()} as {@code has(projectcalico.org/namespace)}):
   * both selectors of one peer ANDed; {@code namespaceSelector: {}} alone is every pod of every namespace, never a
   * node or an external address.
   */
  @Test
  void aNamespaceSelectorPeerSelectsPodsOfThoseNamespaces() {
    NetworkPolicy redWeb = apiIngress(from(List.of(podsIn(labels(Map.of("app", "web")),
        labels(Map.of("team", "red"))))));
    agree(true, "other/client -> shop/api tcp/8080", redWeb);
    agree(false, "shop/web -> shop/api tcp/8080", redWeb);
    agree(false, "other/api -> shop/api tcp/8080", redWeb);
    NetworkPolicy everyPod = apiIngress(from(List.of(podsIn(null, new LabelSelector()))));
    agree(true, "other/client -> shop/api tcp/8080", everyPod);
    agree(true, "shop/web -> shop/api tcp/8080", everyPod);
    agree(false, "node:n2 -> shop/api tcp/8080", everyPod);
    agree(false, "ext:out -> shop/api tcp/8080", everyPod);
  }

  /**
   * conversion.go: ipBlock as {@code nets} and {@code notNets}, which Felix matches against every address, pods'
   * and nodes' included (policy.go renders them as plain CIDR matches), as the Kubernetes reading matches an ipBlock.
   */
  @Test
  void anIpBlockMatchesPodAndNodeAddressesOnBothReadings() {
    NetworkPolicy pods = apiIngress(from(List.of(ipBlock("10.1.0.0/16", "10.1.1.0/24"))));
    agree(true, "shop/web -> shop/api tcp/8080", pods);
    agree(false, "other/client -> shop/api tcp/8080", pods);
    agree(false, "ext:out -> shop/api tcp/8080", pods);
    NetworkPolicy nodes = apiIngress(from(List.of(ipBlock("10.0.0.0/24"))));
    agree(true, "node:n2 -> shop/api tcp/8080", nodes);
    agree(false, "shop/web -> shop/api tcp/8080", nodes);
    NetworkPolicy egressToPods = webEgress(to(List.of(ipBlock("10.1.0.12/32")), tcp(5432)));
    agree(true, "shop/web -> shop/db tcp/5432", egressToPods);
    agree(false, "shop/web -> other/client tcp/5432", egressToPods);
  }

  /**
   * static.go: "We don't currently police host -> endpoint according to the endpoint's ingress policy" (and eBPF
   * {@code felix/bpf-gpl/tc.c}), as Kubernetes always allows a node its pods; another node's connection is policed on
   * both, and only an ipBlock can name it.
   */
  @Test
  void theOwnNodeAlwaysReachesItsPodAndOtherNodesArePoliced() {
    NetworkPolicy nothing = apiIngress();
    Readings own = agree(true, "node:n1 -> shop/api tcp/8080", nothing);
    assertThat(own.kubernetes().ingress().reason()).isEqualTo(Reason.NODE_LOCAL);
    assertThat(own.calico().ingress().reason()).isEqualTo(Reason.NODE_LOCAL);
    agree(false, "node:n2 -> shop/api tcp/8080", nothing);
  }

  /**
   * conversion.go {@code k8sRuleToCalico} and {@code k8sPortToCalico}: TCP when a port names no protocol ("TCP is
   * the implicit default"), numbers, {@code port:endPort} ranges, named ports (resolved on the destination endpoint:
   * {@code felix/calc/rule_scanner.go}), and a port without a number as every port of its protocol.
   */
  @Test
  void portsDefaultToTcpAndMatchNumbersRangesNamesAndWholeProtocols() {
    NetworkPolicy ports = apiIngress(from(List.of(), port(null, 8080, null), port("TCP", 9000, 9100),
        port("UDP", null, null)));
    agree(true, "shop/web -> shop/api tcp/8080", ports);
    agree(false, "shop/web -> shop/api sctp/8080", ports);
    agree(false, "shop/web -> shop/api udp/8080", apiIngress(from(List.of(), port(null, 8080, null))));
    agree(true, "shop/web -> shop/api tcp/9050", ports);
    agree(false, "shop/web -> shop/api tcp/9101", ports);
    agree(true, "shop/web -> shop/api udp/53", ports);
    agree(false, "shop/web -> shop/api sctp/53", ports);
    NetworkPolicy named = webEgress(to(List.of(pods(Map.of("app", "api")), ipBlock("10.1.1.0/24")),
        port("TCP", "http", null)));
    agree(true, "shop/web -> shop/api tcp/8080", named);
    agree(false, "shop/web -> shop/api tcp/9000", named);
    agree(true, "shop/web -> other/api tcp/9000", named);
    agree(false, "shop/web -> other/api tcp/8080", named);
    agree(false, "shop/web -> ext:out tcp/8080", named);
  }

  /** conversion.go: protocol SCTP as written ({@code numorstring.ProtocolFromString}); Felix matches it by number. */
  @Test
  void sctpPortsMatchSctp() {
    NetworkPolicy sctp = apiIngress(from(List.of(), port("SCTP", 9, null)));
    agree(true, "shop/web -> shop/api sctp/9", sctp);
    agree(false, "shop/web -> shop/api tcp/9", sctp);
    agree(false, "shop/web -> shop/api icmp type 8", sctp);
  }

  /**
   * conversion.go: a rule without ports is a rule without protocol, which matches ICMP too; a rule with ports has a
   * protocol with ports, which no ICMP packet has. The Kubernetes reading: an ICMP flow matches only a rule without
   * ports ("implementation-defined" in Kubernetes; this is Calico's and the reading's choice alike).
   */
  @Test
  void icmpMatchesOnlyRulesWithoutPorts() {
    agree(true, "shop/web -> shop/api icmp type 8", apiIngress(from(List.of(pods(Map.of("app", "web"))))));
    agree(true, "shop/web -> shop/api icmpv6 type 128", apiIngress(from(List.of(pods(Map.of("app", "web"))))));
    agree(false, "shop/web -> shop/api icmp type 8", apiIngress(from(List.of(pods(Map.of("app", "web"))),
        tcp(8080))));
  }

  /**
   * conversion.go {@code k8sRuleToCalico}: "If there no peers, or no ports, represent that as nil": a rule without
   * {@code from} (or with an empty one) matches every source, pods, nodes and externals alike.
   */
  @Test
  void anEmptyFromMatchesEveryPeer() {
    NetworkPolicy absent = apiIngress(from(List.of(), tcp(8080)));
    NetworkPolicy empty = apiIngress(new NetworkPolicyIngressRuleBuilder().withFrom(new ArrayList<>())
        .withPorts(tcp(8080)).build());
    for (NetworkPolicy np : List.of(absent, empty)) {
      agree(true, "ext:out -> shop/api tcp/8080", np);
      agree(true, "node:n2 -> shop/api tcp/8080", np);
      agree(true, "other/client -> shop/api tcp/8080", np);
      agree(false, "other/client -> shop/api tcp/8081", np);
    }
    // An ingress rule of nothing at all: everything.
    agree(true, "ext:out -> shop/api udp/53", apiIngress(from(List.of())));
  }

  /**
   * A pod that no policy selects: no tier applies, and the namespace's profile allows ({@code conversion.go} {@code
   * NamespaceToProfile}: Allow in and out), as a pod no NetworkPolicy isolates is open.
   */
  @Test
  void aPodNoPolicySelectsIsAllowedByItsProfile() {
    NetworkPolicy nothing = apiIngress();
    agree(true, "shop/web -> shop/db tcp/5432", nothing);
    agree(true, "ext:out -> shop/db tcp/5432", nothing);
    agree(true, "shop/db -> ext:out udp/53", nothing);
    agree(false, "shop/db -> shop/api tcp/8080", nothing);
  }

  /** Documents of other kinds (a CiliumNetworkPolicy here) are ignored by the Calico reading, as by the Kubernetes one. */
  @Test
  void documentsOfOtherKindsAreIgnored() {
    JsonNode cilium = CalicoFixtures.parseYaml("apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata:\n"
        + "  name: c\n  namespace: shop\nspec:\n  endpointSelector: {}\n  ingress: []\n");
    List<EmittedDocument> docs = new ArrayList<>(documents(apiIngress(from(List.of(pods(Map.of("app", "web")))))));
    docs.add(new EmittedDocument("cilium.io/v2", "CiliumNetworkPolicy", Optional.of("shop"), "c", cilium,
        SourceSpan.point("doc.yaml", 1, 1, 0)));
    Flow f = flow("shop/db -> shop/web tcp/80");
    assertThat(new CalicoEvaluator().evaluator(docs, CLUSTER).evaluate(f).allowed()).isTrue();
    assertThat(new KubernetesEvaluator().evaluator(docs, CLUSTER).evaluate(f).allowed()).isTrue();
    assertThat(CalicoReadingDifferences.mayDiffer(f, CLUSTER, docs)).isFalse();
  }
}

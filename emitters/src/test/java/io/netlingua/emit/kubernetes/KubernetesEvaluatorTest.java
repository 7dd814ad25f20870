package io.netlingua.emit.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
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
 * The Kubernetes evaluator on hand-written NetworkPolicy objects: the examples of the documentation
 * (kubernetes.io/docs/concepts/services-networking/network-policies/) and cases of the upstream e2e suite
 * (kubernetes/kubernetes test/e2e/network/netpol/network_policy.go, named in each test), checked as the suite
 * does, by the list of pod pairs that cannot connect. The cluster is the suite's: namespaces x, y and z with pods
 * a, b and c labelled {@code pod: NAME}, serving TCP 80 and 81 and UDP 80 on named ports.
 */
class KubernetesEvaluatorTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private static final List<String> NAMESPACES = List.of("x", "y", "z");
  private static final List<String> PODS = List.of("a", "b", "c");

  private static final Cluster SUITE = suite();

  private static Cluster suite() {
    Cluster.Builder b = Cluster.builder();
    for (int n = 0; n < NAMESPACES.size(); n++) {
      String ns = NAMESPACES.get(n);
      b.namespace(ns, ns.equals("y") ? Map.of("project", "myproject") : Map.of());
      for (int p = 0; p < PODS.size(); p++) {
        String pod = PODS.get(p);
        b.pod(new Pod(pod, ns, Map.of("pod", pod), IpAddress.parse("10.244." + n + "." + (p + 1)), "default",
            n == 0 && p == 0 ? "node-1" : "node-2",
            List.of(PortSpec.named("serve-80-tcp", 80, FlowProtocol.TCP),
                PortSpec.named("serve-81-tcp", 81, FlowProtocol.TCP),
                PortSpec.named("serve-80-udp", 80, FlowProtocol.UDP))));
      }
    }
    b.node(new Node("node-1", IpAddress.parse("192.168.0.1"), Map.of(), false));
    b.node(new Node("node-2", IpAddress.parse("192.168.0.2"), Map.of(), false));
    b.external(new External("outside", IpAddress.parse("203.0.113.7"), Optional.empty(), false));
    return b.build();
  }

  /** The objects of YAML documents, as an emitter would return them. */
  private static Evaluator objects(String... yaml) {
    List<EmittedDocument> documents = new ArrayList<>();
    for (String y : yaml) {
      NetworkPolicy np;
      try {
        np = YAML.readValue(y, NetworkPolicy.class);
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new UncheckedIOException(e);
      }
      documents.add(new EmittedDocument("networking.k8s.io/v1", "NetworkPolicy",
          Optional.of(np.getMetadata().getNamespace()), np.getMetadata().getName(), np, SourceSpan.NONE));
    }
    return Evaluators.forTarget(Target.KUBERNETES).orElseThrow().evaluator(documents, SUITE);
  }

  /** A policy of the suite's namespace x: {@code name}, then the spec's lines, indented as under {@code spec:}. */
  private static String policy(String name, String... spec) {
    return "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: " + name
        + "\n  namespace: x\nspec:\n" + String.join("\n", Arrays.stream(spec).map(l -> "  " + l).toList()) + "\n";
  }

  private static Endpoint pod(String qualified) {
    String[] parts = qualified.split("/");
    return Endpoint.of(SUITE.pod(parts[0], parts[1]).orElseThrow());
  }

  private static Verdict verdict(Evaluator e, String from, String to, FlowProtocol protocol, int port) {
    return e.evaluate(Flow.of(end(from), end(to), protocol, port));
  }

  private static Endpoint end(String text) {
    if (text.startsWith("node:")) {
      return Endpoint.of(SUITE.node(text.substring(5)).orElseThrow());
    }
    if (text.startsWith("ip:")) {
      return Endpoint.of(IpAddress.parse(text.substring(3)));
    }
    return pod(text);
  }

  /** The pairs of distinct pods that cannot connect, as the suite's reachability tables list them. */
  private static List<String> blocked(Evaluator e, FlowProtocol protocol, int port) {
    List<String> out = new ArrayList<>();
    for (Pod from : SUITE.pods()) {
      for (Pod to : SUITE.pods()) {
        if (from != to && !e.evaluate(Flow.of(Endpoint.of(from), Endpoint.of(to), protocol, port)).allowed()) {
          out.add(from.qualifiedName() + " -> " + to.qualifiedName());
        }
      }
    }
    return out;
  }

  /** Every pair with that destination (or source), but from (to) the pods listed. */
  private static List<String> into(String to, String... except) {
    List<String> out = new ArrayList<>();
    for (Pod from : SUITE.pods()) {
      String f = from.qualifiedName();
      if (!f.equals(to) && !List.of(except).contains(f)) {
        out.add(f + " -> " + to);
      }
    }
    return out;
  }

  private static List<String> outOf(String from, String... except) {
    List<String> out = new ArrayList<>();
    for (Pod to : SUITE.pods()) {
      String t = to.qualifiedName();
      if (!t.equals(from) && !List.of(except).contains(t)) {
        out.add(from + " -> " + t);
      }
    }
    return out;
  }

  private static List<String> all(List<List<String>> parts) {
    return parts.stream().flatMap(List::stream).distinct().toList();
  }

  private static List<String> intoNamespace(String ns) {
    return all(PODS.stream().map(p -> into(ns + "/" + p)).toList());
  }

  private static List<String> outOfNamespace(String ns) {
    return all(PODS.stream().map(p -> outOf(ns + "/" + p)).toList());
  }

  /** Documentation, "NetworkPolicy resource": the test-network-policy example, in namespace x. */
  @Test
  void theDocumentationsTestNetworkPolicy() {
    Evaluator e = objects(policy("test-network-policy",
        "podSelector:", "  matchLabels:", "    pod: a",
        "policyTypes:", "- Ingress", "- Egress",
        "ingress:", "- from:",
        "  - ipBlock:", "      cidr: 10.244.2.0/24", "      except:", "      - 10.244.2.2/32",
        "  - namespaceSelector:", "      matchLabels:", "        project: myproject",
        "  - podSelector:", "      matchLabels:", "        pod: b",
        "  ports:", "  - protocol: TCP", "    port: 6379",
        "egress:", "- to:", "  - ipBlock:", "      cidr: 203.0.113.0/24", "  ports:",
        "  - protocol: TCP", "    port: 5978"));
    assertThat(verdict(e, "x/b", "x/a", FlowProtocol.TCP, 6379).allowed()).isTrue();
    assertThat(verdict(e, "x/b", "x/a", FlowProtocol.TCP, 80).allowed()).isFalse();
    assertThat(verdict(e, "x/c", "x/a", FlowProtocol.TCP, 6379).allowed()).isFalse();
    assertThat(verdict(e, "y/c", "x/a", FlowProtocol.TCP, 6379).allowed()).as("namespace project=myproject")
        .isTrue();
    assertThat(verdict(e, "z/a", "x/a", FlowProtocol.TCP, 6379).allowed()).as("ipBlock").isTrue();
    assertThat(verdict(e, "z/b", "x/a", FlowProtocol.TCP, 6379).allowed()).as("except").isFalse();
    Flow out = Flow.of(pod("x/a"), Endpoint.of(SUITE.external("outside").orElseThrow()), FlowProtocol.TCP, 5978);
    assertThat(e.evaluate(out).allowed()).isTrue();
    assertThat(verdict(e, "x/a", "x/b", FlowProtocol.TCP, 5978).allowed()).as("egress isolated").isFalse();
  }

  /**
   * Documentation, "Default deny all ingress traffic"; e2e "should support a 'default-deny-ingress' policy":
   * ingress to every pod of x is refused, egress is not isolated.
   */
  @Test
  void defaultDenyIngress() {
    Evaluator e = objects(policy("default-deny-ingress", "podSelector: {}", "policyTypes:", "- Ingress"));
    assertThat(blocked(e, FlowProtocol.TCP, 80)).containsExactlyInAnyOrderElementsOf(intoNamespace("x"));
  }

  /** Documentation, "Allow all ingress traffic": one empty rule allows every peer and port. */
  @Test
  void allowAllIngress() {
    Evaluator e = objects(policy("allow-all-ingress", "podSelector: {}", "ingress:", "- {}", "policyTypes:",
        "- Ingress"));
    assertThat(blocked(e, FlowProtocol.TCP, 80)).isEmpty();
    assertThat(blocked(e, FlowProtocol.ICMP, 0)).isEmpty();
  }

  /** Documentation, "Default deny all egress traffic". */
  @Test
  void defaultDenyEgress() {
    Evaluator e = objects(policy("default-deny-egress", "podSelector: {}", "policyTypes:", "- Egress"));
    assertThat(blocked(e, FlowProtocol.UDP, 80)).containsExactlyInAnyOrderElementsOf(outOfNamespace("x"));
  }

  /** Documentation, "Allow all egress traffic". */
  @Test
  void allowAllEgress() {
    Evaluator e = objects(policy("allow-all-egress", "podSelector: {}", "egress:", "- {}", "policyTypes:",
        "- Egress"));
    assertThat(blocked(e, FlowProtocol.SCTP, 9)).isEmpty();
  }

  /** Documentation, "Default deny all ingress and all egress traffic"; e2e "should support a 'default-deny-all' policy". */
  @Test
  void defaultDenyAll() {
    Evaluator e = objects(policy("default-deny-all", "podSelector: {}", "policyTypes:", "- Ingress", "- Egress"));
    assertThat(blocked(e, FlowProtocol.TCP, 80))
        .containsExactlyInAnyOrderElementsOf(all(List.of(intoNamespace("x"), outOfNamespace("x"))));
  }

  /**
   * Documentation, "Targeting a Namespace by its name"; e2e "should enforce policy to allow traffic based on
   * NamespaceSelector with MatchLabels using default ns label".
   */
  @Test
  void namespaceByName() {
    Evaluator e = objects(policy("allow-client-a-via-ns-selector-for-immutable-ns-label",
        "podSelector:", "  matchLabels:", "    pod: a", "policyTypes:", "- Ingress", "ingress:",
        "- from:", "  - namespaceSelector:", "      matchLabels:", "        kubernetes.io/metadata.name: y"));
    assertThat(blocked(e, FlowProtocol.TCP, 80)).containsExactlyInAnyOrder(
        "x/b -> x/a", "x/c -> x/a", "z/a -> x/a", "z/b -> x/a", "z/c -> x/a");
  }

  /** Documentation, "Targeting a range of ports": port 32000 with endPort 32768, both ends included. */
  @Test
  void endPortRange() {
    Evaluator e = objects(policy("multi-port-egress", "podSelector:", "  matchLabels:", "    pod: a",
        "policyTypes:", "- Egress", "egress:", "- to:", "  - ipBlock:", "      cidr: 10.244.1.0/24", "  ports:",
        "  - protocol: TCP", "    port: 32000", "    endPort: 32768"));
    assertThat(verdict(e, "x/a", "y/a", FlowProtocol.TCP, 32000).allowed()).isTrue();
    assertThat(verdict(e, "x/a", "y/a", FlowProtocol.TCP, 32768).allowed()).isTrue();
    assertThat(verdict(e, "x/a", "y/a", FlowProtocol.TCP, 31999).allowed()).isFalse();
    assertThat(verdict(e, "x/a", "y/a", FlowProtocol.TCP, 32769).allowed()).isFalse();
    assertThat(verdict(e, "x/a", "y/a", FlowProtocol.UDP, 32000).allowed()).isFalse();
  }

  /**
   * API reference, NetworkPolicySpec.policyTypes: without it, Ingress always, and Egress when the object has
   * egress rules.
   */
  @Test
  void policyTypesDefault() {
    Evaluator ingressOnly = objects(policy("no-types", "podSelector:", "  matchLabels:", "    pod: a"));
    assertThat(blocked(ingressOnly, FlowProtocol.TCP, 80)).containsExactlyInAnyOrderElementsOf(into("x/a"));
    Evaluator both = objects(policy("no-types", "podSelector:", "  matchLabels:", "    pod: a", "egress:",
        "- to:", "  - podSelector:", "      matchLabels:", "        pod: b"));
    assertThat(blocked(both, FlowProtocol.TCP, 80))
        .containsExactlyInAnyOrderElementsOf(all(List.of(into("x/a"), outOf("x/a", "x/b"))));
  }

  /** e2e "should enforce policy to allow traffic from pods within server namespace based on PodSelector". */
  @Test
  void podSelectorMeansThePolicysNamespace() {
    Evaluator e = objects(policy("x-a-allows-x-b", "podSelector:", "  matchLabels:", "    pod: a",
        "policyTypes:", "- Ingress", "ingress:", "- from:", "  - podSelector:", "      matchLabels:",
        "        pod: b"));
    assertThat(blocked(e, FlowProtocol.TCP, 80)).containsExactlyInAnyOrderElementsOf(into("x/a", "x/b"));
  }

  /** e2e "should enforce policy based on PodSelector with MatchExpressions". */
  @Test
  void matchExpressions() {
    Evaluator e = objects(policy("x-a-allows-x-b", "podSelector:", "  matchLabels:", "    pod: a",
        "policyTypes:", "- Ingress", "ingress:", "- from:", "  - podSelector:", "      matchExpressions:",
        "      - key: pod", "        operator: In", "        values: [b]"));
    assertThat(blocked(e, FlowProtocol.TCP, 80)).containsExactlyInAnyOrderElementsOf(into("x/a", "x/b"));
  }

  /** e2e "should enforce policy based on PodSelector or NamespaceSelector": two peers are an OR. */
  @Test
  void peersAreAnOr() {
    Evaluator e = objects(policy("allow-ns-y-match-selector", "podSelector:", "  matchLabels:", "    pod: a",
        "policyTypes:", "- Ingress", "ingress:", "- from:", "  - namespaceSelector:", "      matchExpressions:",
        "      - key: kubernetes.io/metadata.name", "        operator: NotIn", "        values: [x]",
        "  - podSelector:", "      matchLabels:", "        pod: b"));
    assertThat(blocked(e, FlowProtocol.TCP, 80)).containsExactlyInAnyOrder("x/c -> x/a");
  }

  /** e2e "should enforce policy based on PodSelector and NamespaceSelector": both selectors in one peer, an AND. */
  @Test
  void selectorsInOnePeerAreAnAnd() {
    Evaluator e = objects(policy("allow-ns-y-podselector-and-nsselector", "podSelector:", "  matchLabels:",
        "    pod: a", "policyTypes:", "- Ingress", "ingress:", "- from:", "  - namespaceSelector:",
        "      matchExpressions:", "      - key: kubernetes.io/metadata.name", "        operator: NotIn",
        "        values: [x]", "    podSelector:", "      matchLabels:", "        pod: b"));
    assertThat(blocked(e, FlowProtocol.TCP, 80)).containsExactlyInAnyOrderElementsOf(
        into("x/a", "y/b", "z/b"));
  }

  /**
   * e2e "should enforce policy based on Ports" and "should enforce multiple, stacked policies with overlapping
   * podSelectors": the allows of several objects are a union.
   */
  @Test
  void stackedPoliciesAreAUnion() {
    String port81 = policy("allow-client-a-via-ns-selector", "podSelector:", "  matchLabels:", "    pod: a",
        "policyTypes:", "- Ingress", "ingress:", "- from:", "  - namespaceSelector:", "      matchLabels:",
        "        kubernetes.io/metadata.name: y", "  ports:", "  - protocol: TCP", "    port: 81");
    Evaluator one = objects(port81);
    List<String> notFromY = into("x/a", "y/a", "y/b", "y/c");
    assertThat(blocked(one, FlowProtocol.TCP, 81)).containsExactlyInAnyOrderElementsOf(notFromY);
    assertThat(blocked(one, FlowProtocol.TCP, 80)).containsExactlyInAnyOrderElementsOf(into("x/a"));
    Evaluator two = objects(port81, port81.replace("allow-client-a-via-ns-selector", "allow-80")
        .replace("port: 81", "port: 80"));
    assertThat(blocked(two, FlowProtocol.TCP, 80)).containsExactlyInAnyOrderElementsOf(notFromY);
  }

  /** e2e "should allow ingress access on one named port": the name resolves on the destination pod. */
  @Test
  void namedPortOnIngress() {
    Evaluator e = objects(policy("allow-all", "podSelector: {}", "policyTypes:", "- Ingress", "ingress:",
        "- ports:", "  - port: serve-81-tcp"));
    assertThat(blocked(e, FlowProtocol.TCP, 81)).isEmpty();
    assertThat(blocked(e, FlowProtocol.TCP, 80)).containsExactlyInAnyOrderElementsOf(intoNamespace("x"));
  }

  /**
   * e2e "should allow egress access on one named port": on egress too the name resolves on the destination, so
   * it matches no end that is not a pod.
   */
  @Test
  void namedPortOnEgress() {
    Evaluator e = objects(policy("allow-egress", "podSelector: {}", "policyTypes:", "- Egress", "egress:",
        "- ports:", "  - port: serve-80-tcp"));
    assertThat(blocked(e, FlowProtocol.TCP, 80)).isEmpty();
    assertThat(blocked(e, FlowProtocol.TCP, 81)).containsExactlyInAnyOrderElementsOf(outOfNamespace("x"));
    assertThat(verdict(e, "x/a", "ip:203.0.113.7", FlowProtocol.TCP, 80).allowed()).isFalse();
  }

  /**
   * e2e "should not mistakenly treat 'protocol: SCTP' as 'protocol: TCP', even if the plugin doesn't support
   * SCTP" and "should not allow access by TCP when a policy specifies only UDP"; a port without protocol is TCP.
   */
  @Test
  void protocolsAreDistinct() {
    Evaluator e = objects(policy("allow-only-sctp-ingress-on-port-81", "podSelector:", "  matchLabels:",
        "    pod: a", "ingress:", "- ports:", "  - port: 81", "    protocol: SCTP", "  - port: 82",
        "    protocol: UDP", "  - port: 83"));
    assertThat(verdict(e, "y/a", "x/a", FlowProtocol.TCP, 81).allowed()).isFalse();
    assertThat(verdict(e, "y/a", "x/a", FlowProtocol.SCTP, 81).allowed()).isTrue();
    assertThat(verdict(e, "y/a", "x/a", FlowProtocol.TCP, 82).allowed()).isFalse();
    assertThat(verdict(e, "y/a", "x/a", FlowProtocol.UDP, 82).allowed()).isTrue();
    assertThat(verdict(e, "y/a", "x/a", FlowProtocol.TCP, 83).allowed()).isTrue();
    assertThat(verdict(e, "y/a", "x/a", FlowProtocol.UDP, 83).allowed()).isFalse();
    assertThat(e.evaluate(Flow.icmp(pod("y/a"), pod("x/a"), false, 8, 0)).allowed()).as("ICMP has no port")
        .isFalse();
  }

  /**
   * e2e "should allow egress access to server in CIDR block" and "should enforce except clause while egress
   * access to server in CIDR block": an ipBlock matches pod addresses too, and its except cuts them out.
   */
  @Test
  void ipBlockMatchesPodAddresses() {
    Evaluator e = objects(policy("allow-client-a-via-cidr-egress-rule", "podSelector:", "  matchLabels:",
        "    pod: a", "policyTypes:", "- Egress", "egress:", "- to:", "  - ipBlock:", "      cidr: 10.244.0.0/16",
        "      except:", "      - 10.244.0.2/32"));
    assertThat(blocked(e, FlowProtocol.TCP, 80)).containsExactlyInAnyOrder("x/a -> x/b");
    assertThat(verdict(e, "x/a", "ip:203.0.113.7", FlowProtocol.TCP, 80).allowed()).isFalse();
    assertThat(verdict(e, "x/a", "ip:10.244.9.9", FlowProtocol.TCP, 80).allowed()).as("a bare address")
        .isTrue();
  }

  /** Pod and namespace selectors match pods only: never a node or an external address. */
  @Test
  void selectorsNeverMatchNodesOrExternals() {
    Evaluator e = objects(policy("from-everywhere", "podSelector:", "  matchLabels:", "    pod: b",
        "policyTypes:", "- Ingress", "ingress:", "- from:", "  - namespaceSelector: {}"));
    assertThat(verdict(e, "y/a", "x/b", FlowProtocol.TCP, 80).allowed()).isTrue();
    assertThat(verdict(e, "node:node-1", "x/b", FlowProtocol.TCP, 80).allowed()).isFalse();
    assertThat(verdict(e, "ip:203.0.113.7", "x/b", FlowProtocol.TCP, 80).allowed()).isFalse();
  }

  /**
   * Documentation: "traffic to and from the node where a Pod is running is always allowed, regardless of the IP
   * address of the Pod or the node"; and a pod may talk to itself.
   */
  @Test
  void nodeLocalTrafficIsAlwaysAllowed() {
    Evaluator e = objects(policy("default-deny-all", "podSelector: {}", "policyTypes:", "- Ingress", "- Egress"));
    assertThat(verdict(e, "node:node-1", "x/a", FlowProtocol.TCP, 80).ingress().reason())
        .isEqualTo(Reason.NODE_LOCAL);
    assertThat(verdict(e, "x/a", "ip:192.168.0.1", FlowProtocol.TCP, 10250).egress().reason())
        .isEqualTo(Reason.NODE_LOCAL);
    assertThat(verdict(e, "x/a", "x/a", FlowProtocol.TCP, 80).allowed()).isTrue();
    assertThat(verdict(e, "node:node-2", "x/a", FlowProtocol.TCP, 80).allowed()).as("another node").isFalse();
    assertThat(verdict(e, "x/a", "node:node-2", FlowProtocol.TCP, 80).allowed()).isFalse();
  }

  /** A side names the deciding NetworkPolicy and the place its netlingua.io/source annotation records. */
  @Test
  void theVerdictNamesTheDecidingObject() {
    String annotated = policy("web", "podSelector:", "  matchLabels:", "    pod: a", "policyTypes:", "- Ingress",
        "ingress:", "- from:", "  - podSelector:", "      matchLabels:", "        pod: b")
        .replace("  namespace: x\n", "  namespace: x\n  annotations:\n    netlingua.io/source: shop/web.npl:12\n");
    Evaluator e = objects(annotated);
    Verdict allowed = verdict(e, "x/b", "x/a", FlowProtocol.TCP, 80);
    assertThat(allowed.ingress().toString())
        .isEqualTo("ingress: allowed by allow rule of policy x/web at shop/web.npl:12:1");
    Verdict denied = verdict(e, "x/c", "x/a", FlowProtocol.TCP, 80);
    assertThat(denied.deciding().reason()).isEqualTo(Reason.NO_RULE_MATCHED);
    assertThat(denied.reason()).isEqualTo("ingress: isolated by x/web and no rule matched");
    assertThat(verdict(e, "x/a", "x/c", FlowProtocol.TCP, 80).reason())
        .isEqualTo("egress: not isolated; ingress: not isolated");
  }
}

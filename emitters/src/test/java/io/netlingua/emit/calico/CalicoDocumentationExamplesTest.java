package io.netlingua.emit.calico;

import static io.netlingua.emit.DocumentationClusters.N1;
import static io.netlingua.emit.DocumentedFlows.allows;
import static io.netlingua.emit.DocumentedFlows.denies;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.netlingua.emit.DocumentationClusters;
import io.netlingua.emit.DocumentedFlows;
import io.netlingua.emit.DocumentedFlows.Expectation;
import io.netlingua.emit.EmittedDocument;
import io.netlingua.eval.Cluster;
import io.netlingua.eval.Evaluator;
import io.netlingua.eval.FlowSyntax;
import io.netlingua.eval.Verdict;
import io.netlingua.model.SourceSpan;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The Calico evaluator on the policy examples of Calico's own documentation, each judged on the flows the page's
 * text describes, the allowed ones and the refused ones (another port, label, namespace, peer kind), so that every
 * test can fail.
 *
 * <p>The objects are copied into {@code docs/} beside this class; the first line of each names the page's file in
 * tigera/docs ({@code calico_versioned_docs/version-3.32/}) and the commit of the copy read, the second the page on
 * docs.tigera.io and its section, and a {@code changed:} line says what was changed and why. Examples written as
 * namespaced Calico NetworkPolicies, which the evaluator does not read (nothing Netlingua emits is one), are written
 * as the GlobalNetworkPolicy Felix receives for them (projectcalico/calico v3.32.1 {@code
 * libcalico-go/lib/backend/syncersv1/updateprocessors/networkpolicyprocessor.go} and {@code rules.go}); one test
 * shows that the namespaced object itself is refused, not ignored.
 *
 * <p>Each test builds its cluster in Java ({@link DocumentationClusters}: nodes node-1 and node-2, kube-dns in
 * kube-system on node-2, the external address {@code outside}) with the pods of the page, on node-1. Where a sentence of a page reads
 * otherwise than Calico's code, the flow follows the code and its comment says so.
 */
class CalicoDocumentationExamplesTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** tier.mdx @ 60856950ca98, How policy is evaluated. */
  private static final String TIER_DROPS = "If the Tier applies to the endpoint, but takes no action on the packet the"
      + " packet is dropped.";
  /** tier.mdx, How policy is evaluated. */
  private static final String ALLOW_OR_DENY_ENDS = "If a NetworkPolicy or GlobalNetworkPolicy in the Tier Allows or"
      + " Denies the packet, then evaluation is done";
  /** kubernetes-default-deny.mdx @ 7581f8e3f084, Default deny/allow behavior. */
  private static final String NO_POLICY = "If no network policies apply to a pod, then all traffic to/from that pod is"
      + " allowed.";
  /** tiered-policy.mdx @ 814b59c3fdbb, Policy endpoint matching across tiers. */
  private static final String TIER_SKIPPED = "if no policies within a tier apply to endpoints, the tier is skipped,"
      + " and the tier's implicit deny behavior is not executed.";

  // ------------------------------------------------------------------------------------------------------------
  // Reference pages

  @Test
  @DisplayName("reference/resources/globalnetworkpolicy > Sample YAML (allow-tcp-6379)")
  void globalNetworkPolicySample() {
    Cluster c = cluster()
        .pod("default/frontend", N1, "role=frontend")
        .pod("default/database", N1, "role=database")
        .pod("default/other", N1, "role=other")
        .build();
    String sample = "This sample policy allows TCP traffic from frontend endpoints to port 6379 on database endpoints.";
    check("gnp-allow-tcp-6379.yaml", c,
        allows("default/frontend -> default/database tcp/6379", sample),
        denies("default/frontend -> default/database tcp/80", sample),
        denies("default/frontend -> default/database udp/6379", sample),
        denies("default/other -> default/database tcp/6379", sample),
        denies("ext:outside -> default/database tcp/6379", sample),
        // egress: [{action: Allow}], a rule without match criteria, allows every packet
        allows("default/database -> ext:outside tcp/443", sample),
        // types Ingress and Egress: "To apply the policy to both, set to Ingress, Egress"; other pods are not selected
        allows("default/other -> default/frontend tcp/80", NO_POLICY));
  }

  @Test
  @DisplayName("reference/resources/tier > Sample YAML, with the staged sample of stagedglobalnetworkpolicy")
  void tierSampleWithTheStagedSample() {
    Cluster c = cluster()
        .pod("default/frontend", N1, "role=frontend")
        .pod("default/database", N1, "role=database")
        .build();
    String staged = "These rules are used to preview network behavior and do not enforce network traffic.";
    check(List.of("tier-internal-access.yaml", "staged-allow-tcp-6379.yaml"), c,
        allows("default/frontend -> default/database tcp/6379", staged),
        allows("default/frontend -> default/database tcp/80", staged),
        allows("ext:outside -> default/database tcp/22", staged));
    Verdict noted = evaluator(List.of("tier-internal-access.yaml", "staged-allow-tcp-6379.yaml"), c)
        .evaluate(flow("default/frontend -> default/database tcp/80", c));
    assertThat(noted.notes()).containsExactly("StagedGlobalNetworkPolicy internal-access.allow-tcp-6379 selects"
        + " default/database for ingress and is staged: it enforces nothing");
    String internalAccess = "The default action ... when this Tier applies to an endpoint, but takes no action on the"
        + " packet: Deny";
    check(List.of("tier-internal-access.yaml", "enforced-allow-tcp-6379.yaml"), c,
        allows("default/frontend -> default/database tcp/6379", "allows TCP traffic from frontend endpoints to port"
            + " 6379 on database endpoints"),
        denies("default/frontend -> default/database tcp/80", internalAccess),
        denies("ext:outside -> default/database tcp/6379", internalAccess));
  }

  // ------------------------------------------------------------------------------------------------------------
  // Tiered policy (network-policy/policy-tiers/tiered-policy.mdx)

  @Test
  @DisplayName("policy-tiers/tiered-policy > Implicit default deny > Pass action rule example")
  void passActionRuleExample() {
    Cluster c = cluster()
        .pod("default/stage-a", N1, "env=stage")
        .pod("default/stage-b", N1, "env=stage")
        .pod("default/prod", N1, "env=prod")
        .pod("default/unlabelled", N1)
        .build();
    String deny = "The policy denies ingress and egress traffic to workloads that match selector, env == \"stage\".";
    String pass = "To ensure that policies continue to evaluate traffic after this policy, the policy adds a Pass"
        + " action for both ingress and egress.";
    check(List.of("tiered-devops-tier-deny.yaml", "tiered-devops-stage-env.yaml"), c,
        denies("default/prod -> default/stage-a tcp/80", deny),
        // env != "stage" matches an endpoint without the label too (_selectors.mdx)
        denies("default/unlabelled -> default/stage-a tcp/80", deny),
        denies("default/stage-a -> default/prod tcp/80", deny),
        // stage to stage passes to the default tier, where no policy selects them: the profile allows
        allows("default/stage-a -> default/stage-b tcp/80", pass),
        // a selector matches endpoints only ("selectors only match (known) resources": _entityrule.mdx), so an
        // address outside the cluster is not "env != stage": the Pass rule takes it
        allows("ext:outside -> default/stage-a tcp/443", pass),
        allows("default/stage-a -> ext:outside tcp/443", pass),
        allows("default/prod -> default/unlabelled tcp/80", TIER_SKIPPED));
  }

  /**
   * The devops tier with defaultAction Pass, and a policy of the test's own in it that selects the prod pods and
   * decides nothing: with Pass their flows go on to the default tier (no policy there: the profile allows), with the
   * implicit Deny they are dropped.
   */
  @Test
  @DisplayName("policy-tiers/tiered-policy > Implicit default deny > Pass default action tier example")
  void passDefaultActionTierExample() {
    Cluster c = cluster()
        .pod("default/stage-a", N1, "env=stage")
        .pod("default/prod", N1, "env=prod")
        .build();
    String watch = gnp("devops.prod-watch", "tier: devops\nselector: env == 'prod'\ntypes: [Ingress]");
    String other = "The other option, is to update tier's default action to Pass to override the implicit default deny.";
    checkYaml(List.of(resource("tiered-devops-tier-pass.yaml"), resource("tiered-devops-stage-env.yaml"), watch), c,
        denies("default/prod -> default/stage-a tcp/80", "The policy denies ingress and egress traffic to workloads"
            + " that match selector"),
        allows("ext:outside -> default/stage-a tcp/443", other),
        allows("ext:outside -> default/prod tcp/443", other));
    checkYaml(List.of(resource("tiered-devops-tier-deny.yaml"), resource("tiered-devops-stage-env.yaml"), watch), c,
        denies("ext:outside -> default/prod tcp/443", "at the end of each tier is an implicit default deny"),
        allows("ext:outside -> default/stage-a tcp/443", "the Pass action in a policy ensures that traffic evaluation"
            + " continues, and overrides the implicit default deny"));
  }

  @Test
  @DisplayName("policy-tiers/tiered-policy > Create a tier (security), with the implicit default deny")
  void securityTierWithTheImplicitDefaultDeny() {
    Cluster c = cluster()
        .pod("default/web", N1, "app=web")
        .pod("default/db", N1, "app=db")
        .build();
    String policy = gnp("security.isolate-db", "tier: security\nselector: app == 'db'\ningress:\n"
        + "- action: Pass\n  source: {selector: app == 'web'}");
    String implicit = "at the end of each tier is an implicit default deny";
    checkYaml(List.of(resource("tiered-security-tier.yaml"), policy), c,
        // Pass: "skips to the next tier that contains a policy that applies to the endpoint"; there is none: the
        // profile allows (tier.mdx: "If the last Tier applying to the endpoint Passes the packet, that endpoint's
        // Profiles are evaluated")
        allows("default/web -> default/db tcp/5432", "Pass - skips to the next tier"),
        denies("ext:outside -> default/db tcp/5432", implicit),
        allows("default/db -> default/web tcp/80", TIER_SKIPPED));
  }

  // ------------------------------------------------------------------------------------------------------------
  // Default deny (network-policy/get-started/kubernetes-default-deny.mdx)

  @Test
  @DisplayName("kubernetes-default-deny > Create a global default deny policy > Best practice #2 (deny-app-policy)")
  void globalDefaultDenyForNonSystemPods() {
    Cluster c = cluster()
        .namespace("shop")
        .pod("shop/web", N1, "app=web")
        .pod("shop/api", N1, "app=api")
        .pod("kube-system/metrics-server", N1, "k8s-app=metrics-server")
        .build();
    String dns = "allow all namespaces to communicate to DNS pods";
    String notExplicit = "By selecting the traffic with the namespaceSelector but not specifying an allow, the traffic"
        + " is denied after all other policy is evaluated.";
    check("default-deny-app-policy.yaml", c,
        allows("shop/web -> kube-system/coredns udp/53", dns),
        allows("shop/web -> kube-system/coredns tcp/53", dns),
        denies("shop/web -> kube-system/coredns tcp/9153", notExplicit),
        denies("shop/web -> shop/api tcp/8080", notExplicit),
        denies("shop/web -> ext:outside tcp/443", notExplicit),
        // the system namespaces are left out of the subject
        allows("kube-system/metrics-server -> ext:outside tcp/443", "This policy uses a negative selector for the"
            + " spec.namespaceselector field to exclude control plane namespaces."),
        denies("kube-system/metrics-server -> shop/api tcp/8080", notExplicit),
        // kubelet probes: Calico never polices host -> local workload (felix/rules/static.go)
        allows("node:node-1 -> shop/web tcp/8080", "host -> endpoint is not policed (static.go)"));
  }

  @Test
  @DisplayName("kubernetes-default-deny > Don't try this! (default.default-deny)")
  void dontTryThis() {
    Cluster c = cluster()
        .pod("default/web", N1, "app=web")
        .build();
    String tooBroad = "the policy is too broad in scope and could break your cluster";
    check("default-deny-dont-try-this.yaml", c,
        denies("default/web -> kube-system/coredns udp/53", tooBroad),
        denies("kube-system/coredns -> ext:outside udp/53", tooBroad),
        allows("node:node-2 -> kube-system/coredns tcp/8080", "host -> endpoint is not policed (static.go)"));
  }

  @Test
  @DisplayName("kubernetes-default-deny > Create a default deny network policy (namespace engineering)")
  void namespacedDefaultDeny() {
    Cluster c = cluster()
        .namespace("engineering")
        .pod("engineering/build", N1, "app=build")
        .pod("default/web", N1, "app=web")
        .build();
    assertThatThrownBy(() -> evaluator(List.of("default-deny-engineering.yaml"), c))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("NetworkPolicy default-deny: the Calico evaluator reads");
    String engineering = "we create a Calico default deny NetworkPolicy for all workloads in the namespace,"
        + " engineering.";
    check("default-deny-engineering-as-felix-reads-it.yaml", c,
        denies("default/web -> engineering/build tcp/8080", engineering),
        denies("engineering/build -> ext:outside tcp/443", engineering),
        allows("default/web -> ext:outside tcp/443", NO_POLICY));
  }

  // ------------------------------------------------------------------------------------------------------------
  // Calico policy tutorial (network-policy/get-started/calico-policy/calico-policy-tutorial.mdx)

  @Test
  @DisplayName("calico-policy-tutorial > steps 2 to 4")
  void calicoPolicyTutorial() {
    Cluster c = cluster()
        .namespace("advanced-policy-demo")
        .pod("advanced-policy-demo/nginx", N1, "app=nginx")
        .pod("advanced-policy-demo/access", N1, "run=access")
        .pod("kube-system/metrics-server", N1, "k8s-app=metrics-server")
        .external("google", "142.250.74.46", null)
        .build();
    String locked = "any traffic which is not explicitly allowed by a policy will be denied";
    check("tutorial-default-deny.yaml", c,
        denies("advanced-policy-demo/access -> advanced-policy-demo/nginx tcp/80", locked),
        denies("advanced-policy-demo/access -> ext:google tcp/80", locked),
        // "wget: bad address 'google.com'": the pod's DNS query is refused at its egress
        denies("advanced-policy-demo/access -> kube-system/coredns udp/53", "wget: bad address 'google.com'"),
        // "we exclude pods in the kube-system, calico-system and calico-apiserver namespace"
        allows("kube-system/metrics-server -> ext:google tcp/443", "we exclude pods in the kube-system ..."));
    String egressAllowed = "As we've allowed all egress traffic, we should now be able to access google.";
    check(List.of("tutorial-default-deny.yaml", "tutorial-allow-busybox-egress.yaml"), c,
        allows("advanced-policy-demo/access -> ext:google tcp/80", egressAllowed),
        allows("advanced-policy-demo/access -> kube-system/coredns udp/53", egressAllowed),
        denies("advanced-policy-demo/access -> advanced-policy-demo/nginx tcp/80", "egress from the access pod will be"
            + " allowed, but the connection will still be denied because our default deny policy is blocking ingress"
            + " traffic to the nginx pod"),
        denies("advanced-policy-demo/nginx -> ext:google tcp/80", locked));
    String nginx = "Now run the command to verify that we can access the nginx service.";
    check(List.of("tutorial-default-deny.yaml", "tutorial-allow-busybox-egress.yaml",
            "tutorial-allow-nginx-ingress.yaml"), c,
        allows("advanced-policy-demo/access -> advanced-policy-demo/nginx tcp/80", nginx),
        // the rule of a namespaced policy is restricted to the policy's namespace
        denies("kube-system/metrics-server -> advanced-policy-demo/nginx tcp/80", "allows ingress traffic into the"
            + " nginx service from the busybox access pod"),
        allows("advanced-policy-demo/access -> ext:google tcp/443", "It will return the HTML of the google home page."));
  }

  // ------------------------------------------------------------------------------------------------------------
  // Labels (network-policy/get-started/calico-policy/calico-labels.mdx)

  @Test
  @DisplayName("calico-labels > Labels for matching namespaces (foo-and-bar), and its equivalent by endpoint labels")
  void fooAndBar() {
    Cluster c = cluster()
        .namespace("foo")
        .namespace("bar")
        .namespace("baz")
        .namespace("qux")
        .pod("foo/red", N1, "color=red")
        .pod("bar/red", N1, "color=red")
        .pod("foo/blue", N1, "color=blue")
        .pod("qux/red", N1, "color=red")
        .pod("baz/client", N1, "app=client")
        .pod("qux/client", N1, "app=client")
        .build();
    // As printed, the rule has a numeric port and no protocol, which Calico's validator refuses.
    assertThatThrownBy(() -> evaluator(List.of("labels-foo-and-bar.yaml"), c))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("spec.ingress[0]: rules with numeric port or port range must set protocol");
    String page = "the following GlobalNetworkPolicy applies to workloads with label, color: red in namespaces named,"
        + " \"foo\" and \"bar\". The policy allows ingress traffic to port 8080 from all workloads in a third namespace"
        + " named, \"baz\"";
    for (String file : List.of("labels-foo-and-bar-tcp.yaml", "labels-foo-and-bar-by-namespace-label-tcp.yaml")) {
      check(file, c,
          allows("baz/client -> foo/red tcp/8080", page),
          allows("baz/client -> bar/red tcp/8080", page),
          denies("baz/client -> foo/red tcp/9090", page),
          denies("qux/client -> foo/red tcp/8080", page),
          denies("ext:outside -> foo/red tcp/8080", page),
          allows("qux/client -> qux/red tcp/9090", page),
          allows("qux/client -> foo/blue tcp/9090", page));
    }
  }

  // ------------------------------------------------------------------------------------------------------------
  // Namespaces and service accounts (network-policy/policy-rules/)

  @Test
  @DisplayName("namespace-policy > Use Kubernetes RBAC to control namespace label assignment")
  void restrictDevelopmentAccess() {
    Cluster c = cluster()
        .namespace("dev-a", "environment=development")
        .namespace("dev-b", "environment=development")
        .namespace("prod", "environment=production")
        .pod("dev-a/app", N1)
        .pod("dev-b/app", N1)
        .pod("prod/app", N1)
        .build();
    String page = "users in the development environment can communicate only with pods that have a namespace labeled,"
        + " environment == \"development\".";
    check("namespace-restrict-development-access.yaml", c,
        allows("dev-a/app -> dev-b/app tcp/80", page),
        denies("dev-a/app -> prod/app tcp/80", page),
        denies("prod/app -> dev-a/app tcp/80", page),
        denies("dev-a/app -> ext:outside tcp/443", page),
        allows("prod/app -> ext:outside tcp/443", NO_POLICY));
  }

  @Test
  @DisplayName("namespace-policy > Control traffic to/from endpoints in a namespace (the second example)")
  void allowFromOtherNamespacesBySelector() {
    Cluster c = cluster()
        .namespace("production")
        .namespace("circles", "shape=circle")
        .pod("production/red", N1, "color=red")
        .pod("production/blue", N1, "color=blue")
        .pod("circles/blue", N1, "color=blue")
        .pod("circles/green", N1, "color=green")
        .build();
    String page = "ingress traffic is also allowed from endpoints with color: blue in namespaces with shape: circle.";
    check("namespace-allow-tcp-6379-as-felix-reads-it.yaml", c,
        allows("circles/blue -> production/red tcp/6379", page),
        denies("circles/green -> production/red tcp/6379", page),
        denies("circles/blue -> production/red tcp/80", page),
        // The page's "also" reads as if blue pods of production stayed allowed; but a rule's namespaceSelector
        // replaces the policy's namespace (rules.go getEndpointSelector), and production has no shape: circle.
        denies("production/blue -> production/red tcp/6379", "rules.go: the namespaceSelector, when given, is the"
            + " scope of the rule's selector"));
  }

  @Test
  @DisplayName("service-accounts > Limit ingress traffic for workloads by service account name, and by label")
  void serviceAccountsByNameAndByLabel() {
    Cluster c = cluster()
        .namespace("prod-engineering")
        .pod("prod-engineering/db", N1, "app=db")
        .podAs("prod-engineering/api", "api-service", N1, "app=api")
        .podAs("prod-engineering/auth", "user-auth-service", N1, "app=auth")
        .podAs("prod-engineering/web", "web", N1, "app=web")
        .podAs("default/api", "api-service", N1, "app=api")
        .build();
    String page = "ingress traffic is allowed from any workload whose service account matches the names api-service or"
        + " user-auth-service.";
    check("service-accounts-demo-calico-as-felix-reads-it.yaml", c,
        allows("prod-engineering/api -> prod-engineering/db tcp/5432", page),
        allows("prod-engineering/auth -> prod-engineering/db tcp/5432", page),
        denies("prod-engineering/web -> prod-engineering/db tcp/5432", page),
        // a namespaced policy's service account match is restricted to its namespace (rules.go)
        denies("default/api -> prod-engineering/db tcp/5432", page));
    // The cluster model holds a service account's name, not its labels: the selector by label is not judged.
    assertThatThrownBy(() -> evaluator(List.of("service-accounts-by-label.yaml"), c))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the label 'app' of a service account is not judged");
  }

  // ------------------------------------------------------------------------------------------------------------
  // ICMP and log rules (network-policy/policy-rules/)

  @Test
  @DisplayName("icmp-ping > Deny all ICMP, all workloads and host endpoints; Allow ICMP ping")
  void icmpPing() {
    Cluster c = cluster()
        .pod("default/a", N1, "app=a")
        .pod("default/b", N1, "app=b")
        .pod("default/v6", N1, "app=v6")
        .build();
    String blockAll = "all workloads and host endpoints are blocked from sending or receiving ICMPv4 and ICMPv6"
        + " messages.";
    String defaultDeny = "It enables a default deny for all workloads and host endpoints, in addition to the explicit"
        + " ICMP deny rules specified in the policy.";
    check("icmp-block-icmp.yaml", c,
        denies("default/a -> default/b icmp type 8", blockAll),
        denies("ext:outside -> default/a icmp type 3 code 4", blockAll),
        denies("default/a -> default/b tcp/80", defaultDeny));
    String ping = "workloads and host endpoints can receive ICMPv4 type 8 and ICMPv6 type 128 ping requests that come"
        + " from other workloads and host endpoints.";
    check("icmp-allow-ping-in-cluster.yaml", c,
        allows("default/a -> default/b icmp type 8", ping),
        allows("default/a -> default/b icmpv6 type 128", ping),
        denies("default/a -> default/b icmp type 13", "If traffic is not explicitly allowed, it will be denied by"
            + " default."),
        denies("default/a -> default/b tcp/80", "If traffic is not explicitly allowed, it will be denied by default."),
        // source selector all() matches endpoints only: an address outside the cluster is not one
        denies("ext:outside -> default/a icmp type 8", ping),
        allows("default/a -> ext:outside tcp/443", "Egress traffic is not affected, and default deny is not enforced"
            + " for egress."));
    // in the order the page says: "specify a lower order (order:200) than regular policies that might allow traffic"
    check(List.of("icmp-block-icmp.yaml", "icmp-allow-ping-in-cluster.yaml"), c,
        denies("default/a -> default/b icmp type 8", ALLOW_OR_DENY_ENDS));
  }

  @Test
  @DisplayName("icmp-ping > Allow ICMP matching protocol type and code, all Kubernetes pods")
  void allowHostUnreachable() {
    Cluster c = cluster()
        .pod("default/a", N1, "app=a")
        .build();
    // As printed, the selector's value is 'kubernetes', and Calico labels a pod k8s: the policy selects no pod.
    check("icmp-allow-host-unreachable.yaml", c,
        allows("ext:outside -> default/a tcp/80", NO_POLICY),
        allows("ext:outside -> default/a icmp type 3 code 0", NO_POLICY));
    String page = "only Kubernetes pods that match the selector ... are allowed to receive ICMPv4 code: 1 host"
        + " unreachable messages.";
    check("icmp-allow-host-unreachable-k8s.yaml", c,
        allows("ext:outside -> default/a icmp type 3 code 1", page),
        denies("ext:outside -> default/a icmp type 3 code 0", page),
        denies("ext:outside -> default/a tcp/80", TIER_DROPS));
  }

  @Test
  @DisplayName("log-rules > Log all traffic for a cluster, and the guideline to pair a Log with an Allow")
  void logEverything() {
    Cluster c = cluster()
        .pod("default/a", N1, "app=a")
        .pod("default/b", N1, "app=b")
        .build();
    String guideline = "Always pair a log action with an explicit Allow rule immediately after it. Otherwise, traffic"
        + " may be denied due to the tier's implicit default action.";
    check("log-everything-in-cluster.yaml", c,
        denies("default/a -> default/b tcp/80", guideline),
        denies("default/a -> ext:outside tcp/443", guideline));
    String logs = "After a Log action, processing continues with the next rule";
    check("log-everything-then-allow.yaml", c,
        allows("default/a -> default/b tcp/80", logs),
        allows("ext:outside -> default/a tcp/443", logs));
  }

  // ------------------------------------------------------------------------------------------------------------
  // Harness

  private static void check(String file, Cluster cluster, Expectation... expectations) {
    check(List.of(file), cluster, expectations);
  }

  private static void check(List<String> files, Cluster cluster, Expectation... expectations) {
    checkYaml(files.stream().map(CalicoDocumentationExamplesTest::resource).toList(), cluster, expectations);
  }

  /** Judges every flow on the objects and lists every flow whose verdict is not the page's. */
  private static void checkYaml(List<String> texts, Cluster cluster, Expectation... expectations) {
    Evaluator evaluator = new CalicoEvaluator().evaluator(documents(texts), cluster);
    List<String> wrong = DocumentedFlows.misjudged(evaluator, cluster, expectations);
    assertThat(wrong).as("flows judged otherwise than the documentation").isEmpty();
  }

  private static Evaluator evaluator(List<String> files, Cluster cluster) {
    return new CalicoEvaluator().evaluator(
        documents(files.stream().map(CalicoDocumentationExamplesTest::resource).toList()), cluster);
  }

  private static io.netlingua.eval.Flow flow(String text, Cluster cluster) {
    FlowSyntax.Result parsed = FlowSyntax.parse(text, cluster);
    assertThat(parsed.error()).as(text).isEmpty();
    return parsed.flow().orElseThrow();
  }

  /** A GlobalNetworkPolicy written in a test. */
  private static String gnp(String name, String spec) {
    return CalicoEvaluatorTest.gnp(name, spec);
  }

  private static String resource(String file) {
    try (InputStream in = CalicoDocumentationExamplesTest.class.getResourceAsStream("docs/" + file)) {
      assertThat(in).as("fixture " + file).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every YAML document of the texts, as an emitter would return it. */
  private static List<EmittedDocument> documents(List<String> texts) {
    List<EmittedDocument> out = new ArrayList<>();
    for (String text : texts) {
      try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(text)) {
        while (it.hasNext()) {
          JsonNode tree = it.next();
          if (tree == null || tree.isNull() || tree.isMissingNode()) {
            continue;
          }
          out.add(new EmittedDocument(tree.path("apiVersion").asText(), tree.path("kind").asText(),
              Optional.ofNullable(tree.path("metadata").path("namespace").textValue()),
              tree.path("metadata").path("name").asText(), tree, SourceSpan.point("docs", 1, 1, 0)));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out;
  }

  private static DocumentationClusters cluster() {
    return new DocumentationClusters();
  }
}

package io.netlingua.emit.calico;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.netlingua.diagnostics.Diagnostic;
import io.netlingua.dsl.NplParser;
import io.netlingua.dsl.ParseResult;
import io.netlingua.emit.Compilation;
import io.netlingua.emit.EmittedDocument;
import io.netlingua.emit.Emitters;
import io.netlingua.emit.Evaluators;
import io.netlingua.emit.FlowJudge;
import io.netlingua.eval.Cluster;
import io.netlingua.eval.External;
import io.netlingua.eval.FlowProtocol;
import io.netlingua.eval.IpAddress;
import io.netlingua.eval.Node;
import io.netlingua.eval.Pod;
import io.netlingua.eval.PortSpec;
import io.netlingua.eval.Service;
import io.netlingua.eval.Verdict;
import io.netlingua.eval.Verdict.Reason;
import io.netlingua.model.Action;
import io.netlingua.model.SourceSpan;
import io.netlingua.targets.Options;
import io.netlingua.targets.Target;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Calico evaluator ({@link CalicoEvaluator}) on hand-written Tier and GlobalNetworkPolicy objects, one test per
 * rule of its reading, each with a flow the rule lets through and one it stops, and the upstream behaviour it
 * follows. Sources, cited by the short names in the tests (projectcalico/calico at v3.32.1, commit
 * 0ca9d1b93644778cafdf1812f3dda02ac0c361e8, unless a tigera/docs page is named):
 *
 * <ul>
 *   <li>{@code tier.mdx}: tigera/docs {@code calico_versioned_docs/version-3.32/reference/resources/tier.mdx} @
 *       60856950ca983ed5ae28b44ba2126bd31955d675 ("How policy is evaluated"); {@code _rule.mdx} and {@code
 *       _entityrule.mdx}: {@code _includes/content/} @ 7581f8e3f084114deec35f84d1276a39f1df6d6e and
 *       51b1dcd1792fd30001364ac15e5e635b58640ab2;
 *   <li>{@code endpoints.go}: {@code felix/rules/endpoints.go} (tiers, Pass, the end-of-tier drop, profiles);
 *       {@code policy.go}: {@code felix/rules/policy.go} ({@code FilterRuleToIPVersion}, {@code
 *       CombineMatchAndActionsForProtoRule}); {@code static.go}: {@code felix/rules/static.go};
 *   <li>{@code policy_sorter.go}: {@code felix/calc/policy_sorter.go} ({@code TierLess}, {@code PolKVLess});
 *       {@code rule_scanner.go}: {@code felix/calc/rule_scanner.go} (services as IP and port sets);
 *   <li>{@code rules.go}, {@code gnp processor}: {@code libcalico-go/lib/backend/syncersv1/updateprocessors/
 *       rules.go} and {@code globalnetworkpolicyprocessor.go}; {@code conversion}: {@code
 *       libcalico-go/lib/backend/k8s/conversion/} ({@code workload_endpoint_default.go}, {@code conversion.go});
 *   <li>{@code defaults}: {@code api/pkg/defaults/networkpolicy.go}; {@code validator.go}: {@code
 *       libcalico-go/lib/validator/v3/validator.go}; {@code match.go}: {@code app-policy/checker/match.go}.
 * </ul>
 *
 * <p>The cluster: namespaces shop (team=blue), other (team=red), default and kube-system; pods shop/api (app=api,
 * service account api-sa, node n1, named ports http 8080 and metrics 9090), shop/web (app=web, web-sa, n1), shop/db
 * (app=db, n2, pg 5432), other/client (app=web, n2), other/api (app=api, n2, http 9000); nodes n1, n2 and cp (the
 * API server's node); externals out (203.0.113.7), out6 (2001:db8::7) and apiserver (192.0.2.1, the API server
 * outside the cluster); Service shop/api-svc (app=api, cluster IP 10.96.0.10, port 8080).
 */
class CalicoEvaluatorTest {
  private static final FlowProtocol TCP = FlowProtocol.TCP;

  private static final Cluster CLUSTER = base().build();

  private static IpAddress ip(String text) {
    return IpAddress.parse(text);
  }

  private static Cluster.Builder base() {
    return Cluster.builder()
        .namespace("shop", Map.of("team", "blue"))
        .namespace("other", Map.of("team", "red"))
        .namespace("default", Map.of())
        .namespace("kube-system", Map.of())
        .pod(new Pod("api", "shop", Map.of("app", "api"), ip("10.1.0.10"), "api-sa", "n1",
            List.of(PortSpec.named("http", 8080, TCP), PortSpec.named("metrics", 9090, TCP))))
        .pod(new Pod("web", "shop", Map.of("app", "web"), ip("10.1.0.11"), "web-sa", "n1", List.of()))
        .pod(new Pod("db", "shop", Map.of("app", "db"), ip("10.1.0.12"), "default", "n2",
            List.of(PortSpec.named("pg", 5432, TCP))))
        .pod(new Pod("client", "other", Map.of("app", "web"), ip("10.1.1.10"), "default", "n2", List.of()))
        .pod(new Pod("api", "other", Map.of("app", "api"), ip("10.1.1.11"), "default", "n2",
            List.of(PortSpec.named("http", 9000, TCP))))
        .node("n1", "10.0.0.1")
        .node("n2", "10.0.0.2")
        .node(new Node("cp", ip("10.0.0.3"), Map.of(), true))
        .external("out", "203.0.113.7", null)
        .external("out6", "2001:db8::7", null)
        .external(new External("apiserver", ip("192.0.2.1"), Optional.empty(), true))
        .service(new Service("api-svc", "shop", Map.of("app", "api"), Optional.of(ip("10.96.0.10")),
            List.of(PortSpec.of(8080, TCP))));
  }

  // ---- objects and verdicts ----

  /** A GlobalNetworkPolicy of that name and {@code spec}. */
  static String gnp(String name, String spec) {
    return "apiVersion: projectcalico.org/v3\nkind: GlobalNetworkPolicy\nmetadata:\n  name: " + name + "\nspec:\n"
        + spec.indent(2);
  }

  /** A Tier of that name and {@code spec}. */
  static String tier(String name, String spec) {
    return "apiVersion: projectcalico.org/v3\nkind: Tier\nmetadata:\n  name: " + name + "\nspec:\n" + spec.indent(2);
  }

  /** The document a YAML object makes, as an emitter would return it. */
  static EmittedDocument document(String yaml) {
    JsonNode tree = CalicoFixtures.parseYaml(yaml);
    return new EmittedDocument(tree.path("apiVersion").asText(), tree.path("kind").asText(), Optional.empty(),
        tree.path("metadata").path("name").asText(), tree, SourceSpan.point("test.yaml", 1, 1, 0));
  }

  private static FlowJudge judge(String... yaml) {
    return judge(CLUSTER, yaml);
  }

  private static FlowJudge judge(Cluster cluster, String... yaml) {
    return FlowJudge.of(new CalicoEvaluator(), cluster, Stream.of(yaml).map(CalicoEvaluatorTest::document).toList());
  }

  /** The name of the policy whose rule decided the side. */
  private static String decidedBy(Verdict.Side side) {
    return side.rule().orElseThrow().policy().name();
  }

  /** An ingress policy of shop/api with these rules, at that order. */
  private static String api(String name, int order, String rules) {
    return gnp(name, "order: " + order + "\nselector: app == 'api'\nnamespaceSelector: projectcalico.org/name =="
        + " 'shop'\ntypes: [Ingress]\ningress:\n" + rules);
  }

  /** An egress policy of app=api pods with one Allow rule of these fields. */
  private static FlowJudge apiEgress(String fields) {
    return judge(gnp("p", "selector: app == 'api'\ntypes: [Egress]\negress:\n- action: Allow\n  " + fields));
  }

  /** An ingress policy of app=db pods with one Allow rule from this source. */
  private static FlowJudge dbIngressFrom(String source) {
    return judge(gnp("p", "selector: app == 'db'\ntypes: [Ingress]\ningress:\n- action: Allow\n  source: " + source));
  }

  // ---- registration ----

  @Test
  void theEvaluatorIsRegisteredForCalico() {
    assertThat(Evaluators.forTarget(Target.CALICO)).hasValueSatisfying(e -> assertThat(e)
        .isInstanceOf(CalicoEvaluator.class));
    assertThat(new CalicoEvaluator().target()).isEqualTo(Target.CALICO);
  }

  // ---- tiers, orders, actions ----

  /** tier.mdx: "Tiers are sorted by their order - smallest number first"; TierLess: absent order last. */
  @Test
  void tiersAreAppliedByOrderAbsentLast() {
    String deny = "- action: Deny\n  source: {selector: app == 'web'}";
    String allow = "- action: Allow\n  source: {selector: app == 'web'}";
    FlowJudge allowFirst = judge(tier("late", "order: 100"), tier("early", "order: 50"),
        gnp("d", "tier: late\nselector: app == 'api'\ntypes: [Ingress]\ningress:\n" + deny),
        gnp("a", "tier: early\nselector: app == 'api'\ntypes: [Ingress]\ningress:\n" + allow));
    assertThat(decidedBy(allowFirst.allows("shop/web -> shop/api tcp/8080").ingress())).isEqualTo("a");
    FlowJudge unordered = judge(tier("late", "{}"), tier("early", "order: 50"),
        gnp("d", "tier: early\nselector: app == 'api'\ntypes: [Ingress]\ningress:\n" + deny),
        gnp("a", "tier: late\nselector: app == 'api'\ntypes: [Ingress]\ningress:\n" + allow));
    assertThat(decidedBy(unordered.denies("shop/web -> shop/api tcp/8080").ingress())).isEqualTo("d");
  }

  /**
   * tier.go: the default tier is order 1,000,000 with defaultAction Deny; a policy without spec.tier is in it. A
   * policy that selects the pod and decides nothing: the tier drops the flow (tier.mdx: "If the Tier applies to the
   * endpoint, but takes no action on the packet the packet is dropped").
   */
  @Test
  void aPolicyWithoutTierIsInTheImplicitDefaultTierWhichDenies() {
    FlowJudge j = judge(gnp("isolate", "selector: app == 'api'\ntypes: [Ingress]"));
    Verdict denied = j.denies("shop/web -> shop/api tcp/8080");
    assertThat(denied.ingress().reason()).isEqualTo(Reason.NO_RULE_MATCHED);
    assertThat(denied.ingress().isolatedBy()).extracting(Verdict.PolicyRef::qualifiedName)
        .containsExactly("cluster/isolate");
    FlowJudge before = judge(tier("first", "order: 10"),
        gnp("isolate", "selector: app == 'api'\ntypes: [Ingress]"),
        gnp("open", "tier: first\nselector: app == 'api'\ntypes: [Ingress]\ningress: [{action: Allow}]"));
    before.allows("shop/web -> shop/api tcp/8080");
  }

  /** clientv3/globalnetworkpolicy.go: "Before creating the policy, check that the tier exists". */
  @Test
  void aPolicyInATierWithoutTierObjectIsRefused() {
    assertThatThrownBy(() -> judge(gnp("p", "tier: security\nselector: all()")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("GlobalNetworkPolicy p").hasMessageContaining("'security' names no Tier");
  }

  /**
   * tier.go KubeAdminTierOrder and tiered-policy.mdx: 3.32 creates kube-admin (order 1,000, Pass) at start-up, so a
   * policy may stand in it without a Tier object; a flow it does not decide goes on to the default tier.
   */
  @Test
  void theBuiltInKubeAdminTierPassesWhatItDoesNotDecide() {
    FlowJudge j = judge(
        gnp("admin", "tier: kube-admin\nselector: app == 'api'\ntypes: [Ingress]\ningress:\n"
            + "- action: Deny\n  source: {selector: app == 'db'}"),
        gnp("app", "selector: app == 'api'\ntypes: [Ingress]\ningress:\n"
            + "- action: Allow\n  source: {selector: app == 'web'}"));
    assertThat(decidedBy(j.denies("shop/db -> shop/api tcp/8080").ingress())).isEqualTo("admin");
    assertThat(decidedBy(j.allows("shop/web -> shop/api tcp/8080").ingress())).isEqualTo("app");
    j.denies("ext:out -> shop/api tcp/8080");
  }

  /** tier.mdx: "Policies in each Tier are then processed in order"; policy_sorter.go: absent order is +Inf. */
  @Test
  void policiesAreAppliedByOrderAbsentLast() {
    String allow = "- action: Allow\n  source: {selector: app == 'web'}";
    String deny = "- action: Deny\n  source: {selector: app == 'web'}";
    FlowJudge allowFirst = judge(api("deny", 20, deny), api("allow", 10, allow));
    assertThat(decidedBy(allowFirst.allows("shop/web -> shop/api tcp/8080").ingress())).isEqualTo("allow");
    FlowJudge denyFirst = judge(api("deny", 10, deny), api("allow", 20, allow));
    assertThat(decidedBy(denyFirst.denies("shop/web -> shop/api tcp/8080").ingress())).isEqualTo("deny");
    FlowJudge unordered = judge(
        gnp("deny", "selector: app == 'api'\ntypes: [Ingress]\ningress:\n" + deny), api("allow", 999999999, allow));
    assertThat(decidedBy(unordered.allows("shop/web -> shop/api tcp/8080").ingress())).isEqualTo("allow");
  }

  /**
   * PolKVLess: policies of one order are taken by the text NAME/NAMESPACE/KIND, NAME//GlobalNetworkPolicy here: "a"
   * before "b", and "a-b" before "a", since '-' sorts before '/'.
   */
  @Test
  void policiesOfOneOrderAreTakenByNameAsFelixComparesThem() {
    String allow = "- action: Allow\n  source: {selector: app == 'web'}";
    String deny = "- action: Deny\n  source: {selector: app == 'web'}";
    assertThat(decidedBy(judge(api("b", 100, allow), api("a", 100, deny))
        .denies("shop/web -> shop/api tcp/8080").ingress())).isEqualTo("a");
    assertThat(decidedBy(judge(api("a", 100, deny), api("a-b", 100, allow))
        .allows("shop/web -> shop/api tcp/8080").ingress())).isEqualTo("a-b");
  }

  /** _rule.mdx: "When multiple rules are specified, they are executed in order"; Allow and Deny "are final". */
  @Test
  void rulesAreAppliedInOrderAndTheFirstAllowOrDenyDecides() {
    FlowJudge j = judge(api("p", 100, """
        - action: Deny
          protocol: TCP
          source: {selector: app == 'web'}
          destination: {ports: [9090]}
        - action: Allow
          source: {selector: app == 'web'}
        - action: Deny
          source: {selector: has(app)}"""));
    assertThat(j.denies("shop/web -> shop/api tcp/9090").ingress().rule().orElseThrow().action())
        .isEqualTo(Action.DENY);
    assertThat(j.allows("shop/web -> shop/api tcp/8080").ingress().rule().orElseThrow().action())
        .isEqualTo(Action.ALLOW);
    j.denies("shop/db -> shop/api tcp/8080");
  }

  /** tier.mdx: "If a ... GlobalNetworkPolicy in the Tier Allows or Denies the packet, then evaluation is done". */
  @Test
  void anAllowOrADenyEndsEvaluationInEveryTier() {
    String first = tier("first", "order: 10");
    FlowJudge allowed = judge(first,
        gnp("a", "tier: first\nselector: app == 'api'\ningress: [{action: Allow, source: {selector: app == 'web'}}]"),
        api("d", 1, "- action: Deny"));
    assertThat(decidedBy(allowed.allows("shop/web -> shop/api tcp/8080").ingress())).isEqualTo("a");
    FlowJudge denied = judge(first,
        gnp("d", "tier: first\nselector: app == 'api'\ningress: [{action: Deny, source: {selector: app == 'web'}}]"),
        api("a", 1, "- action: Allow"));
    assertThat(decidedBy(denied.denies("shop/web -> shop/api tcp/8080").ingress())).isEqualTo("d");
    // the first tier selects shop/api and decides nothing for shop/db: it drops the flow before the default tier
    j(denied.denies("shop/db -> shop/api tcp/8080"), Reason.NO_RULE_MATCHED);
  }

  /**
   * tier.mdx: a Pass "the next Tier containing a Policy that applies to the endpoint processes the packet";
   * endpoints.go skips the rest of the tier's policies once the pass mark is set, so a later Deny of the tier is
   * never met, and the tier's end-of-tier drop is not applied.
   */
  @Test
  void aPassEndsTheTierAndTheNextTierDecides() {
    FlowJudge j = judge(tier("security", "order: 10"),
        gnp("s1", "tier: security\norder: 1\nselector: app == 'api'\ningress:\n"
            + "- action: Pass\n  source: {selector: app == 'web'}\n- action: Deny"),
        gnp("s2", "tier: security\norder: 2\nselector: app == 'api'\ningress: [{action: Deny}]"),
        api("app", 1, "- action: Allow\n  source: {namespaceSelector: projectcalico.org/name == 'shop'}"));
    assertThat(decidedBy(j.allows("shop/web -> shop/api tcp/8080").ingress())).isEqualTo("app");
    assertThat(decidedBy(j.denies("shop/db -> shop/api tcp/8080").ingress())).isEqualTo("s1");
    FlowJudge last = judge(tier("security", "order: 10"),
        gnp("s1", "tier: security\nselector: app == 'api'\ningress: [{action: Pass}]"));
    Verdict passed = last.allows("shop/db -> shop/api tcp/8080");
    assertThat(passed.ingress().reason()).isEqualTo(Reason.NOT_ISOLATED);
    assertThat(passed.notes()).singleElement().asString()
        .contains("tier security (a Pass rule of GlobalNetworkPolicy s1)", "profile of namespace shop");
  }

  /**
   * _rule.mdx: "After a Log action, processing continues with the next rule"; log-rules.mdx: "Always pair a log
   * action with an explicit Allow rule ... Otherwise, traffic may be denied due to the tier's implicit default
   * action."
   */
  @Test
  void aLogRuleGoesOn() {
    j(judge(api("p", 100, "- action: Log")).denies("shop/web -> shop/api tcp/8080"), Reason.NO_RULE_MATCHED);
    FlowJudge paired = judge(api("p", 100, "- action: Log\n- action: Allow\n  source: {selector: app == 'web'}"));
    assertThat(paired.allows("shop/web -> shop/api tcp/8080").ingress().rule().orElseThrow().action())
        .isEqualTo(Action.ALLOW);
    paired.denies("shop/db -> shop/api tcp/8080");
  }

  private static void j(Verdict v, Reason ingress) {
    assertThat(v.ingress().reason()).isEqualTo(ingress);
  }

  /**
   * tier.mdx: the drop "can be changed by setting the defaultAction of a tier to Pass"; and a tier none of whose
   * policies applies to the endpoint is skipped, end-of-tier drop included (tiered-policy.mdx, "Policy endpoint
   * matching across tiers").
   */
  @Test
  void aTierDropsWhatItDoesNotDecideUnlessItsDefaultActionIsPass() {
    String app = api("app", 1, "- action: Allow\n  source: {selector: app == 'web'}");
    String platform = gnp("platform", "tier: platform\nselector: app == 'api'\ntypes: [Ingress]\ningress:\n"
        + "- action: Deny\n  source: {selector: app == 'db'}");
    FlowJudge deny = judge(tier("platform", "order: 10"), platform, app);
    Verdict dropped = deny.denies("shop/web -> shop/api tcp/8080");
    assertThat(dropped.ingress().reason()).isEqualTo(Reason.NO_RULE_MATCHED);
    assertThat(dropped.ingress().isolatedBy()).extracting(Verdict.PolicyRef::name).containsExactly("platform", "app");
    FlowJudge pass = judge(tier("platform", "order: 10\ndefaultAction: Pass"), platform, app);
    assertThat(decidedBy(pass.allows("shop/web -> shop/api tcp/8080").ingress())).isEqualTo("app");
    assertThat(decidedBy(pass.denies("shop/db -> shop/api tcp/8080").ingress())).isEqualTo("platform");
    FlowJudge elsewhere = judge(tier("platform", "order: 10"),
        gnp("platform", "tier: platform\nselector: app == 'db'\ntypes: [Ingress]"), app);
    assertThat(decidedBy(elsewhere.allows("shop/web -> shop/api tcp/8080").ingress())).isEqualTo("app");
  }

  /** conversion.go NamespaceToProfile: the namespace's profile allows ingress and egress when no tier applies. */
  @Test
  void aPodNoPolicySelectsIsAllowedByItsProfile() {
    FlowJudge j = judge(api("p", 100, "- action: Deny"));
    Verdict v = j.allows("shop/api -> shop/web tcp/8080");
    assertThat(v.egress().reason()).isEqualTo(Reason.NOT_ISOLATED);
    assertThat(v.ingress().reason()).isEqualTo(Reason.NOT_ISOLATED);
    assertThat(v.ingress().isolatedBy()).isEmpty();
    assertThat(v.notes()).isEmpty();
    // Allow in and out, from every namespace (where tiered-policy.mdx's table says "Allow ingress from same
    // Kubernetes namespace")
    j.allows("other/client -> shop/web tcp/8080");
  }

  // ---- types ----

  /** defaults: no egress rules -> Ingress (even without ingress rules); egress rules only -> Egress; both -> both. */
  @Test
  void typesAreDefaultedAsCalicoDoes() {
    FlowJudge none = judge(gnp("p", "selector: app == 'api'"));
    none.denies("shop/web -> shop/api tcp/8080");
    none.allows("shop/api -> shop/web tcp/8080");
    FlowJudge ingressOnly = judge(gnp("p", "selector: app == 'api'\ningress: [{action: Allow, source: {selector: "
        + "app == 'web'}}]"));
    ingressOnly.allows("shop/api -> ext:out tcp/443");
    ingressOnly.denies("shop/db -> shop/api tcp/8080");
    FlowJudge egressOnly = judge(gnp("p", "selector: app == 'api'\negress: [{action: Allow, destination: {selector: "
        + "app == 'web'}}]"));
    egressOnly.allows("shop/db -> shop/api tcp/8080");
    egressOnly.denies("shop/api -> ext:out tcp/443");
    FlowJudge both = judge(gnp("p", "selector: app == 'api'\ningress: [{action: Allow, source: {selector: app == "
        + "'web'}}]\negress: [{action: Allow, destination: {selector: app == 'web'}}]"));
    both.denies("shop/db -> shop/api tcp/8080");
    both.denies("shop/api -> ext:out tcp/443");
  }

  /** Types as written: a direction not listed is not governed, whatever rules the object holds for it. */
  @Test
  void typesAsWrittenDecideTheDirectionsGoverned() {
    FlowJudge j = judge(gnp("p", "selector: app == 'api'\ntypes: [Egress]\ningress: [{action: Deny}]\n"
        + "egress: [{action: Allow, destination: {selector: app == 'web'}}]"));
    assertThat(j.allows("shop/db -> shop/api tcp/8080").ingress().reason()).isEqualTo(Reason.NOT_ISOLATED);
    j.denies("shop/api -> shop/db tcp/5432");
  }

  // ---- selecting ----

  /**
   * conversion (workload_endpoint_default.go, NamespaceToProfile): a pod's endpoint carries its labels,
   * projectcalico.org/namespace, /orchestrator (k8s), /serviceaccount, and pcns.KEY for its namespace's labels,
   * pcns.projectcalico.org/name included.
   */
  @Test
  void aSelectorSeesTheLabelsCalicoGivesTheEndpoint() {
    for (String selector : List.of("projectcalico.org/namespace == 'shop' && app == 'api'",
        "projectcalico.org/orchestrator == 'k8s' && projectcalico.org/serviceaccount == 'api-sa'",
        "pcns.team == 'blue' && app == 'api'", "pcns.projectcalico.org/name == 'shop' && has(app) && app != 'web'"
            + " && app != 'db'", "pcns.kubernetes.io/metadata.name == 'shop' && app == 'api'")) {
      FlowJudge j = judge(gnp("p", "selector: " + selector + "\ntypes: [Ingress]"));
      j.denies("shop/web -> shop/api tcp/8080");
      j.allows("shop/api -> other/api tcp/9000");
      j.allows("shop/api -> shop/web tcp/8080");
    }
  }

  /**
   * gnp processor: "(selector) && pcns.NAMESPACESELECTOR", matched over the namespace's labels and
   * projectcalico.org/name; all() is every namespace (has(projectcalico.org/namespace)).
   */
  @Test
  void theSubjectIsTheSelectorAndTheNamespaceSelector() {
    FlowJudge named = judge(gnp("p", "selector: app == 'api'\nnamespaceSelector: projectcalico.org/name == 'other'"));
    named.denies("shop/web -> other/api tcp/9000");
    named.allows("shop/web -> shop/api tcp/8080");
    FlowJudge labelled = judge(gnp("p", "selector: app == 'api'\nnamespaceSelector: team == 'blue'"));
    labelled.denies("shop/web -> shop/api tcp/8080");
    labelled.allows("shop/web -> other/api tcp/9000");
    FlowJudge all = judge(gnp("p", "namespaceSelector: all()"));
    all.denies("shop/web -> shop/api tcp/8080");
    all.denies("shop/web -> other/api tcp/9000");
    FlowJudge byK8sName = judge(gnp("p", "namespaceSelector: kubernetes.io/metadata.name != 'shop'"));
    byK8sName.allows("shop/web -> shop/api tcp/8080");
    byK8sName.denies("shop/web -> other/api tcp/9000");
  }

  /** validator.go: "global() can only be used in an EntityRule namespaceSelector". */
  @Test
  void globalInThePolicysOwnSelectorsIsRefused() {
    assertThatThrownBy(() -> judge(gnp("p", "namespaceSelector: global()")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("GlobalNetworkPolicy p: spec.namespaceSelector: global() can only be used");
  }

  /**
   * rules.go getEndpointSelector: in a GlobalNetworkPolicy a rule selector without a namespaceSelector is not
   * restricted to a namespace (calico-labels.mdx: "resources in any namespace"); with one, the two are ANDed; a
   * namespaceSelector alone is every pod of those namespaces; all() is every pod, global() none.
   */
  @Test
  void aRuleSelectorIsScopedByItsNamespaceSelectorOnly() {
    FlowJudge anyNamespace = dbIngressFrom("{selector: app == 'web'}");
    anyNamespace.allows("shop/web -> shop/db tcp/5432");
    anyNamespace.allows("other/client -> shop/db tcp/5432");
    anyNamespace.denies("shop/api -> shop/db tcp/5432");
    FlowJudge scoped = dbIngressFrom("{selector: app == 'web', namespaceSelector: team == 'blue'}");
    scoped.allows("shop/web -> shop/db tcp/5432");
    scoped.denies("other/client -> shop/db tcp/5432");
    FlowJudge namespaceOnly = dbIngressFrom("{namespaceSelector: projectcalico.org/name == 'other'}");
    namespaceOnly.allows("other/api -> shop/db tcp/5432");
    namespaceOnly.denies("shop/web -> shop/db tcp/5432");
    FlowJudge all = dbIngressFrom("{namespaceSelector: all()}");
    all.allows("other/client -> shop/db tcp/5432");
    all.denies("node:n1 -> shop/db tcp/5432");
    all.denies("ext:out -> shop/db tcp/5432");
    FlowJudge global = dbIngressFrom("{namespaceSelector: global()}");
    global.denies("other/client -> shop/db tcp/5432");
  }

  /**
   * CalicoSelector (ast.go LabelNeValueNode, LabelNotInSetNode): != and not in match an endpoint without the label;
   * a selector matches endpoints only (_entityrule.mdx: "selectors only match (known) resources"), never a node or
   * an external address.
   */
  @Test
  void negativeSelectorsMatchPodsWithoutTheLabelAndOnlyPods() {
    FlowJudge j = judge(gnp("p", "selector: app == 'db'\ntypes: [Ingress]\ningress:\n- action: Allow\n  source: "
        + "{selector: \"tier != 'web' && color not in {'red'}\"}"));
    j.allows("shop/web -> shop/db tcp/5432");
    j.denies("ext:out -> shop/db tcp/5432");
    j.denies("node:n1 -> shop/db tcp/5432");
  }

  /**
   * rules.go parseServiceAccounts: names become projectcalico.org/serviceaccount in {...}, the selector is matched
   * over the service account's labels (pcsa.), the two ANDed, and with the namespaceSelector; the model holds a
   * service account's name only, so a selector on another label is refused.
   */
  @Test
  void serviceAccountsMatchNamesAndTheNameLabelInTheirNamespaces() {
    FlowJudge names = dbIngressFrom("{serviceAccounts: {names: [web-sa, default]}, namespaceSelector: "
        + "projectcalico.org/name == 'shop'}");
    names.allows("shop/web -> shop/db tcp/5432");
    names.denies("shop/api -> shop/db tcp/5432");
    names.denies("other/client -> shop/db tcp/5432");
    FlowJudge both = dbIngressFrom("{serviceAccounts: {names: [web-sa, api-sa], selector: "
        + "projectcalico.org/name != 'api-sa'}}");
    both.allows("shop/web -> shop/db tcp/5432");
    both.denies("shop/api -> shop/db tcp/5432");
    assertThatThrownBy(() -> dbIngressFrom("{serviceAccounts: {selector: role == 'intern'}}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("spec.ingress[0].source.serviceAccounts.selector: the label 'role' of a service"
            + " account is not judged");
  }

  // ---- nets ----

  /** _entityrule.mdx: nets "Match packets with IP in any of the listed CIDRs", pods and nodes included. */
  @Test
  void netsMatchEveryAddressPodsAndNodesIncluded() {
    FlowJudge j = apiEgress("destination: {nets: [10.0.0.0/8], notNets: [10.1.1.0/24]}");
    j.allows("shop/api -> shop/db tcp/5432");
    j.allows("shop/api -> node:n2 tcp/10250");
    j.denies("shop/api -> other/client tcp/80");
    j.denies("shop/api -> ext:out tcp/443");
  }

  /**
   * policy.go FilterRuleToIPVersion: a rule whose nets hold no CIDR of the flow's family is not rendered for it, nor
   * one whose notNets hold only the other family, nor one with a catch-all in notNets ("Ignoring rule with negated
   * catch-all CIDR"); ipVersion restricts the rule to its family.
   */
  @Test
  void rulesAreRenderedPerFamily() {
    FlowJudge v4 = apiEgress("destination: {nets: [0.0.0.0/0]}");
    v4.allows("shop/api -> ext:out tcp/443");
    v4.denies("shop/api -> ext:out6 tcp/443");
    FlowJudge otherFamilyNotNets = apiEgress("destination: {notNets: [10.0.0.0/8]}");
    otherFamilyNotNets.allows("shop/api -> ext:out tcp/443");
    otherFamilyNotNets.denies("shop/api -> ext:out6 tcp/443");
    FlowJudge catchAll = apiEgress("destination: {notNets: ['::/0']}");
    catchAll.denies("shop/api -> ext:out6 tcp/443");
    catchAll.denies("shop/api -> ext:out tcp/443");
    FlowJudge version = apiEgress("ipVersion: 6");
    version.allows("shop/api -> ext:out6 tcp/443");
    version.denies("shop/api -> ext:out tcp/443");
  }

  /**
   * An ICMP packet is IPv4 and an ICMPv6 packet IPv6, whatever addresses a flow names: a rule of IPv4 nets is not
   * rendered for ICMPv6 (policy.go). A flow between an IPv4 and an IPv6 end, which no packet is, is read end by end:
   * each entity rule in its end's family, ipVersion in the peer's.
   */
  @Test
  void thePacketsFamilyIsItsIcmpVersionElseItsEnds() {
    FlowJudge nets = apiEgress("destination: {nets: [203.0.113.0/24]}");
    nets.allows("shop/api -> ext:out icmp type 8");
    nets.denies("shop/api -> ext:out icmpv6 type 128");
    FlowJudge v6 = apiEgress("ipVersion: 6");
    v6.allows("shop/api -> ext:out6 tcp/443");
    v6.allows("shop/api -> ext:out icmpv6 type 128");
    v6.denies("shop/api -> ext:out icmp type 8");
  }

  /** _entityrule.mdx "Empty match fields": "nets: [] does not stop the rule from matching"; so an empty selector. */
  @Test
  void anEmptyMatchFieldIsNoMatchField() {
    FlowJudge j = apiEgress("destination: {nets: [], selector: '', ports: []}");
    j.allows("shop/api -> ext:out tcp/443");
  }

  // ---- protocols, ICMP, ports ----

  /** _rule.mdx: protocol by name or number, absent: any protocol. */
  @Test
  void aProtocolByNameOrNumberAbsentAny() {
    FlowJudge any = apiEgress("destination: {nets: [203.0.113.0/24]}");
    any.allows("shop/api -> ext:out udp/53");
    any.allows("shop/api -> ext:out icmp type 8");
    FlowJudge number = apiEgress("protocol: 17");
    number.allows("shop/api -> ext:out udp/53");
    number.denies("shop/api -> ext:out tcp/53");
    FlowJudge sctp = apiEgress("protocol: SCTP");
    sctp.allows("shop/api -> ext:out sctp/9");
    sctp.denies("shop/api -> ext:out udp/9");
  }

  /** _icmp.mdx (policy.go ICMPTypeAndCode, ICMPType): type alone matches every code; ICMPv6 is another protocol. */
  @Test
  void icmpMatchesTypeAndCode() {
    FlowJudge j = judge(gnp("p", "selector: app == 'api'\ntypes: [Ingress]\ningress:\n"
        + "- {action: Allow, protocol: ICMP, icmp: {type: 8}}\n"
        + "- {action: Allow, protocol: ICMP, icmp: {type: 3, code: 4}}\n"
        + "- {action: Allow, protocol: ICMPv6, icmp: {type: 128}}"));
    j.allows("ext:out -> shop/api icmp type 8 code 0");
    j.allows("ext:out -> shop/api icmp type 8 code 1");
    j.allows("ext:out -> shop/api icmp type 3 code 4");
    j.denies("ext:out -> shop/api icmp type 3 code 1");
    j.denies("ext:out -> shop/api icmp type 0");
    j.allows("ext:out6 -> shop/api icmpv6 type 128");
    j.denies("ext:out -> shop/api icmpv6 type 8");
    j.denies("ext:out -> shop/api tcp/8080");
  }

  /**
   * _ports.mdx, numorstring/port.go: numbers, "lo:hi" ranges and names; a name resolves on the destination
   * endpoint's port of that name and protocol (rule_scanner.go: named ports as IP-and-port sets).
   */
  @Test
  void portsByNumberRangeAndName() {
    FlowJudge j = judge(gnp("p", "selector: app == 'web'\ntypes: [Egress]\negress:\n"
        + "- {action: Allow, protocol: TCP, destination: {ports: [5432, '9050:9060', http]}}"));
    j.allows("shop/web -> shop/db tcp/5432");
    j.allows("shop/web -> ext:out tcp/9055");
    j.allows("shop/web -> shop/api tcp/8080");
    j.allows("other/client -> other/api tcp/9000");
    j.denies("shop/web -> shop/db tcp/8080");
    j.denies("shop/web -> shop/api tcp/9090");
    j.denies("shop/web -> ext:out udp/5432");
    FlowJudge named = judge(gnp("p", "selector: app == 'web'\ntypes: [Egress]\negress:\n"
        + "- {action: Allow, destination: {ports: [http]}}"));
    named.allows("shop/web -> shop/api tcp/8080");
    named.denies("shop/web -> shop/api udp/8080");
    named.denies("shop/web -> ext:out tcp/8080");
  }

  /** validator.go: "rules with numeric port or port range must set protocol to TCP or UDP or SCTP". */
  @Test
  void aNumericPortWithoutProtocolIsRefused() {
    assertThatThrownBy(() -> judge(gnp("p", "selector: all()\ningress: [{action: Allow, destination: {ports: [80]}}]")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("spec.ingress[0]: rules with numeric port or port range must set protocol");
  }

  // ---- services ----

  /**
   * rule_scanner.go: a destination services match is an IP-and-port set of the Service's endpoints and ports
   * (globalnetworkpolicy.mdx, ServiceMatch), so no ICMP packet is in it; a source services match is the endpoints'
   * addresses, on any port.
   */
  @Test
  void servicesMatchTheEndpointsOnTheServicePortsAsADestination() {
    FlowJudge egress = judge(gnp("p", "selector: app == 'web'\ntypes: [Egress]\negress:\n"
        + "- {action: Allow, destination: {services: {name: api-svc, namespace: shop}}}"));
    egress.allows("shop/web -> shop/api tcp/8080");
    egress.denies("shop/web -> shop/api tcp/9090");
    egress.denies("shop/web -> other/api tcp/9000");
    egress.denies("shop/web -> shop/api icmp type 8");
    FlowJudge ingress = judge(gnp("p", "selector: app == 'db'\ntypes: [Ingress]\ningress:\n"
        + "- {action: Allow, source: {services: {name: api-svc, namespace: shop}}}"));
    ingress.allows("shop/api -> shop/db tcp/5432");
    ingress.allows("shop/api -> shop/db icmp type 8");
    ingress.denies("other/api -> shop/db tcp/5432");
  }

  /**
   * The Service kubernetes in default has the API server's addresses as its endpoints: the ends whose kubeApiserver
   * is set, on the ports of a default/kubernetes Service when the cluster declares one, else on every port.
   */
  @Test
  void theKubernetesServiceIsTheApiServer() {
    String egress = gnp("p", "selector: app == 'web'\ntypes: [Egress]\negress:\n"
        + "- {action: Allow, destination: {services: {name: kubernetes, namespace: default}}}");
    FlowJudge j = judge(egress);
    j.allows("shop/web -> ext:apiserver tcp/6443");
    j.allows("shop/web -> node:cp tcp/443");
    j.denies("shop/web -> node:n1 tcp/6443");
    j.denies("shop/web -> shop/api tcp/8080");
    Cluster declared = base().service(new Service("kubernetes", "default", Map.of(), Optional.of(ip("10.96.0.1")),
        List.of(PortSpec.of(6443, TCP)))).build();
    FlowJudge ports = judge(declared, egress);
    ports.allows("shop/web -> ext:apiserver tcp/6443");
    ports.denies("shop/web -> ext:apiserver tcp/443");
  }

  /** validator.go: "cannot specify ports with a service selector"; services only as egress destination and ingress source. */
  @Test
  void servicesWhereCalicoRefusesThemAreRefused() {
    assertThatThrownBy(() -> judge(gnp("p", "selector: all()\negress: [{action: Allow, protocol: TCP, destination:"
        + " {services: {name: api-svc, namespace: shop}, ports: [8080]}}]")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ports cannot be specified with services");
    assertThatThrownBy(() -> judge(gnp("p", "selector: all()\ningress: [{action: Allow, destination:"
        + " {services: {name: api-svc, namespace: shop}}}]")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("services stands in the source");
  }

  // ---- HTTP ----

  private static FlowJudge http(String match) {
    return judge(gnp("p", "selector: app == 'api'\ntypes: [Ingress]\ningress:\n"
        + "- {action: Allow, protocol: TCP, source: {selector: app == 'web'}, http: " + match + "}"));
  }

  /** match.go matchHTTPMethods: an exact, case-sensitive method, or *; methods ORed, ANDed with the paths. */
  @Test
  void httpMethodsAreExact() {
    FlowJudge j = http("{methods: [GET, HEAD], paths: [{exact: /a}]}");
    j.allows("shop/web -> shop/api tcp/8080 GET /a");
    j.allows("shop/web -> shop/api tcp/8080 HEAD /a");
    j.denies("shop/web -> shop/api tcp/8080 POST /a");
    j.denies("shop/web -> shop/api tcp/8080 GET /b");
    http("{methods: [get]}").denies("shop/web -> shop/api tcp/8080 GET /a");
    http("{methods: ['*']}").allows("shop/web -> shop/api tcp/8080 DELETE /a");
  }

  /**
   * match.go matchHTTPPaths (3.32): both sides normalised (normalizeHTTPPath: query and fragment stripped, escapes
   * decoded once, dot segments and repeated or trailing slashes resolved), exact equal, prefix by segment
   * (segmentPrefixMatch).
   */
  @Test
  void httpPathsAreNormalisedAndPrefixesMatchBySegment() {
    FlowJudge j = http("{paths: [{exact: /admin/}, {prefix: /api}]}");
    j.allows("shop/web -> shop/api tcp/8080 GET /admin");
    j.allows("shop/web -> shop/api tcp/8080 GET /admin?x=1");
    j.allows("shop/web -> shop/api tcp/8080 GET /api");
    j.allows("shop/web -> shop/api tcp/8080 GET /api/v1/orders");
    j.allows("shop/web -> shop/api tcp/8080 GET //api//v1");
    j.allows("shop/web -> shop/api tcp/8080 GET /%61pi/v1");
    j.denies("shop/web -> shop/api tcp/8080 GET /apiary");
    j.denies("shop/web -> shop/api tcp/8080 GET /api/../admin/x");
    j.denies("shop/web -> shop/api tcp/8080 GET /api%252F..%252Fx");
    http("{paths: [{prefix: /}]}").allows("shop/web -> shop/api tcp/8080 GET /anything/at/all");
  }

  /**
   * Flow's contract (a bare connection is no request) and check.go: a rule whose http match refuses the request does
   * not match, and evaluation goes on; a tier that then decides nothing drops the flow, named as refused at L7. An
   * allow without http for the same peer lets every request through.
   */
  @Test
  void aBareConnectionMeetsNoHttpRuleAndAnL4AllowLetsEveryRequestThrough() {
    FlowJudge j = http("{methods: [GET]}");
    Verdict bare = j.denies("shop/web -> shop/api tcp/8080");
    assertThat(bare.ingress().reason()).isEqualTo(Reason.REFUSED_AT_L7);
    assertThat(decidedBy(bare.ingress())).isEqualTo("p");
    j(j.denies("shop/web -> shop/api tcp/8080 POST /x"), Reason.REFUSED_AT_L7);
    j.allows("shop/web -> shop/api tcp/8080 GET /x");
    FlowJudge l4 = judge(gnp("p", "selector: app == 'api'\ntypes: [Ingress]\ningress:\n"
        + "- {action: Allow, protocol: TCP, source: {selector: app == 'web'}, http: {methods: [GET]}}\n"
        + "- {action: Allow, protocol: TCP, source: {selector: app == 'web'}}"));
    l4.allows("shop/web -> shop/api tcp/8080 POST /x");
    l4.allows("shop/web -> shop/api tcp/8080");
    FlowJudge denyAfter = judge(gnp("p", "selector: app == 'api'\ntypes: [Ingress]\ningress:\n"
        + "- {action: Allow, source: {selector: app == 'web'}, http: {methods: [GET]}}\n- action: Deny"));
    j(denyAfter.denies("shop/web -> shop/api tcp/8080 POST /x"), Reason.DENIED_BY_RULE);
  }

  /** globalnetworkpolicy.mdx, Application layer policy: "Only ingress policy is supported"; Allow rules only. */
  @Test
  void httpWhereCalicoRefusesItIsRefused() {
    assertThatThrownBy(() -> judge(gnp("p", "selector: all()\negress: [{action: Allow, http: {methods: [GET]}}]")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http is not allowed in egress rules");
    assertThatThrownBy(() -> judge(gnp("p", "selector: all()\ningress: [{action: Deny, http: {methods: [GET]}}]")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http is only valid on Allow rules");
  }

  // ---- always allowed, and what is policed ----

  /** A connection to the pod's own address stays in its network namespace: no policy sees it. */
  @Test
  void aPodReachesItselfWhateverItsPolicy() {
    FlowJudge j = judge(gnp("p", "selector: app == 'api'\ntypes: [Ingress, Egress]\ningress: [{action: Deny}]\n"
        + "egress: [{action: Deny}]"));
    Verdict self = j.allows("shop/api -> shop/api tcp/8080");
    assertThat(self.egress().reason()).isEqualTo(Reason.NODE_LOCAL);
    assertThat(self.ingress().reason()).isEqualTo(Reason.NODE_LOCAL);
    j.denies("shop/web -> shop/api tcp/8080");
  }

  /**
   * static.go: "We don't currently police host -> endpoint according to the endpoint's ingress policy"; eBPF
   * tc.c: "Host to workload traffic always allowed". Another node is policed, and so is a pod's egress to its own
   * node.
   */
  @Test
  void theLocalNodeAlwaysReachesItsPodsAndEveryOtherNodeFlowIsPoliced() {
    FlowJudge j = judge(gnp("p", "selector: app == 'api'\ntypes: [Ingress, Egress]\ningress: [{action: Deny}]\n"
        + "egress: [{action: Deny}]"));
    Verdict local = j.allows("node:n1 -> shop/api tcp/8080");
    assertThat(local.ingress().reason()).isEqualTo(Reason.NODE_LOCAL);
    assertThat(local.ingress().isolatedBy()).extracting(Verdict.PolicyRef::name).containsExactly("p");
    assertThat(local.egress().reason()).isEqualTo(Reason.NOT_A_POD);
    j(j.denies("node:n2 -> shop/api tcp/8080"), Reason.DENIED_BY_RULE);
    assertThat(j.denies("shop/api -> node:n1 tcp/10250").egress().reason()).isEqualTo(Reason.DENIED_BY_RULE);
  }

  /**
   * globalnetworkpolicy.mdx: on a workload endpoint "the policy is enforced after connection tracking and any DNAT":
   * a flow to a Service's cluster IP is judged toward its first backend pod.
   */
  @Test
  void aFlowToAServiceAddressIsJudgedTowardItsBackend() {
    FlowJudge j = judge(api("p", 100, "- action: Allow\n  source: {selector: app == 'web'}"));
    assertThat(j.allows("shop/web -> ip:10.96.0.10 tcp/8080").ingress().reason()).isEqualTo(Reason.ALLOWED_BY_RULE);
    assertThat(j.denies("shop/db -> ip:10.96.0.10 tcp/8080").ingress().isolatedBy())
        .extracting(Verdict.PolicyRef::qualifiedName).containsExactly("cluster/p");
  }

  /**
   * Through its own Service's cluster IP a pod's traffic leaves it: kube-proxy translates the address on the host,
   * and the hairpinned packet meets the pod's egress policy on the way out and its ingress policy on the way back
   * (Felix's from-workload and to-workload chains, felix/rules/endpoints.go).
   */
  @Test
  void aPodReachingItselfThroughItsServiceIsPoliced() {
    FlowJudge j = judge(gnp("p", "selector: app == 'api'\ntypes: [Egress]"));
    assertThat(j.denies("shop/api -> ip:10.96.0.10 tcp/8080").egress().reason()).isEqualTo(Reason.NO_RULE_MATCHED);
    assertThat(j.allows("shop/api -> shop/api tcp/8080").egress().reason()).isEqualTo(Reason.NODE_LOCAL);
    FlowJudge ingress = judge(api("p", 100, "- action: Allow\n  source: {selector: app == 'web'}"));
    assertThat(ingress.denies("shop/api -> ip:10.96.0.10 tcp/8080").ingress().reason())
        .isEqualTo(Reason.NO_RULE_MATCHED);
  }

  // ---- naming ----

  /**
   * A verdict names the GlobalNetworkPolicy (cluster-scoped: no namespace) and the place of the program's policy its
   * netlingua.io/source annotation records; the rule's action is the Calico action that decided.
   */
  @Test
  void aVerdictNamesThePolicyAndTheSourceOfItsAnnotation() {
    String yaml = "apiVersion: projectcalico.org/v3\nkind: GlobalNetworkPolicy\nmetadata:\n  name: shop-api\n"
        + "  annotations: {netlingua.io/source: 'policies/shop.npl:12'}\nspec:\n  selector: app == 'api'\n"
        + "  ingress: [{action: Deny, source: {selector: app == 'db'}}, {action: Allow}]\n";
    FlowJudge j = judge(yaml);
    Verdict.RuleRef deny = j.denies("shop/db -> shop/api tcp/8080").ingress().rule().orElseThrow();
    assertThat(deny.policy().name()).isEqualTo("shop-api");
    assertThat(deny.policy().namespace()).isEmpty();
    assertThat(deny.action()).isEqualTo(Action.DENY);
    assertThat(deny.span().location()).isEqualTo("policies/shop.npl:12:1");
    assertThat(deny.toString()).isEqualTo("deny rule of policy cluster/shop-api at policies/shop.npl:12:1");
    assertThat(j.allows("shop/web -> shop/api tcp/8080").ingress().rule().orElseThrow().action())
        .isEqualTo(Action.ALLOW);
    assertThat(judge(gnp("plain", "selector: app == 'api'\ningress: [{action: Allow}]"))
        .allows("shop/web -> shop/api tcp/8080").ingress().rule().orElseThrow().span().location())
        .isEqualTo("test.yaml:1:1");
  }

  // ---- staged policies, other documents ----

  /** stagedglobalnetworkpolicy.mdx: staged rules "are used to preview network behavior and do not enforce". */
  @Test
  void aStagedPolicyEnforcesNothingAndIsNoted() {
    String staged = "apiVersion: projectcalico.org/v3\nkind: StagedGlobalNetworkPolicy\nmetadata:\n  name: s\n"
        + "spec:\n  stagedAction: Set\n  selector: app == 'api'\n  types: [Ingress]\n  ingress: [{action: Deny}]\n";
    Verdict v = judge(staged).allows("shop/web -> shop/api tcp/8080");
    assertThat(v.ingress().reason()).isEqualTo(Reason.NOT_ISOLATED);
    assertThat(v.notes()).containsExactly(
        "StagedGlobalNetworkPolicy s selects shop/api for ingress and is staged: it enforces nothing");
    assertThat(judge(staged).allows("shop/api -> shop/web tcp/8080").notes()).isEmpty();
  }

  /**
   * TargetEvaluator: documents of other kinds are ignored, a Kubernetes NetworkPolicy is read as Calico converts
   * it (CalicoReadsNetworkPolicyTest; one without a namespace is refused); but a Calico kind that would police pods
   * or change what selectors match, and that this evaluator does not read, is refused rather than ignored.
   */
  @Test
  void otherDocumentsAreIgnoredAndUnreadCalicoKindsRefused() {
    judge("apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: {name: x, namespace: shop}\n"
        + "spec: {endpointSelector: {}, ingress: []}\n").allows("shop/web -> shop/api tcp/8080");
    judge("apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: x, namespace: shop}\n"
        + "spec: {podSelector: {}}\n").denies("shop/web -> shop/api tcp/8080");
    assertThatThrownBy(() -> judge("apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: x}\n"
        + "spec: {podSelector: {}}\n")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("NetworkPolicy x: no namespace");
    for (String kind : List.of("NetworkPolicy", "HostEndpoint", "GlobalNetworkSet")) {
      assertThatThrownBy(() -> judge("apiVersion: projectcalico.org/v3\nkind: " + kind + "\nmetadata: {name: x}\n"
          + "spec: {}\n")).isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith(kind + " x: the Calico evaluator reads");
    }
  }

  // ---- fields the evaluator cannot judge ----

  static Stream<Arguments> notJudged() {
    return Stream.of(
        Arguments.of(gnp("p", "selector: all()\ndoNotTrack: true\napplyOnForward: true"),
            "GlobalNetworkPolicy p: spec.doNotTrack applies to host endpoints"),
        Arguments.of(gnp("p", "selector: all()\npreDNAT: true\napplyOnForward: true"),
            "GlobalNetworkPolicy p: spec.preDNAT applies to host endpoints"),
        Arguments.of(gnp("p", "selector: all()\napplyOnForward: true"),
            "GlobalNetworkPolicy p: spec.applyOnForward applies to host endpoints"),
        Arguments.of(gnp("p", "serviceAccountSelector: role == 'x'"),
            "GlobalNetworkPolicy p: spec.serviceAccountSelector is not judged"),
        Arguments.of(gnp("p", "selector: all()\ningress: [{action: Allow, source: {notSelector: app == 'x'}}]"),
            "GlobalNetworkPolicy p: spec.ingress[0].source: notSelector is not judged"),
        Arguments.of(gnp("p", "selector: all()\ningress: [{action: Allow, protocol: TCP, destination: {notPorts:"
            + " [80]}}]"), "GlobalNetworkPolicy p: spec.ingress[0].destination: notPorts is not judged"),
        Arguments.of(gnp("p", "selector: all()\negress: [{action: Allow, notProtocol: UDP}]"),
            "GlobalNetworkPolicy p: spec.egress[0]: notProtocol is not judged"),
        Arguments.of(gnp("p", "selector: all()\negress: [{action: Allow, protocol: ICMP, notICMP: {type: 8}}]"),
            "GlobalNetworkPolicy p: spec.egress[0]: notICMP is not judged"),
        Arguments.of(gnp("p", "selector: all()\negress: [{action: Allow, protocol: TCP, source: {ports: [80]}}]"),
            "GlobalNetworkPolicy p: spec.egress[0].source.ports: source ports are not judged"),
        Arguments.of(gnp("p", "selector: app = 'x'"), "GlobalNetworkPolicy p: spec.selector: Calico refuses"),
        Arguments.of(gnp("p", "selector: all()\ningress: [{action: Reject}]"),
            "GlobalNetworkPolicy p: spec.ingress[0]: action is Allow, Deny, Log or Pass"));
  }

  /**
   * The evaluator's own contract (CalicoEvaluator's Javadoc): a field it cannot judge on the cluster model, or one
   * Calico's validator refuses, is an {@link IllegalArgumentException} naming the object and the place, not a
   * verdict that would pretend.
   */
  @ParameterizedTest
  @MethodSource("notJudged")
  void aFieldTheEvaluatorCannotJudgeIsRefusedWithItsPlace(String yaml, String message) {
    assertThatThrownBy(() -> judge(yaml)).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(message);
  }

  // ---- the emitter's output ----

  /**
   * The overlapping allow and deny of CalicoOrderTest (two policies governing the same pods, app=api and tier=web
   * both held), compiled with Emitters.compile in every name order and file order: the evaluator denies what the
   * deny names and allows the rest of the allow, whatever Calico's tie-break by name would do.
   */
  @Test
  void theOverlappingAllowAndDenyDenyInEveryNameAndFileOrder(@TempDir Path dir) throws IOException {
    Cluster cluster = Cluster.builder()
        .namespace("shop", Map.of())
        .pod(new Pod("both", "shop", Map.of("app", "api", "tier", "web"), ip("10.1.0.20"), "default", "n1",
            List.of()))
        .node("n1", "10.0.0.1")
        .external("denied", "203.0.113.200", null)
        .external("allowed", "203.0.113.10", null)
        .build();
    int compiled = 0;
    for (String[] names : new String[][] {{"a", "z"}, {"z", "a"}}) {
      Path allow = Files.writeString(dir.resolve("allow-" + names[0] + ".npl"), CalicoOrderTest.ALLOW.formatted(names[0]));
      Path deny = Files.writeString(dir.resolve("deny-" + names[1] + ".npl"), CalicoOrderTest.DENY.formatted(names[1]));
      for (List<Path> files : List.of(List.of(allow, deny), List.of(deny, allow))) {
        ParseResult parsed = NplParser.create().parse(files);
        assertThat(parsed.diagnostics()).filteredOn(Diagnostic::isError).isEmpty();
        Compilation c = Emitters.compile(parsed.program(), Target.CALICO, Options.defaults());
        assertThat(c.diagnostics()).filteredOn(Diagnostic::isError).isEmpty();
        FlowJudge j = new FlowJudge(new CalicoEvaluator().evaluator(c.documents(), cluster), cluster);
        Verdict denied = j.denies("ext:denied -> shop/both tcp/443");
        assertThat(denied.ingress().reason()).as("%s", files).isEqualTo(Reason.DENIED_BY_RULE);
        assertThat(decidedBy(denied.ingress())).isEqualTo("shop-" + names[1] + "-deny");
        assertThat(decidedBy(j.allows("ext:allowed -> shop/both tcp/443").ingress()))
            .isEqualTo("shop-" + names[0]);
        j.denies("ext:allowed -> shop/both tcp/80");
        compiled++;
      }
      Files.delete(allow);
      Files.delete(deny);
    }
    assertThat(compiled).isEqualTo(4);
  }
}

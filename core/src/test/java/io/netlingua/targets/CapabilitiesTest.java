package io.netlingua.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netlingua.diagnostics.Outcome;
import io.netlingua.targets.Capability.Translation;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The capability tables against SEMANTICS.md section 3 and TARGETS.md sections 1, 4 and 7. Kubernetes rows cite
 * https://kubernetes.io/docs/concepts/services-networking/network-policies/ ("What you can't do with network
 * policies"); Flannel's the flannel-io/flannel README ("Flannel is focused on networking").
 */
class CapabilitiesTest {

  @Test
  void everyTargetDeclaresEveryFeatureInFeatureOrder() {
    for (Target target : Target.values()) {
      Capabilities table = Capabilities.of(target);
      assertThat(table.target()).isEqualTo(target);
      assertThat(table.version()).isEqualTo(target.defaultVersion());
      assertThat(table.all()).extracting(Capability::feature).containsExactly(Feature.values());
      for (Feature f : Feature.values()) {
        assertThat(table.get(f).feature()).isEqualTo(f);
      }
    }
  }

  @Test
  void everyFeatureHasItsOwnCodeAndId() {
    Set<String> codes = new HashSet<>();
    Set<String> ids = new HashSet<>();
    for (Feature f : Feature.values()) {
      assertThat(codes.add(f.code().id())).as("code of %s", f.id()).isTrue();
      assertThat(ids.add(f.id())).as("id %s", f.id()).isTrue();
      assertThat(f.code().id()).startsWith("NL3");
      assertThat(f.id()).matches("[a-z0-9]+(-[a-z0-9]+)*");
    }
  }

  @Test
  void onlyLogIsVerdictNeutral() {
    assertThat(Arrays.stream(Feature.values()).filter(Feature::verdictNeutral)).containsExactly(Feature.LOG);
  }

  @Test
  void flannelCanExpressNothing() {
    for (Capability c : Capabilities.of(Target.FLANNEL).all()) {
      assertThat(c.translations()).extracting(Translation::outcome).as(c.feature().id())
          .containsExactly(Outcome.IMPOSSIBLE);
      assertThat(c.summary()).isEqualTo("impossible (not enforced)");
    }
  }

  @Test
  void kubernetesExpressesSelectorsCidrsPortsAndAnyExactly() {
    Capabilities k8s = Capabilities.of(Target.KUBERNETES);
    for (Feature f : List.of(Feature.POLICY_ENFORCEMENT, Feature.SELECTORS, Feature.CIDR, Feature.ENTITY_ANY,
        Feature.NAMED_PORT, Feature.PORT_RANGE, Feature.SCTP)) {
      assertThat(k8s.get(f).isExact()).as(f.id()).isTrue();
    }
  }

  @Test
  void kubernetesHasNoL7SoAnL7BlockIsNarrowerOrInBestEffortWider() {
    Capabilities k8s = Capabilities.of(Target.KUBERNETES);
    for (Feature f : List.of(Feature.L7_HTTP, Feature.L7_GRPC, Feature.L7_KAFKA, Feature.L7_DNS)) {
      assertThat(k8s.get(f).translations()).extracting(Translation::outcome).as(f.id())
          .containsExactly(Outcome.NARROWER, Outcome.WIDER);
    }
  }

  @Test
  void kubernetesLeavesOutPeersItCannotNameFromAllowsWhichIsNarrower() {
    Capabilities k8s = Capabilities.of(Target.KUBERNETES);
    for (Feature f : List.of(Feature.FQDN, Feature.ENTITY_NODES, Feature.ENTITY_KUBE_APISERVER,
        Feature.SERVICE_ACCOUNT, Feature.SERVICE, Feature.ICMP, Feature.ENTITY_CLUSTER)) {
      assertThat(k8s.get(f).translations()).extracting(Translation::outcome).as(f.id())
          .containsExactly(Outcome.NARROWER);
    }
  }

  @Test
  void kubernetesDenyWorldClusterScopeAndHostDependOnTheCase() {
    Capabilities k8s = Capabilities.of(Target.KUBERNETES);
    assertThat(k8s.get(Feature.DENY).translations()).extracting(Translation::outcome)
        .containsExactly(Outcome.EXACT, Outcome.WIDER);
    assertThat(k8s.get(Feature.ENTITY_WORLD).translations()).extracting(Translation::outcome)
        .containsExactly(Outcome.EXACT, Outcome.WIDER);
    assertThat(k8s.get(Feature.CLUSTER_SCOPE).translations()).extracting(Translation::outcome)
        .containsExactly(Outcome.EXACT, Outcome.IMPOSSIBLE);
    assertThat(k8s.get(Feature.ENTITY_HOST).translations()).extracting(Translation::outcome)
        .containsExactly(Outcome.EXACT, Outcome.WIDER);
  }

  @Test
  void kubernetesPortRangesAreExactFromEndPortsGaIn125() {
    // endPort: alpha 1.21, beta 1.22, GA 1.25 (KEP-2079); a CNI without it applies the first port only.
    assertThat(Capabilities.of(Target.KUBERNETES, "1.25").get(Feature.PORT_RANGE).isExact()).isTrue();
    assertThat(Capabilities.of(Target.KUBERNETES, "1.35").get(Feature.PORT_RANGE).isExact()).isTrue();
    Capability before = Capabilities.of(Target.KUBERNETES, "1.24").get(Feature.PORT_RANGE);
    assertThat(before.translations()).extracting(Translation::outcome).containsExactly(Outcome.NARROWER);
    assertThat(Capabilities.of(Target.KUBERNETES, "1.24").version()).isEqualTo("1.24");
  }

  @Test
  void logIsAWarningThatChangesNoVerdict() {
    Capability log = Capabilities.of(Target.KUBERNETES).get(Feature.LOG);
    assertThat(log.isExact()).isTrue();
    assertThat(Mode.STRICT.severity(Feature.LOG, Outcome.EXACT).label()).isEqualTo("warning");
  }

  @Test
  void summaryIsExactAloneOrEachOutcomeWithItsCondition() {
    Capabilities k8s = Capabilities.of(Target.KUBERNETES);
    assertThat(Capabilities.of(Target.CALICO).get(Feature.POLICY_ENFORCEMENT).summary()).isEqualTo("exact");
    assertThat(k8s.get(Feature.NAMED_PORT).summary()).isEqualTo("exact (resolved on the destination pod (read by"
        + " Cilium up to 1.18, an egress name resolves on a cluster-wide map: NL3905))");
    assertThat(k8s.get(Feature.SCTP).summary()).isEqualTo("exact (protocol SCTP (the CNI must support it))");
    assertThat(k8s.get(Feature.DENY).summary()).isEqualTo(
        "exact (folded into the except of every allow it cuts, or implied by isolation);"
            + " wider (otherwise: left out)");
  }

  @Test
  void allowsSaysWhichOutcomesAReportMayHave() {
    Capability world = Capabilities.of(Target.KUBERNETES).get(Feature.ENTITY_WORLD);
    assertThat(world.allows(Outcome.EXACT)).isTrue();
    assertThat(world.allows(Outcome.WIDER)).isTrue();
    assertThat(world.allows(Outcome.NARROWER)).isFalse();
    assertThat(world.allows(Outcome.IMPOSSIBLE)).isFalse();
  }

  @Test
  void aCapabilityNeedsATranslationAndIsImmutable() {
    assertThatThrownBy(() -> new Capability(Feature.DENY, List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    List<Translation> translations = new java.util.ArrayList<>(List.of(new Translation(Outcome.EXACT, "")));
    Capability c = new Capability(Feature.DENY, translations);
    translations.add(new Translation(Outcome.WIDER, "later"));
    assertThat(c.translations()).hasSize(1);
    assertThat(c.summary()).isEqualTo("exact");
  }

  @Test
  void targetsAreFoundByTheirCommandLineIds() {
    assertThat(Target.byId("kubernetes")).contains(Target.KUBERNETES);
    assertThat(Target.byId("flannel")).contains(Target.FLANNEL);
    assertThat(Target.byId("Kubernetes")).isEmpty();
    assertThat(Target.KUBERNETES.defaultVersion()).isEqualTo("1.35");
  }
}

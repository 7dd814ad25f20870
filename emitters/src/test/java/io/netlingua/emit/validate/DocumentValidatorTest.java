package io.netlingua.emit.validate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.netlingua.emit.NetworkPolicies;
import io.netlingua.emit.yaml.YamlLayout;
import io.netlingua.emit.yaml.YamlWriter;
import io.netlingua.schemas.Schemas;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The NetworkPolicy schema accepts what the Kubernetes target emits and refuses what the API reference forbids
 * (kubernetes.io/docs/reference/kubernetes-api/policy-resources/network-policy-v1/) or what would widen a rule.
 */
class DocumentValidatorTest {

  @Test
  void theObjectsTheTargetEmitsAreValid() {
    assertThat(errors(NetworkPolicies.api("shop", "api"))).isEmpty();
    assertThat(errors(NetworkPolicies.denyAll("shop", "deny-all"))).isEmpty();
  }

  @Test
  void aProtocolOtherThanTcpUdpOrSctpIsRefused() {
    // NetworkPolicyPort.protocol: TCP, UDP or SCTP.
    assertThat(errors(edit(p -> p.editSpec().editFirstIngress().editFirstPort().withProtocol("ICMP").endPort()
        .endIngress().endSpec())))
        .singleElement().asString().contains("/spec/ingress/0/ports/0/protocol");
  }

  @Test
  void anEndPortNeedsANumericPort() {
    // NetworkPolicyPort.endPort "cannot be defined if the port field is not defined or ... a named port".
    assertThat(errors(edit(p -> p.editSpec().editFirstIngress().editLastPort().withEndPort(9000).endPort()
        .endIngress().endSpec())))
        .isNotEmpty().allSatisfy(e -> assertThat(e).contains("/spec/ingress/0/ports/1"));
    assertThat(errors(edit(p -> p.editSpec().editFirstIngress().editFirstPort().withPort(null).withEndPort(9000)
        .endPort().endIngress().endSpec())))
        .isNotEmpty();
  }

  @Test
  void anIpBlockCannotShareAPeerWithASelector() {
    // NetworkPolicyPeer: "If this field [ipBlock] is set then neither of the other fields can be."
    assertThat(errors(edit(p -> p.editSpec().editFirstEgress().editFirstTo().withNewPodSelector().endPodSelector()
        .endTo().endEgress().endSpec())))
        .isNotEmpty();
  }

  @Test
  void aPeerWithoutSelectorOrIpBlockIsRefusedBecauseItWouldMatchEverything() {
    assertThat(errors(edit(p -> p.editSpec().editFirstEgress().editFirstTo().withIpBlock(null).endTo()
        .endEgress().endSpec())))
        .isNotEmpty();
  }

  @Test
  void theManagedByLabelIsRequired() {
    assertThat(errors(edit(p -> p.editMetadata().withLabels(null).endMetadata())))
        .singleElement().asString().contains("labels");
    assertThat(errors(edit(p -> p.editMetadata().addToLabels("app.kubernetes.io/managed-by", "helm")
        .endMetadata())))
        .isNotEmpty();
  }

  @Test
  void anEmptyPolicyTypesIsRefused() {
    assertThat(errors(edit(p -> p.editSpec().withPolicyTypes().endSpec())))
        .singleElement().asString().contains("/spec/policyTypes");
  }

  @Test
  void aPortOutOfRangeAndABadNamedPortAreRefused() {
    assertThat(errors(edit(p -> p.editSpec().editFirstIngress().editFirstPort().withPort(new IntOrString(70000))
        .endPort().endIngress().endSpec())))
        .isNotEmpty();
    assertThat(errors(edit(p -> p.editSpec().editFirstIngress().editFirstPort()
        .withPort(new IntOrString("not-a-valid-port-name")).endPort().endIngress().endSpec())))
        .isNotEmpty();
  }

  @Test
  void aLabelValueKubernetesWouldRejectIsRefused() {
    assertThat(errors(edit(p -> p.editSpec().editPodSelector().addToMatchLabels("app", "-bad").endPodSelector()
        .endSpec())))
        .singleElement().asString().contains("/spec/podSelector/matchLabels/app");
  }

  @Test
  void aFieldOutsideOurSubsetIsRefused() {
    ObjectNode tree = tree(NetworkPolicies.denyAll("shop", "x"));
    tree.with("metadata").put("generateName", "x-");
    assertThat(DocumentValidator.validate(Schemas.NETWORK_POLICY, tree)).isNotEmpty();
  }

  private static NetworkPolicy edit(UnaryOperator<NetworkPolicyBuilder> change) {
    return change.apply(new NetworkPolicyBuilder(NetworkPolicies.api("shop", "api"))).build();
  }

  private static List<String> errors(NetworkPolicy policy) {
    return DocumentValidator.validate(Schemas.NETWORK_POLICY, tree(policy));
  }

  private static ObjectNode tree(NetworkPolicy policy) {
    return YamlWriter.tree(policy, YamlLayout.NETWORK_POLICY);
  }
}

package io.netlingua.emit;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.netlingua.model.SourceSpan;
import java.util.Optional;

/** Fabric8 NetworkPolicies built by hand for the writer, validation and report tests. */
public final class NetworkPolicies {
  private NetworkPolicies() {}

  /**
   * A valid policy in the shape the Kubernetes target emits, built with its keys in a scrambled order: ingress
   * from pods of {@code app=web} on TCP 8080 and the named port {@code metrics}; egress to an ipBlock with except
   * on a UDP range.
   */
  public static NetworkPolicy api(String namespace, String name) {
    return new NetworkPolicyBuilder()
        .withNewSpec()
        .addNewEgress()
        .addNewPort().withEndPort(5300).withPort(new IntOrString(5290)).withProtocol("UDP").endPort()
        .addNewTo().withNewIpBlock().withExcept("10.1.0.0/16").withCidr("10.0.0.0/8").endIpBlock().endTo()
        .endEgress()
        .addNewIngress()
        .addNewPort().withPort(new IntOrString(8080)).withProtocol("TCP").endPort()
        .addNewPort().withPort(new IntOrString("metrics")).withProtocol("TCP").endPort()
        .addNewFrom()
        .withNewNamespaceSelector().addToMatchLabels("kubernetes.io/metadata.name", "web").endNamespaceSelector()
        .withNewPodSelector().addToMatchLabels("tier", "frontend").addToMatchLabels("app", "web").endPodSelector()
        .endFrom()
        .endIngress()
        .withPolicyTypes("Ingress", "Egress")
        .withNewPodSelector().addToMatchLabels("app", "api").endPodSelector()
        .endSpec()
        .withNewMetadata()
        .addToAnnotations("netlingua.io/source", "api.npl:3")
        .addToLabels("app.kubernetes.io/managed-by", "netlingua")
        .withNamespace(namespace)
        .withName(name)
        .endMetadata()
        .build();
  }

  /** A valid default-deny policy: every pod of the namespace, both directions, no rule. */
  public static NetworkPolicy denyAll(String namespace, String name) {
    return new NetworkPolicyBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(namespace)
        .addToLabels("app.kubernetes.io/managed-by", "netlingua")
        .endMetadata()
        .withNewSpec().withNewPodSelector().endPodSelector().withPolicyTypes("Ingress", "Egress").endSpec()
        .build();
  }

  /** The document of a policy object, as an emitter returns it. */
  public static EmittedDocument document(NetworkPolicy policy, SourceSpan source) {
    return new EmittedDocument(
        "networking.k8s.io/v1", "NetworkPolicy", Optional.ofNullable(policy.getMetadata().getNamespace()),
        policy.getMetadata().getName(), policy, source);
  }
}

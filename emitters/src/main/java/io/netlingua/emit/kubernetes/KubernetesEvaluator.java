package io.netlingua.emit.kubernetes;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.netlingua.emit.EmittedDocument;
import io.netlingua.emit.spi.TargetEvaluator;
import io.netlingua.eval.Cluster;
import io.netlingua.eval.Evaluator;
import io.netlingua.targets.Target;
import java.util.List;

/**
 * What emitted {@code networking.k8s.io/v1} NetworkPolicy objects allow, as the API reference and the
 * Kubernetes documentation (concepts/services-networking/network-policies) define it. It reads the Fabric8
 * objects of the documents, never the program:
 *
 * <ul>
 *   <li>a NetworkPolicy governs the pods of its namespace that its {@code podSelector} matches, and isolates
 *       them in each direction its {@code policyTypes} lists; without {@code policyTypes}, the API's default
 *       applies: {@code Ingress}, and {@code Egress} when the object has egress rules;
 *   <li>a flow is allowed when the source's egress and the destination's ingress allow it; a side that no
 *       policy isolates allows everything, an isolated side needs one rule of one of its policies to match (the
 *       allows are a union; there is no deny and no order);
 *   <li>a rule matches when one of its peers matches the other end ({@code from}/{@code to} absent or empty:
 *       every end) and one of its ports matches ({@code ports} absent or empty: every port of every protocol);
 *   <li>{@code podSelector} and {@code namespaceSelector} in one peer must both match (a pod of a namespace);
 *       a {@code podSelector} alone means the policy's namespace; these selectors match pods only, never nodes
 *       or external addresses;
 *   <li>{@code ipBlock} matches every address in its {@code cidr} and outside its {@code except} entries,
 *       <em>pod and node addresses included</em>: the API leaves it to the plugin whether pod traffic is seen
 *       by address, several plugins do match it, and this evaluator takes that wider reading (it is why the
 *       Kubernetes emitter reports {@code world} wider unless the run states the cluster's CIDRs, and why a
 *       program's {@code cidr} is assumed to lie outside the cluster, NL3902);
 *   <li>a port is TCP unless it says otherwise, covers {@code port..endPort} when {@code endPort} is set, all
 *       ports of its protocol without {@code port}, and a named port resolves on the destination pod's
 *       container ports (an end that is not a pod has none); an ICMP flow matches only a rule without ports;
 *   <li>traffic between a pod and the node it runs on is always allowed ("traffic to and from the node where a
 *       Pod is running is always allowed, regardless of the IP address of the Pod or the node"), and so is a
 *       pod talking to itself;
 *   <li>L7 requests and DNS queries of a flow play no part: a NetworkPolicy allows or refuses connections.
 * </ul>
 *
 * <p>A Service's cluster IP is judged as that address (policies apply to the pods behind it, after the Service
 * address is translated, so a flow to a Service should name the pod it reaches). A side decided by a rule names
 * the NetworkPolicy ({@code namespace/name}) and the place its {@code netlingua.io/source} annotation records.
 */
public final class KubernetesEvaluator implements TargetEvaluator {

  @Override
  public Target target() {
    return Target.KUBERNETES;
  }

  @Override
  public Evaluator evaluator(List<EmittedDocument> documents, Cluster cluster) {
    return new NetworkPolicyEvaluator(
        documents.stream()
            .filter(d -> d.object() instanceof NetworkPolicy)
            .map(d -> new NetworkPolicyEvaluator.Governing((NetworkPolicy) d.object(), d.source()))
            .toList(),
        cluster);
  }
}

package io.netlingua.targets;

import static io.netlingua.diagnostics.Outcome.EXACT;
import static io.netlingua.diagnostics.Outcome.IMPOSSIBLE;
import static io.netlingua.diagnostics.Outcome.NARROWER;
import static io.netlingua.diagnostics.Outcome.WIDER;

import io.netlingua.diagnostics.Outcome;
import io.netlingua.targets.Capability.Translation;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What each target can express, feature by feature: the data behind {@code netlingua capabilities}, the README's
 * matrix and the check that an emitter reports only outcomes its table allows. Sources: SEMANTICS.md section 3 and
 * TARGETS.md (Kubernetes: the NetworkPolicy API reference and the "What you can't do with network policies" section
 * of kubernetes.io/docs/concepts/services-networking/network-policies/; Flannel: flannel-io/flannel README).
 */
public final class Capabilities {
  private static final String L7_NARROWER = "strict, fail-closed: the rule is left out";
  private static final String L7_WIDER = "best-effort: the rule without its L7 block";

  private final Target target;
  private final String version;
  private final Map<Feature, Capability> table;

  private Capabilities(Target target, String version, Map<Feature, Capability> table) {
    this.target = target;
    this.version = version;
    this.table = table;
  }

  /** The table of a target at a version. */
  public static Capabilities of(Target target, String version) {
    // A switch expression over the enum: a new target does not compile until it declares its table.
    Map<Feature, Capability> t =
        switch (target) {
          case KUBERNETES -> kubernetes(version);
          case CILIUM -> cilium(version);
          case CALICO -> calico(version);
          case FLANNEL -> flannel();
        };
    for (Feature f : Feature.values()) {
      if (!t.containsKey(f)) {
        throw new IllegalStateException(target.id() + " does not declare " + f.id());
      }
    }
    return new Capabilities(target, version, t);
  }

  /** The table of a target at its default version. */
  public static Capabilities of(Target target) {
    return of(target, target.defaultVersion());
  }

  /** The target. */
  public Target target() {
    return target;
  }

  /** The target version the table is for. */
  public String version() {
    return version;
  }

  /** How the target translates a feature. */
  public Capability get(Feature feature) {
    return table.get(feature);
  }

  /** Every feature's capability, in feature order. */
  public List<Capability> all() {
    return List.copyOf(table.values());
  }

  private static Map<Feature, Capability> flannel() {
    Map<Feature, Capability> t = new EnumMap<>(Feature.class);
    for (Feature f : Feature.values()) {
      // Every cell the same: the diagnostics carry the hint toward Canal or another policy engine.
      put(t, f, IMPOSSIBLE, "not enforced");
    }
    return t;
  }

  private static Map<Feature, Capability> kubernetes(String version) {
    Map<Feature, Capability> t = new EnumMap<>(Feature.class);
    put(t, Feature.POLICY_ENFORCEMENT, EXACT, "");
    put(t, Feature.SELECTORS, EXACT, "podSelector and namespaceSelector (kubernetes.io/metadata.name by name)");
    put(t, Feature.CLUSTER_SCOPE,
        new Translation(EXACT, "one NetworkPolicy in each namespace the run names"),
        new Translation(IMPOSSIBLE, "the run names no namespaces, or the subject selects namespaces by label"));
    put(t, Feature.DENY,
        new Translation(EXACT, "folded into the except of every allow it cuts, or implied by isolation"),
        new Translation(WIDER, "otherwise: left out"));
    for (Feature l7 : List.of(Feature.L7_HTTP, Feature.L7_GRPC, Feature.L7_KAFKA, Feature.L7_DNS)) {
      put(t, l7, new Translation(NARROWER, L7_NARROWER), new Translation(WIDER, L7_WIDER));
    }
    put(t, Feature.FQDN, NARROWER, "left out of allow rules");
    put(t, Feature.CIDR, EXACT, "ipBlock with except; stated cluster CIDRs are cut out (read by Cilium, an ipBlock"
        + " never matches pod or node addresses: NL3905)");
    put(t, Feature.ENTITY_WORLD,
        new Translation(EXACT, "pod, service and node CIDRs stated: 0.0.0.0/0 and ::/0 except them"),
        new Translation(WIDER, "otherwise: 0.0.0.0/0 and ::/0 also match cluster addresses on some CNIs"));
    put(t, Feature.ENTITY_CLUSTER, NARROWER, "every pod (namespaceSelector {}), no node");
    put(t, Feature.ENTITY_NODES, NARROWER, "left out of allow rules");
    put(t, Feature.ENTITY_HOST,
        new Translation(EXACT, "allow: the platform always allows a pod's own node (Cilium and Calico police a"
            + " pod's egress to it: NL3905)"),
        new Translation(WIDER, "deny: the platform always allows a pod's own node"));
    put(t, Feature.ENTITY_KUBE_APISERVER, NARROWER, "left out of allow rules");
    put(t, Feature.ENTITY_ANY, EXACT, "a rule without from or to");
    put(t, Feature.SERVICE_ACCOUNT, NARROWER, "left out of allow rules");
    put(t, Feature.SERVICE, NARROWER, "left out of allow rules");
    put(t, Feature.NAMED_PORT, EXACT, "resolved on the destination pod (read by Cilium up to 1.18, an egress name"
        + " resolves on a cluster-wide map: NL3905)");
    if (Versions.atLeast(version, "1.25")) {
      put(t, Feature.PORT_RANGE, EXACT, "endPort (GA in 1.25)");
    } else {
      put(t, Feature.PORT_RANGE, NARROWER, "before 1.25 a CNI without endPort applies the first port only");
    }
    put(t, Feature.SCTP, EXACT, "protocol SCTP (the CNI must support it)");
    put(t, Feature.ICMP, NARROWER, "left out of allow rules");
    put(t, Feature.LOG, EXACT, "not logged; verdicts unchanged (a warning)");
    return t;
  }

  /**
   * Cilium, from SEMANTICS.md section 3 and TARGETS.md section 2 (checked against Cilium's source and issues; the
   * citations are there and at the lowering steps of {@code io.netlingua.emit.cilium}).
   */
  private static Map<Feature, Capability> cilium(String version) {
    Map<Feature, Capability> t = new EnumMap<>(Feature.class);
    put(t, Feature.POLICY_ENFORCEMENT, EXACT, "");
    put(t, Feature.SELECTORS,
        new Translation(EXACT, "endpoint selectors on k8s: labels, namespace and namespace labels"),
        new Translation(WIDER, "a key Cilium derives itself (io.kubernetes.pod.namespace, io.cilium.*) in an allow"
            + " or a subject, or one its label filter drops (pod-template-hash, ...) in a deny or a subject"),
        new Translation(NARROWER, "a derived key in a deny, a dropped key in an allow"));
    put(t, Feature.CLUSTER_SCOPE, EXACT, "CiliumClusterwideNetworkPolicy");
    put(t, Feature.DENY, EXACT, "ingressDeny and egressDeny, which beat every allow");
    String l7Narrower = "strict, fail-closed: the rule is left out where the agent refuses the block (port 0, a"
        + " range before 1.17, DNS on a range or on ingress); an alternative over Envoy's regex size is left out";
    String l7Wider = "best-effort: the rule without its L7 block where the agent refuses the block";
    for (Feature l7 : List.of(Feature.L7_HTTP, Feature.L7_GRPC, Feature.L7_KAFKA, Feature.L7_DNS)) {
      put(t, l7, new Translation(EXACT, "toPorts rules"), new Translation(NARROWER, l7Narrower),
          new Translation(WIDER, l7Wider));
    }
    put(t, Feature.FQDN,
        new Translation(EXACT, "toFQDNs, where an egress allow on port 53 shows the pod's queries to the DNS proxy"),
        new Translation(NARROWER, "otherwise left out of allow rules"),
        new Translation(WIDER, "left out of deny rules (Cilium denies take no toFQDNs)"));
    put(t, Feature.CIDR, EXACT, "CIDR sets with except (never matching pods or nodes, as the language says)");
    put(t, Feature.ENTITY_WORLD, EXACT, "entity world");
    put(t, Feature.ENTITY_CLUSTER, EXACT, "every pod (a namespace Exists selector) and entities host, remote-node");
    put(t, Feature.ENTITY_NODES, EXACT, "entities host and remote-node (remote-node only in an ingress deny)");
    put(t, Feature.ENTITY_HOST, EXACT, "entity host; left out of an ingress deny (the platform allows it)");
    put(t, Feature.ENTITY_KUBE_APISERVER,
        new Translation(EXACT, "entity kube-apiserver"),
        new Translation(NARROWER, "in an ingress deny: also refuses the local host where it runs the API server"));
    put(t, Feature.ENTITY_ANY, EXACT, "entity all (in an ingress deny: every identity but the local host)");
    put(t, Feature.SERVICE_ACCOUNT, EXACT, "the io.cilium.k8s.policy.serviceaccount label");
    if (Versions.atLeast(version, "1.17")) {
      put(t, Feature.SERVICE,
          new Translation(EXACT, "toServices with the rule's ports (1.17)"),
          new Translation(WIDER, "in a deny: left out"),
          new Translation(NARROWER, "in a cluster policy without a namespace: left out"));
    } else {
      put(t, Feature.SERVICE,
          new Translation(NARROWER, "before 1.17 toServices matches only Services without a selector"),
          new Translation(WIDER, "with ports: toServices takes none, every port is allowed; in a deny: left out"));
    }
    put(t, Feature.NAMED_PORT,
        new Translation(EXACT, "on ingress: resolved on the pod itself"),
        new Translation(WIDER, "on egress (up to 1.18, a cluster-wide map): best-effort, and every deny"),
        new Translation(NARROWER, "on egress in an allow, strict and fail-closed: left out"));
    put(t, Feature.PORT_RANGE, EXACT, "endPort (1.16)");
    put(t, Feature.SCTP, EXACT, "protocol SCTP");
    put(t, Feature.ICMP,
        new Translation(EXACT, "icmps (family and type)"),
        new Translation(WIDER, "a code in an allow: every code of the type"),
        new Translation(NARROWER, "a code in a deny: every code of the type"));
    if (Versions.atLeast(version, "1.18")) {
      put(t, Feature.LOG, EXACT, "a spec of its own with log.value (Hubble)");
    } else {
      put(t, Feature.LOG, EXACT, "not logged before 1.18; verdicts unchanged (a warning)");
    }
    return t;
  }

  /**
   * Calico open source, from SEMANTICS.md section 3 and TARGETS.md section 3.0 (checked against projectcalico/calico
   * v3.32.1 and its documentation; the citations are at the lowering steps of {@code io.netlingua.emit.calico} and
   * in docs/targets.md). HTTP is the one L7 kind Calico matches, and only with Application Layer Policy on 3.32:
   * without it a rule with an http block is left out in every mode, best-effort included, since Calico would
   * enforce the rule's L4 part alone.
   */
  private static Map<Feature, Capability> calico(String version) {
    Map<Feature, Capability> t = new EnumMap<>(Feature.class);
    put(t, Feature.POLICY_ENFORCEMENT, EXACT, "");
    put(t, Feature.SELECTORS,
        new Translation(EXACT, "Calico selectors; namespaces by projectcalico.org/name or by their labels"),
        new Translation(WIDER, "a key Calico sets itself (projectcalico.org/*, pcns.*, pcsa.*) in an allow or a"
            + " subject"),
        new Translation(NARROWER, "such a key in a deny"));
    put(t, Feature.CLUSTER_SCOPE, EXACT, "a GlobalNetworkPolicy (every policy is one)");
    put(t, Feature.DENY, EXACT, "Deny rules in a policy ordered before every allow (deny-order < allow-order)");
    if (Versions.atLeast(version, "3.32")) {
      put(t, Feature.L7_HTTP,
          new Translation(EXACT, "alp=enabled: methods and exact or prefix paths on ingress"),
          new Translation(NARROWER, "without alp, or on egress: the rule is left out in every mode (Calico would"
              + " enforce its L4 part alone); host, headers, regex: the alternative is left out"),
          new Translation(WIDER, "best-effort, alp=enabled: an alternative without its host, headers or regex"));
    } else {
      put(t, Feature.L7_HTTP, NARROWER, "the rule is left out in every mode (before 3.32 ALP refuses every request"
          + " or matches paths otherwise)");
    }
    for (Feature l7 : List.of(Feature.L7_GRPC, Feature.L7_KAFKA, Feature.L7_DNS)) {
      put(t, l7, new Translation(NARROWER, L7_NARROWER), new Translation(WIDER, L7_WIDER));
    }
    put(t, Feature.FQDN,
        new Translation(NARROWER, "left out of allow rules (no domain rules in open source)"),
        new Translation(WIDER, "left out of deny rules"));
    put(t, Feature.CIDR, EXACT, "nets and notNets, a rule per family; stated cluster CIDRs are cut out");
    put(t, Feature.ENTITY_WORLD,
        new Translation(EXACT, "pod, service and node CIDRs stated: 0.0.0.0/0 and ::/0 with them in notNets"),
        new Translation(WIDER, "otherwise, in an allow: nets also match pod and node addresses"),
        new Translation(NARROWER, "otherwise, in a deny"));
    put(t, Feature.ENTITY_CLUSTER,
        new Translation(EXACT, "every pod (namespaceSelector all()) and the stated node CIDRs"),
        new Translation(NARROWER, "no node CIDRs stated, in an allow: pods only"),
        new Translation(WIDER, "no node CIDRs stated, in a deny: pods only"));
    put(t, Feature.ENTITY_NODES,
        new Translation(EXACT, "the stated node CIDRs"),
        new Translation(NARROWER, "none stated, in an allow: left out"),
        new Translation(WIDER, "none stated, in a deny: left out"));
    put(t, Feature.ENTITY_HOST,
        new Translation(EXACT, "ingress: Calico never polices a node's connections to its own pods"),
        new Translation(NARROWER, "egress allow: Calico cannot name a pod's own node; left out"),
        new Translation(WIDER, "egress deny: left out"));
    put(t, Feature.ENTITY_KUBE_APISERVER,
        new Translation(EXACT, "services kubernetes in default; on egress a rule's ports are taken to be the API"
            + " server's own (a stated fact)"),
        new Translation(NARROWER, "egress allow without ports: the endpoints' own ports only"),
        new Translation(WIDER, "egress deny without ports: the endpoints' own ports only"));
    put(t, Feature.ENTITY_ANY, EXACT, "a rule without source or destination peer fields");
    put(t, Feature.SERVICE_ACCOUNT, EXACT, "serviceAccounts names, in the namespace's namespaceSelector");
    put(t, Feature.SERVICE,
        new Translation(EXACT, "services; a rule's ports are taken to be the Service's target ports (a stated fact)"),
        new Translation(NARROWER, "without ports, in an allow: the endpoints' own ports only; in a cluster policy"
            + " without a namespace: left out"),
        new Translation(WIDER, "the same in a deny"));
    put(t, Feature.NAMED_PORT, EXACT, "resolved on the destination endpoint");
    put(t, Feature.PORT_RANGE, EXACT, "lo:hi");
    put(t, Feature.SCTP, EXACT, "protocol SCTP");
    put(t, Feature.ICMP, EXACT, "protocol ICMP or ICMPv6 with icmp type and code");
    put(t, Feature.LOG, EXACT, "a Log rule before the rule (Log continues)");
    return t;
  }

  private static void put(Map<Feature, Capability> t, Feature f, Outcome outcome, String when) {
    put(t, f, new Translation(outcome, when));
  }

  private static void put(Map<Feature, Capability> t, Feature f, Translation... translations) {
    t.put(f, new Capability(f, new ArrayList<>(List.of(translations))));
  }
}

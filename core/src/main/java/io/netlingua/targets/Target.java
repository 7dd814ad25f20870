package io.netlingua.targets;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A format the compiler emits, or a platform it reports on. Each target has its own package of lowering in the
 * emitters module, its own table in {@link Capabilities}, the range of versions it supports ({@link #versions()})
 * and the target options it declares ({@link #options()}).
 */
public enum Target {
  /**
   * Kubernetes {@code networking.k8s.io/v1} NetworkPolicy, enforced by any conformant CNI. The design's notes on
   * what versions change start at 1.21 ({@code endPort}, alpha there); 1.35 is the release whose OpenAPI schema the
   * project holds.
   */
  KUBERNETES("kubernetes", "Kubernetes NetworkPolicy (networking.k8s.io/v1)", VersionRange.between("1.21", "1.35")),
  /**
   * Cilium {@code cilium.io/v2} CiliumNetworkPolicy and CiliumClusterwideNetworkPolicy. The notes (TARGETS.md
   * section 2, docs/targets.md) cover 1.16 to 1.18; 1.18.2 is the release whose CRD schemas the project holds.
   */
  CILIUM(
      "cilium", "Cilium (cilium.io/v2 Cilium[Clusterwide]NetworkPolicy)",
      VersionRange.between("1.16", "1.18")),
  /**
   * Flannel, which enforces no network policy: everything is reported, nothing is emitted. That holds for every
   * release, so every version is accepted; reports name 0.27, the release the project's notes were written for.
   */
  /**
   * Calico {@code projectcalico.org/v3} GlobalNetworkPolicy (with a Tier, or staged). The notes (SEMANTICS.md
   * section 3, TARGETS.md section 3, docs/targets.md) cover 3.29, the first open-source release with tiers
   * (projectcalico/calico {@code api/pkg/apis/projectcalico/v3/tier.go}), to 3.32; 3.32.1 is the release whose
   * CRDs the project holds.
   */
  CALICO(
      "calico", "Calico (projectcalico.org/v3 GlobalNetworkPolicy)", VersionRange.between("3.29", "3.32")),
  FLANNEL("flannel", "Flannel (no policy enforcement)", VersionRange.any("0.27"));

  /**
   * Cilium's agent setting {@code allow-localhost}: {@code auto} (the default, which the agent turns into {@code
   * always} on Kubernetes) and {@code always} let a node reach its own pods whatever the policies say; with {@code
   * policy} that traffic is policed, so the Cilium target allows the host on every ingress it isolates, as the
   * language does (SEMANTICS.md section 1, rule 7). Sources: cilium/cilium {@code pkg/option/config.go}
   * ({@code AllowLocalhostAuto}, {@code AlwaysAllowLocalhost}), docs/targets.md "Agent settings the output relies on".
   */
  private static final TargetOption ALLOW_LOCALHOST = TargetOption.oneOf(
      "allow-localhost", "the Cilium agent's allow-localhost setting (policy: the output allows the host on ingress)",
      "auto", List.of("auto", "always", "policy"));

  /** A DNS-1123 label: a Calico tier name (projectcalico/calico {@code libcalico-go/lib/validator/v3}). */
  private static final String DNS_LABEL = "[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?";

  /** A Calico policy or tier {@code order}: a non-negative decimal number (a float64 upstream). */
  private static final String ORDER = "[0-9]{1,7}(\\.[0-9]{1,6})?";

  /**
   * The tiers Calico creates itself: the default tier, the ClusterNetworkPolicy tiers of 3.32 ({@code kube-admin},
   * {@code kube-baseline}) and of 3.29 to 3.31 ({@code adminnetworkpolicy}, {@code baselineadminnetworkpolicy}),
   * and the operator's own ({@code calico-system}, formerly {@code allow-tigera}). Netlingua writes no Tier of
   * those names; {@code default} is chosen by leaving the option at its default. Source: projectcalico/calico
   * {@code libcalico-go/lib/names/tier.go} and {@code api/pkg/apis/projectcalico/v3/tier.go} at v3.32.1, v3.31.0.
   */
  private static final List<String> BUILT_IN_TIERS = List.of(
      "kube-admin", "kube-baseline", "adminnetworkpolicy", "baselineadminnetworkpolicy", "calico-system",
      "allow-tigera");

  /** Kubernetes NetworkPolicies sit in the default tier at this order (Calico's {@code conversion.go}). */
  private static final double CALICO_KUBERNETES_ORDER = 1000;

  /** The order of the tier ClusterNetworkPolicy admin rules sit in ({@code kube-admin}, 3.32; before it, ANP's). */
  private static final double CALICO_ADMIN_TIER_ORDER = 1000;

  /** The order of Calico's default tier. */
  private static final double CALICO_DEFAULT_TIER_ORDER = 1_000_000;

  private static final TargetOption CALICO_TIER = TargetOption.matching(
      "tier", "the Calico tier the policies go into (another than default: a Tier object is written first)",
      "default", "a DNS-1123 label that is not one of Calico's own tiers (" + String.join(", ", BUILT_IN_TIERS)
          + ")",
      v -> v.matches(DNS_LABEL) && !BUILT_IN_TIERS.contains(v));

  private static final TargetOption CALICO_TIER_ORDER = TargetOption.matching(
      "tier-order", "the order of the Tier written for a tier other than default (after the admin tier's 1000,"
          + " before the default tier's 1000000)",
      "100000", "a number strictly between 1000 and 1000000",
      v -> v.matches(ORDER) && Double.parseDouble(v) > CALICO_ADMIN_TIER_ORDER
          && Double.parseDouble(v) < CALICO_DEFAULT_TIER_ORDER);

  private static final TargetOption CALICO_DENY_ORDER = TargetOption.matching(
      "deny-order", "the order of the policies that hold deny rules (below allow-order, so that deny wins)",
      "100", "a non-negative number", v -> v.matches(ORDER));

  private static final TargetOption CALICO_ALLOW_ORDER = TargetOption.matching(
      "allow-order", "the order of the policies that hold allow rules (in the default tier below 1000, where"
          + " Calico puts Kubernetes NetworkPolicies)",
      "200", "a non-negative number", v -> v.matches(ORDER));

  private static final TargetOption CALICO_ALP = TargetOption.oneOf(
      "alp", "whether Application Layer Policy is enabled on the cluster (Felix policySyncPathPrefix, Istio sidecars"
          + " and Dikastes): only then are HTTP rules written, on 3.32",
      "disabled", List.of("disabled", "enabled"));

  private static final TargetOption CALICO_STAGED = TargetOption.oneOf(
      "staged", "write StagedGlobalNetworkPolicies, which Calico evaluates for flow logs without enforcing them",
      "false", List.of("false", "true"));

  private final String id;
  private final String title;
  private final VersionRange versions;

  Target(String id, String title, VersionRange versions) {
    this.id = id;
    this.title = title;
    this.versions = versions;
  }

  /** The name used on the command line and in reports: {@code kubernetes}, {@code flannel}. */
  public String id() {
    return id;
  }

  /** A human title. */
  public String title() {
    return title;
  }

  /** The versions a run may name for this target, and the default. */
  public VersionRange versions() {
    return versions;
  }

  /**
   * The version assumed when the run names none: for a target with a bounded range, its newest release (the version
   * of the upstream schemas the project holds).
   */
  public String defaultVersion() {
    return versions.defaultVersion();
  }

  /**
   * The keys this target takes as target options ({@link Options#targetOption(String, String)}), in the order help
   * and messages list them; empty when it takes none.
   */
  public List<TargetOption> options() {
    // A switch expression over the enum: a new target does not compile until it declares its keys. Kubernetes and
    // Flannel have no choice beyond the mode, the version and the facts every target shares.
    return switch (this) {
      case KUBERNETES, FLANNEL -> List.of();
      case CILIUM -> List.of(ALLOW_LOCALHOST);
      case CALICO -> List.of(
          CALICO_TIER, CALICO_TIER_ORDER, CALICO_DENY_ORDER, CALICO_ALLOW_ORDER, CALICO_ALP, CALICO_STAGED);
    };
  }

  /**
   * Refuses a version outside {@link #versions()}.
   *
   * @param version the version a run names
   * @throws IllegalArgumentException naming the supported range, if the version is not in it
   */
  public void checkVersion(String version) {
    if (!versions.contains(Versions.requireVersion(version))) {
      throw new IllegalArgumentException(id + " " + version + " is not supported: the supported versions are "
          + versions + " (patch versions included)");
    }
  }

  /**
   * Refuses target options this target does not declare, or values it does not take.
   *
   * @param given the run's target options, key to value
   * @throws IllegalArgumentException naming the first key refused and the valid keys (or that there are none), or
   *     the first value refused and the values its key takes
   */
  public void checkOptions(Map<String, String> given) {
    TargetOption.check(id, options(), given);
    if (this == CALICO) {
      checkCalicoOrders(given);
    }
  }

  /**
   * Refuses target options this target does not declare, values it does not take, and choices the version does not
   * have: Calico's staged policies exist from 3.30 (projectcalico/calico {@code
   * api/pkg/apis/projectcalico/v3/stagedglobalnetworkpolicy.go} is absent up to v3.29.7, present from v3.30.0).
   *
   * @param given the run's target options, key to value
   * @param version the target version of the run, already in {@link #versions()}
   * @throws IllegalArgumentException as {@link #checkOptions(Map)}, or naming the version a choice needs
   */
  public void checkOptions(Map<String, String> given, String version) {
    checkOptions(given);
    if (this == CALICO && "true".equals(given.get(CALICO_STAGED.key())) && !Versions.atLeast(version, "3.30")) {
      throw new IllegalArgumentException("calico target option 'staged=true' needs Calico 3.30 or later:"
          + " StagedGlobalNetworkPolicy does not exist in " + version);
    }
  }

  /**
   * Deny wins on Calico only through order: the first Allow or Deny ends evaluation, so every deny must come before
   * every allow, and, in the default tier, before the Kubernetes NetworkPolicies Calico puts at order 1000 (SEMANTICS.md
   * section 3, Calico). A configuration that breaks this is refused here, before anything is compiled.
   */
  private void checkCalicoOrders(Map<String, String> given) {
    String deny = TargetOption.valueIn(id, options(), given, CALICO_DENY_ORDER.key());
    String allow = TargetOption.valueIn(id, options(), given, CALICO_ALLOW_ORDER.key());
    if (Double.parseDouble(deny) >= Double.parseDouble(allow)) {
      throw new IllegalArgumentException("calico target option 'deny-order' (" + deny + ") must be below"
          + " 'allow-order' (" + allow + "): Calico applies the first Allow or Deny, so a deny ordered after an"
          + " allow would not win");
    }
    boolean defaultTier = TargetOption.valueIn(id, options(), given, CALICO_TIER.key()).equals("default");
    if (defaultTier && Double.parseDouble(allow) >= CALICO_KUBERNETES_ORDER) {
      throw new IllegalArgumentException("calico target option 'allow-order' (" + allow + ") must be below 1000 in"
          + " the default tier: Calico puts Kubernetes NetworkPolicies there at order 1000, and the program's"
          + " denies and allows must come first");
    }
    if (defaultTier && given.containsKey(CALICO_TIER_ORDER.key())) {
      throw new IllegalArgumentException("calico target option 'tier-order' names the order of a Tier of its own:"
          + " give 'tier' too (the default tier's order is Calico's, 1000000)");
    }
  }

  /** The target with that id, if any. */
  public static Optional<Target> byId(String id) {
    return Arrays.stream(values()).filter(t -> t.id.equals(id)).findFirst();
  }
}

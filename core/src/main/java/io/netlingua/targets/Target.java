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
  }

  /** The target with that id, if any. */
  public static Optional<Target> byId(String id) {
    return Arrays.stream(values()).filter(t -> t.id.equals(id)).findFirst();
  }
}

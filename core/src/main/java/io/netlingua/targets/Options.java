package io.netlingua.targets;

import io.netlingua.check.internal.Syntax;
import io.netlingua.model.Cidr;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The options of a compilation: the mode, the target version, the facts about the cluster that the user states
 * (SEMANTICS.md section 2), and the target options of the one target that declares them ({@link Target#options()}).
 * A fact makes a translation exact under that fact, and the report lists every fact the output relied on.
 * Immutable; each {@code with} method returns a copy.
 *
 * <p>Values no target could accept throw {@link IllegalArgumentException} here: a version that is not dotted numbers,
 * a CIDR not written canonically, a namespace that is not a DNS-1123 label, a target option key that is not
 * lower-case words joined by {@code -}. What depends on the target (a version outside its range, a key it does not
 * declare, a value it does not take) is checked where the options meet the target: {@link #checkFor(Target)}, which
 * the compiler runs before compiling.
 *
 * @param mode what a degradation becomes
 * @param targetVersion the target's version; empty for {@link Target#defaultVersion()}
 * @param podCidrs the cluster's pod CIDRs
 * @param serviceCidrs the cluster's service CIDRs
 * @param nodeCidrs the CIDRs of the cluster's node addresses
 * @param namespaces the namespaces a cluster policy is expanded into on targets without cluster-scoped policy
 * @param targetOptions the target options, key to value, sorted by key
 */
public record Options(
    Mode mode, Optional<String> targetVersion, List<Cidr> podCidrs, List<Cidr> serviceCidrs, List<Cidr> nodeCidrs,
    List<String> namespaces, Map<String, String> targetOptions) {

  public Options {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(targetVersion, "targetVersion");
    targetVersion.ifPresent(Versions::requireVersion);
    podCidrs = List.copyOf(podCidrs);
    serviceCidrs = List.copyOf(serviceCidrs);
    nodeCidrs = List.copyOf(nodeCidrs);
    namespaces = List.copyOf(namespaces);
    for (String ns : namespaces) {
      // The same rule the language applies to namespace names (NL2027): an object may only be written into a
      // namespace Kubernetes accepts.
      Syntax.dns1123Label(ns).ifPresent(problem -> {
        throw new IllegalArgumentException("'" + ns + "' is not a namespace name: " + problem);
      });
    }
    Objects.requireNonNull(targetOptions, "targetOptions");
    // Sorted, so that equal options print, compare and report the same whatever order the keys were given in.
    TreeMap<String, String> sorted = new TreeMap<>();
    targetOptions.forEach((key, value) -> {
      if (!TargetOption.isKey(Objects.requireNonNull(key, "a target option key"))) {
        throw new IllegalArgumentException(
            "'" + key + "' is not a target option key (lower-case words joined by '-', such as default-deny)");
      }
      sorted.put(key, Objects.requireNonNull(value, "the value of target option " + key));
    });
    targetOptions = Collections.unmodifiableMap(sorted);
  }

  /**
   * Options without target options: the components {@code Options} had before target options existed.
   *
   * @param mode what a degradation becomes
   * @param targetVersion the target's version; empty for {@link Target#defaultVersion()}
   * @param podCidrs the cluster's pod CIDRs
   * @param serviceCidrs the cluster's service CIDRs
   * @param nodeCidrs the CIDRs of the cluster's node addresses
   * @param namespaces the namespaces a cluster policy is expanded into on targets without cluster-scoped policy
   */
  public Options(
      Mode mode, Optional<String> targetVersion, List<Cidr> podCidrs, List<Cidr> serviceCidrs, List<Cidr> nodeCidrs,
      List<String> namespaces) {
    this(mode, targetVersion, podCidrs, serviceCidrs, nodeCidrs, namespaces, Map.of());
  }

  /** Strict mode, the default target version, no stated facts, no target options. */
  public static Options defaults() {
    return new Options(Mode.STRICT, Optional.empty(), List.of(), List.of(), List.of(), List.of(), Map.of());
  }

  public Options mode(Mode mode) {
    return new Options(mode, targetVersion, podCidrs, serviceCidrs, nodeCidrs, namespaces, targetOptions);
  }

  /** A copy naming the target's version, dotted numbers such as {@code 1.29} or {@code 1.29.4}. */
  public Options targetVersion(String version) {
    return new Options(mode, Optional.of(version), podCidrs, serviceCidrs, nodeCidrs, namespaces, targetOptions);
  }

  public Options podCidrs(String... cidrs) {
    return new Options(mode, targetVersion, parse(cidrs), serviceCidrs, nodeCidrs, namespaces, targetOptions);
  }

  public Options serviceCidrs(String... cidrs) {
    return new Options(mode, targetVersion, podCidrs, parse(cidrs), nodeCidrs, namespaces, targetOptions);
  }

  public Options nodeCidrs(String... cidrs) {
    return new Options(mode, targetVersion, podCidrs, serviceCidrs, parse(cidrs), namespaces, targetOptions);
  }

  public Options namespaces(String... names) {
    return new Options(mode, targetVersion, podCidrs, serviceCidrs, nodeCidrs, List.of(names), targetOptions);
  }

  /**
   * A copy with a target option set, replacing an earlier value of the same key. Whether the target declares the key
   * and takes the value is checked when the options meet it ({@link #checkFor(Target)}).
   *
   * @param key a key of the target's {@link Target#options()}, lower-case words joined by {@code -}
   * @param value its value
   * @return the copy
   */
  public Options targetOption(String key, String value) {
    Map<String, String> changed = new TreeMap<>(targetOptions);
    changed.put(key, value);
    return new Options(mode, targetVersion, podCidrs, serviceCidrs, nodeCidrs, namespaces, changed);
  }

  /**
   * The value in force for one of the target's keys: the one these options give, or the key's default. An emitter
   * reads its choices this way, once {@link #checkFor(Target)} has passed.
   *
   * @param target the target that declares the key
   * @param key a key of {@link Target#options()}
   * @return the value
   * @throws IllegalArgumentException if the target declares no such key
   */
  public String targetOptionFor(Target target, String key) {
    return TargetOption.valueIn(target.id(), target.options(), targetOptions, key);
  }

  /**
   * Refuses options that do not fit a target: a version outside its range ({@link Target#checkVersion}), a target
   * option it does not declare, a value it does not take, or one its version lacks ({@link Target#checkOptions(Map,
   * String)}). The compiler runs it
   * before compiling.
   *
   * @param target the target the options are for
   * @throws IllegalArgumentException saying what does not fit, and the supported range or the valid keys or values
   */
  public void checkFor(Target target) {
    targetVersion.ifPresent(target::checkVersion);
    target.checkOptions(targetOptions, versionFor(target));
  }

  /** Whether the pod, service and node CIDRs are all stated: then {@code world} can be cut out exactly. */
  public boolean knowsClusterCidrs() {
    return !podCidrs.isEmpty() && !serviceCidrs.isEmpty() && !nodeCidrs.isEmpty();
  }

  /** Every stated cluster CIDR: pods, services, nodes. */
  public List<Cidr> clusterCidrs() {
    return Stream.of(podCidrs, serviceCidrs, nodeCidrs).flatMap(List::stream).toList();
  }

  /** The version in force for a target: the stated one or the target's default. */
  public String versionFor(Target target) {
    return targetVersion.orElse(target.defaultVersion());
  }

  private static List<Cidr> parse(String... cidrs) {
    return Arrays.stream(cidrs).map(Cidr::parse).toList();
  }
}

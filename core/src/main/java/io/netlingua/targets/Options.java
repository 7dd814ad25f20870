package io.netlingua.targets;

import io.netlingua.check.internal.Syntax;
import io.netlingua.model.Cidr;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The options of a compilation: the mode, the target version, and the facts about the cluster that the user states
 * (SEMANTICS.md section 2). A fact makes a translation exact under that fact, and the report lists every fact the
 * output relied on. Immutable; each {@code with} method returns a copy. Values Kubernetes would not accept (a CIDR
 * not written canonically, a namespace that is not a DNS-1123 label) throw {@link IllegalArgumentException}.
 *
 * @param mode what a degradation becomes
 * @param targetVersion the target's version; empty for {@link Target#defaultVersion()}
 * @param podCidrs the cluster's pod CIDRs
 * @param serviceCidrs the cluster's service CIDRs
 * @param nodeCidrs the CIDRs of the cluster's node addresses
 * @param namespaces the namespaces a cluster policy is expanded into on targets without cluster-scoped policy
 */
public record Options(
    Mode mode, Optional<String> targetVersion, List<Cidr> podCidrs, List<Cidr> serviceCidrs, List<Cidr> nodeCidrs,
    List<String> namespaces) {

  public Options {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(targetVersion, "targetVersion");
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
  }

  /** Strict mode, the default target version, no stated facts. */
  public static Options defaults() {
    return new Options(Mode.STRICT, Optional.empty(), List.of(), List.of(), List.of(), List.of());
  }

  public Options mode(Mode mode) {
    return new Options(mode, targetVersion, podCidrs, serviceCidrs, nodeCidrs, namespaces);
  }

  public Options targetVersion(String version) {
    return new Options(mode, Optional.of(version), podCidrs, serviceCidrs, nodeCidrs, namespaces);
  }

  public Options podCidrs(String... cidrs) {
    return new Options(mode, targetVersion, parse(cidrs), serviceCidrs, nodeCidrs, namespaces);
  }

  public Options serviceCidrs(String... cidrs) {
    return new Options(mode, targetVersion, podCidrs, parse(cidrs), nodeCidrs, namespaces);
  }

  public Options nodeCidrs(String... cidrs) {
    return new Options(mode, targetVersion, podCidrs, serviceCidrs, parse(cidrs), namespaces);
  }

  public Options namespaces(String... names) {
    return new Options(mode, targetVersion, podCidrs, serviceCidrs, nodeCidrs, List.of(names));
  }

  /** Whether the pod, service and node CIDRs are all stated: then {@code world} can be cut out exactly. */
  public boolean knowsClusterCidrs() {
    return !podCidrs.isEmpty() && !serviceCidrs.isEmpty() && !nodeCidrs.isEmpty();
  }

  /** Every stated cluster CIDR: pods, services, nodes. */
  public List<Cidr> clusterCidrs() {
    return java.util.stream.Stream.of(podCidrs, serviceCidrs, nodeCidrs).flatMap(List::stream).toList();
  }

  /** The version in force for a target: the stated one or the target's default. */
  public String versionFor(Target target) {
    return targetVersion.orElse(target.defaultVersion());
  }

  private static List<Cidr> parse(String... cidrs) {
    return Arrays.stream(cidrs).map(Cidr::parse).toList();
  }
}

package io.netlingua.targets;

import io.netlingua.check.internal.Syntax;
import io.netlingua.model.Cidr;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The options of a compilation: the mode, the target version, the facts about the cluster that the user states
 * (SEMANTICS.md section 2), and the target options a target declares ({@link Target#options()}). A fact makes a
 * translation exact under that fact, and the report lists every fact the output relied on. Immutable; each
 * {@code with} method returns a copy.
 *
 * <p>The version and the target options come in two forms. The run-wide ones ({@link #targetVersion(String)},
 * {@link #targetOption(String, String)}) apply to whichever target the options are compiled for, as the command line's
 * {@code --target-version} and {@code --target-option} apply to its one {@code --target}. The per-target ones
 * ({@link #targetVersion(Target, String)}, {@link #targetOptions(Target, Map)}) apply to their target only and win
 * over the run-wide ones, so that one {@code Options} serves a build that compiles for several targets:
 *
 * <pre>{@code
 * Options options = Options.defaults()
 *     .targetVersion(Target.CILIUM, "1.17").targetOptions(Target.CILIUM, Map.of("allow-localhost", "policy"))
 *     .targetVersion(Target.CALICO, "3.31").targetOptions(Target.CALICO, Map.of("tier", "platform"));
 * options.versionFor(Target.CALICO);                     // 3.31
 * options.targetOptionFor(Target.CALICO, "tier");        // platform
 * }</pre>
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
 * @param targetOptions the run-wide target options, key to value, sorted by key
 * @param targetVersions the per-target versions, in target declaration order; each wins over {@code targetVersion}
 *     for its target
 * @param optionsByTarget the per-target target options, in target declaration order, each sorted by key; a
 *     target's entries win over {@code targetOptions} key by key for that target; a target without any has no entry
 * @param sourceBase the folder the {@code netlingua.io/source} annotation of each object names its file relative to
 *     ({@link #sourceBase(Path)}), absolute; empty: the file as the program's reader named it
 */
public record Options(
    Mode mode, Optional<String> targetVersion, List<Cidr> podCidrs, List<Cidr> serviceCidrs, List<Cidr> nodeCidrs,
    List<String> namespaces, Map<String, String> targetOptions, Map<Target, String> targetVersions,
    Map<Target, Map<String, String>> optionsByTarget, Optional<Path> sourceBase) {

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
    targetOptions = sortedOptions(Objects.requireNonNull(targetOptions, "targetOptions"));
    Objects.requireNonNull(targetVersions, "targetVersions");
    EnumMap<Target, String> versions = new EnumMap<>(Target.class);
    targetVersions.forEach((target, version) -> versions.put(
        Objects.requireNonNull(target, "a target of targetVersions"),
        Versions.requireVersion(Objects.requireNonNull(version, "the version of " + target.id()))));
    targetVersions = Collections.unmodifiableMap(versions);
    Objects.requireNonNull(optionsByTarget, "optionsByTarget");
    EnumMap<Target, Map<String, String>> byTarget = new EnumMap<>(Target.class);
    optionsByTarget.forEach((target, given) -> {
      Map<String, String> sorted = sortedOptions(Objects.requireNonNull(
          given, "the target options of " + Objects.requireNonNull(target, "a target of optionsByTarget").id()));
      // No entry rather than an empty one: options that say the same thing are equal.
      if (!sorted.isEmpty()) {
        byTarget.put(target, sorted);
      }
    });
    optionsByTarget = Collections.unmodifiableMap(byTarget);
    sourceBase = Objects.requireNonNull(sourceBase, "sourceBase").map(b -> b.toAbsolutePath().normalize());
  }

  /**
   * Options without a source base: the components {@code Options} had before it existed.
   *
   * @param mode what a degradation becomes
   * @param targetVersion the target's version; empty for {@link Target#defaultVersion()}
   * @param podCidrs the cluster's pod CIDRs
   * @param serviceCidrs the cluster's service CIDRs
   * @param nodeCidrs the CIDRs of the cluster's node addresses
   * @param namespaces the namespaces a cluster policy is expanded into on targets without cluster-scoped policy
   * @param targetOptions the run-wide target options, key to value
   * @param targetVersions the per-target versions
   * @param optionsByTarget the per-target target options
   */
  public Options(
      Mode mode, Optional<String> targetVersion, List<Cidr> podCidrs, List<Cidr> serviceCidrs, List<Cidr> nodeCidrs,
      List<String> namespaces, Map<String, String> targetOptions, Map<Target, String> targetVersions,
      Map<Target, Map<String, String>> optionsByTarget) {
    this(mode, targetVersion, podCidrs, serviceCidrs, nodeCidrs, namespaces, targetOptions, targetVersions,
        optionsByTarget, Optional.empty());
  }

  /**
   * Options without per-target versions and options: the components {@code Options} had before those existed.
   *
   * @param mode what a degradation becomes
   * @param targetVersion the target's version; empty for {@link Target#defaultVersion()}
   * @param podCidrs the cluster's pod CIDRs
   * @param serviceCidrs the cluster's service CIDRs
   * @param nodeCidrs the CIDRs of the cluster's node addresses
   * @param namespaces the namespaces a cluster policy is expanded into on targets without cluster-scoped policy
   * @param targetOptions the run-wide target options, key to value
   */
  public Options(
      Mode mode, Optional<String> targetVersion, List<Cidr> podCidrs, List<Cidr> serviceCidrs, List<Cidr> nodeCidrs,
      List<String> namespaces, Map<String, String> targetOptions) {
    this(mode, targetVersion, podCidrs, serviceCidrs, nodeCidrs, namespaces, targetOptions, Map.of(), Map.of());
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
    return new Options(
        Mode.STRICT, Optional.empty(), List.of(), List.of(), List.of(), List.of(), Map.of(), Map.of(), Map.of(),
        Optional.empty());
  }

  public Options mode(Mode mode) {
    return new Options(
        mode, targetVersion, podCidrs, serviceCidrs, nodeCidrs, namespaces, targetOptions, targetVersions,
        optionsByTarget, sourceBase);
  }

  /**
   * A copy naming the run-wide target version, dotted numbers such as {@code 1.29} or {@code 1.29.4}: the version of
   * whichever target the options are compiled for, unless that target has its own ({@link #targetVersion(Target,
   * String)}).
   */
  public Options targetVersion(String version) {
    return new Options(
        mode, Optional.of(version), podCidrs, serviceCidrs, nodeCidrs, namespaces, targetOptions, targetVersions,
        optionsByTarget, sourceBase);
  }

  public Options podCidrs(String... cidrs) {
    return new Options(
        mode, targetVersion, parse(cidrs), serviceCidrs, nodeCidrs, namespaces, targetOptions, targetVersions,
        optionsByTarget, sourceBase);
  }

  public Options serviceCidrs(String... cidrs) {
    return new Options(
        mode, targetVersion, podCidrs, parse(cidrs), nodeCidrs, namespaces, targetOptions, targetVersions,
        optionsByTarget, sourceBase);
  }

  public Options nodeCidrs(String... cidrs) {
    return new Options(
        mode, targetVersion, podCidrs, serviceCidrs, parse(cidrs), namespaces, targetOptions, targetVersions,
        optionsByTarget, sourceBase);
  }

  public Options namespaces(String... names) {
    return new Options(
        mode, targetVersion, podCidrs, serviceCidrs, nodeCidrs, List.of(names), targetOptions, targetVersions,
        optionsByTarget, sourceBase);
  }

  /**
   * A copy with a run-wide target option set, replacing an earlier value of the same key: an option of whichever
   * target the options are compiled for, unless that target's own options ({@link #targetOptions(Target, Map)}) give
   * the key. Whether the target declares the key and takes the value is checked when the options meet it ({@link
   * #checkFor(Target)}).
   *
   * @param key a key of the target's {@link Target#options()}, lower-case words joined by {@code -}
   * @param value its value
   * @return the copy
   */
  public Options targetOption(String key, String value) {
    Map<String, String> changed = new TreeMap<>(targetOptions);
    changed.put(key, value);
    return new Options(
        mode, targetVersion, podCidrs, serviceCidrs, nodeCidrs, namespaces, changed, targetVersions, optionsByTarget,
        sourceBase);
  }

  /**
   * A copy naming one target's version, which wins over the run-wide {@link #targetVersion(String)} for that target
   * and leaves the others as they were. Whether the version is in the target's range is checked when the options
   * meet it ({@link #checkFor(Target)}).
   *
   * @param target the target
   * @param version dotted numbers such as {@code 1.17} or {@code 3.31.2}
   * @return the copy
   * @throws IllegalArgumentException if the version is not dotted numbers
   */
  public Options targetVersion(Target target, String version) {
    Map<Target, String> changed = new EnumMap<>(Target.class);
    changed.putAll(targetVersions);
    changed.put(Objects.requireNonNull(target, "target"), version);
    return new Options(
        mode, targetVersion, podCidrs, serviceCidrs, nodeCidrs, namespaces, targetOptions, changed, optionsByTarget,
        sourceBase);
  }

  /**
   * A copy with one target's target options, replacing the ones it had (an empty map removes them); they win over
   * the run-wide {@link #targetOption(String, String)} key by key for that target and never reach another one.
   * Whether the target declares the keys and takes the values is checked when the options meet it
   * ({@link #checkFor(Target)}).
   *
   * @param target the target
   * @param options its keys ({@link Target#options()}, lower-case words joined by {@code -}) and their values
   * @return the copy
   * @throws IllegalArgumentException if a key is not lower-case words joined by {@code -}
   */
  public Options targetOptions(Target target, Map<String, String> options) {
    Map<Target, Map<String, String>> changed = new EnumMap<>(Target.class);
    changed.putAll(optionsByTarget);
    changed.put(Objects.requireNonNull(target, "target"), Objects.requireNonNull(options, "options"));
    return new Options(
        mode, targetVersion, podCidrs, serviceCidrs, nodeCidrs, namespaces, targetOptions, targetVersions, changed,
        sourceBase);
  }

  /**
   * A copy whose objects name their source file relative to a folder: the {@code netlingua.io/source} annotation of
   * an object whose policy was read from a file below {@code base} holds the path from {@code base} (with {@code /}),
   * such as {@code src/main/netlingua/shop/web.npl:6}, and a file elsewhere keeps the name the reader gave it.
   * A build that reads its files by absolute path (so that its diagnostics name them so) sets its project folder
   * here, and its objects are the same bytes on every machine and equal to those of {@code netlingua compile
   * src/main/netlingua} run in that folder. Diagnostics are not affected.
   *
   * @param base a folder; made absolute
   * @return the copy
   */
  public Options sourceBase(Path base) {
    return new Options(
        mode, targetVersion, podCidrs, serviceCidrs, nodeCidrs, namespaces, targetOptions, targetVersions,
        optionsByTarget, Optional.of(base));
  }

  /**
   * The name the {@code netlingua.io/source} annotation gives a source file: relative to {@link #sourceBase()} when
   * the file is below it, else the name as given.
   *
   * @param file the file's name, as the program's reader gave it
   * @return the name to write
   */
  public String sourceName(String file) {
    if (sourceBase.isEmpty()) {
      return file;
    }
    Path path;
    try {
      path = Path.of(file).toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      return file;
    }
    Path base = sourceBase.get();
    if (!path.startsWith(base) || path.equals(base)) {
      return file;
    }
    return base.relativize(path).toString().replace('\\', '/');
  }

  /**
   * The target options given for a target, sorted by key: the run-wide ones with that target's own over them. The
   * report of a compilation lists these; keys left out take their defaults ({@link #targetOptionFor}).
   *
   * @param target the target
   * @return the options given for it, key to value
   */
  public Map<String, String> targetOptionsFor(Target target) {
    Map<String, String> own = optionsByTarget.get(Objects.requireNonNull(target, "target"));
    if (own == null) {
      return targetOptions;
    }
    TreeMap<String, String> merged = new TreeMap<>(targetOptions);
    merged.putAll(own);
    return Collections.unmodifiableMap(merged);
  }

  /**
   * The value in force for one of the target's keys: the one these options give for it ({@link
   * #targetOptionsFor(Target)}), or the key's default. An emitter
   * reads its choices this way, once {@link #checkFor(Target)} has passed.
   *
   * @param target the target that declares the key
   * @param key a key of {@link Target#options()}
   * @return the value
   * @throws IllegalArgumentException if the target declares no such key
   */
  public String targetOptionFor(Target target, String key) {
    return TargetOption.valueIn(target.id(), target.options(), targetOptionsFor(target), key);
  }

  /**
   * Refuses options that do not fit a target: a version in force for it outside its range ({@link
   * Target#checkVersion}), a target option given for it ({@link #targetOptionsFor(Target)}) that it does not declare,
   * a value it does not take, or one its version lacks ({@link Target#checkOptions(Map, String)}). The version and
   * options given for other targets are not looked at. The compiler runs it before compiling.
   *
   * @param target the target the options are for
   * @throws IllegalArgumentException saying what does not fit, and the supported range or the valid keys or values
   */
  public void checkFor(Target target) {
    stated(target).ifPresent(target::checkVersion);
    target.checkOptions(targetOptionsFor(target), versionFor(target));
  }

  /** Whether the pod, service and node CIDRs are all stated: then {@code world} can be cut out exactly. */
  public boolean knowsClusterCidrs() {
    return !podCidrs.isEmpty() && !serviceCidrs.isEmpty() && !nodeCidrs.isEmpty();
  }

  /** Every stated cluster CIDR: pods, services, nodes. */
  public List<Cidr> clusterCidrs() {
    return Stream.of(podCidrs, serviceCidrs, nodeCidrs).flatMap(List::stream).toList();
  }

  /**
   * The version in force for a target: the one given for it ({@link #targetVersion(Target, String)}), else the
   * run-wide one ({@link #targetVersion(String)}), else the target's default.
   */
  public String versionFor(Target target) {
    return stated(target).orElse(target.defaultVersion());
  }

  private Optional<String> stated(Target target) {
    return Optional.ofNullable(targetVersions.get(Objects.requireNonNull(target, "target"))).or(() -> targetVersion);
  }

  /** Target options sorted, so that equal options print, compare and report the same whatever the keys' order. */
  private static Map<String, String> sortedOptions(Map<String, String> given) {
    TreeMap<String, String> sorted = new TreeMap<>();
    given.forEach((key, value) -> {
      if (!TargetOption.isKey(Objects.requireNonNull(key, "a target option key"))) {
        throw new IllegalArgumentException(
            "'" + key + "' is not a target option key (lower-case words joined by '-', such as default-deny)");
      }
      sorted.put(key, Objects.requireNonNull(value, "the value of target option " + key));
    });
    return Collections.unmodifiableMap(sorted);
  }

  private static List<Cidr> parse(String... cidrs) {
    return Arrays.stream(cidrs).map(Cidr::parse).toList();
  }
}

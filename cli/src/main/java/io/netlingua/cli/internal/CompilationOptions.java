package io.netlingua.cli.internal;

import io.netlingua.model.Cidr;
import io.netlingua.targets.Options;
import io.netlingua.targets.Target;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The options that say which compilation for a target a command runs, beyond the target and the mode: the target's
 * version, the cluster's CIDRs and the target options. {@code compile} and {@code query --target} mix them in, so
 * that both read them with the same converters, help and checks.
 */
final class CompilationOptions {
  @Spec(Spec.Target.MIXEE) private CommandSpec command;

  @Option(
      names = "--target-version",
      paramLabel = "VERSION",
      converter = Choices.VersionConverter.class,
      description = {
        "the target's version, in its range (netlingua --help lists the",
        "ranges; default: the newest, e.g. Kubernetes 1.35); a patch",
        "version such as 1.29.4 counts as its minor version"
      })
  private String targetVersion;

  @Option(
      names = "--pod-cidr",
      paramLabel = "CIDR",
      converter = Choices.CidrConverter.class,
      description = "a pod CIDR of the cluster (repeatable)")
  private List<Cidr> podCidrs = new ArrayList<>();

  @Option(
      names = "--service-cidr",
      paramLabel = "CIDR",
      converter = Choices.CidrConverter.class,
      description = "a service CIDR of the cluster (repeatable)")
  private List<Cidr> serviceCidrs = new ArrayList<>();

  @Option(
      names = "--node-cidr",
      paramLabel = "CIDR",
      converter = Choices.CidrConverter.class,
      description = {
        "a CIDR of the cluster's node addresses (repeatable). With pod,",
        "service and node CIDRs stated, world is exact on Kubernetes."
      })
  private List<Cidr> nodeCidrs = new ArrayList<>();

  @Option(
      names = "--target-option",
      paramLabel = "KEY=VALUE",
      converter = Choices.SettingConverter.class,
      description = {
        "an option of the target (repeatable); docs/targets.md lists the",
        "keys each target takes"
      })
  private List<Choices.Setting> targetOptions = new ArrayList<>();

  /** The names of these options that the command line gives, in the order of the help. */
  List<String> given() {
    List<String> given = new ArrayList<>();
    if (targetVersion != null) {
      given.add("--target-version");
    }
    if (!podCidrs.isEmpty()) {
      given.add("--pod-cidr");
    }
    if (!serviceCidrs.isEmpty()) {
      given.add("--service-cidr");
    }
    if (!nodeCidrs.isEmpty()) {
      given.add("--node-cidr");
    }
    if (!targetOptions.isEmpty()) {
      given.add("--target-option");
    }
    return given;
  }

  /**
   * {@code base} with these options, checked against the target before anything is read: a version outside its
   * range, a key given twice, a key it does not declare or a value it does not take is a usage error naming the
   * option, with the range, or the valid keys or values.
   */
  Options applyTo(Options base, Target target) {
    Options o = base.podCidrs(text(podCidrs)).serviceCidrs(text(serviceCidrs)).nodeCidrs(text(nodeCidrs));
    if (targetVersion != null) {
      try {
        target.checkVersion(targetVersion);
      } catch (IllegalArgumentException e) {
        throw invalid("--target-version", e.getMessage());
      }
      o = o.targetVersion(targetVersion);
    }
    Map<String, String> settings = new LinkedHashMap<>();
    for (Choices.Setting s : targetOptions) {
      // Two values for one key are a mistake in the command, not a choice of the later one.
      if (settings.put(s.key(), s.value()) != null) {
        throw invalid("--target-option", "'" + s.key() + "' is given twice");
      }
    }
    try {
      // The target's check comes first, so that a key of the wrong form is named as a key the target lacks.
      target.checkOptions(settings);
    } catch (IllegalArgumentException e) {
      throw invalid("--target-option", e.getMessage());
    }
    for (Map.Entry<String, String> e : settings.entrySet()) {
      o = o.targetOption(e.getKey(), e.getValue());
    }
    return o;
  }

  /** A usage error in picocli's words for a bad option value. */
  private ParameterException invalid(String option, String why) {
    return new ParameterException(command.commandLine(), "Invalid value for option '" + option + "': " + why);
  }

  private static String[] text(List<Cidr> cidrs) {
    return cidrs.stream().map(Cidr::toString).toArray(String[]::new);
  }
}

package io.netlingua.benchmarks;

import io.netlingua.targets.Options;
import io.netlingua.targets.Target;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;

/**
 * Writes a generated program ({@link ProgramGenerator#files}) into a folder, for whole-process runs of the command
 * line, and prints the {@code netlingua compile} command that compiles it as the benchmarks do:
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar io.netlingua.benchmarks.GenerateProgram \
 *     --profile exact --policies 100000 --target kubernetes --out /tmp/exact-100k
 * }</pre>
 */
public final class GenerateProgram {
  private static final String USAGE = "usage: java -cp benchmarks/target/benchmarks.jar"
      + " io.netlingua.benchmarks.GenerateProgram --profile exact|full --policies N --target ID --out DIR";

  private GenerateProgram() {}

  /**
   * Writes the program and prints the command; a wrong argument prints the usage and exits with 2.
   *
   * @param args {@code --profile exact|full --policies N --target ID --out DIR}, in any order
   */
  public static void main(String[] args) throws IOException {
    Profile profile = null;
    Integer policies = null;
    Target target = null;
    Path out = null;
    try {
      for (int i = 0; i < args.length; i += 2) {
        String value = i + 1 < args.length ? args[i + 1] : fail(args[i] + " needs a value");
        switch (args[i]) {
          case "--profile" -> profile = Profile.valueOf(value.toUpperCase(Locale.ROOT));
          case "--policies" -> policies = Integer.parseInt(value);
          case "--target" -> target = Target.byId(value).orElseGet(() -> fail("no target " + value));
          case "--out" -> out = Path.of(value);
          default -> fail("unknown option " + args[i]);
        }
      }
      if (profile == null || policies == null || target == null || out == null) {
        fail("every option is needed");
      }
      SortedMap<String, String> files = ProgramGenerator.files(profile, policies, target);
      Files.createDirectories(out);
      ProgramGenerator.write(files, out);
      System.out.printf("wrote %d policies in %d files to %s; compile them with:%n", policies, files.size(), out);
      System.out.println("java -jar cli/target/netlingua.jar compile " + out + " --target " + target.id() + " "
          + String.join(" ", cliOptions(ProgramGenerator.options(profile, target))));
    } catch (IllegalArgumentException e) {
      // NumberFormatException included; the generator refuses a target that writes nothing.
      System.err.println(e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
    }
  }

  /** The options of {@code netlingua compile} (docs/cli.md) that give a run these options. */
  static List<String> cliOptions(Options options) {
    List<String> out = new ArrayList<>(List.of("--mode", options.mode().id()));
    options.targetVersion().ifPresent(v -> out.addAll(List.of("--target-version", v)));
    options.podCidrs().forEach(c -> out.addAll(List.of("--pod-cidr", c.toString())));
    options.serviceCidrs().forEach(c -> out.addAll(List.of("--service-cidr", c.toString())));
    options.nodeCidrs().forEach(c -> out.addAll(List.of("--node-cidr", c.toString())));
    if (!options.namespaces().isEmpty()) {
      out.addAll(List.of("--namespaces", String.join(",", options.namespaces())));
    }
    options.targetOptions().forEach((key, value) -> out.addAll(List.of("--target-option", key + "=" + value)));
    return out;
  }

  private static <T> T fail(String why) {
    throw new IllegalArgumentException(why);
  }
}

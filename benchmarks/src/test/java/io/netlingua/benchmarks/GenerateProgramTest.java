package io.netlingua.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.netlingua.Netlingua;
import io.netlingua.targets.Options;
import io.netlingua.targets.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generator's command writes the program and names the options the benchmarks compile it with. */
class GenerateProgramTest {
  @TempDir Path folder;

  @Test
  void writesTheFilesOfTheProgram() throws Exception {
    Path out = folder.resolve("exact");
    GenerateProgram.main(new String[] {"--profile", "exact", "--policies", "1500", "--target", "kubernetes",
        "--out", out.toString()});

    try (Stream<Path> files = Files.list(out)) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .containsExactlyInAnyOrder("policies-0000.npl", "policies-0001.npl");
    }
    assertThat(Netlingua.parse(out).program().policies()).hasSize(1_500);
  }

  @Test
  void printsTheCommandLineOptionsOfEachProfile() {
    assertThat(GenerateProgram.cliOptions(ProgramGenerator.options(Profile.EXACT, Target.KUBERNETES)))
        .containsExactly("--mode", "strict", "--pod-cidr", "10.244.0.0/16", "--service-cidr", "10.96.0.0/12",
            "--node-cidr", "192.168.0.0/24");
    assertThat(String.join(" ", GenerateProgram.cliOptions(ProgramGenerator.options(Profile.FULL, Target.KUBERNETES))))
        .startsWith("--mode best-effort --namespaces team-00,team-01,").endsWith(",team-98,team-99");
  }

  /** Every option of a run has its command-line form: a target version and target options included. */
  @Test
  void theTargetVersionAndTheTargetOptionsHaveTheirOptionsToo() {
    Options options = Options.defaults().targetVersion("1.29").targetOption("tier", "platform")
        .targetOption("default-deny", "false");
    assertThat(GenerateProgram.cliOptions(options)).containsExactly("--mode", "strict", "--target-version", "1.29",
        "--target-option", "default-deny=false", "--target-option", "tier=platform");
  }
}

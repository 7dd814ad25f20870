package io.netlingua.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The state file of {@code generate}, on the goal itself as Maven configures it (its fields set as Maven's injection
 * sets them): an unchanged build does nothing and leaves the outputs untouched; a change of a source, of a parameter
 * or of an output, or a deleted output folder, makes it compile again.
 */
class GenerateIncrementalTest {
  private static final FileTime OLD = FileTime.fromMillis(1_000_000_000_000L);

  @TempDir Path dir;
  private Path src;
  private Path out;
  private final List<String> log = new ArrayList<>();

  @BeforeEach
  void program() throws IOException {
    src = dir.resolve("src/main/netlingua");
    Files.createDirectories(src.resolve("shop"));
    Files.createDirectories(src.resolve("common"));
    Files.writeString(src.resolve("common/ports.npl"), "let web-port = tcp/8080\n");
    Files.writeString(src.resolve("shop/web.npl"), """
        namespace shop

        import "../common/ports.npl"

        policy web {
          select pods(app=web)
          ingress {
            allow from pods(app=frontend) on web-port
          }
        }
        """);
    out = dir.resolve("target/generated-resources/netlingua");
  }

  @Test
  void anUnchangedBuildDoesNothingAndAnyChangeRegenerates() throws Exception {
    Path web = out.resolve("kubernetes/shop/web.yaml");
    run("kubernetes");
    assertThat(web).content().contains("port: 8080");
    assertThat(dir.resolve("target/netlingua/default.state")).exists();
    Files.setLastModifiedTime(web, OLD);

    run("kubernetes");
    assertThat(log).anyMatch(l -> l.contains("nothing changed since the last build"));
    assertThat(Files.getLastModifiedTime(web)).isEqualTo(OLD);

    // An edited output file.
    Files.writeString(web, "edited\n");
    run("kubernetes");
    assertThat(log).noneMatch(l -> l.contains("nothing changed"));
    assertThat(web).content().contains("port: 8080");

    // A deleted output folder.
    deleteTree(out.resolve("kubernetes"));
    run("kubernetes");
    assertThat(web).content().contains("port: 8080");

    // An edited source, here a file that only an import reads.
    Files.writeString(src.resolve("common/ports.npl"), "let web-port = tcp/9090\n");
    run("kubernetes");
    assertThat(web).content().contains("port: 9090");

    // A changed parameter: another target.
    Files.setLastModifiedTime(web, OLD);
    run("kubernetes", "calico");
    assertThat(log).noneMatch(l -> l.contains("nothing changed"));
    assertThat(out.resolve("calico")).isDirectory();
    run("kubernetes", "calico");
    assertThat(log).anyMatch(l -> l.contains("nothing changed since the last build"));
  }

  /** The manifests name their policy's file from the project's folder, never by the absolute path read. */
  @Test
  void theSourceAnnotationIsRelativeToTheProject() throws Exception {
    run("kubernetes", "cilium", "calico");
    assertThat(out.resolve("kubernetes/shop/web.yaml")).content()
        .contains("netlingua.io/source: src/main/netlingua/shop/web.npl:5\n")
        .doesNotContain(dir.toString());
    assertThat(out.resolve("cilium/shop/web.yaml")).content()
        .contains("netlingua.io/source: src/main/netlingua/shop/web.npl:5\n");
    assertThat(out.resolve("calico/shop-web.yaml")).content()
        .contains("netlingua.io/source: src/main/netlingua/shop/web.npl:5\n");
  }

  @Test
  void aFailedBuildLeavesNoStateSoTheNextOneCompilesAgain() throws Exception {
    run("kubernetes");
    Path program = src.resolve("shop/web.npl");
    String good = Files.readString(program);
    Files.writeString(program, "namespace shop\npolicy {\n");
    try {
      run("kubernetes");
    } catch (org.apache.maven.plugin.MojoFailureException expected) {
      // the program has an error
    }
    assertThat(dir.resolve("target/netlingua/default.state")).doesNotExist();
    Files.writeString(program, good);
    run("kubernetes");
    assertThat(log).noneMatch(l -> l.contains("nothing changed"));
    assertThat(dir.resolve("target/netlingua/default.state")).exists();
  }

  private void run(String... targetIds) throws Exception {
    log.clear();
    GenerateMojo mojo = new GenerateMojo();
    mojo.setLog(new SystemStreamLog() {
      @Override
      public void info(CharSequence content) {
        log.add(content.toString());
      }
    });
    set(mojo, "sourceDirectory", src.toFile());
    set(mojo, "outputDirectory", out.toFile());
    set(mojo, "stateFile", dir.resolve("target/netlingua/default.state").toFile());
    set(mojo, "mode", "strict");
    set(mojo, "pluginVersion", "test");
    set(mojo, "sarifBaseDirectory", dir.toFile());
    set(mojo, "basedir", dir.toFile());
    List<TargetConfig> targets = new ArrayList<>();
    for (String id : targetIds) {
      TargetConfig t = new TargetConfig();
      t.set(id);
      targets.add(t);
    }
    set(mojo, "targets", targets);
    mojo.execute();
  }

  private static void set(Object target, String name, Object value) throws ReflectiveOperationException {
    for (Class<?> c = target.getClass(); c != null; c = c.getSuperclass()) {
      try {
        Field f = c.getDeclaredField(name);
        f.setAccessible(true);
        f.set(target, value);
        return;
      } catch (NoSuchFieldException e) {
        // declared higher up
      }
    }
    throw new NoSuchFieldException(name);
  }

  private static void deleteTree(Path root) throws IOException {
    try (var paths = Files.walk(root)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}

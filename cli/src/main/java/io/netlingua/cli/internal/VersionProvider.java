package io.netlingua.cli.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** {@code netlingua --version}: the project version, filtered into a resource by the build. */
public final class VersionProvider implements IVersionProvider {
  private static final String RESOURCE = "version.properties";

  /** The {@code Implementation-Title} of the manifest of {@code netlingua.jar}, beside its version. */
  private static final String TITLE = "netlingua";

  /** {@inheritDoc} */
  @Override
  public String[] getVersion() {
    // String.concat rather than +: the first + of a run links Java's string concatenation (a few milliseconds of
    // method handles), and netlingua --version is answered before anything else needs it.
    return new String[] {"netlingua ".concat(version())};
  }

  /**
   * The project version this jar was built as, e.g. {@code 0.1.0-SNAPSHOT}: from the manifest of
   * {@code netlingua.jar}, which the JVM has read with the jar's first class, else (the build's classes folder, as
   * the tests run it) from the filtered resource. Reading the resource from the jar would open it a second time, its
   * thousands of entries again, through a URL connection.
   *
   * @return the version
   */
  public static String version() {
    Package p = VersionProvider.class.getPackage();
    if (TITLE.equals(p.getImplementationTitle()) && p.getImplementationVersion() != null) {
      return p.getImplementationVersion();
    }
    try (InputStream in = VersionProvider.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the build did not package " + RESOURCE);
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

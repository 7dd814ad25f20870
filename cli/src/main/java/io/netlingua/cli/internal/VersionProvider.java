package io.netlingua.cli.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** {@code netlingua --version}: the project version, filtered into a resource by the build. */
public final class VersionProvider implements IVersionProvider {
  private static final String RESOURCE = "version.properties";

  /** {@inheritDoc} */
  @Override
  public String[] getVersion() {
    return new String[] {"netlingua " + version()};
  }

  /**
   * The project version this jar was built as, e.g. {@code 0.1.0-SNAPSHOT}.
   *
   * @return the version
   */
  public static String version() {
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

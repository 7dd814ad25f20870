package io.netlingua;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What a SARIF log ({@link Netlingua#sarif}) says beyond the diagnostics: the folder its file locations are relative
 * to, the tool's version, and the links it gives, only when configured.
 *
 * <pre>{@code
 * SarifOptions options = SarifOptions.of(Path.of("."), "0.1.0")
 *     .documentationUri(URI.create("https://example.org/netlingua/docs/diagnostics.md"));
 * }</pre>
 *
 * @param baseDirectory the folder {@code %SRCROOT%} stands for (the repository's root, for code scanning); a
 *     relative path is taken from the working directory
 * @param toolVersion the version {@code tool.driver.version} states
 * @param informationUri the tool's home page ({@code tool.driver.informationUri}), when configured
 * @param documentationUri the page of the diagnostic codes (docs/diagnostics.md as published); each rule's
 *     {@code helpUri} is this page and the code's anchor, such as {@code #nl3004-l7-http}; none when not configured
 */
public record SarifOptions(
    Path baseDirectory, String toolVersion, Optional<URI> informationUri, Optional<URI> documentationUri) {

  public SarifOptions {
    Objects.requireNonNull(baseDirectory, "baseDirectory");
    Objects.requireNonNull(toolVersion, "toolVersion");
    Objects.requireNonNull(informationUri, "informationUri");
    Objects.requireNonNull(documentationUri, "documentationUri");
    baseDirectory = baseDirectory.toAbsolutePath().normalize();
  }

  /** Locations relative to {@code baseDirectory}, the given version, and no link. */
  public static SarifOptions of(Path baseDirectory, String toolVersion) {
    return new SarifOptions(baseDirectory, toolVersion, Optional.empty(), Optional.empty());
  }

  /** The same options with the tool's home page. */
  public SarifOptions informationUri(URI uri) {
    return new SarifOptions(baseDirectory, toolVersion, Optional.of(uri), documentationUri);
  }

  /** The same options with the page of the diagnostic codes, which each rule's {@code helpUri} points into. */
  public SarifOptions documentationUri(URI uri) {
    return new SarifOptions(baseDirectory, toolVersion, informationUri, Optional.of(uri));
  }
}

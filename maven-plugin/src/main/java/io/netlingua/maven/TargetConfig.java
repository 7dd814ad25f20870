package io.netlingua.maven;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One {@code <target>} of the plugin's {@code <targets>}: {@code <target>kubernetes</target>}, or
 * {@code <target><id>calico</id><version>3.29</version><options><key>value</key></options></target>}. Maven's
 * converter fills the long form field by field and hands the bare form to {@link #set(String)}.
 */
public final class TargetConfig {
  private String id;
  private String version;
  private Map<String, String> options = new LinkedHashMap<>();

  /** The bare form {@code <target>ID</target>}: that target with its defaults. */
  public void set(String id) {
    this.id = id == null ? null : id.trim();
  }

  /** The target's id, such as {@code kubernetes}; null when the configuration gave none. */
  public String getId() {
    return id;
  }

  /** The target's version, or null for its default. */
  public String getVersion() {
    return version;
  }

  /** The target's options as given, key to value; empty for none. */
  public Map<String, String> getOptions() {
    return options == null ? Map.of() : options;
  }

  @Override
  public String toString() {
    return id + (version == null ? "" : "@" + version) + (getOptions().isEmpty() ? "" : getOptions());
  }
}

package io.netlingua.targets;

import java.util.Arrays;
import java.util.Optional;

/**
 * A format the compiler emits, or a platform it reports on. Each target has its own package of lowering in the
 * emitters module and its own table in {@link Capabilities}.
 */
public enum Target {
  /** Kubernetes {@code networking.k8s.io/v1} NetworkPolicy, enforced by any conformant CNI. */
  KUBERNETES("kubernetes", "Kubernetes NetworkPolicy (networking.k8s.io/v1)", "1.35"),
  /** Flannel, which enforces no network policy: everything is reported, nothing is emitted. */
  FLANNEL("flannel", "Flannel (no policy enforcement)", "0.27");

  private final String id;
  private final String title;
  private final String defaultVersion;

  Target(String id, String title, String defaultVersion) {
    this.id = id;
    this.title = title;
    this.defaultVersion = defaultVersion;
  }

  /** The name used on the command line and in reports: {@code kubernetes}, {@code flannel}. */
  public String id() {
    return id;
  }

  /** A human title. */
  public String title() {
    return title;
  }

  /** The version assumed when the run names none (the version of the upstream schemas the project holds). */
  public String defaultVersion() {
    return defaultVersion;
  }

  /** The target with that id, if any. */
  public static Optional<Target> byId(String id) {
    return Arrays.stream(values()).filter(t -> t.id.equals(id)).findFirst();
  }
}

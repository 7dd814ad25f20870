package io.netlingua.eval;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A namespace of the cluster.
 *
 * @param name its name
 * @param labels its labels, always including {@code kubernetes.io/metadata.name: NAME} as the control plane sets it
 */
public record Namespace(String name, Map<String, String> labels) {
  /** The label the control plane puts on every namespace. */
  public static final String NAME_LABEL = "kubernetes.io/metadata.name";

  /** Adds the name label and freezes the labels in key order. */
  public Namespace {
    Objects.requireNonNull(name, "name");
    TreeMap<String, String> all = new TreeMap<>(labels);
    all.put(NAME_LABEL, name);
    labels = Collections.unmodifiableSortedMap(all);
  }
}

package io.netlingua.emit.lowering;

import io.netlingua.model.LabelRequirement;
import io.netlingua.model.LabelSelector;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds, among many pod sets, those that may overlap a given one, without comparing it with each: the look-up
 * that keeps deny folding linear (a deny visits only the allows that may see it, never every object of the
 * program). Its answer is a superset of the sets that {@link PodSet#mayOverlap} accepts; the caller still asks
 * that question of each candidate, so the index decides only what is visited, never what is folded.
 *
 * <p>Sets are filed by namespace name (the {@code kubernetes.io/metadata.name} requirement that {@link
 * PodSet#inNamespace} writes, or an {@code in} of names), then by one pod label requirement that takes finitely
 * many values ({@code app=web}, {@code tier in (a, b)}): the first such requirement in key order. Two selectors
 * that each require finitely many values of one key can overlap only if those values meet (Kubernetes
 * documentation, "Labels and Selectors": {@code =} and {@code in} need the label); a set with no such requirement
 * (every pod, {@code !=}, {@code notin}, {@code exists}) is a candidate of every query in its namespace.
 */
public final class PodSetIndex {
  /** The sets of one namespace, or of every namespace. */
  private static final class Bucket {
    /** By anchor key, then by each value the anchor allows. */
    final Map<String, Map<String, List<Integer>>> byValue = new LinkedHashMap<>();
    /** By anchor key, every set anchored on it (for a query that does not constrain that key). */
    final Map<String, List<Integer>> byKey = new LinkedHashMap<>();
    /** Sets with no anchor: candidates of every query. */
    final List<Integer> unanchored = new ArrayList<>();

    void add(int position, LabelSelector pods) {
      Optional<LabelRequirement> anchor = anchor(pods);
      if (anchor.isEmpty()) {
        unanchored.add(position);
        return;
      }
      String key = anchor.get().key();
      byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(position);
      Map<String, List<Integer>> values = byValue.computeIfAbsent(key, k -> new HashMap<>());
      for (String v : anchor.get().values()) {
        values.computeIfAbsent(v, x -> new ArrayList<>()).add(position);
      }
    }

    void candidates(LabelSelector pods, List<Integer> out) {
      out.addAll(unanchored);
      for (Map.Entry<String, List<Integer>> e : byKey.entrySet()) {
        Optional<List<String>> values = finiteValues(pods, e.getKey());
        if (values.isEmpty()) {
          out.addAll(e.getValue());
          continue;
        }
        Map<String, List<Integer>> byThisKey = byValue.get(e.getKey());
        for (String v : values.get()) {
          out.addAll(byThisKey.getOrDefault(v, List.of()));
        }
      }
    }
  }

  private final Map<String, Bucket> byNamespace = new HashMap<>();
  private final Bucket everyNamespace = new Bucket();
  private int size;

  /**
   * Files a set under its position (the caller's index of the object it belongs to).
   *
   * @param position a position, at least zero; positions are returned in ascending order
   * @param set the pods the object governs
   */
  public void add(int position, PodSet set) {
    Optional<List<String>> names = finiteValues(set.namespaces(), PodSet.NAMESPACE_NAME_LABEL);
    if (names.isEmpty()) {
      everyNamespace.add(position, set.pods());
    } else {
      for (String name : names.get()) {
        byNamespace.computeIfAbsent(name, n -> new Bucket()).add(position, set.pods());
      }
    }
    size++;
  }

  /**
   * The positions of the sets that may overlap {@code query}, in ascending order, each once: every set that
   * {@link PodSet#mayOverlap} accepts is among them.
   */
  public int[] mayOverlap(PodSet query) {
    List<Integer> out = new ArrayList<>();
    Optional<List<String>> names = finiteValues(query.namespaces(), PodSet.NAMESPACE_NAME_LABEL);
    everyNamespace.candidates(query.pods(), out);
    if (names.isEmpty()) {
      // A query of every namespace (or of namespaces chosen by other labels) may meet any namespace's sets.
      byNamespace.values().forEach(b -> b.candidates(query.pods(), out));
    } else {
      for (String name : names.get()) {
        Bucket b = byNamespace.get(name);
        if (b != null) {
          b.candidates(query.pods(), out);
        }
      }
    }
    return out.stream().mapToInt(Integer::intValue).sorted().distinct().toArray();
  }

  /** How many sets were filed. */
  public int size() {
    return size;
  }

  /** The first requirement, in key order, that allows finitely many values of its key. */
  private static Optional<LabelRequirement> anchor(LabelSelector selector) {
    LabelRequirement best = null;
    for (LabelRequirement r : selector.requirements()) {
      if (isFinite(r) && (best == null || r.key().compareTo(best.key()) < 0)) {
        best = r;
      }
    }
    return Optional.ofNullable(best);
  }

  /** The values a selector allows for a key when one of its requirements names them finitely. */
  private static Optional<List<String>> finiteValues(LabelSelector selector, String key) {
    for (LabelRequirement r : selector.requirements()) {
      if (r.key().equals(key) && isFinite(r)) {
        return Optional.of(r.values());
      }
    }
    return Optional.empty();
  }

  private static boolean isFinite(LabelRequirement r) {
    return r.operator() == LabelRequirement.Operator.EQUALS || r.operator() == LabelRequirement.Operator.IN;
  }
}

package io.netlingua.emit.lowering;

import io.netlingua.model.LabelRequirement;
import io.netlingua.model.LabelSelector;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Decides how two Kubernetes label selectors relate, exactly. A selector is a conjunction of requirements, each on
 * one key, and the keys of a label set are independent of each other; so a selector is, key by key, a set of
 * allowed values for that key ("absent" being one of them), and both questions reduce to finite set algebra per
 * key. The meaning of each operator follows the Kubernetes documentation "Labels and Selectors"
 * (kubernetes.io/docs/concepts/overview/working-with-objects/labels/#set-based-requirement): {@code !=} and
 * {@code notin} also match objects without the label, {@code in} and {@code =} need it.
 */
public final class Selectors {
  private Selectors() {}

  /** Whether some label set matches both selectors; {@code false} means the two are provably disjoint. */
  public static boolean mayOverlap(LabelSelector a, LabelSelector b) {
    Map<String, ValueSet> ka = byKey(a);
    Map<String, ValueSet> kb = byKey(b);
    if (isEmpty(ka) || isEmpty(kb)) {
      return false;
    }
    for (Map.Entry<String, ValueSet> e : ka.entrySet()) {
      ValueSet other = kb.get(e.getKey());
      if (other != null && e.getValue().intersect(other).isEmpty()) {
        return false;
      }
    }
    return true;
  }

  /** Whether every label set {@code inner} matches also matches {@code outer}. */
  public static boolean within(LabelSelector inner, LabelSelector outer) {
    Map<String, ValueSet> ki = byKey(inner);
    if (isEmpty(ki)) {
      return true;
    }
    for (Map.Entry<String, ValueSet> e : byKey(outer).entrySet()) {
      ValueSet allowed = ki.getOrDefault(e.getKey(), ValueSet.ANY);
      if (!allowed.subsetOf(e.getValue())) {
        return false;
      }
    }
    return true;
  }

  /** Whether no label set matches the selector (for example {@code app=a, app=b}). */
  public static boolean matchesNothing(LabelSelector selector) {
    return isEmpty(byKey(selector));
  }

  private static boolean isEmpty(Map<String, ValueSet> byKey) {
    return byKey.values().stream().anyMatch(ValueSet::isEmpty);
  }

  private static Map<String, ValueSet> byKey(LabelSelector selector) {
    Map<String, ValueSet> out = new LinkedHashMap<>();
    for (LabelRequirement r : selector.requirements()) {
      out.merge(r.key(), ValueSet.of(r), ValueSet::intersect);
    }
    return out;
  }

  /**
   * The values one key may take: a finite set of strings, or every string but a finite set; plus, or not, the
   * label being absent.
   */
  private record ValueSet(boolean cofinite, Set<String> values, boolean absent) {
    static final ValueSet ANY = new ValueSet(true, Set.of(), true);

    static ValueSet of(LabelRequirement r) {
      Set<String> v = new LinkedHashSet<>(r.values());
      return switch (r.operator()) {
        case EQUALS, IN -> new ValueSet(false, v, false);
        case NOT_EQUALS, NOT_IN -> new ValueSet(true, v, true);
        case EXISTS -> new ValueSet(true, Set.of(), false);
        case DOES_NOT_EXIST -> new ValueSet(false, Set.of(), true);
      };
    }

    ValueSet intersect(ValueSet o) {
      Set<String> v = new LinkedHashSet<>(values);
      boolean both = absent && o.absent;
      if (!cofinite && !o.cofinite) {
        v.retainAll(o.values);
        return new ValueSet(false, v, both);
      }
      if (cofinite && o.cofinite) {
        v.addAll(o.values);
        return new ValueSet(true, v, both);
      }
      Set<String> finite = new LinkedHashSet<>(cofinite ? o.values : values);
      finite.removeAll(cofinite ? values : o.values);
      return new ValueSet(false, finite, both);
    }

    boolean isEmpty() {
      // A cofinite set of label values is never empty: there are more valid values than any list names.
      return !cofinite && values.isEmpty() && !absent;
    }

    boolean subsetOf(ValueSet o) {
      if (absent && !o.absent) {
        return false;
      }
      if (!cofinite) {
        return o.cofinite ? values.stream().noneMatch(o.values::contains) : o.values.containsAll(values);
      }
      return o.cofinite && values.containsAll(o.values);
    }
  }
}

package io.netlingua.emit.lowering;

import io.netlingua.model.LabelRequirement;
import io.netlingua.model.LabelSelector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A label selector in the Kubernetes {@code LabelSelector} form ({@code matchLabels} and {@code matchExpressions}),
 * which Kubernetes NetworkPolicy and Cilium share. {@code =} goes to {@code matchLabels} (sorted); the rest become
 * expressions with the operators In, NotIn, Exists and DoesNotExist, in the order written, values sorted.
 * {@code key != v} becomes {@code NotIn [v]}: both match objects without the label (Kubernetes documentation,
 * "Labels and Selectors", kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors).
 * A second {@code =} on a key already in {@code matchLabels} with another value becomes {@code In [v]}, since a map
 * holds one value per key (the selector then matches nothing, as written).
 *
 * @param matchLabels the equalities, sorted by key
 * @param matchExpressions the other requirements
 */
public record SelectorForm(Map<String, String> matchLabels, List<Expression> matchExpressions) {

  /**
   * One {@code matchExpressions} entry.
   *
   * @param key the label key
   * @param operator {@code In}, {@code NotIn}, {@code Exists} or {@code DoesNotExist}
   * @param values the values, sorted; empty for Exists and DoesNotExist
   */
  public record Expression(String key, String operator, List<String> values) {
    public Expression {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(operator, "operator");
      values = values.stream().distinct().sorted().toList();
    }
  }

  public SelectorForm {
    matchLabels = java.util.Collections.unmodifiableMap(new TreeMap<>(matchLabels));
    matchExpressions = List.copyOf(matchExpressions);
  }

  /** The form of a selector. */
  public static SelectorForm of(LabelSelector selector) {
    Map<String, String> labels = new TreeMap<>();
    List<Expression> expressions = new ArrayList<>();
    for (LabelRequirement r : selector.requirements()) {
      if (r.operator() == LabelRequirement.Operator.EQUALS
          && labels.putIfAbsent(r.key(), r.values().get(0)) == null) {
        continue;
      }
      String operator =
          switch (r.operator()) {
            case EQUALS, IN -> "In";
            case NOT_EQUALS, NOT_IN -> "NotIn";
            case EXISTS -> "Exists";
            case DOES_NOT_EXIST -> "DoesNotExist";
          };
      if (!(r.operator() == LabelRequirement.Operator.EQUALS && labels.get(r.key()).equals(r.values().get(0)))) {
        expressions.add(new Expression(r.key(), operator, r.values()));
      }
    }
    return new SelectorForm(labels, expressions.stream().distinct().toList());
  }
}

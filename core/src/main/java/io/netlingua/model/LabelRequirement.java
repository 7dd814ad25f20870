package io.netlingua.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One requirement of a label selector, with the meaning Kubernetes gives it: {@code !=} and {@code notin} also
 * match objects without the label.
 *
 * @param key the label key, possibly with a DNS prefix ({@code example.com/tier})
 * @param operator the comparison
 * @param values one value for {@code =} and {@code !=}, one or more for {@code in} and {@code notin}, none for
 *     {@code exists} and {@code !key}
 * @param span where the requirement was written
 */
public record LabelRequirement(String key, Operator operator, List<String> values, SourceSpan span) {

  /** The comparisons of Kubernetes label selectors. */
  public enum Operator {
    EQUALS,
    NOT_EQUALS,
    IN,
    NOT_IN,
    EXISTS,
    DOES_NOT_EXIST
  }

  public LabelRequirement {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(operator, "operator");
    values = List.copyOf(values);
    Objects.requireNonNull(span, "span");
    int expected =
        switch (operator) {
          case EQUALS, NOT_EQUALS -> 1;
          case EXISTS, DOES_NOT_EXIST -> 0;
          case IN, NOT_IN -> -1;
        };
    if (expected >= 0 ? values.size() != expected : values.isEmpty()) {
      throw new IllegalArgumentException(operator + " takes " + (expected < 0 ? "1 or more" : expected)
          + " values, got " + values.size());
    }
  }

  /** Whether a set of labels satisfies this requirement. */
  public boolean matches(Map<String, String> labels) {
    String value = labels.get(key);
    return switch (operator) {
      case EQUALS -> values.get(0).equals(value);
      case NOT_EQUALS -> !values.get(0).equals(value);
      case IN -> value != null && values.contains(value);
      case NOT_IN -> value == null || !values.contains(value);
      case EXISTS -> value != null;
      case DOES_NOT_EXIST -> value == null;
    };
  }
}

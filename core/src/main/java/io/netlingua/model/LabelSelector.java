package io.netlingua.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Kubernetes label selector: requirements joined by "and". No requirement selects everything.
 *
 * @param requirements in the order written
 */
public record LabelSelector(List<LabelRequirement> requirements) {

  /** The selector that selects everything ({@code pods}, {@code namespaces} without a selector). */
  public static final LabelSelector ALL = new LabelSelector(List.of());

  public LabelSelector {
    requirements = List.copyOf(requirements);
  }

  /** True when the selector has no requirement and so selects everything. */
  public boolean selectsAll() {
    return requirements.isEmpty();
  }

  /** Whether a set of labels satisfies every requirement. */
  public boolean matches(Map<String, String> labels) {
    for (LabelRequirement r : requirements) {
      if (!r.matches(labels)) {
        return false;
      }
    }
    return true;
  }

  /** A builder, for embedders that build models in Java. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a selector requirement by requirement. */
  public static final class Builder {
    private final List<LabelRequirement> requirements = new ArrayList<>();

    private Builder() {}

    public Builder equal(String key, String value) {
      return add(new LabelRequirement(key, LabelRequirement.Operator.EQUALS, List.of(value), SourceSpan.NONE));
    }

    public Builder notEqual(String key, String value) {
      return add(
          new LabelRequirement(key, LabelRequirement.Operator.NOT_EQUALS, List.of(value), SourceSpan.NONE));
    }

    public Builder in(String key, String... values) {
      return add(new LabelRequirement(key, LabelRequirement.Operator.IN, List.of(values), SourceSpan.NONE));
    }

    public Builder notIn(String key, String... values) {
      return add(new LabelRequirement(key, LabelRequirement.Operator.NOT_IN, List.of(values), SourceSpan.NONE));
    }

    public Builder exists(String key) {
      return add(new LabelRequirement(key, LabelRequirement.Operator.EXISTS, List.of(), SourceSpan.NONE));
    }

    public Builder doesNotExist(String key) {
      return add(
          new LabelRequirement(key, LabelRequirement.Operator.DOES_NOT_EXIST, List.of(), SourceSpan.NONE));
    }

    public Builder add(LabelRequirement requirement) {
      requirements.add(requirement);
      return this;
    }

    public LabelSelector build() {
      return new LabelSelector(requirements);
    }
  }
}

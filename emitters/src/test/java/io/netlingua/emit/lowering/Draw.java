package io.netlingua.emit.lowering;

import io.netlingua.model.LabelRequirement;
import io.netlingua.model.LabelRequirement.Operator;
import io.netlingua.model.LabelSelector;
import io.netlingua.model.SourceSpan;
import java.util.ArrayList;
import java.util.List;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.impl.Constraint;

/**
 * Choices drawn from a QuickTheories randomness source, so that QuickTheories can replay and shrink what a
 * generator built from them. Shared by the property tests of the lowering steps and of the targets.
 */
public final class Draw {
  /** Tries per property: {@code netlingua.property.tries}, as the parent pom sets it. */
  public static final int TRIES = Integer.getInteger("netlingua.property.tries", 1000);

  private final RandomnessSource source;

  public Draw(RandomnessSource source) {
    this.source = source;
  }

  /** An integer in {@code [low, high]}; shrinks towards {@code low}. */
  public int between(int low, int high) {
    return (int) source.next(Constraint.between(low, high));
  }

  /** True with the given probability in percent. */
  public boolean chance(int percent) {
    return between(0, 99) < percent;
  }

  /** One of the items. */
  public <T> T pick(List<T> items) {
    return items.get(between(0, items.size() - 1));
  }

  /**
   * A model selector of up to {@code maxRequirements} requirements, every operator, over the given keys and
   * values (one or two values for {@code in} and {@code notin}).
   */
  public LabelSelector labelSelector(List<String> keys, List<String> values, int maxRequirements) {
    List<LabelRequirement> rs = new ArrayList<>();
    int n = between(0, maxRequirements);
    for (int i = 0; i < n; i++) {
      Operator op = pick(List.of(Operator.values()));
      int count = switch (op) {
        case EQUALS, NOT_EQUALS -> 1;
        case IN, NOT_IN -> between(1, 2);
        case EXISTS, DOES_NOT_EXIST -> 0;
      };
      List<String> vs = new ArrayList<>();
      for (int v = 0; v < count; v++) {
        vs.add(pick(values));
      }
      rs.add(new LabelRequirement(pick(keys), op, vs, SourceSpan.NONE));
    }
    return new LabelSelector(rs);
  }
}

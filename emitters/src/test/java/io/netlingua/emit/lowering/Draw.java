package io.netlingua.emit.lowering;

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
}

package io.netlingua.dsl.generators;

import java.util.ArrayList;
import java.util.List;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.impl.Constraint;

/**
 * Choices drawn from a QuickTheories randomness source. Drawing every choice from the source (rather than from a
 * {@code java.util.Random}) lets QuickTheories replay and shrink a failing model.
 */
final class Rnd {
  private final RandomnessSource source;

  Rnd(RandomnessSource source) {
    this.source = source;
  }

  /** An integer in {@code [low, high]}; shrinks towards {@code low}. */
  int between(int low, int high) {
    return (int) source.next(Constraint.between(low, high));
  }

  /** True with the given probability in percent. */
  boolean chance(int percent) {
    return between(0, 99) < percent;
  }

  /** One of the items. */
  <T> T pick(List<T> items) {
    return items.get(between(0, items.size() - 1));
  }

  /** One of the items. */
  @SafeVarargs
  final <T> T pick(T... items) {
    return items[between(0, items.length - 1)];
  }

  /** A string of {@code length} characters drawn from {@code alphabet}. */
  String chars(String alphabet, int length) {
    StringBuilder sb = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      sb.append(alphabet.charAt(between(0, alphabet.length() - 1)));
    }
    return sb.toString();
  }

  /** The items in a random order. */
  <T> List<T> shuffled(List<T> items) {
    List<T> rest = new ArrayList<>(items);
    List<T> out = new ArrayList<>(items.size());
    while (!rest.isEmpty()) {
      out.add(rest.remove(between(0, rest.size() - 1)));
    }
    return out;
  }
}

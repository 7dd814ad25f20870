package io.netlingua.emit.calico;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import io.netlingua.emit.lowering.Draw;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The renderer and the parser are inverse on random trees of every node type, and the factories keep the meaning
 * of what they simplify. Tries come from {@code netlingua.property.tries}; the seed is fixed.
 */
class CalicoSelectorPropertiesTest {
  private static final long SEED = 0x43414c49L;

  @Test
  void parsingTheRenderedTextGivesTheSameTree() {
    qt().withFixedSeed(SEED).withExamples(Draw.TRIES)
        .forAll(RandomSelectors.selectors())
        .checkAssert(s -> assertThat(SelectorParser.parse(s.render())).as(s.render()).isEqualTo(s));
  }

  @Test
  void theReparsedTreeMatchesTheSameLabels() {
    AtomicInteger matched = new AtomicInteger();
    AtomicInteger missed = new AtomicInteger();
    qt().withFixedSeed(SEED).withExamples(Draw.TRIES)
        .forAll(RandomSelectors.selectors(), RandomSelectors.labels())
        .checkAssert((s, labels) -> {
          boolean matches = s.matches(labels);
          (matches ? matched : missed).incrementAndGet();
          assertThat(SelectorParser.parse(s.render()).matches(labels)).as(s.render() + " on " + labels)
              .isEqualTo(matches);
        });
    // Both answers came up often: the generators share keys and values, so the property says something.
    assertThat(matched.get()).isGreaterThan(Draw.TRIES / 10);
    assertThat(missed.get()).isGreaterThan(Draw.TRIES / 10);
  }

  @Test
  void theFactoriesKeepTheMeaningAndRoundTrip() {
    qt().withFixedSeed(SEED).withExamples(Draw.TRIES)
        .forAll(RandomSelectors.selectors(), RandomSelectors.selectors(), RandomSelectors.labels())
        .checkAssert((a, b, labels) -> {
          List<CalicoSelector> operands = List.of(a, CalicoSelector.all(), b);
          CalicoSelector and = CalicoSelector.and(operands);
          CalicoSelector or = CalicoSelector.or(a, CalicoSelector.not(CalicoSelector.all()), b);
          CalicoSelector not = CalicoSelector.not(a);
          assertThat(and.matches(labels)).isEqualTo(a.matches(labels) && b.matches(labels));
          assertThat(or.matches(labels)).isEqualTo(a.matches(labels) || b.matches(labels));
          assertThat(not.matches(labels)).isEqualTo(!a.matches(labels));
          for (CalicoSelector s : List.of(and, or, not)) {
            assertThat(SelectorParser.parse(s.render())).as(s.render()).isEqualTo(s);
          }
        });
  }
}

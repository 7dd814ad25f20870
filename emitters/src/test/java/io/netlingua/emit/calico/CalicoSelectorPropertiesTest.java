package io.netlingua.emit.calico;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import io.netlingua.emit.lowering.Draw;
import java.util.List;
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
    RandomSelectors.Answers answers = new RandomSelectors.Answers();
    qt().withFixedSeed(SEED).withExamples(Draw.TRIES)
        .forAll(RandomSelectors.selectors(), RandomSelectors.labels())
        .checkAssert((s, labels) -> {
          boolean matches = answers.count(s.matches(labels));
          assertThat(SelectorParser.parse(s.render()).matches(labels)).as(s.render() + " on " + labels)
              .isEqualTo(matches);
        });
    answers.assertBothCameUpOften();
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

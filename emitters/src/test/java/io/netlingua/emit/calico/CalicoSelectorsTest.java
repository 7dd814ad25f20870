package io.netlingua.emit.calico;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import io.netlingua.emit.lowering.Draw;
import io.netlingua.model.LabelRequirement;
import io.netlingua.model.LabelSelector;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The model's selectors in Calico's language: the mapping operator by operator, the same tree as the text
 * Calico's own conversion of a Kubernetes selector writes, and the same matches on random label maps.
 */
class CalicoSelectorsTest {
  private static final long SEED = 0x4b385343L;

  @Test
  void eachOperatorBecomesItsCalicoMatchJoinedInTheOrderWritten() {
    LabelSelector selector = LabelSelector.builder()
        .equal("app", "web").notEqual("tier", "db").in("zone", "b", "a").notIn("env", "dev")
        .exists("example.com/owner").doesNotExist("canary").build();
    CalicoSelector calico = CalicoSelectors.of(selector);
    assertThat(calico.render()).isEqualTo("app == 'web' && tier != 'db' && zone in {'a', 'b'} && env not in {'dev'}"
        + " && has(example.com/owner) && !has(canary)");
  }

  @Test
  void theEmptySelectorIsAllAndOneRequirementIsItsMatchAlone() {
    assertThat(CalicoSelectors.of(LabelSelector.ALL)).isEqualTo(CalicoSelector.all());
    assertThat(CalicoSelectors.of(LabelSelector.builder().doesNotExist("a").build()).render()).isEqualTo("!has(a)");
  }

  /**
   * Calico's conversion writes the text of {@code k8sSelectorToCalico} (projectcalico/calico
   * libcalico-go/lib/backend/k8s/conversion/conversion.go at v3.32.1): {@code k == 'v'}, {@code k in { 'a', 'b'
   * }}, {@code k not in { 'a', 'b' }}, {@code has(k)}, {@code ! has(k)}, joined by {@code " && "}. Parsed, it is the
   * tree {@link CalicoSelectors#of} builds, for every selector without {@code !=} (which Kubernetes writes as
   * NotIn).
   */
  @Test
  void theTreeIsTheOneCalicosOwnConversionTextParsesTo() {
    qt().withFixedSeed(SEED).withExamples(Draw.TRIES)
        .forAll(RandomSelectors.modelSelectors())
        .assuming(s -> s.requirements().stream()
            .noneMatch(r -> r.operator() == LabelRequirement.Operator.NOT_EQUALS))
        .checkAssert(s -> {
          String calicoText = conversionText(s);
          assertThat(SelectorParser.parse(calicoText)).as(calicoText).isEqualTo(CalicoSelectors.of(s));
        });
  }

  @Test
  void theCalicoSelectorMatchesWhatTheModelsSelectorMatches() {
    RandomSelectors.Answers answers = new RandomSelectors.Answers();
    qt().withFixedSeed(SEED).withExamples(Draw.TRIES)
        .forAll(RandomSelectors.modelSelectors(), RandomSelectors.modelLabels())
        .checkAssert((selector, labels) -> {
          boolean expected = answers.count(selector.matches(labels));
          CalicoSelector calico = CalicoSelectors.of(selector);
          assertThat(calico.matches(labels)).as(calico.render() + " on " + labels).isEqualTo(expected);
          assertThat(SelectorParser.parse(calico.render())).isEqualTo(calico);
        });
    answers.assertBothCameUpOften();
  }

  /** The text of conversion.go's {@code k8sSelectorToCalico}, format string by format string. */
  private static String conversionText(LabelSelector selector) {
    List<String> terms = new ArrayList<>();
    for (LabelRequirement r : selector.requirements()) {
      String values = String.join("', '", r.values());
      terms.add(switch (r.operator()) {
        case EQUALS -> String.format("%s == '%s'", r.key(), r.values().get(0));
        case IN -> String.format("%s in { '%s' }", r.key(), values);
        case NOT_IN -> String.format("%s not in { '%s' }", r.key(), values);
        case EXISTS -> String.format("has(%s)", r.key());
        case DOES_NOT_EXIST -> String.format("! has(%s)", r.key());
        case NOT_EQUALS -> throw new IllegalArgumentException("a Kubernetes selector has no !=");
      });
    }
    return String.join(" && ", terms);
  }
}

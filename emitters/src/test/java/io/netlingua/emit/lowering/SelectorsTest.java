package io.netlingua.emit.lowering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import io.netlingua.model.LabelSelector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Selector disjointness and inclusion, with the operator meanings of the Kubernetes documentation "Labels and
 * Selectors" (kubernetes.io/docs/concepts/overview/working-with-objects/labels/#set-based-requirement):
 * {@code !=} and {@code notin} match objects without the label.
 */
class SelectorsTest {
  private static final List<String> KEYS = List.of("app", "tier");
  /** Values selectors may name; {@code other} stands for every value no selector names. */
  private static final List<String> VALUES = List.of("a", "b", "c");

  private static LabelSelector sel(String... pairs) {
    LabelSelector.Builder b = LabelSelector.builder();
    for (String p : pairs) {
      if (p.startsWith("!")) {
        b.doesNotExist(p.substring(1));
      } else if (p.contains("!=")) {
        b.notEqual(p.split("!=")[0], p.split("!=")[1]);
      } else if (p.contains("=")) {
        b.equal(p.split("=")[0], p.split("=")[1]);
      } else {
        b.exists(p);
      }
    }
    return b.build();
  }

  @Test
  void equalValuesOfOneKeyAreDisjointOnlyWhenTheyDiffer() {
    assertThat(Selectors.mayOverlap(sel("app=a"), sel("app=b"))).isFalse();
    assertThat(Selectors.mayOverlap(sel("app=a"), sel("app=a", "tier=x"))).isTrue();
    assertThat(Selectors.mayOverlap(sel("app=a"), sel("tier=x"))).isTrue();
  }

  @Test
  void existsAndDoesNotExistAreDisjoint() {
    assertThat(Selectors.mayOverlap(sel("x"), sel("!x"))).isFalse();
    assertThat(Selectors.mayOverlap(sel("app=a"), sel("!app"))).isFalse();
  }

  @Test
  void notEqualMatchesObjectsWithoutTheLabel() {
    assertThat(Selectors.mayOverlap(sel("app!=a"), sel("!app"))).isTrue();
    assertThat(Selectors.mayOverlap(sel("app!=a"), sel("app=a"))).isFalse();
    assertThat(Selectors.within(sel("!app"), sel("app!=a"))).isTrue();
  }

  @Test
  void aNarrowerSelectorIsWithinAWiderOne() {
    assertThat(Selectors.within(sel("app=a", "tier=x"), sel("app=a"))).isTrue();
    assertThat(Selectors.within(sel("app=a"), sel("app=a", "tier=x"))).isFalse();
    assertThat(Selectors.within(sel("app=a"), LabelSelector.ALL)).isTrue();
    assertThat(Selectors.within(LabelSelector.ALL, sel("app=a"))).isFalse();
    assertThat(Selectors.within(sel("app=a", "app=b"), sel("tier=x"))).isTrue();
    assertThat(Selectors.matchesNothing(sel("app=a", "app=b"))).isTrue();
  }

  /** Both answers agree with trying every label set over the keys and values selectors name, and one more. */
  @Test
  void agreesWithEnumeratingLabelSets() {
    List<Map<String, String>> labelSets = labelSets();
    qt().withFixedSeed(11).withExamples(Draw.TRIES)
        .forAll(selectors(), selectors())
        .check((a, b) -> {
          boolean overlap = labelSets.stream().anyMatch(l -> a.matches(l) && b.matches(l));
          boolean within = labelSets.stream().allMatch(l -> !a.matches(l) || b.matches(l));
          return Selectors.mayOverlap(a, b) == overlap && Selectors.within(a, b) == within;
        });
  }

  private static List<Map<String, String>> labelSets() {
    List<String> choices = new ArrayList<>(VALUES);
    choices.add("other");
    choices.add(null);
    List<Map<String, String>> out = new ArrayList<>();
    for (String app : choices) {
      for (String tier : choices) {
        Map<String, String> l = new LinkedHashMap<>();
        if (app != null) {
          l.put("app", app);
        }
        if (tier != null) {
          l.put("tier", tier);
        }
        out.add(l);
      }
    }
    return out;
  }

  static Gen<LabelSelector> selectors() {
    return in -> new Draw(in).labelSelector(KEYS, VALUES, 3);
  }
}

package io.netlingua.emit.lowering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import io.netlingua.model.LabelSelector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * The index that keeps deny folding linear finds every set that may overlap a query (a set it missed would be an
 * allow a deny never cuts: a hole), and only looks where an overlap is possible.
 */
class PodSetIndexTest {
  private static final long SEED = 0x50534958L;
  private static final List<String> NAMESPACES = List.of("shop", "data", "web");

  @Test
  void everySetThatMayOverlapTheQueryIsACandidateInAscendingOrder() {
    qt().withFixedSeed(SEED).withExamples(Draw.TRIES)
        .forAll(podSetLists(), podSets())
        .checkAssert((sets, query) -> {
          PodSetIndex index = new PodSetIndex();
          for (int i = 0; i < sets.size(); i++) {
            index.add(i, sets.get(i));
          }
          int[] candidates = index.mayOverlap(query);
          assertThat(candidates).isSorted().doesNotHaveDuplicates();
          List<Integer> found = Arrays.stream(candidates).boxed().toList();
          for (int i = 0; i < sets.size(); i++) {
            if (sets.get(i).mayOverlap(query)) {
              assertThat(found).as("set %d %s may overlap %s", i, sets.get(i), query).contains(i);
            }
          }
        });
  }

  @Test
  void aQueryLooksOnlyAtItsNamespaceAndAtSetsOfTheSameLabelValueOrOfNoAnchor() {
    PodSetIndex index = new PodSetIndex();
    index.add(0, PodSet.inNamespace("shop", LabelSelector.builder().equal("app", "api").build()));
    index.add(1, PodSet.inNamespace("shop", LabelSelector.builder().equal("app", "web").build()));
    index.add(2, PodSet.inNamespace("data", LabelSelector.builder().equal("app", "api").build()));
    index.add(3, PodSet.inNamespace("shop", LabelSelector.builder().notEqual("app", "web").build()));
    index.add(4, new PodSet(LabelSelector.ALL, LabelSelector.builder().in("app", "api", "db").build()));

    assertThat(index.mayOverlap(PodSet.inNamespace("shop", LabelSelector.builder().equal("app", "api").build())))
        .containsExactly(0, 3, 4);
    // A query that does not say which app may meet every set of its namespace.
    assertThat(index.mayOverlap(PodSet.inNamespace("shop", LabelSelector.ALL))).containsExactly(0, 1, 3, 4);
    assertThat(index.size()).isEqualTo(5);
  }

  private static Gen<PodSet> podSets() {
    Gen<LabelSelector> selectors = SelectorsTest.selectors();
    return in -> {
      Draw d = new Draw(in);
      LabelSelector pods = selectors.generate(in);
      LabelSelector namespaces = d.chance(70)
          ? PodSet.namespaceNamed(d.pick(NAMESPACES))
          : d.chance(50) ? LabelSelector.builder().in(PodSet.NAMESPACE_NAME_LABEL, "shop", "web").build()
          : selectors.generate(in);
      return new PodSet(namespaces, pods);
    };
  }

  private static Gen<List<PodSet>> podSetLists() {
    Gen<PodSet> sets = podSets();
    return in -> {
      int n = new Draw(in).between(0, 12);
      List<PodSet> out = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        out.add(sets.generate(in));
      }
      return out;
    };
  }
}

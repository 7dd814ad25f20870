package io.netlingua.emit.calico;

import static io.netlingua.emit.calico.CalicoSelector.all;
import static io.netlingua.emit.calico.CalicoSelector.and;
import static io.netlingua.emit.calico.CalicoSelector.equal;
import static io.netlingua.emit.calico.CalicoSelector.has;
import static io.netlingua.emit.calico.CalicoSelector.in;
import static io.netlingua.emit.calico.CalicoSelector.not;
import static io.netlingua.emit.calico.CalicoSelector.or;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netlingua.emit.calico.CalicoSelector.And;
import io.netlingua.emit.calico.CalicoSelector.Not;
import io.netlingua.emit.calico.CalicoSelector.Or;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The canonical text, the checks on keys and values, and the factories' simplifications. */
class CalicoSelectorTest {

  @Test
  void theCanonicalTextQuotesSinglySortsSetsAndWritesNoNeedlessParentheses() {
    CalicoSelector s = and(equal("app", "web"), in("tier", "worker", "api", "worker"));
    assertThat(s.render()).isEqualTo("app == 'web' && tier in {'api', 'worker'}");
    assertThat(or(s, has("b")).render()).isEqualTo("app == 'web' && tier in {'api', 'worker'} || has(b)");
    assertThat(and(or(has("a"), has("b")), has("c")).render()).isEqualTo("(has(a) || has(b)) && has(c)");
    assertThat(not(has("a")).render()).isEqualTo("!has(a)");
    assertThat(not(equal("a", "b")).render()).isEqualTo("!a == 'b'");
    assertThat(not(and(has("a"), has("b"))).render()).isEqualTo("!(has(a) && has(b))");
    assertThat(CalicoSelector.global().render()).isEqualTo("global()");
  }

  @Test
  void everyMatchOperatorIsSpelledAsCalicoDocumentsIt() {
    assertThat(CalicoSelector.notEqual("k", "v").render()).isEqualTo("k != 'v'");
    assertThat(CalicoSelector.notIn("k", "v2", "v1").render()).isEqualTo("k not in {'v1', 'v2'}");
    assertThat(CalicoSelector.contains("k", "s").render()).isEqualTo("k contains 's'");
    assertThat(CalicoSelector.startsWith("k", "s").render()).isEqualTo("k starts with 's'");
    assertThat(CalicoSelector.endsWith("k", "s").render()).isEqualTo("k ends with 's'");
  }

  @Test
  void nestedChainsAndDoubleNegationsKeepTheParenthesesThatMakeThemNodes() {
    // As the records allow and Calico's parser builds from "(a && b) && c" and "!(!a)".
    CalicoSelector nested = new And(List.of(new And(List.of(has("a"), has("b"))), has("c")));
    assertThat(nested.render()).isEqualTo("(has(a) && has(b)) && has(c)");
    assertThat(new Or(List.of(has("a"), new Or(List.of(has("b"), has("c"))))).render())
        .isEqualTo("has(a) || (has(b) || has(c))");
    assertThat(new Not(new Not(has("a"))).render()).isEqualTo("!(!has(a))");
  }

  @Test
  void aValueWithASingleQuoteIsDoubleQuotedAndOneWithBothCannotBeWritten() {
    assertThat(equal("a", "it's").render()).isEqualTo("a == \"it's\"");
    assertThat(in("a", "x'", "y\"").render()).isEqualTo("a in {\"x'\", 'y\"'}");
    CalicoSelector both = equal("msg", "it's \"x\"");
    assertThatThrownBy(both::render)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cannot write the value <it's \"x\"> of label 'msg' in a Calico selector: it holds both ' and \","
            + " and a Calico string has no escapes (it ends at the next quote of its kind,"
            + " libcalico-go/lib/selector/tokenizer/tokenizer.go)");
    assertThatThrownBy(() -> not(in("k", "ok", "'\"")).render()).isInstanceOf(IllegalArgumentException.class);
    // Matching needs no text: the tree still answers.
    assertThat(both.matches(Map.of("msg", "it's \"x\""))).isTrue();
  }

  @Test
  void aKeyMustBeOneCalicoCanRead() {
    assertThat(has("example.com/a_b-c.9").key()).isEqualTo("example.com/a_b-c.9");
    assertThatThrownBy(() -> has("a b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("'a b' is no Calico label key: the character at 1 is none of a-z A-Z 0-9 _ . / -");
    assertThatThrownBy(() -> equal("it's", "v")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> has("")).hasMessage("a Calico label key has 1 to 512 characters, not 0");
    assertThatThrownBy(() -> has("k".repeat(513))).hasMessage("a Calico label key has 1 to 512 characters, not 513");
  }

  @Test
  void andFlattensDropsAllAndGivesAllWhenEmpty() {
    CalicoSelector a = has("a");
    CalicoSelector b = has("b");
    CalicoSelector c = has("c");
    assertThat(and(a, and(b, c))).isEqualTo(new And(List.of(a, b, c)));
    assertThat(and(new And(List.of(a, new And(List.of(b, all())))), c)).isEqualTo(new And(List.of(a, b, c)));
    assertThat(and(all(), a, all())).isEqualTo(a);
    assertThat(and()).isEqualTo(all());
    assertThat(and(List.of(all(), all()))).isEqualTo(all());
    // global() is kept: in a namespace selector it selects the resources without a namespace, not all.
    assertThat(and(CalicoSelector.global(), a)).isEqualTo(new And(List.of(CalicoSelector.global(), a)));
    // An or inside an and is an operand, not flattened.
    assertThat(and(or(a, b), c)).isEqualTo(new And(List.of(new Or(List.of(a, b)), c)));
  }

  @Test
  void orFlattensAndGivesTheSelectorOfNothingWhenEmpty() {
    CalicoSelector a = has("a");
    CalicoSelector b = has("b");
    assertThat(or(a, or(b, a))).isEqualTo(new Or(List.of(a, b, a)));
    assertThat(or(not(all()), a)).isEqualTo(a);
    assertThat(or()).isEqualTo(not(all()));
    assertThat(or().render()).isEqualTo("!all()");
    assertThat(or().matches(Map.of())).isFalse();
  }

  @Test
  void notFoldsADoubleNegationAsCalicosParserFoldsDoubleBangs() {
    assertThat(not(not(has("a")))).isEqualTo(has("a"));
    assertThat(not(has("a"))).isEqualTo(new Not(has("a")));
  }

  @Test
  void chainsHaveTwoOperandsOrMoreAndTreesAreImmutableValues() {
    assertThatThrownBy(() -> new And(List.of(has("a"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'&&' joins two operands or more, not 1");
    assertThatThrownBy(() -> new Or(List.of())).hasMessageContaining("'||' joins two operands or more, not 0");
    List<CalicoSelector> operands = new ArrayList<>(List.of(has("a"), has("b")));
    And and = new And(operands);
    operands.add(has("c"));
    assertThat(and.operands()).hasSize(2);
    assertThat(in("k", "b", "a", "b")).isEqualTo(in("k", "a", "b"));
    assertThat(in("k", "b", "a").values()).containsExactly("a", "b");
  }

  @Test
  void aKeyMappedToNullIsAbsent() {
    Map<String, String> labels = new HashMap<>();
    labels.put("a", null);
    assertThat(has("a").matches(labels)).isFalse();
    assertThat(CalicoSelector.notEqual("a", "x").matches(labels)).isTrue();
    assertThat(CalicoSelector.contains("a", "").matches(labels)).isFalse();
    assertThat(CalicoSelector.contains("a", "").matches(Map.of("a", ""))).isTrue();
  }

  @Test
  void globalMatchesEveryLabelMapAsCalicosGlobalNodeEvaluates() {
    assertThat(CalicoSelector.global().matches(Map.of())).isTrue();
    assertThat(CalicoSelector.global().matches(Map.of("projectcalico.org/namespace", "shop"))).isTrue();
  }
}

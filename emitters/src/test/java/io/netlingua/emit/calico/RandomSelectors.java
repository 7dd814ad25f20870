package io.netlingua.emit.calico;

import static org.assertj.core.api.Assertions.assertThat;

import io.netlingua.emit.lowering.Draw;
import io.netlingua.model.LabelSelector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.quicktheories.core.Gen;

/**
 * Generators of Calico selector trees, of the model's selectors and of label maps, built from QuickTheories draws
 * so that failures shrink. Keys and values come mostly from small pools that the label maps draw from too, so
 * that a selector and a label map often name the same key and value and the properties are not vacuous; the rest
 * are random strings over every character a key may hold, and values over characters that matter to the
 * tokenizer (quotes, braces, operators, white space, a line break, non-ASCII).
 */
final class RandomSelectors {
  /** Keys selectors and label maps share: with {@code / . - _}, and words that are operators elsewhere. */
  static final List<String> KEYS = List.of(
      "app", "tier", "example.com/role", "k8s-app", "a_b.c-d/e", "in", "not", "has", "all", "contains", "-", "9");

  /** Values selectors and label maps share: prefixes and substrings of each other, and quoted ones. */
  static final List<String> VALUES = List.of("web", "we", "eb", "web-1", "", "a b", "it's", "say \"hi\"", "é");

  /** Values of Kubernetes form (no quotes) for the model's selectors. */
  private static final List<String> MODEL_VALUES = List.of("web", "we", "web-1", "", "api", "x.y_z");

  /** The characters of a label key (tokenizer.go, {@code identifierChar}). */
  private static final String KEY_CHARS = "abzAZ09_./-";

  /** Characters a value may hold, each of which means something to the tokenizer outside a string. */
  private static final String VALUE_CHARS = "aZ0 \t'\"{}(),!&|=\n/é";

  private RandomSelectors() {}

  /** Random trees of every node type, nested up to three levels, as the records allow them. */
  static Gen<CalicoSelector> selectors() {
    return in -> selector(new Draw(in), 3);
  }

  /** Label maps over the shared keys and values, sometimes with a random value. */
  static Gen<Map<String, String>> labels() {
    return in -> {
      Draw d = new Draw(in);
      Map<String, String> labels = new LinkedHashMap<>();
      int n = d.between(0, 4);
      for (int i = 0; i < n; i++) {
        labels.put(d.pick(KEYS), d.chance(80) ? d.pick(VALUES) : value(d));
      }
      return labels;
    };
  }

  /** The model's selectors: every operator, keys and values of Kubernetes form from the shared pools. */
  static Gen<LabelSelector> modelSelectors() {
    return in -> new Draw(in).labelSelector(KEYS, MODEL_VALUES, 3);
  }

  /** Label maps over the keys and values of {@link #modelSelectors()}. */
  static Gen<Map<String, String>> modelLabels() {
    List<String> values = new ArrayList<>(MODEL_VALUES);
    values.add("other");
    return in -> {
      Draw d = new Draw(in);
      Map<String, String> labels = new LinkedHashMap<>();
      int n = d.between(0, 4);
      for (int i = 0; i < n; i++) {
        labels.put(d.pick(KEYS), d.pick(values));
      }
      return labels;
    };
  }

  private static CalicoSelector selector(Draw d, int depth) {
    if (depth > 0 && d.chance(50)) {
      return switch (d.between(0, 2)) {
        case 0 -> new CalicoSelector.Not(selector(d, depth - 1));
        case 1 -> new CalicoSelector.And(operands(d, depth - 1));
        default -> new CalicoSelector.Or(operands(d, depth - 1));
      };
    }
    return switch (d.between(0, 9)) {
      case 0 -> new CalicoSelector.All();
      case 1 -> new CalicoSelector.Global();
      case 2 -> new CalicoSelector.Has(key(d));
      case 3 -> new CalicoSelector.Equal(key(d), value(d));
      case 4 -> new CalicoSelector.NotEqual(key(d), value(d));
      case 5 -> new CalicoSelector.Contains(key(d), value(d));
      case 6 -> new CalicoSelector.StartsWith(key(d), value(d));
      case 7 -> new CalicoSelector.EndsWith(key(d), value(d));
      case 8 -> new CalicoSelector.In(key(d), values(d));
      default -> new CalicoSelector.NotIn(key(d), values(d));
    };
  }

  private static List<CalicoSelector> operands(Draw d, int depth) {
    List<CalicoSelector> out = new ArrayList<>();
    int n = d.between(2, 3);
    for (int i = 0; i < n; i++) {
      out.add(selector(d, depth));
    }
    return out;
  }

  /** A key from the pool, or 1 to 12 random key characters (which may spell "in", "all" or "-"). */
  static String key(Draw d) {
    return d.chance(60) ? d.pick(KEYS) : string(d, KEY_CHARS, 1, 12);
  }

  /** A value from the pool, or up to 6 random characters holding one kind of quote at most. */
  static String value(Draw d) {
    if (d.chance(50)) {
      return d.pick(VALUES);
    }
    // A value with both quotes has no text (the renderer refuses it); keep the first kind drawn.
    String s = string(d, VALUE_CHARS, 0, 6);
    int single = s.indexOf('\'');
    int dbl = s.indexOf('"');
    if (single >= 0 && dbl >= 0) {
      return s.replace(single < dbl ? "\"" : "'", "");
    }
    return s;
  }

  private static String string(Draw d, String alphabet, int minLength, int maxLength) {
    StringBuilder out = new StringBuilder();
    int n = d.between(minLength, maxLength);
    for (int i = 0; i < n; i++) {
      out.append(alphabet.charAt(d.between(0, alphabet.length() - 1)));
    }
    return out.toString();
  }

  private static List<String> values(Draw d) {
    List<String> out = new ArrayList<>();
    int n = d.between(0, 3);
    for (int i = 0; i < n; i++) {
      out.add(value(d));
    }
    return out;
  }

  /**
   * Counts how often a property's selector matched and missed, so that a test can show that both answers came up
   * often and the property says something.
   */
  static final class Answers {
    private int matched;
    private int missed;

    /** Counts one answer and returns it. */
    boolean count(boolean matches) {
      if (matches) {
        matched++;
      } else {
        missed++;
      }
      return matches;
    }

    /** Fails unless each answer came up in a tenth of the tries at least. */
    void assertBothCameUpOften() {
      assertThat(matched).as("tries that matched").isGreaterThan(Draw.TRIES / 10);
      assertThat(missed).as("tries that did not match").isGreaterThan(Draw.TRIES / 10);
    }
  }
}

package io.netlingua.emit.calico;

import io.netlingua.emit.lowering.Draw;
import io.netlingua.model.LabelRequirement;
import io.netlingua.model.LabelRequirement.Operator;
import io.netlingua.model.LabelSelector;
import io.netlingua.model.SourceSpan;
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
    List<String> values = List.of("web", "we", "web-1", "", "api", "x.y_z");
    return in -> {
      Draw d = new Draw(in);
      List<LabelRequirement> rs = new ArrayList<>();
      int n = d.between(0, 3);
      for (int i = 0; i < n; i++) {
        Operator op = d.pick(List.of(Operator.values()));
        int count = switch (op) {
          case EQUALS, NOT_EQUALS -> 1;
          case IN, NOT_IN -> d.between(1, 3);
          case EXISTS, DOES_NOT_EXIST -> 0;
        };
        List<String> vs = new ArrayList<>();
        for (int v = 0; v < count; v++) {
          vs.add(d.pick(values));
        }
        rs.add(new LabelRequirement(d.pick(KEYS), op, vs, SourceSpan.NONE));
      }
      return new LabelSelector(rs);
    };
  }

  /** Label maps over the keys and values of {@link #modelSelectors()}. */
  static Gen<Map<String, String>> modelLabels() {
    List<String> values = List.of("web", "we", "web-1", "", "api", "x.y_z", "other");
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
    if (d.chance(60)) {
      return d.pick(KEYS);
    }
    StringBuilder key = new StringBuilder();
    int n = d.between(1, 12);
    for (int i = 0; i < n; i++) {
      key.append(KEY_CHARS.charAt(d.between(0, KEY_CHARS.length() - 1)));
    }
    return key.toString();
  }

  /** A value from the pool, or up to 6 random characters holding one kind of quote at most. */
  static String value(Draw d) {
    if (d.chance(50)) {
      return d.pick(VALUES);
    }
    StringBuilder value = new StringBuilder();
    int n = d.between(0, 6);
    for (int i = 0; i < n; i++) {
      value.append(VALUE_CHARS.charAt(d.between(0, VALUE_CHARS.length() - 1)));
    }
    // A value with both quotes has no text (the renderer refuses it); keep the first kind drawn.
    String s = value.toString();
    int single = s.indexOf('\'');
    int dbl = s.indexOf('"');
    if (single >= 0 && dbl >= 0) {
      return s.replace(single < dbl ? "\"" : "'", "");
    }
    return s;
  }

  private static List<String> values(Draw d) {
    List<String> out = new ArrayList<>();
    int n = d.between(0, 3);
    for (int i = 0; i < n; i++) {
      out.add(value(d));
    }
    return out;
  }
}

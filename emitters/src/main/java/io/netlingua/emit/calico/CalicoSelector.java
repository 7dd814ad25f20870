package io.netlingua.emit.calico;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A Calico label selector, as the tree Calico's parser builds: projectcalico/calico {@code
 * libcalico-go/lib/selector/parser/ast.go} at the tag v3.32.1 (commit 0ca9d1b93644778cafdf1812f3dda02ac0c361e8),
 * one record per node type there ({@code LabelEqValueNode} is {@link Equal}, and so on). Immutable, with value
 * equality; {@link SelectorParser#parse} reads text into it and {@link #render()} writes it back.
 *
 * <p>The records are the nodes as Calico's parser makes them: an {@link And} or {@link Or} has two operands or
 * more, and may hold another one when the text had parentheses; a {@link Not} may hold a {@link Not}. The static
 * factories ({@link #and(List)}, {@link #not}, ...) build the simplest tree with the same meaning instead.
 *
 * <p>What {@link #matches} answers, node by node as ast.go's {@code Evaluate} methods: {@code ==}, {@code in},
 * {@code contains}, {@code starts with} and {@code ends with} need the label ({@code LabelEqValueNode}, {@code
 * LabelInSetNode}, {@code LabelContainsValueNode}, {@code LabelStartsWithValueNode} and {@code
 * LabelEndsWithValueNode} return false when the label is absent), while {@code !=} and {@code not in} match a
 * resource without it ({@code LabelNeValueNode} and {@code LabelNotInSetNode} return true then), as Calico's
 * documentation says (tigera/docs {@code calico/_includes/content/_selectors.mdx} at commit 34bc27d7: "Matches
 * resources without label 'k' or with label 'k' and value not equal to v"). {@code contains ''}, {@code starts
 * with ''} and {@code ends with ''} match every resource that has the label, as Go's {@code strings.Contains},
 * {@code HasPrefix} and {@code HasSuffix} do. A key mapped to {@code null} counts as absent, as in {@link
 * io.netlingua.model.LabelRequirement#matches}.
 *
 * <p>Label keys are checked when a node is made: one to {@value SelectorTokenizer#MAX_LABEL_LENGTH} of the
 * characters {@code a-z A-Z 0-9 _ . / -}, the keys Calico's tokenizer reads ({@code identifierChar}), since a key
 * is never quoted and another one could not be written. Values may be any string; one that holds both {@code '}
 * and {@code "} cannot be written and {@link #render()} refuses it.
 */
public sealed interface CalicoSelector {

  /**
   * Whether a resource with these labels is selected, exactly as Calico's {@code Selector.Evaluate} answers.
   *
   * @param labels the resource's labels
   * @return true when the selector matches them
   */
  boolean matches(Map<String, String> labels);

  /**
   * The canonical text: single quotes around a value unless it holds a {@code '} (then double quotes), set members
   * sorted and distinct, {@code &&} written as binding tighter than {@code ||}, and only the parentheses without
   * which {@link SelectorParser#parse} would read another tree; {@code parse(render(s))} equals {@code s}. For
   * example {@code app == 'web' && tier in {'api', 'worker'}}.
   *
   * <p>Calico's own {@code String()} writes double quotes and puts every and and or in parentheses; this text
   * follows the project's YAML and Calico's documentation, which quote with single quotes.
   *
   * @return the text
   * @throws IllegalArgumentException when a value holds both {@code '} and {@code "}: a Calico string has no
   *     escapes, so no text holds it (label values of Kubernetes hold no quotes at all)
   */
  String render();

  /** {@code all()}: matches every resource. */
  static All all() {
    return new All();
  }

  /** {@code global()}: every resource without a namespace, in a namespace selector (see {@link Global}). */
  static Global global() {
    return new Global();
  }

  /** {@code has(key)}: the label is present. */
  static Has has(String key) {
    return new Has(key);
  }

  /**
   * {@code !selector}, without a double negation: the negation of a {@link Not} is its operand, as Calico's parser
   * folds {@code !!} ({@code parseOperation}).
   */
  static CalicoSelector not(CalicoSelector selector) {
    return selector instanceof Not not ? not.operand() : new Not(selector);
  }

  /** {@code key == 'value'}. */
  static Equal equal(String key, String value) {
    return new Equal(key, value);
  }

  /** {@code key != 'value'}; matches a resource without the label too. */
  static NotEqual notEqual(String key, String value) {
    return new NotEqual(key, value);
  }

  /** {@code key in {...}}. */
  static In in(String key, Collection<String> values) {
    return new In(key, List.copyOf(values));
  }

  /** {@code key in {...}}. */
  static In in(String key, String... values) {
    return in(key, List.of(values));
  }

  /** {@code key not in {...}}; matches a resource without the label too. */
  static NotIn notIn(String key, Collection<String> values) {
    return new NotIn(key, List.copyOf(values));
  }

  /** {@code key not in {...}}; matches a resource without the label too. */
  static NotIn notIn(String key, String... values) {
    return notIn(key, List.of(values));
  }

  /** {@code key contains 'value'}. */
  static Contains contains(String key, String value) {
    return new Contains(key, value);
  }

  /** {@code key starts with 'value'}. */
  static StartsWith startsWith(String key, String value) {
    return new StartsWith(key, value);
  }

  /** {@code key ends with 'value'}. */
  static EndsWith endsWith(String key, String value) {
    return new EndsWith(key, value);
  }

  /**
   * The conjunction: operands that are ands are flattened into it, {@code all()} operands are dropped (they change
   * nothing), one operand left is returned as it is and none gives {@code all()}. {@code global()} is kept: in a
   * namespace selector it is no {@code all()}.
   *
   * @param operands the selectors every resource must match
   * @return the simplest tree with that meaning
   */
  static CalicoSelector and(List<? extends CalicoSelector> operands) {
    return chain(operands, true);
  }

  /** The conjunction of {@link #and(List)}. */
  static CalicoSelector and(CalicoSelector... operands) {
    return and(List.of(operands));
  }

  /**
   * The disjunction: operands that are ors are flattened into it, {@code !all()} operands are dropped, one operand
   * left is returned as it is and none gives {@code !all()}, which matches nothing (Calico's documentation:
   * "To match no resources, combine this operator with ! to form !all()", {@code _selectors.mdx}).
   *
   * @param operands the selectors of which a resource must match one
   * @return the simplest tree with that meaning
   */
  static CalicoSelector or(List<? extends CalicoSelector> operands) {
    return chain(operands, false);
  }

  /** The disjunction of {@link #or(List)}. */
  static CalicoSelector or(CalicoSelector... operands) {
    return or(List.of(operands));
  }

  /** {@code all()} ({@code AllNode}): matches every resource. */
  record All() implements CalicoSelector {
    @Override
    public boolean matches(Map<String, String> labels) {
      return true;
    }

    @Override
    public String render() {
      return "all()";
    }
  }

  /**
   * {@code global()} ({@code GlobalNode}). On a label map it matches, as {@code all()} does: ast.go's {@code
   * GlobalNode.Evaluate} returns true whatever the labels. Its meaning, "every resource without a namespace"
   * (host endpoints, global network sets), comes from where it stands: in a rule's {@code namespaceSelector}
   * Calico rewrites it to {@code !has(projectcalico.org/namespace)} before it meets an endpoint's labels
   * (libcalico-go/lib/backend/syncersv1/updateprocessors/rules.go, {@code getEndpointSelector}, v3.32.1), and
   * Calico's validator takes it only as a whole namespace selector (libcalico-go/lib/validator/v3/validator.go,
   * {@code validateEntityRule}). An evaluator of namespace selectors makes that rewrite itself.
   */
  record Global() implements CalicoSelector {
    @Override
    public boolean matches(Map<String, String> labels) {
      return true;
    }

    @Override
    public String render() {
      return "global()";
    }
  }

  /**
   * {@code has(key)} ({@code HasNode}): the label is present, whatever its value.
   *
   * @param key the label key
   */
  record Has(String key) implements CalicoSelector {
    public Has {
      checkKey(key);
    }

    @Override
    public boolean matches(Map<String, String> labels) {
      return labels.get(key) != null;
    }

    @Override
    public String render() {
      return "has(" + key + ")";
    }
  }

  /**
   * {@code !operand} ({@code NotNode}).
   *
   * @param operand the negated selector
   */
  record Not(CalicoSelector operand) implements CalicoSelector {
    public Not {
      Objects.requireNonNull(operand, "operand");
    }

    @Override
    public boolean matches(Map<String, String> labels) {
      return !operand.matches(labels);
    }

    @Override
    public String render() {
      // "!" takes one operation: a chain needs parentheses, and so does a negation, which "!!" would fold away.
      return "!" + grouped(operand, operand instanceof And || operand instanceof Or || operand instanceof Not);
    }
  }

  /**
   * {@code key == 'value'} ({@code LabelEqValueNode}): the label is present with that value.
   *
   * @param key the label key
   * @param value the value
   */
  record Equal(String key, String value) implements CalicoSelector {
    public Equal {
      checkKey(key);
      checkValue(value);
    }

    @Override
    public boolean matches(Map<String, String> labels) {
      return present(labels, key, value::equals);
    }

    @Override
    public String render() {
      return key + " == " + literal(key, value);
    }
  }

  /**
   * {@code key != 'value'} ({@code LabelNeValueNode}): the label is absent or has another value.
   *
   * @param key the label key
   * @param value the value
   */
  record NotEqual(String key, String value) implements CalicoSelector {
    public NotEqual {
      checkKey(key);
      checkValue(value);
    }

    @Override
    public boolean matches(Map<String, String> labels) {
      return absentOr(labels, key, actual -> !actual.equals(value));
    }

    @Override
    public String render() {
      return key + " != " + literal(key, value);
    }
  }

  /**
   * {@code key in {...}} ({@code LabelInSetNode}): the label is present with one of the values. An empty set is
   * allowed, as in Calico, and matches nothing.
   *
   * @param key the label key
   * @param values the values, sorted and distinct (as Calico's {@code ConvertToStringSetInPlace} keeps them)
   */
  record In(String key, List<String> values) implements CalicoSelector {
    public In {
      checkKey(key);
      values = set(values);
    }

    @Override
    public boolean matches(Map<String, String> labels) {
      return present(labels, key, actual -> Collections.binarySearch(values, actual) >= 0);
    }

    @Override
    public String render() {
      return key + " in " + literals(key, values);
    }
  }

  /**
   * {@code key not in {...}} ({@code LabelNotInSetNode}): the label is absent or has none of the values.
   *
   * @param key the label key
   * @param values the values, sorted and distinct
   */
  record NotIn(String key, List<String> values) implements CalicoSelector {
    public NotIn {
      checkKey(key);
      values = set(values);
    }

    @Override
    public boolean matches(Map<String, String> labels) {
      return absentOr(labels, key, actual -> Collections.binarySearch(values, actual) < 0);
    }

    @Override
    public String render() {
      return key + " not in " + literals(key, values);
    }
  }

  /**
   * {@code key contains 'value'} ({@code LabelContainsValueNode}): the label is present and holds the value.
   *
   * @param key the label key
   * @param value the substring
   */
  record Contains(String key, String value) implements CalicoSelector {
    public Contains {
      checkKey(key);
      checkValue(value);
    }

    @Override
    public boolean matches(Map<String, String> labels) {
      return present(labels, key, actual -> actual.contains(value));
    }

    @Override
    public String render() {
      return key + " contains " + literal(key, value);
    }
  }

  /**
   * {@code key starts with 'value'} ({@code LabelStartsWithValueNode}): the label is present and begins so.
   *
   * @param key the label key
   * @param value the prefix
   */
  record StartsWith(String key, String value) implements CalicoSelector {
    public StartsWith {
      checkKey(key);
      checkValue(value);
    }

    @Override
    public boolean matches(Map<String, String> labels) {
      return present(labels, key, actual -> actual.startsWith(value));
    }

    @Override
    public String render() {
      return key + " starts with " + literal(key, value);
    }
  }

  /**
   * {@code key ends with 'value'} ({@code LabelEndsWithValueNode}): the label is present and ends so.
   *
   * @param key the label key
   * @param value the suffix
   */
  record EndsWith(String key, String value) implements CalicoSelector {
    public EndsWith {
      checkKey(key);
      checkValue(value);
    }

    @Override
    public boolean matches(Map<String, String> labels) {
      return present(labels, key, actual -> actual.endsWith(value));
    }

    @Override
    public String render() {
      return key + " ends with " + literal(key, value);
    }
  }

  /**
   * {@code a && b && ...} ({@code AndNode}): every operand matches.
   *
   * @param operands two or more, in the order written
   */
  record And(List<CalicoSelector> operands) implements CalicoSelector {
    public And {
      operands = chainOperands(operands, "&&");
    }

    @Override
    public boolean matches(Map<String, String> labels) {
      // A loop, not a stream: the evaluator matches selectors for every flow.
      for (CalicoSelector s : operands) {
        if (!s.matches(labels)) {
          return false;
        }
      }
      return true;
    }

    @Override
    public String render() {
      // An or inside an and needs parentheses by precedence, an and inside an and to stay a node of its own.
      return operands.stream()
          .map(s -> grouped(s, s instanceof And || s instanceof Or))
          .collect(Collectors.joining(" && "));
    }
  }

  /**
   * {@code a || b || ...} ({@code OrNode}): some operand matches.
   *
   * @param operands two or more, in the order written
   */
  record Or(List<CalicoSelector> operands) implements CalicoSelector {
    public Or {
      operands = chainOperands(operands, "||");
    }

    @Override
    public boolean matches(Map<String, String> labels) {
      for (CalicoSelector s : operands) {
        if (s.matches(labels)) {
          return true;
        }
      }
      return false;
    }

    @Override
    public String render() {
      // An and binds tighter and needs none; an or inside an or needs them to stay a node of its own.
      return operands.stream().map(s -> grouped(s, s instanceof Or)).collect(Collectors.joining(" || "));
    }
  }

  private static void checkKey(String key) {
    Objects.requireNonNull(key, "key");
    if (key.isEmpty() || key.length() > SelectorTokenizer.MAX_LABEL_LENGTH) {
      throw new IllegalArgumentException("a Calico label key has 1 to " + SelectorTokenizer.MAX_LABEL_LENGTH
          + " characters, not " + key.length());
    }
    for (int i = 0; i < key.length(); i++) {
      if (!SelectorTokenizer.isLabelChar(key.charAt(i))) {
        throw new IllegalArgumentException("'" + key + "' is no Calico label key: the character at " + i
            + " is none of a-z A-Z 0-9 _ . / -");
      }
    }
  }

  private static void checkValue(String value) {
    Objects.requireNonNull(value, "value");
  }

  /**
   * A match that needs the label: false when it is absent, as ast.go's {@code Evaluate} of {@code
   * LabelEqValueNode}, {@code LabelInSetNode}, {@code LabelContainsValueNode}, {@code LabelStartsWithValueNode} and
   * {@code LabelEndsWithValueNode} returns when the label lookup fails.
   */
  private static boolean present(Map<String, String> labels, String key, Predicate<String> test) {
    String actual = labels.get(key);
    return actual != null && test.test(actual);
  }

  /** A match that an absent label passes: {@code LabelNeValueNode} and {@code LabelNotInSetNode} return true. */
  private static boolean absentOr(Map<String, String> labels, String key, Predicate<String> test) {
    String actual = labels.get(key);
    return actual == null || test.test(actual);
  }

  private static List<String> set(List<String> values) {
    // A TreeSet sorts, drops repeats and refuses a null member.
    return List.copyOf(new TreeSet<>(values));
  }

  private static List<CalicoSelector> chainOperands(List<CalicoSelector> operands, String operator) {
    List<CalicoSelector> copy = List.copyOf(operands);
    if (copy.size() < 2) {
      // Calico's parser returns a lone operand itself (parseAndExpression, parseOrExpression); so must a tree.
      throw new IllegalArgumentException("'" + operator + "' joins two operands or more, not " + copy.size()
          + "; CalicoSelector.and and CalicoSelector.or take any number");
    }
    return copy;
  }

  private static CalicoSelector chain(List<? extends CalicoSelector> operands, boolean and) {
    List<CalicoSelector> flat = new ArrayList<>();
    flatten(operands, and, flat);
    if (flat.isEmpty()) {
      return and ? new All() : new Not(new All());
    }
    if (flat.size() == 1) {
      return flat.get(0);
    }
    return and ? new And(flat) : new Or(flat);
  }

  private static void flatten(List<? extends CalicoSelector> operands, boolean and, List<CalicoSelector> out) {
    CalicoSelector identity = and ? new All() : new Not(new All());
    for (CalicoSelector s : operands) {
      if (and && s instanceof And inner) {
        flatten(inner.operands(), true, out);
      } else if (!and && s instanceof Or inner) {
        flatten(inner.operands(), false, out);
      } else if (!s.equals(identity)) {
        out.add(s);
      }
    }
  }

  private static String grouped(CalicoSelector s, boolean parenthesise) {
    return parenthesise ? "(" + s.render() + ")" : s.render();
  }

  /** A value as a Calico string: single quotes unless it holds one, then double quotes (no escapes exist). */
  private static String literal(String key, String value) {
    if (value.indexOf('\'') < 0) {
      return "'" + value + "'";
    }
    if (value.indexOf('"') < 0) {
      return '"' + value + '"';
    }
    throw new IllegalArgumentException("cannot write the value <" + value + "> of label '" + key
        + "' in a Calico selector: it holds both ' and \", and a Calico string has no escapes (it ends at the next"
        + " quote of its kind, libcalico-go/lib/selector/tokenizer/tokenizer.go)");
  }

  private static String literals(String key, List<String> values) {
    return values.stream().map(v -> literal(key, v)).collect(Collectors.joining(", ", "{", "}"));
  }
}

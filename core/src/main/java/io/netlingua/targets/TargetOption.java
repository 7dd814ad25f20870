package io.netlingua.targets;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A key a target declares for its own choices of a run (an option only that target has, such as a policy tier),
 * with what it changes, its default and the values it takes. A target lists its keys in {@link Target#options()};
 * a run gives values with {@link Options#targetOption(String, String)} (or, for one target of several, {@link
 * Options#targetOptions(Target, Map)}) in Java or {@code --target-option KEY=VALUE} on the command line, and an
 * emitter reads the value in force with {@link Options#targetOptionFor(Target, String)}. A key the target does not
 * declare, or a value it does not take, is refused before anything is compiled ({@link Options#checkFor(Target)}).
 *
 * <pre>{@code
 * TargetOption.oneOf("default-deny", "whether selected pods are isolated", "true", List.of("true", "false"));
 * TargetOption.matching("tier", "the tier policies are written into", "default", "a DNS-1123 label",
 *     value -> value.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?"));
 * }</pre>
 */
public final class TargetOption {
  /** Lower-case words joined by {@code -}: unambiguous in {@code KEY=VALUE} and the style of the other options. */
  private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

  private final String key;
  private final String description;
  private final String defaultValue;
  private final List<String> values;
  private final String expected;
  private final Predicate<String> accepts;

  private TargetOption(
      String key, String description, String defaultValue, List<String> values, String expected,
      Predicate<String> accepts) {
    if (!isKey(Objects.requireNonNull(key, "key"))) {
      throw new IllegalArgumentException(
          "'" + key + "' is not a target option key (lower-case words joined by '-', such as default-deny)");
    }
    this.key = key;
    this.description = Objects.requireNonNull(description, "description");
    this.defaultValue = Objects.requireNonNull(defaultValue, "defaultValue");
    this.values = values;
    this.expected = Objects.requireNonNull(expected, "expected");
    this.accepts = Objects.requireNonNull(accepts, "accepts");
    if (!accepts(defaultValue)) {
      throw new IllegalArgumentException(
          "the default '" + defaultValue + "' of target option '" + key + "' is not " + expected);
    }
  }

  /**
   * A key whose value is one of a fixed list.
   *
   * @param key the key, lower-case words joined by {@code -}
   * @param description what the key changes, one line
   * @param defaultValue the value in force when the run gives none; one of {@code values}
   * @param values the values it takes, in the order messages list them
   * @return the option
   */
  public static TargetOption oneOf(String key, String description, String defaultValue, List<String> values) {
    List<String> choices = List.copyOf(values);
    if (choices.isEmpty()) {
      throw new IllegalArgumentException("target option '" + key + "' takes no value");
    }
    return new TargetOption(
        key, description, defaultValue, choices, "one of: " + String.join(", ", choices), choices::contains);
  }

  /**
   * A key whose value is any text a predicate accepts.
   *
   * @param key the key, lower-case words joined by {@code -}
   * @param description what the key changes, one line
   * @param defaultValue the value in force when the run gives none; accepted by {@code accepts}
   * @param expected what a value looks like, for messages: {@code a DNS-1123 label}
   * @param accepts whether a value is valid
   * @return the option
   */
  public static TargetOption matching(
      String key, String description, String defaultValue, String expected, Predicate<String> accepts) {
    return new TargetOption(key, description, defaultValue, List.of(), expected, accepts);
  }

  /** The key, as given in {@code KEY=VALUE}. */
  public String key() {
    return key;
  }

  /** What the key changes. */
  public String description() {
    return description;
  }

  /** The value in force when the run gives none. */
  public String defaultValue() {
    return defaultValue;
  }

  /** The values the key takes, for a key of {@link #oneOf}; empty for a key of {@link #matching}. */
  public List<String> values() {
    return values;
  }

  /** What a value looks like: {@code one of: true, false}, or the text a key of {@link #matching} was given. */
  public String expected() {
    return expected;
  }

  /** Whether the key takes {@code value}. */
  public boolean accepts(String value) {
    return value != null && accepts.test(value);
  }

  /** {@code key=default}. */
  @Override
  public String toString() {
    return key + "=" + defaultValue;
  }

  /** Whether {@code key} has the form of a key: lower-case words joined by {@code -}. */
  static boolean isKey(String key) {
    return KEY.matcher(key).matches();
  }

  /**
   * Checks the values a run gives against the keys a target declares, in key order: a key it does not declare
   * names the declared keys (or says that it takes none), a value it does not take names the values it takes.
   *
   * @param target the target's id, for the message
   * @param declared the target's keys
   * @param given the run's values by key
   * @throws IllegalArgumentException naming the first key or value refused
   */
  static void check(String target, List<TargetOption> declared, Map<String, String> given) {
    for (Map.Entry<String, String> e : new TreeMap<>(given).entrySet()) {
      Optional<TargetOption> option = find(declared, e.getKey());
      if (option.isEmpty()) {
        throw new IllegalArgumentException(declared.isEmpty()
            ? target + " takes no target options (got '" + e.getKey() + "')"
            : target + " has no target option '" + e.getKey() + "' (valid keys: "
                + String.join(", ", declared.stream().map(TargetOption::key).toList()) + ")");
      }
      if (!option.get().accepts(e.getValue())) {
        throw new IllegalArgumentException(target + " target option '" + e.getKey() + "' takes "
            + option.get().expected() + ", not '" + e.getValue() + "'");
      }
    }
  }

  /**
   * The value in force for a declared key: the one the run gives, or the key's default.
   *
   * @throws IllegalArgumentException if no declared option has that key (a bug of the caller)
   */
  static String valueIn(String target, List<TargetOption> declared, Map<String, String> given, String key) {
    TargetOption option = find(declared, key).orElseThrow(() ->
        new IllegalArgumentException(target + " declares no target option '" + key + "'"));
    return given.getOrDefault(key, option.defaultValue());
  }

  private static Optional<TargetOption> find(List<TargetOption> declared, String key) {
    return declared.stream().filter(o -> o.key.equals(key)).findFirst();
  }
}

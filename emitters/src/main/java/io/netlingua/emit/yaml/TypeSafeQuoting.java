package io.netlingua.emit.yaml;

import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Quotes every string that a YAML reader would take for another type. With {@code MINIMIZE_QUOTES} Jackson leaves
 * {@code "8080"}, {@code "1e3"}, {@code "0x1F"} or {@code "2001-12-14"} unquoted (seen with Jackson 2.21.4), and
 * Kubernetes reads YAML with go-yaml (sigs.k8s.io/yaml), whose implicit types follow YAML 1.1 (yes/no/on/off, y/n,
 * sexagesimal 1:20, 0b101) and also the YAML 1.2 core schema forms (0o17, 1e3). So a string is quoted when
 * Jackson's own check asks for it, when SnakeYAML's YAML 1.1 resolver gives its plain form a tag other than
 * {@code str}, or when it looks like a YAML 1.2 core number, infinity or NaN.
 *
 * <p>A string holding a control character, a C1 character or a Unicode line or paragraph separator is quoted too:
 * Jackson then writes it double-quoted, where SnakeYAML escapes them. Left plain, SnakeYAML falls back to single
 * quotes and writes U+0085 (NEL) raw, which a reader folds into a space (found by YamlWriterPropertyTest).
 */
final class TypeSafeQuoting extends StringQuotingChecker.Default {
  private static final long serialVersionUID = 1L;
  private static final Pattern YAML_12_NUMBER =
      Pattern.compile(
          "[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?\\.(inf|Inf|INF)"
              + "|\\.(nan|NaN|NAN)");
  private static final Resolver YAML_11 = new Resolver();

  /**
   * The words beginning with a letter that SnakeYAML's YAML 1.1 resolver takes for a boolean or null: its patterns
   * BOOL and NULL (SnakeYAML 2.5 {@code Resolver}), the only ones filed under a letter. The one-letter forms
   * ({@code y}, {@code n}) are quoted by Jackson's own check.
   */
  private static final Set<String> LETTER_WORDS = Set.of(
      "yes", "Yes", "YES", "no", "No", "NO", "true", "True", "TRUE", "false", "False", "FALSE",
      "on", "On", "ON", "off", "Off", "OFF", "null", "Null", "NULL");

  @Override
  public boolean needToQuoteName(String name) {
    return super.needToQuoteName(name) || otherType(name);
  }

  @Override
  public boolean needToQuoteValue(String value) {
    return super.needToQuoteValue(value) || otherType(value);
  }

  private static boolean otherType(String s) {
    if (!s.isEmpty() && isAsciiLetter(s.charAt(0))) {
      // Most scalars (keys, names, labels) begin with a letter. Of YAML 1.1's implicit types only the booleans and
      // null begin so (SnakeYAML's Resolver files each pattern under its possible first characters), and no YAML
      // 1.2 core number does: a set look-up and a character scan decide, without a regular expression.
      return LETTER_WORDS.contains(s) || hasCharacterToEscape(s);
    }
    return !Tag.STR.equals(YAML_11.resolve(NodeId.scalar, s, true)) || YAML_12_NUMBER.matcher(s).matches()
        || hasCharacterToEscape(s);
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean hasCharacterToEscape(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (needsEscape(s.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  private static boolean needsEscape(int c) {
    return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029 || c == 0xfeff
        || Character.isSurrogate((char) c);
  }
}

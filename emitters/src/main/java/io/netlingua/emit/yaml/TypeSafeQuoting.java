package io.netlingua.emit.yaml;

import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
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

  @Override
  public boolean needToQuoteName(String name) {
    return super.needToQuoteName(name) || otherType(name);
  }

  @Override
  public boolean needToQuoteValue(String value) {
    return super.needToQuoteValue(value) || otherType(value);
  }

  private static boolean otherType(String s) {
    return !Tag.STR.equals(YAML_11.resolve(NodeId.scalar, s, true)) || YAML_12_NUMBER.matcher(s).matches()
        || s.chars().anyMatch(TypeSafeQuoting::needsEscape);
  }

  private static boolean needsEscape(int c) {
    return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029 || c == 0xfeff
        || Character.isSurrogate((char) c);
  }
}

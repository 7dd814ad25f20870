package io.netlingua.emit.calico;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netlingua.emit.calico.CalicoSelector.And;
import io.netlingua.emit.calico.CalicoSelector.Not;
import io.netlingua.emit.calico.CalicoSelector.Or;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Calico's own cases and documented examples, with the answers Calico gives. Each group names its source:
 * projectcalico/calico at the tag v3.32.1 (commit 0ca9d1b93644778cafdf1812f3dda02ac0c361e8) for the tests and API
 * comments, tigera/docs at commit 34bc27d791dbaab4b99b3acf1effc30556afad94 for the documentation.
 */
class CalicoSelectorExamplesTest {

  /** Selector text, labels, and whether Calico's {@code Selector.Evaluate} matches them. */
  static Stream<Arguments> matches() {
    return Stream.of(
        // libcalico-go/lib/selector/parser/parser_test.go @ v3.32.1, selectorTests (expMatches, expNonMatches).
        row("a == \"b\"", true, "a", "b"),
        row("a == \"b\"", true, "a", "b", "c", "d"),
        row("a == \"b\"", false),
        row("a == \"b\"", false, "a", "c"),
        row("a == \"b\"", false, "c", "d"),
        row("a == \"b\" && c == \"d\"", true, "a", "b", "c", "d"),
        row("a == \"b\" && c == \"d\"", false),
        row("a == \"b\" && c == \"d\"", false, "a", "b", "c", "e"),
        row("a == \"b\" && c == \"d\"", false, "a", "c", "c", "d"),
        row("a == \"b\" && c == \"d\"", false, "c", "d"),
        row("a == \"b\" && c == \"d\"", false, "a", "b"),
        row("a == \"b\" || c == \"d\"", true, "a", "b", "c", "d"),
        row("a == \"b\" || c == \"d\"", true, "a", "b"),
        row("a == \"b\" || c == \"d\"", true, "c", "d"),
        row("a == \"b\" || c == \"d\"", false),
        row("a == \"b\" || c == \"d\"", false, "a", "e", "c", "e"),
        row("a == \"b\" || c == \"d\"", false, "c", "e"),
        row("a == \"b\" || c == \"d\"", false, "a", "e"),
        row("a in {\"'\", '\"', \"c\"}", true, "a", "c"),
        row("a in {\"'\", '\"', \"c\"}", true, "a", "\""),
        row("a in {\"'\", '\"', \"c\"}", true, "a", "'"),
        row("a in {\"'\", '\"', \"c\"}", false),
        row("a in {\"'\", '\"', \"c\"}", false, "a", "e"),
        row("a not in {\"'\", '\"', \"c\"}", true),
        row("a not in {\"'\", '\"', \"c\"}", true, "a", "e"),
        row("a not in {\"'\", '\"', \"c\"}", false, "a", "c"),
        row("a not in {\"'\", '\"', \"c\"}", false, "a", "\""),
        row("a not in {\"'\", '\"', \"c\"}", false, "a", "'"),
        row("a == 'a'", true, "a", "a"),
        row("a == \"a\"", true, "a", "a"),
        row("a != \"b\"", true, "a", "a"),
        row("a != \"a\"", true),
        row("a contains \"a\"", true, "a", "a"),
        row("a contains \"a\"", true, "a", "bab"),
        row("a contains \"a\"", true, "a", "aaa", "b", "c"),
        row("a contains \"a\"", false),
        row("a contains \"a\"", false, "a", "b"),
        row("a contains \"a\"", false, "b", "aaa"),
        row("a starts with \"a\"", true, "a", "a"),
        row("a starts with \"a\"", true, "a", "abb"),
        row("a starts with \"a\"", true, "a", "aaa", "b", "c"),
        row("a starts with \"a\"", false),
        row("a starts with \"a\"", false, "a", "b"),
        row("a starts with \"a\"", false, "a", "baa"),
        row("a starts with \"a\"", false, "b", "aaa"),
        row("a ends with \"a\"", true, "a", "a"),
        row("a ends with \"a\"", true, "a", "bba"),
        row("a ends with \"a\"", true, "a", "aaa", "b", "c"),
        row("a ends with \"a\"", false),
        row("a ends with \"a\"", false, "a", "b"),
        row("a ends with \"a\"", false, "a", "aab"),
        row("a ends with \"a\"", false, "b", "aaa"),
        row("a in {\"a\"}", true, "a", "a"),
        row("!a in {\"a\"}", true, "a", "b"),
        row("a in {\"a\", \"b\"}", true, "a", "a"),
        row("a in {\"a\", \"b\"}", true, "a", "b"),
        row("a not in {\"d\", \"e\"}", true, "a", "a"),
        row("has(a)", true, "a", "b"),
        row("!has(a)", true, "b", "b"),
        row("", true),
        row(" ", true),
        row("", true, "a", "b"),
        row("all()", true),
        row(" all()", true),
        row(" all()", true, "a", "b"),
        row("global()", true),
        row(" global()", true),
        row(" global()", true, "a", "b"),
        row("a == 'a'", false, "a", "b"),
        row("a == 'a'", false),
        row("a != \"a\"", false, "a", "a"),
        row("a != 'a'", false, "a", "a"),
        row("a in {\"a\"}", false, "a", "b"),
        row("a not in {\"a\"}", false, "a", "a"),
        row("a in {\"a\", \"b\"}", false, "a", "c"),
        row("has(b)", false, "a", "b"),
        row("!!has(b)", false, "a", "b"),
        row("! has(a)", false, "a", "b"),
        row("!has(a)", false, "a", "b"),
        row("!!! has(a)", false, "a", "b"),
        row("!!!has(a)", false, "a", "b"),
        row("!! ! has(a)", false, "a", "b"),
        row("! !!has(a)", false, "a", "b"),
        row("a == 'a1' && b == 'b1'", true, "a", "a1", "b", "b1"),
        row("a == 'a1' && b != 'b1'", false, "a", "a1", "b", "b1"),
        row("a != 'a1' && b == 'b1'", false, "a", "a1", "b", "b1"),
        row("a != 'a1' && b != 'b1'", false, "a", "a1", "b", "b1"),
        row("a != 'a1' && !b == 'b1'", false, "a", "a1", "b", "b1"),
        row("!a == 'a1' && b == 'b1'", false, "a", "a1", "b", "b1"),
        row("has(a) && !has(b)", true, "a", "a"),
        row("!has(b) && has(a)", true, "a", "a"),
        row("!(!has(a) || has(b))", true, "a", "a"),
        row("!(has(b) || !has(a))", true, "a", "a"),
        row("a == 'a1' || b == 'b1'", true, "a", "a1", "b", "b1"),
        row("a == 'a1' || b != 'b1'", true, "a", "a1", "b", "b1"),
        row("a != 'a1' || b == 'b1'", true, "a", "a1", "b", "b1"),
        row("a != 'a1' || b != 'b1'", false, "a", "a1", "b", "b1"),
        row("! a == 'a1' || ! b == 'b1'", false, "a", "a1", "b", "b1"),

        // tigera/docs calico/_includes/content/_selectors.mdx @ 34bc27d7, the table of operators: != and
        // not in match a resource without the label; in, contains, starts with and ends with need it.
        row("k == 'v'", true, "k", "v"),
        row("k != 'v'", true),
        row("k != 'v'", true, "k", "w"),
        row("k != 'v'", false, "k", "v"),
        row("has(k)", true, "k", ""),
        row("!has(k)", true, "j", "v"),
        row("k in { 'v1', 'v2' }", true, "k", "v2"),
        row("k in { 'v1', 'v2' }", false),
        row("k not in { 'v1', 'v2' }", true),
        row("k not in { 'v1', 'v2' }", false, "k", "v1"),
        row("k contains 's'", true, "k", "ask"),
        row("k contains 's'", false),
        row("k starts with 's'", true, "k", "sk"),
        row("k starts with 's'", false),
        row("k ends with 's'", true, "k", "ks"),
        row("k ends with 's'", false),
        row("!all()", false),
        row("!all()", false, "k", "v"),
        // The same page's precedence example: ((!has(my-label)) || ((my-label starts with 'prod') && (role in ...))).
        row("! has(my-label) || my-label starts with 'prod' && role in {'frontend','business'}", true),
        row("! has(my-label) || my-label starts with 'prod' && role in {'frontend','business'}", true,
            "my-label", "prod-1", "role", "business"),
        row("! has(my-label) || my-label starts with 'prod' && role in {'frontend','business'}", false,
            "my-label", "prod-1"),
        row("! has(my-label) || my-label starts with 'prod' && role in {'frontend','business'}", false,
            "my-label", "dev", "role", "frontend"),

        // api/pkg/apis/projectcalico/v3/networkpolicy.go @ v3.32.1, the Selector field's examples.
        row("type == \"webserver\" && deployment == \"prod\"", true, "type", "webserver", "deployment", "prod"),
        row("type == \"webserver\" && deployment == \"prod\"", false, "type", "webserver", "deployment", "dev"),
        row("type in {\"frontend\", \"backend\"}", true, "type", "backend"),
        row("type in {\"frontend\", \"backend\"}", false, "type", "db"),
        row("deployment != \"dev\"", true),
        row("deployment != \"dev\"", false, "deployment", "dev"),
        row("! has(label_name)", true, "other", "x"),
        row("! has(label_name)", false, "label_name", "x"),

        // Empty sets, which parser.go's set loop accepts: in {} matches nothing, not in {} everything.
        row("a in {}", false, "a", ""),
        row("a not in {}", true, "a", ""),
        row("a not in {}", true),
        row("a in {'x',}", true, "a", "x"));
  }

  @ParameterizedTest(name = "{0} on {1} is {2}")
  @MethodSource("matches")
  void matchesAsCalicoDoes(String selector, Map<String, String> labels, boolean expected) {
    CalicoSelector parsed = SelectorParser.parse(selector);
    assertThat(parsed.matches(labels)).isEqualTo(expected);
    // And after canonicalising, as parser_test.go checks too.
    assertThat(SelectorParser.parse(parsed.render())).isEqualTo(parsed);
  }

  /** A text, Calico's {@code String()} of its tree (double quotes, chains in parentheses), and ours. */
  static Stream<Arguments> sameTree() {
    return Stream.of(
        // parser_test.go @ v3.32.1, canonicalisationTests: the input and Calico's canonical text.
        Arguments.of("", "all()", "all()"),
        Arguments.of(" all() ", "all()", "all()"),
        Arguments.of(" (all() )", "all()", "all()"),
        Arguments.of("! (has( b)||! has(a ))", "!(has(b) || !has(a))", "!(has(b) || !has(a))"),
        Arguments.of("! (a == \"b\"&&! c != \"d\")", "!(a == \"b\" && !c != \"d\")", "!(a == 'b' && !c != 'd')"),
        Arguments.of("a == \"'\"", "a == \"'\"", "a == \"'\""),
        Arguments.of("a == '\"'", "a == '\"'", "a == '\"'"),
        Arguments.of("a contains '\"'", "a contains '\"'", "a contains '\"'"),
        Arguments.of("a contains \"'\"", "a contains \"'\"", "a contains \"'\""),
        Arguments.of("a startswith '\"'", "a starts with '\"'", "a starts with '\"'"),
        Arguments.of("a endswith \"'\"", "a ends with \"'\"", "a ends with \"'\""),
        Arguments.of("a!='\"'", "a != '\"'", "a != '\"'"),
        Arguments.of("a in {\"d\"}", "a in {\"d\"}", "a in {'d'}"),
        Arguments.of("a in {\"d\", \"a\", \"b\"}", "a in {\"a\", \"b\", \"d\"}", "a in {'a', 'b', 'd'}"),
        Arguments.of("a in {\"z\", \"z\", \"x\", \"y\", \"x\", \"a\"}", "a in {\"a\", \"x\", \"y\", \"z\"}",
            "a in {'a', 'x', 'y', 'z'}"),
        // parser_test.go @ v3.32.1, the Visitor table: the input and Calico's String() of it (prefix left out).
        Arguments.of("k == 'v' && x == 'y'", "(k == \"v\" && x == \"y\")", "k == 'v' && x == 'y'"),
        Arguments.of("k == 'v' || has(x)", "(k == \"v\" || has(x))", "k == 'v' || has(x)"),
        Arguments.of("!(k == 'v')", "!k == \"v\"", "!k == 'v'"),
        Arguments.of("!(!(k == 'v' && has(t) || all()) && (a in {'b', 'c'}))",
            "!(!((k == \"v\" && has(t)) || all()) && a in {\"b\", \"c\"})",
            "!(!(k == 'v' && has(t) || all()) && a in {'b', 'c'})"),
        // tokenizer_test.go @ v3.32.1, tokenTests that also parse (the two long ones with sets where the test has
        // strings, which only the parser refuses): spacing and spelling of the operators.
        Arguments.of("a=='b'", "a == \"b\"", "a == 'b'"),
        Arguments.of("label contains\"value\"", "label contains \"value\"", "label contains 'value'"),
        Arguments.of("contains contains 'contains'", "contains contains \"contains\"", "contains contains 'contains'"),
        Arguments.of("startswith starts with \"value\"", "startswith starts with \"value\"",
            "startswith starts with 'value'"),
        Arguments.of("label starts  with \"value\"", "label starts with \"value\"", "label starts with 'value'"),
        Arguments.of("endswith ends with \"value\"", "endswith ends with \"value\"", "endswith ends with 'value'"),
        Arguments.of("label ends  with \"value\"", "label ends with \"value\"", "label ends with 'value'"),
        Arguments.of("has(calico/k8s_NS-.1/role)", "has(calico/k8s_NS-.1/role)", "has(calico/k8s_NS-.1/role)"),
        Arguments.of("calico/k8s_ns == \"kube-system\" && k8s-app == \"kube-dns\"",
            "(calico/k8s_ns == \"kube-system\" && k8s-app == \"kube-dns\")",
            "calico/k8s_ns == 'kube-system' && k8s-app == 'kube-dns'"),
        Arguments.of("a  not  in  {'bar'}  &&  ! has( foo )  ||  b  in  {'c'} ",
            "((a not in {\"bar\"} && !has(foo)) || b in {\"c\"})", "a not in {'bar'} && !has(foo) || b in {'c'}"),
        Arguments.of("a notin{'bar'}&&!has(foo)||b in{'c'}", "((a not in {\"bar\"} && !has(foo)) || b in {\"c\"})",
            "a not in {'bar'} && !has(foo) || b in {'c'}"),
        Arguments.of("a not in {\"a\",\"B\"}", "a not in {\"B\", \"a\"}", "a not in {'B', 'a'}"),
        Arguments.of("global( )", "global()", "global()"),
        Arguments.of("all( )", "all()", "all()"),
        Arguments.of("a".repeat(512) + " == \"value\"", "a".repeat(512) + " == \"value\"",
            "a".repeat(512) + " == 'value'"),
        // Words that are operators after a key are keys where a key stands (the tokenizer's lastTokKind check).
        Arguments.of("in == 'x' && not in {'y'} && has(has) && all == 'z'",
            "(in == \"x\" && not in {\"y\"} && has(has) && all == \"z\")",
            "in == 'x' && not in {'y'} && has(has) && all == 'z'"));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("sameTree")
  void textsOfOneTreeParseAlikeAndRenderCanonically(String input, String calicoString, String ours) {
    CalicoSelector tree = SelectorParser.parse(input);
    assertThat(SelectorParser.parse(calicoString)).isEqualTo(tree);
    assertThat(tree.render()).isEqualTo(ours);
  }

  /** Texts Calico refuses: parser_test.go's badSelectors and tokenizer_test.go's error cases, @ v3.32.1. */
  static Stream<String> refused() {
    return Stream.of(
        // parser_test.go, badSelectors.
        "b == b", "b contains b", "b starts with b", "b ends with b", "'b1' == b", "b", "a b", "!",
        "foo == \"bar\" &", "foo == \"bar\" |", "foo != ||", "foo in {\"\", ||", "foo in \"\"", "\"FOO", "\"FOO'",
        "'FOO", "(", "(a == \"foo\"", ")", "()", "%", "a == \"b\" && %", "a == \"b\" || %", "a ", "has(foo) &&",
        // tokenizer_test.go, the tokenTests expecting an error.
        "a".repeat(513) + " == \"value\"", "label == \"value", "label == 'value", "label = \"value\"", "all(",
        "global(", "has()", "has(foo", "has( foo ", "a == \"b\" & has(foo)", "a == \"b\" | has(foo)",
        "label starts foo \"value\"", "label inf \"value\"", "label ends foo \"value\"", "label ends withs \"value\"",
        "label squiggles \"value\"",
        // tokenizer_test.go's tokens of these are fine, but the parser wants a set after in.
        "a not in \"bar\" && !has(foo) || b in c", "a notin\"bar\"&&!has(foo)||b in\"c\"");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refused")
  void refusesWhatCalicoRefuses(String selector) {
    assertThatThrownBy(() -> SelectorParser.parse(selector))
        .isInstanceOf(CalicoSelectorSyntaxException.class)
        .satisfies(e -> {
          int offset = ((CalicoSelectorSyntaxException) e).offset();
          assertThat(offset).isBetween(0, selector.length());
          assertThat(e.getMessage()).contains(" at " + offset);
        });
  }

  /** The trees Calico's parser builds: flat chains, parenthesised chains kept, runs of ! folded. */
  static Stream<Arguments> trees() {
    CalicoSelector a = CalicoSelector.has("a");
    CalicoSelector b = CalicoSelector.has("b");
    CalicoSelector c = CalicoSelector.has("c");
    return Stream.of(
        Arguments.of("has(a) && has(b) && has(c)", new And(List.of(a, b, c))),
        Arguments.of("(has(a) && has(b)) && has(c)", new And(List.of(new And(List.of(a, b)), c))),
        Arguments.of("has(a) || has(b) && has(c)", new Or(List.of(a, new And(List.of(b, c))))),
        Arguments.of("(has(a) || has(b)) && has(c)", new And(List.of(new Or(List.of(a, b)), c))),
        Arguments.of("!has(a) && has(b)", new And(List.of(new Not(a), b))),
        Arguments.of("!(has(a) && has(b))", new Not(new And(List.of(a, b)))),
        Arguments.of("!!has(a)", a),
        Arguments.of("!(!has(a))", new Not(new Not(a))),
        Arguments.of("((has(a)))", a));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("trees")
  void buildsTheTreeCalicosParserBuilds(String selector, CalicoSelector expected) {
    assertThat(SelectorParser.parse(selector)).isEqualTo(expected);
  }

  private static Arguments row(String selector, boolean expected, String... keysAndValues) {
    Map<String, String> labels = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      labels.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return Arguments.of(selector, labels, expected);
  }
}

package io.netlingua.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import io.netlingua.check.internal.Re2;
import io.netlingua.check.internal.Syntax;
import io.netlingua.diagnostics.Diagnostic;
import io.netlingua.model.Action;
import io.netlingua.model.CidrPeer;
import io.netlingua.model.Definition;
import io.netlingua.model.DnsBlock;
import io.netlingua.model.DnsRule;
import io.netlingua.model.FqdnPeer;
import io.netlingua.model.HttpBlock;
import io.netlingua.model.HttpRule;
import io.netlingua.model.IcmpPort;
import io.netlingua.model.KafkaBlock;
import io.netlingua.model.KafkaRule;
import io.netlingua.model.LabelRequirement;
import io.netlingua.model.LabelSelector;
import io.netlingua.model.NamedPort;
import io.netlingua.model.NamespaceScope;
import io.netlingua.model.Peer;
import io.netlingua.model.PeerRef;
import io.netlingua.model.PodPeer;
import io.netlingua.model.Policy;
import io.netlingua.model.PolicyFile;
import io.netlingua.model.PortRange;
import io.netlingua.model.Program;
import io.netlingua.model.Protocol;
import io.netlingua.model.Rule;
import io.netlingua.model.RuleBlock;
import io.netlingua.model.ServiceAccountPeer;
import io.netlingua.model.ServicePeer;
import io.netlingua.model.SourceSpan;
import io.netlingua.model.Subject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** Properties of the checker over models and values built from generated parts. */
class CheckerPropertiesTest {
  private static final int TRIES = Integer.getInteger("netlingua.property.tries", 1000);
  private static final long SEED = 20261125L;

  /** The characters that make regexes interesting, so that random text exercises every branch of the scan. */
  private static final String REGEX_ALPHABET = "()[]{}\\*+?|^$.,:=<!-0123456789aQEpPx";

  /** Builds a model whose every value comes from the generated words and numbers, each node at its own span. */
  private static final class Model {
    private final List<String> words;
    private final List<Integer> numbers;
    private final Set<SourceSpan> spans = new HashSet<>();
    private int next;

    Model(List<String> words, List<Integer> numbers) {
      this.words = words;
      this.numbers = numbers;
    }

    String word() {
      return words.get(next++ % words.size());
    }

    int number() {
      return numbers.get(next++ % numbers.size());
    }

    SourceSpan span() {
      SourceSpan s = new SourceSpan("p.npl", spans.size() + 1, 1, spans.size() + 1, 2, 0, 1);
      spans.add(s);
      return s;
    }

    Program program() {
      LabelRequirement label =
          new LabelRequirement(word(), LabelRequirement.Operator.IN, List.of(word(), word()), span());
      PodPeer pods = new PodPeer(new LabelSelector(List.of(label)), NamespaceScope.named(word()), span());
      List<Peer> expansion = List.of(pods, new FqdnPeer(word(), span()), CidrPeer.of("10.0.0.0/8", "10.1.0.0/16"));
      Definition let = new Definition.Peers("mixed", List.copyOf(expansion), span());
      List<Peer> others = List.of(new ServicePeer(word(), Optional.of(word()), span()),
          new ServiceAccountPeer(word(), Optional.empty(), span()));
      HttpRule http = new HttpRule(Optional.of(word()), Optional.of(new HttpRule.PathMatch(
          HttpRule.PathMatch.Kind.values()[Math.floorMod(number(), 3)], word())), Optional.of(word()),
          List.of(new HttpRule.HeaderMatch(word(), Optional.of(word()), span())), span());
      Rule web = new Rule(Action.ALLOW, false, List.of(new PeerRef("mixed", expansion, span())),
          List.of(new PortRange(Protocol.TCP, number(), number(), span()),
              new NamedPort(Protocol.UDP, word(), span())),
          Optional.of(new HttpBlock(List.of(http), span())), span());
      Rule kafka = new Rule(Action.DENY, false, List.copyOf(others),
          List.of(new IcmpPort(false, Optional.of(number()), Optional.of(number()), span())),
          Optional.of(new KafkaBlock(List.of(new KafkaRule(KafkaRule.Role.CONSUME, word(), Optional.of(word()),
              span())), span())), span());
      Rule dns = new Rule(Action.ALLOW, false, List.of(new PeerRef("mixed", expansion, span())), List.of(),
          Optional.of(new DnsBlock(List.of(new DnsRule(word(), span())), span())), span());
      String namespace = word();
      Policy policy = new Policy(word(), Optional.of(namespace), Optional.empty(),
          new Subject(List.of(new PeerRef("mixed", expansion, span())), span()),
          Optional.of(new RuleBlock(List.of(web, kafka, dns), span())), Optional.empty(), span());
      Policy twin = new Policy(policy.name(), Optional.of(namespace), Optional.empty(),
          new Subject(List.of(pods), span()), Optional.empty(), Optional.empty(), span());
      return new Program(List.of(new PolicyFile("p.npl",
          Optional.of(new PolicyFile.NamespaceDirective(namespace, span())), List.of(), List.of(let),
          List.of(policy, twin))));
    }
  }

  @Test
  void theCheckerNeverThrowsAndReportsOnlyAtSpansOfTheModel() {
    System.out.println("CheckerPropertiesTest seed " + SEED + ", tries " + TRIES);
    qt().withFixedSeed(SEED)
        .withExamples(TRIES)
        .forAll(
            lists().of(strings().allPossible().ofLengthBetween(0, 24)).ofSizeBetween(1, 30),
            lists().of(integers().between(-3, 70_000)).ofSizeBetween(1, 8))
        .checkAssert(
            (words, numbers) -> {
              Model model = new Model(words, numbers);
              Program program = model.program();
              List<Diagnostic> found = ProgramChecker.check(program);

              assertThat(found).isSortedAccordingTo(Diagnostic.ORDER).doesNotHaveDuplicates();
              assertThat(found).allSatisfy(d -> assertThat(model.spans).contains(d.span()));
              // The duplicate policy and the select of a let holding an fqdn are always there.
              assertThat(found).extracting(d -> d.code().id()).contains("NL2002", "NL2010");
            });
  }

  @Test
  void re2NeverThrowsOnRandomPatterns() {
    qt().withFixedSeed(SEED)
        .withExamples(TRIES)
        .forAll(pattern())
        .checkAssert(regex -> assertThat(Re2.problem(regex)).isNotNull());
  }

  private static Gen<String> pattern() {
    return lists()
        .of(integers().between(0, REGEX_ALPHABET.length() - 1))
        .ofSizeBetween(0, 40)
        .map(indices -> {
          StringBuilder sb = new StringBuilder();
          indices.forEach(i -> sb.append(REGEX_ALPHABET.charAt(i)));
          return sb.toString();
        });
  }

  private static final List<Function<String, Optional<String>>> SYNTAX_CHECKS = List.of(
      Syntax::dns1123Label, Syntax::dns1123Subdomain, Syntax::dns1035Label, Syntax::labelKey,
      Syntax::labelValue, Syntax::portName, Syntax::fqdnPattern, Syntax::httpMethod, Syntax::httpPath,
      Syntax::httpHost, Syntax::headerName, Syntax::headerValue, Syntax::kafkaTopic, Syntax::kafkaClientId);

  @Test
  void syntaxChecksNeverThrow() {
    qt().withFixedSeed(SEED)
        .withExamples(TRIES)
        .forAll(strings().allPossible().ofLengthBetween(0, 300))
        .checkAssert(s -> SYNTAX_CHECKS.forEach(check -> assertThat(check.apply(s)).isNotNull()));
  }

  /** A token may be 64 KiB long: no check may recurse per character (java.util.regex loops over groups do). */
  @Test
  void syntaxChecksTakeTokensOf64KiB() {
    int n = 64 * 1024 / 2;
    List<String> units =
        List.of("A-", "a.", "a-", "ab", "A_", "*.", "/a", "a|", "(a", "a)", "[a", "a*", "x?", "\\Q");
    for (String unit : units) {
      String token = unit.repeat(n) + unit.charAt(0);
      SYNTAX_CHECKS.forEach(check -> assertThat(check.apply(token)).as(unit).isNotNull());
      assertThat(Re2.problem(token)).as(unit).isNotNull();
    }
    assertThat(Syntax.httpMethod("A-".repeat(n) + "A")).isEmpty();
  }

  /** Names built by the rule Kubernetes states are accepted: the checks are no stricter than the rule. */
  @Test
  void namesBuiltByTheRuleAreAccepted() {
    qt().withFixedSeed(SEED)
        .withExamples(TRIES)
        .forAll(labels(), labels(), integers().between(1, 4))
        .checkAssert(
            (a, b, parts) -> {
              List<String> labels = new ArrayList<>();
              for (int i = 0; i < parts; i++) {
                labels.add(i % 2 == 0 ? a : b);
              }
              String domain = String.join(".", labels);
              assertThat(Syntax.dns1123Label(a)).isEmpty();
              assertThat(Syntax.dns1123Subdomain(domain)).isEmpty();
              assertThat(Syntax.labelKey(domain + "/" + b.toUpperCase(java.util.Locale.ROOT) + "_x")).isEmpty();
              assertThat(Syntax.labelValue(a + ".V_1")).isEmpty();
              assertThat(Syntax.fqdnPattern("*." + domain)).isEmpty();
              assertThat(Syntax.httpHost(domain + ":8443")).isEmpty();
              assertThat(Syntax.dns1035Label("x" + a)).isEmpty();
            });
  }

  /** DNS-1123 labels of 1 to 40 characters, built as the rule says: alphanumerics at both ends, '-' inside. */
  private static Gen<String> labels() {
    String inner = "abcdefghijklmnopqrstuvwxyz0123456789-";
    return lists()
        .of(integers().between(0, inner.length() - 1))
        .ofSizeBetween(0, 38)
        .map(indices -> {
          StringBuilder sb = new StringBuilder("a");
          indices.forEach(i -> sb.append(inner.charAt(i)));
          return sb.append('9').toString();
        });
  }
}

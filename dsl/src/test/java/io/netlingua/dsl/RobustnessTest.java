package io.netlingua.dsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import io.netlingua.diagnostics.Diagnostic;
import io.netlingua.dsl.internal.Decoding;
import io.netlingua.model.SourceSpan;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;

/**
 * Whatever the input, parsing returns (no exception) and every diagnostic's span lies inside its file. Inputs are
 * random edits of a program that uses every construct, random token soup and random bytes.
 */
class RobustnessTest {
  private static final long SEED = 20261125L;
  private static final int TRIES = Integer.getInteger("netlingua.property.tries", 1000);

  static final String SAMPLE = String.join("\n",
      "# every construct",
      "namespace shop",
      "import \"lib.npl\"",
      "let web = pods(app=web, tier in (a, b), x notin (c), y, !z, example.com/k==v, q!=r)",
      "let ext = cidr 10.0.0.0/8 except 10.1.0.0/16, 10.2.0.0/16, cidr 2001:db8::/32, fqdn \"*.example.com\"",
      "let p = tcp/80, tcp/8000-8100, tcp/http, udp, icmp type 3 code 4, icmpv6 type 128",
      "let p2 = tcp/8000-8100, tcp/http",
      "policy api in namespace shop {",
      "  description \"a \\\"quoted\\\" \\\\ text\"",
      "  select web",
      "  ingress {",
      "    log allow from web, namespace ns, namespaces(a=b), serviceaccount sa in namespace n on tcp/80, p2 {",
      "      http GET path prefix \"/a\" host \"h\" header \"X\" = \"v\"",
      "      http * path regex \"/v[0-9]+\"",
      "    }",
      "    deny from world, cluster, nodes, host, kube-apiserver, any on p",
      "  }",
      "  egress {",
      "    allow to ext, service s, kube-dns on udp/53 { dns \"a.example.com\", \"*.b.com\" }",
      "    allow to pods(app=k) on tcp/9092 { kafka produce topic \"t\" client \"c\" }",
      "    allow to pods in any namespace on tcp/50051 { grpc \"pkg.Svc/*\" }",
      "  }",
      "}",
      "cluster policy base { select pods(a) in namespaces(b) egress { allow to kube-dns on udp/53 } }",
      "");

  private static final List<String> TOKENS = List.of(
      "policy", "cluster", "let", "=", "pods", "(", ")", "{", "}", ",", "in", "namespace", "namespaces", "select",
      "ingress", "egress", "allow", "deny", "from", "to", "on", "tcp/80", "tcp", "icmp", "type", "3", "http",
      "GET",
      "*", "path", "\"/x\"", "\"", "\\", "cidr", "10.0.0.0/8", "::/0", "except", "fqdn", "a", "b-c", "!", "!=",
      "==", "notin", "import", "\"x.npl\"", "#", "//", "\n", "\r", "\r\n", "\t", " ", "\u00e9", "\uD83D\uDE80",
      "\uFEFF", "\u0000", "grpc", "kafka", "produce", "topic", "dns", "header", "log", "world", "kube-dns");

  /** The sample with a span of up to 40 characters replaced by a token. */
  private static Gen<String> edits() {
    Gen<Integer> position = SourceDSL.integers().between(0, SAMPLE.length());
    Gen<Integer> length = SourceDSL.integers().between(0, 40);
    return position.zip(length, Generate.pick(TOKENS), (at, n, token) ->
        SAMPLE.substring(0, at) + token + SAMPLE.substring(Math.min(SAMPLE.length(), at + n)));
  }

  private static Gen<String> soup() {
    return SourceDSL.lists().of(Generate.pick(TOKENS)).ofSizeBetween(0, 120)
        .map(l -> String.join(" ", l));
  }

  private static void assertSane(ParseResult r) {
    for (Diagnostic d : r.diagnostics()) {
      SourceSpan s = d.span();
      String text = r.sources().text(s.file()).orElse(null);
      if (text == null) {
        assertThat(d.code().isRunProblem()).as("%s has no text recorded", d).isTrue();
        continue;
      }
      assertThat(s.endOffset()).as("%s inside its file", d).isLessThanOrEqualTo(text.length());
      assertThat(r.sources().line(s.file(), s.line())).as("%s on a line of its file", d).isPresent();
      assertThat(s.column() - 1)
          .as("%s within its line", d)
          .isLessThanOrEqualTo(r.sources().line(s.file(), s.line()).orElseThrow().codePointCount(0,
              r.sources().line(s.file(), s.line()).orElseThrow().length()));
    }
  }

  @Test
  void theSampleUsesEveryConstructWithoutAnyErrorButTheMissingImport() {
    ParseResult r = NplParser.create().parse("t.npl", SAMPLE);
    assertThat(r.diagnostics()).extracting(d -> d.code().id()).containsExactly("NL2031");
  }

  @Test
  void randomEditsNeverThrowAndSpansStayInside() {
    System.out.println("RobustnessTest seed " + SEED);
    qt().withFixedSeed(SEED).withExamples(TRIES).forAll(edits())
        .checkAssert(text -> assertSane(NplParser.create().parse("t.npl", text)));
  }

  @Test
  void randomTokenSoupNeverThrowsAndSpansStayInside() {
    System.out.println("RobustnessTest seed " + SEED);
    qt().withFixedSeed(SEED).withExamples(TRIES).forAll(soup())
        .checkAssert(text -> assertSane(NplParser.create().parse("t.npl", text)));
  }

  @Test
  void randomBytesNeverThrowAndSpansStayInside() {
    System.out.println("RobustnessTest seed " + SEED);
    Gen<byte[]> bytes = SourceDSL.lists().of(SourceDSL.integers().between(0, 255)).ofSizeBetween(0, 300)
        .map(l -> {
          byte[] b = new byte[l.size()];
          for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (int) l.get(i);
          }
          return b;
        });
    qt().withFixedSeed(SEED).withExamples(TRIES).forAll(bytes).checkAssert(b -> {
      Decoding.Decoded d = Decoding.decode("t.npl", b, 1 << 20);
      String text = d.problem().isPresent() ? new String(b, StandardCharsets.UTF_8) : d.file().text();
      assertSane(NplParser.create().parse("t.npl", text));
    });
  }

  private static String program(int chars) {
    StringBuilder text = new StringBuilder("namespace shop\nlet web = pods(app=web)\n");
    for (int i = 0; text.length() < chars; i++) {
      text.append("policy p").append(i).append(" {\n  select pods(app=a").append(i)
          .append(")\n  ingress {\n    allow from web, cidr 10.0.0.0/8 on tcp/8080 { http GET path \"/x\" }")
          .append("\n  }\n}\n");
    }
    return text.toString();
  }

  private static long millis(String text) {
    long start = System.nanoTime();
    ParseResult r = NplParser.create().parse("big.npl", text);
    assertThat(r.diagnostics()).isEmpty();
    return Math.max(1, (System.nanoTime() - start) / 1_000_000);
  }

  @Test
  void costGrowsLinearlyWithTheInput() {
    String small = program(250_000);
    String large = program(1_000_000);
    millis(large);
    long smallMillis = millis(small);
    long largeMillis = millis(large);
    System.out.println("parsed 0.25 MB in " + smallMillis + " ms, 1 MB in " + largeMillis + " ms");
    // Linear is 4 times; the bound is loose because the build machine is shared, but a quadratic cost (16
    // times) does not pass it.
    assertThat(largeMillis).isLessThan(10 * smallMillis + 200);
  }
}

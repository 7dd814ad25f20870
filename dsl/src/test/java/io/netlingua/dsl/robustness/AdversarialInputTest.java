package io.netlingua.dsl.robustness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.netlingua.diagnostics.Code;
import io.netlingua.diagnostics.Diagnostic;
import io.netlingua.dsl.NplParser;
import io.netlingua.dsl.ParseResult;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inputs built to hurt: deep nesting, long let chains, huge files, huge tokens, floods of errors, one enormous
 * line. Each must come back as diagnostics (the limits of LANGUAGE.md's "Input" section, at the point where they
 * are passed), with bounded output and work that grows linearly with the input. Linearity is checked with counts
 * and allocated bytes, never with a clock, so that a loaded machine cannot make the test flaky.
 */
class AdversarialInputTest {

  /** The language's default limits, as LANGUAGE.md states them. */
  private static final int MAX_NESTING = 64;
  private static final int MAX_LET_DEPTH = 1000;
  private static final int MAX_TOKEN = 64 * 1024;

  /** A line with an error at nearly every token, unbalanced brackets and an unterminated string. */
  private static final String BROKEN_LINE = "policy } allow { from ) to ( on tcp/ \" @\n";

  private final NplParser parser = NplParser.create();

  @TempDir Path folder;

  @Test
  void hundredThousandNestedBracesStopAtTheLimit() {
    String text = "{".repeat(100_000) + "}".repeat(100_000);
    ParseResult result = parseSafely(text);
    assertLimit(result, Code.NESTING_TOO_DEEP, 1, MAX_NESTING + 1);
    assertThat(result.diagnostics()).hasSizeLessThan(100);
  }

  @Test
  void hundredThousandNestedParenthesesStopAtTheLimit() {
    String prefix = "namespace n\npolicy p { select pods ingress { allow from pods";
    String text = prefix + "(".repeat(100_000) + ")".repeat(100_000) + " } }";
    ParseResult result = parseSafely(text);
    // The policy's two braces are open when the parentheses start.
    int column = prefix.length() - prefix.lastIndexOf('\n') - 1 + MAX_NESTING - 2 + 1;
    assertLimit(result, Code.NESTING_TOO_DEEP, 2, column);
    assertThat(result.diagnostics()).hasSizeLessThan(100);
  }

  @Test
  void mixedNestingOneBelowTheLimitIsNotReported() {
    String text = "({".repeat(MAX_NESTING / 2) + "})".repeat(MAX_NESTING / 2);
    ParseResult result = parseSafely(text);
    assertThat(codes(result)).doesNotContain(Code.NESTING_TOO_DEEP);
    // One more opener in front: the innermost opener is now the 65th.
    ParseResult deeper = parseSafely("(" + text + ")");
    assertLimit(deeper, Code.NESTING_TOO_DEEP, 1, MAX_NESTING + 1);
  }

  @Test
  void aLetChainOfTheLimitIsValid() {
    ParseResult result = parseSafely(letChain(MAX_LET_DEPTH));
    assertThat(result.diagnostics()).isEmpty();
    assertThat(result.program().policies()).hasSize(1);
  }

  @Test
  void aLetChainOneDeeperThanTheLimitIsReportedOnce() {
    ParseResult result = parseSafely(letChain(MAX_LET_DEPTH + 1));
    assertThat(result.diagnostics()).extracting(Diagnostic::code).containsExactly(Code.LET_CHAIN_TOO_DEEP);
  }

  @Test
  void aTwentyMegabyteFileIsRefusedWithoutBeingParsed() throws IOException {
    Path file = folder.resolve("huge.npl");
    byte[] chunk = policies(1, 200).getBytes(StandardCharsets.UTF_8);
    try (OutputStream out = Files.newOutputStream(file)) {
      for (long written = 0; written < 20L * 1024 * 1024; written += chunk.length) {
        out.write(chunk);
      }
    }
    ParseResult result = parseSafely(() -> parser.parse(List.of(file)));
    assertThat(codes(result)).containsExactly(Code.FILE_TOO_LARGE);
  }

  @Test
  void aTwentyMegabyteTextIsRefused() {
    ParseResult result = parseSafely("# padding\n".repeat(2 * 1024 * 1024));
    assertThat(codes(result)).containsExactly(Code.FILE_TOO_LARGE);
  }

  @Test
  void aSeventyKilobyteWordIsATokenTooLong() {
    String text = "namespace " + "a".repeat(70 * 1024) + "\n";
    ParseResult result = parseSafely(text);
    // Reported where the limit is passed: the first character beyond it.
    assertLimit(result, Code.TOKEN_TOO_LONG, 1, "namespace ".length() + 1 + MAX_TOKEN);
  }

  @Test
  void aSeventyKilobyteStringIsATokenTooLong() {
    String text = "namespace n\npolicy p {\n  description \"" + "x".repeat(70 * 1024) + "\"\n}\n";
    ParseResult result = parseSafely(text);
    assertLimit(result, Code.TOKEN_TOO_LONG, 3, "  description ".length() + 1 + MAX_TOKEN);
  }

  @Test
  void aStringOfExactlyTheTokenLimitIsFine() {
    // The quotes count: the token is exactly MAX_TOKEN characters long.
    String text = "namespace n\npolicy p {\n  description \"" + "x".repeat(MAX_TOKEN - 2)
        + "\"\n  select pods\n  ingress { allow from pods }\n}\n";
    assertThat(parseSafely(text).diagnostics()).isEmpty();
  }

  @Test
  void aFloodOfErrorsGivesBoundedOutput() {
    int lines = 20_000;
    String text = "namespace n\n" + BROKEN_LINE.repeat(lines);
    ParseResult result = parseSafely(text);
    assertThat(result.hasErrors()).isTrue();
    // A bounded number of diagnostics per line, each message short: a tool can print them all.
    assertThat(result.diagnostics()).hasSizeLessThanOrEqualTo(8 * lines);
    assertThat(result.diagnostics()).allSatisfy(d -> assertThat(d.message()).hasSizeLessThan(400));
  }

  @Test
  void aOneMegabyteLineParsesAndReportsTheRightColumn() {
    int count = 0;
    StringBuilder line = new StringBuilder("namespace n ");
    while (line.length() < 1024 * 1024) {
      line.append(policy(count++, true).replace('\n', ' '));
    }
    ParseResult valid = parseSafely(line.toString());
    assertThat(valid.diagnostics()).isEmpty();
    assertThat(valid.program().policies()).hasSize(count);

    // A stray character at the very end, after characters outside the BMP: its column counts code points.
    line.append("policy emoji { description \"\uD83D\uDE00\uD83D\uDE00\" ")
        .append("select pods ingress { allow from pods } } @");
    ParseResult broken = parseSafely(line.toString());
    assertThat(broken.diagnostics()).isNotEmpty();
    assertThat(broken.diagnostics().get(0).span().line()).isEqualTo(1);
    assertThat(broken.diagnostics().get(0).span().column())
        .isEqualTo(line.codePointCount(0, line.length()));
  }

  @Test
  void workGrowsLinearlyWithTheInput() {
    // Chunks hold policies, comments and (one in ten) errors; 4n chunks give exactly 4 times what n chunks give.
    Growth growth = growth(this::chunks, 150);
    assertThat(growth.large().program().policies()).hasSize(4 * growth.small().program().policies().size());
    assertThat(growth.large().comments()).hasSize(4 * growth.small().comments().size());
    assertThat(growth.large().diagnostics()).hasSize(4 * growth.small().diagnostics().size());
    assertThat(growth.small().diagnostics()).isNotEmpty();
    growth.assertLinear();
  }

  @Test
  void errorRecoveryGrowsLinearlyWithTheInput() {
    // Recovery and the fallback from SLL to LL prediction are where parsers turn quadratic: every policy here
    // has an error (few enough that a parser may not stop reading at some number of errors).
    Growth growth = growth(n -> {
      StringBuilder text = new StringBuilder("namespace n\n");
      for (int i = 0; i < n; i++) {
        text.append(policy(i, true));
        text.append("policy broken-").append(i).append(" { select pods ingress { allow from } }\n");
      }
      return text.toString();
    }, 20);
    assertThat(growth.small().diagnostics()).hasSize(20);
    assertThat(growth.large().diagnostics()).hasSize(80);
    growth.assertLinear();
  }

  @Test
  void aWideLetGrowsLinearlyWithItsEntries() {
    // One let of n entries, each naming another let: resolving it once must cost n, not n squared.
    Growth growth = growth(n -> {
      StringBuilder text = new StringBuilder("namespace n\nlet a = pods(app=a)\nlet wide = a");
      for (int i = 1; i < n; i++) {
        text.append(", a");
      }
      return text.append("\npolicy p {\n  select pods\n  ingress { allow from wide }\n}\n").toString();
    }, 2000);
    assertThat(growth.large().diagnostics()).isEmpty();
    assertThat(growth.large().program().files().get(0).definitions()).hasSize(2);
    growth.assertLinear();
  }

  /** The results of parsing inputs of size n and 4n, and the bytes each parse allocated. */
  private record Growth(ParseResult small, long smallBytes, ParseResult large, long largeBytes) {
    void assertLinear() {
      ResultInvariants.assertWellFormed(large);
      if (smallBytes > 0 && largeBytes > 0) {
        // Linear work allocates about 4 times as much; quadratic work would allocate about 16 times as much.
        assertThat((double) largeBytes / smallBytes).as("allocation ratio %d / %d", largeBytes, smallBytes)
            .isLessThan(8.0);
      }
    }
  }

  private Growth growth(IntFunction<String> input, int n) {
    String small = input.apply(n);
    String large = input.apply(4 * n);
    // Warm up, so that the JIT and ANTLR's prediction caches do not count against the small input.
    for (int i = 0; i < 3; i++) {
      parser.parse("warm-up.npl", small);
    }
    AtomicReference<ParseResult> smallResult = new AtomicReference<>();
    long smallBytes = allocatedBy(() -> smallResult.set(parser.parse("small.npl", small)));
    AtomicReference<ParseResult> largeResult = new AtomicReference<>();
    long largeBytes = allocatedBy(() -> largeResult.set(parser.parse("large.npl", large)));
    return new Growth(smallResult.get(), smallBytes, largeResult.get(), largeBytes);
  }

  private String chunks(int n) {
    StringBuilder text = new StringBuilder("namespace n\n");
    for (int i = 0; i < n; i++) {
      text.append("# chunk ").append(i).append('\n');
      text.append(policy(i, true));
      if (i % 10 == 0) {
        text.append("policy broken-").append(i).append(" { select pods ingress { allow from } }\n");
      }
    }
    return text.toString();
  }

  /** A chain of {@code depth} lets, each naming the one before, used by a policy. */
  private static String letChain(int depth) {
    StringBuilder text = new StringBuilder("namespace n\nlet l1 = pods(app=a)\n");
    for (int i = 2; i <= depth; i++) {
      text.append("let l").append(i).append(" = l").append(i - 1).append('\n');
    }
    return text.append("policy p {\n  select pods\n  ingress { allow from l").append(depth).append(" }\n}\n")
        .toString();
  }

  /** {@code count} valid policies numbered from {@code first}. */
  private static String policies(int first, int count) {
    StringBuilder text = new StringBuilder("namespace n\n");
    for (int i = first; i < first + count; i++) {
      text.append(policy(i, false));
    }
    return text.toString();
  }

  /** A valid policy using most constructs, without comments (so that it fits on one line). */
  private static String policy(int index, boolean withL7) {
    String l7 = withL7 ? " { http GET path prefix \"/api/\" header \"X-Id\" }" : "";
    return "policy p-" + index + " {\n"
        + "  select pods(app=a" + index + ", tier in (api, web))\n"
        + "  ingress {\n"
        + "    allow from pods(app=b) in namespace other on tcp/8080" + l7 + "\n"
        + "    deny from cidr 10.0.0.0/8 except 10.1.0.0/16 on udp/53, tcp/1000-2000\n"
        + "  }\n"
        + "  egress { allow to fqdn \"api.example.com\" on tcp/443 }\n"
        + "}\n";
  }

  private ParseResult parseSafely(String text) {
    return parseSafely(() -> parser.parse("adversarial.npl", text));
  }

  private static ParseResult parseSafely(Supplier<ParseResult> parse) {
    AtomicReference<ParseResult> result = new AtomicReference<>();
    assertThatCode(() -> result.set(parse.get())).doesNotThrowAnyException();
    ResultInvariants.assertWellFormed(result.get());
    return result.get();
  }

  /** The first diagnostic of {@code code} exists and sits where the limit is passed. */
  private static void assertLimit(ParseResult result, Code code, int line, int column) {
    Diagnostic first = result.diagnostics().stream()
        .filter(d -> d.code() == code)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + code.id() + " in " + result.diagnostics()));
    assertThat(first.span().line() + ":" + first.span().column()).as(first.toString())
        .isEqualTo(line + ":" + column);
  }

  private static List<Code> codes(ParseResult result) {
    return result.diagnostics().stream().map(Diagnostic::code).toList();
  }

  /** The bytes this thread allocates while running {@code work}, or 0 where the JVM cannot tell. */
  private static long allocatedBy(Runnable work) {
    if (!(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean)) {
      work.run();
      return 0;
    }
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long id = Thread.currentThread().getId();
    long before = threads.getThreadAllocatedBytes(id);
    work.run();
    return threads.getThreadAllocatedBytes(id) - before;
  }
}

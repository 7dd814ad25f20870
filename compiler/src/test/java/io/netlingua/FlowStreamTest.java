package io.netlingua;

import static org.assertj.core.api.Assertions.assertThat;

import io.netlingua.eval.Cluster;
import io.netlingua.internal.FlowReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code Netlingua.readFlows(Path, Cluster, Consumer)}: a flow file read as a stream, each flow handed over as it is
 * read and none kept, every mistake reported with its place, a bound per flow instead of one per file.
 */
class FlowStreamTest {
  private static final Cluster CLUSTER = Netlingua.readCluster("cluster.yaml", """
      namespaces: {shop: {}}
      nodes: [{name: n1, ip: 10.0.0.1}]
      pods:
        - {name: a, namespace: shop, labels: {app: a}, ip: 10.244.0.1, node: n1}
        - {name: b, namespace: shop, labels: {app: b}, ip: 10.244.0.2, node: n1}
      """).orElseThrow();
  private static final String FLOW = "- {from: shop/a, to: shop/b, protocol: tcp, port: 8080}\n";

  @TempDir Path dir;

  @Test
  void eachFlowIsHandedOverInFileOrderAndCounted() throws IOException {
    Path file = write(FLOW + "- {from: shop/b, to: shop/a, protocol: udp, port: 53, expect: deny}\n");
    List<ExpectedFlow> seen = new ArrayList<>();
    FileResult<Long> read = Netlingua.readFlows(file, CLUSTER, seen::add);
    assertThat(read.orElseThrow()).isEqualTo(2);
    assertThat(seen).extracting(f -> f.flow().toString())
        .containsExactly("shop/a -> shop/b tcp/8080", "shop/b -> shop/a udp/53");
    assertThat(seen.get(1).span().line()).isEqualTo(2);
    // The list form reads the same flows.
    assertThat(Netlingua.readFlows(file, CLUSTER).orElseThrow()).isEqualTo(seen);
  }

  @Test
  void mistakesAtTheStartAndAtTheEndAreBothReported() throws IOException {
    Path file = write("- {from: shop/x, to: shop/b, protocol: tcp, port: 8080}\n" + FLOW.repeat(1000)
        + "- {from: shop/a, to: shop/b, protocol: tcp, port: 99999}\n");
    FileResult<Long> read = Netlingua.readFlows(file, CLUSTER, f -> { });
    assertThat(read.errors()).extracting(FileResult.Error::toString).containsExactly(
        file + ":1:10: error: no pod 'shop/x' in the cluster",
        file + ":1002:51: error: port must be between 1 and 65535, not 99999");
  }

  @Test
  void anEmptyFileHasNoFlowsAndADocumentThatIsNotAListIsOneMistake() throws IOException {
    assertThat(Netlingua.readFlows(write(""), CLUSTER, f -> { }).orElseThrow()).isZero();
    assertThat(Netlingua.readFlows(write("from: shop/a\n"), CLUSTER, f -> { }).render())
        .endsWith(":1:1: error: a flow file must be a list, not a mapping\n");
  }

  /** A flow past the bound is a mistake at the flow; the flows around it are still read. */
  @Test
  void aFlowLongerThanTheBoundIsAMistakeAtTheFlow() throws IOException {
    String huge = "- {from: shop/a, to: shop/b, protocol: tcp, port: 80, http: {method: GET, path: /, headers: {X: "
        + "y".repeat(FlowReader.MAX_FLOW_CHARS) + "}}}\n";
    Path file = write(FLOW + huge + FLOW);
    List<ExpectedFlow> seen = new ArrayList<>();
    FileResult<Long> read = Netlingua.readFlows(file, CLUSTER, seen::add);
    assertThat(read.errors()).singleElement().satisfies(e -> {
      assertThat(e.line()).isEqualTo(2);
      assertThat(e.message()).startsWith("a flow of ").endsWith(" is longer than the bound of 16384");
    });
    assertThat(seen).hasSize(2);
  }

  /**
   * One scalar of many megabytes never reaches the heap whole: the reader stops taking characters a little past the
   * bound, and says so at the flow.
   */
  @Test
  void aHugeScalarStopsTheReadingAtTheBoundNotAtTheEndOfTheFile() {
    int size = 20 * 1024 * 1024;
    long[] taken = {0};
    Reader endless = new Reader() {
      private final Reader head = new StringReader(FLOW + "- {from: shop/a, to: shop/b, protocol: tcp, port: 80, "
          + "http: {method: GET, path: /, headers: {X: ");
      private long given;

      @Override
      public int read(char[] buffer, int offset, int length) throws IOException {
        int n = head.read(buffer, offset, length);
        if (n < 0) {
          n = (int) Math.min(length, size - given);
          if (n <= 0) {
            return -1;
          }
          java.util.Arrays.fill(buffer, offset, offset + n, 'y');
          given += n;
        }
        taken[0] += n;
        return n;
      }

      @Override
      public void close() {}
    };
    List<ExpectedFlow> seen = new ArrayList<>();
    FileResult<Long> read = io.netlingua.internal.FlowReader.stream("big.yaml", endless, CLUSTER, seen::add);
    assertThat(read.render())
        .isEqualTo("big.yaml:1:56: error: a flow after this place is longer than the bound of 16384 characters; the "
            + "rest of the file is not read\n");
    assertThat(seen).hasSize(1);
    assertThat(taken[0]).isLessThan(256 * 1024);
  }

  /** A million bad flows: the first thousand mistakes listed, then one line saying how many more. */
  @Test
  void pastAThousandMistakesTheRestAreCounted() throws IOException {
    Path file = write("- {from: shop/x, to: shop/b, protocol: tcp, port: 8080}\n".repeat(1500));
    FileResult<Long> read = Netlingua.readFlows(file, CLUSTER, f -> { });
    assertThat(read.errors()).hasSize(1001);
    assertThat(read.errors().get(1000).toString()).isEqualTo(file + ":1001:10: error: this mistake and 499 more are "
        + "not listed (only the first 1000 are): no pod 'shop/x' in the cluster");
  }

  @Test
  void bytesThatAreNotUtf8AreAMistakeWithAPlace() throws IOException {
    Path file = dir.resolve("flows.yaml");
    byte[] head = FLOW.repeat(2000).getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[head.length + 3];
    System.arraycopy(head, 0, all, 0, head.length);
    all[head.length] = '-';
    all[head.length + 1] = ' ';
    all[head.length + 2] = (byte) 0xff;
    Files.write(file, all);
    FileResult<Long> read = Netlingua.readFlows(file, CLUSTER, f -> { });
    assertThat(read.hasErrors()).isTrue();
    // The decoder reads ahead by a few kilobytes: the place is the end of a flow shortly before the bad byte.
    assertThat(read.errors()).singleElement().satisfies(e -> {
      assertThat(e.message()).isEqualTo("the text after this place is not UTF-8; the rest of the file is not read");
      assertThat(e.line()).isBetween(1800, 2000);
    });
  }

  /** Nothing the reader holds keeps a flow alive once the consumer has let it go. */
  @Test
  void noFlowIsKeptByTheReader() throws IOException {
    Path file = write(FLOW.repeat(20_000));
    List<WeakReference<ExpectedFlow>> sample = new ArrayList<>();
    long[] n = {0};
    Netlingua.readFlows(file, CLUSTER, f -> {
      if (n[0]++ % 1000 == 0) {
        sample.add(new WeakReference<>(f));
      }
    }).orElseThrow();
    for (int i = 0; i < 5 && sample.stream().anyMatch(r -> r.get() != null); i++) {
      System.gc();
    }
    assertThat(sample).hasSize(20).allMatch(r -> r.get() == null);
  }

  private Path write(String text) throws IOException {
    Path file = dir.resolve("flows.yaml");
    Files.writeString(file, text);
    return file;
  }
}

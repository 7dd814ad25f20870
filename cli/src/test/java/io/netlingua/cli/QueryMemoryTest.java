package io.netlingua.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code netlingua query}'s memory does not grow with the flow file: answering 4n flows allocates less than 5 times
 * what n flows do, and the heap still in use near the end of the answer (after a collection) is the same for n and
 * 4n flows. Allocation is counted by the JVM per thread, and the heap in use read after {@code System.gc()}; nothing
 * is timed.
 */
class QueryMemoryTest {
  private static final int N = 25_000;
  /**
   * Far below what 3n flows held as objects take (about 190 bytes each: 12.9 MB when the command kept them), far above
   * what a run that keeps none leaves (a few KB).
   */
  private static final long RETAINED_SLACK = 2L * 1024 * 1024;

  @TempDir Path dir;
  private Path program;
  private Path cluster;

  @BeforeEach
  void files() throws IOException {
    program = Files.writeString(dir.resolve("shop.npl"), """
        namespace shop
        policy backend {
          select pods(app=backend)
          ingress {
            allow from pods(app=frontend) on tcp/8080 { http GET path prefix "/api/" }
            allow from pods(app=frontend) on tcp/9090
          }
        }
        """);
    cluster = Files.writeString(dir.resolve("cluster.yaml"), """
        namespaces: {shop: {}}
        nodes: [{name: n1, ip: 10.0.0.1}]
        pods:
          - {name: frontend, namespace: shop, labels: {app: frontend}, ip: 10.244.0.1, node: n1}
          - {name: backend, namespace: shop, labels: {app: backend}, ip: 10.244.0.2, node: n1}
          - {name: other, namespace: shop, labels: {app: other}, ip: 10.244.0.3, node: n1}
        """);
  }

  @Test
  void answeringFourTimesTheFlowsTakesLessThanFiveTimesTheMemoryAndKeepsNoneOfThem() throws IOException {
    query(flows(1000));  // loads the classes, so that neither measured run pays for them
    Answer n = query(flows(N));
    Answer fourN = query(flows(4 * N));
    assertThat(n.entries()).isEqualTo(N);
    assertThat(fourN.entries()).isEqualTo(4 * N);
    assertThat(fourN.allocated()).as("bytes allocated for 4n flows against n: %s, %s", fourN, n)
        .isLessThan(5 * n.allocated());
    assertThat(fourN.inUse() - n.inUse()).as("heap in use near the end of 4n flows against n: %s, %s", fourN, n)
        .isLessThan(RETAINED_SLACK);
  }

  /** What one run took: bytes allocated by its thread, heap in use after a collection at 90% of the answer. */
  private record Answer(long allocated, long inUse, long entries) {}

  private Answer query(Path flows) {
    long flowCount;
    try (var lines = Files.lines(flows)) {
      flowCount = lines.count();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    HeapProbe out = new HeapProbe(flowCount * 9 / 10);
    CommandLine command = Main.commandLine();
    command.setOut(new PrintWriter(out));
    command.setErr(new PrintWriter(new StringWriter()));
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long before = threads.getCurrentThreadAllocatedBytes();
    int exit = command.execute("query", "--cluster", cluster.toString(), "--flows", flows.toString(),
        program.toString());
    long allocated = threads.getCurrentThreadAllocatedBytes() - before - out.probeAllocations;
    assertThat(exit).isZero();
    return new Answer(allocated, out.inUse, out.entries);
  }

  /** N flows, allowed and denied, with and without an HTTP request. */
  private Path flows(int count) throws IOException {
    StringBuilder text = new StringBuilder(count * 100);
    String[] ends = {"shop/frontend", "shop/other"};
    for (int i = 0; i < count; i++) {
      String from = ends[i % 2];
      if (i % 3 == 0) {
        text.append("- {from: ").append(from).append(", to: shop/backend, protocol: tcp, port: 8080, http: {method: GET,"
            + " path: /api/v").append(i % 7).append("}}\n");
      } else {
        text.append("- {from: ").append(from).append(", to: shop/backend, protocol: tcp, port: ")
            .append(9090 + i % 2).append("}\n");
      }
    }
    return Files.writeString(dir.resolve("flows-" + count + ".yaml"), text);
  }

  /**
   * Standard output that keeps nothing: it counts the entries (each has one {@code "flow"} key) and, once, when the
   * answer is 90% written, reads the heap in use after a collection.
   */
  private static final class HeapProbe extends Writer {
    private final long probeAt;
    private long entries;
    private long inUse = -1;
    private long probeAllocations;
    private int matched;
    private static final String KEY = "\"flow\"";

    HeapProbe(long probeAt) {
      this.probeAt = probeAt;
    }

    @Override
    public void write(char[] buffer, int offset, int length) {
      for (int i = offset; i < offset + length; i++) {
        matched = buffer[i] == KEY.charAt(matched) ? matched + 1 : (buffer[i] == KEY.charAt(0) ? 1 : 0);
        if (matched == KEY.length()) {
          matched = 0;
          if (++entries == probeAt) {
            probe();
          }
        }
      }
    }

    private void probe() {
      com.sun.management.ThreadMXBean threads =
          (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
      long before = threads.getCurrentThreadAllocatedBytes();
      for (int i = 0; i < 3; i++) {
        System.gc();
      }
      inUse = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
      probeAllocations = threads.getCurrentThreadAllocatedBytes() - before;
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }
}

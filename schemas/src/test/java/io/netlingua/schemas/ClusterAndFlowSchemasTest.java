package io.netlingua.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every example's {@code cluster.yaml} and {@code connectivity.yaml} validate against the schemas of cluster and
 * flow files, and the schemas refuse what docs/testing.md says a file may not hold.
 */
class ClusterAndFlowSchemasTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Path EXAMPLES = Path.of(System.getProperty("netlingua.root", ".."), "examples");

  static Stream<Path> examples() throws IOException {
    try (Stream<Path> folders = Files.list(EXAMPLES)) {
      return folders.filter(f -> Files.exists(f.resolve("expected"))).sorted().toList().stream();
    }
  }

  @ParameterizedTest
  @MethodSource("examples")
  void theExampleFilesValidate(Path example) throws IOException {
    assertThat(errors(Schemas.CLUSTER, YAML.readTree(example.resolve("cluster.yaml").toFile())))
        .as(example + "/cluster.yaml").isEmpty();
    assertThat(errors(Schemas.FLOWS, YAML.readTree(example.resolve("connectivity.yaml").toFile())))
        .as(example + "/connectivity.yaml").isEmpty();
  }

  @Test
  void everyExampleHasBothFiles() throws IOException {
    assertThat(examples()).hasSizeGreaterThanOrEqualTo(6)
        .allSatisfy(e -> assertThat(e.resolve("cluster.yaml")).exists())
        .allSatisfy(e -> assertThat(e.resolve("connectivity.yaml")).exists());
  }

  @Test
  void aClusterFileIsClosed() throws IOException {
    assertThat(errors(Schemas.CLUSTER, yaml("pods: [{name: a, namespace: shop, ip: 10.0.0.1, node: n, lables: {}}]")))
        .isNotEmpty();
    assertThat(errors(Schemas.CLUSTER, yaml("pods: [{name: a, namespace: shop}]"))).isNotEmpty();
    assertThat(errors(Schemas.CLUSTER, yaml("pods: [{name: a, namespace: shop, ip: not-an-ip, node: n}]")))
        .isNotEmpty();
    assertThat(errors(Schemas.CLUSTER, yaml("namespaces: {shop: {labels: {team: web}}}\n"
        + "nodes: [{name: n1, ip: 10.0.0.9}]\n"
        + "pods: [{name: a, namespace: shop, ip: 10.0.0.1, node: n1,"
        + " ports: [{name: http, port: 8080, protocol: TCP}]}]")))
        .isEmpty();
    assertThat(errors(Schemas.CLUSTER, yaml("pods: [{name: a, namespace: shop, ip: 10.0.0.1}]"))).isNotEmpty();
  }

  @Test
  void dnsServersArePodsOrExternalsWrittenAsFlowsWriteThem() throws IOException {
    assertThat(errors(Schemas.CLUSTER, yaml("dnsServers: [kube-system/coredns-0, ext:resolver]"))).isEmpty();
    assertThat(errors(Schemas.CLUSTER, yaml("dnsServers: []"))).isEmpty();
    assertThat(errors(Schemas.CLUSTER, yaml("dnsServers: null"))).isEmpty();
  }

  @Test
  void aDnsServerIsNotANode() throws IOException {
    assertThat(errors(Schemas.CLUSTER, yaml("dnsServers: [node:node-1]"))).isNotEmpty();
  }

  @Test
  void aDnsServerIsNotABareAddress() throws IOException {
    assertThat(errors(Schemas.CLUSTER, yaml("dnsServers: [ip:10.244.0.2]"))).isNotEmpty();
  }

  @Test
  void aDnsServerIsNotABareName() throws IOException {
    assertThat(errors(Schemas.CLUSTER, yaml("dnsServers: [coredns-0]"))).isNotEmpty();
  }

  @Test
  void aDnsServerIsNamedOnce() throws IOException {
    assertThat(errors(Schemas.CLUSTER, yaml("dnsServers: [ext:resolver, ext:resolver]"))).isNotEmpty();
  }

  @Test
  void dnsServersAreAListOfStrings() throws IOException {
    assertThat(errors(Schemas.CLUSTER, yaml("dnsServers: kube-system/coredns-0"))).isNotEmpty();
    assertThat(errors(Schemas.CLUSTER, yaml("dnsServers: [{pod: coredns-0}]"))).isNotEmpty();
  }

  @Test
  void aFlowNeedsAPortOrAnIcmpTypeAndOneKindOfRequest() throws IOException {
    assertThat(errors(Schemas.FLOWS, yaml("[{from: a/b, to: c/d, protocol: tcp, port: 80, expect: allow}]")))
        .isEmpty();
    assertThat(errors(Schemas.FLOWS, yaml("[{from: a/b, to: ext:x, protocol: icmp, icmp: {type: 8}}]")))
        .isEmpty();
    assertThat(errors(Schemas.FLOWS, yaml("[{from: a/b, to: c/d, protocol: tcp}]"))).isNotEmpty();
    assertThat(errors(Schemas.FLOWS, yaml("[{from: a/b, to: c/d, protocol: icmp, port: 8}]"))).isNotEmpty();
    assertThat(errors(Schemas.FLOWS, yaml("[{from: a/b, to: c/d, protocol: tcp, port: 80, "
        + "http: {method: GET, path: /}, dnsQuery: x.org}]"))).isNotEmpty();
    assertThat(errors(Schemas.FLOWS, yaml("[{from: a/b, to: c/d, protocol: tcp, port: 80, expect: maybe}]")))
        .isNotEmpty();
    assertThat(errors(Schemas.FLOWS, yaml("[{from: pod-b, to: c/d, protocol: tcp, port: 80}]"))).isNotEmpty();
  }

  private static JsonNode yaml(String text) throws IOException {
    return YAML.readTree(text);
  }

  private static List<Error> errors(String schema, JsonNode document) {
    return SchemaValidation.errors(schema, document);
  }
}

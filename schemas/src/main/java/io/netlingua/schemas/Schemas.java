package io.netlingua.schemas;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The JSON Schemas (draft 2020-12) of what Netlingua emits and of the files it reads besides programs, kept as classpath resources
 * ({@code io/netlingua/schemas/NAME.schema.json}). This module has no dependencies: a schema is handed out as
 * text, and whoever validates parses it with the JSON library of their choice.
 */
public final class Schemas {
  /** The NetworkPolicy ({@code networking.k8s.io/v1}) subset the Kubernetes target emits. */
  public static final String NETWORK_POLICY = "netlingua-networkpolicy";
  /** The CiliumNetworkPolicy ({@code cilium.io/v2}, namespaced) subset the Cilium target emits. */
  public static final String CILIUM_NETWORK_POLICY = "netlingua-ciliumnetworkpolicy";
  /** The CiliumClusterwideNetworkPolicy ({@code cilium.io/v2}, cluster-scoped) subset the Cilium target emits. */
  public static final String CILIUM_CLUSTERWIDE_NETWORK_POLICY = "netlingua-ciliumclusterwidenetworkpolicy";
  /** The GlobalNetworkPolicy ({@code projectcalico.org/v3}, cluster-scoped) subset the Calico target emits. */
  public static final String GLOBAL_NETWORK_POLICY = "netlingua-globalnetworkpolicy";
  /**
   * The StagedGlobalNetworkPolicy ({@code projectcalico.org/v3}, cluster-scoped) subset the Calico target emits: a
   * GlobalNetworkPolicy that Calico evaluates without enforcing it, always with {@code stagedAction: Set}.
   */
  public static final String STAGED_GLOBAL_NETWORK_POLICY = "netlingua-stagedglobalnetworkpolicy";
  /** The Calico Tier ({@code projectcalico.org/v3}) the Calico target puts its policies in. */
  public static final String TIER = "netlingua-tier";
  /** The JSON report of a compilation ({@code --report json}). */
  public static final String REPORT = "netlingua-report";
  /** A cluster file: namespaces, pods, nodes, external addresses and Services to judge flows on. */
  public static final String CLUSTER = "netlingua-cluster";
  /** A flow file: flows to judge, each with an optional expected verdict. */
  public static final String FLOWS = "netlingua-flows";

  private static final List<String> NAMES =
      List.of(NETWORK_POLICY, CILIUM_NETWORK_POLICY, CILIUM_CLUSTERWIDE_NETWORK_POLICY, GLOBAL_NETWORK_POLICY,
          STAGED_GLOBAL_NETWORK_POLICY, TIER, REPORT, CLUSTER, FLOWS);
  private static final String FOLDER = "/io/netlingua/schemas/";

  private Schemas() {}

  /** The name of every schema this module holds, in a fixed order. */
  public static List<String> names() {
    return NAMES;
  }

  /** The classpath resource of a schema, {@code /io/netlingua/schemas/NAME.schema.json}. */
  public static String resource(String name) {
    if (!NAMES.contains(name)) {
      throw new IllegalArgumentException("no schema named '" + name + "'; known: " + NAMES);
    }
    return FOLDER + name + ".schema.json";
  }

  /**
   * The text of a schema.
   *
   * @param name one of {@link #names()}
   * @return the schema, as JSON text
   * @throws IllegalArgumentException for an unknown name
   */
  public static String text(String name) {
    String resource = resource(name);
    try (InputStream in = Schemas.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("schema resource missing from the jar: " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }
}

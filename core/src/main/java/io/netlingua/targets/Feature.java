package io.netlingua.targets;

import io.netlingua.diagnostics.Code;

/**
 * A construct of the language whose translation differs between targets. Each feature has one stable diagnostic
 * code; the target and the outcome are fields of the diagnostic.
 */
public enum Feature {
  POLICY_ENFORCEMENT("policy-enforcement", "network policy at all", Code.POLICY_ENFORCEMENT),
  SELECTORS("selectors", "pods and namespaces by label or name", Code.SELECTORS),
  CLUSTER_SCOPE("cluster-scope", "cluster policy", Code.CLUSTER_SCOPE),
  DENY("deny", "deny rules", Code.DENY),
  L7_HTTP("l7-http", "HTTP method, path, host, headers", Code.L7_HTTP),
  L7_GRPC("l7-grpc", "gRPC service and method", Code.L7_GRPC),
  L7_KAFKA("l7-kafka", "Kafka produce and consume", Code.L7_KAFKA),
  L7_DNS("l7-dns", "DNS query names", Code.L7_DNS),
  FQDN("fqdn", "fqdn peers", Code.FQDN),
  CIDR("cidr", "cidr peers with except", Code.CIDR),
  ENTITY_WORLD("entity-world", "world", Code.ENTITY_WORLD),
  ENTITY_CLUSTER("entity-cluster", "cluster", Code.ENTITY_CLUSTER),
  ENTITY_NODES("entity-nodes", "nodes", Code.ENTITY_NODES),
  ENTITY_HOST("entity-host", "host", Code.ENTITY_HOST),
  ENTITY_KUBE_APISERVER("entity-kube-apiserver", "kube-apiserver", Code.ENTITY_KUBE_APISERVER),
  ENTITY_ANY("entity-any", "any", Code.ENTITY_ANY),
  SERVICE_ACCOUNT("service-account", "serviceaccount peers", Code.SERVICE_ACCOUNT),
  SERVICE("service", "service peers", Code.SERVICE),
  NAMED_PORT("named-port", "named ports", Code.NAMED_PORT),
  PORT_RANGE("port-range", "port ranges", Code.PORT_RANGE),
  SCTP("sctp", "SCTP", Code.SCTP),
  ICMP("icmp", "ICMP and ICMPv6 type and code", Code.ICMP),
  LOG("log", "log", Code.LOG);

  private final String id;
  private final String title;
  private final Code code;

  Feature(String id, String title, Code code) {
    this.id = id;
    this.title = title;
    this.code = code;
  }

  /** The stable id used in reports and JSON: {@code l7-http}, {@code deny}, ... */
  public String id() {
    return id;
  }

  /** A short human title, as the capability matrix shows it. */
  public String title() {
    return title;
  }

  /** The diagnostic code of this feature. */
  public Code code() {
    return code;
  }

  /** Whether leaving the feature out changes no verdict ({@code log}): a warning in every mode. */
  public boolean verdictNeutral() {
    return this == LOG;
  }
}

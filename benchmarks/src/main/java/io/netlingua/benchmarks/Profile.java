package io.netlingua.benchmarks;

/**
 * The kinds of program {@link ProgramGenerator#files} writes, and how {@link ProgramGenerator#options} compiles
 * them.
 */
public enum Profile {
  /**
   * The subset every target expresses exactly: pods, namespaces by name and label, ports, port ranges, CIDRs with
   * except, and denies that fold into an allow of the same policy. Compiled in strict mode with the pod, service
   * and node CIDRs stated; the program's CIDRs lie outside them.
   */
  EXACT,
  /**
   * Every construct of the language (every peer, port and L7 kind, log, cluster policies, denies that fold and
   * denies that do not), compiled in best-effort mode with the namespaces cluster policies expand into. What a
   * target cannot express at all (on Kubernetes: a cluster policy whose subject is {@code in namespaces(...)}) is
   * not generated for it.
   */
  FULL
}

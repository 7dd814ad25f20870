package io.netlingua.model;

/**
 * One entry of a port list as written: a port or a reference to a {@code let} that names ports. Consumers that only
 * care about meaning use {@link Ports#flatten(java.util.List)}.
 */
public sealed interface PortTerm permits Port, PortRef {

  /** Where the entry was written. */
  SourceSpan span();
}

package io.netlingua.model;

/** One alternative of an L7 block. */
public sealed interface L7Rule permits HttpRule, GrpcRule, KafkaRule, DnsRule {

  /** Where the alternative was written. */
  SourceSpan span();
}

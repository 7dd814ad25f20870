package io.netlingua.model;

import java.util.List;

/**
 * The L7 block of an {@code allow} rule: alternatives of one kind, a request is allowed if it matches any of them.
 * One kind per block is a property of the type.
 */
public sealed interface L7Block permits HttpBlock, GrpcBlock, KafkaBlock, DnsBlock {

  /** The alternatives, in the order written. */
  List<? extends L7Rule> rules();

  /** Where the block was written (its opening brace). */
  SourceSpan span();

  /** The language keyword of the block's kind: {@code http}, {@code grpc}, {@code kafka} or {@code dns}. */
  String keyword();

  /** Calls the visitor's method for this block's kind. */
  <R> R accept(Visitor<R> visitor);

  /** One method per L7 kind. */
  interface Visitor<R> {
    R http(HttpBlock block);

    R grpc(GrpcBlock block);

    R kafka(KafkaBlock block);

    R dns(DnsBlock block);
  }
}

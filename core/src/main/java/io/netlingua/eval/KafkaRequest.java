package io.netlingua.eval;

import io.netlingua.model.KafkaRule;
import java.util.Objects;
import java.util.Optional;

/**
 * A Kafka request.
 *
 * @param role whether the client produces to or consumes from the topic
 * @param topic the topic
 * @param clientId the client id the client sends, if any
 */
public record KafkaRequest(KafkaRule.Role role, String topic, Optional<String> clientId) {
  /** Requires every part. */
  public KafkaRequest {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(clientId, "clientId");
  }
}

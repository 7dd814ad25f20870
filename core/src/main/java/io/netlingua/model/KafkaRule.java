package io.netlingua.model;

import java.util.Objects;
import java.util.Optional;

/**
 * {@code kafka (produce | consume) topic "t" [client "id"]}.
 *
 * @param role produce or consume
 * @param topic the topic
 * @param clientId the client id, if any
 * @param span where the alternative was written
 */
public record KafkaRule(Role role, String topic, Optional<String> clientId, SourceSpan span) implements L7Rule {

  /** What the client does with the topic. */
  public enum Role {
    PRODUCE,
    CONSUME;

    /** The language keyword. */
    public String keyword() {
      return this == PRODUCE ? "produce" : "consume";
    }
  }

  public KafkaRule {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(span, "span");
  }

  public static KafkaRule of(Role role, String topic, String clientId) {
    return new KafkaRule(role, topic, Optional.ofNullable(clientId), SourceSpan.NONE);
  }
}

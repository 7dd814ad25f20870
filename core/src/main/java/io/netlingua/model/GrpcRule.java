package io.netlingua.model;

import java.util.Objects;
import java.util.Optional;

/**
 * {@code grpc "package.Service/Method"} or {@code grpc "package.Service/*"}: a POST to that exact path.
 *
 * @param service the fully qualified service, {@code package.Service}
 * @param method the method; empty for every method of the service ({@code /*})
 * @param span where the alternative was written
 */
public record GrpcRule(String service, Optional<String> method, SourceSpan span) implements L7Rule {
  public GrpcRule {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(span, "span");
  }

  public static GrpcRule of(String service, String method) {
    return new GrpcRule(service, Optional.ofNullable(method), SourceSpan.NONE);
  }

  /** The text as the language writes it: {@code package.Service/Method} or {@code package.Service/*}. */
  public String path() {
    return service + "/" + method.orElse("*");
  }
}

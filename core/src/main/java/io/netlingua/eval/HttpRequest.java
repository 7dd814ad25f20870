package io.netlingua.eval;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An HTTP request (a gRPC call is a {@code POST} to {@code /package.Service/Method}).
 *
 * @param method the method, upper case
 * @param path the request target as the client sends it, starting with {@code /}: it may hold a query string, dot
 *     segments, {@code ;} parameters and percent escapes, and path clauses read it as the server will serve it
 *     ({@link io.netlingua.model.HttpPaths#normalise})
 * @param host the Host header or {@code :authority} (lower case), with or without {@code :port}, if sent
 * @param headers the other headers, names lower case (HTTP header names are case-insensitive)
 */
public record HttpRequest(String method, String path, Optional<String> host, Map<String, String> headers) {
  /** Normalises the case of the method, host and header names. */
  public HttpRequest {
    method = Objects.requireNonNull(method, "method").toUpperCase(Locale.ROOT);
    Objects.requireNonNull(path, "path");
    host = Objects.requireNonNull(host, "host").map(h -> h.toLowerCase(Locale.ROOT));
    TreeMap<String, String> lower = new TreeMap<>();
    headers.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
    headers = Collections.unmodifiableSortedMap(lower);
  }

  /** A request without host or headers. */
  public static HttpRequest of(String method, String path) {
    return new HttpRequest(method, path, Optional.empty(), Map.of());
  }

  /** The gRPC call of that method: {@code POST /package.Service/Method}. */
  public static HttpRequest grpc(String service, String method) {
    return of("POST", "/" + service + "/" + method);
  }
}

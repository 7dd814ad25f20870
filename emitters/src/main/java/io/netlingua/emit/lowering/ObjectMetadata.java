package io.netlingua.emit.lowering;

import com.fasterxml.jackson.databind.JsonNode;
import io.netlingua.model.Policy;
import io.netlingua.model.SourceSpan;
import io.netlingua.targets.Options;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The labels and annotations every emitted object carries, whatever its target: {@code
 * app.kubernetes.io/managed-by: netlingua} (so that {@code kubectl apply --prune -l ...} and GitOps tools can find
 * the objects a run owns), the source position of the policy, and its description when it has one.
 */
public final class ObjectMetadata {
  /** The label that marks an object as written by Netlingua (Kubernetes recommended labels). */
  public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  /** The annotation holding {@code file:line} of the policy an object comes from. */
  public static final String SOURCE = "netlingua.io/source";
  /** The annotation holding the policy's description. */
  public static final String DESCRIPTION = "netlingua.io/description";

  private ObjectMetadata() {}

  /** The labels of an object: {@code app.kubernetes.io/managed-by: netlingua}. */
  public static Map<String, String> labels() {
    return Map.of(MANAGED_BY, "netlingua");
  }

  /**
   * The annotations of an object lowered from a policy: its description, if any, then its source position, the file
   * named as the options say ({@link Options#sourceName(String)}).
   */
  public static Map<String, String> annotations(Policy policy, Options options) {
    Map<String, String> annotations = new LinkedHashMap<>();
    policy.description().ifPresent(d -> annotations.put(DESCRIPTION, d));
    annotations.put(SOURCE, options.sourceName(policy.span().file()) + ":" + policy.span().line());
    return annotations;
  }

  /**
   * Where the policy an object comes from was written, as its {@link #SOURCE} annotation records it (line only),
   * or the fallback when the object has none or an unreadable one (an object written by hand): evaluators name
   * the program's policy in their verdicts with it.
   */
  public static SourceSpan source(Map<String, String> annotations, SourceSpan fallback) {
    String source = annotations == null ? null : annotations.get(SOURCE);
    int colon = source == null ? -1 : source.lastIndexOf(':');
    if (colon <= 0) {
      return fallback;
    }
    try {
      return SourceSpan.point(source.substring(0, colon), Integer.parseInt(source.substring(colon + 1)), 1, 0);
    } catch (IllegalArgumentException e) {
      return fallback;
    }
  }

  /**
   * {@link #source(Map, SourceSpan)} of an object held as a tree (the Cilium and Calico objects): its {@code
   * metadata.annotations}.
   */
  public static SourceSpan source(JsonNode object, SourceSpan fallback) {
    Map<String, String> annotations = new HashMap<>();
    object.path("metadata").path("annotations").fields()
        .forEachRemaining(e -> annotations.put(e.getKey(), e.getValue().asText()));
    return source(annotations, fallback);
  }
}

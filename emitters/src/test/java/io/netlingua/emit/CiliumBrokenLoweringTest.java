package io.netlingua.emit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.netlingua.targets.Target;
import java.util.Iterator;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The Cilium equivalence property can fail: run against the Cilium emitter's objects with one lowering rule
 * broken, on the same cases as {@link EquivalencePropertyTest}, it finds a counterexample, and prints it so that it
 * can be read (the flow, both verdicts with their reasons, the report and the broken objects, the program and the
 * cluster). Each broken rule is one the Cilium target keeps for a reason a user gets bitten by.
 */
class CiliumBrokenLoweringTest {
  /**
   * A path prefix written as a character prefix: {@code /api} then {@code .*} instead of the guarded segment tail,
   * so that {@code path prefix "/api"} also passes {@code /apiary}.
   */
  @Test
  void aPathPrefixWithoutItsSegmentGuard() {
    String failure = counterexample(tree -> each(tree, node -> {
      JsonNode path = node.get("path");
      if (path != null && path.asText().contains("(/(?:")) {
        String p = path.asText();
        node.set("path", TextNode.valueOf(p.substring(0, p.indexOf("(/(?:")) + ".*(\\?.*)?"));
      }
    }));
    assertThat(failure).contains("cilium allows, the program denies").contains(" GET ", "path: ")
        .contains(".*(\\?.*)?");
  }

  /**
   * A selector with a negative term on a namespace key written without {@code k8s:io.kubernetes.pod.namespace
   * Exists}: the agent leaves it unpinned, and reserved identities (world, host, remote-node), which have no
   * namespace labels, match the negative term (cilium/cilium#46949).
   */
  @Test
  void aNegativeNamespaceSelectorWithoutExists() {
    String failure = counterexample(tree -> each(tree, node -> {
      JsonNode expressions = node.get("matchExpressions");
      if (expressions instanceof ArrayNode list && hasNegativeNamespaceTerm(list)) {
        for (Iterator<JsonNode> it = list.elements(); it.hasNext(); ) {
          JsonNode e = it.next();
          if (e.path("key").asText().equals("k8s:io.kubernetes.pod.namespace")
              && e.path("operator").asText().equals("Exists")) {
            it.remove();
          }
        }
      }
    }));
    assertThat(failure).contains("cilium allows, the program denies").contains("NotIn");
  }

  /**
   * The DNS allow without the {@code rules.dns: [{matchPattern: "*"}]} the emitter adds for toFQDNs (a DNS block
   * of the program is left as it is): the agent's DNS proxy never sees the queries, so toFQDNs learns no address
   * and the allowed fqdn flows are refused.
   */
  @Test
  void aDnsAllowWithoutItsDnsRule() {
    String failure = counterexample(tree -> each(tree, node -> {
      JsonNode rules = node.get("rules");
      if (rules != null && rules.path("dns").size() == 1
          && rules.path("dns").get(0).path("matchPattern").asText().equals("*")) {
        node.remove("rules");
      }
    }));
    assertThat(failure).contains("cilium denies, the program allows").contains("ext:").contains("toFQDNs");
  }

  private static boolean hasNegativeNamespaceTerm(ArrayNode expressions) {
    for (JsonNode e : expressions) {
      String key = e.path("key").asText();
      String op = e.path("operator").asText();
      if ((op.equals("NotIn") || op.equals("DoesNotExist")) && (key.startsWith("k8s:io.cilium.k8s.namespace.labels.")
          || key.equals("k8s:io.kubernetes.pod.namespace"))) {
        return true;
      }
    }
    return false;
  }

  private static String counterexample(Consumer<ObjectNode> breakTree) {
    return BrokenLowering.counterexample(Target.CILIUM, breakTree);
  }

  private static void each(JsonNode node, Consumer<ObjectNode> change) {
    BrokenLowering.each(node, change);
  }
}

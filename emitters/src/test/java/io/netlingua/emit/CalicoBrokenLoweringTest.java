package io.netlingua.emit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.netlingua.targets.Target;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The Calico equivalence property can fail: run against the Calico emitter's objects with one lowering rule broken,
 * on the same cases as {@link EquivalencePropertyTest}, it finds a counterexample and prints it readably. Each broken
 * rule is one the Calico target keeps for a reason a user gets bitten by (SEMANTICS.md section 3, Calico).
 */
class CalicoBrokenLoweringTest {

  /**
   * The deny objects ordered after the allows (300 against 200): Calico applies the first Allow or Deny it meets
   * ({@code reference/resources/tier.mdx}), so an allow of another policy, or of the same, now wins over the deny.
   */
  @Test
  void aDenyObjectOrderedAfterTheAllows() {
    String failure = counterexample(tree -> {
      if (tree.path("metadata").path("name").asText().endsWith("-deny")) {
        ((ObjectNode) tree.get("spec")).set("order", IntNode.valueOf(300));
      }
    });
    assertThat(failure).contains("calico allows, the program denies").contains("order: 300", "action: Deny");
  }

  /**
   * A same-namespace pod peer without its {@code namespaceSelector}: in a GlobalNetworkPolicy a rule selector alone
   * matches pods of every namespace ({@code updateprocessors/rules.go} {@code getEndpointSelector}: the namespace
   * is added only for a namespaced policy), so the peer reaches pods of other namespaces.
   */
  @Test
  void aNamespacedPeerWithoutItsNamespaceSelector() {
    String failure = counterexample(tree -> BrokenLowering.each(tree.path("spec"), node -> {
      for (String side : new String[] {"source", "destination"}) {
        JsonNode entity = node.get(side);
        if (entity instanceof ObjectNode e && e.has("selector")
            && e.path("namespaceSelector").asText().startsWith("projectcalico.org/name == ")) {
          e.remove("namespaceSelector");
        }
      }
    }));
    assertThat(failure).contains("calico allows, the program denies");
  }

  /**
   * {@code !=} written as {@code ==}: the selector then needs the label with that value, where the program's
   * selector also matches pods without the label or with another value.
   */
  @Test
  void aNotEqualRenderedAsEqual() {
    String failure = counterexample(tree -> BrokenLowering.each(tree, node -> {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        if (field.getValue().isTextual() && field.getKey().toLowerCase(java.util.Locale.ROOT).endsWith("selector")
            && field.getValue().asText().contains(" != ")) {
          field.setValue(TextNode.valueOf(field.getValue().asText().replace(" != ", " == ")));
        }
      }
    }));
    assertThat(failure).contains("!=").containsPattern("calico (allows|denies), the program (denies|allows)");
  }

  private static String counterexample(Consumer<ObjectNode> breakTree) {
    return BrokenLowering.counterexample(Target.CALICO, breakTree);
  }
}

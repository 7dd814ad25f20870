package io.netlingua.emit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.quicktheories.QuickTheory.qt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netlingua.emit.lowering.Draw;
import io.netlingua.targets.Target;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The equivalence property run against a target's objects with one lowering rule broken ({@link
 * CiliumBrokenLoweringTest}, {@link CalicoBrokenLoweringTest}): the property must find a counterexample and print it
 * readably (the flow, both verdicts with their reasons, the report and the broken objects, the program and the
 * cluster).
 */
final class BrokenLowering {
  private static final int SHRINK_CYCLES = 30;

  private BrokenLowering() {}

  /** The first counterexample of the property on objects changed by {@code breakTree}, as printed. */
  static String counterexample(Target target, Consumer<ObjectNode> breakTree) {
    UnaryOperator<List<EmittedDocument>> broken = documents -> documents.stream().map(d -> {
      ObjectNode copy = ((ObjectNode) d.object()).deepCopy();
      breakTree.accept(copy);
      return new EmittedDocument(d.apiVersion(), d.kind(), d.namespace(), d.name(), copy, d.source());
    }).toList();
    // Fewer shrink cycles than the property's default: a counterexample only has to be found and readable here.
    AssertionError e = catchThrowableOfType(AssertionError.class, () -> qt().withFixedSeed(23)
        .withExamples(Draw.TRIES).withShrinkCycles(SHRINK_CYCLES).forAll(EquivalencePropertyTest.cases(target))
        .checkAssert(c -> EquivalencePropertyTest.check(target, c, new EquivalencePropertyTest.Tally(),
            broken)));
    assertThat(e).as("the property finds the broken rule").isNotNull();
    assertThat(e.getMessage()).contains("--- program", "--- report", "--- objects", "--- cluster");
    return e.getMessage();
  }

  /** Applies {@code change} to every object node of the tree. */
  static void each(JsonNode node, Consumer<ObjectNode> change) {
    if (node instanceof ObjectNode o) {
      change.accept(o);
      for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
        each(it.next().getValue(), change);
      }
    } else if (node instanceof ArrayNode a) {
      a.forEach(child -> each(child, change));
    }
  }
}

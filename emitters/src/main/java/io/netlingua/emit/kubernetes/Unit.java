package io.netlingua.emit.kubernetes;

import io.netlingua.emit.lowering.LoweredRule;
import io.netlingua.emit.lowering.PodSet;
import io.netlingua.model.Direction;
import io.netlingua.model.LabelSelector;
import io.netlingua.model.Policy;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One NetworkPolicy to emit: a policy (or one entry of its subject) in one namespace, with its lowered allow rules.
 *
 * @param policy the source policy
 * @param namespace the object's namespace
 * @param name the object's name
 * @param pods the object's {@code podSelector}
 * @param blocks the lowered rules of each direction the policy has a block for (an empty list isolates)
 */
record Unit(
    Policy policy, String namespace, String name, LabelSelector pods, Map<Direction, List<LoweredRule>> blocks) {

  Unit {
    Map<Direction, List<LoweredRule>> copy = new EnumMap<>(Direction.class);
    blocks.forEach((d, rules) -> copy.put(d, List.copyOf(rules)));
    blocks = Collections.unmodifiableMap(copy);
  }

  /** The pods the object governs. */
  PodSet governs() {
    return PodSet.inNamespace(namespace, pods);
  }

  /** The same object with other rules in one direction. */
  Unit with(Direction direction, List<LoweredRule> rules) {
    Map<Direction, List<LoweredRule>> copy = new EnumMap<>(blocks);
    copy.put(direction, rules);
    return new Unit(policy, namespace, name, pods, copy);
  }
}

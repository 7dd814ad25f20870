package io.netlingua.emit.cilium;

import io.netlingua.emit.internal.Work;
import io.netlingua.emit.lowering.PodSet;
import io.netlingua.emit.lowering.PortSets;
import io.netlingua.model.Direction;
import io.netlingua.model.Policy;
import io.netlingua.model.Port;
import io.netlingua.model.PortRange;
import io.netlingua.targets.Feature;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One L7 kind per port: the agent merges the L7 rules of every policy that selects an endpoint per port, and refuses
 * a policy that puts another L7 kind on a port and peer that already has one ("If the type differs, the policy is
 * rejected": Documentation/security/policy/language.rst, layer 7 section; TARGETS.md section 2.10), which drops that
 * whole object. The emitter keeps the first L7 rule of a port (in program order) and leaves a later rule of another
 * kind out when their subjects may share a pod and their ports a number: peers are taken to overlap, which may leave
 * out a rule the agent would have taken (narrower, reported), never one it refuses.
 *
 * <p>Rules are kept by direction and port number (ranges and named ports in one list of their own), so a look-up
 * compares a rule with the rules of its own port only.
 */
final class L7Conflicts {
  /** An L7 rule kept so far. */
  private record Entry(List<PodSet> subjects, List<Port> ports, String where) {}

  /** By direction and port, then by Cilium L7 kind ({@code http} for HTTP and gRPC, {@code kafka}, {@code dns}). */
  private static final String OTHER = "/other";

  private final Map<String, Map<String, List<Entry>>> byPort = new HashMap<>();

  /**
   * Records an L7 rule, or names the earlier rule of another kind it would conflict with. Only the rules of another
   * kind on the same port are compared, so a program whose ports each carry one kind costs one look-up per rule.
   *
   * @param where the place of the rule, for the report of a later conflict
   * @return the place of the conflicting rule; empty when the rule was recorded
   */
  Optional<String> record(Policy policy, Direction direction, Feature feature, List<Port> ports, String where) {
    String kind = feature == Feature.L7_KAFKA ? "kafka" : feature == Feature.L7_DNS ? "dns" : "http";
    List<PodSet> subjects = PodSet.subject(policy);
    List<String> keys = keys(direction, ports);
    Work work = Work.current();
    for (String key : lookUps(direction, keys)) {
      work.add(Work.Step.INDEX_ENTRIES, 1);
      for (Map.Entry<String, List<Entry>> byKind : byPort.getOrDefault(key, Map.of()).entrySet()) {
        if (byKind.getKey().equals(kind)) {
          continue;
        }
        work.add(Work.Step.INDEX_ENTRIES, byKind.getValue().size());
        for (Entry e : byKind.getValue()) {
          if (PortSets.mayOverlap(Optional.of(e.ports), Optional.of(ports)) && overlap(e.subjects, subjects)) {
            return Optional.of(e.where);
          }
        }
      }
    }
    Entry entry = new Entry(subjects, ports, where);
    for (String key : keys) {
      byPort.computeIfAbsent(key, k -> new HashMap<>()).computeIfAbsent(kind, k -> new ArrayList<>()).add(entry);
    }
    return Optional.empty();
  }

  private static boolean overlap(List<PodSet> a, List<PodSet> b) {
    return a.stream().anyMatch(x -> b.stream().anyMatch(x::mayOverlap));
  }


  /** The keys a rule is kept under: a single port by its number, ranges and named ports under one shared key. */
  private static List<String> keys(Direction direction, List<Port> ports) {
    List<String> out = new ArrayList<>();
    for (Port p : ports) {
      String key = direction + (p instanceof PortRange r && r.isSingle() ? "/" + r.first() : OTHER);
      if (!out.contains(key)) {
        out.add(key);
      }
    }
    return out;
  }

  /**
   * The keys a rule must look under: its own and the shared one; a rule with a range or a named port may meet any
   * port, so it looks under every key of its direction (a look-up that costs the rules of other kinds of the
   * direction, which programs that keep one kind per port rarely have).
   */
  private List<String> lookUps(Direction direction, List<String> keys) {
    String shared = direction + OTHER;
    if (keys.contains(shared)) {
      return byPort.keySet().stream().filter(k -> k.startsWith(direction + "/")).sorted().toList();
    }
    List<String> out = new ArrayList<>(keys);
    out.add(shared);
    return out;
  }
}

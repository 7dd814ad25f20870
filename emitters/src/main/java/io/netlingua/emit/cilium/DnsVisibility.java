package io.netlingua.emit.cilium;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netlingua.emit.internal.Work;
import io.netlingua.emit.lowering.PodSet;
import io.netlingua.emit.lowering.PodSetIndex;
import io.netlingua.model.Action;
import io.netlingua.model.Direction;
import io.netlingua.model.DnsBlock;
import io.netlingua.model.DnsPatterns;
import io.netlingua.model.DnsRule;
import io.netlingua.model.Entity;
import io.netlingua.model.EntityPeer;
import io.netlingua.model.FqdnPeer;
import io.netlingua.model.PodPeer;
import io.netlingua.model.Policy;
import io.netlingua.model.Port;
import io.netlingua.model.PortRange;
import io.netlingua.model.Program;
import io.netlingua.model.Protocol;
import io.netlingua.model.Rule;
import io.netlingua.model.ServiceAccountPeer;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether an {@code fqdn} peer can work on Cilium. {@code toFQDNs} allows the addresses the DNS proxy saw in
 * answers to the pod's queries, so it works only where the pod's DNS traffic passes an egress rule with
 * {@code rules.dns} (language.rst "DNS based"; upstream {@code examples/policies/l3/fqdn/fqdn.yaml}: a rule to
 * kube-dns on port 53 with {@code rules.dns: [{matchPattern: "*"}]}, then the {@code toFQDNs} rule).
 *
 * <p>An allow whose ports are all single port 53 (UDP or TCP), or that has no {@code on} and names pods, and that
 * has no L7 block is a <em>DNS allow</em>:
 * when the program has fqdn peers, the emitter adds {@code rules.dns: [{matchPattern: "*"}]} to every DNS allow,
 * which lets every query through as before (exact) and shows the proxy every name. A {@code dns} block on port 53
 * shows the names it allows. A policy's fqdn peer is kept when, for every entry of its subject, some policy whose
 * subject holds all of that entry's pods (itself included) has a DNS allow, or a {@code dns} block with a pattern
 * that covers the peer's; otherwise it is left out (narrower), reported by the caller. The policies with DNS allows
 * are filed in a {@link PodSetIndex}, so a check compares a subject only with the policies that may share its pods.
 */
final class DnsVisibility {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  /** What the DNS allows of one policy show the proxy. */
  private static final class Shown {
    boolean everyName;
    final List<String> patterns = new ArrayList<>();

    void add(Rule rule) {
      if (isDnsAllow(rule)) {
        everyName = true;
      } else if (rule.l7().filter(DnsBlock.class::isInstance).isPresent() && onPort53(rule)) {
        ((DnsBlock) rule.l7().get()).rules().stream().map(DnsRule::pattern).forEach(patterns::add);
      }
    }

    boolean isEmpty() {
      return !everyName && patterns.isEmpty();
    }

    boolean covers(String pattern) {
      return everyName || patterns.stream().anyMatch(p -> DnsPatterns.covers(p, pattern));
    }
  }

  /**
   * A subject entry of a policy with DNS allows, and what they show.
   *
   * @param pods the pods of the entry
   * @param shown what the policy's DNS allows show the proxy
   */
  private record Provider(PodSet pods, Shown shown) {}

  private final List<Provider> providers = new ArrayList<>();
  private final PodSetIndex index = new PodSetIndex();
  private final boolean anyFqdn;

  /** One pass over the program. */
  DnsVisibility(Program program) {
    boolean fqdn = false;
    for (Policy policy : program.policies()) {
      Shown shown = new Shown();
      if (policy.egress().isPresent()) {
        for (Rule r : policy.egress().get().rules()) {
          if (r.action() == Action.ALLOW) {
            shown.add(r);
            fqdn |= r.peers().stream().anyMatch(FqdnPeer.class::isInstance);
          }
        }
      }
      if (!shown.isEmpty()) {
        for (PodSet entry : PodSet.subject(policy)) {
          index.add(providers.size(), entry);
          providers.add(new Provider(entry, shown));
        }
      }
    }
    anyFqdn = fqdn;
  }

  /** Whether the proxy sees the queries for the peer's names from every pod of the policy. */
  boolean covers(Policy policy, FqdnPeer peer) {
    Work work = Work.current();
    for (PodSet entry : PodSet.subject(policy)) {
      boolean served = false;
      int[] candidates = index.mayOverlap(entry);
      work.add(Work.Step.INDEX_ENTRIES, candidates.length + 1);
      for (int i : candidates) {
        Provider p = providers.get(i);
        if (entry.within(p.pods()) && p.shown().covers(peer.pattern())) {
          served = true;
          break;
        }
      }
      if (!served) {
        return false;
      }
    }
    return true;
  }

  /** Whether the emitter adds {@code rules.dns: [{matchPattern: "*"}]} to an allow: a DNS allow, fqdn peers exist. */
  boolean addsDnsVisibility(Direction direction, Rule rule) {
    return anyFqdn && direction == Direction.EGRESS && isDnsAllow(rule);
  }

  /** {@code rules} showing the proxy every name: {@code {dns: [{matchPattern: "*"}]}}. */
  static ObjectNode everyName() {
    ObjectNode rules = JSON.objectNode();
    rules.putArray("dns").addObject().put("matchPattern", "*");
    return rules;
  }

  /**
   * The FQDN selector of a pattern, written as it is: {@code matchName} without {@code *}, {@code matchPattern}
   * with (the language's {@code *} stays within one label, as {@code matchPattern}'s does before 1.19, where even a
   * leading {@code **.} means one label: TARGETS.md section 2.0).
   */
  static ObjectNode selector(String pattern) {
    ObjectNode s = JSON.objectNode();
    s.put(pattern.indexOf('*') < 0 ? "matchName" : "matchPattern", pattern);
    return s;
  }


  /**
   * An allow without L7 block whose ports are all single port 53, UDP or TCP, or that has no {@code on} and names
   * pods (every port, port 53 with the rest: the emitter adds a rule to those pods on 53/UDP and 53/TCP to carry the
   * DNS rule, since a rule with L7 needs its ports).
   */
  static boolean isDnsAllow(Rule rule) {
    return rule.l7().isEmpty() && (rule.allPorts() ? toPods(rule) : onPort53(rule));
  }

  /**
   * Whether an allow names pods (the DNS servers a cluster runs are pods): the endpoints the emitter writes the
   * extra DNS rule for when the allow has no ports.
   */
  private static boolean toPods(Rule rule) {
    return rule.peers().stream().anyMatch(p -> p instanceof PodPeer || p instanceof ServiceAccountPeer
        || p instanceof EntityPeer e && e.entity() == Entity.CLUSTER);
  }

  private static boolean onPort53(Rule rule) {
    List<Port> ports = rule.ports();
    return !ports.isEmpty() && ports.stream().allMatch(p -> p instanceof PortRange r && r.isSingle()
        && r.first() == 53 && (r.protocol() == Protocol.UDP || r.protocol() == Protocol.TCP));
  }
}

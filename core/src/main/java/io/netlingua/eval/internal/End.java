package io.netlingua.eval.internal;

import io.netlingua.eval.External;
import io.netlingua.eval.IpAddress;
import io.netlingua.eval.Node;
import io.netlingua.eval.Pod;

/**
 * One end of a flow after resolution against the cluster: a bare address that belongs to a pod, node or external
 * is that pod, node or external.
 *
 * @param kind what the end is
 * @param podIndex the pod's index in the cluster ({@code -1} unless a pod)
 * @param pod the pod, or null
 * @param node the node, or null
 * @param external the external address, or null
 * @param ip the address
 * @param outside whether the address is outside the cluster (an external, or an address of no pod, node or
 *     Service), which is what {@code cidr} and {@code world} match (rule 5)
 */
record End(Kind kind, int podIndex, Pod pod, Node node, External external, IpAddress ip, boolean outside) {
  enum Kind {
    POD,
    NODE,
    EXTERNAL,
    ADDRESS
  }

  boolean isPod() {
    return kind == Kind.POD;
  }
}

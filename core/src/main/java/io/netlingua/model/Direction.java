package io.netlingua.model;

/** The direction of a rule block, seen from the governed pod. */
public enum Direction {
  /** Traffic towards the governed pods ({@code ingress { allow from ... }}). */
  INGRESS,
  /** Traffic leaving the governed pods ({@code egress { allow to ... }}). */
  EGRESS;

  /** The language keyword of the block: {@code ingress} or {@code egress}. */
  public String keyword() {
    return this == INGRESS ? "ingress" : "egress";
  }

  /** The keyword that introduces the peers of a rule in this direction: {@code from} or {@code to}. */
  public String peerKeyword() {
    return this == INGRESS ? "from" : "to";
  }
}

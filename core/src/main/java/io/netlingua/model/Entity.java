package io.netlingua.model;

/** The peers that are not chosen by labels or addresses. */
public enum Entity {
  /** Everything outside the cluster. */
  WORLD("world"),
  /** Every pod and every node of the cluster. */
  CLUSTER("cluster"),
  /** Every node of the cluster (host network). */
  NODES("nodes"),
  /** The node that runs the governed pod. */
  HOST("host"),
  /** The Kubernetes API server. */
  KUBE_APISERVER("kube-apiserver"),
  /** Everything: {@code cluster} and {@code world}. */
  ANY("any");

  private final String keyword;

  Entity(String keyword) {
    this.keyword = keyword;
  }

  /** The language keyword. */
  public String keyword() {
    return keyword;
  }
}

package io.netlingua.model;

/** What a rule does with the flows it matches. A matching deny beats every allow of every policy. */
public enum Action {
  ALLOW,
  DENY;

  /** The language keyword: {@code allow} or {@code deny}. */
  public String keyword() {
    return this == ALLOW ? "allow" : "deny";
  }
}

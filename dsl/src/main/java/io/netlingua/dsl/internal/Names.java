package io.netlingua.dsl.internal;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;

/** The rules for policy and let names, the reserved words, and "did you mean" suggestions. */
final class Names {
  private static final int MAX_NAME = 63;

  /** The reserved words of LANGUAGE.md: never the name of a let. */
  static final Set<String> RESERVED = Set.of(
      "namespace", "namespaces", "import", "let", "policy", "cluster", "in", "select", "description", "ingress",
      "egress", "log", "allow", "deny", "from", "to", "on", "pods", "any", "serviceaccount", "service", "cidr",
      "except", "fqdn", "world", "nodes", "host", "kube-apiserver", "tcp", "udp", "sctp", "icmp", "icmpv6", "type",
      "code", "http", "grpc", "kafka", "dns", "path", "prefix", "regex", "header", "produce", "consume", "topic",
      "client", "notin");

  private Names() {}

  /** Why a policy or let name is invalid, or empty when it is valid. */
  static Optional<String> problem(String name) {
    if (name.length() > MAX_NAME) {
      return Optional.of("'" + shorten(name) + "' is longer than " + MAX_NAME + " characters");
    }
    if (!isName(name)) {
      return Optional.of("'" + shorten(name) + "' is not a valid name: lower-case letters, digits and '-', "
          + "starting with a letter and not ending with '-'");
    }
    return Optional.empty();
  }

  /**
   * {@code [a-z]([-a-z0-9]*[a-z0-9])?}, checked by hand: every policy and let name passes here, and a matcher per
   * name costs more than the rest of its checks.
   */
  private static boolean isName(String name) {
    int last = name.length() - 1;
    if (last < 0 || !lowerLetter(name.charAt(0)) || name.charAt(last) == '-') {
      return false;
    }
    for (int i = 1; i <= last; i++) {
      char c = name.charAt(i);
      if (!lowerLetter(c) && !(c >= '0' && c <= '9') && c != '-') {
        return false;
      }
    }
    return true;
  }

  private static boolean lowerLetter(char c) {
    return c >= 'a' && c <= 'z';
  }

  /** The closest candidate within a small edit distance, if any. */
  static Optional<String> closest(String name, Collection<String> candidates) {
    String best = null;
    int bestDistance = Math.max(1, Math.min(3, name.length() / 3)) + 1;
    for (String c : candidates) {
      if (Math.abs(c.length() - name.length()) >= bestDistance) {
        continue;
      }
      int d = distance(name, c, bestDistance);
      if (d < bestDistance) {
        best = c;
        bestDistance = d;
      }
    }
    return Optional.ofNullable(best);
  }

  /**
   * Edit distance counting a swap of two neighbouring characters as one edit (optimal string alignment:
   * {@code wbe} is one edit from {@code web}, the commonest typo), giving up (returning {@code limit}) once
   * every path is at least {@code limit}. A swap reaches row i from row i-2, so the search stops only when
   * both the last row and the one before it (plus the swap's cost) have reached the limit.
   */
  private static int distance(String a, String b, int limit) {
    int[] twoBack = new int[b.length() + 1];
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    int previousMin = 0;
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      int rowMin = current[0];
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        int d = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d = Math.min(d, twoBack[j - 2] + 1);
        }
        current[j] = d;
        rowMin = Math.min(rowMin, d);
      }
      if (rowMin >= limit && previousMin + 1 >= limit) {
        return limit;
      }
      previousMin = rowMin;
      int[] oldest = twoBack;
      twoBack = previous;
      previous = current;
      current = oldest;
    }
    return Math.min(previous[b.length()], limit);
  }

  /** A name cut to a length fit for a message. */
  static String shorten(String name) {
    return name.length() > 70 ? name.substring(0, 67) + "..." : name;
  }
}

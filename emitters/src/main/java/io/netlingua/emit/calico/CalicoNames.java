package io.netlingua.emit.calico;

import io.netlingua.model.Policy;
import io.netlingua.targets.Versions;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The names of the Calico objects of a policy. A GlobalNetworkPolicy is cluster-scoped, so a namespaced policy's
 * name carries its namespace: {@code NS-NAME} (a cluster policy keeps its {@code NAME}). A name depends only on the
 * policy's own namespace and name, never on the other policies of the program: adding a policy never renames
 * another, since a rename is a delete and a create, and between the two the old object's denies are gone.
 *
 * <p>Calico takes names of the form {@code ^([a-z0-9]([-a-z0-9]*[a-z0-9])?\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?$}
 * (projectcalico/calico {@code api/pkg/apis/projectcalico/v3/globalnetworkpolicy.go} at v3.32.1); Netlingua writes
 * a DNS-1123 label of at most 63 characters, with one dot only for the tier prefix below. When {@code NS-NAME} and
 * the longest suffix would pass 63 characters, the name is cut and ends in ten hex digits of the SHA-256 of the
 * namespace and name, so that it is still the policy's own. Two policies can still meet on one name ({@code a-b/c}
 * and {@code a/b-c}): the pipeline reports it ({@code NL4002}) rather than renaming one silently.
 *
 * <p>Up to 3.31 a policy in a tier other than {@code default} must be named {@code TIER.NAME}
 * ({@code ValidateTieredPolicyName}, {@code libcalico-go/lib/names/policy.go} at v3.31.0); 3.32 dropped the rule
 * (release notes v3.32.0, projectcalico/calico#11232), so no prefix is written there.
 */
final class CalicoNames {
  /** A DNS-1123 label. */
  static final int LABEL_MAX = 63;

  /** The suffix of the object that holds a policy's deny rules. */
  static final String DENY_SUFFIX = "-deny";

  /**
   * The room kept for suffixes: {@code -deny} and the number of a subject part ({@code -2} up to {@code -99}), so
   * that the suffixes never push a name past 63 characters.
   */
  static final int SUFFIX_ROOM = DENY_SUFFIX.length() + 3;

  /** Hex digits of the hash in a name that was cut. */
  static final int HASH_DIGITS = 10;

  private CalicoNames() {}

  /** The name every object of the policy starts with, before any suffix and tier prefix. */
  static String base(Policy policy) {
    String plain = policy.namespace().map(ns -> ns + "-").orElse("") + policy.name();
    if (plain.length() + SUFFIX_ROOM <= LABEL_MAX) {
      return plain;
    }
    String head = plain.substring(0, LABEL_MAX - SUFFIX_ROOM - HASH_DIGITS - 1);
    // A label ends in a letter or digit: the cut must not leave a trailing '-' before the hash's own.
    head = head.replaceAll("-+$", "");
    return head + "-" + hash(policy.namespace().orElse("") + "/" + policy.name());
  }

  /**
   * The name of one object: the base, the suffix, and on 3.31 or older, in a tier other than the default one, the
   * tier's prefix.
   *
   * @param base {@link #base}
   * @param suffix empty, or a fixed suffix such as {@link #DENY_SUFFIX}
   * @param tier the tier the object goes into
   * @param version the Calico version of the run
   */
  static String object(String base, String suffix, String tier, String version) {
    String name = base + suffix;
    return needsTierPrefix(tier, version) ? tier + "." + name : name;
  }

  /** Whether policy names carry their tier: on 3.31 or older, outside the default tier. */
  static boolean needsTierPrefix(String tier, String version) {
    return !tier.equals("default") && !Versions.atLeast(version, "3.32");
  }

  private static String hash(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, HASH_DIGITS);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}

package io.netlingua.eval;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * An address outside the cluster, with the DNS name it is known by.
 *
 * @param name the name flows use for it ({@code ext:NAME})
 * @param ip its address
 * @param fqdn its DNS name (lower case, without a trailing dot), which {@code fqdn} peers match
 * @param kubeApiserver whether the Kubernetes API server listens on this address
 */
public record External(String name, IpAddress ip, Optional<String> fqdn, boolean kubeApiserver) {
  /** Normalises the DNS name. */
  public External {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(ip, "ip");
    fqdn = Objects.requireNonNull(fqdn, "fqdn").map(External::normalise);
  }

  /** Lower case, without a trailing dot. */
  static String normalise(String dnsName) {
    String lower = dnsName.toLowerCase(Locale.ROOT);
    return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
  }
}

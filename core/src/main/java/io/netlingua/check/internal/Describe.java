package io.netlingua.check.internal;

import io.netlingua.model.AllPorts;
import io.netlingua.model.CidrPeer;
import io.netlingua.model.EntityPeer;
import io.netlingua.model.FqdnPeer;
import io.netlingua.model.IcmpPort;
import io.netlingua.model.NamedPort;
import io.netlingua.model.NamespaceScope;
import io.netlingua.model.Peer;
import io.netlingua.model.PodPeer;
import io.netlingua.model.Port;
import io.netlingua.model.PortRange;
import io.netlingua.model.ServiceAccountPeer;
import io.netlingua.model.ServicePeer;

/** Short texts naming a peer or a port in messages, as the language writes them (selectors left out). */
final class Describe {
  /** Values quoted in messages are cut here, so that a 64 KiB token does not flood a build log. */
  private static final int QUOTE_MAX = 64;

  private Describe() {}

  /** {@code 'value'}, shortened with {@code ...} when long. */
  static String quote(String value) {
    return "'" + shorten(value) + "'";
  }

  /** The value, cut after 64 characters with {@code ...}. */
  static String shorten(String value) {
    return value.length() > QUOTE_MAX ? value.substring(0, QUOTE_MAX) + "..." : value;
  }

  static String peer(Peer peer) {
    return peer.accept(
        new Peer.Visitor<String>() {
          @Override
          public String pods(PodPeer p) {
            String pods = p.pods().selectsAll() ? "pods" : "pods(...)";
            NamespaceScope ns = p.namespaces();
            if (ns instanceof NamespaceScope.Named named) {
              return pods + " in namespace " + quote(named.name());
            }
            if (ns instanceof NamespaceScope.Selected) {
              return pods + " in namespaces(...)";
            }
            return ns instanceof NamespaceScope.AnyNamespace ? pods + " in any namespace" : pods;
          }

          @Override
          public String serviceAccount(ServiceAccountPeer p) {
            return "serviceaccount " + quote(p.name());
          }

          @Override
          public String service(ServicePeer p) {
            return "service " + quote(p.name());
          }

          @Override
          public String cidr(CidrPeer p) {
            return "cidr " + p.cidr();
          }

          @Override
          public String fqdn(FqdnPeer p) {
            return "fqdn " + quote(p.pattern());
          }

          @Override
          public String entity(EntityPeer p) {
            return p.entity().keyword();
          }
        });
  }

  static String port(Port port) {
    return port.accept(
        new Port.Visitor<String>() {
          @Override
          public String range(PortRange p) {
            String k = p.protocol().keyword() + "/" + p.first();
            return p.isSingle() ? k : k + "-" + p.last();
          }

          @Override
          public String named(NamedPort p) {
            return p.protocol().keyword() + "/" + p.name();
          }

          @Override
          public String all(AllPorts p) {
            return p.protocol().keyword();
          }

          @Override
          public String icmp(IcmpPort p) {
            return p.keyword()
                + p.type().map(t -> " type " + t).orElse("")
                + p.code().map(c -> " code " + c).orElse("");
          }
        });
  }
}

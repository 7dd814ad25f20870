package io.netlingua.emit.kubernetes;

import static io.netlingua.emit.kubernetes.Fixtures.compile;
import static io.netlingua.emit.kubernetes.Fixtures.found;
import static org.assertj.core.api.Assertions.assertThat;

import io.netlingua.diagnostics.Code;
import io.netlingua.diagnostics.Diagnostic;
import io.netlingua.emit.Compilation;
import io.netlingua.targets.Options;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * NL3905: the Kubernetes report states once, at the first place, each corner of NetworkPolicy its objects rely on and
 * that Cilium or Calico read otherwise (docs/targets.md, "NetworkPolicy on Cilium" and "NetworkPolicy on Calico",
 * where each corner's upstream source and its test of the reading are), and says nothing where no object relies on
 * one.
 */
class CniReadingsTest {

  /** Every corner at once: egress isolation, an ipBlock, a negative-only namespace selector, an egress named port. */
  @Test
  void eachCornerIsStatedOnceAtTheFirstPlaceThatReliesOnIt() {
    Compilation c = compile("""
        namespace shop
        policy web {
          select pods(app=web)
          egress {
            allow to cidr 198.51.100.0/24 on tcp/443
            allow to cidr 203.0.113.0/24 on tcp/443
            allow to pods(app=cache) on tcp/redis
            allow to pods(app=db) on tcp/postgres
            allow to pods in namespaces(env != prod) on tcp/8080
          }
        }
        policy api {
          select pods(app=api)
          egress { allow to pods(app=db) on tcp/5432 }
        }
        """, Options.defaults());
    assertThat(found(c, Code.CNI_READING)).containsExactly(
        "2:8 info NL3905", "5:5 info NL3905", "7:5 info NL3905", "9:5 info NL3905");
    assertThat(messages(c)).satisfiesExactly(
        m -> assertThat(m).contains("Cilium and Calico police a pod's egress to its own node"),
        m -> assertThat(m).contains("Cilium never matches a pod's or a node's address with an ipBlock"),
        m -> assertThat(m).contains("resolves a named port of an egress rule on one map"),
        m -> assertThat(m).contains("namespaceSelector of negative terms only"));
  }

  /** Nothing relies on a corner: ingress only, a named port on ingress, a namespace selector with a positive term. */
  @Test
  void ingressRulesOfNoCornerStateNothing() {
    Compilation c = compile("""
        namespace shop
        policy web {
          select pods(app=web)
          ingress {
            allow from pods(app=frontend) on tcp/http
            allow from pods in namespaces(team = web, env != prod) on tcp/8080
          }
        }
        """, Options.defaults());
    assertThat(found(c, Code.CNI_READING)).isEmpty();
  }

  /** With the pod and node CIDRs stated, the emitter cuts them out of every block: no block holds an endpoint. */
  @Test
  void anIpBlockIsNotStatedWhenThePodAndNodeCidrsAreCutOut() {
    String program = """
        namespace shop
        policy web {
          select pods(app=web)
          ingress {
            allow from cidr 10.0.0.0/8 on tcp/443
          }
        }
        """;
    assertThat(found(compile(program, Options.defaults()), Code.CNI_READING)).containsExactly("5:5 info NL3905");
    Options cut = Options.defaults().podCidrs("10.244.0.0/16").nodeCidrs("10.0.0.0/24");
    assertThat(found(compile(program, cut), Code.CNI_READING)).isEmpty();
  }

  private static List<String> messages(Compilation c) {
    return c.diagnostics().stream().filter(d -> d.code() == Code.CNI_READING).map(Diagnostic::message).toList();
  }
}

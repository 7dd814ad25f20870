package io.netlingua.emit.kubernetes;

import static io.netlingua.emit.kubernetes.Fixtures.compile;
import static io.netlingua.emit.kubernetes.Fixtures.found;
import static io.netlingua.emit.kubernetes.Fixtures.objects;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.netlingua.diagnostics.Code;
import io.netlingua.emit.Compilation;
import io.netlingua.targets.Options;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Cluster policies: a NetworkPolicy is namespaced, its podSelector "selects pods in the policy's own
 * namespace" (NetworkPolicySpec.podSelector), and "There is no cluster-wide default policy" ("What you can't
 * do with network policies", kubernetes.io/docs/concepts/services-networking/network-policies/). A cluster
 * policy is expanded into the namespaces the run names, or impossible.
 */
class ClusterPolicyTest {
  private static final String BASELINE = """
      cluster policy baseline {
        select pods
        egress { allow to kube-dns on udp/53 }
      }
      """;

  @Test
  void withoutNamespacesAClusterPolicyIsImpossible() {
    Compilation c = compile(BASELINE, Options.defaults());
    assertThat(found(c, Code.CLUSTER_SCOPE)).containsExactly("1:16 error NL3002 impossible");
    assertThat(c.documents()).isEmpty();
  }

  /** With namespaces: one object in each, and the report states the expansion once (NL3903). */
  @Test
  void withNamespacesItIsExpandedIntoEach() {
    Options o = Options.defaults().namespaces("shop", "shop-data");
    Compilation c = compile(BASELINE, o);
    assertThat(c.hasErrors()).isFalse();
    assertThat(found(c, Code.CLUSTER_FACT)).containsExactly("1:16 info NL3903");
    List<NetworkPolicy> nps = objects(BASELINE, o);
    assertThat(nps).extracting(n -> n.getMetadata().getNamespace() + "/" + n.getMetadata().getName())
        .containsExactly("shop/baseline", "shop-data/baseline");
    assertThat(nps.get(0).getSpec()).isEqualTo(nps.get(1).getSpec());
  }

  /** A subject entry in namespace X governs pods of X only: its object goes to X alone. */
  @Test
  void anEntryInANamedNamespaceGoesThereOnly() {
    String program = """
        cluster policy ingress {
          select pods(app=nginx) in namespace ingress, pods(app=probe)
          ingress { }
        }
        """;
    List<NetworkPolicy> nps = objects(program, Options.defaults().namespaces("a"));
    assertThat(nps).extracting(n -> n.getMetadata().getNamespace() + "/" + n.getMetadata().getName())
        .containsExactly("a/ingress-2", "ingress/ingress-1");
  }

  /** A subject in namespaces chosen by label cannot be placed in named namespaces: impossible. */
  @Test
  void aSubjectOfNamespacesByLabelIsImpossible() {
    Compilation c = compile("""
        cluster policy p {
          select pods in namespaces(team=a)
          ingress { }
        }
        """, Options.defaults().namespaces("a"));
    assertThat(found(c, Code.CLUSTER_SCOPE)).containsExactly("2:10 error NL3002 impossible");
  }

  /** A subject written as a let is reported at each select that uses it, so the reader sees which policy. */
  @Test
  void aSubjectLetIsReportedWhereItIsUsed() {
    Compilation c = compile("""
        let enforced = pods in namespaces(team=a)
        cluster policy p {
          select enforced
          ingress { }
        }
        cluster policy q {
          select enforced
          egress { }
        }
        """, Options.defaults().namespaces("a"));
    assertThat(found(c, Code.CLUSTER_SCOPE))
        .containsExactly("3:10 error NL3002 impossible", "7:10 error NL3002 impossible");
  }
}

package io.netlingua.emit.kubernetes;

import static io.netlingua.emit.kubernetes.Fixtures.compile;
import static io.netlingua.emit.kubernetes.Fixtures.found;
import static io.netlingua.emit.kubernetes.Fixtures.named;
import static io.netlingua.emit.kubernetes.Fixtures.objects;
import static io.netlingua.emit.kubernetes.Fixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.netlingua.diagnostics.Code;
import io.netlingua.emit.Compilation;
import io.netlingua.targets.Options;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The object around the rules: metadata, {@code policyTypes}, the subject. Kubernetes documentation:
 * kubernetes.io/docs/concepts/services-networking/network-policies/ (the NetworkPolicy resource, "Isolated
 * and non-isolated pods", "Default policies") and the networking.k8s.io/v1 API reference (NetworkPolicySpec).
 */
class MetadataAndSubjectTest {

  /** Name, namespace, the managed-by label and the source and description annotations. */
  @Test
  void metadataNamesThePolicyAndItsSource() {
    NetworkPolicy np = objects("""
        namespace shop
        policy web {
          description "the web tier"
          select pods(app=web)
          ingress { }
        }
        """, Options.defaults()).get(0);
    assertThat(np.getApiVersion()).isEqualTo("networking.k8s.io/v1");
    assertThat(np.getKind()).isEqualTo("NetworkPolicy");
    assertThat(np.getMetadata().getName()).isEqualTo("web");
    assertThat(np.getMetadata().getNamespace()).isEqualTo("shop");
    assertThat(np.getMetadata().getLabels()).isEqualTo(Map.of("app.kubernetes.io/managed-by", "netlingua"));
    assertThat(np.getMetadata().getAnnotations()).containsExactly(
        Map.entry("netlingua.io/description", "the web tier"), Map.entry("netlingua.io/source", "test.npl:2"));
  }

  @Test
  void noDescriptionNoDescriptionAnnotation() {
    NetworkPolicy np = objects("namespace shop\npolicy web {\n select pods\n egress { }\n}\n", Options.defaults())
        .get(0);
    assertThat(np.getMetadata().getAnnotations()).containsOnlyKeys("netlingua.io/source");
  }

  /**
   * An empty block isolates: policyTypes lists it and there is no rule ("If this field is empty then this
   * NetworkPolicy does not allow any traffic", NetworkPolicySpec.ingress; "Default deny all ingress
   * traffic").
   */
  @Test
  void anEmptyBlockIsolatesWithPolicyTypesAndNoRule() {
    NetworkPolicy np = objects("namespace shop\npolicy deny-all {\n select pods\n ingress { }\n egress { }\n}\n",
        Options.defaults()).get(0);
    assertThat(spec(np)).isEqualTo("""
        podSelector: {}
        policyTypes:
        - Ingress
        - Egress
        """);
  }

  /**
   * policyTypes lists exactly the blocks present: an egress-only policy says [Egress], or Kubernetes would
   * default Ingress in and isolate ingress too (NetworkPolicySpec.policyTypes).
   */
  @Test
  void policyTypesListsExactlyTheBlocksPresent() {
    NetworkPolicy np = objects("""
        namespace shop
        policy out {
          select pods(app=web)
          egress { allow to pods(app=api) }
        }
        """, Options.defaults()).get(0);
    assertThat(np.getSpec().getPolicyTypes()).containsExactly("Egress");
    assertThat(np.getSpec().getIngress()).isEmpty();
  }

  /**
   * A subject of several entries is a union, which one podSelector cannot say: one object per entry, since
   * the allows of several policies add up and each isolates its own pods ("Isolated and non-isolated pods").
   */
  @Test
  void aSubjectOfSeveralEntriesGivesOneObjectPerEntry() {
    List<NetworkPolicy> nps = objects("""
        namespace shop
        let apis = pods(app=orders), pods(app=payments)
        policy apis {
          select apis
          ingress { allow from pods(app=web) on tcp/8080 }
        }
        """, Options.defaults());
    assertThat(nps).extracting(n -> n.getMetadata().getName()).containsExactly("apis-1", "apis-2");
    assertThat(named(nps, "apis-1").getSpec().getPodSelector().getMatchLabels())
        .isEqualTo(Map.of("app", "orders"));
    assertThat(named(nps, "apis-2").getSpec().getPodSelector().getMatchLabels())
        .isEqualTo(Map.of("app", "payments"));
    assertThat(named(nps, "apis-2").getSpec().getIngress())
        .isEqualTo(named(nps, "apis-1").getSpec().getIngress());
  }

  /**
   * Selectors: = goes to matchLabels (sorted), the rest to matchExpressions; != is NotIn with one value,
   * since both match objects without the label (Kubernetes documentation, "Labels and Selectors").
   */
  @Test
  void selectorsUseMatchLabelsAndMatchExpressions() {
    NetworkPolicy np = objects("""
        namespace shop
        policy p {
          select pods(tier=api, app=web, env!=prod, zone in (b, a), team notin (x), canary, !legacy)
          ingress { }
        }
        """, Options.defaults()).get(0);
    assertThat(spec(np)).isEqualTo("""
        podSelector:
          matchExpressions:
          - key: env
            operator: NotIn
            values:
            - prod
          - key: zone
            operator: In
            values:
            - a
            - b
          - key: team
            operator: NotIn
            values:
            - x
          - key: canary
            operator: Exists
          - key: legacy
            operator: DoesNotExist
          matchLabels:
            app: web
            tier: api
        policyTypes:
        - Ingress
        """);
  }

  /** Two objects of one namespace and name cannot both be applied: NL4002, an error. */
  @Test
  void twoObjectsOfOneNameAreAnError() {
    Compilation c = compile("""
        namespace shop
        let apis = pods(app=orders), pods(app=payments)
        policy apis {
          select apis
          ingress { }
        }
        policy apis-1 {
          select pods
          ingress { }
        }
        """, Options.defaults());
    assertThat(found(c, Code.DUPLICATE_OBJECT)).containsExactly("7:8 error NL4002");
    assertThat(c.documents()).isEmpty();
  }

  /** The node-local rule is stated once per run, at the first policy ("What you can't do with ..."). */
  @Test
  void theNodeLocalRuleIsStatedOnce() {
    Compilation c = compile("""
        namespace shop
        policy a {
          select pods
          ingress { }
        }
        policy b {
          select pods
          egress { }
        }
        """, Options.defaults());
    assertThat(found(c, Code.NODE_LOCAL_TRAFFIC)).containsExactly("2:8 info NL3901");
  }
}

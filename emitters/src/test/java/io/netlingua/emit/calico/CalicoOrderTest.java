package io.netlingua.emit.calico;

import static io.netlingua.emit.calico.CalicoFixtures.compile;
import static io.netlingua.emit.calico.CalicoFixtures.document;
import static io.netlingua.emit.calico.CalicoFixtures.field;
import static io.netlingua.emit.calico.CalicoFixtures.found;
import static io.netlingua.emit.calico.CalicoFixtures.messages;
import static io.netlingua.emit.calico.CalicoFixtures.names;
import static io.netlingua.emit.calico.CalicoFixtures.trees;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netlingua.diagnostics.Code;
import io.netlingua.diagnostics.Diagnostic;
import io.netlingua.dsl.NplParser;
import io.netlingua.dsl.ParseResult;
import io.netlingua.emit.Compilation;
import io.netlingua.emit.Emitters;
import io.netlingua.targets.Options;
import io.netlingua.targets.Target;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deny wins on Calico only through order: the first Allow or Deny a packet meets ends evaluation, tier by tier,
 * policy by policy in {@code order} (then name), rule by rule (https://docs.tigera.io/calico/latest/reference/
 * resources/tier, "How Policy Is Evaluated"; tigera/docs version-3.32 {@code reference/resources/tier.mdx}). So every
 * policy's deny rules go into an object of their own, {@code NAME-deny}, at {@code deny-order} (default 100), before
 * every allow object at {@code allow-order} (default 200), and in the default tier before order 1000, where Calico
 * puts Kubernetes NetworkPolicies (projectcalico/calico {@code libcalico-go/lib/backend/k8s/conversion/
 * conversion.go} at v3.32.1, {@code K8sNetworkPolicyToCalico}: "order := float64(1000.0)").
 */
class CalicoOrderTest {
  /** A policy allowing 203.0.113.0/24 to app=api pods on tcp/443 (its name a parameter). */
  static final String ALLOW = """
      policy %s in namespace shop {
        select pods(app=api)
        ingress {
          allow from cidr 203.0.113.0/24 on tcp/443
        }
      }
      """;
  /** A policy denying 203.0.113.128/25 to tier=web pods (its name a parameter). */
  static final String DENY = """
      policy %s in namespace shop {
        select pods(tier=web)
        ingress {
          deny from cidr 203.0.113.128/25
        }
      }
      """;

  /**
   * A policy's deny rules are in {@code NAME-deny} at deny-order, its allows in {@code NAME} at allow-order; the deny
   * object lists only the directions that have denies, the allow object every block, so the policy's isolation does
   * not depend on its denies (a tier that selected the endpoint and decided nothing drops: tier.mdx).
   */
  @Test
  void denyRulesGoIntoNameDenyAtDenyOrder() {
    Compilation c = compile("""
        namespace shop
        policy p {
          select pods(app=api)
          ingress {
            allow from world on tcp/443
            deny from cidr 203.0.113.0/24
          }
          egress {
            allow to pods(app=db) on tcp/5432
          }
        }
        """, CalicoFixtures.open());
    assertThat(names(c)).containsExactly("shop-p", "shop-p-deny");
    JsonNode allow = document(c, "shop-p").get("spec");
    JsonNode deny = document(c, "shop-p-deny").get("spec");
    assertThat(allow.get("order").asInt()).isEqualTo(200);
    assertThat(deny.get("order").asInt()).isEqualTo(100);
    assertThat(field(c, "shop-p", "types")).isEqualTo("types:\n- Ingress\n- Egress\n");
    assertThat(field(c, "shop-p-deny", "types")).isEqualTo("types:\n- Ingress\n");
    assertThat(allow.get("ingress")).extracting(r -> r.get("action").asText()).containsOnly("Allow");
    assertThat(field(c, "shop-p-deny", "ingress")).isEqualTo("""
        ingress:
        - action: Deny
          ipVersion: 4
          source:
            nets:
            - 203.0.113.0/24
        """);
    assertThat(deny.get("selector")).isEqualTo(allow.get("selector"));
    assertThat(deny.get("namespaceSelector")).isEqualTo(allow.get("namespaceSelector"));
    assertThat(deny.has("egress")).isFalse();
  }

  /**
   * A policy of denies only still has its allow object, which isolates (types, no rule): a tier that selected the
   * endpoint and decided nothing drops the flow (tier.mdx; the default tier's {@code defaultAction: Deny} in {@code
   * api/pkg/apis/projectcalico/v3/tier.go}), as the language's empty block does (SEMANTICS.md rule 1).
   */
  @Test
  void aPolicyOfDeniesOnlyKeepsItsAllowObject() {
    Compilation c = compile(CalicoFixtures.policy("egress", "    deny to cidr 203.0.113.0/24"), Options.defaults());
    assertThat(names(c)).containsExactly("shop-p", "shop-p-deny");
    assertThat(document(c, "shop-p").get("spec").has("egress")).isFalse();
    assertThat(field(c, "shop-p", "types")).isEqualTo("types:\n- Egress\n");
  }

  /**
   * The orders are the options' values, written as numbers (an integer stays one): {@code order} is a float64 in
   * {@code api/pkg/apis/projectcalico/v3/globalnetworkpolicy.go}.
   */
  @Test
  void theOrdersAreTheOptionsValues() {
    Compilation c = compile(CalicoFixtures.policy("ingress", "    allow from world\n    deny from cidr 203.0.113.0/24"),
        CalicoFixtures.open().targetOption("deny-order", "10").targetOption("allow-order", "20.5"));
    assertThat(document(c, "shop-p-deny").get("spec").get("order").isIntegralNumber()).isTrue();
    assertThat(document(c, "shop-p-deny").get("spec").get("order").asInt()).isEqualTo(10);
    assertThat(document(c, "shop-p").get("spec").get("order").asDouble()).isEqualTo(20.5);
  }

  /**
   * Two overlapping policies, an allow and a deny governing the same pods ({@code app=api} and {@code tier=web} may
   * both hold), written in every name order and file order: every deny object's order is below every allow object's
   * and below 1000, so the deny is met first whatever Calico's tie-break by name would do.
   */
  @Test
  void everyDenyObjectComesBeforeEveryAllowObject(@TempDir Path dir) throws IOException {
    for (String[] names : new String[][] {{"a", "z"}, {"z", "a"}}) {
      Path allow = Files.writeString(dir.resolve("allow-" + names[0] + ".npl"), ALLOW.formatted(names[0]));
      Path deny = Files.writeString(dir.resolve("deny-" + names[1] + ".npl"), DENY.formatted(names[1]));
      for (List<Path> files : List.of(List.of(allow, deny), List.of(deny, allow))) {
        ParseResult parsed = NplParser.create().parse(files);
        assertThat(parsed.diagnostics()).filteredOn(Diagnostic::isError).isEmpty();
        Compilation c = Emitters.compile(parsed.program(), Target.CALICO, Options.defaults());
        assertThat(c.diagnostics()).filteredOn(Diagnostic::isError).isEmpty();
        List<ObjectNode> trees = trees(c);
        List<Double> denies = orders(trees, true);
        List<Double> allows = orders(trees, false);
        assertThat(denies).as("%s", files).hasSize(1);
        assertThat(allows).as("%s", files).hasSize(2);
        for (double d : denies) {
          assertThat(d).isLessThan(1000);
          assertThat(allows).allSatisfy(a -> assertThat(d).isLessThan(a));
        }
      }
      Files.delete(allow);
      Files.delete(deny);
    }
  }

  /** The orders of the objects holding a Deny rule ({@code denies}) or not. */
  private static List<Double> orders(List<ObjectNode> trees, boolean denies) {
    return trees.stream()
        .filter(t -> hasDeny(t.get("spec")) == denies)
        .map(t -> t.get("spec").get("order").asDouble())
        .toList();
  }

  private static boolean hasDeny(JsonNode spec) {
    for (String direction : List.of("ingress", "egress")) {
      for (JsonNode r : spec.path(direction)) {
        if (r.get("action").asText().equals("Deny")) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * The report states once how deny wins and what still precedes it: an Accept in the admin tier Calico creates for
   * ClusterNetworkPolicy ({@code kube-admin} in 3.32, {@code adminnetworkpolicy} before: {@code
   * api/pkg/apis/projectcalico/v3/tier.go} at v3.32.1 and v3.31.0, order 1,000).
   */
  @Test
  void theReportStatesHowDenyWinsOnce() {
    String program = CalicoFixtures.policy("ingress",
        "    allow from world\n    deny from cidr 203.0.113.0/24\n    deny from cidr 198.51.100.0/24");
    Compilation c = compile(program, CalicoFixtures.open());
    assertThat(found(c, Code.PLATFORM_SETTING)).containsExactly("6:5 info NL3904");
    assertThat(messages(c, Code.PLATFORM_SETTING)).singleElement().asString()
        .contains("deny-order 100", "allow-order 200", "order 1000", "kube-admin");
    assertThat(messages(compile(program, CalicoFixtures.open().targetVersion("3.31")), Code.PLATFORM_SETTING))
        .singleElement().asString().contains("adminnetworkpolicy");
  }

  /**
   * The option checks that keep deny winning are usage errors, raised before anything is compiled ({@code
   * core/.../targets/Target.java} {@code checkCalicoOrders}): deny-order at or above allow-order, and an allow-order of
   * 1000 or more in the default tier (after the Kubernetes NetworkPolicies).
   */
  @Test
  void ordersThatWouldLetAnAllowWinAreUsageErrors() {
    String program = CalicoFixtures.policy("ingress", "    allow from world");
    assertThatThrownBy(() -> compile(program, Options.defaults().targetOption("deny-order", "200")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'deny-order' (200) must be below");
    assertThatThrownBy(() -> compile(program,
        Options.defaults().targetOption("deny-order", "300").targetOption("allow-order", "250")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("deny-order");
    assertThatThrownBy(() -> compile(program, Options.defaults().targetOption("allow-order", "1000")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be below 1000 in the default tier");
    Compilation below = compile(program, CalicoFixtures.open().targetOption("allow-order", "999.5"));
    assertThat(document(below, "shop-p").get("spec").get("order").asDouble()).isEqualTo(999.5);
    Compilation tier = compile(program, CalicoFixtures.open().targetOption("tier", "platform")
        .targetOption("allow-order", "5000"));
    assertThat(document(tier, "shop-p").get("spec").get("order").asInt())
        .as("a tier of its own holds no Kubernetes NetworkPolicy").isEqualTo(5000);
  }
}

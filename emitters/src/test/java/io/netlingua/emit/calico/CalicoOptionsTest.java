package io.netlingua.emit.calico;

import static io.netlingua.emit.calico.CalicoFixtures.compile;
import static io.netlingua.emit.calico.CalicoFixtures.found;
import static io.netlingua.emit.calico.CalicoFixtures.names;
import static io.netlingua.emit.calico.CalicoFixtures.open;
import static io.netlingua.emit.calico.CalicoFixtures.policy;
import static io.netlingua.emit.calico.CalicoFixtures.trees;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netlingua.diagnostics.Code;
import io.netlingua.diagnostics.Diagnostic;
import io.netlingua.emit.Compilation;
import io.netlingua.emit.EmittedDocument;
import io.netlingua.targets.Options;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Calico target options ({@code core/src/main/java/io/netlingua/targets/Target.java}: tier, tier-order,
 * deny-order, allow-order, alp, staged) and versions (3.29 to 3.32), and the pipeline's schema validation of every
 * document ({@code schemas/.../netlingua-globalnetworkpolicy.schema.json}, {@code netlingua-tier.schema.json},
 * {@code netlingua-stagedglobalnetworkpolicy.schema.json}: a compile without NL4001 shows every document validated).
 */
class CalicoOptionsTest {
  private static final String PROGRAM = policy("ingress", "    allow from world\n    deny from cidr 203.0.113.0/24");

  private static Options tier(String version) {
    return open().targetVersion(version).targetOption("tier", "platform");
  }

  /**
   * With {@code tier=platform}, the output starts with that Tier ("a tier must exist before its policies": {@code
   * api/pkg/apis/projectcalico/v3/tier.go} at v3.32.1; TARGETS.md section 3.0), at tier-order (default 100000,
   * between the admin tier's 1000 and the default tier's 1000000) with {@code defaultAction: Deny} (a flow the tier's
   * policies select and do not decide is dropped, the language's isolation: https://docs.tigera.io/calico/latest/
   * reference/resources/tier), and every policy carries {@code tier: platform}.
   */
  @Test
  void aTierOfItsOwnIsWrittenFirstAndEveryPolicyIsInIt() {
    Compilation c = compile(PROGRAM, tier("3.32"));
    List<ObjectNode> trees = trees(c);
    assertThat(trees.get(0).get("kind").asText()).isEqualTo("Tier");
    assertThat(trees.get(0).get("metadata").get("name").asText()).isEqualTo("platform");
    assertThat(trees.get(0).get("spec").toString()).isEqualTo("{\"order\":100000,\"defaultAction\":\"Deny\"}");
    assertThat(trees).hasSize(3);
    assertThat(trees.subList(1, 3))
        .allSatisfy(t -> assertThat(t.get("spec").get("tier").asText()).isEqualTo("platform"));
    Compilation ordered = compile(PROGRAM, tier("3.32").targetOption("tier-order", "5000"));
    assertThat(trees(ordered).get(0).get("spec").get("order").asInt()).isEqualTo(5000);
    assertThat(c.documents().get(0).ref().file()).isEqualTo("tiers/platform.yaml");
  }

  /**
   * Up to 3.31 a policy outside the default tier must be named {@code TIER.NAME} ({@code ValidateTieredPolicyName},
   * {@code libcalico-go/lib/names/policy.go} at v3.31.0: "Policy names in non default tier have to be in a format of
   * tier.name"); 3.32 dropped the rule (projectcalico/calico#11232, release-notes/v3.32.0-release-notes.md), so no
   * prefix is written there; the default tier never has one.
   */
  @Test
  void onThreeThirtyOneAndOlderTieredNamesCarryTheTier() {
    for (String version : List.of("3.29", "3.30", "3.31")) {
      assertThat(names(compile(PROGRAM, tier(version)))).as(version)
          .containsExactly("platform", "platform.shop-p", "platform.shop-p-deny");
    }
    assertThat(names(compile(PROGRAM, tier("3.32")))).containsExactly("platform", "shop-p", "shop-p-deny");
    assertThat(names(compile(PROGRAM, open().targetVersion("3.31")))).containsExactly("shop-p", "shop-p-deny");
  }

  /**
   * With {@code staged=true} every policy is a StagedGlobalNetworkPolicy with {@code stagedAction: Set} (open source
   * from 3.30: {@code api/pkg/apis/projectcalico/v3/stagedglobalnetworkpolicy.go} first at v3.30.0), which Calico
   * evaluates for flow logs without enforcing it; a Tier stays a Tier.
   */
  @Test
  void stagedPoliciesAreStagedGlobalNetworkPoliciesWithActionSet() {
    Compilation c = compile(PROGRAM, open().targetOption("staged", "true").targetOption("tier", "platform"));
    assertThat(c.diagnostics()).filteredOn(Diagnostic::isError).isEmpty();
    assertThat(c.documents()).extracting(EmittedDocument::kind)
        .containsExactly("Tier", "StagedGlobalNetworkPolicy", "StagedGlobalNetworkPolicy");
    assertThat(trees(c).subList(1, 3)).allSatisfy(t -> {
      assertThat(t.get("apiVersion").asText()).isEqualTo("projectcalico.org/v3");
      assertThat(t.get("spec").get("stagedAction").asText()).isEqualTo("Set");
    });
    assertThat(compile(PROGRAM, open()).documents()).extracting(EmittedDocument::kind)
        .containsOnly("GlobalNetworkPolicy");
  }

  /** tier-order without tier, a built-in tier, a tier-order outside (1000, 1000000): usage errors (Target.java). */
  @Test
  void tierOptionsOutOfPlaceAreUsageErrors() {
    assertThatThrownBy(() -> compile(PROGRAM, Options.defaults().targetOption("tier-order", "5000")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("give 'tier' too");
    for (String builtIn : List.of("kube-admin", "kube-baseline", "adminnetworkpolicy", "calico-system")) {
      assertThatThrownBy(() -> compile(PROGRAM, Options.defaults().targetOption("tier", builtIn))).as(builtIn)
          .isInstanceOf(IllegalArgumentException.class);
    }
    for (String order : List.of("1000", "1000000", "-5")) {
      assertThatThrownBy(() -> compile(PROGRAM, Options.defaults().targetOption("tier", "platform")
          .targetOption("tier-order", order))).as(order).isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> compile(PROGRAM, Options.defaults().targetOption("alp", "on")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> compile(PROGRAM, Options.defaults().targetOption("allow-localhost", "policy")))
        .as("a Cilium key").isInstanceOf(IllegalArgumentException.class);
  }

  /** Versions 3.29 to 3.32, patch versions included (Target.java {@code CALICO}); others are usage errors. */
  @Test
  void versionsOutsideThreeTwentyNineToThreeThirtyTwoAreRefused() {
    for (String version : List.of("3.28", "3.33", "2.0")) {
      assertThatThrownBy(() -> compile(PROGRAM, open().targetVersion(version))).as(version)
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("supported versions");
    }
    assertThat(compile(PROGRAM, open().targetVersion("3.32.1")).diagnostics()).noneMatch(Diagnostic::isError);
    assertThat(compile(PROGRAM, open().targetVersion("3.29.7")).diagnostics()).noneMatch(Diagnostic::isError);
  }

  /** Every construct of the language in one program, for the schema and validator checks below. */
  static final String RICH = """
      namespace shop
      let web = pods(app=web, tier in (front, edge))
      let admin = tcp/8443, tcp/9000-9100
      let corp = cidr 10.0.0.0/8 except 10.1.0.0/16, cidr fd00:abcd::/32

      policy api {
        description "Orders API"
        select pods(app=api, version != v1, !canary, track notin (beta), team)
        ingress {
          log allow from web on tcp/8080, tcp/http {
            http GET path "/api/v1/orders"
            http POST path prefix "/api/v1/orders/"
            http GET path regex "/api/v[0-9]+/items/.*" header "X-Tenant"
            http PUT host "api.example.com"
          }
          allow from pods(app=prometheus) in namespace monitoring on tcp/9090
          allow from pods(app=x) in namespaces(team=ops, env in (prod)), namespace other on admin
          allow from pods(app=y) in any namespace, serviceaccount builder on udp, sctp/9999
          allow from corp, world on icmp type 3 code 4, icmpv6 type 128, icmp
          allow from cluster, nodes, host, kube-apiserver, any on tcp/443
          allow from pods(pcns.team=x) on tcp/7000 {
            grpc "shop.Cart/Add"
          }
          log deny from cidr 192.168.0.0/16, cidr 2001:db8::/32 on tcp/22
          deny from pods(projectcalico.org/namespace=evil), pods(!canary)
        }
        egress {
          allow to pods(app=postgres) in namespace data on tcp/5432
          allow to fqdn "api.stripe.com", fqdn "*.stripe.network" on tcp/443
          allow to kube-dns on udp/53, tcp/53 {
            dns "api.stripe.com", "*.stripe.network"
          }
          allow to service payments on tcp/8080
          allow to service ledger in namespace finance
          allow to kube-apiserver on tcp/443
          allow to pods(app=kafka) in namespace data on tcp/9092 {
            kafka produce topic "orders" client "api"
          }
          allow to pods(app=web) on tcp/80 {
            http GET path "/health"
          }
          allow to host on tcp/10250
          deny to world on tcp/25
          deny to fqdn "bad.example.com", host, nodes, cluster on tcp/23
        }
      }

      policy quiet in namespace batch {
        select pods
        ingress { }
        egress { }
      }

      cluster policy baseline {
        select pods(tier=web) in namespace a, pods in namespaces(env=prod), pods(app=z)
        egress {
          allow to kube-dns on udp/53, tcp/53
          allow to service db on tcp/5432
          allow to serviceaccount monitor, pods(app=m) on tcp/9100
          deny to cidr 169.254.169.254/32
        }
      }
      """;

  private static Options rich(Options options) {
    return options.mode(io.netlingua.targets.Mode.BEST_EFFORT).targetOption("alp", "enabled")
        .podCidrs("10.244.0.0/16", "fd00:10::/56").serviceCidrs("10.96.0.0/12").nodeCidrs("172.18.0.0/24");
  }

  /**
   * One program that uses every construct, on every version and with each option: no NL4001 (every document
   * validates against the project's schemas, which the pipeline checks: {@code emit/Emitters.java} {@code lower},
   * {@code emit/validate/OutputValidator.java}), no error at all, and every policy object passes Calico's validator
   * checks ({@link CalicoValidatorChecksTest#violations}).
   */
  @Test
  void everyConstructValidatesOnEveryVersionAndOption() {
    List<Options> runs = List.of(
        rich(Options.defaults()),
        rich(Options.defaults()).targetOption("tier", "platform").targetOption("tier-order", "2000.5"),
        rich(Options.defaults()).targetOption("staged", "true"),
        rich(Options.defaults()).targetOption("deny-order", "0").targetOption("allow-order", "999.999"),
        rich(Options.defaults()).targetVersion("3.31").targetOption("tier", "platform").targetOption("staged", "true"),
        rich(Options.defaults()).targetVersion("3.30"),
        rich(Options.defaults()).targetVersion("3.29").targetOption("tier", "platform"),
        open());
    for (Options options : runs) {
      Compilation c = compile(RICH, options);
      assertThat(found(c, Code.INVALID_OUTPUT)).as("%s", options).isEmpty();
      CalicoValidatorChecksTest.assertAccepted(c);
      assertThat(c.documents()).as("%s", options).hasSizeGreaterThanOrEqualTo(8);
      assertThat(c.yaml()).isNotEmpty();
    }
    Compilation c = compile(RICH, rich(Options.defaults()));
    JsonNode api = CalicoFixtures.document(c, "shop-api");
    assertThat(api.get("metadata").get("annotations").toString()).contains("Orders API");
    assertThat(api.get("spec").get("selector").asText())
        .isEqualTo("app == 'api' && version != 'v1' && !has(canary) && track not in {'beta'} && has(team)");
    assertThat(c.yaml()).contains("selector: '!has(canary)'").as("a selector starting with ! is quoted")
        .doesNotContain("\nselector: !");
  }
}

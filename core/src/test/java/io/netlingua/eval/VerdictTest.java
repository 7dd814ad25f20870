package io.netlingua.eval;

import static io.netlingua.eval.Shop.app;
import static io.netlingua.eval.Shop.rule;
import static io.netlingua.eval.Shop.verdict;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netlingua.eval.Verdict.Reason;
import io.netlingua.model.Action;
import io.netlingua.model.CidrPeer;
import io.netlingua.model.Direction;
import io.netlingua.model.Policy;
import io.netlingua.model.PortRange;
import io.netlingua.model.Program;
import io.netlingua.model.Protocol;
import io.netlingua.model.RuleBlock;
import io.netlingua.model.SourceSpan;
import io.netlingua.model.Subject;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A verdict names what decided it: the deciding rule with its policy and file:line, or why none did. */
class VerdictTest {
  private static final SourceSpan POLICY_SPAN = new SourceSpan("shop.npl", 10, 1, 20, 2, 900, 1500);

  private static Program program() {
    RuleBlock ingress = new RuleBlock(List.of(
        rule(Action.ALLOW, 12, List.of(app("frontend")), List.of(PortRange.of(Protocol.TCP, 8080))),
        rule(Action.DENY, 13, List.of(app("frontend")), List.of(PortRange.of(Protocol.TCP, 9090)))),
        SourceSpan.NONE);
    return Program.of(new Policy("backend-in", Optional.of("shop"), Optional.empty(), Subject.of(app("backend")),
        Optional.of(ingress), Optional.empty(), POLICY_SPAN));
  }

  @Test
  void anAllowNamesItsRuleAndFileLine() {
    Verdict v = verdict(program(), "shop/frontend -> shop/backend tcp/8080");
    assertThat(v.keyword()).isEqualTo("allow");
    Verdict.RuleRef rule = v.ingress().rule().orElseThrow();
    assertThat(rule.span().location()).isEqualTo("shop.npl:12:5");
    assertThat(rule.policy().qualifiedName()).isEqualTo("shop/backend-in");
    assertThat(rule.policy().span()).isEqualTo(POLICY_SPAN);
    assertThat(rule.action()).isEqualTo(Action.ALLOW);
    assertThat(v.reason()).isEqualTo(
        "egress: not isolated; ingress: allowed by allow rule of policy shop/backend-in at shop.npl:12:5");
  }

  @Test
  void aDenyNamesTheDenyRule() {
    Verdict v = verdict(program(), "shop/frontend -> shop/backend tcp/9090");
    assertThat(v.keyword()).isEqualTo("deny");
    assertThat(v.deciding().direction()).isEqualTo(Direction.INGRESS);
    assertThat(v.reason()).isEqualTo("ingress: denied by deny rule of policy shop/backend-in at shop.npl:13:5");
  }

  @Test
  void whenNoRuleMatchedTheIsolatingPoliciesAreNamed() {
    Verdict v = verdict(program(), "shop/frontend -> shop/backend tcp/7000");
    assertThat(v.deciding().reason()).isEqualTo(Reason.NO_RULE_MATCHED);
    assertThat(v.deciding().rule()).isEmpty();
    assertThat(v.toString()).isEqualTo("deny (ingress: isolated by shop/backend-in and no rule matched)");
  }

  @Test
  void egressIsReportedFirstWhenBothSidesRefuse() {
    Program both = Program.of(Policy.namespaced("closed", "shop").select(app("frontend")).egress().build(),
        Policy.namespaced("closed", "data").select(app("postgres")).ingress(
            rule(Action.DENY, 3, List.of(CidrPeer.of("10.0.0.0/8")), List.of())).build());
    Verdict v = verdict(both, "shop/frontend -> data/postgres tcp/5432");
    assertThat(v.deciding()).isEqualTo(v.egress());
    assertThat(v.ingress().reason()).isEqualTo(Reason.NO_RULE_MATCHED);
  }

  @Test
  void aSideCarriesARuleExactlyWhenItsReasonNamesOne() {
    assertThatThrownBy(() -> Verdict.Side.of(Direction.EGRESS, Reason.ALLOWED_BY_RULE, List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Verdict(Verdict.Side.of(Direction.INGRESS, Reason.NOT_A_POD, List.of()),
        Verdict.Side.of(Direction.INGRESS, Reason.NOT_A_POD, List.of())))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

package io.netlingua.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.netlingua.Netlingua;
import io.netlingua.diagnostics.Diagnostic;
import io.netlingua.emit.Compilation;
import io.netlingua.eval.Cluster;
import io.netlingua.eval.Evaluator;
import io.netlingua.eval.Flow;
import io.netlingua.eval.Verdict;
import io.netlingua.eval.Verdict.Reason;
import io.netlingua.targets.Target;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Param;

/**
 * EvaluateBenchmark measures what it claims: every evaluator, flows that the program's rules decide (allowed and
 * refused, with L7 requests), and a floor whose table holds every key of the flow set.
 */
class EvaluateBenchmarkTest {
  private static final int TEAMS = 12;
  private static final Cluster CLUSTER = FlowGenerator.cluster(TEAMS);
  private static final FlowGenerator FLOWS = new FlowGenerator(CLUSTER);

  @Test
  void judgesTheModelAndEveryTargetWithAnEvaluator() throws NoSuchFieldException {
    String[] ids = EvaluateBenchmark.Judge.class.getField("evaluator").getAnnotation(Param.class).value();
    List<String> expected = new ArrayList<>(List.of("model"));
    Netlingua.evaluableTargets().forEach(t -> expected.add(t.id()));
    assertThat(ids).containsExactlyElementsOf(expected);
  }

  @Test
  void eachScenarioIsDecidedOnTheModelAsItSays() {
    Evaluator model = Netlingua.evaluator(Netlingua.parse("g.npl", ProgramGenerator.program(TEAMS)).program(),
        CLUSTER);
    SplittableRandom random = new SplittableRandom(1);
    for (FlowGenerator.Scenario s : FlowGenerator.SCENARIOS) {
      for (int team = 0; team < TEAMS; team++) {
        Flow flow = FLOWS.flow(s, team, random);
        Verdict v = model.evaluate(flow);
        if (s.allowed().isEmpty()) {
          continue;
        }
        assertThat(v.allowed()).as("%s: %s", s.name(), flow).isEqualTo(s.allowed().get());
        Reason reason = s.decidedBy().orElseThrow();
        assertThat(Stream.of(v.egress(), v.ingress()).map(Verdict.Side::reason))
            .as("%s: %s decided by %s", s.name(), flow, reason).contains(reason);
      }
    }
  }

  @Test
  void theFlowsMixAllowedAndRefusedTrafficWithL7Requests() {
    assertThat(FlowGenerator.TOTAL_WEIGHT).isEqualTo(100);
    Flow[] flows = FLOWS.flows(20_000);
    assertThat(FLOWS.flows(20_000)).containsExactly(flows);
    Evaluator model = Netlingua.evaluator(Netlingua.parse("g.npl", ProgramGenerator.program(TEAMS)).program(),
        CLUSTER);
    long allowed = Arrays.stream(flows).filter(f -> model.evaluate(f).allowed()).count();
    assertThat(allowed).isBetween(8_000L, 16_000L);
    Set<Reason> reasons = new HashSet<>();
    Arrays.stream(flows).map(model::evaluate).forEach(v -> {
      reasons.add(v.egress().reason());
      reasons.add(v.ingress().reason());
    });
    assertThat(reasons).contains(Reason.ALLOWED_BY_RULE, Reason.DENIED_BY_RULE, Reason.NO_RULE_MATCHED,
        Reason.REFUSED_AT_L7);
    assertThat(Arrays.stream(flows).filter(f -> f.http().isPresent()).count()).isGreaterThan(1_000);
    assertThat(Arrays.stream(flows).filter(f -> f.kafka().isPresent()).count()).isGreaterThan(1_000);
    assertThat(Arrays.stream(flows).filter(f -> f.dnsQuery().isPresent()).count()).isGreaterThan(1_000);
  }

  @Test
  void everyTargetCompilesTheProgramInTheBenchmarksModeAndJudgesEveryScenario() {
    SplittableRandom random = new SplittableRandom(2);
    for (Target target : Netlingua.evaluableTargets()) {
      Compilation compiled = Netlingua.compile(Netlingua.parse("g.npl", ProgramGenerator.program(TEAMS, target)),
          target, EvaluateBenchmark.options());
      assertThat(compiled.diagnostics().stream().filter(Diagnostic::isError)).as(target.id()).isEmpty();
      Evaluator judge = Netlingua.evaluator(compiled, CLUSTER);
      for (FlowGenerator.Scenario s : FlowGenerator.SCENARIOS) {
        assertThat(judge.evaluate(FLOWS.flow(s, random.nextInt(TEAMS), random))).as(target.id()).isNotNull();
      }
    }
  }

  @Test
  void theFloorsTableHoldsEveryKeyOfTheFlowSet() {
    EvaluateBenchmark.Traffic traffic = new EvaluateBenchmark.Traffic();
    traffic.policies = 3 * TEAMS;
    traffic.flows = 5_000;
    traffic.build();
    EvaluateBenchmark.Floor floor = new EvaluateBenchmark.Floor();
    floor.build(traffic);

    assertThat(traffic.set).hasSize(5_000);
    Set<EvaluateBenchmark.Key> keys = new HashSet<>();
    for (Flow f : traffic.set) {
      keys.add(EvaluateBenchmark.Key.of(f));
      assertThat(floor.table).containsKey(EvaluateBenchmark.Key.of(f));
    }
    assertThat(floor.table).hasSameSizeAs(keys);
  }
}

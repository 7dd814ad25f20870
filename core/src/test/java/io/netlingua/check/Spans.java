package io.netlingua.check;

import io.netlingua.diagnostics.Code;
import io.netlingua.diagnostics.Diagnostic;
import io.netlingua.model.Action;
import io.netlingua.model.L7Block;
import io.netlingua.model.PeerTerm;
import io.netlingua.model.Policy;
import io.netlingua.model.PolicyFile;
import io.netlingua.model.PortTerm;
import io.netlingua.model.Program;
import io.netlingua.model.Rule;
import io.netlingua.model.RuleBlock;
import io.netlingua.model.SourceSpan;
import io.netlingua.model.Subject;
import java.util.List;
import java.util.Optional;

/** Builds models with spans in a file {@code t.npl}, as the parser would, and reads findings back. */
final class Spans {
  static final String FILE = "t.npl";

  private Spans() {}

  /** A span of one character at a line and column. */
  static SourceSpan at(int line, int column) {
    return new SourceSpan(FILE, line, column, line, column + 1, 0, 1);
  }

  static Rule rule(Action action, SourceSpan span, List<PeerTerm> peers, List<PortTerm> ports, L7Block l7) {
    return new Rule(action, false, peers, ports, Optional.ofNullable(l7), span);
  }

  static Rule allow(SourceSpan span, List<PeerTerm> peers, List<PortTerm> ports) {
    return rule(Action.ALLOW, span, peers, ports, null);
  }

  /** A namespaced policy with its select and blocks at the given spans. */
  static Policy policy(
      String name, String namespace, SourceSpan span, Subject subject, List<Rule> ingress, List<Rule> egress) {
    return new Policy(
        name, Optional.ofNullable(namespace), Optional.empty(), subject,
        Optional.ofNullable(ingress).map(r -> new RuleBlock(r, span)),
        Optional.ofNullable(egress).map(r -> new RuleBlock(r, span)), span);
  }

  static Program program(PolicyFile... files) {
    return new Program(List.of(files));
  }

  static PolicyFile file(Policy... policies) {
    return new PolicyFile(FILE, Optional.empty(), List.of(), List.of(), List.of(policies));
  }

  /** {@code NLnnnn line:col} for each finding, in order: what the tests compare. */
  static List<String> found(Program program) {
    return ProgramChecker.check(program).stream()
        .map(d -> d.code().id() + " " + d.span().line() + ":" + d.span().column())
        .toList();
  }

  static List<Diagnostic> of(Program program, Code code) {
    return ProgramChecker.check(program).stream().filter(d -> d.code() == code).toList();
  }
}

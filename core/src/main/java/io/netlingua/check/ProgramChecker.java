package io.netlingua.check;

import io.netlingua.check.internal.Checker;
import io.netlingua.diagnostics.Diagnostic;
import io.netlingua.model.Program;
import java.util.List;

/**
 * The checks of the language that can be made on a model, whoever built it: the parser runs them after building
 * the model, and an embedder that builds a program in Java runs them before compiling it.
 *
 * <p>Checked here: duplicate policies; what {@code select} names; policies without rule blocks; peers in the
 * wrong direction; L7 blocks on deny rules, without ports or on ports of the wrong protocol; and the syntax of
 * every value Kubernetes or the L7 protocols constrain (labels, namespace and object names, ports, ICMP, except
 * prefixes, fqdn and dns patterns, HTTP and Kafka values, RE2 regexes). What the model cannot represent (an
 * unknown name, a malformed CIDR, two selects) is the parser's to report.
 */
public final class ProgramChecker {
  private ProgramChecker() {}

  /**
   * Checks a program.
   *
   * @param program the program, with the spans its builder gave it
   * @return the findings, sorted by file, line, column and code; empty when the program is valid
   */
  public static List<Diagnostic> check(Program program) {
    return Checker.check(program);
  }
}

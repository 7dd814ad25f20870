/**
 * The neutral connectivity evaluator: what a program means on a cluster (SEMANTICS.md section 1).
 *
 * <p>A {@link io.netlingua.eval.Cluster} describes the world (namespaces, pods, nodes, external addresses,
 * Services); a {@link io.netlingua.eval.Flow} is one connection or request in it, written in Java or read with
 * {@link io.netlingua.eval.FlowSyntax}; an {@link io.netlingua.eval.Evaluator} answers a
 * {@link io.netlingua.eval.Verdict} that names what decided it. {@link io.netlingua.eval.NeutralEvaluator}
 * implements the neutral semantics; each target's evaluator implements the same interface over emitted objects.
 */
package io.netlingua.eval;

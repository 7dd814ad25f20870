/**
 * The neutral evaluator's implementation: the cluster indexed by label and address, programs compiled to
 * matchers with their pod sets computed once, and the decision procedure of SEMANTICS.md section 1.
 */
package io.netlingua.eval.internal;

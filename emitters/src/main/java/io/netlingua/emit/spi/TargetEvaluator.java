package io.netlingua.emit.spi;

import io.netlingua.emit.EmittedDocument;
import io.netlingua.eval.Cluster;
import io.netlingua.eval.Evaluator;
import io.netlingua.targets.Target;
import java.util.List;
import java.util.Set;

/**
 * What a target's emitted objects allow: the connectivity evaluator of one target format, which each target
 * plugs in beside its {@link TargetEmitter}. It reads the objects as the target's platform would (never the
 * program they came from), so that its verdicts can be compared flow by flow with the neutral semantics of
 * {@link io.netlingua.eval.NeutralEvaluator} (SEMANTICS.md section 4).
 *
 * <p>The verdict names the object that decided a side, as a policy of the target's kind, with the place of the
 * program's policy it was lowered from when the object records one.
 */
public interface TargetEvaluator {

  /** The target whose objects this evaluator reads. */
  Target target();

  /**
   * An evaluator of emitted objects in a cluster.
   *
   * @param documents the documents an emitter of {@link #target()} returned, or another target's: documents of
   *     another target are read where this target's platform enforces them, as that platform does (a
   *     <em>reading</em>: Cilium and Calico read {@code networking.k8s.io/v1} NetworkPolicy, docs/targets.md
   *     "NetworkPolicy on Cilium" and "NetworkPolicy on Calico"), and ignored otherwise (they police nothing on
   *     this target)
   * @param cluster the cluster the flows belong to
   * @return an evaluator, immutable and safe to share between threads
   */
  Evaluator evaluator(List<EmittedDocument> documents, Cluster cluster);

  /**
   * The targets whose documents this evaluator reads: its own, and those of other targets its platform enforces
   * (Cilium and Calico enforce Kubernetes NetworkPolicy). {@code Netlingua.evaluator(compilation, cluster, reading)}
   * reads a compilation for one of these.
   *
   * @return the targets, {@link #target()} among them
   */
  default Set<Target> reads() {
    return Set.of(target());
  }
}

package io.netlingua.emit.lowering;

import io.netlingua.diagnostics.Outcome;
import io.netlingua.emit.spi.Degradations;
import io.netlingua.model.Direction;
import io.netlingua.model.DnsBlock;
import io.netlingua.model.GrpcBlock;
import io.netlingua.model.HttpBlock;
import io.netlingua.model.KafkaBlock;
import io.netlingua.model.L7Block;
import io.netlingua.targets.Feature;
import java.util.Optional;

/**
 * What a target does with an L7 block it cannot say where the rule stands (Kubernetes: never; Cilium: on every
 * port of a protocol, on a range before 1.17, DNS on ingress...): the rule is either left out, which is narrower,
 * or emitted without its block, which opens its ports to every request and is wider. {@code strict} and {@code
 * fail-closed} take the narrower way, {@code best-effort} the wider one (SEMANTICS.md section 2), so that a port is
 * never opened to every request unless the user chose so.
 */
public final class L7Fallback {
  private L7Fallback() {}

  /** The feature of an L7 block's kind. */
  public static Feature feature(L7Block block) {
    return block.accept(
        new L7Block.Visitor<Feature>() {
          @Override
          public Feature http(HttpBlock b) {
            return Feature.L7_HTTP;
          }

          @Override
          public Feature grpc(GrpcBlock b) {
            return Feature.L7_GRPC;
          }

          @Override
          public Feature kafka(KafkaBlock b) {
            return Feature.L7_KAFKA;
          }

          @Override
          public Feature dns(DnsBlock b) {
            return Feature.L7_DNS;
          }
        });
  }

  /**
   * Reports an L7 block the target cannot say, and tells whether the rule is kept without it.
   *
   * @param target the target's id, which starts the message
   * @param why why the block cannot be said, completing "the http block ...": {@code is not expressible}
   * @param hint how to get an exact result
   * @return true when the rule is kept without its block (best-effort, wider); false when it is left out
   */
  public static boolean keepWithout(
      Degradations degradations, L7Block block, Direction direction, String target, String why, String hint) {
    Feature feature = feature(block);
    String head = target + ": the " + block.keyword() + " block " + why;
    if (degradations.mode().prefersWider()) {
      degradations.report(
          feature, Outcome.WIDER, block.span(), Optional.of(direction),
          head + ": the rule is emitted without it and allows every request on its ports (wider)", hint);
      return true;
    }
    degradations.report(
        feature, Outcome.NARROWER, block.span(), Optional.of(direction),
        head + ": the rule is left out, so that its ports are not opened to every request (narrower)",
        hint + ", or run in best-effort mode to emit the rule without its L7 block (wider)");
    return false;
  }
}

package io.netlingua.emit.calico;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netlingua.diagnostics.Outcome;
import io.netlingua.emit.lowering.PlatformFacts;
import io.netlingua.emit.spi.Degradations;
import io.netlingua.model.Direction;
import io.netlingua.model.HttpBlock;
import io.netlingua.model.HttpRule;
import io.netlingua.model.AllPorts;
import io.netlingua.model.NamedPort;
import io.netlingua.model.Port;
import io.netlingua.model.PortRange;
import io.netlingua.model.Protocol;
import io.netlingua.model.Rule;
import io.netlingua.targets.Feature;
import io.netlingua.targets.Versions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * HTTP on Calico: the rule's {@code http} match (methods, exact or prefix paths), enforced only by Application Layer
 * Policy (Felix {@code policySyncPathPrefix}, Istio with native sidecars and Dikastes:
 * {@code network-policy/istio/app-layer-policy.mdx}, tigera/docs version-3.32), and only on ingress
 * ({@code http-methods.mdx}). Without ALP Felix ignores the match and enforces the rule at L4, so an {@code http}
 * match is written only when the run states {@code alp=enabled} on 3.32:
 *
 * <ul>
 *   <li>3.30.0 to 3.31.x never registered the ext_authz provider in open source, so every request through the
 *       sidecar is refused with 403 (projectcalico/calico commit dd23ca76e0, #11986/#12004, fixed in 3.32.0); 3.29
 *       matched paths by characters, without normalising them ({@code matchHTTPPaths} in
 *       {@code app-policy/checker/match.go} at v3.29.0: {@code strings.HasPrefix} on the raw path; #12532 brought
 *       normalisation and prefixes by segment in 3.32, the same function at v3.32.1: {@code normalizeHTTPPath},
 *       {@code segmentPrefixMatch}). On those versions, and without ALP, a rule with an http block is left out in every mode,
 *       best-effort included: the http match would be stored and silently not enforced, which is wider than the
 *       L7 block best-effort drops elsewhere, and stated nowhere in the object.
 *   <li>3.32 matches as the language reads a request ({@code app-policy/checker/match.go}, #12532): the path
 *       normalised (query and fragment stripped, dot segments and repeated slashes removed), {@code exact} equal,
 *       {@code prefix} by segment; methods exact. Host, headers and regex paths have no Calico match: such an
 *       alternative is left out (narrower), or in best-effort mode written without them (wider).
 *   <li>The match ORs its methods and ORs its paths and ANDs the two, so each alternative is a rule of its own:
 *       {@code GET /a} and {@code POST /b} in one match would also allow {@code GET /b}.
 * </ul>
 */
final class HttpRules {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final String TARGET = "calico: ";

  private final Degradations degradations;
  private final String version;
  private final boolean alp;
  private final PlatformFacts facts;

  HttpRules(Degradations degradations, String version, boolean alp, PlatformFacts facts) {
    this.degradations = degradations;
    this.version = version;
    this.alp = alp;
    this.facts = facts;
  }

  /** The {@code http} matches of a block, one per alternative kept; empty when the rule is left out (reported). */
  List<ObjectNode> matches(HttpBlock block, Direction direction, Rule rule) {
    Optional<String> refusal = refusal(direction, rule);
    if (refusal.isPresent()) {
      degradations.report(
          Feature.L7_HTTP, Outcome.NARROWER, block.span(), Optional.of(direction),
          TARGET + "the http block " + refusal.get() + ": the rule is left out in every mode, so that Calico does not"
              + " enforce it at L4 alone (narrower)",
          alp ? "write the http rule on ingress over TCP, on Calico 3.32" : "state that Application Layer Policy is"
              + " enabled with --target-option alp=enabled (Calico 3.32), or compile for Cilium");
      return List.of();
    }
    facts.note("http matches are enforced by Application Layer Policy (stated with alp=enabled): a pod without"
        + " Calico's Istio sidecar gets the rule at L4, every request allowed", block.span());
    List<ObjectNode> out = new ArrayList<>();
    for (HttpRule alternative : block.rules()) {
      alternative(alternative, direction).ifPresent(out::add);
    }
    return out;
  }

  /** Why the block cannot be matched here, completing "the http block ...", or nothing. */
  private Optional<String> refusal(Direction direction, Rule rule) {
    if (!alp) {
      return Optional.of("needs Application Layer Policy, which the run does not state (alp=disabled): without it"
          + " Calico ignores the http match");
    }
    if (!Versions.atLeast(version, "3.32")) {
      return Optional.of(Versions.atLeast(version, "3.30")
          ? "cannot be enforced on Calico " + version + ": Application Layer Policy refuses every request from"
              + " 3.30.0 to 3.31.x (fixed in 3.32.0)"
          : "cannot be said exactly on Calico " + version + ": before 3.32 Application Layer Policy matches paths by"
              + " characters, unnormalised");
    }
    if (direction == Direction.EGRESS) {
      return Optional.of("cannot stand on egress: Calico matches HTTP on ingress only");
    }
    for (Port p : rule.ports()) {
      if (!(p instanceof PortRange || p instanceof NamedPort || p instanceof AllPorts) || protocol(p) != Protocol.TCP) {
        return Optional.of("needs TCP ports: Calico takes http only with protocol TCP");
      }
    }
    return Optional.empty();
  }

  private static Protocol protocol(Port p) {
    if (p instanceof PortRange r) {
      return r.protocol();
    }
    return p instanceof NamedPort n ? n.protocol() : ((AllPorts) p).protocol();
  }

  /** The match of one alternative, without what Calico cannot say when best-effort keeps it; empty when left out. */
  private Optional<ObjectNode> alternative(HttpRule alternative, Direction direction) {
    List<String> missing = new ArrayList<>();
    alternative.host().ifPresent(h -> missing.add("host \"" + h + "\""));
    alternative.headers().forEach(h -> missing.add("header \"" + h.name() + "\""));
    boolean regex = alternative.path().map(p -> p.kind() == HttpRule.PathMatch.Kind.REGEX).orElse(false);
    if (regex) {
      missing.add("regex path");
    }
    if (!missing.isEmpty()) {
      String what = String.join(", ", missing);
      if (degradations.mode().prefersWider()) {
        degradations.report(
            Feature.L7_HTTP, Outcome.WIDER, alternative.span(), Optional.of(direction),
            TARGET + "Calico matches no " + what + ": the alternative is written without it (wider)",
            "match on the method and an exact or prefix path");
      } else {
        degradations.report(
            Feature.L7_HTTP, Outcome.NARROWER, alternative.span(), Optional.of(direction),
            TARGET + "Calico matches no " + what + ": the alternative is left out (narrower)",
            "match on the method and an exact or prefix path, or run in best-effort mode to write it without");
        return Optional.empty();
      }
    }
    ObjectNode match = JSON.objectNode();
    alternative.method().ifPresent(m -> match.putArray("methods").add(m));
    alternative.path().filter(p -> p.kind() != HttpRule.PathMatch.Kind.REGEX).ifPresent(p -> match.putArray("paths")
        .addObject().put(p.kind() == HttpRule.PathMatch.Kind.EXACT ? "exact" : "prefix", p.value()));
    return Optional.of(match);
  }
}

package io.netlingua.dsl.internal;

import io.netlingua.diagnostics.Code;
import io.netlingua.dsl.internal.NplGrammarParser.LetTermContext;
import io.netlingua.model.Definition;
import io.netlingua.model.LabelSelector;
import io.netlingua.model.NamespaceScope;
import io.netlingua.model.Peer;
import io.netlingua.model.PeerRef;
import io.netlingua.model.PeerTerm;
import io.netlingua.model.Peers;
import io.netlingua.model.PodPeer;
import io.netlingua.model.Port;
import io.netlingua.model.PortRef;
import io.netlingua.model.PortTerm;
import io.netlingua.model.Ports;
import io.netlingua.model.SourceSpan;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.antlr.v4.runtime.Token;

/**
 * Resolves {@code let}s: each one once, depth first without recursion (a chain of lets may be as long as the
 * input), reporting unknown names, cycles, lets that mix peers and ports, and chains deeper than the limit.
 * A resolved let keeps its terms as written and its flat expansion; uses become {@link PeerRef} or
 * {@link PortRef} terms.
 */
final class LetResolver {
  /** The built-in {@code kube-dns = pods(k8s-app=kube-dns) in namespace kube-system}, overridable by a let. */
  static final String KUBE_DNS_NAME = "kube-dns";

  private static final LetDecl KUBE_DNS = kubeDns();

  private final int maxDepth;

  LetResolver(int maxDepth) {
    this.maxDepth = maxDepth;
  }

  private static LetDecl kubeDns() {
    LetDecl d = new LetDecl(null, KUBE_DNS_NAME, null, SourceSpan.NONE);
    Peer peer =
        new PodPeer(
            LabelSelector.builder().equal("k8s-app", "kube-dns").build(), NamespaceScope.named("kube-system"),
            SourceSpan.NONE);
    d.definition = new Definition.Peers(KUBE_DNS_NAME, List.of(peer), SourceSpan.NONE);
    d.peers = List.of(peer);
    d.state = LetDecl.State.DONE;
    d.depth = 0;
    return d;
  }

  /** Resolves every let of a file that is not resolved yet. */
  void resolve(FileUnit unit) {
    for (LetDecl let : unit.ownLets.values()) {
      if (let.state == LetDecl.State.NEW) {
        resolve(let);
      }
    }
  }

  /** Depth-first over the lets a let names; each let is finished once everything it names is. */
  private void resolve(LetDecl root) {
    Deque<Frame> stack = new ArrayDeque<>();
    root.state = LetDecl.State.IN_PROGRESS;
    stack.push(new Frame(root));
    while (!stack.isEmpty()) {
      Frame frame = stack.peek();
      if (frame.next == frame.terms.size()) {
        stack.pop();
        finish(frame.let);
        continue;
      }
      LetTermContext term = frame.terms.get(frame.next++);
      if (term.ref != null) {
        LetDecl target = lookup(frame.let.unit, term.ref.getText());
        if (target != null && target.state == LetDecl.State.NEW) {
          target.state = LetDecl.State.IN_PROGRESS;
          stack.push(new Frame(target));
        }
      }
    }
  }

  /** Builds a let whose names are all resolved (or part of a cycle being resolved). */
  private void finish(LetDecl let) {
    FileUnit unit = let.unit;
    TermReader reader = new TermReader(unit);
    List<PeerTerm> peers = new ArrayList<>();
    List<PortTerm> ports = new ArrayList<>();
    boolean failed = false;
    int depth = 1;
    for (LetTermContext term : let.ctx.letTerm()) {
      boolean isPeer;
      if (term.peer() != null) {
        Peer p = reader.peer(term.peer());
        failed |= p == null;
        peers.add(p);
        isPeer = true;
      } else if (term.port() != null) {
        Port p = reader.port(term.port());
        failed |= p == null;
        ports.add(p);
        isPeer = false;
      } else {
        Token name = term.ref;
        LetDecl target = target(unit, name);
        if (target == null) {
          failed = true;
          continue;
        }
        if (target.state == LetDecl.State.IN_PROGRESS) {
          String through = target == let ? "" : " through '" + target.name + "'";
          unit.report(Code.LET_CYCLE, unit.span(name), "let '" + let.name + "' refers to itself" + through);
          failed = true;
          continue;
        }
        if (target.definition == null) {
          failed = true;
          continue;
        }
        depth = Math.max(depth, target.depth + 1);
        isPeer = target.definition instanceof Definition.Peers;
        if (isPeer) {
          peers.add(new PeerRef(target.name, target.peers, unit.span(name)));
        } else {
          ports.add(new PortRef(target.name, target.ports, unit.span(name)));
        }
      }
      // A failed entry still counts for its kind, so that one mix is reported however the entries fared.
      if (!peers.isEmpty() && !ports.isEmpty()) {
        unit.report(
            Code.LET_KIND_MISMATCH, unit.span(term),
            "let '" + let.name + "' mixes peers and ports: this entry is " + (isPeer ? "a peer" : "a port")
                + ", an earlier one " + (isPeer ? "a port" : "a peer"),
            "write one let for the peers and one for the ports");
        failed = true;
        break;
      }
    }
    if (!failed && depth > maxDepth) {
      unit.report(
          Code.LET_CHAIN_TOO_DEEP, let.span,
          "let '" + let.name + "' stands on a chain of " + depth + " lets, deeper than the limit of " + maxDepth);
      failed = true;
    }
    let.depth = depth;
    let.state = LetDecl.State.DONE;
    if (failed) {
      return;
    }
    if (!peers.isEmpty()) {
      let.definition = new Definition.Peers(let.name, peers, let.span);
      let.peers = Peers.flatten(peers);
    } else {
      let.definition = new Definition.Ports(let.name, ports, let.span);
      let.ports = Ports.flatten(ports);
    }
  }

  /** A use of a let where peers belong; null (after a diagnostic, where one is due) when it cannot be used. */
  PeerRef peerRef(FileUnit unit, Token name) {
    LetDecl target = usable(unit, name, true);
    return target == null ? null : new PeerRef(target.name, target.peers, unit.span(name));
  }

  /** A use of a let where ports belong; null (after a diagnostic, where one is due) when it cannot be used. */
  PortRef portRef(FileUnit unit, Token name) {
    LetDecl target = usable(unit, name, false);
    return target == null ? null : new PortRef(target.name, target.ports, unit.span(name));
  }

  private LetDecl usable(FileUnit unit, Token name, boolean peers) {
    LetDecl target = target(unit, name);
    if (target == null || target.definition == null) {
      return null;
    }
    if ((target.definition instanceof Definition.Peers) != peers) {
      unit.report(
          Code.LET_KIND_MISMATCH, unit.span(name),
          "'" + target.name + "' names " + (peers ? "ports" : "peers") + ", but " + (peers ? "peers" : "ports")
              + " belong here");
      return null;
    }
    return target;
  }

  /** The let a name stands for in a file, without reporting anything. */
  private static LetDecl lookup(FileUnit unit, String name) {
    LetDecl d = unit.scope.get(name);
    return d != null ? d : KUBE_DNS_NAME.equals(name) ? KUBE_DNS : null;
  }

  /** The let a name stands for in a file; NL2001 when there is none (unless its let has syntax errors). */
  private static LetDecl target(FileUnit unit, Token name) {
    String text = name.getText();
    LetDecl d = lookup(unit, text);
    if (d != null || unit.brokenLets.contains(text)) {
      return d;
    }
    String hint = null;
    // Suggestions cost a scan of the scope each; a bounded number per file keeps hostile input linear.
    if (unit.suggestionsLeft > 0) {
      unit.suggestionsLeft--;
      List<String> candidates = new ArrayList<>(unit.scope.keySet());
      candidates.add(KUBE_DNS_NAME);
      hint = Names.closest(text, candidates).map(c -> "did you mean '" + c + "'?").orElse(null);
    }
    unit.report(Code.UNKNOWN_NAME, unit.span(name), "unknown name '" + Names.shorten(text) + "'", hint);
    return null;
  }

  /**
   * A let being resolved and the index of its next term. The terms are listed once: ANTLR's accessor builds a new
   * list from the children on every call, and calling it per step made a let of n entries cost n squared.
   */
  private static final class Frame {
    final LetDecl let;
    final List<LetTermContext> terms;
    int next;

    Frame(LetDecl let) {
      this.let = let;
      this.terms = let.ctx.letTerm();
    }
  }
}

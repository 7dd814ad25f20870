package io.netlingua.dsl.internal;

import io.netlingua.diagnostics.Code;
import io.netlingua.dsl.internal.NplGrammarParser.ClusterPolicyDeclContext;
import io.netlingua.dsl.internal.NplGrammarParser.DescriptionClauseContext;
import io.netlingua.dsl.internal.NplGrammarParser.PeerTermContext;
import io.netlingua.dsl.internal.NplGrammarParser.PolicyDeclContext;
import io.netlingua.dsl.internal.NplGrammarParser.PolicyItemContext;
import io.netlingua.dsl.internal.NplGrammarParser.PortTermContext;
import io.netlingua.dsl.internal.NplGrammarParser.RuleBlockContext;
import io.netlingua.dsl.internal.NplGrammarParser.RuleDeclContext;
import io.netlingua.dsl.internal.NplGrammarParser.SelectClauseContext;
import io.netlingua.model.Action;
import io.netlingua.model.Direction;
import io.netlingua.model.L7Block;
import io.netlingua.model.PeerTerm;
import io.netlingua.model.Policy;
import io.netlingua.model.PortTerm;
import io.netlingua.model.Rule;
import io.netlingua.model.RuleBlock;
import io.netlingua.model.Subject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;

/**
 * Turns a policy of one file into the model, reporting what the language forbids in its structure (select
 * missing or repeated, two blocks of one direction, {@code from} in egress, ...). A policy that cannot be
 * represented (no namespace, no select) is reported and left out; everything in it is still checked.
 */
final class PolicyReader {
  private final FileUnit unit;
  private final LetResolver lets;
  private final TermReader terms;

  PolicyReader(FileUnit unit, LetResolver lets) {
    this.unit = unit;
    this.lets = lets;
    this.terms = new TermReader(unit);
  }

  /** The policy, or empty when it cannot be built (the reasons are reported). */
  Optional<Policy> read(ParserRuleContext ctx) {
    boolean cluster = ctx instanceof ClusterPolicyDeclContext;
    NplGrammarParser.WordContext nameWord;
    List<PolicyItemContext> items;
    Optional<String> namespace;
    boolean namespaceOk = true;
    if (cluster) {
      ClusterPolicyDeclContext c = (ClusterPolicyDeclContext) ctx;
      nameWord = c.word();
      items = c.policyItem();
      namespace = Optional.empty();
    } else {
      PolicyDeclContext p = (PolicyDeclContext) ctx;
      nameWord = p.word(0);
      items = p.policyItem();
      namespace =
          p.word().size() > 1
              ? Optional.of(FileUnit.text(p.word(1)))
              : unit.namespace.map(d -> d.name());
      if (namespace.isEmpty()) {
        unit.report(
            Code.MISSING_NAMESPACE, unit.span(p.POLICY().getSymbol(), nameWord.getStop()),
            "policy '" + Names.shorten(FileUnit.text(nameWord)) + "' has no namespace",
            "add 'in namespace NAME' after its name, or a 'namespace NAME' line at the top of the file");
        namespaceOk = false;
      }
    }
    String name = FileUnit.text(nameWord);
    Names.problem(name).ifPresent(problem -> unit.report(Code.INVALID_NAME, unit.span(nameWord), problem));

    Subject subject = null;
    boolean selectSeen = false;
    Optional<String> description = Optional.empty();
    Optional<RuleBlock> ingress = Optional.empty();
    Optional<RuleBlock> egress = Optional.empty();
    boolean ingressSeen = false;
    boolean egressSeen = false;
    for (PolicyItemContext item : items) {
      if (item instanceof SelectClauseContext) {
        Subject s = subject((SelectClauseContext) item);
        if (selectSeen) {
          unit.report(
              Code.REPEATED_SELECT, unit.span(item.getStart()), "policy '" + name + "' has a second select",
              "list every subject in one select, separated by commas");
        } else {
          subject = s;
          selectSeen = true;
        }
      } else if (item instanceof DescriptionClauseContext) {
        if (description.isPresent()) {
          unit.report(
              Code.REPEATED_DESCRIPTION, unit.span(item.getStart()),
              "policy '" + name + "' has a second description");
        } else {
          description = Optional.of(FileUnit.string(((DescriptionClauseContext) item).STRING().getSymbol()));
        }
      } else {
        RuleBlockContext b = (RuleBlockContext) item;
        Direction direction =
            b.direction.getType() == NplGrammarParser.INGRESS ? Direction.INGRESS : Direction.EGRESS;
        RuleBlock block = block(b, direction);
        boolean seen = direction == Direction.INGRESS ? ingressSeen : egressSeen;
        if (seen) {
          unit.report(
              Code.REPEATED_BLOCK, unit.span(b.getStart()),
              "policy '" + name + "' has a second " + direction.keyword() + " block",
              "write every " + direction.keyword() + " rule in one block");
        } else if (direction == Direction.INGRESS) {
          ingress = Optional.of(block);
          ingressSeen = true;
        } else {
          egress = Optional.of(block);
          egressSeen = true;
        }
      }
    }
    if (!selectSeen) {
      unit.report(
          Code.MISSING_SELECT, unit.span(ctx.getStart(), nameWord.getStop()),
          "policy '" + name + "' has no select", "add 'select pods' or 'select pods(LABELS)'");
    }
    if (!namespaceOk || subject == null) {
      return Optional.empty();
    }
    // The model's contract: a policy's span is its name, where duplicate-name diagnostics point.
    return Optional.of(new Policy(name, namespace, description, subject, ingress, egress, unit.span(nameWord)));
  }

  /** The subject; null when every entry failed (each failure is reported). */
  private Subject subject(SelectClauseContext ctx) {
    List<PeerTerm> peers = peerTerms(ctx.peerTerm());
    return peers.isEmpty() ? null : new Subject(peers, unit.span(ctx));
  }

  private RuleBlock block(RuleBlockContext ctx, Direction direction) {
    List<Rule> rules = new ArrayList<>();
    for (RuleDeclContext r : ctx.ruleDecl()) {
      rules.add(rule(r, direction));
    }
    return new RuleBlock(rules, unit.span(ctx));
  }

  private Rule rule(RuleDeclContext ctx, Direction direction) {
    Token keyword = ctx.peerKeyword;
    if (!keyword.getText().equals(direction.peerKeyword())) {
      unit.report(
          Code.WRONG_PEER_KEYWORD, unit.span(keyword),
          "'" + keyword.getText() + "' in an " + direction.keyword() + " block",
          "write '" + direction.keyword() + "' rules with '" + direction.peerKeyword() + "'");
    }
    List<PeerTerm> peers = peerTerms(ctx.peerTerm());
    List<PortTerm> ports = new ArrayList<>();
    for (PortTermContext p : ctx.portTerm()) {
      PortTerm term = p.ref != null ? lets.portRef(unit, p.ref) : terms.port(p.port());
      if (term != null) {
        ports.add(term);
      }
    }
    Optional<L7Block> l7 = ctx.l7Block() == null ? Optional.empty() : Optional.of(terms.l7(ctx.l7Block()));
    Action action = ctx.verdict.getType() == NplGrammarParser.ALLOW ? Action.ALLOW : Action.DENY;
    return new Rule(action, ctx.logged != null, peers, ports, l7, unit.span(ctx));
  }

  private List<PeerTerm> peerTerms(List<PeerTermContext> contexts) {
    List<PeerTerm> out = new ArrayList<>();
    for (PeerTermContext p : contexts) {
      PeerTerm term = p.ref != null ? lets.peerRef(unit, p.ref) : terms.peer(p.peer());
      if (term != null) {
        out.add(term);
      }
    }
    return out;
  }
}

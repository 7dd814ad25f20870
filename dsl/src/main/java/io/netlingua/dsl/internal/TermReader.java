package io.netlingua.dsl.internal;

import io.netlingua.diagnostics.Code;
import io.netlingua.dsl.internal.NplGrammarParser.AnyScopeContext;
import io.netlingua.dsl.internal.NplGrammarParser.CidrPeerContext;
import io.netlingua.dsl.internal.NplGrammarParser.CompareRequirementContext;
import io.netlingua.dsl.internal.NplGrammarParser.DnsAlternativeContext;
import io.netlingua.dsl.internal.NplGrammarParser.EntityPeerContext;
import io.netlingua.dsl.internal.NplGrammarParser.ExistsRequirementContext;
import io.netlingua.dsl.internal.NplGrammarParser.FqdnPeerContext;
import io.netlingua.dsl.internal.NplGrammarParser.GrpcAlternativeContext;
import io.netlingua.dsl.internal.NplGrammarParser.HeaderClauseContext;
import io.netlingua.dsl.internal.NplGrammarParser.HostClauseContext;
import io.netlingua.dsl.internal.NplGrammarParser.HttpAlternativeContext;
import io.netlingua.dsl.internal.NplGrammarParser.HttpClauseContext;
import io.netlingua.dsl.internal.NplGrammarParser.IcmpPortContext;
import io.netlingua.dsl.internal.NplGrammarParser.KafkaAlternativeContext;
import io.netlingua.dsl.internal.NplGrammarParser.L7AlternativeContext;
import io.netlingua.dsl.internal.NplGrammarParser.L7BlockContext;
import io.netlingua.dsl.internal.NplGrammarParser.NamedScopeContext;
import io.netlingua.dsl.internal.NplGrammarParser.NamespacePeerContext;
import io.netlingua.dsl.internal.NplGrammarParser.NamespacesPeerContext;
import io.netlingua.dsl.internal.NplGrammarParser.NotExistsRequirementContext;
import io.netlingua.dsl.internal.NplGrammarParser.PathClauseContext;
import io.netlingua.dsl.internal.NplGrammarParser.PeerContext;
import io.netlingua.dsl.internal.NplGrammarParser.PodsPeerContext;
import io.netlingua.dsl.internal.NplGrammarParser.PortContext;
import io.netlingua.dsl.internal.NplGrammarParser.ProtocolPortContext;
import io.netlingua.dsl.internal.NplGrammarParser.RequirementContext;
import io.netlingua.dsl.internal.NplGrammarParser.ScopeContext;
import io.netlingua.dsl.internal.NplGrammarParser.SelectedScopeContext;
import io.netlingua.dsl.internal.NplGrammarParser.SelectorContext;
import io.netlingua.dsl.internal.NplGrammarParser.ServiceAccountPeerContext;
import io.netlingua.dsl.internal.NplGrammarParser.ServicePeerContext;
import io.netlingua.dsl.internal.NplGrammarParser.SetRequirementContext;
import io.netlingua.dsl.internal.NplGrammarParser.SpecPortContext;
import io.netlingua.dsl.internal.NplGrammarParser.WordContext;
import io.netlingua.model.AllPorts;
import io.netlingua.model.Cidr;
import io.netlingua.model.CidrPeer;
import io.netlingua.model.DnsBlock;
import io.netlingua.model.DnsRule;
import io.netlingua.model.Entity;
import io.netlingua.model.EntityPeer;
import io.netlingua.model.FqdnPeer;
import io.netlingua.model.GrpcBlock;
import io.netlingua.model.GrpcRule;
import io.netlingua.model.HttpBlock;
import io.netlingua.model.HttpRule;
import io.netlingua.model.HttpRule.HeaderMatch;
import io.netlingua.model.HttpRule.PathMatch;
import io.netlingua.model.IcmpPort;
import io.netlingua.model.KafkaBlock;
import io.netlingua.model.KafkaRule;
import io.netlingua.model.L7Block;
import io.netlingua.model.LabelRequirement;
import io.netlingua.model.LabelRequirement.Operator;
import io.netlingua.model.LabelSelector;
import io.netlingua.model.NamedPort;
import io.netlingua.model.NamespaceScope;
import io.netlingua.model.Peer;
import io.netlingua.model.PodPeer;
import io.netlingua.model.Port;
import io.netlingua.model.PortRange;
import io.netlingua.model.Protocol;
import io.netlingua.model.ServiceAccountPeer;
import io.netlingua.model.ServicePeer;
import io.netlingua.model.SourceSpan;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * Turns peers, ports, selectors and L7 blocks of one file's parse tree into the model, reporting what the
 * language itself forbids in them (invalid CIDR, {@code pods()}, mixed L7 kinds, ...). A part that cannot be
 * represented comes back as null, after its diagnostic.
 */
final class TermReader {
  private static final Pattern GRPC =
      Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)+/([A-Za-z_][A-Za-z0-9_]*|\\*)");

  private final FileUnit unit;

  TermReader(FileUnit unit) {
    this.unit = unit;
  }

  // ---------------------------------------------------------------------------------------------- peers

  Peer peer(PeerContext ctx) {
    SourceSpan span = unit.span(ctx);
    if (ctx instanceof PodsPeerContext) {
      PodsPeerContext p = (PodsPeerContext) ctx;
      LabelSelector pods =
          p.open == null ? LabelSelector.ALL : selector(p.selector(), p.open, p.close, "pods");
      NamespaceScope scope = p.scope() == null ? NamespaceScope.POLICY : scope(p.scope());
      return new PodPeer(pods, scope, span);
    }
    if (ctx instanceof NamespacePeerContext) {
      NamespacePeerContext p = (NamespacePeerContext) ctx;
      return new PodPeer(LabelSelector.ALL, NamespaceScope.named(FileUnit.text(p.word())), span);
    }
    if (ctx instanceof NamespacesPeerContext) {
      NamespacesPeerContext p = (NamespacesPeerContext) ctx;
      LabelSelector namespaces =
          selector(p.selector(), p.LPAREN().getSymbol(), p.RPAREN().getSymbol(), "namespaces");
      return new PodPeer(LabelSelector.ALL, NamespaceScope.selected(namespaces), span);
    }
    if (ctx instanceof ServiceAccountPeerContext) {
      ServiceAccountPeerContext p = (ServiceAccountPeerContext) ctx;
      return new ServiceAccountPeer(FileUnit.text(p.word(0)), optionalWord(p.word(), 1), span);
    }
    if (ctx instanceof ServicePeerContext) {
      ServicePeerContext p = (ServicePeerContext) ctx;
      return new ServicePeer(FileUnit.text(p.word(0)), optionalWord(p.word(), 1), span);
    }
    if (ctx instanceof CidrPeerContext) {
      return cidrPeer((CidrPeerContext) ctx, span);
    }
    if (ctx instanceof FqdnPeerContext) {
      return new FqdnPeer(FileUnit.string(((FqdnPeerContext) ctx).STRING().getSymbol()), span);
    }
    return new EntityPeer(entity(((EntityPeerContext) ctx).getStart()), span);
  }

  private static Optional<String> optionalWord(List<WordContext> words, int index) {
    return words.size() > index ? Optional.of(FileUnit.text(words.get(index))) : Optional.empty();
  }

  private static Entity entity(Token token) {
    String keyword = token.getText();
    for (Entity e : Entity.values()) {
      if (e.keyword().equals(keyword)) {
        return e;
      }
    }
    throw new IllegalStateException("the grammar admits no entity '" + keyword + "'");
  }

  private NamespaceScope scope(ScopeContext ctx) {
    if (ctx instanceof NamedScopeContext) {
      return NamespaceScope.named(FileUnit.text(((NamedScopeContext) ctx).word()));
    }
    if (ctx instanceof SelectedScopeContext) {
      SelectedScopeContext s = (SelectedScopeContext) ctx;
      return NamespaceScope.selected(
          selector(s.selector(), s.LPAREN().getSymbol(), s.RPAREN().getSymbol(), "namespaces"));
    }
    if (ctx instanceof AnyScopeContext) {
      return NamespaceScope.ANY;
    }
    throw new IllegalStateException("unknown scope " + ctx.getClass().getSimpleName());
  }

  private CidrPeer cidrPeer(CidrPeerContext ctx, SourceSpan span) {
    List<TerminalNode> words = ctx.WORD();
    Cidr cidr = cidr(words.get(0).getSymbol());
    List<Cidr> except = new ArrayList<>();
    for (TerminalNode w : words.subList(1, words.size())) {
      Cidr e = cidr(w.getSymbol());
      if (e != null) {
        except.add(e);
      }
    }
    return cidr == null ? null : new CidrPeer(cidr, except, span);
  }

  /** Reads CIDR text with core's reader, whose canonical form becomes the hint of NL2020. */
  private Cidr cidr(Token token) {
    Cidr.Reading reading = Cidr.read(token.getText());
    if (reading.cidr().isPresent()) {
      return reading.cidr().get();
    }
    String message = "invalid CIDR: " + reading.problem().orElse("'" + token.getText() + "'");
    String hint = reading.canonical().map(c -> "write " + c).orElse(null);
    unit.report(Code.INVALID_CIDR, unit.span(token), message, hint);
    return null;
  }

  // ------------------------------------------------------------------------------------------ selectors

  /** A selector in parentheses; {@code ()} is NL2033 and gives the all-selector so that reading goes on. */
  private LabelSelector selector(SelectorContext ctx, Token open, Token close, String what) {
    if (ctx == null) {
      unit.report(
          Code.EMPTY_SELECTOR, unit.span(open, close),
          "'" + what + "()' has an empty selector", "write '" + what + "' without parentheses for all of them");
      return LabelSelector.ALL;
    }
    List<LabelRequirement> requirements = new ArrayList<>();
    for (RequirementContext r : ctx.requirement()) {
      requirements.add(requirement(r));
    }
    return new LabelSelector(requirements);
  }

  private LabelRequirement requirement(RequirementContext ctx) {
    SourceSpan span = unit.span(ctx);
    if (ctx instanceof CompareRequirementContext) {
      CompareRequirementContext c = (CompareRequirementContext) ctx;
      Operator op = c.op.getType() == NplGrammarParser.NEQ ? Operator.NOT_EQUALS : Operator.EQUALS;
      return new LabelRequirement(key(c.labelKey()), op, List.of(FileUnit.text(c.word())), span);
    }
    if (ctx instanceof SetRequirementContext) {
      SetRequirementContext s = (SetRequirementContext) ctx;
      List<String> values = new ArrayList<>();
      for (WordContext w : s.word()) {
        values.add(FileUnit.text(w));
      }
      return new LabelRequirement(
          key(s.labelKey()), s.op.getType() == NplGrammarParser.NOTIN ? Operator.NOT_IN : Operator.IN, values, span);
    }
    if (ctx instanceof ExistsRequirementContext) {
      return new LabelRequirement(
          key(((ExistsRequirementContext) ctx).labelKey()), Operator.EXISTS, List.of(), span);
    }
    return new LabelRequirement(
        key(((NotExistsRequirementContext) ctx).labelKey()), Operator.DOES_NOT_EXIST, List.of(), span);
  }

  private static String key(NplGrammarParser.LabelKeyContext ctx) {
    return ctx.word() != null ? FileUnit.text(ctx.word()) : ctx.getText();
  }

  // ---------------------------------------------------------------------------------------------- ports

  Port port(PortContext ctx) {
    SourceSpan span = unit.span(ctx);
    if (ctx instanceof SpecPortContext) {
      String text = ctx.getStart().getText();
      int slash = text.indexOf('/');
      Protocol protocol = protocol(text.substring(0, slash));
      int from = slash + 1;
      if (text.charAt(from) == '"') {
        return new NamedPort(protocol, FileUnit.unquote(text.substring(from)), span);
      }
      if (digits(text, from, text.length())) {
        int port = number(text, from, text.length());
        return new PortRange(protocol, port, port, span);
      }
      int dash = text.indexOf('-', from);
      if (dash >= 0 && digits(text, from, dash) && digits(text, dash + 1, text.length())) {
        return new PortRange(protocol, number(text, from, dash), number(text, dash + 1, text.length()), span);
      }
      return new NamedPort(protocol, text.substring(from), span);
    }
    if (ctx instanceof ProtocolPortContext) {
      return new AllPorts(protocol(ctx.getStart().getText()), span);
    }
    IcmpPortContext icmp = (IcmpPortContext) ctx;
    List<TerminalNode> values = icmp.WORD();
    Optional<Integer> type = values.isEmpty() ? Optional.empty() : icmpValue(values.get(0), "type");
    Optional<Integer> code = values.size() < 2 ? Optional.empty() : icmpValue(values.get(1), "code");
    boolean valid = (values.isEmpty() || type.isPresent()) && (values.size() < 2 || code.isPresent());
    return valid ? new IcmpPort(icmp.ICMPV6() != null, type, code, span) : null;
  }

  private Optional<Integer> icmpValue(TerminalNode value, String what) {
    String text = value.getText();
    if (!digits(text, 0, text.length())) {
      unit.report(
          Code.SYNTAX_ERROR, unit.span(value.getSymbol()),
          "expected an ICMP " + what + " number, found '" + Names.shorten(text) + "'");
      return Optional.empty();
    }
    return Optional.of(number(text, 0, text.length()));
  }

  /** The protocol of its keyword, which the lexer admits in lower case only. */
  private static Protocol protocol(String keyword) {
    switch (keyword) {
      case "tcp":
        return Protocol.TCP;
      case "udp":
        return Protocol.UDP;
      case "sctp":
        return Protocol.SCTP;
      default:
        throw new IllegalStateException("the grammar admits no protocol '" + keyword + "'");
    }
  }

  /** Whether {@code text[from, to)} is one or more ASCII digits (checked by hand: this runs for every port). */
  private static boolean digits(String text, int from, int to) {
    if (from >= to) {
      return false;
    }
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /**
   * The decimal number of the digits {@code text[from, to)}; leading zeros are ignored, and values of more than
   * nine significant digits become Integer.MAX_VALUE, which the checker rejects.
   */
  private static int number(String text, int from, int to) {
    int start = from;
    while (start < to - 1 && text.charAt(start) == '0') {
      start++;
    }
    if (to - start > 9) {
      return Integer.MAX_VALUE;
    }
    int value = 0;
    for (int i = start; i < to; i++) {
      value = value * 10 + (text.charAt(i) - '0');
    }
    return value;
  }

  // ------------------------------------------------------------------------------------------------- L7

  /** An L7 block of one kind; alternatives of another kind than the first are NL2018 and left out. */
  L7Block l7(L7BlockContext ctx) {
    SourceSpan span = unit.span(ctx);
    List<L7AlternativeContext> alternatives = ctx.l7Alternative();
    Class<?> kind = alternatives.get(0).getClass();
    List<HttpRule> http = new ArrayList<>();
    List<GrpcRule> grpc = new ArrayList<>();
    List<KafkaRule> kafka = new ArrayList<>();
    List<DnsRule> dns = new ArrayList<>();
    String first = alternatives.get(0).getStart().getText();
    for (L7AlternativeContext alt : alternatives) {
      if (alt.getClass() != kind) {
        unit.report(
            Code.L7_MIXED_KINDS, unit.span(alt.getStart()),
            "an L7 block holds one kind: this block is '" + first + "', not '" + alt.getStart().getText() + "'",
            "write a separate rule for each L7 kind");
      } else if (alt instanceof HttpAlternativeContext) {
        http.add(http((HttpAlternativeContext) alt));
      } else if (alt instanceof GrpcAlternativeContext) {
        grpc.add(grpc((GrpcAlternativeContext) alt));
      } else if (alt instanceof KafkaAlternativeContext) {
        kafka.add(kafka((KafkaAlternativeContext) alt));
      } else {
        for (TerminalNode s : ((DnsAlternativeContext) alt).STRING()) {
          dns.add(new DnsRule(FileUnit.string(s.getSymbol()), unit.span(s.getSymbol())));
        }
      }
    }
    if (!http.isEmpty()) {
      return new HttpBlock(http, span);
    }
    if (!grpc.isEmpty()) {
      return new GrpcBlock(grpc, span);
    }
    return !kafka.isEmpty() ? new KafkaBlock(kafka, span) : new DnsBlock(dns, span);
  }

  private HttpRule http(HttpAlternativeContext ctx) {
    Optional<String> method = ctx.STAR() != null ? Optional.empty() : Optional.of(ctx.WORD().getText());
    Optional<PathMatch> path = Optional.empty();
    Optional<String> host = Optional.empty();
    List<HeaderMatch> headers = new ArrayList<>();
    for (HttpClauseContext clause : ctx.httpClause()) {
      if (clause instanceof PathClauseContext) {
        PathClauseContext p = (PathClauseContext) clause;
        if (path.isPresent()) {
          repeated(clause, "path");
          continue;
        }
        PathMatch.Kind kind =
            p.PREFIX() != null
                ? PathMatch.Kind.PREFIX
                : p.REGEX() != null ? PathMatch.Kind.REGEX : PathMatch.Kind.EXACT;
        path = Optional.of(new PathMatch(kind, FileUnit.string(p.STRING().getSymbol())));
      } else if (clause instanceof HostClauseContext) {
        if (host.isPresent()) {
          repeated(clause, "host");
          continue;
        }
        host = Optional.of(FileUnit.string(((HostClauseContext) clause).STRING().getSymbol()));
      } else {
        HeaderClauseContext h = (HeaderClauseContext) clause;
        List<TerminalNode> strings = h.STRING();
        Optional<String> value =
            strings.size() > 1 ? Optional.of(FileUnit.string(strings.get(1).getSymbol())) : Optional.empty();
        headers.add(new HeaderMatch(FileUnit.string(strings.get(0).getSymbol()), value, unit.span(clause)));
      }
    }
    return new HttpRule(method, path, host, headers, unit.span(ctx));
  }

  private void repeated(HttpClauseContext clause, String what) {
    unit.report(
        Code.REPEATED_HTTP_CLAUSE, unit.span(clause),
        "an http alternative has at most one " + what + " clause",
        "write another http alternative to allow another " + what);
  }

  private GrpcRule grpc(GrpcAlternativeContext ctx) {
    Token string = ctx.STRING().getSymbol();
    String text = FileUnit.string(string);
    if (!GRPC.matcher(text).matches()) {
      unit.report(
          Code.INVALID_GRPC, unit.span(string),
          "'" + Names.shorten(text) + "' is not \"package.Service/Method\" or \"package.Service/*\"");
    }
    int slash = text.lastIndexOf('/');
    String service = slash < 0 ? text : text.substring(0, slash);
    String method = slash < 0 ? "*" : text.substring(slash + 1);
    return new GrpcRule(service, "*".equals(method) ? Optional.empty() : Optional.of(method), unit.span(ctx));
  }

  private KafkaRule kafka(KafkaAlternativeContext ctx) {
    List<TerminalNode> strings = ctx.STRING();
    Optional<String> client =
        strings.size() > 1 ? Optional.of(FileUnit.string(strings.get(1).getSymbol())) : Optional.empty();
    KafkaRule.Role role = ctx.PRODUCE() != null ? KafkaRule.Role.PRODUCE : KafkaRule.Role.CONSUME;
    return new KafkaRule(role, FileUnit.string(strings.get(0).getSymbol()), client, unit.span(ctx));
  }
}

package io.netlingua.dsl.internal.printer;

import io.netlingua.dsl.Comment;
import io.netlingua.model.Definition;
import io.netlingua.model.Direction;
import io.netlingua.model.DnsBlock;
import io.netlingua.model.GrpcBlock;
import io.netlingua.model.HttpBlock;
import io.netlingua.model.HttpRule;
import io.netlingua.model.Import;
import io.netlingua.model.KafkaBlock;
import io.netlingua.model.KafkaRule;
import io.netlingua.model.L7Block;
import io.netlingua.model.L7Rule;
import io.netlingua.model.Policy;
import io.netlingua.model.PolicyFile;
import io.netlingua.model.Rule;
import io.netlingua.model.RuleBlock;
import io.netlingua.model.SourceSpan;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Lays a file of the model out as canonical lines (see {@code docs/format.md}), then places its comments among
 * them. Each line that stands for a model element keeps the element's span, which is how comments find their
 * place.
 */
public final class CanonicalPrinter {
  private static final String INDENT = "  ";

  /** What follows {@code path} before the value: an exact path has no kind word. */
  private static final Map<HttpRule.PathMatch.Kind, String> PATH_KIND =
      new EnumMap<>(Map.of(
          HttpRule.PathMatch.Kind.EXACT, "",
          HttpRule.PathMatch.Kind.PREFIX, "prefix ",
          HttpRule.PathMatch.Kind.REGEX, "regex "));

  private final PolicyFile file;
  private final List<Line> lines = new ArrayList<>();

  private CanonicalPrinter(PolicyFile file) {
    this.file = file;
  }

  /** The canonical text of a file with its comments; see {@link io.netlingua.dsl.NplPrinter}. */
  public static String print(PolicyFile file, List<Comment> comments) {
    CanonicalPrinter printer = new CanonicalPrinter(file);
    printer.layOut();
    return CommentPlacement.render(printer.lines, comments, INDENT);
  }

  /**
   * One printed line.
   *
   * @param depth the indentation level
   * @param text the text without indentation; empty for a blank line
   * @param span the span of the element the line stands for; null for blank lines and closing braces
   */
  record Line(int depth, String text, SourceSpan span) {}

  private void layOut() {
    file.namespace().ifPresent(ns -> {
      separate();
      lines.add(new Line(0, "namespace " + Syntax.word(ns.name()), ns.span()));
    });
    if (!file.imports().isEmpty()) {
      separate();
      for (Import i : file.imports()) {
        lines.add(new Line(0, "import " + Syntax.string(i.path()), i.span()));
      }
    }
    if (!file.definitions().isEmpty()) {
      separate();
      for (Definition d : file.definitions()) {
        lines.add(new Line(0, "let " + d.name() + " = " + definitionTerms(d), d.span()));
      }
    }
    for (Policy p : file.policies()) {
      separate();
      policy(p);
    }
  }

  private static String definitionTerms(Definition d) {
    return d instanceof Definition.Peers
        ? Syntax.list(((Definition.Peers) d).terms(), Syntax::peerTerm)
        : Syntax.list(((Definition.Ports) d).terms(), Syntax::portTerm);
  }

  /** A blank line between sections, none before the first. */
  private void separate() {
    if (!lines.isEmpty()) {
      lines.add(new Line(0, "", null));
    }
  }

  private void policy(Policy p) {
    String header;
    if (p.isClusterWide()) {
      header = "cluster policy " + p.name();
    } else {
      // The file's directive supplies the namespace of a policy that does not name one.
      boolean fromDirective = file.namespace().map(PolicyFile.NamespaceDirective::name).equals(p.namespace());
      header = "policy " + p.name() + (fromDirective ? "" : " in namespace " + Syntax.word(p.namespace().get()));
    }
    lines.add(new Line(0, header + " {", p.span()));
    // The model keeps no span for a description: its line takes no comment of its own.
    p.description().ifPresent(d -> lines.add(new Line(1, "description " + Syntax.string(d), null)));
    lines.add(new Line(1, "select " + Syntax.list(p.subject().terms(), Syntax::peerTerm), p.subject().span()));
    p.ingress().ifPresent(b -> block(Direction.INGRESS, b));
    p.egress().ifPresent(b -> block(Direction.EGRESS, b));
    lines.add(new Line(0, "}", null));
  }

  private void block(Direction direction, RuleBlock block) {
    if (block.rules().isEmpty()) {
      lines.add(new Line(1, direction.keyword() + " {}", block.span()));
      return;
    }
    lines.add(new Line(1, direction.keyword() + " {", block.span()));
    for (Rule r : block.rules()) {
      rule(direction, r);
    }
    lines.add(new Line(1, "}", null));
  }

  private void rule(Direction direction, Rule r) {
    StringBuilder sb = new StringBuilder();
    if (r.log()) {
      sb.append("log ");
    }
    sb.append(r.action().keyword()).append(' ').append(direction.peerKeyword()).append(' ');
    sb.append(Syntax.list(r.peerTerms(), Syntax::peerTerm));
    if (!r.portTerms().isEmpty()) {
      sb.append(" on ").append(Syntax.list(r.portTerms(), Syntax::portTerm));
    }
    Optional<L7Block> l7 = r.l7();
    if (l7.isEmpty()) {
      lines.add(new Line(2, sb.toString(), r.span()));
      return;
    }
    lines.add(new Line(2, sb.append(" {").toString(), r.span()));
    List<? extends L7Rule> alternatives = l7.get().rules();
    List<String> texts = l7.get().accept(ALTERNATIVES);
    for (int i = 0; i < alternatives.size(); i++) {
      lines.add(new Line(3, l7.get().keyword() + " " + texts.get(i), alternatives.get(i).span()));
    }
    lines.add(new Line(2, "}", null));
  }

  /** The text of each alternative of an L7 block after its keyword, in the order of the block's rules. */
  private static final L7Block.Visitor<List<String>> ALTERNATIVES =
      new L7Block.Visitor<>() {
        @Override
        public List<String> http(HttpBlock block) {
          return block.rules().stream().map(CanonicalPrinter::http).toList();
        }

        @Override
        public List<String> grpc(GrpcBlock block) {
          return block.rules().stream().map(r -> Syntax.string(r.path())).toList();
        }

        @Override
        public List<String> kafka(KafkaBlock block) {
          return block.rules().stream().map(CanonicalPrinter::kafka).toList();
        }

        @Override
        public List<String> dns(DnsBlock block) {
          return block.rules().stream().map(r -> Syntax.string(r.pattern())).toList();
        }
      };

  private static String http(HttpRule r) {
    StringBuilder sb = new StringBuilder(r.method().orElse("*"));
    r.path().ifPresent(p -> sb.append(" path ").append(PATH_KIND.get(p.kind())).append(Syntax.string(p.value())));
    r.host().ifPresent(h -> sb.append(" host ").append(Syntax.string(h)));
    for (HttpRule.HeaderMatch h : r.headers()) {
      sb.append(" header ").append(Syntax.string(h.name()));
      h.value().ifPresent(v -> sb.append(" = ").append(Syntax.string(v)));
    }
    return sb.toString();
  }

  private static String kafka(KafkaRule r) {
    String client = r.clientId().map(c -> " client " + Syntax.string(c)).orElse("");
    return r.role().keyword() + " topic " + Syntax.string(r.topic()) + client;
  }
}

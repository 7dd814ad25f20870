package io.netlingua.dsl.internal;

import io.netlingua.model.Definition;
import io.netlingua.model.Peer;
import io.netlingua.model.Port;
import io.netlingua.model.SourceSpan;
import java.util.List;

/**
 * A {@code let} as written, and what resolving it gave.
 */
final class LetDecl {
  /** How far resolution got. */
  enum State {
    NEW,
    IN_PROGRESS,
    DONE
  }

  final FileUnit unit;
  final String name;
  /** Its parse tree; null once the file's tree is released (a let is then resolved: {@link State#DONE}). */
  NplGrammarParser.LetDeclContext ctx;
  final SourceSpan span;
  State state = State.NEW;
  /** The resolved definition; null when it could not be resolved (the reason is reported). */
  Definition definition;
  /** The flat expansion of a let of peers. */
  List<Peer> peers = List.of();
  /** The flat expansion of a let of ports. */
  List<Port> ports = List.of();
  /** The length of the longest chain of lets this one stands on, itself included. */
  int depth;

  LetDecl(FileUnit unit, String name, NplGrammarParser.LetDeclContext ctx, SourceSpan span) {
    this.unit = unit;
    this.name = name;
    this.ctx = ctx;
    this.span = span;
  }
}

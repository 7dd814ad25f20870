package io.netlingua.dsl.internal;

import java.util.ArrayList;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.tree.ParseTree;

/**
 * The superclass of every context of the generated parser (the grammar's {@code contextSuperClass}). ANTLR gives
 * each node a list of ten children on its first child, while most nodes of this grammar have one (a word, a peer
 * term, a port): on a large file the empty slots were a quarter of the parse tree's memory, all of it copied by
 * the garbage collector while the file is read.
 */
public class TreeNode extends ParserRuleContext {
  public TreeNode() {}

  public TreeNode(ParserRuleContext parent, int invokingStateNumber) {
    super(parent, invokingStateNumber);
  }

  @Override
  public <T extends ParseTree> T addAnyChild(T t) {
    if (children == null) {
      children = new ArrayList<>(2);
    }
    return super.addAnyChild(t);
  }
}

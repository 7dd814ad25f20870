package io.netlingua.emit.calico;

/**
 * A text that is not a Calico selector: Calico's own parser would refuse it. The message names what was expected
 * and the 0-based offset where it was not found ({@code expected a label key at 7, found '%'}); {@link #offset()}
 * gives the offset for a caret under the text.
 *
 * <p>Unchecked: the texts this project parses are ones it wrote itself or a test wrote, so a syntax error there is
 * a bug; a caller that parses a user's text catches it and turns it into a diagnostic.
 */
public final class CalicoSelectorSyntaxException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The text that did not parse. */
  private final String selector;

  /** Where the problem is. */
  private final int offset;

  CalicoSelectorSyntaxException(String selector, int offset, String message) {
    super(message);
    this.selector = selector;
    this.offset = offset;
  }

  /**
   * The text that did not parse.
   *
   * @return the whole selector text, as given to {@link SelectorParser#parse}
   */
  public String selector() {
    return selector;
  }

  /**
   * Where the problem is.
   *
   * @return the 0-based character offset into {@link #selector()}; its length when the text ended too soon
   */
  public int offset() {
    return offset;
  }
}

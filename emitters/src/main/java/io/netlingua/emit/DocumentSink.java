package io.netlingua.emit;

import java.io.IOException;

/**
 * Receives each document of a streamed compilation as soon as it is validated, in output order (kind, namespace,
 * name), with the YAML text of the very tree that was validated. A sink lets a large program be written without
 * holding its whole output in memory ({@code compile --out} writes each document into a temporary folder).
 *
 * <p>A document that fails validation later in the run makes the whole run fail: the {@link CompileReport} then
 * has errors, and what the sink received must be discarded, never published. A sink that throws stops the run.
 */
@FunctionalInterface
public interface DocumentSink {

  /**
   * Takes one validated document.
   *
   * @param document the document and its typed object
   * @param yaml its YAML, ending with a line break, without a document separator
   * @throws IOException if the document cannot be stored; the run stops and the exception reaches the caller
   */
  void accept(EmittedDocument document, String yaml) throws IOException;
}

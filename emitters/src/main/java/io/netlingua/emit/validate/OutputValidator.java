package io.netlingua.emit.validate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netlingua.diagnostics.Code;
import io.netlingua.diagnostics.Diagnostic;
import io.netlingua.emit.DocumentRef;
import io.netlingua.emit.EmittedDocument;
import io.netlingua.emit.yaml.YamlWriter;
import io.netlingua.targets.Target;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The checks every output passes before it is returned: no two objects of one kind, namespace and name
 * ({@code NL4002}), and every document valid against the schema of its kind ({@code NL4001}). A failure is an
 * error, so the pipeline returns no document at all: an invalid file is never written.
 */
public final class OutputValidator {
  private static final int ERRORS_SHOWN = 5;

  private OutputValidator() {}

  /**
   * The canonical trees of valid documents, or the diagnostics of invalid ones.
   *
   * @param trees one tree per document, in the documents' order; empty when any is invalid
   * @param diagnostics one {@code NL4001} per invalid document
   */
  public record Checked(List<ObjectNode> trees, List<Diagnostic> diagnostics) {
    public Checked {
      trees = List.copyOf(trees);
      diagnostics = List.copyOf(diagnostics);
    }
  }

  /**
   * Reports objects that share a kind, namespace and name (applying both, the second replaces the first): one error
   * at each later policy, naming the first. Different policies can meet so on a target: a subject of two entries
   * gives NAME-1 and NAME-2 on Kubernetes, which another policy may be called; a cluster policy expanded into a
   * namespace meets a namespaced policy of its name.
   */
  public static List<Diagnostic> duplicates(Target target, List<DocumentRef> documents) {
    Map<String, DocumentRef> first = new HashMap<>();
    List<Diagnostic> diagnostics = new ArrayList<>();
    List<DocumentRef> bySource =
        documents.stream().sorted(DocumentRef.ORDER.thenComparing(DocumentRef::source)).toList();
    for (DocumentRef d : bySource) {
      String id = d.id();
      DocumentRef earlier = first.putIfAbsent(id, d);
      if (earlier != null) {
        diagnostics.add(
            Diagnostic.of(
                Code.DUPLICATE_OBJECT, d.source(),
                target.id() + ": two objects would be " + id + " (the other comes from " + earlier.source() + ")",
                target == Target.CALICO
                    ? "Calico objects are cluster-scoped and named NAMESPACE-NAME (or NAME for a cluster policy),"
                        + " so a namespace and name joined with '-' can meet another: rename one of the policies"
                    : "rename one of the policies"));
      }
    }
    return diagnostics;
  }

  /**
   * One document checked: its canonical tree when it is valid, otherwise the {@code NL4001} error.
   *
   * @param tree the tree that was validated, which is the one to write; empty when invalid
   * @param error the error; empty when valid
   */
  public record Document(Optional<ObjectNode> tree, Optional<Diagnostic> error) {
    public Document {
      if (tree.isPresent() == error.isPresent()) {
        throw new IllegalArgumentException("a checked document has a tree or an error, not both");
      }
    }
  }

  /**
   * Converts a document to its canonical tree once and validates that tree.
   *
   * @param target the target that emitted the document
   * @param document the document
   * @return the tree, which {@link YamlWriter#write} writes, or the error
   */
  public static Document check(Target target, EmittedDocument document) {
    OutputFormat format = OutputFormat.of(target, document);
    ObjectNode tree = YamlWriter.tree(document.object(), format.layout());
    List<String> errors = DocumentValidator.validate(format.schema(), tree);
    return errors.isEmpty()
        ? new Document(Optional.of(tree), Optional.empty())
        : new Document(Optional.empty(), Optional.of(invalid(target, document, format.schema(), errors)));
  }

  /**
   * Converts each document to its canonical tree once and validates that tree ({@link #check} of each).
   *
   * @param target the target that emitted the documents
   * @param documents the documents, in output order
   * @return the trees, which {@link YamlWriter#write} writes, or the diagnostics
   */
  public static Checked validate(Target target, List<EmittedDocument> documents) {
    List<ObjectNode> trees = new ArrayList<>();
    List<Diagnostic> diagnostics = new ArrayList<>();
    for (EmittedDocument d : documents) {
      Document checked = check(target, d);
      checked.tree().ifPresent(trees::add);
      checked.error().ifPresent(diagnostics::add);
    }
    return new Checked(diagnostics.isEmpty() ? trees : List.of(), diagnostics);
  }

  private static Diagnostic invalid(Target target, EmittedDocument d, String schema, List<String> errors) {
    StringBuilder message = new StringBuilder();
    message.append(target.id()).append(": the ").append(d.kind()).append(' ')
        .append(d.namespace().map(ns -> ns + "/").orElse("")).append(d.name())
        .append(" does not validate against ").append(schema).append(": ")
        .append(String.join("; ", errors.subList(0, Math.min(ERRORS_SHOWN, errors.size()))));
    if (errors.size() > ERRORS_SHOWN) {
      message.append("; and ").append(errors.size() - ERRORS_SHOWN).append(" more");
    }
    return Diagnostic.of(
        Code.INVALID_OUTPUT, d.source(), message.toString(),
        "nothing was written: this is a bug in netlingua, please report it with the program");
  }
}

package io.netlingua.emit;

import io.netlingua.model.SourceSpan;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;

/**
 * One object emitted for a target.
 *
 * @param apiVersion the object's {@code apiVersion}
 * @param kind the object's {@code kind}
 * @param namespace its namespace; empty for a cluster-scoped object
 * @param name its name
 * @param object the typed object: a Fabric8 {@code NetworkPolicy} for Kubernetes; Jackson writes it
 * @param source where the policy it comes from was written
 */
public record EmittedDocument(
    String apiVersion, String kind, Optional<String> namespace, String name, Object object, SourceSpan source) {

  /** The order of documents in the output: kind, namespace (cluster-scoped first), name ({@link DocumentRef#ORDER}). */
  public static final Comparator<EmittedDocument> ORDER = Comparator.comparing(EmittedDocument::ref, DocumentRef.ORDER);

  public EmittedDocument {
    Objects.requireNonNull(apiVersion, "apiVersion");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(object, "object");
    Objects.requireNonNull(source, "source");
  }

  /** The object of a reference. */
  public static EmittedDocument of(DocumentRef ref, Object object) {
    return new EmittedDocument(ref.apiVersion(), ref.kind(), ref.namespace(), ref.name(), object, ref.source());
  }

  /** What the document is and where it comes from, without the object. */
  public DocumentRef ref() {
    return new DocumentRef(apiVersion, kind, namespace, name, source);
  }
}

package io.netlingua.emit;

import io.netlingua.model.SourceSpan;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;

/**
 * What an emitted object is and where it comes from, without the object: what a report lists, and what the
 * pipeline sorts and checks for duplicates before any object is built.
 *
 * @param apiVersion the object's {@code apiVersion}
 * @param kind the object's {@code kind}
 * @param namespace its namespace; empty for a cluster-scoped object
 * @param name its name
 * @param source where the policy it comes from was written
 */
public record DocumentRef(
    String apiVersion, String kind, Optional<String> namespace, String name, SourceSpan source) {

  /** The order of documents in the output: kind, namespace (cluster-scoped first), name. */
  public static final Comparator<DocumentRef> ORDER =
      Comparator.comparing(DocumentRef::kind)
          .thenComparing(d -> d.namespace().orElse(""))
          .thenComparing(DocumentRef::name);

  public DocumentRef {
    Objects.requireNonNull(apiVersion, "apiVersion");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(source, "source");
  }

  /** {@code KIND NAMESPACE/NAME}, or {@code KIND NAME} for a cluster-scoped object. */
  public String id() {
    return kind + " " + namespace.map(ns -> ns + "/").orElse("") + name;
  }

  /** The file it is written to under {@code --out DIR/TARGET/}: {@code NAMESPACE/NAME.yaml} or {@code NAME.yaml}. */
  public String file() {
    return namespace.map(ns -> ns + "/").orElse("") + name + ".yaml";
  }
}

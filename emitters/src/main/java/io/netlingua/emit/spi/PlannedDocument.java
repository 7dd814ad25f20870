package io.netlingua.emit.spi;

import io.netlingua.emit.DocumentRef;
import io.netlingua.emit.EmittedDocument;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A document an emitter will produce: its reference now, its object when the pipeline asks for it. The pipeline
 * sorts and checks the references of the whole output first, then builds, validates and writes one object at a
 * time, so that the objects of a large program are never all in memory at once.
 *
 * @param ref what the document is and where it comes from
 * @param object builds the typed object (a Fabric8 object for Kubernetes); called once, after lowering is done
 */
public record PlannedDocument(DocumentRef ref, Supplier<Object> object) {

  public PlannedDocument {
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(object, "object");
  }

  /** A document whose object exists already. */
  public static PlannedDocument of(EmittedDocument document) {
    return new PlannedDocument(document.ref(), document::object);
  }

  /** Builds the object. */
  public EmittedDocument build() {
    return EmittedDocument.of(ref, object.get());
  }
}

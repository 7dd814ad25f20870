package io.netlingua.emit;

import io.netlingua.model.SourceSpan;
import java.util.Comparator;
import java.util.Objects;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

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

  /**
   * The kinds other objects of an output need to exist first, and so are written first: a Calico {@code Tier}
   * before the policies in it ("a tier must exist before its policies": projectcalico/calico
   * {@code api/pkg/apis/projectcalico/v3/tier.go}, TARGETS.md section 3.0).
   */
  private static final Set<String> PREREQUISITE_KINDS = Set.of("Tier");

  /** The order of documents in the output: prerequisites first, then kind, namespace (cluster-scoped first), name. */
  public static final Comparator<DocumentRef> ORDER =
      Comparator.comparing((DocumentRef d) -> !d.isPrerequisite())
          .thenComparing(DocumentRef::kind)
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

  /** Whether other objects of the output need this one to exist first (a Calico Tier); it is written first. */
  public boolean isPrerequisite() {
    return PREREQUISITE_KINDS.contains(kind);
  }

  /**
   * The file it is written to under {@code --out DIR/TARGET/}: {@code NAMESPACE/NAME.yaml} or {@code NAME.yaml}; a
   * prerequisite in a folder of its kind ({@code tiers/NAME.yaml}), since a Tier and a policy may share a name.
   */
  public String file() {
    if (isPrerequisite()) {
      return kind.toLowerCase(Locale.ROOT) + "s/" + name + ".yaml";
    }
    return namespace.map(ns -> ns + "/").orElse("") + name + ".yaml";
  }
}

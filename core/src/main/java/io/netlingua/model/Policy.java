package io.netlingua.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code policy NAME [in namespace NS] { ... }} or {@code cluster policy NAME { ... }}.
 *
 * @param name the policy's name, unique per namespace (cluster policies: in the program)
 * @param namespace the namespace a namespaced policy governs; empty for a cluster policy
 * @param description the description, if any
 * @param subject the governed pods
 * @param ingress the ingress block, if present
 * @param egress the egress block, if present
 * @param span where the policy was written (its name)
 */
public record Policy(
    String name, Optional<String> namespace, Optional<String> description, Subject subject,
    Optional<RuleBlock> ingress, Optional<RuleBlock> egress, SourceSpan span) {

  public Policy {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(ingress, "ingress");
    Objects.requireNonNull(egress, "egress");
    Objects.requireNonNull(span, "span");
  }

  /** Whether this is a {@code cluster policy}, governing pods of every namespace. */
  public boolean isClusterWide() {
    return namespace.isEmpty();
  }

  /** The block of one direction, if present. */
  public Optional<RuleBlock> block(Direction direction) {
    return direction == Direction.INGRESS ? ingress : egress;
  }

  /** Starts a namespaced policy. */
  public static Builder namespaced(String name, String namespace) {
    return new Builder(name, Optional.of(namespace));
  }

  /** Starts a cluster policy. */
  public static Builder clusterWide(String name) {
    return new Builder(name, Optional.empty());
  }

  /** Builds a policy. */
  public static final class Builder {
    private final String name;
    private final Optional<String> namespace;
    private Optional<String> description = Optional.empty();
    private Subject subject = Subject.allPods();
    private List<Rule> ingress;
    private List<Rule> egress;

    private Builder(String name, Optional<String> namespace) {
      this.name = name;
      this.namespace = namespace;
    }

    public Builder description(String description) {
      this.description = Optional.of(description);
      return this;
    }

    /** The governed pods; {@code pods} when not called. */
    public Builder select(PeerTerm... subject) {
      this.subject = Subject.of(subject);
      return this;
    }

    /** Adds an ingress block (if absent) and these rules to it; no argument gives an isolating empty block. */
    public Builder ingress(Rule... rules) {
      ingress = ingress == null ? new ArrayList<>() : ingress;
      ingress.addAll(List.of(rules));
      return this;
    }

    /** Adds an egress block (if absent) and these rules to it; no argument gives an isolating empty block. */
    public Builder egress(Rule... rules) {
      egress = egress == null ? new ArrayList<>() : egress;
      egress.addAll(List.of(rules));
      return this;
    }

    public Policy build() {
      return new Policy(
          name, namespace, description, subject,
          Optional.ofNullable(ingress).map(r -> new RuleBlock(r, SourceSpan.NONE)),
          Optional.ofNullable(egress).map(r -> new RuleBlock(r, SourceSpan.NONE)),
          SourceSpan.NONE);
    }
  }
}

package io.netlingua.eval;

import io.netlingua.model.Action;
import io.netlingua.model.Direction;
import io.netlingua.model.SourceSpan;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer for one flow: allowed iff both sides allow it (SEMANTICS.md section 1, rule 2), with what decided
 * each side: egress at the source and ingress at the destination.
 *
 * @param egress the decision at the source
 * @param ingress the decision at the destination
 * @param notes what else a reader of the verdict must know, in one sentence each: a target's evaluator names here
 *     the objects its platform refuses and so enforces nothing (a lost isolation explains an allowed flow)
 */
public record Verdict(Side egress, Side ingress, List<String> notes) {
  /** Requires both sides, each of its direction. */
  public Verdict {
    Objects.requireNonNull(egress, "egress");
    Objects.requireNonNull(ingress, "ingress");
    notes = List.copyOf(notes);
    if (egress.direction() != Direction.EGRESS || ingress.direction() != Direction.INGRESS) {
      throw new IllegalArgumentException("egress then ingress");
    }
  }

  /** A verdict without notes. */
  public Verdict(Side egress, Side ingress) {
    this(egress, ingress, List.of());
  }

  /** Why one side allowed or refused the flow. */
  public enum Reason {
    /** This end is not a pod: no policy governs it. */
    NOT_A_POD(true),
    /** No policy isolates the pod in this direction (rule 1). */
    NOT_ISOLATED(true),
    /** Always allowed: a pod talking to itself, or its own node connecting to it (rule 7). */
    NODE_LOCAL(true),
    /** An allow rule of a policy that isolates the pod matched (rules 2 and 4). */
    ALLOWED_BY_RULE(true),
    /** A deny rule matched: deny wins over every allow (rule 3). */
    DENIED_BY_RULE(false),
    /** The pod is isolated and no allow rule matched the peer and port (rule 2). */
    NO_RULE_MATCHED(false),
    /** Allow rules matched the peer and port, but each has an L7 block that refused the request (rule 4). */
    REFUSED_AT_L7(false);

    private final boolean allows;

    Reason(boolean allows) {
      this.allows = allows;
    }

    /** Whether a side with this reason lets the flow through. */
    public boolean allows() {
      return allows;
    }
  }

  /**
   * A policy, as a verdict names it.
   *
   * @param name its name
   * @param namespace its namespace; empty for a cluster policy
   * @param span where it is written
   */
  public record PolicyRef(String name, Optional<String> namespace, SourceSpan span) {
    /** Requires every part. */
    public PolicyRef {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(namespace, "namespace");
      Objects.requireNonNull(span, "span");
    }

    /** {@code namespace/name}, or {@code cluster/name} for a cluster policy. */
    public String qualifiedName() {
      return namespace.orElse("cluster") + "/" + name;
    }
  }

  /**
   * The rule that decided a side.
   *
   * @param policy the policy it belongs to
   * @param action allow or deny
   * @param span where the rule is written
   */
  public record RuleRef(PolicyRef policy, Action action, SourceSpan span) {
    /** Requires every part. */
    public RuleRef {
      Objects.requireNonNull(policy, "policy");
      Objects.requireNonNull(action, "action");
      Objects.requireNonNull(span, "span");
    }

    /** {@code allow rule of policy shop/backend at file.npl:12:5}. */
    @Override
    public String toString() {
      return action.keyword() + " rule of policy " + policy.qualifiedName() + " at " + span.location();
    }
  }

  /**
   * The decision of one side.
   *
   * @param direction egress (at the source) or ingress (at the destination)
   * @param reason why
   * @param rule the deciding rule: the matching deny, the first matching allow, or for {@link
   *     Reason#REFUSED_AT_L7} the first allow whose L7 block refused the request
   * @param isolatedBy the policies that isolate the pod in this direction, in program order
   */
  public record Side(Direction direction, Reason reason, Optional<RuleRef> rule, List<PolicyRef> isolatedBy) {
    /** Requires every part; a rule exactly for the reasons that name one. */
    public Side {
      Objects.requireNonNull(direction, "direction");
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(rule, "rule");
      isolatedBy = List.copyOf(isolatedBy);
      boolean named = reason == Reason.ALLOWED_BY_RULE || reason == Reason.DENIED_BY_RULE
          || reason == Reason.REFUSED_AT_L7;
      if (named != rule.isPresent()) {
        throw new IllegalArgumentException(reason + (named ? " needs" : " takes no") + " rule");
      }
    }

    /** A side decided without a rule. */
    public static Side of(Direction direction, Reason reason, List<PolicyRef> isolatedBy) {
      return new Side(direction, reason, Optional.empty(), isolatedBy);
    }

    /** A side decided by a rule. */
    public static Side of(Direction direction, Reason reason, RuleRef rule, List<PolicyRef> isolatedBy) {
      return new Side(direction, reason, Optional.of(rule), isolatedBy);
    }

    /** Whether this side lets the flow through. */
    public boolean allows() {
      return reason.allows();
    }

    /** One line: {@code egress: allowed by allow rule of policy shop/web at shop.npl:7:5}. */
    @Override
    public String toString() {
      String head = direction.keyword() + ": ";
      return switch (reason) {
        case NOT_A_POD -> head + "not a pod, not policed";
        case NOT_ISOLATED -> head + "not isolated";
        case NODE_LOCAL -> head + "node-local traffic, always allowed";
        case ALLOWED_BY_RULE -> head + "allowed by " + rule.orElseThrow();
        case DENIED_BY_RULE -> head + "denied by " + rule.orElseThrow();
        case NO_RULE_MATCHED -> head + "isolated by "
            + String.join(", ", isolatedBy.stream().map(PolicyRef::qualifiedName).toList())
            + " and no rule matched";
        case REFUSED_AT_L7 -> head + "request refused at L7 by " + rule.orElseThrow();
      };
    }
  }

  /** Whether the flow is allowed: both sides allow it. */
  public boolean allowed() {
    return egress.allows() && ingress.allows();
  }

  /** {@code allow} or {@code deny}. */
  public String keyword() {
    return allowed() ? "allow" : "deny";
  }

  /** The side that decided: the first refusing side (egress first), or when allowed the ingress side. */
  public Side deciding() {
    if (!egress.allows()) {
      return egress;
    }
    return ingress;
  }

  /** The reason in one line: both sides when allowed, the refusing side when denied, then the notes. */
  public String reason() {
    String sides = allowed() ? egress + "; " + ingress : deciding().toString();
    return notes.isEmpty() ? sides : sides + "; " + String.join("; ", notes);
  }

  @Override
  public String toString() {
    return keyword() + " (" + reason() + ")";
  }
}

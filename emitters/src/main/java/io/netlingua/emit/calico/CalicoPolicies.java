package io.netlingua.emit.calico;

import com.fasterxml.jackson.databind.JsonNode;
import io.netlingua.eval.FlowProtocol;
import io.netlingua.eval.Verdict.PolicyRef;
import io.netlingua.model.Cidr;
import io.netlingua.model.Direction;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The Tier, GlobalNetworkPolicy and StagedGlobalNetworkPolicy objects of a Calico output, as Felix holds them once
 * libcalico-go has converted them (projectcalico/calico at v3.32.1, commit 0ca9d1b93644778cafdf1812f3dda02ac0c361e8):
 * the tiers in order, each with its enforced policies in order, every selector already combined and prefixed as
 * {@code libcalico-go/lib/backend/syncersv1/updateprocessors/globalnetworkpolicyprocessor.go} ({@code
 * ConvertGlobalNetworkPolicyV3ToV1Value}) and {@code rules.go} ({@code getEndpointSelector}, {@code
 * parseServiceAccounts}) build them, so that each is matched against a workload endpoint's labels
 * ({@link WorkloadLabels}) alone. Only what decides a flow is kept. A namespaced policy (a Kubernetes NetworkPolicy
 * converted by {@link K8sNetworkPolicies}, its {@link Read#ref()} holding the namespace) is combined as {@code
 * networkpolicyprocessor.go} ({@code ConvertNetworkPolicyV3ToV1Value}: {@code (selector) &&
 * projectcalico.org/namespace == 'NS'}) and {@code rules.go} (a rule selector without a namespaceSelector is scoped to
 * the policy's namespace) combine it.
 *
 * <p>Orders: tiers by {@code order} (absent last), ties by name ({@code felix/calc/policy_sorter.go} {@code
 * TierLess}); policies by {@code order} (absent is {@code +Inf}), ties by the text {@code NAME/NAMESPACE/KIND}, which
 * for a GlobalNetworkPolicy is {@code NAME//GlobalNetworkPolicy} ({@code PolKVLess}: so {@code a-b} comes before
 * {@code a}, since {@code -} sorts before {@code /}). The {@code default} tier is order 1,000,000 with {@code
 * defaultAction: Deny}, and 3.32 creates {@code kube-admin} (1,000) and {@code kube-baseline} (10,000,000), both
 * {@code Pass} ({@code api/pkg/apis/projectcalico/v3/tier.go}), when no Tier object names them; a policy in another
 * tier that no Tier object names is refused, as Calico refuses to create it ("Before creating the policy, check that
 * the tier exists": {@code libcalico-go/lib/clientv3/globalnetworkpolicy.go}).
 *
 * <p>What Calico's validator refuses, and what the evaluator cannot judge on the cluster model (host endpoint
 * options, negated matches, source ports, service account labels), is an {@link IllegalArgumentException} naming the
 * object and the place.
 */
final class CalicoPolicies {
  /** The tier a policy without {@code spec.tier} is in. */
  static final String DEFAULT_TIER = "default";

  /** The label Calico gives every workload endpoint, holding its namespace ({@code constants.go} LabelNamespace). */
  static final String NAMESPACE_LABEL = "projectcalico.org/namespace";

  /** The label holding the endpoint's service account ({@code constants.go} LabelServiceAccount). */
  static final String SERVICE_ACCOUNT_LABEL = "projectcalico.org/serviceaccount";

  /** The prefix of a namespace's labels on its endpoints ({@code conversion/constants.go} NamespaceLabelPrefix). */
  static final String NAMESPACE_PREFIX = "pcns.";

  /** The prefix of a service account's labels on its endpoints (ServiceAccountLabelPrefix). */
  static final String SERVICE_ACCOUNT_PREFIX = "pcsa.";

  /**
   * The tiers that exist without a Tier object: {@code default} ({@code DefaultTierOrder}, Deny, the CEL rule of
   * {@code tier.go}), and the two of ClusterNetworkPolicy that 3.32 creates at start-up ({@code KubeAdminTierOrder},
   * {@code KubeBaselineTierOrder}, both Pass: {@code network-policy/policy-tiers/tiered-policy.mdx}).
   */
  private static final Map<String, Tier> BUILT_IN = Map.of(
      DEFAULT_TIER, new Tier(DEFAULT_TIER, 1_000_000, false, List.of()),
      "kube-admin", new Tier("kube-admin", 1_000, true, List.of()),
      "kube-baseline", new Tier("kube-baseline", 10_000_000, true, List.of()));

  /** Fields of a policy's spec that only host endpoints use, or that the cluster model does not hold. */
  private static final List<String> NOT_JUDGED_SPEC = List.of("doNotTrack", "preDNAT", "applyOnForward");

  /** Negated matches of a rule, and of an entity rule, that the evaluator does not judge. */
  private static final List<String> NOT_JUDGED_RULE = List.of("notProtocol", "notICMP");

  private static final List<String> NOT_JUDGED_ENTITY = List.of("notSelector", "notPorts");

  /** IP protocol numbers, by their Linux names. */
  static final int IPPROTO_ICMP = 1;

  static final int IPPROTO_TCP = 6;

  static final int IPPROTO_UDP = 17;

  static final int IPPROTO_ICMPV6 = 58;

  static final int IPPROTO_SCTP = 132;

  private static final int IPPROTO_UDPLITE = 136;

  private final List<Tier> tiers;
  private final List<Policy> staged;

  private CalicoPolicies(List<Tier> tiers, List<Policy> staged) {
    this.tiers = List.copyOf(tiers);
    this.staged = List.copyOf(staged);
  }

  /** The tiers that hold an enforced policy, in the order Felix applies them, each with its policies in order. */
  List<Tier> tiers() {
    return tiers;
  }

  /** The staged policies: read, and enforcing nothing. */
  List<Policy> staged() {
    return staged;
  }

  /**
   * A tier.
   *
   * @param name its name
   * @param order its order ({@code +Inf} when absent)
   * @param passByDefault whether its {@code defaultAction} is {@code Pass} (else {@code Deny})
   * @param policies its enforced policies, in order
   */
  record Tier(String name, double order, boolean passByDefault, List<Policy> policies) {
    Tier withPolicies(List<Policy> ordered) {
      return new Tier(name, order, passByDefault, ordered);
    }
  }

  /**
   * A GlobalNetworkPolicy or StagedGlobalNetworkPolicy.
   *
   * @param ref how verdicts name it
   * @param kind its kind
   * @param tier the name of its tier
   * @param order its order ({@code +Inf} when absent)
   * @param subject the workload endpoints it applies to: {@code selector} and {@code namespaceSelector} combined
   * @param ingress whether it governs ingress ({@code types}, or Calico's defaulting)
   * @param egress whether it governs egress
   * @param ingressRules its ingress rules, in order
   * @param egressRules its egress rules, in order
   */
  record Policy(
      PolicyRef ref, String kind, String tier, double order, CalicoSelector subject, boolean ingress,
      boolean egress, List<Rule> ingressRules, List<Rule> egressRules) {
    boolean governs(Direction direction) {
      return direction == Direction.INGRESS ? ingress : egress;
    }

    List<Rule> rules(Direction direction) {
      return direction == Direction.INGRESS ? ingressRules : egressRules;
    }

    /**
     * The tie-break of PolKVLess: {@code NAME/NAMESPACE/KIND}, a GlobalNetworkPolicy having no namespace (a
     * converted Kubernetes NetworkPolicy: {@code NAME/NS/KubernetesNetworkPolicy}).
     */
    String tieBreak() {
      return ref.name() + "/" + ref.namespace().orElse("") + "/" + kind;
    }
  }

  /** What a matching rule does ({@code Allow}, {@code Deny}, {@code Log}, {@code Pass}). */
  enum RuleAction {
    ALLOW,
    DENY,
    LOG,
    PASS
  }

  /**
   * One rule.
   *
   * @param place where it is ({@code GlobalNetworkPolicy p: spec.ingress[0]})
   * @param action what it does
   * @param ipVersion its {@code ipVersion}, if set
   * @param protocol the IP protocol number of {@code protocol}, if set
   * @param icmp its {@code icmp} type and code, if set
   * @param source its {@code source}
   * @param destination its {@code destination}
   * @param http its {@code http} match, if set
   */
  record Rule(
      String place, RuleAction action, Optional<Integer> ipVersion, Optional<Integer> protocol, Optional<Icmp> icmp,
      Entity source, Entity destination, Optional<Http> http) {}

  /**
   * {@code icmp}.
   *
   * @param type the type
   * @param code the code, if set (the CEL rule: a code needs a type)
   */
  record Icmp(int type, Optional<Integer> code) {}

  /**
   * An entity rule ({@code source} or {@code destination}); an absent or empty field constrains nothing ("An empty
   * value in a match field is treated as if the field were not set at all": {@code _entityrule.mdx}).
   *
   * @param nets {@code nets}
   * @param notNets {@code notNets}
   * @param selector the endpoint selector {@code getEndpointSelector} forms of {@code selector},
   *     {@code namespaceSelector} and {@code serviceAccounts}, if any of them is set
   * @param service {@code services}, if set
   * @param ports {@code ports}
   */
  record Entity(
      List<Cidr> nets, List<Cidr> notNets, Optional<CalicoSelector> selector, Optional<ServiceRef> service,
      List<PortMatch> ports) {}

  /** {@code services}: a Service by name and namespace. */
  record ServiceRef(String name, String namespace) {}

  /**
   * One entry of {@code ports}: a number, a range {@code lo:hi}, or a name ({@code numorstring/port.go}).
   *
   * @param first the first port of a number or range
   * @param last the last port of a number or range
   * @param name the name, for a named port
   */
  record PortMatch(int first, int last, Optional<String> name) {}

  /**
   * {@code http}: methods ORed, paths ORed, the two ANDed; an empty list matches every request.
   *
   * @param methods the methods, as written
   * @param paths the paths
   */
  record Http(List<String> methods, List<PathMatch> paths) {}

  /**
   * One path of an {@code http} match.
   *
   * @param exact whether it is {@code exact} (else {@code prefix})
   * @param value the path as written
   */
  record PathMatch(boolean exact, String value) {}

  /** A document the evaluator reads: its kind, its tree and how verdicts name it. */
  record Read(String kind, JsonNode tree, PolicyRef ref) {}

  /**
   * Reads the objects of an output.
   *
   * @param documents the Tier, GlobalNetworkPolicy and StagedGlobalNetworkPolicy documents
   * @throws IllegalArgumentException for an object Calico refuses, or a field the evaluator cannot judge
   */
  static CalicoPolicies read(List<Read> documents) {
    Map<String, Tier> tiers = new LinkedHashMap<>();
    List<Policy> enforced = new ArrayList<>();
    List<Policy> staged = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (Read d : documents) {
      String at = d.kind() + " " + d.ref().namespace().map(ns -> ns + "/").orElse("") + d.ref().name();
      if (names.contains(at)) {
        throw new IllegalArgumentException(at + ": two objects of that kind and name");
      }
      names.add(at);
      if (d.kind().equals(CalicoEmitter.TIER)) {
        tiers.put(d.ref().name(), tier(d.tree(), d.ref().name(), at));
      } else {
        Policy p = policy(d, at);
        (d.kind().equals(CalicoEmitter.STAGED_POLICY) ? staged : enforced).add(p);
      }
    }
    Map<String, List<Policy>> byTier = new LinkedHashMap<>();
    for (Policy p : enforced) {
      byTier.computeIfAbsent(p.tier(), t -> new ArrayList<>()).add(p);
    }
    for (Policy p : staged) {
      byTier.computeIfAbsent(p.tier(), t -> new ArrayList<>());
    }
    List<Tier> out = new ArrayList<>();
    byTier.forEach((name, policies) -> {
      Tier tier = tiers.containsKey(name) ? tiers.get(name) : BUILT_IN.get(name);
      if (tier == null) {
        Policy first = enforced.stream().filter(p -> p.tier().equals(name)).findFirst()
            .orElseGet(() -> staged.stream().filter(p -> p.tier().equals(name)).findFirst().orElseThrow());
        throw new IllegalArgumentException(first.kind() + " " + first.ref().name() + ": spec.tier '" + name
            + "' names no Tier, and Calico refuses a policy whose tier does not exist");
      }
      policies.sort(Comparator.comparingDouble(Policy::order).thenComparing(Policy::tieBreak));
      out.add(tier.withPolicies(policies));
    });
    out.sort(Comparator.comparingDouble(Tier::order).thenComparing(Tier::name));
    return new CalicoPolicies(out, staged);
  }

  private static Tier tier(JsonNode tree, String name, String at) {
    JsonNode spec = tree.path("spec");
    String action = spec.path("defaultAction").asText("Deny");
    if (!action.equals("Deny") && !action.equals("Pass")) {
      throw new IllegalArgumentException(at + ": spec.defaultAction is Deny or Pass, not '" + action + "'");
    }
    return new Tier(name, order(spec, at), action.equals("Pass"), List.of());
  }

  private static double order(JsonNode spec, String at) {
    JsonNode order = spec.get("order");
    if (order == null || order.isNull()) {
      return Double.POSITIVE_INFINITY;
    }
    if (!order.isNumber()) {
      throw new IllegalArgumentException(at + ": spec.order is a number, not '" + order.asText() + "'");
    }
    return order.doubleValue();
  }

  private static Policy policy(Read d, String at) {
    JsonNode spec = d.tree().path("spec");
    for (String field : NOT_JUDGED_SPEC) {
      if (spec.path(field).asBoolean(false)) {
        throw new IllegalArgumentException(at + ": spec." + field + " applies to host endpoints, which the evaluator"
            + " does not judge");
      }
    }
    if (!text(spec, "serviceAccountSelector").isEmpty()) {
      throw new IllegalArgumentException(at + ": spec.serviceAccountSelector is not judged by the evaluator: the"
          + " cluster model holds no service account labels");
    }
    String tier = text(spec, "tier");
    String selectorText = text(spec, "selector");
    String namespaces = text(spec, "namespaceSelector");
    for (String field : List.of("selector", "namespaceSelector")) {
      if (text(spec, field).contains("global()")) {
        throw new IllegalArgumentException(at + ": spec." + field + ": global() can only be used in an EntityRule"
            + " namespaceSelector (Calico's validator refuses it here)");
      }
    }
    Optional<String> namespace = d.ref().namespace();
    if (namespace.isPresent() && !namespaces.isEmpty()) {
      throw new IllegalArgumentException(at + ": a namespaced policy has no spec.namespaceSelector");
    }
    CalicoSelector selector = selector(selectorText, at + ": spec.selector");
    CalicoSelector subject = selector;
    if (namespace.isPresent()) {
      // networkpolicyprocessor.go ConvertNetworkPolicyV3ToV1Value: "(selector) && projectcalico.org/namespace ==
      // 'NS'": a namespaced policy selects the endpoints of its namespace only.
      subject = CalicoSelector.and(selector, CalicoSelector.equal(NAMESPACE_LABEL, namespace.get()));
    } else if (!namespaces.isEmpty()) {
      // globalnetworkpolicyprocessor.go: "(selector) && pcns.<namespaceSelector>", then every all() of the whole
      // text replaced with has(projectcalico.org/namespace).
      subject = CalicoSelector.and(workloadsForAll(selector),
          workloadsForAll(prefixed(selector(namespaces, at + ": spec.namespaceSelector"), NAMESPACE_PREFIX)));
    }
    List<Rule> ingress = rules(spec, "ingress", Direction.INGRESS, at, namespace);
    List<Rule> egress = rules(spec, "egress", Direction.EGRESS, at, namespace);
    boolean governsIngress;
    boolean governsEgress;
    JsonNode types = spec.path("types");
    if (types.size() == 0) {
      // api/pkg/defaults/networkpolicy.go defaultPolicyTypesField: no egress rules -> Ingress (even without ingress
      // rules); egress rules only -> Egress; both -> both.
      governsIngress = egress.isEmpty() || !ingress.isEmpty();
      governsEgress = !egress.isEmpty();
    } else {
      governsIngress = false;
      governsEgress = false;
      for (JsonNode t : types) {
        switch (t.asText()) {
          case "Ingress" -> governsIngress = true;
          case "Egress" -> governsEgress = true;
          default -> throw new IllegalArgumentException(at + ": spec.types holds Ingress or Egress, not '"
              + t.asText() + "'");
        }
      }
    }
    return new Policy(d.ref(), d.kind(), tier.isEmpty() ? DEFAULT_TIER : tier, order(spec, at), subject,
        governsIngress, governsEgress, ingress, egress);
  }

  private static List<Rule> rules(
      JsonNode spec, String key, Direction direction, String at, Optional<String> namespace) {
    List<Rule> out = new ArrayList<>();
    int i = 0;
    for (JsonNode rule : spec.path(key)) {
      out.add(rule(rule, direction, at + ": spec." + key + "[" + i++ + "]", namespace));
    }
    return out;
  }

  /** One rule of a policy; {@code namespace} is a namespaced policy's own (empty for a global one). */
  private static Rule rule(JsonNode rule, Direction direction, String place, Optional<String> namespace) {
    for (String field : NOT_JUDGED_RULE) {
      if (rule.has(field)) {
        throw new IllegalArgumentException(place + ": " + field + " is not judged by the evaluator");
      }
    }
    RuleAction action = switch (rule.path("action").asText()) {
      case "Allow" -> RuleAction.ALLOW;
      case "Deny" -> RuleAction.DENY;
      case "Log" -> RuleAction.LOG;
      case "Pass" -> RuleAction.PASS;
      default -> throw new IllegalArgumentException(place + ": action is Allow, Deny, Log or Pass, not '"
          + rule.path("action").asText() + "'");
    };
    Optional<Integer> ipVersion = Optional.empty();
    if (rule.hasNonNull("ipVersion")) {
      int v = rule.get("ipVersion").asInt();
      if (v != 4 && v != 6) {
        throw new IllegalArgumentException(place + ": ipVersion is 4 or 6");
      }
      ipVersion = Optional.of(v);
    }
    Optional<Integer> protocol = rule.hasNonNull("protocol")
        ? Optional.of(protocol(rule.get("protocol"), place)) : Optional.empty();
    Optional<Icmp> icmp = Optional.empty();
    if (rule.hasNonNull("icmp")) {
      if (protocol.isEmpty() || protocol.get() != IPPROTO_ICMP && protocol.get() != IPPROTO_ICMPV6) {
        throw new IllegalArgumentException(place + ": icmp needs protocol ICMP or ICMPv6 (Calico's validator"
            + " refuses it otherwise)");
      }
      JsonNode fields = rule.get("icmp");
      if (!fields.hasNonNull("type")) {
        if (fields.hasNonNull("code")) {
          throw new IllegalArgumentException(place + ": icmp.code needs icmp.type");
        }
      } else {
        icmp = Optional.of(new Icmp(fields.get("type").asInt(),
            fields.hasNonNull("code") ? Optional.of(fields.get("code").asInt()) : Optional.empty()));
      }
    }
    Entity source = entity(rule.path("source"), place + ".source", false, namespace);
    Entity destination = entity(rule.path("destination"), place + ".destination", true, namespace);
    boolean ingress = direction == Direction.INGRESS;
    if (destination.service().isPresent() && ingress || source.service().isPresent() && !ingress) {
      throw new IllegalArgumentException(place + ": services stands in the source of an ingress rule or the"
          + " destination of an egress rule (Calico's validator refuses it here)");
    }
    if (destination.service().isPresent() && !destination.ports().isEmpty()) {
      throw new IllegalArgumentException(place + ".destination: ports cannot be specified with services");
    }
    if (protocol.isEmpty() && destination.ports().stream().anyMatch(p -> p.name().isEmpty())) {
      throw new IllegalArgumentException(place + ": rules with numeric port or port range must set protocol to TCP"
          + " or UDP or SCTP (Calico's validator refuses it otherwise)");
    }
    if (!destination.ports().isEmpty() && protocol.filter(p -> p != IPPROTO_TCP && p != IPPROTO_UDP && p != IPPROTO_SCTP).isPresent()) {
      throw new IllegalArgumentException(place + ": ports need a protocol that has ports (TCP, UDP or SCTP)");
    }
    Optional<Http> http = Optional.empty();
    if (rule.hasNonNull("http")) {
      if (!ingress) {
        throw new IllegalArgumentException(place + ": http is not allowed in egress rules");
      }
      if (action != RuleAction.ALLOW) {
        throw new IllegalArgumentException(place + ": http is only valid on Allow rules");
      }
      if (protocol.filter(p -> p != IPPROTO_TCP).isPresent()) {
        throw new IllegalArgumentException(place + ": rules with an http match must have protocol TCP or none");
      }
      http = Optional.of(http(rule.get("http"), place + ".http"));
    }
    return new Rule(place, action, ipVersion, protocol, icmp, source, destination, http);
  }

  /** The protocol number of a flow. */
  static int number(FlowProtocol protocol) {
    return switch (protocol) {
      case TCP -> IPPROTO_TCP;
      case UDP -> IPPROTO_UDP;
      case SCTP -> IPPROTO_SCTP;
      case ICMP -> IPPROTO_ICMP;
      case ICMPV6 -> IPPROTO_ICMPV6;
    };
  }

  /** {@code TCP}, {@code UDP}, {@code ICMP}, {@code ICMPv6}, {@code SCTP}, {@code UDPLite} (any case) or 1 to 255. */
  private static int protocol(JsonNode value, String place) {
    String text = value.asText();
    if (!text.isEmpty() && text.chars().allMatch(Character::isDigit)) {
      int n = Integer.parseInt(text);
      if (n >= 1 && n <= 255) {
        return n;
      }
    }
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "tcp" -> IPPROTO_TCP;
      case "udp" -> IPPROTO_UDP;
      case "icmp" -> IPPROTO_ICMP;
      case "icmpv6" -> IPPROTO_ICMPV6;
      case "sctp" -> IPPROTO_SCTP;
      case "udplite" -> IPPROTO_UDPLITE;
      default -> throw new IllegalArgumentException(place + ": protocol '" + text + "' is none of TCP, UDP, ICMP,"
          + " ICMPv6, SCTP, UDPLite or 1 to 255");
    };
  }

  private static Entity entity(JsonNode entity, String place, boolean destination, Optional<String> policyNamespace) {
    for (String field : NOT_JUDGED_ENTITY) {
      if (nonEmpty(entity, field)) {
        throw new IllegalArgumentException(place + ": " + field + " is not judged by the evaluator");
      }
    }
    if (!destination && nonEmpty(entity, "ports")) {
      throw new IllegalArgumentException(place + ".ports: source ports are not judged (a flow has none)");
    }
    List<Cidr> nets = cidrs(entity.path("nets"), place + ".nets");
    List<Cidr> notNets = cidrs(entity.path("notNets"), place + ".notNets");
    String selectorText = text(entity, "selector");
    String namespaces = text(entity, "namespaceSelector");
    if (selectorText.contains("global()")) {
      throw new IllegalArgumentException(place + ".selector: global() can only be used in a namespaceSelector");
    }
    if (namespaces.contains("global(") && !namespaces.strip().equals("global()")) {
      throw new IllegalArgumentException(place + ".namespaceSelector: global() cannot be combined with other"
          + " selectors");
    }
    List<CalicoSelector> parts = new ArrayList<>();
    JsonNode accounts = entity.path("serviceAccounts");
    if (!accounts.isMissingNode() && !accounts.isNull()) {
      // rules.go parseServiceAccounts: pcsa.<selector> && projectcalico.org/serviceaccount in {names}.
      String accountSelector = text(accounts, "selector");
      if (!accountSelector.isEmpty()) {
        parts.add(serviceAccountSelector(accountSelector, place + ".serviceAccounts.selector"));
      }
      List<String> accountNames = new ArrayList<>();
      accounts.path("names").forEach(n -> accountNames.add(n.asText()));
      if (!accountNames.isEmpty()) {
        parts.add(CalicoSelector.in(SERVICE_ACCOUNT_LABEL, accountNames));
      }
    }
    if (!selectorText.isEmpty()) {
      parts.add(selector(selectorText, place + ".selector"));
    }
    Optional<CalicoSelector> selector = parts.isEmpty() ? Optional.empty() : Optional.of(CalicoSelector.and(parts));
    if (!namespaces.isEmpty()) {
      // rules.go getEndpointSelector: pcns.<namespaceSelector>, all() as has(projectcalico.org/namespace) and
      // global() as !has(projectcalico.org/namespace), ANDed with the selectors above.
      CalicoSelector scope = namespaceScope(prefixed(selector(namespaces, place + ".namespaceSelector"),
          NAMESPACE_PREFIX));
      selector = Optional.of(selector.map(s -> CalicoSelector.and(scope, s)).orElse(scope));
    } else if (policyNamespace.isPresent() && selector.isPresent()) {
      // rules.go getEndpointSelector: "No namespace selector was given and this is a namespaced network policy, so
      // the rule applies only to its own namespace": (projectcalico.org/namespace == 'NS') && (selector).
      selector = Optional.of(CalicoSelector.and(
          CalicoSelector.equal(NAMESPACE_LABEL, policyNamespace.get()), selector.get()));
    }
    Optional<ServiceRef> service = Optional.empty();
    JsonNode services = entity.path("services");
    if (!services.isMissingNode() && !services.isNull()) {
      if (!nets.isEmpty() || !notNets.isEmpty() || selector.isPresent()) {
        throw new IllegalArgumentException(place + ": services cannot be specified with nets, notNets, selectors,"
            + " namespaceSelector or serviceAccounts (Calico's validator refuses it)");
      }
      String name = text(services, "name");
      // A namespaced policy's services match defaults to its own namespace (_entityrule.mdx, ServiceMatch).
      String namespace = text(services, "namespace").isEmpty() ? policyNamespace.orElse("")
          : text(services, "namespace");
      if (name.isEmpty() || namespace.isEmpty()) {
        throw new IllegalArgumentException(place + ".services: a GlobalNetworkPolicy must name the Service and its"
            + " namespace");
      }
      service = Optional.of(new ServiceRef(name, namespace));
    }
    List<PortMatch> ports = new ArrayList<>();
    for (JsonNode p : entity.path("ports")) {
      ports.add(port(p, place + ".ports"));
    }
    return new Entity(nets, notNets, selector, service, ports);
  }

  private static PortMatch port(JsonNode p, String place) {
    String text = p.asText();
    if (p.isInt() || text.matches("\\d+")) {
      int n = Integer.parseInt(text);
      checkPort(n, place);
      return new PortMatch(n, n, Optional.empty());
    }
    java.util.regex.Matcher range = java.util.regex.Pattern.compile("(\\d+):(\\d+)").matcher(text);
    if (range.matches()) {
      int first = Integer.parseInt(range.group(1));
      int last = Integer.parseInt(range.group(2));
      checkPort(first, place);
      checkPort(last, place);
      if (first > last) {
        throw new IllegalArgumentException(place + ": the range '" + text + "' ends before it starts");
      }
      return new PortMatch(first, last, Optional.empty());
    }
    if (!text.matches("[a-zA-Z0-9_.-]{1,128}")) {
      throw new IllegalArgumentException(place + ": '" + text + "' is no port, range or port name");
    }
    return new PortMatch(0, 0, Optional.of(text));
  }

  private static void checkPort(int n, String place) {
    if (n > 65535) {
      throw new IllegalArgumentException(place + ": port " + n + " is above 65535");
    }
  }

  private static Http http(JsonNode http, String place) {
    List<String> methods = new ArrayList<>();
    http.path("methods").forEach(m -> methods.add(m.asText()));
    List<PathMatch> paths = new ArrayList<>();
    int i = 0;
    for (JsonNode p : http.path("paths")) {
      String at = place + ".paths[" + i++ + "]";
      boolean exact = p.hasNonNull("exact");
      if (exact == p.hasNonNull("prefix")) {
        throw new IllegalArgumentException(at + ": a path is exact or prefix, one of the two");
      }
      paths.add(new PathMatch(exact, p.get(exact ? "exact" : "prefix").asText()));
    }
    return new Http(methods, paths);
  }

  private static List<Cidr> cidrs(JsonNode list, String place) {
    List<Cidr> out = new ArrayList<>();
    for (JsonNode n : list) {
      String text = n.asText();
      try {
        out.add(Cidr.parse(text.contains("/") ? text : text + (text.contains(":") ? "/128" : "/32")));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(place + ": '" + text + "' is not a CIDR", e);
      }
    }
    return out;
  }

  /**
   * A service account selector, which the model can judge only on the label Calico gives every service account,
   * {@code projectcalico.org/name}: it holds no other label of a service account.
   */
  private static CalicoSelector serviceAccountSelector(String text, String place) {
    CalicoSelector s = selector(text, place);
    List<String> keys = new ArrayList<>();
    keys(s, keys);
    for (String key : keys) {
      if (!key.equals(CalicoRules.NAMESPACE_NAME)) {
        throw new IllegalArgumentException(place + ": the label '" + key + "' of a service account is not judged:"
            + " the cluster model holds a service account's name only (" + CalicoRules.NAMESPACE_NAME + ")");
      }
    }
    return prefixed(s, SERVICE_ACCOUNT_PREFIX);
  }

  private static CalicoSelector selector(String text, String place) {
    try {
      return SelectorParser.parse(text);
    } catch (CalicoSelectorSyntaxException e) {
      throw new IllegalArgumentException(place + ": Calico refuses the selector: " + e.getMessage(), e);
    }
  }

  /** The keys a selector names. */
  private static void keys(CalicoSelector s, List<String> out) {
    map(s, leaf -> rekeyed(leaf, key -> {
      out.add(key);
      return key;
    }));
  }

  /**
   * The selector with every label key prefixed, as libcalico-go's {@code parser.PrefixVisitor} does
   * ({@code updateprocessors/selectors.go} {@code parseSelectorAttachPrefix}); {@code all()} and {@code global()}
   * stay.
   */
  static CalicoSelector prefixed(CalicoSelector s, String prefix) {
    return map(s, leaf -> rekeyed(leaf, key -> prefix + key));
  }

  /** {@code all()} read as {@code has(projectcalico.org/namespace)}: every workload endpoint. */
  private static CalicoSelector workloadsForAll(CalicoSelector s) {
    return map(s, leaf -> leaf instanceof CalicoSelector.All ? CalicoSelector.has(NAMESPACE_LABEL) : leaf);
  }

  /** A rule's namespace selector: {@code all()} every workload endpoint, {@code global()} none. */
  private static CalicoSelector namespaceScope(CalicoSelector s) {
    return map(workloadsForAll(s), leaf -> leaf instanceof CalicoSelector.Global
        ? new CalicoSelector.Not(CalicoSelector.has(NAMESPACE_LABEL)) : leaf);
  }

  /** The selector with each of its operations (every node but and, or and not) replaced by the function's answer. */
  private static CalicoSelector map(CalicoSelector s, UnaryOperator<CalicoSelector> operation) {
    if (s instanceof CalicoSelector.And a) {
      return new CalicoSelector.And(a.operands().stream().map(o -> map(o, operation)).toList());
    } else if (s instanceof CalicoSelector.Or o) {
      return new CalicoSelector.Or(o.operands().stream().map(x -> map(x, operation)).toList());
    } else if (s instanceof CalicoSelector.Not n) {
      return new CalicoSelector.Not(map(n.operand(), operation));
    }
    return operation.apply(s);
  }

  /** An operation with its label key mapped; {@code all()} and {@code global()}, which name none, as they are. */
  private static CalicoSelector rekeyed(CalicoSelector s, UnaryOperator<String> key) {
    if (s instanceof CalicoSelector.Has h) {
      return new CalicoSelector.Has(key.apply(h.key()));
    } else if (s instanceof CalicoSelector.Equal e) {
      return new CalicoSelector.Equal(key.apply(e.key()), e.value());
    } else if (s instanceof CalicoSelector.NotEqual e) {
      return new CalicoSelector.NotEqual(key.apply(e.key()), e.value());
    } else if (s instanceof CalicoSelector.In e) {
      return new CalicoSelector.In(key.apply(e.key()), e.values());
    } else if (s instanceof CalicoSelector.NotIn e) {
      return new CalicoSelector.NotIn(key.apply(e.key()), e.values());
    } else if (s instanceof CalicoSelector.Contains e) {
      return new CalicoSelector.Contains(key.apply(e.key()), e.value());
    } else if (s instanceof CalicoSelector.StartsWith e) {
      return new CalicoSelector.StartsWith(key.apply(e.key()), e.value());
    } else if (s instanceof CalicoSelector.EndsWith e) {
      return new CalicoSelector.EndsWith(key.apply(e.key()), e.value());
    }
    return s;
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? "" : v.asText();
  }

  private static boolean nonEmpty(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v != null && !v.isNull() && (v.isContainerNode() ? v.size() > 0 : !v.asText().isEmpty());
  }
}

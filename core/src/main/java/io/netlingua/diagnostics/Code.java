package io.netlingua.diagnostics;

/**
 * The catalogue of diagnostic codes. A code is stable once released; each has a page in
 * {@code docs/diagnostics.md} and its own test. {@code NL1xxx} syntax and input limits, {@code NL2xxx} semantic
 * checks (imports included), {@code NL3xxx} target capabilities, {@code NL4xxx} output validation, {@code NL5xxx}
 * I/O of the run itself.
 */
public enum Code {
  // NL1xxx: reading the text.
  INVALID_UTF8("NL1001", Severity.ERROR, "the file is not valid UTF-8"),
  UNEXPECTED_CHARACTER("NL1002", Severity.ERROR, "a character that starts no token"),
  SYNTAX_ERROR("NL1003", Severity.ERROR, "the text does not follow the grammar"),
  UNTERMINATED_STRING("NL1004", Severity.ERROR, "a string without its closing quote"),
  INVALID_ESCAPE("NL1005", Severity.ERROR, "a string escape other than \\\" and \\\\"),
  FILE_TOO_LARGE("NL1010", Severity.ERROR, "a file larger than the limit (16 MiB by default)"),
  TOKEN_TOO_LONG("NL1011", Severity.ERROR, "a token longer than the limit (64 KiB by default)"),
  NESTING_TOO_DEEP("NL1012", Severity.ERROR, "braces and parentheses nested deeper than the limit (64)"),
  LET_CHAIN_TOO_DEEP("NL1013", Severity.ERROR, "a let chain deeper than the limit (1,000)"),
  INVALID_NAME("NL1020", Severity.ERROR, "a policy or let name that is not [a-z]([-a-z0-9]*[a-z0-9])? of 63 or fewer characters"),
  MISPLACED_NAMESPACE("NL1021", Severity.ERROR, "a namespace directive repeated or after a policy"),
  MISPLACED_IMPORT("NL1022", Severity.ERROR, "an import after a let or a policy"),

  // NL2xxx: meaning.
  UNKNOWN_NAME("NL2001", Severity.ERROR, "a name that no let defines"),
  DUPLICATE_POLICY("NL2002", Severity.ERROR, "two policies of one name in one namespace, or two cluster policies of one name"),
  DUPLICATE_LET("NL2003", Severity.ERROR, "two lets of one name in scope"),
  RESERVED_LET_NAME("NL2004", Severity.ERROR, "a let named after a reserved word"),
  LET_CYCLE("NL2005", Severity.ERROR, "a let that refers to itself, directly or not"),
  LET_KIND_MISMATCH("NL2006", Severity.ERROR, "a let that mixes peers and ports, or is used where the other kind belongs"),
  MISSING_NAMESPACE("NL2007", Severity.ERROR, "a namespaced policy with no namespace"),
  MISSING_SELECT("NL2008", Severity.ERROR, "a policy without select"),
  REPEATED_SELECT("NL2009", Severity.ERROR, "a policy with two select clauses"),
  SELECT_NOT_PODS("NL2010", Severity.ERROR, "select naming something other than pods"),
  SELECT_WITH_NAMESPACE("NL2011", Severity.ERROR, "select in a namespaced policy naming a namespace"),
  NO_RULE_BLOCK("NL2012", Severity.ERROR, "a policy with neither ingress nor egress"),
  REPEATED_BLOCK("NL2013", Severity.ERROR, "two blocks of one direction in a policy"),
  WRONG_PEER_KEYWORD("NL2014", Severity.ERROR, "from in egress, or to in ingress"),
  PEER_WRONG_DIRECTION("NL2015", Severity.ERROR, "a peer kind in a direction it cannot be used in (fqdn, service in ingress)"),
  L7_ON_DENY("NL2016", Severity.ERROR, "an L7 block on a deny rule"),
  L7_WITHOUT_PORTS("NL2017", Severity.ERROR, "an L7 block on a rule without on"),
  L7_MIXED_KINDS("NL2018", Severity.ERROR, "an L7 block that mixes kinds"),
  L7_WRONG_PROTOCOL("NL2019", Severity.ERROR, "an L7 block on a port its kind does not allow"),
  INVALID_CIDR("NL2020", Severity.ERROR, "a CIDR that is invalid or not written canonically"),
  EXCEPT_OUTSIDE_CIDR("NL2021", Severity.ERROR, "an except that is not inside its CIDR"),
  INVALID_PORT("NL2022", Severity.ERROR, "a port of 0 or above 65535"),
  INVALID_PORT_RANGE("NL2023", Severity.ERROR, "a port range whose low end is above its high end"),
  INVALID_NAMED_PORT("NL2024", Severity.ERROR, "a named port that is not an IANA service name"),
  INVALID_LABEL_KEY("NL2025", Severity.ERROR, "a label key that Kubernetes rejects"),
  INVALID_LABEL_VALUE("NL2026", Severity.ERROR, "a label value that Kubernetes rejects"),
  INVALID_NAMESPACE("NL2027", Severity.ERROR, "a namespace name that is not a DNS-1123 label"),
  INVALID_REGEX("NL2028", Severity.ERROR, "a path regex that RE2 rejects"),
  INVALID_FQDN("NL2029", Severity.ERROR, "an fqdn or dns pattern that is not a valid name pattern"),
  IMPORT_CYCLE("NL2030", Severity.ERROR, "files that import each other"),
  MISSING_IMPORT("NL2031", Severity.ERROR, "an import of a file that is missing or unreadable"),
  IMPORT_OUTSIDE_ROOT("NL2032", Severity.ERROR, "an import that leaves the program's root or names no .npl file"),
  EMPTY_SELECTOR("NL2033", Severity.ERROR, "pods() or namespaces() with an empty selector"),
  REPEATED_HTTP_CLAUSE("NL2034", Severity.ERROR, "an http alternative with two path or two host clauses"),
  INVALID_ICMP("NL2035", Severity.ERROR, "an ICMP type or code above 255"),
  INVALID_OBJECT_NAME("NL2036", Severity.ERROR, "a service or service account name that Kubernetes rejects"),
  INVALID_GRPC("NL2037", Severity.ERROR, "a grpc alternative that is not \"package.Service/Method\" or \"package.Service/*\""),
  REPEATED_DESCRIPTION("NL2038", Severity.ERROR, "a policy with two descriptions"),
  INVALID_HTTP("NL2039", Severity.ERROR, "an invalid HTTP method, path, host or header"),
  INVALID_KAFKA("NL2040", Severity.ERROR, "an invalid Kafka topic or client id"),

  // NL3xxx: target capabilities, one code per feature; the target, outcome and direction are fields of the
  // diagnostic (TargetFinding) and the run's mode decides the severity (SEMANTICS.md section 2).
  POLICY_ENFORCEMENT("NL3001", Severity.ERROR, "the target enforces no network policy at all"),
  CLUSTER_SCOPE("NL3002", Severity.ERROR, "a cluster policy on a target without cluster-scoped policy"),
  DENY("NL3003", Severity.ERROR, "a deny rule the target cannot express exactly"),
  L7_HTTP("NL3004", Severity.ERROR, "HTTP rules the target cannot express"),
  L7_GRPC("NL3005", Severity.ERROR, "gRPC rules the target cannot express"),
  L7_KAFKA("NL3006", Severity.ERROR, "Kafka rules the target cannot express"),
  L7_DNS("NL3007", Severity.ERROR, "DNS rules the target cannot express"),
  FQDN("NL3008", Severity.ERROR, "fqdn peers the target cannot express"),
  ENTITY_WORLD("NL3009", Severity.ERROR, "the world peer, not exact on the target"),
  ENTITY_CLUSTER("NL3010", Severity.ERROR, "the cluster peer, not exact on the target"),
  ENTITY_NODES("NL3011", Severity.ERROR, "the nodes peer, not expressible on the target"),
  ENTITY_HOST("NL3012", Severity.ERROR, "the host peer, not expressible on the target"),
  ENTITY_KUBE_APISERVER("NL3013", Severity.ERROR, "the kube-apiserver peer, not expressible on the target"),
  ENTITY_ANY("NL3014", Severity.ERROR, "the any peer, not exact on the target"),
  CIDR("NL3015", Severity.ERROR, "a cidr peer the target cannot keep outside the cluster"),
  SERVICE_ACCOUNT("NL3016", Severity.ERROR, "serviceaccount peers the target cannot express"),
  SERVICE("NL3017", Severity.ERROR, "service peers the target cannot express"),
  NAMED_PORT("NL3018", Severity.ERROR, "named ports the target cannot express"),
  PORT_RANGE("NL3019", Severity.ERROR, "port ranges the target (version) cannot express"),
  SCTP("NL3020", Severity.ERROR, "SCTP ports the target cannot express"),
  ICMP("NL3021", Severity.ERROR, "ICMP the target cannot express"),
  LOG("NL3022", Severity.WARNING, "log, which the target cannot express (no verdict changes)"),
  SELECTORS("NL3023", Severity.ERROR, "pod and namespace selectors the target cannot express"),
  NODE_LOCAL_TRAFFIC("NL3901", Severity.INFO, "the platform always allows traffic between a pod and its own node"),
  CIDR_ASSUMPTION("NL3902", Severity.INFO, "cidr peers are taken to lie outside the cluster (no cluster CIDRs given)"),
  CLUSTER_FACT("NL3903", Severity.INFO, "a fact about the cluster, stated in the run's options, that the output relies on"),
  PLATFORM_SETTING("NL3904", Severity.INFO, "a setting of the target's platform (an agent's default) that the output relies on"),
  CNI_READING("NL3905", Severity.INFO, "a corner of NetworkPolicy that a CNI enforcing it reads otherwise"),

  // NL4xxx: the output.
  INVALID_OUTPUT("NL4001", Severity.ERROR, "an emitted document does not validate against its schema"),
  DUPLICATE_OBJECT("NL4002", Severity.ERROR, "two emitted objects of one kind, namespace and name"),

  // NL5xxx: the run itself.
  UNREADABLE_PATH("NL5001", Severity.ERROR, "a path named on the command line that cannot be read"),
  NO_SOURCE_FILES("NL5002", Severity.ERROR, "a directory without a single .npl file"),
  LINK_OUTSIDE_ROOT("NL5003", Severity.WARNING, "a symbolic link whose target leaves the directory (not followed)"),
  UNWRITABLE_OUTPUT("NL5004", Severity.ERROR, "the output folder cannot be written"),
  FILE_OUTSIDE_ROOT("NL5005", Severity.ERROR, "a file selected for a program that is not inside the program's root");

  private final String id;
  private final Severity severity;
  private final String summary;

  Code(String id, Severity severity, String summary) {
    this.id = id;
    this.severity = severity;
    this.summary = summary;
  }

  /** The stable identifier, {@code NLnnnn}. */
  public String id() {
    return id;
  }

  /** The severity diagnostics of this code have unless a mode decides otherwise. */
  public Severity severity() {
    return severity;
  }

  /** One line saying what the code means. */
  public String summary() {
    return summary;
  }

  /** Whether this code is about the run itself ({@code NL5xxx}) rather than about the program's text. */
  public boolean isRunProblem() {
    return id.startsWith("NL5");
  }
}

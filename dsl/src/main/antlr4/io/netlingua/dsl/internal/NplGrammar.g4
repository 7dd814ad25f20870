/*
 * The grammar of the Netlingua policy language (.npl); LANGUAGE.md is the contract.
 *
 * Lexing decisions worth knowing:
 * - A word is one token even when it holds '/', '.', ':' or '-': label keys with a DNS prefix
 *   (example.com/tier), CIDRs (10.0.0.0/8, 2001:db8::/32, ::ffff:10.0.0.0/104), ranges (8000-8100). Invalid
 *   CIDR text therefore reaches the model builder whole, which hands it to Cidr.read for a canonical hint.
 * - tcp/8080, udp/53, tcp/http, tcp/"http" are one PORTSPEC token: it is defined before WORD and wins ties of length.
 * - Keywords are accepted wherever the language takes a word (rule 'word').
 * - Characters that start no token and unterminated strings never fail the lexer: the reader reports them.
 */
grammar NplGrammar;

/* Every context extends TreeNode, whose children list starts small: most nodes have one child. */
options { contextSuperClass = TreeNode; }

/*
 * Labels (verdict=, ref=, ...) name tokens the model builder reads: ANTLR sets a label while it parses, where
 * the accessor of a token (ALLOW(), WORD()) searches the children anew on every call.
 */

@parser::members {
  /** Whether ", X" continues an except list: X looks like an address (a let name never holds '.', ':' or '/'). */
  private boolean exceptContinues() {
    Token comma = _input.LT(1);
    Token next = _input.LT(2);
    if (comma.getType() != COMMA || next.getType() != WORD) {
      return false;
    }
    String t = next.getText();
    return t.indexOf('.') >= 0 || t.indexOf(':') >= 0 || t.indexOf('/') >= 0;
  }
}

file : item* EOF ;

item
  : NAMESPACE word                                                        # namespaceDirective
  | IMPORT STRING                                                         # importDecl
  | LET word EQ letTerm (COMMA letTerm)*                                  # letDecl
  | POLICY word (IN NAMESPACE word)? LBRACE policyItem* RBRACE            # policyDecl
  | CLUSTER POLICY word LBRACE policyItem* RBRACE                         # clusterPolicyDecl
  ;

letTerm : peer | port | ref=WORD ;

policyItem
  : SELECT peerTerm (COMMA peerTerm)*                                     # selectClause
  | DESCRIPTION STRING                                                    # descriptionClause
  | direction=(INGRESS | EGRESS) LBRACE ruleDecl* RBRACE                  # ruleBlock
  ;

ruleDecl
  : logged=LOG? verdict=(ALLOW | DENY) peerKeyword=(FROM | TO) peerTerm (COMMA peerTerm)*
    (ON portTerm (COMMA portTerm)*)? l7Block?
  ;

peerTerm : peer | ref=WORD ;

peer
  : PODS (open=LPAREN selector? close=RPAREN)? scope?                     # podsPeer
  | NAMESPACE word                                                        # namespacePeer
  | NAMESPACES LPAREN selector? RPAREN                                    # namespacesPeer
  | SERVICEACCOUNT word (IN NAMESPACE word)?                              # serviceAccountPeer
  | SERVICE word (IN NAMESPACE word)?                                     # servicePeer
  | CIDR WORD (EXCEPT WORD ({exceptContinues()}? COMMA WORD)*)?           # cidrPeer
  | FQDN STRING                                                           # fqdnPeer
  | (WORLD | CLUSTER | NODES | HOST | KUBE_APISERVER | ANY)               # entityPeer
  ;

scope
  : IN NAMESPACE word                                                     # namedScope
  | IN NAMESPACES LPAREN selector? RPAREN                                 # selectedScope
  | IN ANY NAMESPACE                                                      # anyScope
  ;

selector : requirement (COMMA requirement)* ;

requirement
  : labelKey op=(EQ | EQEQ | NEQ) word                                    # compareRequirement
  | labelKey op=(IN | NOTIN) LPAREN word (COMMA word)* RPAREN             # setRequirement
  | labelKey                                                              # existsRequirement
  | BANG labelKey                                                         # notExistsRequirement
  ;

labelKey : word | PORTSPEC ;

portTerm : port | ref=WORD ;

port
  : PORTSPEC                                                              # specPort
  | (TCP | UDP | SCTP)                                                    # protocolPort
  | (ICMP | ICMPV6) (TYPE WORD (CODE WORD)?)?                             # icmpPort
  ;

l7Block : LBRACE l7Alternative+ RBRACE ;

l7Alternative
  : HTTP (WORD | STAR) httpClause*                                        # httpAlternative
  | GRPC STRING                                                           # grpcAlternative
  | KAFKA (PRODUCE | CONSUME) TOPIC STRING (CLIENT STRING)?               # kafkaAlternative
  | DNS STRING (COMMA STRING)*                                            # dnsAlternative
  ;

httpClause
  : PATH (PREFIX | REGEX)? STRING                                         # pathClause
  | HOST STRING                                                           # hostClause
  | HEADER STRING (EQ STRING)?                                            # headerClause
  ;

/* A word: a WORD token, a quoted string, or a keyword where the language accepts it as a word. */
word : WORD | STRING | keyword ;

keyword
  : NAMESPACE | NAMESPACES | IMPORT | LET | POLICY | CLUSTER | IN | SELECT | DESCRIPTION | INGRESS | EGRESS
  | LOG | ALLOW | DENY | FROM | TO | ON | PODS | ANY | SERVICEACCOUNT | SERVICE | CIDR | EXCEPT | FQDN | WORLD
  | NODES | HOST | KUBE_APISERVER | TCP | UDP | SCTP | ICMP | ICMPV6 | TYPE | CODE | HTTP | GRPC | KAFKA | DNS
  | PATH | PREFIX | REGEX | HEADER | PRODUCE | CONSUME | TOPIC | CLIENT | NOTIN
  ;

NAMESPACE : 'namespace' ;
NAMESPACES : 'namespaces' ;
IMPORT : 'import' ;
LET : 'let' ;
POLICY : 'policy' ;
CLUSTER : 'cluster' ;
IN : 'in' ;
SELECT : 'select' ;
DESCRIPTION : 'description' ;
INGRESS : 'ingress' ;
EGRESS : 'egress' ;
LOG : 'log' ;
ALLOW : 'allow' ;
DENY : 'deny' ;
FROM : 'from' ;
TO : 'to' ;
ON : 'on' ;
PODS : 'pods' ;
ANY : 'any' ;
SERVICEACCOUNT : 'serviceaccount' ;
SERVICE : 'service' ;
CIDR : 'cidr' ;
EXCEPT : 'except' ;
FQDN : 'fqdn' ;
WORLD : 'world' ;
NODES : 'nodes' ;
HOST : 'host' ;
KUBE_APISERVER : 'kube-apiserver' ;
TCP : 'tcp' ;
UDP : 'udp' ;
SCTP : 'sctp' ;
ICMP : 'icmp' ;
ICMPV6 : 'icmpv6' ;
TYPE : 'type' ;
CODE : 'code' ;
HTTP : 'http' ;
GRPC : 'grpc' ;
KAFKA : 'kafka' ;
DNS : 'dns' ;
PATH : 'path' ;
PREFIX : 'prefix' ;
REGEX : 'regex' ;
HEADER : 'header' ;
PRODUCE : 'produce' ;
CONSUME : 'consume' ;
TOPIC : 'topic' ;
CLIENT : 'client' ;
NOTIN : 'notin' ;

LBRACE : '{' ;
RBRACE : '}' ;
LPAREN : '(' ;
RPAREN : ')' ;
COMMA : ',' ;
EQEQ : '==' ;
NEQ : '!=' ;
EQ : '=' ;
BANG : '!' ;
STAR : '*' ;

/* A named port may be quoted like any word (tcp/"http"); the quotes belong to the one token. */
PORTSPEC : ('tcp' | 'udp' | 'sctp') '/' (WORD_CHAR+ | '"' ('\\' ~[\r\n] | ~["\\\r\n])* '"') ;
WORD : WORD_CHAR+ ('/' WORD_CHAR+)* ;

/*
 * The closing quote is optional so that an unterminated string ends at its line end (a backslash just before
 * the line end included); the reader reports it.
 */
STRING : '"' ('\\' ~[\r\n] | ~["\\\r\n])* ('"' | '\\')? ;

COMMENT : ('#' | '//') ~[\r\n]* -> channel(HIDDEN) ;
WS : [ \t\r\n\f]+ -> skip ;

/* Anything else: kept off the parser's channel and reported by the reader as an unexpected character. */
UNEXPECTED : . -> channel(HIDDEN) ;

fragment WORD_CHAR : [A-Za-z0-9_.:-] ;

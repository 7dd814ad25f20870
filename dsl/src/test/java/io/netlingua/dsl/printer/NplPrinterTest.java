package io.netlingua.dsl.printer;

import static org.assertj.core.api.Assertions.assertThat;

import io.netlingua.dsl.Comment;
import io.netlingua.dsl.NplPrinter;
import io.netlingua.model.AllPorts;
import io.netlingua.model.CidrPeer;
import io.netlingua.model.Definition;
import io.netlingua.model.DnsBlock;
import io.netlingua.model.DnsRule;
import io.netlingua.model.Entity;
import io.netlingua.model.EntityPeer;
import io.netlingua.model.FqdnPeer;
import io.netlingua.model.GrpcBlock;
import io.netlingua.model.GrpcRule;
import io.netlingua.model.HttpBlock;
import io.netlingua.model.HttpRule;
import io.netlingua.model.IcmpPort;
import io.netlingua.model.Import;
import io.netlingua.model.KafkaBlock;
import io.netlingua.model.KafkaRule;
import io.netlingua.model.LabelSelector;
import io.netlingua.model.NamedPort;
import io.netlingua.model.NamespaceScope;
import io.netlingua.model.Peer;
import io.netlingua.model.PeerRef;
import io.netlingua.model.PodPeer;
import io.netlingua.model.Policy;
import io.netlingua.model.PolicyFile;
import io.netlingua.model.PortRange;
import io.netlingua.model.PortRef;
import io.netlingua.model.Protocol;
import io.netlingua.model.Rule;
import io.netlingua.model.RuleBlock;
import io.netlingua.model.ServiceAccountPeer;
import io.netlingua.model.ServicePeer;
import io.netlingua.model.SourceSpan;
import io.netlingua.model.Subject;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The canonical form on hand-built models, expected text in full. */
class NplPrinterTest {

  private static final PodPeer KUBE_DNS =
      PodPeer.inNamespace(LabelSelector.builder().equal("k8s-app", "kube-dns").build(), "kube-system");

  private static PolicyFile file(
      String namespace, List<Import> imports, List<Definition> definitions, Policy... policies) {
    return new PolicyFile(
        "test.npl",
        Optional.ofNullable(namespace).map(ns -> new PolicyFile.NamespaceDirective(ns, SourceSpan.NONE)),
        imports, definitions, List.of(policies));
  }

  private static LabelSelector app(String value) {
    return LabelSelector.builder().equal("app", value).build();
  }

  private static PeerRef ref(String name, Peer... peers) {
    return new PeerRef(name, List.of(peers), SourceSpan.NONE);
  }

  @Test
  void printsTheShopExampleInCanonicalForm() {
    PodPeer frontend = PodPeer.of(app("frontend"));
    PodPeer backend = PodPeer.of(LabelSelector.builder().equal("app", "backend").in("tier", "api", "worker").build());
    CidrPeer corp = CidrPeer.of("10.0.0.0/8", "10.1.0.0/16");
    List<Definition> lets = List.of(
        new Definition.Peers("frontend", List.of(frontend), SourceSpan.NONE),
        new Definition.Peers("backend", List.of(backend), SourceSpan.NONE),
        new Definition.Peers("corp", List.of(corp, CidrPeer.of("172.16.0.0/12")), SourceSpan.NONE),
        new Definition.Ports("web", List.of(PortRange.of(Protocol.TCP, 80), PortRange.of(Protocol.TCP, 443)),
            SourceSpan.NONE));
    Policy api = Policy.namespaced("backend-api", "shop")
        .description("Orders API: only the web tier may call it")
        .select(ref("backend", backend))
        .ingress(
            Rule.allow(ref("frontend", frontend)).on(PortRange.of(Protocol.TCP, 8080))
                .l7(HttpBlock.of(
                    HttpRule.builder("GET").path("/api/v1/orders").build(),
                    HttpRule.builder("POST").pathPrefix("/api/v1/orders/").build(),
                    HttpRule.builder("GET").pathRegex("/api/v[0-9]+/items/.*").header("X-Tenant").build()))
                .build(),
            Rule.deny(CidrPeer.of("192.168.0.0/16")).log().build())
        .egress(
            Rule.allow(PodPeer.inNamespace(app("postgres"), "data")).on(PortRange.of(Protocol.TCP, 5432)).build(),
            Rule.allow(ref("corp", corp)).on(new PortRef("web", List.of(PortRange.of(Protocol.TCP, 80),
                PortRange.of(Protocol.TCP, 443)), SourceSpan.NONE)).build(),
            Rule.allow(ref("kube-dns", KUBE_DNS))
                .on(PortRange.of(Protocol.UDP, 53), PortRange.of(Protocol.TCP, 53))
                .l7(DnsBlock.of(DnsRule.of("api.stripe.com"), DnsRule.of("*.stripe.network")))
                .build())
        .build();
    Policy baseline = Policy.clusterWide("baseline")
        .egress(Rule.allow(ref("kube-dns", KUBE_DNS)).on(PortRange.of(Protocol.UDP, 53)).build())
        .build();

    String text = NplPrinter.print(file("shop", List.of(), lets, api, baseline));

    assertThat(text).isEqualTo("""
        namespace shop

        let frontend = pods(app=frontend)
        let backend = pods(app=backend, tier in (api, worker))
        let corp = cidr 10.0.0.0/8 except 10.1.0.0/16, cidr 172.16.0.0/12
        let web = tcp/80, tcp/443

        policy backend-api {
          description "Orders API: only the web tier may call it"
          select backend
          ingress {
            allow from frontend on tcp/8080 {
              http GET path "/api/v1/orders"
              http POST path prefix "/api/v1/orders/"
              http GET path regex "/api/v[0-9]+/items/.*" header "X-Tenant"
            }
            log deny from cidr 192.168.0.0/16
          }
          egress {
            allow to pods(app=postgres) in namespace data on tcp/5432
            allow to corp on web
            allow to kube-dns on udp/53, tcp/53 {
              dns "api.stripe.com"
              dns "*.stripe.network"
            }
          }
        }

        cluster policy baseline {
          select pods
          egress {
            allow to kube-dns on udp/53
          }
        }
        """);
  }

  @Test
  void printsEveryPeerForm() {
    LabelSelector tier = LabelSelector.builder().equal("tier", "db").build();
    LabelSelector env = LabelSelector.builder().notIn("env", "dev", "test").build();
    Policy p = Policy.namespaced("peers", "prod")
        .ingress(Rule.allow(
            PodPeer.of(LabelSelector.ALL),
            PodPeer.of(tier),
            PodPeer.namespace("monitoring"),
            PodPeer.inNamespace(tier, "data"),
            new PodPeer(LabelSelector.ALL, NamespaceScope.selected(env), SourceSpan.NONE),
            new PodPeer(tier, NamespaceScope.selected(env), SourceSpan.NONE),
            new PodPeer(LabelSelector.ALL, NamespaceScope.ANY, SourceSpan.NONE),
            new PodPeer(tier, NamespaceScope.ANY, SourceSpan.NONE),
            ServiceAccountPeer.of("reporter", null),
            ServiceAccountPeer.of("reporter", "ops")).build())
        .egress(
            Rule.allow(ServicePeer.of("payments", null), ServicePeer.of("ledger", "finance"),
                FqdnPeer.of("API.Example.com"), FqdnPeer.of("*.example.org")).build(),
            Rule.allow(CidrPeer.of("2001:db8::/32", "2001:db8:1::/48", "2001:db8:2::/48")).build(),
            Rule.allow(EntityPeer.of(Entity.WORLD), EntityPeer.of(Entity.CLUSTER), EntityPeer.of(Entity.NODES),
                EntityPeer.of(Entity.HOST), EntityPeer.of(Entity.KUBE_APISERVER), EntityPeer.of(Entity.ANY))
                .build())
        .build();

    assertThat(NplPrinter.print(file(null, List.of(), List.of(), p))).isEqualTo("""
        policy peers in namespace prod {
          select pods
          ingress {
            allow from pods, pods(tier=db), namespace monitoring, pods(tier=db) in namespace data, \
        namespaces(env notin (dev, test)), pods(tier=db) in namespaces(env notin (dev, test)), \
        pods in any namespace, pods(tier=db) in any namespace, serviceaccount reporter, \
        serviceaccount reporter in namespace ops
          }
          egress {
            allow to service payments, service ledger in namespace finance, fqdn "api.example.com", \
        fqdn "*.example.org"
            allow to cidr 2001:db8::/32 except 2001:db8:1::/48, 2001:db8:2::/48
            allow to world, cluster, nodes, host, kube-apiserver, any
          }
        }
        """);
  }

  @Test
  void printsEverySelectorOperatorPortAndL7Form() {
    LabelSelector all = LabelSelector.builder()
        .equal("app", "web").notEqual("tier", "db").in("env", "prod", "staging").notIn("zone", "a")
        .exists("example.com/owned").doesNotExist("legacy").build();
    Policy p = Policy.clusterWide("forms")
        .select(PodPeer.of(all))
        .ingress(
            Rule.allow(EntityPeer.of(Entity.CLUSTER)).on(
                PortRange.of(Protocol.TCP, 8080), PortRange.of(Protocol.UDP, 8000, 8100),
                NamedPort.of(Protocol.SCTP, "metrics"), AllPorts.of(Protocol.UDP),
                IcmpPort.of(false, null, null), IcmpPort.of(false, 8, null), IcmpPort.of(false, 3, 4),
                IcmpPort.of(true, 128, null)).build(),
            Rule.allow(EntityPeer.of(Entity.WORLD)).on(AllPorts.of(Protocol.TCP))
                .l7(HttpBlock.of(
                    HttpRule.builder("*").build(),
                    HttpRule.builder("PUT").path("/x").host("Shop.Example.com").header("X-A", "1")
                        .header("X-B").build()))
                .build(),
            Rule.allow(EntityPeer.of(Entity.WORLD)).on(PortRange.of(Protocol.TCP, 50051))
                .l7(GrpcBlock.of(GrpcRule.of("shop.v1.Orders", "Get"), GrpcRule.of("shop.v1.Cart", null)))
                .build(),
            Rule.allow(EntityPeer.of(Entity.WORLD)).on(PortRange.of(Protocol.TCP, 9092))
                .l7(KafkaBlock.of(KafkaRule.of(KafkaRule.Role.PRODUCE, "orders", null),
                    KafkaRule.of(KafkaRule.Role.CONSUME, "events", "billing")))
                .build())
        .egress()
        .build();

    assertThat(NplPrinter.print(file(null, List.of(), List.of(), p))).isEqualTo("""
        cluster policy forms {
          select pods(app=web, tier!=db, env in (prod, staging), zone notin (a), example.com/owned, !legacy)
          ingress {
            allow from cluster on tcp/8080, udp/8000-8100, sctp/metrics, udp, icmp, icmp type 8, \
        icmp type 3 code 4, icmpv6 type 128
            allow from world on tcp {
              http *
              http PUT path "/x" host "shop.example.com" header "X-A" = "1" header "X-B"
            }
            allow from world on tcp/50051 {
              grpc "shop.v1.Orders/Get"
              grpc "shop.v1.Cart/*"
            }
            allow from world on tcp/9092 {
              kafka produce topic "orders"
              kafka consume topic "events" client "billing"
            }
          }
          egress {}
        }
        """);
  }

  @Test
  void quotesWordsThatAreNotSafeBareAndEscapesStrings() {
    LabelSelector labels = LabelSelector.builder()
        .equal("version", "2").equal("empty", "").in("Mixed_Case.key", "v1.2", "1a")
        .exists("1.example.com/x").exists("example.com/name").build();
    Policy p = Policy.namespaced("quoting", "9lives")
        .description("say \"hi\" \\ héllo ✓")
        .select(PodPeer.of(labels))
        .ingress(Rule.allow(PodPeer.namespace("in"), ServiceAccountPeer.of("0sa.x", null))
            .on(NamedPort.of(Protocol.TCP, "1http"), NamedPort.of(Protocol.TCP, "http")).build())
        .build();

    assertThat(NplPrinter.print(file("other", List.of(new Import("../lib/a \"b\".npl", SourceSpan.NONE)),
        List.of(), p))).isEqualTo("""
        namespace other

        import "../lib/a \\"b\\".npl"

        policy quoting in namespace "9lives" {
          description "say \\"hi\\" \\\\ héllo ✓"
          select pods(version="2", empty="", Mixed_Case.key in (v1.2, "1a"), "1.example.com/x", example.com/name)
          ingress {
            allow from namespace in, serviceaccount "0sa.x" on tcp/"1http", tcp/http
          }
        }
        """);
  }

  @Test
  void printsAnEmptyFileAsNothingAndADirectiveAlone() {
    assertThat(NplPrinter.print(file(null, List.of(), List.of()))).isEmpty();
    assertThat(NplPrinter.print(file("shop", List.of(), List.of()))).isEqualTo("namespace shop\n");
  }

  @Test
  void printsLetsOfLetsByNameAndKeepsAnOverriddenKubeDns() {
    PodPeer web = PodPeer.of(app("web"));
    PodPeer dns = PodPeer.inNamespace(app("coredns"), "dns");
    List<Definition> lets = List.of(
        new Definition.Peers("edge", List.of(ref("web-pods", web), FqdnPeer.of("a.example.com")), SourceSpan.NONE),
        new Definition.Peers("web-pods", List.of(web), SourceSpan.NONE),
        new Definition.Peers("kube-dns", List.of(dns), SourceSpan.NONE),
        new Definition.Ports("dns-ports", List.of(PortRange.of(Protocol.UDP, 53)), SourceSpan.NONE),
        new Definition.Ports("all-dns", List.of(new PortRef("dns-ports", List.of(PortRange.of(Protocol.UDP, 53)),
            SourceSpan.NONE), PortRange.of(Protocol.TCP, 53)), SourceSpan.NONE));
    Policy p = Policy.namespaced("p", "shop")
        .select(ref("web-pods", web))
        .egress(Rule.allow(ref("kube-dns", dns)).on(new PortRef("all-dns", List.of(), SourceSpan.NONE)).build())
        .build();

    assertThat(NplPrinter.print(file("shop", List.of(), lets, p))).isEqualTo("""
        namespace shop

        let edge = web-pods, fqdn "a.example.com"
        let web-pods = pods(app=web)
        let kube-dns = pods(app=coredns) in namespace dns
        let dns-ports = udp/53
        let all-dns = dns-ports, tcp/53

        policy p {
          select web-pods
          egress {
            allow to kube-dns on all-dns
          }
        }
        """);
  }

  @Test
  void placesCommentsBeforeTheElementThatFollowsThemAndKeepsEndOfLineComments() {
    // The source, with offsets the spans below point into:
    //   # header                          line 1
    //   namespace shop  // directive      line 2
    //   policy p {                        line 3
    //     egress {                        line 4
    //       # about the rule              line 5
    //       allow to world                line 6
    //     }   # closes egress             line 7
    //     ingress {}                      line 8
    //     select pods                     line 9
    //   }                                 line 10
    //   # trailer                         line 11
    String src = "# header\nnamespace shop  // directive\npolicy p {\n  egress {\n    # about the rule\n"
        + "    allow to world\n  }   # closes egress\n  ingress {}\n  select pods\n}\n# trailer\n";
    SourceSpan directive = span(src, 2, "namespace");
    SourceSpan policy = span(src, 3, "p {");
    SourceSpan egress = span(src, 4, "egress");
    SourceSpan rule = span(src, 6, "allow");
    SourceSpan ingress = span(src, 8, "ingress");
    SourceSpan select = span(src, 9, "select");
    Policy p = new Policy("p", Optional.of("shop"), Optional.empty(),
        new Subject(List.of(new PodPeer(LabelSelector.ALL, NamespaceScope.POLICY, select)), select),
        Optional.of(new RuleBlock(List.of(), ingress)),
        Optional.of(new RuleBlock(List.of(new Rule(io.netlingua.model.Action.ALLOW, false,
            List.of(new EntityPeer(Entity.WORLD, rule)), List.of(), Optional.empty(), rule)), egress)),
        policy);
    PolicyFile f = new PolicyFile("test.npl", Optional.of(new PolicyFile.NamespaceDirective("shop", directive)),
        List.of(), List.of(), List.of(p));
    List<Comment> comments = List.of(
        comment(src, 1, "# header", true),
        comment(src, 2, "// directive", false),
        comment(src, 5, "# about the rule", true),
        comment(src, 7, "# closes egress", false),
        comment(src, 11, "# trailer", true));

    assertThat(NplPrinter.print(f, comments)).isEqualTo("""
        # header
        namespace shop // directive

        policy p {
          select pods
          # closes egress
          ingress {}
          egress {
            # about the rule
            allow to world
          }
        }
        # trailer
        """);
    assertThat(NplPrinter.print(f)).doesNotContain("#");
  }

  /** The span of {@code token} on a 1-based line of {@code src}. */
  private static SourceSpan span(String src, int line, String token) {
    int lineStart = 0;
    for (int i = 1; i < line; i++) {
      lineStart = src.indexOf('\n', lineStart) + 1;
    }
    int offset = src.indexOf(token, lineStart);
    int column = offset - lineStart + 1;
    return new SourceSpan("test.npl", line, column, line, column + token.length(), offset,
        offset + token.length());
  }

  private static Comment comment(String src, int line, String text, boolean ownLine) {
    return new Comment(text, span(src, line, text), ownLine);
  }
}

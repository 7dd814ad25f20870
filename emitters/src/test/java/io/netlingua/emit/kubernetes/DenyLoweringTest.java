package io.netlingua.emit.kubernetes;

import static io.netlingua.emit.kubernetes.Fixtures.compile;
import static io.netlingua.emit.kubernetes.Fixtures.found;
import static io.netlingua.emit.kubernetes.Fixtures.named;
import static io.netlingua.emit.kubernetes.Fixtures.objects;
import static org.assertj.core.api.Assertions.assertThat;

import io.netlingua.diagnostics.Code;
import io.netlingua.emit.Compilation;
import io.netlingua.targets.Mode;
import io.netlingua.targets.Options;
import org.junit.jupiter.api.Test;

/**
 * Deny rules, which NetworkPolicy does not have: policies "are additive" and only allow ("What you can't do
 * with network policies"; "Isolated and non-isolated pods", kubernetes.io/docs/concepts/services-networking/
 * network-policies/). A deny of addresses becomes the except of the ipBlocks it cuts (IPBlock.except) where
 * that is exact; otherwise it is left out and reported wider.
 */
class DenyLoweringTest {

  /** A denied prefix inside an allowed one becomes that ipBlock's except: exact. */
  @Test
  void aDeniedCidrInsideAnAllowedOneBecomesItsExcept() {
    String program = """
        namespace shop
        policy p {
          select pods(app=api)
          ingress {
            allow from cidr 10.0.0.0/8 on tcp/443
            deny from cidr 10.66.0.0/16
          }
        }
        """;
    Compilation c = compile(program, Options.defaults());
    assertThat(c.hasErrors()).isFalse();
    assertThat(found(c, Code.DENY)).containsExactly("6:5 info NL3003 exact");
    assertThat(Fixtures.yaml(objects(program, Options.defaults()).get(0).getSpec().getIngress())).isEqualTo("""
        - from:
          - ipBlock:
              cidr: 10.0.0.0/8
              except:
              - 10.66.0.0/16
          ports:
          - port: 443
            protocol: TCP
        """);
  }

  /** A deny no allow can see is what isolation already does: exact, nothing emitted for it. */
  @Test
  void aDenyNoAllowSeesIsImpliedByIsolation() {
    String program = """
        namespace shop
        policy p {
          select pods(app=api)
          egress {
            allow to pods(app=db) on tcp/5432
            deny to cidr 169.254.169.254/32
          }
        }
        """;
    Compilation c = compile(program, Options.defaults());
    assertThat(found(c, Code.DENY)).containsExactly("6:5 info NL3003 exact");
    assertThat(objects(program, Options.defaults()).get(0).getSpec().getEgress()).hasSize(1);
  }

  /**
   * Another policy that may govern the same pods allows the same addresses and governs pods this one does
   * not: cutting its allow would narrow those pods, keeping it lets the denied addresses in. Wider, and said
   * where.
   */
  @Test
  void aDenyAnotherPolicysAllowAlsoMatchesIsWider() {
    String program = """
        namespace shop
        policy guard {
          select pods(app=api)
          egress {
            deny to cidr 203.0.113.0/24
          }
        }
        policy open {
          select pods
          egress {
            allow to world on tcp/443
          }
        }
        """;
    Compilation c = compile(program, Options.defaults().mode(Mode.BEST_EFFORT));
    assertThat(found(c, Code.DENY)).containsExactly("5:5 warning NL3003 wider");
    assertThat(c.diagnostics()).filteredOn(d -> d.code() == Code.DENY).first()
        .satisfies(d -> assertThat(d.message()).contains("test.npl:11:5").contains("governs pods"));
    assertThat(found(compile(program, Options.defaults().mode(Mode.FAIL_CLOSED)), Code.DENY))
        .containsExactly("5:5 error NL3003 wider");
  }

  /** The same allow in a policy of fewer pods (app=api, tier=web within app=api) is cut exactly. */
  @Test
  void anAllowOfAPolicyWithinTheDenysSubjectIsCut() {
    String program = """
        namespace shop
        policy guard {
          select pods(app=api)
          egress {
            deny to cidr 203.0.113.0/24
          }
        }
        policy web {
          select pods(app=api, tier=web)
          egress {
            allow to world on tcp/443
          }
        }
        policy other {
          select pods(app=db)
          egress {
            allow to world
          }
        }
        """;
    Options o = Options.defaults().mode(Mode.BEST_EFFORT);
    assertThat(found(compile(program, o), Code.DENY)).containsExactly("5:5 info NL3003 exact");
    assertThat(named(objects(program, o), "web").getSpec().getEgress().get(0).getTo().get(0).getIpBlock()
        .getExcept()).containsExactly("203.0.113.0/24");
    assertThat(named(objects(program, o), "other").getSpec().getEgress().get(0).getTo().get(0).getIpBlock()
        .getExcept()).isNull();
  }

  /** An allow of every peer (any) has no ipBlock to cut: wider. */
  @Test
  void anAllowOfEveryPeerCannotBeCut() {
    String program = """
        namespace shop
        policy p {
          select pods
          egress {
            deny to cidr 203.0.113.0/24
            allow to any
          }
        }
        """;
    Compilation c = compile(program, Options.defaults());
    assertThat(found(c, Code.DENY)).containsExactly("5:5 error NL3003 wider");
    assertThat(c.diagnostics()).filteredOn(d -> d.code() == Code.DENY).first()
        .satisfies(d -> assertThat(d.message()).contains("allows every peer"));
  }

  /**
   * The allow's ports the deny covers take the cut, the others stay as written in a rule of their own: exact.
   * Ports the deny may match but does not cover (a named port may be any number) make it wider.
   */
  @Test
  void portsTheDenyCoversAreSplitFromTheOthers() {
    String program = """
        namespace shop
        policy p {
          select pods
          ingress {
            deny from cidr 198.51.100.0/24 on tcp/80, tcp/443
            allow from world on tcp/80, tcp/443, udp/443
          }
        }
        """;
    Options o = Options.defaults().mode(Mode.BEST_EFFORT);
    assertThat(found(compile(program, o), Code.DENY)).containsExactly("5:5 info NL3003 exact");
    assertThat(Fixtures.yaml(objects(program, o).get(0).getSpec().getIngress())).isEqualTo("""
        - from:
          - ipBlock:
              cidr: 0.0.0.0/0
              except:
              - 198.51.100.0/24
          - ipBlock:
              cidr: ::/0
          ports:
          - port: 80
            protocol: TCP
          - port: 443
            protocol: TCP
        - from:
          - ipBlock:
              cidr: 0.0.0.0/0
          - ipBlock:
              cidr: ::/0
          ports:
          - port: 443
            protocol: UDP
        """);
    String named = program.replace("udp/443", "tcp/https");
    assertThat(found(compile(named, o), Code.DENY)).containsExactly("5:5 warning NL3003 wider");
  }

  /** A denied prefix that holds the whole allowed one leaves nothing of that peer; a rule with no peer goes. */
  @Test
  void anAllowWhollyDeniedIsLeftOut() {
    String program = """
        namespace shop
        policy p {
          select pods
          egress {
            allow to cidr 192.0.2.0/25
            allow to pods(app=db)
            deny to cidr 192.0.2.0/24
          }
        }
        """;
    Compilation c = compile(program, Options.defaults());
    assertThat(found(c, Code.DENY)).containsExactly("7:5 info NL3003 exact");
    assertThat(objects(program, Options.defaults()).get(0).getSpec().getEgress()).hasSize(1);
  }

  /**
   * A deny of pods that an allow may match cannot be cut (a podSelector has no except): wider. One that no allow
   * can match (app=evil in shop against app=web in shop and tier=api in other) is implied by isolation: exact.
   */
  @Test
  void aDenyOfPodsIsImpliedOrWider() {
    String program = """
        namespace shop
        policy p {
          select pods
          ingress {
            deny from pods(app=evil)
            allow from pods(app=web)
            allow from pods(tier=api) in namespace other
            deny from pods(app=evil) in namespace other
          }
        }
        """;
    Compilation c = compile(program, Options.defaults().mode(Mode.BEST_EFFORT));
    assertThat(found(c, Code.DENY)).containsExactly("5:5 info NL3003 exact", "8:5 warning NL3003 wider");
    assertThat(c.diagnostics()).filteredOn(d -> d.span().line() == 8).first()
        .satisfies(d -> assertThat(d.message()).contains("test.npl:7:5").contains("pod selector has no except"));
  }

  /** host in a deny: the platform allows a pod's own node anyway, so the deny of it is left out: wider. */
  @Test
  void aDenyOfHostIsWider() {
    String program = """
        namespace shop
        policy p {
          select pods
          ingress {
            deny from host
          }
        }
        """;
    Compilation c = compile(program, Options.defaults().mode(Mode.BEST_EFFORT));
    assertThat(found(c, Code.DENY, Code.ENTITY_HOST)).containsExactly("5:15 warning NL3012 wider");
  }

  /** nodes, kube-apiserver, fqdn and service name addresses no allow can be said not to match: wider. */
  @Test
  void aDenyOfPeersWithoutKnownAddressesIsWider() {
    Compilation c = compile("""
        namespace shop
        policy p {
          select pods
          egress {
            deny to kube-apiserver
          }
        }
        """, Options.defaults());
    assertThat(found(c, Code.DENY)).containsExactly("5:5 error NL3003 wider");
  }
}

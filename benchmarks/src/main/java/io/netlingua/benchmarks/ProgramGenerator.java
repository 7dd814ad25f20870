package io.netlingua.benchmarks;

import io.netlingua.Netlingua;
import io.netlingua.dsl.ParseResult;
import io.netlingua.targets.Mode;
import io.netlingua.targets.Options;
import io.netlingua.targets.Target;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Writes large, valid, realistic {@code .npl} programs, each a pure function of what is asked, so that runs
 * compare.
 *
 * <ul>
 *   <li>{@link #generate(int)}: one file of at least that many bytes, one section per team, each with lets (some
 *       naming other lets), namespaced and cluster policies, every peer kind, every port form and every L7 form,
 *       comments included. Its cluster policies select pods {@code in namespaces(...)}, which Kubernetes cannot
 *       place: it is a program to parse and evaluate; {@link #program(int, Target)} gives such a program in a
 *       form each target compiles (in best-effort mode), which EvaluateBenchmark judges flows on with the
 *       cluster and flows of {@link FlowGenerator}.
 *   <li>{@link #files(Profile, int, Target)}: a program of exactly that many policies for one target, in files of
 *       at most {@value #POLICIES_PER_FILE} policies, spread over {@value #NAMESPACES} namespaces
 *       ({@code team-00} to {@code team-99}), compiled with {@link #options(Profile, Target)}:
 *       <pre>{@code
 * SortedMap<String, String> files = ProgramGenerator.files(Profile.EXACT, 10_000, Target.KUBERNETES);
 * ParseResult parsed = ProgramGenerator.parse(files, Files.createTempDirectory("npl"));
 * Options options = ProgramGenerator.options(Profile.EXACT, Target.KUBERNETES);
 * Compilation out = Netlingua.compile(parsed, Target.KUBERNETES, options);
 * }</pre>
 * </ul>
 */
public final class ProgramGenerator {

  /**
   * One team's section; {@code {t}}, {@code {port}}, {@code {net}} and {@code {v6}} vary per team, {@code {subject}}
   * is where the cluster policy's subject lives (see {@link #program(int, Target)}).
   */
  private static final String SECTION = """
      # team {t}: web, API, workers
      let web-{t} = pods(app=web, team=team-{t}, tier in (frontend, edge))
      let api-{t} = pods(app=api, team=team-{t}, track!=canary)
      let workers-{t} = pods(app=worker, team==team-{t}, !legacy, env notin (dev, test))
      let backends-{t} = api-{t}, workers-{t}
      let observers-{t} = pods(app=prometheus) in namespace monitoring, namespaces(purpose=observability), \
      namespace logging
      let partners-{t} = cidr {net}.0/24 except {net}.128/25, cidr {v6}
      let apis-{t} = fqdn "api-{t}.example.com", fqdn "*.svc-{t}.example.org"
      let web-ports-{t} = tcp/{port}, tcp/8443
      let service-ports-{t} = web-ports-{t}, tcp/http, tcp/9000-9100

      policy api-{t} in namespace team-{t} {
        description "Team {t} API: the web tier in; data, partners out \u2014 ok"
        select api-{t}

        ingress {
          allow from web-{t} on web-ports-{t} {
            http GET path "/api/v1/orders"
            http POST path prefix "/api/v1/orders/" header "X-Tenant" = "team-{t}"
            http * path regex "/api/v[0-9]+/items/.*" host "shop-{t}.example.com" header "X-Trace"
          }
          allow from observers-{t} on tcp/9090
          log allow from serviceaccount deployer in namespace ci on tcp/22
          allow from nodes, host on icmp type 8, icmpv6 type 128
          deny from partners-{t} on tcp/23, udp
        }

        egress {
          allow to pods(app=postgres) in namespace data-{t} on tcp/5432
          allow to service kafka in namespace streaming on tcp/9092 {
            kafka produce topic "orders-{t}" client "api-{t}"
            kafka consume topic "refunds-{t}"
          }
          allow to apis-{t} on tcp/443
          allow to kube-dns on udp/53, tcp/53 { dns "api-{t}.example.com", "*.svc-{t}.example.org" }
          allow to pods(app=gateway) in any namespace on tcp/50051 {
            grpc "payments.Checkout/Pay"
            grpc "payments.Refunds/*"
          }
          log deny to world on tcp/25
        }
      }

      policy workers-{t} in namespace team-{t} {
        select workers-{t}
        egress {
          allow to backends-{t} on service-ports-{t}
          allow to kube-apiserver on tcp/443
          allow to cluster on sctp/9999, icmp type 3 code 4
          deny to any on sctp
        }
      }

      cluster policy baseline-{t} {
        select pods(team=team-{t}) {subject}
        ingress { allow from pods in namespace kube-system on tcp }
        egress { allow to kube-dns on udp/53, tcp/53 }
      }

      """;

  /** The most policies one file of {@link #files} holds (a file of the language holds at most 16 MiB). */
  public static final int POLICIES_PER_FILE = 1_000;

  /** How many namespaces {@link #files} spreads its policies over. */
  public static final int NAMESPACES = 100;

  /** The cluster CIDRs the EXACT profile states. Its own CIDRs (172.16.0.0/12, 2001:db8::/32) lie outside them. */
  private static final String POD_CIDR = "10.244.0.0/16";

  private static final String SERVICE_CIDR = "10.96.0.0/12";
  private static final String NODE_CIDR = "192.168.0.0/24";

  /** The lets at the top of each EXACT file. */
  private static final String EXACT_LETS = """
      let dns-ports = udp/53, tcp/53
      let gateways = pods(app=gateway) in any namespace
      """;

  /** The lets at the top of each FULL file: one of them names another. */
  private static final String FULL_LETS = EXACT_LETS + "let edge = gateways, namespace ingress\n";

  /*
   * The policies of the profiles, used in turn. Placeholders: {i} the policy's number, {ns} its namespace, {j} and
   * {nsj} the next policy's number and namespace, {v4} a /24 prefix in 172.16.0.0/12 without its last byte, {v6}
   * the third group of a /48 in 2001:db8::/32.
   *
   * Each subject is a label app=svc-{i} (or another app= label) of its own, so no other policy's allow may govern
   * its pods: a deny of a CIDR inside a CIDR its own policy allows, on exactly that allow's ports, then folds into
   * the allow's except, exactly.
   */
  private static final List<String> EXACT_POLICIES = List.of("""
      policy svc-{i} in namespace {ns} {
        select pods(app=svc-{i}, tier in (api, edge))
        ingress {
          allow from pods(app=svc-{j}) in namespace {nsj}, gateways on tcp/8080
          allow from cidr {v4}.0/24 except {v4}.128/26 on tcp/8443, tcp/9000-9100
          deny from cidr {v4}.64/27 on tcp/8443, tcp/9000-9100
        }
        egress { allow to kube-dns on dns-ports }
      }
      """, """
      policy svc-{i} in namespace {ns} {
        select pods(app=svc-{i}, track!=canary)
        egress {
          allow to pods(app=svc-{j}) in namespaces(team={nsj}) on tcp/8080-8090
          allow to namespace {nsj} on udp/5353
          allow to cidr 2001:db8:{v6}::/48 except 2001:db8:{v6}:8000::/49 on tcp/443
          deny to cidr 2001:db8:{v6}:4000::/50 on tcp/443
          allow to kube-dns on dns-ports
        }
      }
      """, """
      policy svc-{i} in namespace {ns} {
        select pods(app=svc-{i}, env notin (dev, test), !legacy)
        ingress {
          allow from pods(role in (batch, report)) on tcp/9090
          allow from namespaces(team={ns}) on tcp/8080, udp/8125
        }
        egress { }
      }
      """);

  /*
   * On Kubernetes, best-effort: the HTTP, DNS, Kafka and gRPC blocks are dropped (wider), fqdn, service account,
   * nodes, kube-apiserver and ICMP are left out of their allows (narrower), cluster is narrowed to every pod,
   * world is wider without the cluster CIDRs. The first deny folds; the others cannot (an fqdn; pods; any), so
   * they are left out (wider). {subject} is where a cluster policy's subject lives (see files()).
   */
  private static final List<String> FULL_POLICIES = List.of("""
      policy svc-{i} in namespace {ns} {
        description "API {i}: the web in over HTTP, partners by address"
        select pods(app=svc-{i}, tier in (api, edge))
        ingress {
          allow from pods(app=svc-{j}) in namespace {nsj}, edge on tcp/8080 {
            http GET path prefix "/api/v1/" header "X-Tenant" = "{ns}"
            http POST path regex "/orders/[0-9]+" host "svc-{i}.example.com"
          }
          allow from cidr {v4}.0/24 except {v4}.128/26, cidr 2001:db8:{v6}::/48 on tcp/8443
          log deny from cidr {v4}.64/27 on tcp/8443
        }
      }
      """, """
      policy svc-{i} in namespace {ns} {
        select pods(app=svc-{i}, track!=canary)
        egress {
          allow to fqdn "api-{i}.example.com" on tcp/443
          allow to kube-dns on dns-ports { dns "api-{i}.example.com", "*.svc-{i}.example.org" }
          allow to service kafka in namespace streaming on tcp/9092 {
            kafka produce topic "orders-{i}" client "svc-{i}"
            kafka consume topic "refunds-{i}"
          }
          allow to gateways on tcp/50051 { grpc "payments.Checkout/Pay" }
          deny to fqdn "*.ads.example.net"
        }
      }
      """, """
      policy svc-{i} in namespace {ns} {
        select pods(app=svc-{i}, !legacy), pods(app=svc-{i}-batch, env notin (dev, test))
        egress {
          allow to pods(role==db) in namespace {nsj}, pods(app=cache) in namespaces(team={nsj})
            on tcp/http, tcp/9000-9100
          allow to kube-apiserver, nodes on tcp/443
          allow to cluster on sctp/9999, icmp type 3 code 4, icmpv6 type 128
          allow to host on tcp/10250
          deny to any on sctp
        }
      }
      """, """
      policy svc-{i} in namespace {ns} {
        select pods(app=svc-{i})
        ingress {
          allow from serviceaccount deployer in namespace ci on tcp/22
          allow from namespace monitoring, namespaces(purpose=observability) on tcp/9090
          log allow from world on tcp/80, tcp/443, icmp type 8
          allow from any on udp
          deny from pods(quarantine) in any namespace on udp
        }
      }
      """, """
      cluster policy scrape-{i} {
        select pods(app=exporter-{i}) in namespace {ns}
        ingress { allow from pods in namespace kube-system on tcp }
        egress { allow to kube-dns on dns-ports }
      }
      """, """
      cluster policy tenant-{i} {
        select pods(app=tenant-{i}) {subject}
        ingress { allow from pods(app=svc-{j}) in namespace {nsj} on tcp/8080 }
      }
      """);

  /**
   * The first policy of a FULL program: a cluster policy of every pod, which a target without cluster-scoped
   * policy writes once per namespace of the run. One in the whole program, as a cluster has a few such baselines
   * whatever its size: each is an allow that every deny of its namespace must look at, so one per file would make
   * the work of folding grow with the square of the program, in the program itself.
   */
  private static final String BASELINE = """
      cluster policy baseline-{i} {
        description "Every namespace: DNS out, metrics scraped"
        select pods
        ingress { allow from pods(app=prometheus) in namespace monitoring on tcp/9090 }
        egress { allow to kube-dns on dns-ports }
      }
      """;

  private ProgramGenerator() {}

  /** The subject of each team's cluster policy in {@link #generate(int)}: its namespaces, chosen by label. */
  private static final String BY_LABEL = "in namespaces(tenant=team-{t})";

  /**
   * A program of one section or more and at least {@code minBytes} bytes of UTF-8. Each team's cluster policy
   * selects its pods {@code in namespaces(tenant=team-T)}, which a target without cluster-scoped policy cannot
   * place: see {@link #program(int, Target)}.
   */
  public static String generate(int minBytes) {
    return generate(BY_LABEL, minBytes, 0);
  }

  /**
   * The program of {@link #generate(int)} with exactly {@code teams} sections: {@code 3 * teams} policies.
   *
   * @param teams the number of sections, at least 1
   * @return the program
   * @throws IllegalArgumentException if {@code teams} is below 1
   */
  public static String program(int teams) {
    return generate(BY_LABEL, 0, atLeastOne(teams));
  }

  /**
   * The program of {@link #program(int)} for a target: on a target without cluster-scoped policy (Kubernetes)
   * each team's cluster policy selects its pods {@code in namespace team-T} instead, which in the cluster of
   * {@link FlowGenerator#cluster(int)} is the one namespace of tenant {@code team-T} with pods of
   * {@code team=team-T}, so that there both programs select the same pods; on the other targets it is
   * {@link #program(int)}'s text.
   *
   * @param teams the number of sections, at least 1
   * @param target the target it is compiled for
   * @return the program
   * @throws IllegalArgumentException if {@code teams} is below 1, or the target emits no objects (Flannel)
   */
  public static String program(int teams, Target target) {
    return generate(hasClusterScopedPolicy(target) ? BY_LABEL : "in namespace team-{t}", 0, atLeastOne(teams));
  }

  private static int atLeastOne(int teams) {
    if (teams < 1) {
      throw new IllegalArgumentException("a program needs at least one team, not " + teams);
    }
    return teams;
  }

  /** Sections until the text has {@code minBytes} bytes, or exactly {@code sections} of them when above 0. */
  private static String generate(String subject, int minBytes, int sections) {
    StringBuilder out = new StringBuilder(Math.max(minBytes, sections * SECTION.length()) + SECTION.length() * 2);
    out.append("# A generated program: one section per team.\nnamespace platform\n\n");
    int bytes = out.length();
    int team = 0;
    do {
      String section = section(team++, subject);
      out.append(section);
      bytes += section.getBytes(StandardCharsets.UTF_8).length;
    } while (sections > 0 ? team < sections : bytes < minBytes);
    return out.toString();
  }

  /**
   * A program of a profile for a target: file name to text, exactly {@code policies} policies, in files of at most
   * {@value #POLICIES_PER_FILE} policies ({@code policies-0000.npl}, {@code policies-0001.npl}, ...). Each file
   * stands alone (its lets are its own, it imports nothing). A pure function of its arguments; the first files of
   * a larger program equal those of a smaller one but for the file holding the smaller one's last policy.
   *
   * @param profile what the program uses
   * @param policies how many policies, at least 1
   * @param target the target it is compiled for: what the target cannot express at all is not generated
   * @return the files, sorted by name
   * @throws IllegalArgumentException if {@code policies} is below 1, or the target emits no objects (Flannel)
   */
  public static SortedMap<String, String> files(Profile profile, int policies, Target target) {
    if (policies < 1) {
      throw new IllegalArgumentException("a program needs at least one policy, not " + policies);
    }
    // A target without cluster-scoped policy writes a cluster policy into a named namespace; one of namespaces
    // chosen by label has none to go to (NL3002, impossible in every mode), so it is chosen by name there.
    String subject = hasClusterScopedPolicy(target) ? "in namespaces(team={ns})" : "in namespace {ns}";
    SortedMap<String, String> files = new TreeMap<>();
    for (int first = 0; first < policies; first += POLICIES_PER_FILE) {
      int end = Math.min(policies, first + POLICIES_PER_FILE);
      StringBuilder text = new StringBuilder(end - first << 9);
      text.append("# Generated by ProgramGenerator: profile ").append(profile).append(" for ").append(target.id())
          .append(", policies ").append(first).append(" to ").append(end - 1).append(".\n")
          .append(profile == Profile.EXACT ? EXACT_LETS : FULL_LETS);
      for (int i = first; i < end; i++) {
        text.append('\n').append(policy(template(profile, i).replace("{subject}", subject), i));
      }
      files.put(String.format(Locale.ROOT, "policies-%04d.npl", first / POLICIES_PER_FILE), text.toString());
    }
    return files;
  }

  /**
   * The options a profile is compiled with on a target: EXACT in strict mode with the pod, service and node CIDRs
   * stated; FULL in best-effort mode with the {@value #NAMESPACES} namespaces of the program, which cluster
   * policies expand into on a target without cluster-scoped policy.
   *
   * @param profile the profile
   * @param target the target
   * @return the options
   * @throws IllegalArgumentException if the target emits no objects (Flannel)
   */
  public static Options options(Profile profile, Target target) {
    boolean clusterScoped = hasClusterScopedPolicy(target);
    return switch (profile) {
      case EXACT ->
          Options.defaults().mode(Mode.STRICT).podCidrs(POD_CIDR).serviceCidrs(SERVICE_CIDR).nodeCidrs(NODE_CIDR);
      case FULL -> {
        Options bestEffort = Options.defaults().mode(Mode.BEST_EFFORT);
        yield clusterScoped ? bestEffort : bestEffort.namespaces(
            IntStream.range(0, NAMESPACES).mapToObj(ProgramGenerator::namespace).toArray(String[]::new));
      }
    };
  }

  /**
   * Writes the files of a program into a folder, then reads them as one program ({@link Netlingua#parse(List)}).
   *
   * @param files file name to text, as {@link #files} gives
   * @param folder an existing folder, usually a fresh temporary one; the caller deletes it
   * @return what reading the program gave
   */
  public static ParseResult parse(SortedMap<String, String> files, Path folder) {
    write(files, folder);
    return Netlingua.parse(List.of(folder));
  }

  /**
   * Writes the files of a program into a folder, as UTF-8.
   *
   * @param files file name to text
   * @param folder an existing folder
   */
  public static void write(SortedMap<String, String> files, Path folder) {
    try {
      for (Map.Entry<String, String> f : files.entrySet()) {
        Files.writeString(folder.resolve(f.getKey()), f.getValue(), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the program into " + folder, e);
    }
  }

  /** Deletes a folder {@link #write} wrote into: its files, then the folder. */
  static void delete(Path folder) {
    try (Stream<Path> files = Files.list(folder)) {
      for (Path f : files.toList()) {
        Files.delete(f);
      }
      Files.delete(folder);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + folder, e);
    }
  }

  /**
   * Whether the target has an object for policy of the whole cluster. A switch over the enum: a new target does
   * not compile until it says, and until then no program is generated for it.
   */
  private static boolean hasClusterScopedPolicy(Target target) {
    return switch (target) {
      // A NetworkPolicy lives in one namespace.
      case KUBERNETES -> false;
      // A CiliumClusterwideNetworkPolicy.
      case CILIUM -> true;
      // Every Calico policy is a GlobalNetworkPolicy.
      case CALICO -> true;
      case FLANNEL -> throw new IllegalArgumentException(
          "flannel enforces no policy and writes nothing: there is no program to generate for it");
    };
  }

  private static String template(Profile profile, int i) {
    return switch (profile) {
      case EXACT -> EXACT_POLICIES.get(i % EXACT_POLICIES.size());
      case FULL -> i == 0 ? BASELINE : FULL_POLICIES.get(i % FULL_POLICIES.size());
    };
  }

  private static String policy(String template, int i) {
    int j = i + 1;
    return template
        .replace("{i}", Integer.toString(i))
        .replace("{j}", Integer.toString(j))
        .replace("{nsj}", namespace(j))
        .replace("{ns}", namespace(i))
        .replace("{v4}", "172." + (16 + i / 256 % 16) + "." + i % 256)
        .replace("{v6}", Integer.toHexString(i % 0xffff + 1));
  }

  /** The namespace of the policy numbered {@code i}: {@code team-00} to {@code team-99}, in turn. */
  static String namespace(int i) {
    int k = i % NAMESPACES;
    return (k < 10 ? "team-0" : "team-") + k;
  }

  private static String section(int team, String subject) {
    return SECTION
        .replace("{subject}", subject)
        .replace("{t}", Integer.toString(team))
        .replace("{port}", Integer.toString(8000 + team % 1000))
        .replace("{net}", "10." + (team / 256 % 256) + "." + (team % 256))
        .replace("{v6}", "2001:db8:" + Integer.toHexString(team % 0xffff + 1) + "::/48");
  }
}

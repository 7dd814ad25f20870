package io.netlingua.emit.calico;

import static io.netlingua.emit.calico.CalicoFixtures.compile;
import static io.netlingua.emit.calico.CalicoFixtures.document;
import static io.netlingua.emit.calico.CalicoFixtures.found;
import static io.netlingua.emit.calico.CalicoFixtures.names;
import static org.assertj.core.api.Assertions.assertThat;

import io.netlingua.diagnostics.Code;
import io.netlingua.diagnostics.Diagnostic;
import io.netlingua.emit.Compilation;
import io.netlingua.targets.Options;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The names of the Calico objects. A GlobalNetworkPolicy is cluster-scoped and named by the GNP regex of projectcalico/
 * calico {@code api/pkg/apis/projectcalico/v3/globalnetworkpolicy.go} at v3.32.1 (checked by {@code
 * libcalico-go/lib/validator/v3/validator.go} {@code validateGlobalNetworkPolicy}); Netlingua writes one DNS-1123 label
 * of at most 63 characters, {@code NS-NAME} for a namespaced policy (SEMANTICS.md section 3, Calico: "join namespace
 * and name with {@code -}, a hash on overflow or collision"), which depends only on the policy's own namespace and
 * name: a rename is a delete and a create, and between the two the old object's denies are gone.
 */
class CalicoNamesTest {
  private static final String BODY = " {\n  select pods(app=a)\n  ingress {\n    allow from world\n"
      + "    deny from cidr 203.0.113.0/24\n  }\n}\n";

  private static String namespaced(String namespace, String name) {
    return "policy " + name + " in namespace " + namespace + BODY;
  }

  private static String hash(String text) throws NoSuchAlgorithmException {
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(digest).substring(0, 10);
  }

  /**
   * A namespaced policy is {@code NS-NAME}, a cluster policy {@code NAME} (a GlobalNetworkPolicy has no namespace:
   * {@code globalnetworkpolicy.go} is cluster-scoped); the deny object adds {@code -deny}.
   */
  @Test
  void aNamespacedPolicyIsNamespaceDashNameAClusterPolicyItsName() {
    Compilation c = compile(namespaced("shop", "api") + "cluster policy baseline" + BODY, CalicoFixtures.open());
    assertThat(names(c)).containsExactly("baseline", "baseline-deny", "shop-api", "shop-api-deny");
  }

  /**
   * Up to 55 characters {@code NS-NAME} is kept whole (63 less the room of {@code -99-deny}); past that it is cut to
   * 44 characters and ends in {@code -} and ten hex digits of the SHA-256 of {@code NS/NAME}.
   */
  @Test
  void pastFiftyFiveCharactersTheNameIsCutAndHashed() throws NoSuchAlgorithmException {
    String ns = "n".repeat(27);
    String whole = "p".repeat(27);
    assertThat(names(compile(namespaced(ns, whole), CalicoFixtures.open())))
        .containsExactly(ns + "-" + whole, ns + "-" + whole + "-deny");
    String longer = "p".repeat(28);
    String expected = (ns + "-" + longer).substring(0, 44) + "-" + hash(ns + "/" + longer);
    assertThat(names(compile(namespaced(ns, longer), CalicoFixtures.open())))
        .containsExactly(expected, expected + "-deny");
    String cluster = "c".repeat(63);
    assertThat(names(compile("cluster policy " + cluster + BODY, CalicoFixtures.open())))
        .startsWith(cluster.substring(0, 44) + "-" + hash("/" + cluster));
  }

  /**
   * A cut that ends in {@code -} does not leave {@code --} before the hash (a DNS-1123 label may hold {@code --}, but
   * the name would no longer read as NS-NAME and hash); the dash is dropped.
   */
  @Test
  void aCutEndingInADashDropsTheDash() throws NoSuchAlgorithmException {
    String ns = "n".repeat(43);
    String name = "p".repeat(20);
    String base = ns + "-" + hash(ns + "/" + name);
    assertThat(names(compile(namespaced(ns, name), CalicoFixtures.open()))).containsExactly(base, base + "-deny");
  }

  /**
   * The hash depends only on the namespace and the name: the same policy in two different programs (other rules,
   * other policies beside it) gets the same names.
   */
  @Test
  void theHashDependsOnlyOnNamespaceAndName() {
    String ns = "team-" + "x".repeat(40);
    String name = "policy-" + "y".repeat(40);
    List<String> alone = names(compile(namespaced(ns, name), CalicoFixtures.open()));
    List<String> other = names(compile("policy " + name + " in namespace " + ns
        + " {\n  select pods\n  egress {\n    deny to world\n  }\n}\n" + namespaced("shop", "api")
        + namespaced(ns, "other"), CalicoFixtures.open()));
    assertThat(other).containsAll(alone);
    assertThat(alone.get(0)).hasSize(55);
  }

  /**
   * Suffixes never push a name past 63: the longest namespace and name, with a deny object and a subject in 99 parts
   * ({@code -99-deny}), all fit.
   */
  @Test
  void suffixesNeverPushANamePast63() {
    StringBuilder subject = new StringBuilder();
    for (int i = 1; i <= 99; i++) {
      subject.append(i == 1 ? "" : ", ").append("pods(app=a) in namespace ns").append(i);
    }
    String name = "c".repeat(63);
    Compilation c = compile("cluster policy " + name + " {\n  select " + subject + "\n  ingress {\n"
        + "    allow from world\n    deny from cidr 203.0.113.0/24\n  }\n}\n", CalicoFixtures.open());
    assertThat(c.diagnostics()).filteredOn(Diagnostic::isError).isEmpty();
    assertThat(names(c)).hasSize(198).allSatisfy(n -> assertThat(n).hasSizeLessThanOrEqualTo(63));
    assertThat(names(c)).anySatisfy(n -> assertThat(n).endsWith("-99-deny").hasSize(63));
  }

  /**
   * Two policies meeting on one name ({@code a-b/c} and {@code a/b-c} are both {@code a-b-c}) are an error
   * ({@code NL4002}) whose hint names the NAMESPACE-NAME rule, in every mode; nothing is written.
   */
  @Test
  void twoPoliciesMeetingOnOneNameAreReported() {
    Compilation c = compile(namespaced("a-b", "c") + namespaced("a", "b-c"), CalicoFixtures.open());
    assertThat(found(c, Code.DUPLICATE_OBJECT)).containsExactly("8:8 error NL4002", "8:8 error NL4002");
    assertThat(c.diagnostics()).filteredOn(d -> d.code() == Code.DUPLICATE_OBJECT)
        .allSatisfy(d -> assertThat(d.hint()).hasValueSatisfying(h -> assertThat(h).contains("NAMESPACE-NAME")))
        .anySatisfy(d -> assertThat(d.message()).contains("GlobalNetworkPolicy a-b-c"))
        .anySatisfy(d -> assertThat(d.message()).contains("GlobalNetworkPolicy a-b-c-deny"));
    assertThat(c.documents()).isEmpty();
  }

  /**
   * A subject of several namespace selectors is one object per selector ({@code -2}, ...), its pod selectors of one
   * namespace selector joined with {@code ||}.
   */
  @Test
  void aSubjectOfSeveralNamespacesIsOneObjectPerNamespace() {
    Compilation c = compile("cluster policy p {\n  select pods(app=a) in namespace x, pods(app=b) in namespace y,"
        + " pods(app=c) in namespace x\n  egress { }\n}\n", Options.defaults());
    assertThat(names(c)).containsExactly("p", "p-2");
    assertThat(document(c, "p").get("spec").get("selector").asText()).isEqualTo("app == 'a' || app == 'c'");
    assertThat(document(c, "p").get("spec").get("namespaceSelector").asText())
        .isEqualTo("projectcalico.org/name == 'x'");
    assertThat(document(c, "p-2").get("spec").get("namespaceSelector").asText())
        .isEqualTo("projectcalico.org/name == 'y'");
  }

  /**
   * Adding a policy renames no other: over random programs of namespaced and cluster policies (short names and names
   * long enough to be hashed), every name of the program is still there once another policy is added.
   */
  @Test
  void addingAPolicyRenamesNoOther() {
    Random random = new Random(20261201L);
    for (int run = 0; run < 40; run++) {
      Set<String> taken = new LinkedHashSet<>();
      List<String> policies = new ArrayList<>();
      int count = 1 + random.nextInt(5);
      while (policies.size() <= count) {
        String name = word(random);
        boolean cluster = random.nextInt(4) == 0;
        String namespace = cluster ? "" : word(random);
        if (taken.add(namespace + "/" + name)) {
          policies.add(cluster ? "cluster policy " + name + BODY : namespaced(namespace, name));
        }
      }
      String before = String.join("", policies.subList(0, count));
      String after = String.join("", policies);
      Compilation first = compile(before, CalicoFixtures.open());
      Compilation second = compile(after, CalicoFixtures.open());
      assertThat(first.diagnostics()).filteredOn(Diagnostic::isError).isEmpty();
      assertThat(second.diagnostics()).filteredOn(Diagnostic::isError).isEmpty();
      assertThat(names(second)).as(after).containsAll(names(first)).hasSize(names(first).size() + 2);
    }
  }

  /** A name of letters only (so that no two namespace-name pairs join to the same text), 1 to 63 characters. */
  private static String word(Random random) {
    int length = random.nextBoolean() ? 1 + random.nextInt(8) : 30 + random.nextInt(34);
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < length; i++) {
      b.append((char) ('a' + random.nextInt(3)));
    }
    return b.toString();
  }
}

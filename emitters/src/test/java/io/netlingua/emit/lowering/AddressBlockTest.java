package io.netlingua.emit.lowering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import io.netlingua.model.Cidr;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Address arithmetic of ipBlock-like blocks. The rule it keeps: an except lies strictly inside its prefix, as the
 * Kubernetes API server requires ("must be a strict subset of `cidr`": kubernetes/kubernetes
 * pkg/apis/networking/validation/validation.go, ValidateIPBlock).
 */
class AddressBlockTest {
  private static final BigInteger BASE = Cidr.parse("10.0.0.0/27").address();

  private static Cidr c(String text) {
    return Cidr.parse(text);
  }

  @Test
  void exceptsAreKeptStrictlyInsideOutermostAndSorted() {
    AddressBlock b =
        AddressBlock.of(c("10.0.0.0/8"), List.of(c("10.2.0.0/16"), c("10.1.0.0/16"), c("10.1.2.0/24"),
            c("192.168.0.0/16"))).orElseThrow();
    assertThat(b.except()).containsExactly(c("10.1.0.0/16"), c("10.2.0.0/16"));
  }

  @Test
  void aPrefixCutOutWholeLeavesNothing() {
    assertThat(AddressBlock.of(c("10.1.0.0/16"), List.of(c("10.0.0.0/8")))).isEmpty();
    assertThat(AddressBlock.of(c("10.1.0.0/16"), List.of(c("10.1.0.0/16")))).isEmpty();
    assertThat(AddressBlock.of(c("10.0.0.0/23"), List.of(c("10.0.0.0/24"), c("10.0.1.0/24")))).isEmpty();
  }

  @Test
  void aDeniedPrefixInsideBecomesAnExcept() {
    AddressBlock allowed = AddressBlock.of(c("0.0.0.0/0"), List.of()).orElseThrow();
    AddressBlock denied = AddressBlock.of(c("192.0.2.0/24"), List.of()).orElseThrow();
    assertThat(allowed.minus(denied)).containsExactly(new AddressBlock(c("0.0.0.0/0"), List.of(c("192.0.2.0/24"))));
  }

  @Test
  void theExceptOfADenyComesBackAsABlockOfItsOwn() {
    AddressBlock allowed = AddressBlock.of(c("10.0.0.0/8"), List.of()).orElseThrow();
    AddressBlock denied = AddressBlock.of(c("10.1.0.0/16"), List.of(c("10.1.1.0/24"))).orElseThrow();
    assertThat(allowed.minus(denied)).containsExactly(
        new AddressBlock(c("10.0.0.0/8"), List.of(c("10.1.0.0/16"))),
        new AddressBlock(c("10.1.1.0/24"), List.of()));
  }

  @Test
  void familiesNeverOverlap() {
    AddressBlock v4 = AddressBlock.of(c("0.0.0.0/0"), List.of()).orElseThrow();
    AddressBlock v6 = AddressBlock.of(c("::/0"), List.of()).orElseThrow();
    assertThat(v4.overlaps(v6)).isFalse();
    assertThat(v4.minus(v6)).containsExactly(v4);
  }

  /** Every operation agrees with the sets of addresses, over the 32 addresses of 10.0.0.0/27. */
  @Test
  void agreesWithAddressSets() {
    qt().withFixedSeed(23).withExamples(Draw.TRIES)
        .forAll(blocks(), blocks())
        .check((a, b) -> {
          TreeSet<Integer> sa = addresses(a);
          TreeSet<Integer> sb = addresses(b);
          TreeSet<Integer> both = new TreeSet<>(sa);
          both.retainAll(sb);
          TreeSet<Integer> diff = new TreeSet<>(sa);
          diff.removeAll(sb);
          TreeSet<Integer> pieces = new TreeSet<>();
          int count = 0;
          for (AddressBlock p : a.minus(b)) {
            pieces.addAll(addresses(p));
            count += addresses(p).size();
          }
          return a.overlaps(b) == !both.isEmpty()
              && pieces.equals(diff)
              && count == diff.size();
        });
  }

  @Test
  void normalisingKeepsTheAddresses() {
    qt().withFixedSeed(29).withExamples(Draw.TRIES)
        .forAll(prefixes(), prefixes(), prefixes())
        .check((cidr, x, y) -> {
          TreeSet<Integer> expected = addresses(cidr);
          expected.removeAll(addresses(x));
          expected.removeAll(addresses(y));
          Optional<AddressBlock> b = AddressBlock.of(cidr, List.of(x, y));
          return b.map(AddressBlockTest::addresses).orElse(new TreeSet<>()).equals(expected)
              && b.isPresent() == !expected.isEmpty();
        });
  }

  private static TreeSet<Integer> addresses(Cidr cidr) {
    TreeSet<Integer> out = new TreeSet<>();
    for (int i = 0; i < 32; i++) {
      if (cidr.contains(false, BASE.add(BigInteger.valueOf(i)))) {
        out.add(i);
      }
    }
    return out;
  }

  private static TreeSet<Integer> addresses(AddressBlock block) {
    TreeSet<Integer> out = addresses(block.cidr());
    block.except().forEach(e -> out.removeAll(addresses(e)));
    return out;
  }

  private static Gen<Cidr> prefixes() {
    return in -> {
      Draw d = new Draw(in);
      int length = d.between(27, 32);
      int offset = d.between(0, 31) & ~((1 << (32 - length)) - 1);
      return new Cidr(false, BASE.add(BigInteger.valueOf(offset)), length);
    };
  }

  private static Gen<AddressBlock> blocks() {
    Gen<Cidr> prefixes = prefixes();
    return in -> {
      List<Cidr> cut = new ArrayList<>();
      Cidr cidr = prefixes.generate(in);
      int n = new Draw(in).between(0, 2);
      for (int i = 0; i < n; i++) {
        cut.add(prefixes.generate(in));
      }
      // A block that would be empty is not built; draw the whole prefix then.
      return AddressBlock.of(cidr, cut).orElse(new AddressBlock(cidr, List.of()));
    };
  }
}

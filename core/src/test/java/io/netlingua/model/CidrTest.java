package io.netlingua.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import java.math.BigInteger;
import java.net.InetAddress;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CidrTest {
  private static final int TRIES = Integer.getInteger("netlingua.property.tries", 1000);

  @ParameterizedTest
  @CsvSource({
    "10.0.0.0/8",
    "0.0.0.0/0",
    "192.168.1.7/32",
    "::/0",
    "2001:db8::/32",
    "fe80::/10",
    "2001:db8:0:1::/64",
    "2001:db8::1:0:0:1/128",
    "::1/128",
    "1::/16"
  })
  void canonicalTextIsAccepted(String text) {
    Cidr.Reading r = Cidr.read(text);
    assertThat(r.problem()).isEmpty();
    assertThat(r.cidr()).map(Cidr::toString).contains(text);
  }

  @ParameterizedTest
  @CsvSource({
    "010.0.0.0/8, 10.0.0.0/8",
    "10.0.0.1/8, 10.0.0.0/8",
    "2001:DB8::/32, 2001:db8::/32",
    "2001:0db8:0000:0000:0000:0000:0000:0000/32, 2001:db8::/32",
    "2001:db8:0:0:1:0:0:1/128, 2001:db8::1:0:0:1/128",
    "::ffff:10.0.0.0/104, 10.0.0.0/8",
    "10.1.2.3, 10.1.2.3/32",
    "2001:db8::1, 2001:db8::1/128",
    "10.0.0.0/08, 10.0.0.0/8"
  })
  void nonCanonicalTextIsRefusedWithTheCanonicalFormAsHint(String text, String canonical) {
    Cidr.Reading r = Cidr.read(text);
    assertThat(r.cidr()).isEmpty();
    assertThat(r.problem()).isPresent();
    assertThat(r.canonical()).contains(canonical);
  }

  @ParameterizedTest
  @CsvSource({
    "10.0.0.0/33", "256.0.0.0/8", "10.0.0/8", "10..0.0/8", "10.0.0.0/", "10.0.0.0/x", "a.b.c.d/8",
    "2001:db8:::/32", "2001:db8::1::/64", "12345::/16", "::/129", "1:2:3:4:5:6:7:8:9/128", "/8", "''"
  })
  void garbageIsRefusedWithoutAHintOrAnException(String text) {
    Cidr.Reading r = Cidr.read(text);
    assertThat(r.cidr()).isEmpty();
    assertThat(r.problem()).isPresent();
  }

  @Test
  void containmentAndOverlap() {
    Cidr ten = Cidr.parse("10.0.0.0/8");
    assertThat(ten.contains(Cidr.parse("10.1.0.0/16"))).isTrue();
    assertThat(ten.contains(Cidr.parse("11.0.0.0/16"))).isFalse();
    assertThat(ten.contains(Cidr.parse("0.0.0.0/0"))).isFalse();
    assertThat(Cidr.parse("0.0.0.0/0").contains(ten)).isTrue();
    assertThat(Cidr.parse("::/0").contains(ten)).isFalse();
    assertThat(ten.overlaps(Cidr.parse("10.2.0.0/16"))).isTrue();
    assertThat(ten.lastAddress()).isEqualTo(BigInteger.valueOf(0x0affffffL));
  }

  @Test
  void parseRefusesNonCanonicalText() {
    assertThatThrownBy(() -> Cidr.parse("10.0.0.1/8")).isInstanceOf(IllegalArgumentException.class);
  }

  /** Random IPv6 prefixes: our text agrees with the JDK's reading of it, and reads back to the same prefix. */
  @Test
  void ipv6TextRoundTripsAndAgreesWithTheJdk() throws Exception {
    qt().withFixedSeed(20261125L)
        .withExamples(TRIES)
        .forAll(
            integers().between(0, 0xffff), integers().between(0, 7), integers().between(0, 7),
            integers().between(0, 128))
        .checkAssert(
            (group, zeroFrom, zeroLength, prefix) -> {
              BigInteger address = BigInteger.ZERO;
              for (int i = 0; i < 8; i++) {
                boolean zero = i >= zeroFrom && i < zeroFrom + zeroLength;
                address = address.shiftLeft(16).or(BigInteger.valueOf(zero ? 0 : (group * (i + 7)) & 0xffff));
              }
              BigInteger mask = BigInteger.ONE.shiftLeft(128 - prefix).subtract(BigInteger.ONE);
              Cidr cidr = new Cidr(true, address.andNot(mask), prefix);
              String text = cidr.toString();
              assertThat(Cidr.read(text).cidr()).contains(cidr);
              String addressText = text.substring(0, text.indexOf('/'));
              try {
                // A numeric literal: the JDK parses it without any name lookup.
                byte[] jdk = InetAddress.getByName("[" + addressText + "]").getAddress();
                assertThat(new BigInteger(1, jdk)).isEqualTo(cidr.address());
              } catch (java.net.UnknownHostException e) {
                throw new AssertionError(addressText, e);
              }
            });
  }

  @Test
  void ipv4TextRoundTrips() {
    qt().withFixedSeed(7L)
        .withExamples(TRIES)
        .forAll(integers().all(), integers().between(0, 32))
        .checkAssert(
            (bits, prefix) -> {
              BigInteger address = BigInteger.valueOf(bits & 0xffffffffL);
              BigInteger mask = BigInteger.ONE.shiftLeft(32 - prefix).subtract(BigInteger.ONE);
              Cidr cidr = new Cidr(false, address.andNot(mask), prefix);
              assertThat(Cidr.read(cidr.toString()).cidr()).isEqualTo(Optional.of(cidr));
            });
  }
}

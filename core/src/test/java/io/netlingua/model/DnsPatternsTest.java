package io.netlingua.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** DNS patterns: {@code *} within one label (LANGUAGE.md, peers), and when one pattern covers another. */
class DnsPatternsTest {
  @Test
  void aStarStaysWithinOneLabel() {
    assertThat(DnsPatterns.matches("*.example.com", "api.example.com")).isTrue();
    assertThat(DnsPatterns.matches("*.example.com", "a.b.example.com")).isFalse();
    assertThat(DnsPatterns.matches("*.example.com", "example.com")).isFalse();
    assertThat(DnsPatterns.matches("api-*.example.com", "api-eu.example.com")).isTrue();
  }

  @Test
  void aPatternCoversWhatEveryOneOfItsNamesMatches() {
    assertThat(DnsPatterns.covers("*.example.com", "api.example.com")).isTrue();
    assertThat(DnsPatterns.covers("*.example.com", "api-*.example.com")).isTrue();
    assertThat(DnsPatterns.covers("*.example.com", "*.example.com")).isTrue();
    assertThat(DnsPatterns.covers("api.example.com", "*.example.com")).isFalse();
    assertThat(DnsPatterns.covers("*.example.com", "*.b.example.com")).isFalse();
    assertThat(DnsPatterns.covers("a*.example.com", "*.example.com")).isFalse();
  }
}

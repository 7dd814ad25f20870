package io.netlingua.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.netlingua.check.internal.Syntax;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The edges of each syntax rule: the longest valid value, one more, and the characters at either end. */
class SyntaxTest {

  private static Arguments valid(String rule, Function<String, Optional<String>> check, String value) {
    return Arguments.of(rule, check, value, true);
  }

  private static Arguments invalid(String rule, Function<String, Optional<String>> check, String value) {
    return Arguments.of(rule, check, value, false);
  }

  static Stream<Arguments> edges() {
    String label63 = "a" + "b".repeat(61) + "c";
    String subdomain253 = (label63 + ".").repeat(3) + "d".repeat(61);
    return Stream.of(
        valid("namespace", Syntax::dns1123Label, label63),
        invalid("namespace", Syntax::dns1123Label, label63 + "d"),
        valid("namespace", Syntax::dns1123Label, "0"),
        invalid("namespace", Syntax::dns1123Label, ""),
        invalid("namespace", Syntax::dns1123Label, "a.b"),
        valid("service account", Syntax::dns1123Subdomain, subdomain253),
        invalid("service account", Syntax::dns1123Subdomain, subdomain253 + "e"),
        invalid("service account", Syntax::dns1123Subdomain, "a."),
        valid("service", Syntax::dns1035Label, "db-1"),
        invalid("service", Syntax::dns1035Label, "1db"),
        valid("label key", Syntax::labelKey, subdomain253 + "/" + label63),
        invalid("label key", Syntax::labelKey, subdomain253 + "e/app"),
        invalid("label key", Syntax::labelKey, "example.com/" + label63 + "d"),
        invalid("label key", Syntax::labelKey, "example.com/"),
        invalid("label key", Syntax::labelKey, ""),
        valid("label key", Syntax::labelKey, "A.b_c-D"),
        invalid("label key", Syntax::labelKey, "_a"),
        valid("label value", Syntax::labelValue, ""),
        valid("label value", Syntax::labelValue, "V" + "x".repeat(61) + "9"),
        invalid("label value", Syntax::labelValue, "V" + "x".repeat(62) + "9"),
        invalid("label value", Syntax::labelValue, "a."),
        valid("named port", Syntax::portName, "abcdefghijklmno"),
        invalid("named port", Syntax::portName, "abcdefghijklmnop"),
        valid("named port", Syntax::portName, "a-1"),
        invalid("named port", Syntax::portName, ""),
        valid("fqdn", Syntax::fqdnPattern, subdomain253),
        invalid("fqdn", Syntax::fqdnPattern, subdomain253 + "e"),
        valid("fqdn", Syntax::fqdnPattern, "*.*.example.com"),
        valid("fqdn", Syntax::fqdnPattern, "a*b.example.com"),
        invalid("fqdn", Syntax::fqdnPattern, "*"),
        invalid("fqdn", Syntax::fqdnPattern, "*-api.example.com"),
        invalid("fqdn", Syntax::fqdnPattern, "example.com."),
        valid("method", Syntax::httpMethod, "VERSION-CONTROL"),
        valid("method", Syntax::httpMethod, "*"),
        invalid("method", Syntax::httpMethod, "GET-"),
        invalid("method", Syntax::httpMethod, "-GET"),
        invalid("method", Syntax::httpMethod, "GE--T"),
        invalid("method", Syntax::httpMethod, "Get"),
        invalid("method", Syntax::httpMethod, ""),
        valid("path", Syntax::httpPath, "/"),
        invalid("path", Syntax::httpPath, ""),
        invalid("path", Syntax::httpPath, "/a\tb"),
        valid("host", Syntax::httpHost, "api.example.com:65535"),
        invalid("host", Syntax::httpHost, "api.example.com:65536"),
        invalid("host", Syntax::httpHost, "api.example.com:"),
        valid("host", Syntax::httpHost, "10.0.0.1"),
        invalid("host", Syntax::httpHost, "[::1]:80"),
        valid("header", Syntax::headerName, "X-Request-Id"),
        valid("header", Syntax::headerName, "!#$%&'*+-.^_`|~"),
        invalid("header", Syntax::headerName, "X:Id"),
        invalid("header", Syntax::headerName, ""),
        valid("header value", Syntax::headerValue, "a\tb c"),
        invalid("header value", Syntax::headerValue, "a\rb"),
        valid("topic", Syntax::kafkaTopic, "t".repeat(249)),
        invalid("topic", Syntax::kafkaTopic, "t".repeat(250)),
        invalid("topic", Syntax::kafkaTopic, "."),
        valid("topic", Syntax::kafkaTopic, "..."),
        valid("client id", Syntax::kafkaClientId, "c".repeat(255)),
        invalid("client id", Syntax::kafkaClientId, "c".repeat(256)),
        invalid("client id", Syntax::kafkaClientId, ""));
  }

  @ParameterizedTest(name = "{0} {2} valid={3}")
  @MethodSource("edges")
  void edgesOfEachRule(String rule, Function<String, Optional<String>> check, String value, boolean valid) {
    assertThat(check.apply(value)).as("%s '%s'", rule, value).matches(p -> p.isEmpty() == valid);
  }
}

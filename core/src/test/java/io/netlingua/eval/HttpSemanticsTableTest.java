package io.netlingua.eval;

import static io.netlingua.eval.Shop.allows;
import static io.netlingua.eval.Shop.app;
import static io.netlingua.eval.Shop.shop;
import static org.assertj.core.api.Assertions.assertThat;

import io.netlingua.model.HttpBlock;
import io.netlingua.model.HttpRule;
import io.netlingua.model.PortRange;
import io.netlingua.model.Program;
import io.netlingua.model.Protocol;
import io.netlingua.model.Rule;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The verdict of the neutral evaluator per request, for every example of LANGUAGE.md's L7 block and of
 * docs/language.md, and for each rule of the path normalisation (HttpPathsTest has the rules one by one). A row is
 * {@code clause | request | verdict}: the clause of one {@code http *} alternative of an allow from the frontend
 * on tcp/8080 ({@code exact P}, {@code prefix P}, {@code regex R}, {@code host H}, {@code header N[=V]},
 * {@code method M}, {@code none}), the request as {@code netlingua query} reads it, and whether it is allowed.
 */
class HttpSemanticsTableTest {
  private static Program programWith(String clause) {
    int space = clause.indexOf(' ');
    String kind = space < 0 ? clause : clause.substring(0, space);
    String value = space < 0 ? "" : clause.substring(space + 1);
    HttpRule.Builder rule = HttpRule.builder(kind.equals("method") ? value : "*");
    switch (kind) {
      case "exact" -> rule.path(value);
      case "prefix" -> rule.pathPrefix(value);
      case "regex" -> rule.pathRegex(value);
      case "host" -> rule.host(value);
      case "header" -> {
        int eq = value.indexOf('=');
        if (eq < 0) {
          rule.header(value);
        } else {
          rule.header(value.substring(0, eq), value.substring(eq + 1));
        }
      }
      case "method", "none" -> { }
      default -> throw new IllegalArgumentException("unknown clause kind in the table: " + clause);
    }
    return Program.of(shop("backend-in", "backend")
        .ingress(Rule.allow(app("frontend")).on(PortRange.of(Protocol.TCP, 8080))
            .l7(HttpBlock.of(rule.build())).build())
        .build());
  }

  @ParameterizedTest(name = "{0} | {1} -> {2}")
  @CsvSource(delimiter = '|', textBlock = """
      # LANGUAGE.md: a prefix matches by segment; its trailing '/' is ignored
      prefix /api                | GET /api                        | allow
      prefix /api                | GET /api/                       | allow
      prefix /api                | GET /api/v1                     | allow
      prefix /api                | GET /apiary                     | deny
      prefix /api/               | GET /api                        | allow
      prefix /api/               | GET /api/                       | allow
      prefix /api/               | GET /api/v1                     | allow
      prefix /api/               | GET /apiary                     | deny
      prefix /                   | GET /anything/at/all            | allow
      # the path the server will serve: query, fragment, ';' parameters, dot segments, slashes
      exact /api                 | GET /api?x=1                    | allow
      exact /api/v1/orders       | GET /api/v1/orders?page=2       | allow
      exact /admin               | GET /admin;x=1                  | allow
      exact /admin               | GET /public/../admin            | allow
      prefix /public             | GET /public/../admin            | deny
      prefix /public             | GET /public/..;x/admin          | deny
      exact /api                 | GET //api/                      | allow
      exact /api/                | GET /api                        | allow
      exact /api                 | GET /api/v1                     | deny
      # percent-encoding decoded once; '\\' read as '/'
      exact /api                 | GET /%61pi                      | allow
      prefix /api/v1             | GET /api%2Fv1/orders            | allow
      exact /admin               | GET /public%2F..%2Fadmin        | allow
      exact /admin               | GET /public\\..\\admin          | allow
      # malformed: a double-encoded separator, a NUL, a broken escape match no path clause
      prefix /api                | GET /api%252Fv1                 | deny
      regex /api/.*              | GET /api%252Fv1                 | deny
      exact /admin               | GET /admin%00                   | deny
      prefix /api                | GET /api%zz                     | deny
      none                       | GET /api%252Fv1                 | allow
      # a regex matches the whole served path
      regex /api/v[12]/orders    | GET /api/v1/orders?page=2       | allow
      regex /api/v[12]/orders    | GET /api/v1/orders/7            | deny
      regex /files/100%          | GET /files/100%25               | allow
      regex /a b                 | GET /a%20b                      | allow
      # hosts: without a port any port or none, with a port only that port; case-insensitive
      host shop.example.com      | GET / host shop.example.com     | allow
      host shop.example.com      | GET / host SHOP.Example.COM     | allow
      host shop.example.com      | GET / host shop.example.com:8080 | allow
      host shop.example.com      | GET / host api.shop.example.com | deny
      host shop.example.com      | GET /                           | deny
      host shop.example.com:8080 | GET / host shop.example.com:8080 | allow
      host shop.example.com:8080 | GET / host SHOP.example.com:8080 | allow
      host shop.example.com:8080 | GET / host shop.example.com:9090 | deny
      host shop.example.com:8080 | GET / host shop.example.com     | deny
      # headers: present, and equal to the value when one is given; names case-insensitive
      header X-Token             | GET / header x-token=a          | allow
      header X-Token             | GET /                           | deny
      header X-Token=abc         | GET / header X-TOKEN=abc        | allow
      header X-Token=abc         | GET / header X-Token=ABC        | deny
      # methods: exact, upper case; none written is any
      method GET                 | GET /                           | allow
      method GET                 | POST /                          | deny
      none                       | DELETE /x                       | allow
      """)
  void theVerdictOfEachRequest(String clause, String request, String verdict) {
    assertThat(allows(programWith(clause), "shop/frontend -> shop/backend tcp/8080 " + request))
        .isEqualTo(verdict.equals("allow"));
  }
}

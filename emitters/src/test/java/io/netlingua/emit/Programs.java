package io.netlingua.emit;

import static org.assertj.core.api.Assertions.assertThat;

import io.netlingua.dsl.NplParser;
import io.netlingua.dsl.ParseResult;

/** Programs parsed from text for the pipeline and report tests. */
final class Programs {
  /** Two policies in shop; the api policy's first ingress rule (line 6, column 5) has an HTTP block. */
  static final String SHOP = """
      namespace shop

      policy web {
        select pods(app=web)
        ingress {
          allow from pods(app=lb) on tcp/8080
        }
      }

      policy api {
        select pods(app=api)
        ingress {
          allow from pods(app=web) on tcp/8080 {
            http GET path "/orders"
          }
        }
      }
      """;

  private Programs() {}

  static ParseResult parse(String text) {
    ParseResult result = NplParser.create().parse("shop.npl", text);
    assertThat(result.diagnostics()).isEmpty();
    return result;
  }
}

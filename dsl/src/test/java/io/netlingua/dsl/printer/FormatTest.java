package io.netlingua.dsl.printer;

import static org.assertj.core.api.Assertions.assertThat;

import io.netlingua.dsl.NplParser;
import io.netlingua.dsl.NplPrinter;
import io.netlingua.dsl.ParseResult;
import org.junit.jupiter.api.Test;

/** Parsed text printed in canonical form: what {@code netlingua format} does, comments included. */
class FormatTest {

  private static String format(String text) {
    ParseResult result = NplParser.create().parse("shop.npl", text);
    assertThat(result.diagnostics()).isEmpty();
    return NplPrinter.print(result.program().files().get(0), result.comments());
  }

  @Test
  void formatsLooseTextAndKeepsEveryComment() {
    String source = """
        # The shop.
        namespace   shop     # default namespace

        let backend = pods(app == backend , tier in (api,worker))
        // web tier
        let frontend = pods(app=frontend)

        policy backend-api in namespace shop {
          egress { allow to pods(app=postgres) in namespace data on tcp/5432 }   # database
          select backend
          # who may call
          ingress {
            allow from frontend on tcp/8080 {
              http GET path "/api"   // reads
              # writes
              http POST path prefix "/api/"
            }
            log deny from pods in namespace attackers
          }
          description "Orders API"
        }
        # end
        """;

    String formatted = format(source);

    assertThat(formatted).isEqualTo("""
        # The shop.
        namespace shop # default namespace

        let backend = pods(app=backend, tier in (api, worker))
        // web tier
        let frontend = pods(app=frontend)

        policy backend-api {
          description "Orders API"
          select backend
          # who may call
          ingress {
            allow from frontend on tcp/8080 {
              http GET path "/api" // reads
              # writes
              http POST path prefix "/api/"
            }
            log deny from namespace attackers
          }
          egress {
            allow to pods(app=postgres) in namespace data on tcp/5432 # database
          }
        }
        # end
        """);
    assertThat(format(formatted)).isEqualTo(formatted);
  }

  @Test
  void keepsCommentsOfAFileWithoutElements() {
    assertThat(format("  # only a comment   \n\n// and another\n")).isEqualTo("# only a comment\n// and another\n");
  }
}

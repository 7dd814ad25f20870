package io.netlingua.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import io.netlingua.diagnostics.Code;
import io.netlingua.diagnostics.Diagnostic;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The "did you mean" hint of NL2001: typos, swapped letters included, get one; unrelated names do not. */
class UnknownNameHintTest {

  private static Optional<String> hintFor(String used) {
    ParseResult r = NplParser.create().parse("t.npl", """
        namespace shop
        let web = pods(app=web)
        let frontend = pods(app=frontend)
        policy p {
          select pods
          ingress { allow from %s }
        }
        """.formatted(used));
    Diagnostic d = r.diagnostics().stream().filter(x -> x.code() == Code.UNKNOWN_NAME).findFirst().orElseThrow();
    return d.hint();
  }

  @Test
  void aSwapOfNeighbouringLettersIsOneEdit() {
    assertThat(hintFor("wbe")).contains("did you mean 'web'?");
    assertThat(hintFor("fronetnd")).contains("did you mean 'frontend'?");
  }

  @Test
  void aMissingOrWrongLetterIsSuggested() {
    assertThat(hintFor("frontnd")).contains("did you mean 'frontend'?");
    assertThat(hintFor("wed")).contains("did you mean 'web'?");
  }

  @Test
  void anUnrelatedNameGetsNoHint() {
    assertThat(hintFor("database")).isEmpty();
    assertThat(hintFor("xyz")).isEmpty();
  }
}

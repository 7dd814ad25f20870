package io.netlingua.dsl.printer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import io.netlingua.dsl.Comment;
import io.netlingua.dsl.NplParser;
import io.netlingua.dsl.NplPrinter;
import io.netlingua.dsl.ParseResult;
import io.netlingua.dsl.generators.ModelGenerators;
import io.netlingua.model.PolicyFile;
import io.netlingua.model.SourceSpan;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Formatting keeps every comment: comments sprinkled over printed random models (on their own lines and at line
 * ends) all come out of {@code format}, once each, the model is unchanged, and formatting again changes nothing.
 */
class CommentsPropertyTest {
  private static final long SEED = 0x636f6dL;
  private static final int TRIES = Integer.getInteger("netlingua.property.tries", 1000);
  private static final int SHRINK_CYCLES = 50;

  private final NplParser parser = NplParser.create();

  @Test
  void formattingKeepsEveryCommentAndIsIdempotent() {
    qt().withFixedSeed(SEED).withExamples(TRIES).withShrinkCycles(SHRINK_CYCLES)
        .forAll(ModelGenerators.files(), longs().all())
        .checkAssert((file, placement) -> {
          List<String> comments = new ArrayList<>();
          String text = withComments(NplPrinter.print(file), new Random(placement), comments);
          String context = "seed " + SEED + ", text:\n" + text;
          ParseResult parsed = parser.parse(file.path(), text);
          assertThat(parsed.diagnostics()).as(context).isEmpty();
          assertThat(parsed.comments()).as(context).extracting(Comment::text).containsExactlyElementsOf(comments);

          String formatted = NplPrinter.print(parsed.program().files().get(0), parsed.comments());
          ParseResult again = parser.parse(file.path(), formatted);
          String formattedContext = context + "\nformatted:\n" + formatted;
          assertThat(again.diagnostics()).as(formattedContext).isEmpty();
          assertThat(again.comments()).as(formattedContext)
              .extracting(Comment::text).containsExactlyInAnyOrderElementsOf(comments);
          PolicyFile back = again.program().files().get(0);
          assertThat(back).as(formattedContext)
              .usingRecursiveComparison().ignoringFieldsOfTypes(SourceSpan.class).isEqualTo(file);
          assertThat(NplPrinter.print(back, again.comments())).as(formattedContext).isEqualTo(formatted);
        });
  }

  /** The text with comments on their own lines and at line ends; {@code comments} receives them in order. */
  private static String withComments(String text, Random random, List<String> comments) {
    StringBuilder sb = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      if (random.nextInt(100) < 15) {
        String comment = "# own " + comments.size() + " \"quoted\" ✓";
        comments.add(comment);
        sb.append(" ".repeat(random.nextInt(6))).append(comment).append('\n');
      }
      sb.append(line);
      if (!line.isBlank() && random.nextInt(100) < 15) {
        String comment = "// end " + comments.size() + " { not code }";
        comments.add(comment);
        sb.append(" ".repeat(1 + random.nextInt(3))).append(comment);
      }
      sb.append('\n');
    }
    return sb.toString();
  }
}

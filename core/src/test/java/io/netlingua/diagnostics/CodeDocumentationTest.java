package io.netlingua.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every code of the catalogue has its section in docs/diagnostics.md, and every section names a code. */
class CodeDocumentationTest {
  private static final Pattern HEADING = Pattern.compile("^### (NL\\d{4}) ", Pattern.MULTILINE);

  private static String docs() throws IOException {
    String root = System.getProperty("netlingua.root");
    assertThat(root).as("the parent pom hands tests the repository root as netlingua.root").isNotBlank();
    return Files.readString(Path.of(root, "docs", "diagnostics.md"), StandardCharsets.UTF_8);
  }

  private static List<String> headings(String text) {
    Matcher m = HEADING.matcher(text);
    return m.results().map(r -> r.group(1)).toList();
  }

  @Test
  void everyCodeHasAHeadingOnce() throws IOException {
    List<String> headings = headings(docs());
    List<String> ids = Arrays.stream(Code.values()).map(Code::id).toList();

    assertThat(headings).containsAll(ids).doesNotHaveDuplicates();
  }

  @Test
  void everyHeadingIsACodeOfTheCatalogueInCatalogueOrder() throws IOException {
    List<String> ids = Arrays.stream(Code.values()).map(Code::id).toList();

    assertThat(headings(docs())).containsExactlyElementsOf(ids);
  }

  @Test
  void everySectionShowsARenderedDiagnosticOfItsCode() throws IOException {
    String text = docs();
    List<String> headings = headings(text);
    for (int i = 0; i < headings.size(); i++) {
      String id = headings.get(i);
      int from = text.indexOf("### " + id + " ");
      int to = i + 1 < headings.size() ? text.indexOf("### " + headings.get(i + 1) + " ") : text.length();
      Code code = Arrays.stream(Code.values()).filter(c -> c.id().equals(id)).findFirst().orElseThrow();

      assertThat(text.substring(from, to)).as(id)
          .contains(code.severity().label() + "[" + id + "]: ")
          .contains("**When:**", "**Fix:**");
    }
  }
}

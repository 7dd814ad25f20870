package io.netlingua.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A page of {@code docs/}, read for its fenced code blocks, so that tests hold the docs to the parser. */
final class MarkdownDoc {
  private static final Pattern FENCE = Pattern.compile("( *)```(.*)");

  /**
   * A fenced block.
   *
   * @param info what follows the opening fence, such as {@code npl} or {@code npl fragment}
   * @param line the 1-based line of the opening fence in the text given to {@link #blocks}
   * @param label the last non-blank line before the fence, trimmed ({@code ""} if none)
   * @param text the content, without the fence's indentation, each line ending with a line break
   */
  record Block(String info, int line, String label, String text) {}

  private MarkdownDoc() {}

  /** The text of {@code docs/NAME}, found through the repository root that the parent pom hands tests. */
  static String read(String name) throws IOException {
    String root = System.getProperty("netlingua.root");
    assertThat(root).as("the parent pom hands tests the repository root as netlingua.root").isNotBlank();
    return Files.readString(Path.of(root, "docs", name), StandardCharsets.UTF_8);
  }

  /** Every fenced block of a Markdown text, in order; an unclosed fence fails the test that reads it. */
  static List<Block> blocks(String markdown) {
    String[] lines = markdown.split("\n", -1);
    List<Block> blocks = new ArrayList<>();
    String label = "";
    for (int i = 0; i < lines.length; i++) {
      Matcher open = FENCE.matcher(lines[i]);
      if (!open.matches()) {
        if (!lines[i].isBlank()) {
          label = lines[i].trim();
        }
        continue;
      }
      String indent = open.group(1);
      int start = i;
      StringBuilder text = new StringBuilder();
      for (i++; i < lines.length && !lines[i].equals(indent + "```"); i++) {
        // Content of an indented fence (in a list item) carries the fence's indentation; blank lines may not.
        String line = lines[i];
        String content = line.startsWith(indent) ? line.substring(indent.length()) : line.stripLeading();
        text.append(content).append('\n');
      }
      assertThat(i).as("the block opened at line %d is closed", start + 1).isLessThan(lines.length);
      blocks.add(new Block(open.group(2).trim(), start + 1, label, text.toString()));
      label = "";
    }
    return blocks;
  }
}

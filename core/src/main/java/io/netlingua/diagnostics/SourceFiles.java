package io.netlingua.diagnostics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The decoded text of the files of a run, by the name diagnostics use for them. Lines end with LF, CRLF or CR,
 * as the language says.
 */
public final class SourceFiles implements SourceText {
  private final Map<String, String> texts = new LinkedHashMap<>();
  private final Map<String, int[]> lineStarts = new LinkedHashMap<>();

  /** Records the text of a file (replacing any earlier text of that name). */
  public synchronized void put(String file, String text) {
    texts.put(file, text);
    lineStarts.remove(file);
  }

  /** The whole text of a file, if recorded. */
  public synchronized Optional<String> text(String file) {
    return Optional.ofNullable(texts.get(file));
  }

  @Override
  public synchronized Optional<String> line(String file, int line) {
    String text = texts.get(file);
    if (text == null || line < 1) {
      return Optional.empty();
    }
    int[] starts = lineStarts.computeIfAbsent(file, f -> starts(text));
    if (line > starts.length) {
      return Optional.empty();
    }
    int from = starts[line - 1];
    int to = from;
    while (to < text.length() && text.charAt(to) != '\n' && text.charAt(to) != '\r') {
      to++;
    }
    return Optional.of(text.substring(from, to));
  }

  private static int[] starts(String text) {
    List<Integer> starts = new ArrayList<>();
    starts.add(0);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
        i++;
        starts.add(i + 1);
      } else if (c == '\n' || c == '\r') {
        starts.add(i + 1);
      }
    }
    return starts.stream().mapToInt(Integer::intValue).toArray();
  }
}

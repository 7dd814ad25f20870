package io.netlingua.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.netlingua.FileResult;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * A YAML document read into a tree that remembers where each node is written, so that every mistake found
 * later can name its file, line and column. Duplicate keys are mistakes.
 *
 * <p>Two ways in. {@link #read} takes a whole document, up to {@link #MAX_CODE_POINTS} (a cluster file: SnakeYAML's
 * own default is 3 MiB; a bound remains so that hostile input gets a clear error rather than an exhausted heap).
 * {@link #readList} streams a document that is a list (a flow file): only one item's tree is in memory at a time,
 * the document has no bound (SnakeYAML's is set to its maximum) and each item has one instead, {@code maxItemChars},
 * which a reader that counts the characters SnakeYAML takes enforces even inside one huge scalar.
 */
final class YamlTree {
  /** The largest document {@link #read} takes, in code points: 64 Mi. */
  static final int MAX_CODE_POINTS = 64 * 1024 * 1024;

  private static final YAMLFactory FACTORY = factory(MAX_CODE_POINTS);
  /** SnakeYAML's bound at its maximum: {@link #readList} bounds each item instead. */
  private static final YAMLFactory STREAM_FACTORY = factory(Integer.MAX_VALUE);

  /** A place in the file, 1-based. */
  record Place(int line, int column) {
    static Place of(JsonLocation location) {
      return new Place(Math.max(1, location.getLineNr()), Math.max(1, location.getColumnNr()));
    }
  }

  /** A node of the tree. */
  sealed interface Node permits Scalar, Mapping, Sequence {
    Place place();

    /** What the node is, for messages: a mapping, a list, a number, a string... */
    String kind();
  }

  /**
   * A scalar: its text, and the token it was read as (a number, a string, true/false or null).
   *
   * @param text the text as written (YAML's plain scalars already resolved: {@code true}, {@code 8080})
   * @param token the token type
   * @param place where
   */
  record Scalar(String text, JsonToken token, Place place) implements Node {
    @Override
    public String kind() {
      return switch (token) {
        case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
        case VALUE_TRUE, VALUE_FALSE -> "a boolean";
        case VALUE_NULL -> "null";
        default -> "a string";
      };
    }
  }

  /**
   * A key of a mapping and its value.
   *
   * @param key the key
   * @param keyPlace where the key is written
   * @param value the value
   */
  record Entry(String key, Place keyPlace, Node value) {}

  /** A mapping, its entries in file order. */
  record Mapping(Map<String, Entry> entries, Place place) implements Node {
    @Override
    public String kind() {
      return "a mapping";
    }
  }

  /** A sequence. */
  record Sequence(List<Node> items, Place place) implements Node {
    @Override
    public String kind() {
      return "a list";
    }
  }

  private YamlTree() {}

  private static YAMLFactory factory(int codePointLimit) {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(codePointLimit);
    return YAMLFactory.builder().loaderOptions(options).build();
  }

  /**
   * Reads one document.
   *
   * @param file the file name for messages
   * @param text the text
   * @param errors where mistakes go
   * @return the root, or {@code null} when the text is not YAML (the mistake is in {@code errors}); an empty
   *     document is a null scalar
   */
  static Node read(String file, String text, Consumer<FileResult.Error> errors) {
    return read(FACTORY, file, text, errors);
  }

  /** Reads one document with a smaller bound than {@link #MAX_CODE_POINTS} (for tests of the bound). */
  static Node read(int codePointLimit, String file, String text, Consumer<FileResult.Error> errors) {
    return read(factory(codePointLimit), file, text, errors);
  }

  private static Node read(YAMLFactory factory, String file, String text, Consumer<FileResult.Error> errors) {
    if (text.length() > MAX_CODE_POINTS) {
      errors.accept(new FileResult.Error(file, 1, 1, "the file is larger than " + MAX_CODE_POINTS
          + " characters, the bound of cluster files"));
      return null;
    }
    try (JsonParser parser = factory.createParser(text)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        return new Scalar("", JsonToken.VALUE_NULL, new Place(1, 1));
      }
      Node root = node(file, parser, errors);
      if (parser.nextToken() != null) {
        Place p = Place.of(parser.currentTokenLocation());
        errors.accept(new FileResult.Error(file, p.line(), p.column(), "more than one YAML document in the file"));
      }
      return root;
    } catch (JsonProcessingException e) {
      Place p = e.getLocation() == null ? new Place(1, 1) : Place.of(e.getLocation());
      errors.accept(new FileResult.Error(file, p.line(), p.column(), "not valid YAML: " + firstLine(e)));
      return null;
    } catch (IOException e) {
      errors.accept(new FileResult.Error(file, 1, 1, "cannot be read: " + e.getMessage()));
      return null;
    }
  }

  /**
   * Streams a document that is a list: hands each item's tree to {@code items} as soon as it is read, in file order,
   * and keeps none. An empty document is an empty list. A document that is not a list is one mistake at its start,
   * an item longer than {@code maxItemChars} characters one mistake at the item (the item is skipped); an item so
   * long that one token outgrows the bound, or text that is not YAML or not UTF-8, ends the reading with its
   * mistake, since the parser cannot resume after it.
   *
   * @param file the file name for messages
   * @param reader the text, read once, not closed
   * @param what what the document is, for messages ({@code a flow file})
   * @param itemWhat what an item is ({@code a flow})
   * @param maxItemChars the bound of one item, in characters from its first to its last
   * @param items receives each item
   * @param errors receives every mistake
   */
  static void readList(String file, Reader reader, String what, String itemWhat, int maxItemChars,
      Consumer<Node> items, Consumer<FileResult.Error> errors) {
    CountingReader counted = new CountingReader(reader, maxItemChars);
    // Where the last item read ends: SnakeYAML reads ahead, so a mistake of the reader (an item past the bound, bytes
    // that are not UTF-8) is somewhere after it, in the next item or further.
    Place after = new Place(1, 1);
    try (JsonParser parser = STREAM_FACTORY.createParser(counted)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        return;
      }
      if (first == JsonToken.VALUE_NULL) {
        return;
      }
      if (first != JsonToken.START_ARRAY) {
        Place p = Place.of(parser.currentTokenLocation());
        String kind = first == JsonToken.START_OBJECT ? "a mapping" : new Scalar("", first, p).kind();
        errors.accept(new FileResult.Error(file, p.line(), p.column(), what + " must be a list, not " + kind));
        return;
      }
      counted.itemsFrom(parser.currentLocation().getCharOffset());
      after = Place.of(parser.currentLocation());
      while (parser.nextToken() != JsonToken.END_ARRAY) {
        JsonLocation start = parser.currentTokenLocation();
        Node node = node(file, parser, errors);
        JsonLocation end = parser.currentLocation();
        counted.itemsFrom(end.getCharOffset());
        after = Place.of(end);
        long length = end.getCharOffset() - start.getCharOffset();
        if (length > maxItemChars) {
          Place item = Place.of(start);
          errors.accept(new FileResult.Error(file, item.line(), item.column(), itemWhat + " of " + length
              + " characters is longer than the bound of " + maxItemChars));
        } else {
          items.accept(node);
        }
      }
      counted.endItems();
      if (parser.nextToken() != null) {
        Place p = Place.of(parser.currentTokenLocation());
        errors.accept(new FileResult.Error(file, p.line(), p.column(), "more than one YAML document in the file"));
      }
    } catch (IOException e) {
      // SnakeYAML wraps what the reader throws; the cause says which mistake it is.
      if (causedBy(e, ItemTooLong.class)) {
        errors.accept(new FileResult.Error(file, after.line(), after.column(), itemWhat + " after this place is "
            + "longer than the bound of " + maxItemChars + " characters; the rest of the file is not read"));
      } else if (causedBy(e, CharacterCodingException.class)) {
        errors.accept(new FileResult.Error(file, after.line(), after.column(),
            "the text after this place is not UTF-8; the rest of the file is not read"));
      } else if (e instanceof JsonProcessingException j) {
        Place p = j.getLocation() == null ? after : Place.of(j.getLocation());
        errors.accept(new FileResult.Error(file, p.line(), p.column(), "not valid YAML: " + firstLine(j)));
      } else {
        errors.accept(new FileResult.Error(file, after.line(), after.column(), "cannot be read: " + e.getMessage()));
      }
    }
  }

  private static boolean causedBy(Throwable e, Class<? extends Throwable> cause) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (cause.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  /** Thrown by {@link CountingReader} when one item has taken more characters than its bound allows. */
  private static final class ItemTooLong extends IOException {
    private static final long serialVersionUID = 1L;

    ItemTooLong() {
      super("an item is longer than its bound");
    }
  }

  /**
   * Counts the characters the parser takes and refuses to give more than an item's bound past the end of the last
   * item read (with slack for SnakeYAML's read-ahead), so that one huge scalar cannot fill the heap before the
   * item's length is known.
   */
  private static final class CountingReader extends Reader {
    /** SnakeYAML reads ahead in chunks of about a thousand characters. */
    private static final int SLACK = 64 * 1024;
    private final Reader in;
    private final long limit;
    private long read;
    private long itemsFrom = -1;

    CountingReader(Reader in, int maxItemChars) {
      this.in = in;
      this.limit = (long) maxItemChars + SLACK;
    }

    /** The next item starts after this offset. */
    void itemsFrom(long charOffset) {
      itemsFrom = charOffset;
    }

    void endItems() {
      itemsFrom = -1;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
      if (itemsFrom >= 0 && read - itemsFrom > limit) {
        throw new ItemTooLong();
      }
      int n = in.read(buffer, offset, length);
      if (n > 0) {
        read += n;
      }
      return n;
    }

    @Override
    public void close() {
      // The caller owns the reader.
    }
  }

  private static String firstLine(JsonProcessingException e) {
    String message = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
    int newline = message.indexOf('\n');
    return (newline < 0 ? message : message.substring(0, newline)).strip();
  }

  private static Node node(String file, JsonParser parser, Consumer<FileResult.Error> errors) throws IOException {
    Place place = Place.of(parser.currentTokenLocation());
    JsonToken token = parser.currentToken();
    if (token == JsonToken.START_OBJECT) {
      Map<String, Entry> entries = new LinkedHashMap<>();
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String key = parser.currentName();
        Place keyPlace = Place.of(parser.currentTokenLocation());
        parser.nextToken();
        Node value = node(file, parser, errors);
        if (entries.containsKey(key)) {
          errors.accept(new FileResult.Error(file, keyPlace.line(), keyPlace.column(), "duplicate key '" + key
              + "' (first at line " + entries.get(key).keyPlace().line() + ")"));
        } else {
          entries.put(key, new Entry(key, keyPlace, value));
        }
      }
      return new Mapping(entries, place);
    }
    if (token == JsonToken.START_ARRAY) {
      List<Node> items = new ArrayList<>();
      while (parser.nextToken() != JsonToken.END_ARRAY) {
        items.add(node(file, parser, errors));
      }
      return new Sequence(items, place);
    }
    return new Scalar(token == JsonToken.VALUE_NULL ? "" : parser.getText(), token, place);
  }
}

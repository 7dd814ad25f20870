package io.netlingua.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.netlingua.FileResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * A YAML document read into a tree that remembers where each node is written, so that every mistake found
 * later can name its file, line and column. Duplicate keys are mistakes. The reader refuses a document above
 * {@link #MAX_CODE_POINTS} (SnakeYAML's own default is 3 MiB, too small for a flow file of tens of thousands of
 * flows; a bound remains so that hostile input gets a clear error rather than an exhausted heap).
 */
final class YamlTree {
  /** The largest document read, in code points: 64 Mi. */
  static final int MAX_CODE_POINTS = 64 * 1024 * 1024;

  private static final YAMLFactory FACTORY = factory(MAX_CODE_POINTS);

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
  static Node read(String file, String text, List<FileResult.Error> errors) {
    return read(FACTORY, file, text, errors);
  }

  /** Reads one document with a smaller bound than {@link #MAX_CODE_POINTS} (for tests of the bound). */
  static Node read(int codePointLimit, String file, String text, List<FileResult.Error> errors) {
    return read(factory(codePointLimit), file, text, errors);
  }

  private static Node read(YAMLFactory factory, String file, String text, List<FileResult.Error> errors) {
    if (text.length() > MAX_CODE_POINTS) {
      errors.add(new FileResult.Error(file, 1, 1, "the file is larger than " + MAX_CODE_POINTS
          + " characters, the bound of cluster and flow files"));
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
        errors.add(new FileResult.Error(file, p.line(), p.column(), "more than one YAML document in the file"));
      }
      return root;
    } catch (JsonProcessingException e) {
      Place p = e.getLocation() == null ? new Place(1, 1) : Place.of(e.getLocation());
      errors.add(new FileResult.Error(file, p.line(), p.column(), "not valid YAML: " + firstLine(e)));
      return null;
    } catch (IOException e) {
      errors.add(new FileResult.Error(file, 1, 1, "cannot be read: " + e.getMessage()));
      return null;
    }
  }

  private static String firstLine(JsonProcessingException e) {
    String message = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
    int newline = message.indexOf('\n');
    return (newline < 0 ? message : message.substring(0, newline)).strip();
  }

  private static Node node(String file, JsonParser parser, List<FileResult.Error> errors) throws IOException {
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
          errors.add(new FileResult.Error(file, keyPlace.line(), keyPlace.column(), "duplicate key '" + key
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

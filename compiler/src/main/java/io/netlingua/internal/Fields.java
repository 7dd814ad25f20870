package io.netlingua.internal;

import com.fasterxml.jackson.core.JsonToken;
import io.netlingua.FileResult;
import io.netlingua.internal.YamlTree.Entry;
import io.netlingua.internal.YamlTree.Mapping;
import io.netlingua.internal.YamlTree.Node;
import io.netlingua.internal.YamlTree.Place;
import io.netlingua.internal.YamlTree.Scalar;
import io.netlingua.internal.YamlTree.Sequence;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads the fields of a YAML tree, collecting every mistake with its place instead of stopping at the first.
 * Each getter returns empty (and records the mistake) when a field is missing where required or of the wrong
 * kind, so that a reader goes on and reports the next mistake too.
 */
final class Fields {
  /**
   * The most mistakes listed: a flow file of a million bad flows is told about the first ones and how many more
   * there are, in bounded memory.
   */
  static final int MAX_LISTED_ERRORS = 1000;

  private final String file;
  private final List<FileResult.Error> errors = new ArrayList<>();
  /** The first mistake past {@link #MAX_LISTED_ERRORS}, and how many there are. */
  private FileResult.Error firstUnlisted;
  private long unlisted;

  Fields(String file) {
    this.file = file;
  }

  String file() {
    return file;
  }

  /**
   * Every mistake so far, in the order found, up to {@link #MAX_LISTED_ERRORS}; past it, one more entry at the first
   * mistake not listed says how many were left out.
   */
  List<FileResult.Error> errors() {
    if (unlisted == 0) {
      return List.copyOf(errors);
    }
    List<FileResult.Error> all = new ArrayList<>(errors);
    all.add(new FileResult.Error(file, firstUnlisted.line(), firstUnlisted.column(), "this mistake and "
        + (unlisted - 1) + " more are not listed (only the first " + MAX_LISTED_ERRORS + " are): "
        + firstUnlisted.message()));
    return List.copyOf(all);
  }

  /** Whether a mistake was found. */
  boolean hasErrors() {
    return !errors.isEmpty();
  }

  /** Records a mistake. */
  void add(FileResult.Error error) {
    if (errors.size() < MAX_LISTED_ERRORS) {
      errors.add(error);
    } else if (unlisted++ == 0) {
      firstUnlisted = error;
    }
  }

  /** Records a mistake at a place. */
  void error(Place place, String message) {
    add(new FileResult.Error(file, place.line(), place.column(), message));
  }

  /** The node as a mapping of exactly the known keys; unknown keys are mistakes. */
  Optional<Mapping> mapping(Node node, String what, List<String> keys) {
    if (!(node instanceof Mapping m)) {
      error(node.place(), what + " must be a mapping, not " + node.kind());
      return Optional.empty();
    }
    for (Entry e : m.entries().values()) {
      if (!keys.contains(e.key())) {
        error(e.keyPlace(), "unknown key '" + e.key() + "' in " + what + "; expected one of " + keys);
      }
    }
    return Optional.of(m);
  }

  /** The items of a list; a null (an absent or empty value) is an empty list. */
  List<Node> list(Node node, String what) {
    if (node instanceof Sequence s) {
      return s.items();
    }
    if (node instanceof Scalar s && s.token() == JsonToken.VALUE_NULL) {
      return List.of();
    }
    error(node.place(), what + " must be a list, not " + node.kind());
    return List.of();
  }

  /** An optional entry of a mapping that is not null. */
  Optional<Node> optional(Mapping m, String key) {
    Entry e = m.entries().get(key);
    if (e == null || e.value() instanceof Scalar s && s.token() == JsonToken.VALUE_NULL) {
      return Optional.empty();
    }
    return Optional.of(e.value());
  }

  /** A required entry; its absence is a mistake at the mapping. */
  Optional<Node> required(Mapping m, String key, String what) {
    Optional<Node> n = optional(m, key);
    if (n.isEmpty()) {
      error(m.place(), what + " needs '" + key + "'");
    }
    return n;
  }

  /** A string scalar (a plain YAML number or boolean is taken as its text). */
  Optional<String> text(Node node, String what) {
    if (node instanceof Scalar s && s.token() != JsonToken.VALUE_NULL && !s.text().isEmpty()) {
      return Optional.of(s.text());
    }
    error(node.place(), what + " must be a non-empty string, not " + node.kind());
    return Optional.empty();
  }

  /** A whole number within bounds. */
  Optional<Integer> integer(Node node, String what, int min, int max) {
    if (node instanceof Scalar s && s.token() == JsonToken.VALUE_NUMBER_INT) {
      try {
        int v = Integer.parseInt(s.text());
        if (v >= min && v <= max) {
          return Optional.of(v);
        }
      } catch (NumberFormatException e) {
        // out of range: reported below
      }
      error(node.place(), what + " must be between " + min + " and " + max + ", not " + s.text());
      return Optional.empty();
    }
    error(node.place(), what + " must be a number, not " + node.kind());
    return Optional.empty();
  }

  /** {@code true} or {@code false}. */
  Optional<Boolean> bool(Node node, String what) {
    if (node instanceof Scalar s && (s.token() == JsonToken.VALUE_TRUE || s.token() == JsonToken.VALUE_FALSE)) {
      return Optional.of(s.token() == JsonToken.VALUE_TRUE);
    }
    error(node.place(), what + " must be true or false, not " + node.kind());
    return Optional.empty();
  }

  /** A map of strings to strings (labels, a selector, headers), in key order. */
  Map<String, String> strings(Node node, String what) {
    Map<String, String> out = new TreeMap<>();
    if (node instanceof Scalar s && s.token() == JsonToken.VALUE_NULL) {
      return out;
    }
    if (!(node instanceof Mapping m)) {
      error(node.place(), what + " must be a mapping of strings, not " + node.kind());
      return out;
    }
    for (Entry e : m.entries().values()) {
      if (e.value() instanceof Scalar s && s.token() != JsonToken.VALUE_NULL) {
        out.put(e.key(), s.text());
      } else if (e.value() instanceof Scalar) {
        out.put(e.key(), "");
      } else {
        error(e.value().place(), what + " '" + e.key() + "' must be a string, not " + e.value().kind());
      }
    }
    return out;
  }
}

package io.netlingua.cli.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import java.io.IOException;
import java.io.Writer;

/**
 * The JSON the command line prints: indented by two spaces with LF line ends whatever the platform, so that the
 * output is the same everywhere. Built on jackson-core's streaming generator alone: a command that prints JSON
 * creates it when it prints, and no other command pays for it.
 */
final class Json {
  private Json() {}

  /** The indentation of every JSON document the command line prints. */
  static DefaultPrettyPrinter printer() {
    return new DefaultPrettyPrinter()
        .withObjectIndenter(new DefaultIndenter("  ", "\n"))
        .withArrayIndenter(new DefaultIndenter("  ", "\n"));
  }

  /**
   * A generator writing to {@code out} with {@link #printer()}, which leaves {@code out} open when closed.
   *
   * @param out where the JSON goes
   * @return the generator
   * @throws IOException if the generator cannot be created
   */
  static JsonGenerator generator(Writer out) throws IOException {
    JsonGenerator generator = new JsonFactory().createGenerator(out);
    generator.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    generator.setPrettyPrinter(printer());
    return generator;
  }
}

package io.netlingua.emit.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.OutputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.netlingua.schemas.Schemas;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Validates trees against the project's JSON Schemas (draft 2020-12) with networknt json-schema-validator 2.0.x.
 * Each schema is compiled once per JVM; compiled schemas are safe to share between threads.
 */
public final class DocumentValidator {
  private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
  private static final Map<String, Schema> SCHEMAS = new ConcurrentHashMap<>();

  private DocumentValidator() {}

  /**
   * The errors of a tree against a schema.
   *
   * @param schema a name from {@link Schemas#names()}
   * @param tree the document
   * @return each error as {@code location: message}, in the validator's order; empty when the tree is valid
   */
  public static List<String> validate(String schema, JsonNode tree) {
    Schema compiled =
        SCHEMAS.computeIfAbsent(schema, name -> REGISTRY.getSchema(Schemas.text(name), InputFormat.JSON));
    // Almost every document is valid: a yes-or-no run first stops at the first error and collects nothing, and
    // only an invalid document is validated again for its messages.
    if (compiled.validate(tree, OutputFormat.BOOLEAN)) {
      return List.of();
    }
    return compiled.validate(tree).stream().map(DocumentValidator::describe).toList();
  }

  private static String describe(Error error) {
    String location = error.getInstanceLocation().toString();
    String message = error.getMessage();
    return message.startsWith(location) ? message : location + ": " + message;
  }
}

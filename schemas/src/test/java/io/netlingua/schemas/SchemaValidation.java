package io.netlingua.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.OutputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Validates documents against our schemas the way the emitters do ({@code emit.validate.DocumentValidator}):
 * networknt json-schema-validator, draft 2020-12, each schema compiled once from its text alone (so a schema that
 * needed another file would fail here), a yes-or-no run, then the messages. Both runs must agree.
 */
final class SchemaValidation {
  private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
  private static final Map<String, Schema> SCHEMAS = new ConcurrentHashMap<>();

  private SchemaValidation() {}

  /** The errors of a document against the schema of that name; empty when it is valid. */
  static List<Error> errors(String name, JsonNode document) {
    Schema schema = SCHEMAS.computeIfAbsent(name, n -> REGISTRY.getSchema(Schemas.text(n), InputFormat.JSON));
    boolean valid = schema.validate(document, OutputFormat.BOOLEAN);
    List<Error> errors = schema.validate(document);
    if (valid != errors.isEmpty()) {
      throw new AssertionError(name + ": the yes-or-no run says " + valid + " but the full run gives " + errors);
    }
    return errors;
  }
}

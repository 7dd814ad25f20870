package io.netlingua.model;

import java.util.List;
import java.util.Objects;

/**
 * A use of a {@code let} that names ports, with its flat, duplicate-free expansion.
 *
 * @param name the name of the {@code let}
 * @param ports what the name stands for
 * @param span where the name was used
 */
public record PortRef(String name, List<Port> ports, SourceSpan span) implements PortTerm {
  public PortRef {
    Objects.requireNonNull(name, "name");
    ports = List.copyOf(ports);
    Objects.requireNonNull(span, "span");
  }
}

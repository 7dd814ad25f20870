package io.netlingua.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One {@code .npl} file of a program, with what the printer needs to write it back: its default namespace,
 * imports and {@code let}s.
 *
 * @param path the file's path as diagnostics name it (relative to the program's root where there is one)
 * @param namespace the {@code namespace} directive, if any
 * @param imports the imports, in order
 * @param definitions the file's own {@code let}s, in order
 * @param policies the file's policies, in order
 */
public record PolicyFile(
    String path, Optional<NamespaceDirective> namespace, List<Import> imports, List<Definition> definitions,
    List<Policy> policies) {

  public PolicyFile {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(namespace, "namespace");
    imports = List.copyOf(imports);
    definitions = List.copyOf(definitions);
    policies = List.copyOf(policies);
  }

  /**
   * {@code namespace NAME} at the top of a file: the default namespace of its namespaced policies.
   *
   * @param name the namespace
   * @param span where the directive was written
   */
  public record NamespaceDirective(String name, SourceSpan span) {
    public NamespaceDirective {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(span, "span");
    }
  }
}

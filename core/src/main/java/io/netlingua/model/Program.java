package io.netlingua.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A set of {@code .npl} files compiled together. The meaning of a program is its policies; the files keep the
 * structure the printer needs.
 *
 * @param files the files in sorted path order
 */
public record Program(List<PolicyFile> files) {

  public Program {
    files = List.copyOf(files);
  }

  /** Every policy of every file, in file order then source order. */
  public List<Policy> policies() {
    List<Policy> out = new ArrayList<>();
    for (PolicyFile f : files) {
      out.addAll(f.policies());
    }
    return List.copyOf(out);
  }

  /** A program of policies built in Java: one file named {@code <java>}. */
  public static Program of(Policy... policies) {
    return new Program(
        List.of(new PolicyFile(SourceSpan.NONE.file(), Optional.empty(), List.of(), List.of(), List.of(policies))));
  }
}

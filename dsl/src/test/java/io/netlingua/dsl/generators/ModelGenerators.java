package io.netlingua.dsl.generators;

import io.netlingua.model.LabelSelector;
import io.netlingua.model.PolicyFile;
import io.netlingua.model.Program;
import org.quicktheories.core.Gen;

/**
 * QuickTheories generators of random valid models, for any test that needs them.
 *
 * <p>Valid means that every rule of LANGUAGE.md holds: names and Kubernetes names have their syntax, CIDRs are
 * canonical with their excepts strictly inside, ports lie in 1..65535, L7 blocks sit only on allow rules whose
 * ports have the protocol their kind needs, {@code fqdn} and {@code service} appear only in egress, names are unique,
 * no list holds one entry twice (not even through a {@code let}), imports form no cycle and a file uses only its own
 * {@code let}s, those of the files it imports and the built-in {@code kube-dns}. Every span is
 * {@link io.netlingua.model.SourceSpan#NONE}; a {@code let} reference carries its flattened expansion, as the parser
 * builds it.
 *
 * <p>Choices are biased towards the awkward: keywords and digit-first texts as words, the longest names, quoted
 * and escaped strings, forward references to {@code let}s, an overridden {@code kube-dns}, IPv6 prefixes.
 */
public final class ModelGenerators {
  private ModelGenerators() {}

  /** Programs of one to four files, with imports between them (files sorted by path, as the parser reads them). */
  public static Gen<Program> programs() {
    return in -> new ProgramGenerator(new Rnd(in)).program(4);
  }

  /** Programs of exactly one file (no imports). */
  public static Gen<Program> singleFilePrograms() {
    return in -> new ProgramGenerator(new Rnd(in)).program(1);
  }

  /** Single files: the one file of {@link #singleFilePrograms()}. */
  public static Gen<PolicyFile> files() {
    return singleFilePrograms().map(p -> p.files().get(0));
  }

  /** Non-empty label selectors using every operator, keys unique within a selector. */
  public static Gen<LabelSelector> selectors() {
    return in -> new ProgramGenerator(new Rnd(in)).selector();
  }
}

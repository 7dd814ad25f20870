package io.netlingua.emit.calico;

import io.netlingua.model.LabelRequirement;
import io.netlingua.model.LabelSelector;
import java.util.List;

/**
 * The model's label selectors in Calico's selector language.
 *
 * <p>A class of its own rather than a factory on {@link CalicoSelector}: the selector tree is Calico's language
 * and nothing else (the parser and a Calico evaluator need no model), while this is the bridge from the model, as
 * Calico keeps its parser apart from its conversion of Kubernetes objects.
 */
public final class CalicoSelectors {
  private CalicoSelectors() {}

  /**
   * The selector that matches exactly the label sets the model's selector matches: each requirement as one match,
   * joined with {@code &&} in the order written, and {@code all()} for the selector without requirements.
   *
   * <p>Calico converts a Kubernetes selector the same way (projectcalico/calico {@code
   * libcalico-go/lib/backend/k8s/conversion/conversion.go} at the tag v3.32.1, {@code k8sSelectorToCalico}): a
   * {@code matchLabels} entry becomes {@code k == 'v'}, {@code In} {@code k in { 'a', 'b' }}, {@code NotIn} {@code
   * k not in { 'a', 'b' }}, {@code Exists} {@code has(k)}, {@code DoesNotExist} {@code ! has(k)}, joined with
   * {@code " && "}; an empty namespace selector becomes {@code all()}. The trees are the same, only the spelling
   * of the text differs (see {@link CalicoSelector#render()}). The model's {@code !=}, which a Kubernetes {@code
   * LabelSelector} writes as {@code NotIn} of one value, is Calico's {@code k != 'v'}: both match a resource
   * without the label. Calico's conversion also adds {@code projectcalico.org/orchestrator == 'k8s'} to a pod
   * selector; that is the emitter's business, not the selector's.
   *
   * @param selector the model's selector
   * @return its Calico selector
   */
  public static CalicoSelector of(LabelSelector selector) {
    List<CalicoSelector> terms = selector.requirements().stream().map(CalicoSelectors::of).toList();
    return CalicoSelector.and(terms);
  }

  private static CalicoSelector of(LabelRequirement r) {
    return switch (r.operator()) {
      case EQUALS -> CalicoSelector.equal(r.key(), r.values().get(0));
      case NOT_EQUALS -> CalicoSelector.notEqual(r.key(), r.values().get(0));
      case IN -> CalicoSelector.in(r.key(), r.values());
      case NOT_IN -> CalicoSelector.notIn(r.key(), r.values());
      case EXISTS -> CalicoSelector.has(r.key());
      case DOES_NOT_EXIST -> CalicoSelector.not(CalicoSelector.has(r.key()));
    };
  }
}

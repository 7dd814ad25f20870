package io.netlingua.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netlingua.model.Cidr;
import org.junit.jupiter.api.Test;

class OptionsTest {

  @Test
  void defaultsAreStrictWithTheTargetsVersionAndNoFacts() {
    Options o = Options.defaults();
    assertThat(o.mode()).isEqualTo(Mode.STRICT);
    assertThat(o.versionFor(Target.KUBERNETES)).isEqualTo("1.35");
    assertThat(o.clusterCidrs()).isEmpty();
    assertThat(o.namespaces()).isEmpty();
    assertThat(o.knowsClusterCidrs()).isFalse();
  }

  @Test
  void eachWithReturnsACopy() {
    Options base = Options.defaults();
    Options changed = base.mode(Mode.FAIL_CLOSED).targetVersion("1.24").namespaces("a", "b");
    assertThat(base).isEqualTo(Options.defaults());
    assertThat(changed.mode()).isEqualTo(Mode.FAIL_CLOSED);
    assertThat(changed.versionFor(Target.KUBERNETES)).isEqualTo("1.24");
    assertThat(changed.namespaces()).containsExactly("a", "b");
  }

  @Test
  void worldIsExactOnlyWhenPodServiceAndNodeCidrsAreAllStated() {
    Options two = Options.defaults().podCidrs("10.244.0.0/16").serviceCidrs("10.96.0.0/12");
    assertThat(two.knowsClusterCidrs()).isFalse();
    Options three = two.nodeCidrs("192.168.0.0/24", "fd00::/64");
    assertThat(three.knowsClusterCidrs()).isTrue();
    assertThat(three.clusterCidrs()).containsExactly(
        Cidr.parse("10.244.0.0/16"), Cidr.parse("10.96.0.0/12"), Cidr.parse("192.168.0.0/24"),
        Cidr.parse("fd00::/64"));
  }

  @Test
  void aCidrMustBeValidAndCanonical() {
    assertThatThrownBy(() -> Options.defaults().podCidrs("10.244.0.1/16"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("host bits set");
    assertThatThrownBy(() -> Options.defaults().nodeCidrs("nodes"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** The Java API refuses a namespace Kubernetes would reject, as the language does (NL2027). */
  @Test
  void aNamespaceMustBeADns1123Label() {
    assertThatThrownBy(() -> Options.defaults().namespaces("shop", "Web"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'Web' is not a namespace name");
    assertThat(Options.defaults().namespaces("shop", "shop-data").namespaces()).containsExactly("shop", "shop-data");
  }
}

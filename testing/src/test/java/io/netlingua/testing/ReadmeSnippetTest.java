package io.netlingua.testing;

import io.netlingua.targets.Target;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The five-line test of docs/testing.md, as a policy repository writes it (here on the shop example). */
class ReadmeSnippetTest {
  private static final Path SHOP = Path.of(System.getProperty("netlingua.root", ".."), "examples", "shop");

  @Test
  void onlyTheStorefrontReadsOrders() {
    PolicyAssertions.assertThat(SHOP).in(SHOP.resolve("cluster.yaml"))
        .allows("shop/storefront-7d9f -> shop/orders-5c4b tcp/8080 GET /api/v1/orders")
        .denies("shop/catalog-59c7 -> shop/orders-5c4b tcp/8080 GET /api/v1/orders")
        .satisfies(SHOP.resolve("connectivity.yaml"));
  }

  @Test
  void theNamespaceIsolationExampleIsExactOnKubernetes() {
    Path example = SHOP.resolveSibling("namespace-isolation");
    PolicyAssertions.assertThat(example).isExactOn(Target.KUBERNETES);
  }
}

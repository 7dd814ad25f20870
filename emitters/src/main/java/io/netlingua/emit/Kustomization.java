package io.netlingua.emit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netlingua.emit.yaml.YamlWriter;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code kustomization.yaml} of one target's output folder, so that {@code kubectl apply -k DIR/TARGET} and
 * GitOps tools take the folder as it is: its {@code resources} are the files written there, in output order (a
 * Calico Tier first, {@link DocumentRef#ORDER}), and {@code sortOptions: {order: fifo}} keeps that order. Without
 * it kustomize sorts by its legacy kind order, which knows no Tier; {@code sortOptions} exists since kustomize
 * 5.0.0 (kubectl embeds kustomize 5 since 1.27) and "is respected only in the top-level Kustomization"
 * (kubectl.docs.kubernetes.io/references/kustomize/kustomization/sortoptions/).
 *
 * <p>What {@code compile --out DIR --kustomize} writes and what the Maven plugin writes: both hand it the
 * {@link DocumentRef#file() files} in the order their documents were written. The same list gives the same bytes.
 */
public final class Kustomization {
  /** Its name inside the target's folder: the first name kustomize looks for. */
  public static final String FILE = "kustomization.yaml";

  /** The {@code apiVersion} of a kustomization. */
  public static final String API_VERSION = "kustomize.config.k8s.io/v1beta1";

  private Kustomization() {}

  /**
   * The kustomization of a folder.
   *
   * @param resources the files of the folder's objects, relative to it with {@code /}, in output order
   * @return its YAML, ending with a line break; {@code resources: []} when nothing was written
   * @throws IllegalArgumentException if a file is blank, absolute, leaves the folder, is listed twice, or is
   *     {@value #FILE} itself
   */
  public static String yaml(List<String> resources) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("apiVersion", API_VERSION);
    root.put("kind", "Kustomization");
    root.putObject("sortOptions").put("order", "fifo");
    ArrayNode list = root.putArray("resources");
    Set<String> seen = new HashSet<>();
    for (String file : resources) {
      check(file);
      if (!seen.add(file)) {
        throw new IllegalArgumentException("a resource listed twice: " + file);
      }
      list.add(file);
    }
    return YamlWriter.write(root);
  }

  private static void check(String file) {
    if (file.isBlank() || file.startsWith("/") || file.contains("\\")) {
      throw new IllegalArgumentException("not a relative file with '/': '" + file + "'");
    }
    for (String part : file.split("/", -1)) {
      if (part.isEmpty() || part.equals(".") || part.equals("..")) {
        throw new IllegalArgumentException("a resource outside its folder or not normalised: " + file);
      }
    }
    if (file.equals(FILE)) {
      throw new IllegalArgumentException("a resource named like the kustomization itself: " + file);
    }
  }
}

package dev.fairway.gitops.health;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.kube.yaml.ManifestReader;

/** Live objects for tests, written as YAML. */
final class Objects {
    private Objects() {}

    static ObjectNode yaml(String text) {
        return new ManifestReader().read(text, "test.yaml").get(0).object();
    }
}

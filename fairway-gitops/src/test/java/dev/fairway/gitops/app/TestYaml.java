package dev.fairway.gitops.app;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.kube.Json;

/** Objects for tests, written as YAML (flow style keeps them on one line). */
public final class TestYaml {

    private TestYaml() {}

    public static ObjectNode yaml(String text) {
        try {
            return (ObjectNode) Json.YAML.readTree(text);
        } catch (Exception e) {
            throw new AssertionError("test YAML does not parse: " + text, e);
        }
    }
}

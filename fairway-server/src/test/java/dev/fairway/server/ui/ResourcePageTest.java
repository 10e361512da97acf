package dev.fairway.server.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.kube.Json;
import org.junit.jupiter.api.Test;

class ResourcePageTest {

    @Test
    void secretValuesNeverReachThePage() throws Exception {
        ObjectNode secret = (ObjectNode) Json.parse("""
                {"apiVersion":"v1","kind":"Secret","metadata":{"name":"db","managedFields":[{"manager":"x"}],
                 "annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{\\"data\\":{\\"password\\":\\"c2VjcmV0\\"}}"}},
                 "data":{"password":"c2VjcmV0"},"stringData":{"user":"root"}}
                """);
        String yaml = Json.yaml(ResourcePage.masked(secret));
        assertThat(yaml).doesNotContain("c2VjcmV0").doesNotContain("root").doesNotContain("managedFields").contains("password: " + ResourcePage.MASK);
        assertThat(secret.path("data").path("password").asText()).as("the original is untouched").isEqualTo("c2VjcmV0");
        ObjectNode configMap = (ObjectNode) Json.parse("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"c\"},\"data\":{\"k\":\"v\"}}");
        assertThat(Json.yaml(ResourcePage.masked(configMap))).contains("k: v");
    }

    @Test
    void aDiffMarksAddedAndRemovedLines() {
        Html h = new Html();
        ResourcePage.diff(h, "--- live\n+++ desired\n@@ -1,2 +1,2 @@\n data:\n-  greeting: hola\n+  greeting: <b>hello</b>\n");
        assertThat(h.toString()).contains("<span class=\"del\">-  greeting: hola</span>")
                .contains("<span class=\"add\">+  greeting: &lt;b&gt;hello&lt;/b&gt;</span>").contains("--- live\n");
    }
}

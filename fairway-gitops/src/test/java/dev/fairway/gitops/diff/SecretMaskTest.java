package dev.fairway.gitops.diff;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.kube.Json;
import org.junit.jupiter.api.Test;

class SecretMaskTest {

    @Test
    void aMaskedCopyHidesEverySecretValueAndLeavesTheOriginal() throws Exception {
        ObjectNode secret = (ObjectNode) Json.parse("{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"db\"},"
                + "\"data\":{\"password\":\"czNjcmV0\"},\"stringData\":{\"user\":\"admin\"}}");
        ObjectNode masked = SecretMask.masked(secret);
        assertThat(masked.toString()).doesNotContain("czNjcmV0").doesNotContain("admin").contains("++++++++");
        assertThat(secret.path("data").path("password").asText()).isEqualTo("czNjcmV0");
        ObjectNode configMap = (ObjectNode) Json.parse("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"data\":{\"a\":\"b\"}}");
        assertThat(SecretMask.masked(configMap)).isEqualTo(configMap);
    }
}

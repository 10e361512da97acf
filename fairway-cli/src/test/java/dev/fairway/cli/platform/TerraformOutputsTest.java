package dev.fairway.cli.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class TerraformOutputsTest {

    static final String OUTPUTS = """
            {
              "region": {"sensitive": false, "type": "string", "value": "us-west-2"},
              "node_count": {"sensitive": false, "type": "number", "value": 3},
              "private": {"sensitive": false, "type": "bool", "value": true},
              "azs": {"sensitive": false, "type": ["list", "string"], "value": ["a", "b"]},
              "tags": {"sensitive": false, "type": ["map", "string"], "value": {"team": "idp"}},
              "db_password": {"sensitive": true, "type": "string", "value": "s3cret"}
            }
            """;

    @Test
    void stringsStayAsTheyAreAndOtherTypesBecomeJsonText() {
        ObjectNode cm = TerraformOutputs.parse(OUTPUTS, "out.json").configMap();
        assertThat(cm.path("metadata").path("namespace").asText()).isEqualTo("fairway-system");
        assertThat(cm.path("metadata").path("name").asText()).isEqualTo("terraform-outputs");
        ObjectNode data = (ObjectNode) cm.get("data");
        assertThat(data.get("region").asText()).isEqualTo("us-west-2");
        assertThat(data.get("node_count").asText()).isEqualTo("3");
        assertThat(data.get("private").asText()).isEqualTo("true");
        assertThat(data.get("azs").asText()).isEqualTo("[\"a\",\"b\"]");
        assertThat(data.get("tags").asText()).isEqualTo("{\"team\":\"idp\"}");
        assertThat(data.has("db_password")).as("sensitive values never go to the ConfigMap").isFalse();
        assertThat(cm.path("metadata").path("annotations").path(TerraformOutputs.TYPES_ANNOTATION).asText())
                .contains("\"azs\":\"[\\\"list\\\",\\\"string\\\"]\"").contains("\"region\":\"string\"");
    }

    @Test
    void sensitiveOutputsGoToTheSecretOnly() {
        TerraformOutputs outputs = TerraformOutputs.parse(OUTPUTS, "out.json");
        assertThat(outputs.hasSensitive()).isTrue();
        ObjectNode secret = outputs.secret();
        assertThat(secret.path("kind").asText()).isEqualTo("Secret");
        assertThat(secret.path("stringData").path("db_password").asText()).isEqualTo("s3cret");
        assertThat(secret.path("stringData").has("region")).isFalse();
    }

    @Test
    void badInputNamesTheFileLineAndWhatToDo() {
        assertThatThrownBy(() -> TerraformOutputs.parse("{\n  \"a\": {\"value\": 1,\n", "tf.json"))
                .hasMessageStartingWith("tf.json:").hasMessageContaining("terraform output -json");
        assertThatThrownBy(() -> TerraformOutputs.parse("{\"a\": \"plain\"}", "tf.json"))
                .hasMessageContaining("output \"a\" has no \"value\"").hasMessageContaining("not 'terraform output'");
        assertThatThrownBy(() -> TerraformOutputs.parse("[1]", "tf.json")).hasMessageContaining("expected a JSON object of outputs");
        assertThatThrownBy(() -> TerraformOutputs.parse("{\"a b\": {\"value\": 1}}", "tf.json")).hasMessageContaining("cannot be a ConfigMap key");
    }
}

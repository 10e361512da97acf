package dev.fairway.sandbox.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fairway.kube.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonPathTest {

    private final JsonNode obj = parse("""
            {"metadata": {"name": "db", "labels": {"app": "web", "app.kubernetes.io/name": "shop"}},
             "spec": {"replicas": 3, "ports": [{"port": 80}, {"port": 443}]},
             "status": {"conditions": [
                {"type": "Synced", "status": "True", "age": 5},
                {"type": "Ready", "status": "False", "age": 7}]}}""");

    private static JsonNode parse(String json) {
        try {
            return Json.parse(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> eval(String path) {
        return JsonPath.parse(path).evaluate(obj).stream().map(JsonNode::asText).toList();
    }

    @Test
    void followsFields() {
        assertThat(eval(".spec.replicas")).containsExactly("3");
        assertThat(eval(".metadata.labels.app")).containsExactly("web");
        assertThat(eval("{.metadata.name}")).containsExactly("db");
        assertThat(eval("$.metadata.name")).containsExactly("db");
    }

    @Test
    void escapedDotsAndQuotedNamesReachKeysWithDots() {
        assertThat(eval(".metadata.labels.app\\.kubernetes\\.io/name")).containsExactly("shop");
        assertThat(eval(".metadata.labels['app.kubernetes.io/name']")).containsExactly("shop");
    }

    @Test
    void indexesWildcardsAndNegativeIndexes() {
        assertThat(eval(".spec.ports[1].port")).containsExactly("443");
        assertThat(eval(".spec.ports[-1].port")).containsExactly("443");
        assertThat(eval(".spec.ports[*].port")).containsExactly("80", "443");
        assertThat(eval(".spec.ports[5].port")).isEmpty();
    }

    @Test
    void filtersSelectMatchingElements() {
        assertThat(eval(".status.conditions[?(@.type==\"Ready\")].status")).containsExactly("False");
        assertThat(eval(".status.conditions[?(@.type=='Synced')].status")).containsExactly("True");
        assertThat(eval(".status.conditions[?(@.type!=\"Ready\")].type")).containsExactly("Synced");
        assertThat(eval(".status.conditions[?(@.age > 6)].type")).containsExactly("Ready");
        assertThat(eval(".status.conditions[?(@.missing)].type")).isEmpty();
    }

    @Test
    void recursiveDescentFindsNestedFields() {
        assertThat(eval("..port")).containsExactly("80", "443");
    }

    @Test
    void missingFieldsSelectNothing() {
        assertThat(eval(".spec.nothing.here")).isEmpty();
        assertThat(eval(".metadata.name.deeper")).isEmpty();
    }

    @Test
    void syntaxErrorsNameTheProblem() {
        assertThatThrownBy(() -> JsonPath.parse(".spec.ports[")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid JSONPath").hasMessageContaining(".spec.ports[");
        assertThatThrownBy(() -> JsonPath.parse(".a[?(@.b ~ 1)]")).hasMessageContaining("unknown filter operator");
        assertThatThrownBy(() -> JsonPath.parse(".a[?(@.b == nope)]")).hasMessageContaining("'nope' is not a quoted string");
        assertThatThrownBy(() -> JsonPath.parse(" ")).hasMessageContaining("empty");
        assertThatThrownBy(() -> JsonPath.parse("spec")).hasMessageContaining("unexpected 's'");
    }
}

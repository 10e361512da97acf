package dev.fairway.gitops.diff;

import static dev.fairway.gitops.app.TestYaml.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.gitops.app.IgnoreDifferences;
import dev.fairway.gitops.app.InvalidSpecError;
import java.util.List;
import org.junit.jupiter.api.Test;

class IgnoredFieldsTest {

    static final ObjectNode DESIRED = yaml("{apiVersion: apps/v1, kind: Deployment, metadata: {name: web, namespace: n}, "
            + "spec: {replicas: 1, paused: false, template: {spec: {containers: [{name: web, image: nginx}]}}}}");
    static final ObjectNode LIVE = yaml("{apiVersion: apps/v1, kind: Deployment, metadata: {name: web, namespace: n}, "
            + "spec: {replicas: 5, template: {spec: {containers: [{name: web, image: nginx}]}}}}");

    static IgnoredFields rule(List<String> pointers, List<String> jq) {
        return new IgnoredFields(List.of(new IgnoreDifferences("apps", "Deployment", "", "", pointers, jq, List.of())));
    }

    @Test
    void respectIgnoreDifferencesKeepsTheLiveValueOfIgnoredFields() {
        ObjectNode applied = rule(List.of("/spec/replicas", "/spec/paused"), List.of()).keepLive(DESIRED, LIVE);
        assertThat(applied.at("/spec/replicas").asInt()).as("the autoscaler's value").isEqualTo(5);
        assertThat(applied.at("/spec/paused").isMissingNode()).as("not in the live object: not applied").isTrue();
        assertThat(applied.at("/spec/template")).isEqualTo(DESIRED.at("/spec/template"));
        assertThat(DESIRED.at("/spec/replicas").asInt()).as("the desired object is not changed").isEqualTo(1);
    }

    @Test
    void aRuleForAnotherKindChangesNothing() {
        IgnoredFields other = new IgnoredFields(List.of(new IgnoreDifferences("", "ConfigMap", "", "", List.of("/spec/replicas"),
                List.of(), List.of())));
        assertThat(other.keepLive(DESIRED, LIVE)).isEqualTo(DESIRED);
        assertThat(other.strip(LIVE, LIVE)).isEqualTo(LIVE);
    }

    static final ObjectNode MESHED = yaml("{apiVersion: apps/v1, kind: Deployment, metadata: {name: web, namespace: n}, spec: {template: "
            + "{spec: {containers: [{name: a, image: a:1}, {name: istio-proxy, image: proxy:1}, {name: b, image: b:1}, "
            + "{name: istio-proxy, image: proxy:2}]}}}}");

    @Test
    void jqPathExpressionsRemoveTheFieldsTheyName() {
        ObjectNode stripped = rule(List.of(), List.of(".spec.template.spec.containers[] | select(.name == \"b\") | .image"))
                .strip(MESHED, MESHED);
        assertThat(stripped.at("/spec/template/spec/containers/2").toString()).isEqualTo("{\"name\":\"b\"}");
        assertThat(stripped.at("/spec/template/spec/containers/0/image").asText()).isEqualTo("a:1");
    }

    @Test
    void jqCanRemoveSeveralListItemsWithoutShiftingTheOthers() {
        ObjectNode stripped = rule(List.of(), List.of(".spec.template.spec.containers[] | select(.name == \"istio-proxy\")"))
                .strip(MESHED, MESHED);
        assertThat(stripped.at("/spec/template/spec/containers").findValuesAsText("name")).containsExactly("a", "b");
    }

    @Test
    void aJqExpressionThatDoesNotFitTheObjectRemovesNothing() {
        assertThat(rule(List.of(), List.of(".spec.volumes[] | .name")).strip(MESHED, MESHED)).isEqualTo(MESHED);
    }

    @Test
    void respectIgnoreDifferencesKeepsLiveValuesNamedByJq() {
        ObjectNode desired = MESHED.deepCopy();
        ((ObjectNode) desired.at("/spec/template/spec/containers/1")).put("image", "proxy:9");
        ObjectNode applied = rule(List.of(), List.of(".spec.template.spec.containers[] | select(.name == \"istio-proxy\") | .image"))
                .keepLive(desired, MESHED);
        assertThat(applied.at("/spec/template/spec/containers/1/image").asText()).isEqualTo("proxy:1");
    }

    @Test
    void aJqExpressionThatDoesNotParseIsAnInvalidSpecErrorNamingIt() {
        assertThatThrownBy(() -> rule(List.of(), List.of(".metadata", ".spec.template[")))
                .isInstanceOf(InvalidSpecError.class)
                .hasMessageStartingWith("spec.ignoreDifferences[0].jqPathExpressions[1]: cannot parse jq expression \".spec.template[\": ")
                .hasMessageContaining("column 15");
    }

    @Test
    void anExpressionIsCompiledOnceForEveryApplicationThatUsesIt() throws Exception {
        JqPathExpressions cache = new JqPathExpressions();
        assertThat(cache.compile(".data.k")).isSameAs(cache.compile(".data.k"));
    }
}

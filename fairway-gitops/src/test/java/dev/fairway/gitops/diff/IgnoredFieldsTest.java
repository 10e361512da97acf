package dev.fairway.gitops.diff;

import static dev.fairway.gitops.app.TestYaml.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.gitops.app.IgnoreDifferences;
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
}

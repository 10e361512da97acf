package dev.fairway.gitops.cluster;

import static dev.fairway.gitops.app.TestYaml.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** kubectl apply's three-way patch: what git changed, what git removed, and nothing that others own. */
class ThreeWayPatchTest {

    @Test
    void changesWhatTheConfigurationChangesAndLeavesFieldsOthersSet() {
        ObjectNode last = yaml("{metadata: {name: c}, data: {a: '1', b: '2'}}");
        ObjectNode desired = yaml("{metadata: {name: c}, data: {a: '9', b: '2'}}");
        ObjectNode live = yaml("{metadata: {name: c, resourceVersion: '7', labels: {by-hand: x}}, data: {a: '1', b: '2', extra: e}}");
        assertThat(ThreeWayPatch.of(last, desired, live)).isEqualTo(yaml("{data: {a: '9'}}"));
    }

    @Test
    void removesOnlyWhatTheLastApplyHadSet() {
        ObjectNode last = yaml("{metadata: {name: c}, data: {a: '1', gone: '2'}}");
        ObjectNode desired = yaml("{metadata: {name: c}, data: {a: '1'}}");
        ObjectNode live = yaml("{metadata: {name: c}, data: {a: '1', gone: '2', extra: e}}");
        assertThat(ThreeWayPatch.of(last, desired, live).toString()).isEqualTo("{\"data\":{\"gone\":null}}");
    }

    @Test
    void withoutALastApplyNothingIsRemovedAndListsAreSentWhole() {
        ObjectNode desired = yaml("{spec: {ports: [{port: 80}, {port: 443}]}}");
        ObjectNode live = yaml("{spec: {ports: [{port: 80}], clusterIP: 10.0.0.1}}");
        assertThat(ThreeWayPatch.of(null, desired, live)).isEqualTo(yaml("{spec: {ports: [{port: 80}, {port: 443}]}}"));
    }

    @Test
    void anEqualObjectNeedsNoPatch() {
        ObjectNode desired = yaml("{metadata: {name: c}, data: {a: '1'}}");
        assertThat(ThreeWayPatch.of(desired, desired, desired.deepCopy())).isEmpty();
    }
}

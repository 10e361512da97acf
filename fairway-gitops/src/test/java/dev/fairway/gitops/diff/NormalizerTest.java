package dev.fairway.gitops.diff;

import static dev.fairway.gitops.app.TestYaml.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class NormalizerTest {

    private final Normalizer normalizer = new Normalizer();

    @Test
    void dropsWhatTheClusterKeepsForItself() {
        ObjectNode live = yaml("""
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: c
                  namespace: n
                  uid: 1234
                  resourceVersion: "17"
                  generation: 2
                  creationTimestamp: "2026-01-01T00:00:00Z"
                  managedFields: [{manager: kubectl}]
                  annotations: {kubectl.kubernetes.io/last-applied-configuration: "{}"}
                data: {a: b}
                status: {whatever: 1}
                """);
        ObjectNode desired = yaml("{apiVersion: v1, kind: ConfigMap, metadata: {name: c, namespace: n}, data: {a: b}}");
        assertThat(normalizer.normalize(live)).isEqualTo(normalizer.normalize(desired));
        assertThat(live.has("status")).as("the argument is untouched").isTrue();
    }

    @Test
    void aNullFieldIsTheSameAsAnAbsentOne() {
        ObjectNode go = yaml("{apiVersion: apps/v1, kind: Deployment, metadata: {name: d}, spec: {template: {metadata: {creationTimestamp: null, labels: {a: b}}}}}");
        ObjectNode git = yaml("{apiVersion: apps/v1, kind: Deployment, metadata: {name: d}, spec: {template: {metadata: {labels: {a: b}}}}}");
        assertThat(normalizer.normalize(go)).isEqualTo(normalizer.normalize(git));
    }

    @Test
    void foldsSecretStringDataIntoData() {
        ObjectNode desired = yaml("{apiVersion: v1, kind: Secret, metadata: {name: s}, stringData: {password: hunter2}}");
        ObjectNode live = yaml("{apiVersion: v1, kind: Secret, metadata: {name: s}, data: {password: aHVudGVyMg==}}");
        assertThat(normalizer.normalize(desired)).isEqualTo(normalizer.normalize(live));
    }

    @Test
    void comparesQuantitiesByValue() {
        ObjectNode a = yaml("{apiVersion: v1, kind: Pod, metadata: {name: p}, spec: {containers: [{name: c, resources: {limits: {cpu: 500m, memory: 1Gi}, requests: {cpu: 0.25}}}]}}");
        ObjectNode b = yaml("{apiVersion: v1, kind: Pod, metadata: {name: p}, spec: {containers: [{name: c, resources: {limits: {cpu: \"0.5\", memory: 1024Mi}, requests: {cpu: 250m}}}]}}");
        ObjectNode c = yaml("{apiVersion: v1, kind: Pod, metadata: {name: p}, spec: {containers: [{name: c, resources: {limits: {cpu: \"1\", memory: 1Gi}, requests: {cpu: 250m}}}]}}");
        assertThat(normalizer.normalize(a)).isEqualTo(normalizer.normalize(b));
        assertThat(normalizer.normalize(a)).isNotEqualTo(normalizer.normalize(c));
    }

    @Test
    void readsQuantityForms() {
        assertThat(Quantity.parse("1e3").orElseThrow().canonical()).isEqualTo("1000");
        assertThat(Quantity.parse("1k").orElseThrow().canonical()).isEqualTo("1000");
        assertThat(Quantity.parse("100Mi").orElseThrow().canonical()).isEqualTo("104857600");
        assertThat(Quantity.parse("1500m").orElseThrow().canonical()).isEqualTo("1.5");
        assertThat(Quantity.parse("lots")).isEmpty();
    }
}

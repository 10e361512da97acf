package dev.fairway.kube.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fairway.kube.GroupVersionKind;
import dev.fairway.kube.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class MergeSchemaTest {

    private static final GroupVersionKind DEPLOYMENT = new GroupVersionKind("apps", "v1", "Deployment");
    private static final GroupVersionKind CRON_JOB = new GroupVersionKind("batch", "v1", "CronJob");
    private static final GroupVersionKind SERVICE = new GroupVersionKind("", "v1", "Service");
    private static final GroupVersionKind WIDGET = new GroupVersionKind("example.com", "v1", "Widget");
    private final MergeSchema builtin = MergeSchema.builtin();

    private static List<String> path(String dotted) {
        return List.of(dotted.split("\\."));
    }

    @Test
    void containersMergeByNameWhereverAPodTemplateIs() {
        for (String at : List.of("spec.template.spec.containers", "spec.template.spec.initContainers")) {
            ListShape shape = builtin.list(DEPLOYMENT, path(at));
            assertThat(shape.type()).isEqualTo(ListType.MAP);
            assertThat(shape.keys()).containsExactly("name");
            assertThat(shape.patchMergeKey()).isEqualTo("name");
            assertThat(shape.patchStrategy()).isEqualTo(PatchStrategy.MERGE);
        }
        assertThat(builtin.list(CRON_JOB, path("spec.jobTemplate.spec.template.spec.containers.env")).patchMergeKey())
                .isEqualTo("name");
    }

    @Test
    void portsAreKeyedByPortAndProtocolForApplyButMergedByPortForPatches() {
        ListShape ports = builtin.list(DEPLOYMENT, path("spec.template.spec.containers.ports"));
        assertThat(ports.keys()).containsExactly("containerPort", "protocol");
        assertThat(ports.patchMergeKey()).isEqualTo("containerPort");
        assertThat(ports.keyDefaults().get("protocol").asText()).isEqualTo("TCP");
        ListShape servicePorts = builtin.list(SERVICE, path("spec.ports"));
        assertThat(servicePorts.keys()).containsExactly("port", "protocol");
        assertThat(servicePorts.patchMergeKey()).isEqualTo("port");
    }

    @Test
    void otherPodSpecFacts() {
        assertThat(builtin.list(DEPLOYMENT, path("spec.template.spec.tolerations")).type()).isEqualTo(ListType.ATOMIC);
        assertThat(builtin.list(DEPLOYMENT, path("spec.template.spec.tolerations")).patchStrategy())
                .isEqualTo(PatchStrategy.REPLACE);
        assertThat(builtin.list(DEPLOYMENT, path("spec.template.spec.volumes")).retainKeys()).isTrue();
        assertThat(builtin.list(DEPLOYMENT, path("spec.template.spec.containers.volumeMounts")).keys())
                .containsExactly("mountPath");
        assertThat(builtin.list(DEPLOYMENT, path("spec.template.spec.hostAliases")).patchMergeKey()).isEqualTo("ip");
        assertThat(builtin.map(DEPLOYMENT, path("spec.selector")).atomic()).isTrue();
        assertThat(builtin.map(DEPLOYMENT, path("spec.strategy")).retainKeys()).isTrue();
        assertThat(builtin.list(DEPLOYMENT, path("status.conditions")).keys()).containsExactly("type");
        assertThat(builtin.list(new GroupVersionKind("batch", "v1", "Job"), path("status.conditions")).type())
                .isEqualTo(ListType.ATOMIC);
    }

    @Test
    void objectMetaFactsHoldForEveryKind() {
        for (GroupVersionKind kind : List.of(DEPLOYMENT, WIDGET)) {
            assertThat(builtin.list(kind, path("metadata.finalizers")).type()).isEqualTo(ListType.SET);
            assertThat(builtin.list(kind, path("metadata.finalizers")).patchStrategy()).isEqualTo(PatchStrategy.MERGE);
            assertThat(builtin.list(kind, path("metadata.ownerReferences")).keys()).containsExactly("uid");
        }
        assertThat(builtin.list(DEPLOYMENT, path("spec.template.metadata.finalizers")).type()).isEqualTo(ListType.SET);
    }

    @Test
    void unknownFieldsAndKindsAreSchemaless() {
        assertThat(builtin.list(WIDGET, path("spec.items"))).isEqualTo(ListShape.ATOMIC);
        assertThat(builtin.map(WIDGET, path("spec"))).isEqualTo(MapShape.GRANULAR);
        assertThat(builtin.list(DEPLOYMENT, path("spec.template.spec.containers.args"))).isEqualTo(ListShape.ATOMIC);
    }

    @Test
    void readsCrdListAndMapTypes() throws Exception {
        JsonNode schema = Json.parse("""
                {"type":"object","properties":{"spec":{"type":"object","properties":{
                  "routes":{"type":"array","x-kubernetes-list-type":"map","x-kubernetes-list-map-keys":["host","port"],
                    "items":{"type":"object","properties":{"host":{"type":"string"},"port":{"type":"integer"},
                      "tags":{"type":"array","x-kubernetes-list-type":"set","items":{"type":"string"}}}}},
                  "selector":{"type":"object","x-kubernetes-map-type":"atomic"},
                  "labels":{"type":"object","additionalProperties":{"type":"object","x-kubernetes-map-type":"atomic"}}}}}}""");
        MergeSchema crd = MergeSchema.fromOpenApi(schema);

        assertThat(crd.list(WIDGET, path("spec.routes")).type()).isEqualTo(ListType.MAP);
        assertThat(crd.list(WIDGET, path("spec.routes")).keys()).containsExactly("host", "port");
        assertThat(crd.list(WIDGET, path("spec.routes")).patchMergeKey()).as("custom resources get no SMP").isNull();
        assertThat(crd.list(WIDGET, path("spec.routes.tags")).type()).isEqualTo(ListType.SET);
        assertThat(crd.map(WIDGET, path("spec.selector")).atomic()).isTrue();
        assertThat(crd.map(WIDGET, path("spec.labels.anything")).atomic()).isTrue();
        assertThat(crd.list(WIDGET, path("spec.unknown"))).isEqualTo(ListShape.ATOMIC);
        assertThat(crd.list(WIDGET, path("metadata.finalizers")).type()).isEqualTo(ListType.SET);
    }

    @Test
    void rejectsInvalidCrdMergeExtensions() throws Exception {
        assertThatThrownBy(() -> MergeSchema.fromOpenApi(Json.parse(
                "{\"properties\":{\"spec\":{\"properties\":{\"a\":{\"type\":\"array\",\"x-kubernetes-list-type\":\"map\"}}}}}")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("openAPIV3Schema.properties[spec].properties[a].x-kubernetes-list-map-keys");
        assertThatThrownBy(() -> MergeSchema.fromOpenApi(Json.parse("{\"x-kubernetes-list-type\":\"bag\"}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Unsupported value: \"bag\"");
        assertThatThrownBy(() -> MergeSchema.fromOpenApi(Json.parse("{\"x-kubernetes-map-type\":\"loose\"}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Unsupported value: \"loose\"");
        assertThatThrownBy(() -> MergeSchema.fromOpenApi(Json.parse("[]")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be an object");
    }
}

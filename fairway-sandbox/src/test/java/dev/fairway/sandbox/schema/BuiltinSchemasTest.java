package dev.fairway.sandbox.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fairway.kube.GroupVersionKind;
import org.junit.jupiter.api.Test;

class BuiltinSchemasTest {

    private static final BuiltinSchemas SCHEMAS = new BuiltinSchemas();
    private static final GroupVersionKind DEPLOYMENT = new GroupVersionKind("apps", "v1", "Deployment");

    private static JsonNode deployment() {
        return SCHEMAS.schemaFor(DEPLOYMENT).orElseThrow();
    }

    private static JsonNode containers() {
        return deployment().at("/properties/spec/properties/template/properties/spec/properties/containers");
    }

    @Test
    void servesEveryKindTheSandboxAdvertises() {
        for (String[] k : new String[][] {
                {"", "v1", "Namespace"}, {"", "v1", "Pod"}, {"", "v1", "Service"}, {"", "v1", "Endpoints"},
                {"", "v1", "ConfigMap"}, {"", "v1", "Secret"}, {"", "v1", "ServiceAccount"},
                {"", "v1", "PersistentVolumeClaim"}, {"", "v1", "PersistentVolume"}, {"", "v1", "Node"},
                {"", "v1", "Event"}, {"", "v1", "LimitRange"}, {"", "v1", "ResourceQuota"},
                {"apps", "v1", "ReplicaSet"}, {"apps", "v1", "StatefulSet"}, {"apps", "v1", "DaemonSet"},
                {"apps", "v1", "ControllerRevision"}, {"batch", "v1", "Job"}, {"batch", "v1", "CronJob"},
                {"networking.k8s.io", "v1", "Ingress"}, {"networking.k8s.io", "v1", "NetworkPolicy"},
                {"networking.k8s.io", "v1", "IngressClass"}, {"rbac.authorization.k8s.io", "v1", "Role"},
                {"rbac.authorization.k8s.io", "v1", "ClusterRole"}, {"rbac.authorization.k8s.io", "v1", "RoleBinding"},
                {"rbac.authorization.k8s.io", "v1", "ClusterRoleBinding"}, {"policy", "v1", "PodDisruptionBudget"},
                {"autoscaling", "v2", "HorizontalPodAutoscaler"}, {"autoscaling", "v1", "HorizontalPodAutoscaler"},
                {"coordination.k8s.io", "v1", "Lease"}, {"storage.k8s.io", "v1", "StorageClass"},
                {"discovery.k8s.io", "v1", "EndpointSlice"}, {"apiextensions.k8s.io", "v1", "CustomResourceDefinition"},
                {"admissionregistration.k8s.io", "v1", "ValidatingAdmissionPolicy"},
                {"admissionregistration.k8s.io", "v1", "ValidatingAdmissionPolicyBinding"},
                {"apiregistration.k8s.io", "v1", "APIService"}, {"events.k8s.io", "v1", "Event"}}) {
            GroupVersionKind gvk = new GroupVersionKind(k[0], k[1], k[2]);
            JsonNode schema = SCHEMAS.schemaFor(gvk).orElseThrow(() -> new AssertionError("no schema for " + gvk));
            assertThat(schema.at("/properties/metadata/properties/name/type").asText()).as(gvk.toString()).isEqualTo("string");
            assertThat(schema.at("/x-kubernetes-group-version-kind/0/kind").asText()).isEqualTo(k[2]);
            assertThat(schema.at("/x-kubernetes-group-version-kind/0/group").asText()).isEqualTo(k[0]);
        }
    }

    @Test
    void unknownKindHasNoSchema() {
        assertThat(SCHEMAS.schemaFor(new GroupVersionKind("example.com", "v1", "Widget"))).isEmpty();
        assertThat(SCHEMAS.schemaFor(new GroupVersionKind("apps", "v2", "Deployment"))).isEmpty();
    }

    @Test
    void typesComeFromTheModelClasses() {
        JsonNode spec = deployment().at("/properties/spec/properties");
        assertThat(spec.at("/replicas/type").asText()).isEqualTo("integer");
        assertThat(spec.at("/replicas/format").asText()).isEqualTo("int32");
        assertThat(spec.at("/paused/type").asText()).isEqualTo("boolean");
        assertThat(spec.at("/selector/properties/matchLabels/type").asText()).isEqualTo("object");
        assertThat(spec.at("/selector/properties/matchLabels/additionalProperties/type").asText()).isEqualTo("string");
        assertThat(deployment().at("/properties/metadata/properties/generation/format").asText()).isEqualTo("int64");
        assertThat(deployment().at("/properties/metadata/properties/creationTimestamp/format").asText()).isEqualTo("date-time");
    }

    @Test
    void fabric8CatchAllMapIsNotAField() {
        assertThat(deployment().at("/properties").has("additionalProperties")).isFalse();
        assertThat(deployment().at("/properties/spec/properties").has("additionalProperties")).isFalse();
        assertThat(containers().at("/items/properties").has("additionalProperties")).isFalse();
    }

    @Test
    void intOrStringAndQuantityAcceptBothForms() {
        JsonNode rollingUpdate = deployment().at("/properties/spec/properties/strategy/properties/rollingUpdate/properties");
        assertThat(rollingUpdate.at("/maxSurge/x-kubernetes-int-or-string").asBoolean()).isTrue();
        assertThat(rollingUpdate.at("/maxSurge").has("type")).isFalse();
        JsonNode limits = containers().at("/items/properties/resources/properties/limits");
        assertThat(limits.at("/additionalProperties/x-kubernetes-int-or-string").asBoolean()).isTrue();
    }

    @Test
    void wellKnownListsCarryTheirMergeKeys() {
        assertThat(containers().path("x-kubernetes-patch-merge-key").asText()).isEqualTo("name");
        assertThat(containers().path("x-kubernetes-patch-strategy").asText()).isEqualTo("merge");
        assertThat(containers().path("x-kubernetes-list-type").asText()).isEqualTo("map");
        assertThat(containers().at("/x-kubernetes-list-map-keys/0").asText()).isEqualTo("name");
        JsonNode container = containers().at("/items/properties");
        assertThat(container.at("/env/x-kubernetes-patch-merge-key").asText()).isEqualTo("name");
        assertThat(container.at("/ports/x-kubernetes-patch-merge-key").asText()).isEqualTo("containerPort");
        assertThat(container.at("/volumeMounts/x-kubernetes-patch-merge-key").asText()).isEqualTo("mountPath");
        JsonNode podSpec = deployment().at("/properties/spec/properties/template/properties/spec/properties");
        assertThat(podSpec.at("/volumes/x-kubernetes-patch-strategy").asText()).isEqualTo("merge,retainKeys");
        assertThat(deployment().at("/properties/status/properties/conditions/x-kubernetes-patch-merge-key").asText())
                .isEqualTo("type");
    }

    @Test
    void containerNameIsRequired() {
        assertThat(containers().at("/items/required").toString()).contains("\"name\"");
    }

    @Test
    void rawJsonFieldsPreserveUnknownFields() {
        JsonNode crd = SCHEMAS.schemaFor(new GroupVersionKind("apiextensions.k8s.io", "v1", "CustomResourceDefinition"))
                .orElseThrow();
        JsonNode schemaProps = crd.at("/properties/spec/properties/versions/items/properties/schema/properties/openAPIV3Schema");
        assertThat(schemaProps.at("/properties/type/type").asText()).isEqualTo("string");
        assertThat(schemaProps.at("/properties/x-kubernetes-preserve-unknown-fields/type").asText()).isEqualTo("boolean");
        // JSONSchemaProps-or-bool / -or-array are unions: any JSON goes.
        assertThat(schemaProps.at("/properties/items/x-kubernetes-preserve-unknown-fields").asBoolean()).isTrue();
        assertThat(schemaProps.at("/properties/additionalProperties/x-kubernetes-preserve-unknown-fields").asBoolean()).isTrue();
        assertThat(schemaProps.at("/properties/default/x-kubernetes-preserve-unknown-fields").asBoolean()).isTrue();
        // Recursion (properties of properties) ends in a free-form object rather than looping.
        assertThat(schemaProps.at("/properties/properties/additionalProperties/x-kubernetes-preserve-unknown-fields")
                .asBoolean()).isTrue();
        JsonNode revision = SCHEMAS.schemaFor(new GroupVersionKind("apps", "v1", "ControllerRevision")).orElseThrow();
        assertThat(revision.at("/properties/data/x-kubernetes-preserve-unknown-fields").asBoolean()).isTrue();
    }

    @Test
    void componentsReferToEachOtherByRealNames() {
        assertThat(SCHEMAS.componentNameFor(DEPLOYMENT)).contains("io.k8s.api.apps.v1.Deployment");
        JsonNode deployment = SCHEMAS.components().get("io.k8s.api.apps.v1.Deployment");
        assertThat(deployment.at("/properties/spec/$ref").asText()).isEqualTo("#/components/schemas/io.k8s.api.apps.v1.DeploymentSpec");
        assertThat(deployment.at("/properties/metadata/$ref").asText())
                .isEqualTo("#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta");
        assertThat(SCHEMAS.components()).containsKeys("io.k8s.api.core.v1.PodSpec",
                "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps",
                "io.k8s.kube-aggregator.pkg.apis.apiregistration.v1.APIService",
                "io.k8s.apimachinery.pkg.util.intstr.IntOrString",
                "io.k8s.apimachinery.pkg.apis.meta.v1.Status");
        // Every $ref points at a component that exists.
        SCHEMAS.components().values().forEach(c -> c.findValues("$ref").stream().filter(JsonNode::isTextual).forEach(ref ->
                assertThat(SCHEMAS.components()).containsKey(ref.asText().substring("#/components/schemas/".length()))));
        assertThat(SCHEMAS.components().keySet()).noneMatch(name -> name.startsWith("io.fabric8"));
    }
}

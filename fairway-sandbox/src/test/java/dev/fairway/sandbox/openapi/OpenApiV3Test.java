package dev.fairway.sandbox.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.kube.Json;
import dev.fairway.sandbox.api.ResourceType;
import dev.fairway.sandbox.schema.BuiltinSchemas;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class OpenApiV3Test {

    private static final OpenApiV3 OPENAPI = new OpenApiV3(new BuiltinSchemas());

    static ResourceType type(String group, String version, String kind, String plural, boolean namespaced,
                             boolean status, boolean scale) {
        return new ResourceType(group, version, kind, plural, kind.toLowerCase(), namespaced, List.of(), List.of(),
                ResourceType.ALL_VERBS, status, scale, true);
    }

    static final ResourceType DEPLOYMENT = type("apps", "v1", "Deployment", "deployments", true, true, true);
    static final ResourceType POD = type("", "v1", "Pod", "pods", true, true, false);
    static final ResourceType NAMESPACE = type("", "v1", "Namespace", "namespaces", false, true, false);
    static final ResourceType CRONTAB = type("stable.example.com", "v1", "CronTab", "crontabs", true, false, false);

    static final JsonNode CRONTAB_SCHEMA = parse("""
            {"type":"object","properties":{"spec":{"type":"object","properties":{
              "cronSpec":{"type":"string"},"replicas":{"type":"integer"}}}}}""");

    static JsonNode parse(String s) {
        try {
            return Json.parse(s);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    static Function<ResourceType, JsonNode> crdSchemas(JsonNode cronTab) {
        return t -> t.kind().equals("CronTab") ? cronTab : null;
    }

    private static OpenApiV3.Snapshot snapshot(JsonNode cronTab) {
        return OPENAPI.snapshot(List.of(DEPLOYMENT, POD, NAMESPACE, CRONTAB), crdSchemas(cronTab));
    }

    /** What kubectl 1.31's QueryParamVerifierV3 does: the first patch operation for the kind decides. */
    static boolean kubectlSeesFieldValidation(ObjectNode doc, String group, String version, String kind) {
        for (Iterator<JsonNode> it = doc.path("paths").elements(); it.hasNext(); ) {
            JsonNode patch = it.next().get("patch");
            if (patch == null) {
                continue;
            }
            JsonNode gvk = patch.path("x-kubernetes-group-version-kind");
            if (!gvk.path("group").asText().equals(group) || !gvk.path("version").asText().equals(version)
                    || !gvk.path("kind").asText().equals(kind)) {
                continue;
            }
            for (JsonNode p : patch.path("parameters")) {
                if (p.path("name").asText().equals("fieldValidation")) {
                    return true;
                }
            }
            return false;
        }
        return false;
    }

    static JsonNode resolve(ObjectNode doc, JsonNode schema) {
        String ref = schema.path("$ref").asText(null);
        return ref == null ? schema : doc.at("/components/schemas/" + ref.substring("#/components/schemas/".length()));
    }

    @Test
    void indexPointsAtEveryGroupVersionWithAContentHash() {
        ObjectNode index = snapshot(CRONTAB_SCHEMA).index();
        List<String> paths = new ArrayList<>();
        index.path("paths").fieldNames().forEachRemaining(paths::add);
        assertThat(paths).containsExactly("api/v1", "apis/apps/v1", "apis/stable.example.com/v1");
        assertThat(index.at("/paths/apis~1apps~1v1/serverRelativeURL").asText())
                .matches("/openapi/v3/apis/apps/v1\\?hash=[0-9A-F]{128}");
        assertThat(index.at("/paths/api~1v1/serverRelativeURL").asText()).startsWith("/openapi/v3/api/v1?hash=");
    }

    @Test
    void hashIsStableForEqualContentAndChangesWithIt() {
        OpenApiV3.Snapshot first = snapshot(CRONTAB_SCHEMA);
        OpenApiV3.Snapshot again = snapshot(CRONTAB_SCHEMA.deepCopy());
        assertThat(again.index()).isEqualTo(first.index());
        ObjectNode changed = CRONTAB_SCHEMA.deepCopy();
        ((ObjectNode) changed.at("/properties/spec/properties")).putObject("image").put("type", "string");
        OpenApiV3.Snapshot later = snapshot(changed);
        assertThat(later.hashOf("apis/stable.example.com/v1")).isNotEqualTo(first.hashOf("apis/stable.example.com/v1"));
        assertThat(later.hashOf("apis/apps/v1")).isEqualTo(first.hashOf("apis/apps/v1"));
        assertThat(first.hashOf("apis/apps/v1")).isEqualTo(OpenApiV3.hash(first.document("apis/apps/v1")));
        assertThat(first.hashOf("apis/nothing/v1")).isNull();
    }

    @Test
    void kubectlFindsServerSideFieldValidationForBuiltinsAndCustomResources() {
        OpenApiV3.Snapshot s = snapshot(CRONTAB_SCHEMA);
        assertThat(kubectlSeesFieldValidation(s.document("apis/apps/v1"), "apps", "v1", "Deployment")).isTrue();
        assertThat(kubectlSeesFieldValidation(s.document("api/v1"), "", "v1", "Pod")).isTrue();
        assertThat(kubectlSeesFieldValidation(s.document("api/v1"), "", "v1", "Namespace")).isTrue();
        assertThat(kubectlSeesFieldValidation(s.document("apis/stable.example.com/v1"), "stable.example.com", "v1",
                "CronTab")).isTrue();
        assertThat(kubectlSeesFieldValidation(s.document("apis/apps/v1"), "apps", "v1", "StatefulSet")).isFalse();
    }

    @Test
    void pathsFollowTheApiLayout() {
        ObjectNode doc = snapshot(CRONTAB_SCHEMA).document("apis/apps/v1");
        JsonNode paths = doc.path("paths");
        assertThat(paths.has("/apis/apps/v1/namespaces/{namespace}/deployments")).isTrue();
        assertThat(paths.has("/apis/apps/v1/deployments")).isTrue();
        assertThat(paths.has("/apis/apps/v1/namespaces/{namespace}/deployments/{name}/status")).isTrue();
        JsonNode item = paths.path("/apis/apps/v1/namespaces/{namespace}/deployments/{name}");
        assertThat(item.path("patch").path("operationId").asText()).isEqualTo("patchAppsV1NamespacedDeployment");
        assertThat(item.path("get").path("x-kubernetes-action").asText()).isEqualTo("get");
        assertThat(item.path("put").has("requestBody")).isTrue();
        assertThat(item.path("patch").at("/requestBody/content").has("application/strategic-merge-patch+json")).isTrue();
        assertThat(item.path("parameters").toString()).contains("\"name\":\"name\"", "\"name\":\"namespace\"");
        JsonNode scale = paths.path("/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale");
        assertThat(scale.at("/patch/x-kubernetes-group-version-kind/kind").asText()).isEqualTo("Scale");
        assertThat(doc.at("/components/schemas").has("io.k8s.api.autoscaling.v1.Scale")).isTrue();
        JsonNode namespaces = snapshot(CRONTAB_SCHEMA).document("api/v1").path("paths");
        assertThat(namespaces.has("/api/v1/namespaces/{name}")).isTrue();
        assertThat(namespaces.path("/api/v1/namespaces/{name}").path("get").path("operationId").asText())
                .isEqualTo("readCoreV1Namespace");
    }

    @Test
    void explainCanWalkFromTheKindToNestedFields() {
        ObjectNode doc = snapshot(CRONTAB_SCHEMA).document("apis/apps/v1");
        JsonNode deployment = doc.at("/components/schemas/io.k8s.api.apps.v1.Deployment");
        assertThat(deployment.at("/x-kubernetes-group-version-kind/0/kind").asText()).isEqualTo("Deployment");
        JsonNode spec = resolve(doc, deployment.at("/properties/spec"));
        assertThat(spec.at("/properties/replicas/type").asText()).isEqualTo("integer");
        JsonNode podSpec = resolve(doc, resolve(doc, spec.at("/properties/template")).at("/properties/spec"));
        JsonNode containers = podSpec.at("/properties/containers");
        assertThat(containers.path("x-kubernetes-patch-merge-key").asText()).isEqualTo("name");
        assertThat(resolve(doc, containers.path("items")).at("/properties/image/type").asText()).isEqualTo("string");
        // Every $ref of the document resolves inside it.
        doc.findValues("$ref").stream().filter(JsonNode::isTextual).forEach(ref ->
                assertThat(resolve(doc, doc.objectNode().set("$ref", ref)).isMissingNode()).as(ref.asText()).isFalse());
        assertThat(doc.at("/components/schemas/io.k8s.api.apps.v1.DeploymentList/properties/items/items/$ref").asText())
                .isEqualTo("#/components/schemas/io.k8s.api.apps.v1.Deployment");
    }

    @Test
    void customResourceSchemaIsNamedAndCompletedLikeTheApiServerDoes() {
        ObjectNode doc = snapshot(CRONTAB_SCHEMA).document("apis/stable.example.com/v1");
        JsonNode cronTab = doc.at("/components/schemas/com.example.stable.v1.CronTab");
        assertThat(cronTab.at("/properties/spec/properties/cronSpec/type").asText()).isEqualTo("string");
        assertThat(cronTab.at("/properties/metadata/$ref").asText())
                .isEqualTo("#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta");
        assertThat(cronTab.at("/properties/apiVersion/type").asText()).isEqualTo("string");
        assertThat(cronTab.at("/x-kubernetes-group-version-kind").toString())
                .isEqualTo("[{\"group\":\"stable.example.com\",\"kind\":\"CronTab\",\"version\":\"v1\"}]");
        assertThat(doc.at("/components/schemas").has("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta")).isTrue();
        assertThat(doc.at("/components/schemas").has("com.example.stable.v1.CronTabList")).isTrue();
        assertThat(CRONTAB_SCHEMA.at("/properties").has("metadata")).as("caller's schema untouched").isFalse();
    }

    @Test
    void customResourceWithoutSchemaAcceptsAnything() {
        ObjectNode doc = OPENAPI.groupVersionDocument("apis/stable.example.com/v1", List.of(CRONTAB), t -> null);
        assertThat(doc.at("/components/schemas/com.example.stable.v1.CronTab/x-kubernetes-preserve-unknown-fields")
                .asBoolean()).isTrue();
    }

    @Test
    void typeOfAnotherGroupVersionIsRejected() {
        assertThatThrownBy(() -> OPENAPI.groupVersionDocument("apis/apps/v1", List.of(POD), t -> null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Pod is served in api/v1, not in apis/apps/v1");
    }

    @Test
    void groupVersionPaths() {
        assertThat(OpenApiV3.groupVersionPath(POD.groupVersion())).isEqualTo("api/v1");
        assertThat(OpenApiV3.groupVersionPath(DEPLOYMENT.groupVersion())).isEqualTo("apis/apps/v1");
        assertThat(ComponentNames.operationGroupVersion("rbac.authorization.k8s.io", "v1")).isEqualTo("RbacAuthorizationV1");
        assertThat(ComponentNames.tag("rbac.authorization.k8s.io", "v1")).isEqualTo("rbacAuthorization_v1");
    }

    @Test
    void builtinsOnlyIndex() {
        ObjectNode index = OPENAPI.index(List.of(DEPLOYMENT, POD));
        assertThat(index.path("paths").size()).isEqualTo(2);
        assertThat(index.at("/paths/apis~1apps~1v1/serverRelativeURL").asText()).contains("?hash=");
    }
}

package dev.fairway.kube.apply;

import static dev.fairway.kube.apply.ApplyTestSupport.managers;
import static dev.fairway.kube.apply.ApplyTestSupport.obj;
import static dev.fairway.kube.apply.ApplyTestSupport.owned;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.kube.GroupVersionKind;
import dev.fairway.kube.Json;
import dev.fairway.kube.schema.MergeSchema;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Objects created by client-side {@code kubectl apply}, then applied with {@code --server-side}. */
class ClientSideApplyMigrationTest {

    private static final GroupVersionKind DEPLOYMENT = new GroupVersionKind("apps", "v1", "Deployment");
    private static final MergeSchema SCHEMA = MergeSchema.builtin();
    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private static final Instant T1 = Instant.parse("2026-01-01T11:00:00Z");
    private static final String CONFIG = "{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web'},"
            + "'spec':{'replicas':%d,'template':{'spec':{'containers':[{'name':'web','image':'web:1'}]}}}}";

    /** What client-side apply creates: the object plus its configuration in the annotation, owned by an Update. */
    private static ObjectNode createdByClientSideApply(int replicas) {
        ObjectNode config = obj(CONFIG.formatted(replicas));
        ObjectNode object = config.deepCopy();
        ((ObjectNode) object.get("metadata")).putObject("annotations")
                .put(LastAppliedConfiguration.ANNOTATION, Json.write(config) + "\n");
        return ManagedFieldsTracker.recordUpdate(null, object, "kubectl-client-side-apply", "Update", "", SCHEMA,
                DEPLOYMENT, T0);
    }

    @Test
    void kubectlTakesOverFieldsTheLastClientSideApplySetWithoutConflicts() {
        ObjectNode live = createdByClientSideApply(3);

        ApplyResult result = ServerSideApply.apply(live, obj(CONFIG.formatted(5)), "kubectl", false, SCHEMA, DEPLOYMENT, T1);

        assertThat(result).isInstanceOf(ApplyResult.Applied.class);
        ObjectNode out = ((ApplyResult.Applied) result).object();
        assertThat(out.at("/spec/replicas").asInt()).isEqualTo(5);
        assertThat(owned(out, "kubectl")).contains(".spec.replicas");
        assertThat(owned(out, "kubectl-client-side-apply")).doesNotContain(".spec.replicas");
    }

    @Test
    void fieldsChangedSinceTheLastClientSideApplyStillConflict() {
        ObjectNode live = createdByClientSideApply(3);
        ObjectNode scaled = live.deepCopy();
        ((ObjectNode) scaled.get("spec")).put("replicas", 8);
        live = ManagedFieldsTracker.recordUpdate(live, scaled, "kubectl-scale", "Update", "", SCHEMA, DEPLOYMENT, T1);

        ApplyResult result = ServerSideApply.apply(live, obj(CONFIG.formatted(5)), "kubectl", false, SCHEMA, DEPLOYMENT, T1);

        assertThat(result).isInstanceOf(ApplyResult.Conflicted.class);
        assertThat(((ApplyResult.Conflicted) result).message())
                .isEqualTo("Apply failed with 1 conflict: conflict with \"kubectl-scale\" using apps/v1: .spec.replicas");
    }

    @Test
    void otherManagersGetNoSuchAllowance() {
        ObjectNode live = createdByClientSideApply(3);
        ApplyResult result = ServerSideApply.apply(live, obj(CONFIG.formatted(5)), "fairway", false, SCHEMA, DEPLOYMENT, T1);
        assertThat(result).isInstanceOf(ApplyResult.Conflicted.class);
    }

    @Test
    void kubectlServerSideApplyKeepsTheAnnotationInStep() throws Exception {
        ObjectNode live = createdByClientSideApply(3);
        ObjectNode out = ((ApplyResult.Applied) ServerSideApply.apply(live, obj(CONFIG.formatted(5)), "kubectl", false,
                SCHEMA, DEPLOYMENT, T1)).object();

        String annotation = out.at("/metadata/annotations").get(LastAppliedConfiguration.ANNOTATION).asText();
        assertThat(Json.parse(annotation)).isEqualTo(obj(CONFIG.formatted(5)));
    }

    @Test
    void manyUpdatersAreFoldedIntoAncientChanges() {
        ObjectNode live = obj("{'apiVersion':'v1','kind':'ConfigMap','metadata':{'name':'cm'},'data':{}}");
        GroupVersionKind configMap = new GroupVersionKind("", "v1", "ConfigMap");
        for (int i = 0; i < 12; i++) {
            ObjectNode next = live.deepCopy();
            ((ObjectNode) next.get("data")).put("k" + i, "v");
            live = ManagedFieldsTracker.recordUpdate(live, next, "writer-" + i, "Update", "", SCHEMA, configMap,
                    T0.plusSeconds(i));
        }
        assertThat(managers(live)).hasSize(10).contains("ancient-changes", "writer-11").doesNotContain("writer-0");
        assertThat(owned(live, "ancient-changes")).contains(".data.k0", ".data.k1", ".data.k2");
    }
}

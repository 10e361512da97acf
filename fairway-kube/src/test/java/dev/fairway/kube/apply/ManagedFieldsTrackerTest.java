package dev.fairway.kube.apply;

import static dev.fairway.kube.apply.ApplyTestSupport.entry;
import static dev.fairway.kube.apply.ApplyTestSupport.managers;
import static dev.fairway.kube.apply.ApplyTestSupport.obj;
import static dev.fairway.kube.apply.ApplyTestSupport.owned;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.kube.GroupVersionKind;
import dev.fairway.kube.schema.MergeSchema;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ManagedFieldsTrackerTest {

    private static final GroupVersionKind CONFIG_MAP = new GroupVersionKind("", "v1", "ConfigMap");
    private static final GroupVersionKind DEPLOYMENT = new GroupVersionKind("apps", "v1", "Deployment");
    private static final MergeSchema SCHEMA = MergeSchema.builtin();
    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private static final Instant T1 = Instant.parse("2026-01-01T11:00:00Z");

    private static ObjectNode configMap(String data) {
        return obj("{'apiVersion':'v1','kind':'ConfigMap','metadata':{'name':'cm','namespace':'default',"
                + "'uid':'u1','resourceVersion':'7','creationTimestamp':'2026-01-01T10:00:00Z'},'data':" + data + "}");
    }

    private static ObjectNode update(ObjectNode oldObj, ObjectNode newObj, String manager, Instant now) {
        return ManagedFieldsTracker.recordUpdate(oldObj, newObj, manager, "Update", "", SCHEMA, CONFIG_MAP, now);
    }

    @Test
    void createOwnsEverythingTheClientSetButNotServerFields() {
        ObjectNode created = update(null, configMap("{'a':'1','b':'2'}"), "kubectl-create", T0);

        assertThat(owned(created, "kubectl-create")).containsExactly(".data.a", ".data.b");
        assertThat(created.at("/metadata/managedFields/0")).isEqualTo(obj("""
                {'manager':'kubectl-create','operation':'Update','apiVersion':'v1','time':'2026-01-01T10:00:00Z',
                 'fieldsType':'FieldsV1','fieldsV1':{'f:data':{'f:a':{},'f:b':{}}}}"""));
    }

    @Test
    void changedFieldsMoveToTheWriterAndRemovedFieldsLeaveEveryone() {
        ObjectNode created = update(null, configMap("{'a':'1','b':'2','c':'3'}"), "kubectl-create", T0);
        ObjectNode edited = created.deepCopy();
        ((ObjectNode) edited.get("data")).put("a", "changed").put("d", "new").remove("c");

        ObjectNode out = update(created, edited, "kubectl-edit", T1);

        assertThat(owned(out, "kubectl-create")).containsExactly(".data.b");
        assertThat(owned(out, "kubectl-edit")).containsExactly(".data.a", ".data.d");
        assertThat(entry(out, "kubectl-edit").time()).isEqualTo(T1);
    }

    @Test
    void entriesLeftEmptyAreDroppedAndUnchangedWritesKeepTimes() {
        ObjectNode created = update(null, configMap("{'a':'1'}"), "kubectl-create", T0);
        ObjectNode edited = created.deepCopy();
        ((ObjectNode) edited.get("data")).put("a", "2");
        ObjectNode out = update(created, edited, "kubectl-edit", T1);
        assertThat(managers(out)).containsExactly("kubectl-edit");

        ObjectNode again = update(out, out.deepCopy(), "kubectl-create", Instant.parse("2026-01-02T00:00:00Z"));
        assertThat(managers(again)).containsExactly("kubectl-edit");
        assertThat(entry(again, "kubectl-edit").time()).isEqualTo(T1);
    }

    @Test
    void clientWrittenManagedFieldsAreKeptAsKubectlMigrationWritesThem() {
        ObjectNode created = update(null, configMap("{'a':'1'}"), "kubectl-client-side-apply", T0);
        ObjectNode migrated = created.deepCopy();
        ObjectNode entryNode = (ObjectNode) migrated.at("/metadata/managedFields/0");
        entryNode.put("manager", "kubectl").put("operation", "Apply");

        ObjectNode out = update(created, migrated, "kubectl-client-side-apply", T1);

        assertThat(out.at("/metadata/managedFields")).isEqualTo(migrated.at("/metadata/managedFields"));
        assertThat(entry(out, "kubectl").operation()).isEqualTo("Apply");
    }

    @Test
    void anEmptyListResetsManagedFields() {
        ObjectNode created = update(null, configMap("{'a':'1','b':'2'}"), "kubectl-create", T0);
        ObjectNode reset = created.deepCopy();
        ((ObjectNode) reset.get("metadata")).putArray("managedFields");
        ObjectNode out = update(created, reset, "kubectl-patch", T1);
        assertThat(out.at("/metadata").has("managedFields")).isFalse();

        ObjectNode resetAndChange = created.deepCopy();
        ((ArrayNode) ((ObjectNode) resetAndChange.get("metadata")).putArray("managedFields")).addObject();
        ((ObjectNode) resetAndChange.get("data")).put("b", "3");
        ObjectNode out2 = update(created, resetAndChange, "kubectl-patch", T1);
        assertThat(managers(out2)).containsExactly("kubectl-patch");
        assertThat(owned(out2, "kubectl-patch")).containsExactly(".data.b");
    }

    @Test
    void unreadableOrMissingManagedFieldsInTheRequestKeepTheStoredOnes() {
        ObjectNode created = update(null, configMap("{'a':'1'}"), "kubectl-create", T0);
        ObjectNode garbage = created.deepCopy();
        ((ObjectNode) garbage.get("metadata")).putArray("managedFields").addObject().put("fieldsType", "FieldsV9");
        assertThat(owned(update(created, garbage, "x", T1), "kubectl-create")).containsExactly(".data.a");

        ObjectNode missing = created.deepCopy();
        ((ObjectNode) missing.get("metadata")).remove("managedFields");
        assertThat(owned(update(created, missing, "x", T1), "kubectl-create")).containsExactly(".data.a");
    }

    @Test
    void statusUpdatesGetTheirOwnEntryAndListItemsAreKeyed() {
        ObjectNode deployment = obj("""
                {'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web'},'spec':{'replicas':1},
                 'status':{'conditions':[{'type':'Available','status':'False'}]}}""");
        ObjectNode created = ManagedFieldsTracker.recordUpdate(null, deployment, "kubectl-create", "Update", "",
                SCHEMA, DEPLOYMENT, T0);
        ObjectNode progressed = created.deepCopy();
        ((ObjectNode) progressed.at("/status/conditions/0")).put("status", "True");

        ObjectNode out = ManagedFieldsTracker.recordUpdate(created, progressed, "kube-controller-manager", "Update",
                "status", SCHEMA, DEPLOYMENT, T1);

        ManagedFieldsEntry controller = entry(out, "kube-controller-manager");
        assertThat(controller.subresource()).isEqualTo("status");
        assertThat(controller.fields().toString()).isEqualTo(".status.conditions[type=\"Available\"].status");
        assertThat(owned(out, "kubectl-create")).contains(".status.conditions[type=\"Available\"]", ".spec.replicas");
    }
}

package dev.fairway.kube.apply;

import static dev.fairway.kube.apply.ApplyTestSupport.entry;
import static dev.fairway.kube.apply.ApplyTestSupport.managers;
import static dev.fairway.kube.apply.ApplyTestSupport.obj;
import static dev.fairway.kube.apply.ApplyTestSupport.owned;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.kube.GroupVersionKind;
import dev.fairway.kube.patch.PatchException;
import dev.fairway.kube.schema.MergeSchema;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ServerSideApplyTest {

    private static final GroupVersionKind DEPLOYMENT = new GroupVersionKind("apps", "v1", "Deployment");
    private static final MergeSchema SCHEMA = MergeSchema.builtin();
    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private static final Instant T1 = Instant.parse("2026-01-01T11:00:00.750Z");

    private static ObjectNode nginx(int replicas, String image) {
        return obj("""
                {'apiVersion':'apps/v1','kind':'Deployment',
                 'metadata':{'name':'nginx','namespace':'default','labels':{'app':'nginx'}},
                 'spec':{'replicas':%d,'selector':{'matchLabels':{'app':'nginx'}},
                   'template':{'metadata':{'labels':{'app':'nginx'}},
                     'spec':{'containers':[{'name':'nginx','image':'%s','ports':[{'containerPort':80}]}]}}}}"""
                .formatted(replicas, image));
    }

    private static ObjectNode applied(ApplyResult result) {
        assertThat(result).isInstanceOf(ApplyResult.Applied.class);
        return ((ApplyResult.Applied) result).object();
    }

    private static ApplyResult.Conflicted conflicted(ApplyResult result) {
        assertThat(result).isInstanceOf(ApplyResult.Conflicted.class);
        return (ApplyResult.Conflicted) result;
    }

    private static ObjectNode create() {
        return applied(ServerSideApply.apply(null, nginx(3, "nginx:1.25"), "kubectl", false, SCHEMA, DEPLOYMENT, T0));
    }

    @Test
    void createViaApplyRecordsTheAppliersFields() {
        ObjectNode live = create();

        assertThat(live.at("/spec/replicas").asInt()).isEqualTo(3);
        assertThat(live.at("/metadata/managedFields")).hasSize(1);
        assertThat(live.at("/metadata/managedFields/0")).isEqualTo(obj("""
                {'manager':'kubectl','operation':'Apply','apiVersion':'apps/v1','time':'2026-01-01T10:00:00Z',
                 'fieldsType':'FieldsV1','fieldsV1':{
                   'f:metadata':{'f:labels':{'f:app':{}}},
                   'f:spec':{'f:replicas':{},'f:selector':{},'f:template':{
                     'f:metadata':{'f:labels':{'f:app':{}}},
                     'f:spec':{'f:containers':{'k:{\\'name\\':\\'nginx\\'}':{'.':{},'f:image':{},'f:name':{},
                       'f:ports':{'k:{\\'containerPort\\':80,\\'protocol\\':\\'TCP\\'}':{'.':{},'f:containerPort':{}}}}}}}}}}"""));
    }

    @Test
    void secondApplyChangesReplicasAndKeepsOwnership() {
        ObjectNode live = create();
        ApplyResult result = ServerSideApply.apply(live, nginx(5, "nginx:1.25"), "kubectl", false, SCHEMA, DEPLOYMENT, T1);

        ObjectNode out = applied(result);
        assertThat(out.at("/spec/replicas").asInt()).isEqualTo(5);
        assertThat(((ApplyResult.Applied) result).changed()).isTrue();
        assertThat(managers(out)).containsExactly("kubectl");
        assertThat(entry(out, "kubectl").time()).isEqualTo(Instant.parse("2026-01-01T11:00:00Z"));
    }

    @Test
    void reapplyingTheSameConfigChangesNothingAndKeepsTheTime() {
        ObjectNode live = create();
        ApplyResult result = ServerSideApply.apply(live, nginx(3, "nginx:1.25"), "kubectl", false, SCHEMA, DEPLOYMENT, T1);
        assertThat(((ApplyResult.Applied) result).changed()).isFalse();
        assertThat(entry(applied(result), "kubectl").time()).isEqualTo(T0);
    }

    @Test
    void twoManagersApplyingTheSameValueShareTheField() {
        ObjectNode live = create();
        ObjectNode out = applied(ServerSideApply.apply(live, obj("""
                {'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'nginx','namespace':'default'},
                 'spec':{'replicas':3}}"""), "hpa-tuner", false, SCHEMA, DEPLOYMENT, T1));

        assertThat(owned(out, "hpa-tuner")).containsExactly(".spec.replicas");
        assertThat(owned(out, "kubectl")).contains(".spec.replicas");
        assertThat(out.at("/spec/template/spec/containers")).hasSize(1);
    }

    @Test
    void changingAnotherManagersFieldIsAConflict() {
        ObjectNode live = create();
        ApplyResult.Conflicted result = conflicted(ServerSideApply.apply(live, obj("""
                {'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'nginx'},
                 'spec':{'replicas':7,'template':{'spec':{'containers':[{'name':'nginx','image':'nginx:1.27'}]}}}}"""),
                "deployer", false, SCHEMA, DEPLOYMENT, T1));

        assertThat(result.conflicts()).containsExactly(
                new Conflict("kubectl", ".spec.replicas", "\"kubectl\""),
                new Conflict("kubectl", ".spec.template.spec.containers[name=\"nginx\"].image", "\"kubectl\""));
        assertThat(result.message()).isEqualTo("Apply failed with 2 conflicts: conflicts with \"kubectl\":\n"
                + "- .spec.replicas\n- .spec.template.spec.containers[name=\"nginx\"].image");
        assertThat(result.conflicts().get(0).causeMessage()).isEqualTo("conflict with \"kubectl\"");
    }

    @Test
    void forceConflictsMovesOwnership() {
        ObjectNode live = create();
        ObjectNode out = applied(ServerSideApply.apply(live, obj("""
                {'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'nginx'},'spec':{'replicas':7}}"""),
                "deployer", true, SCHEMA, DEPLOYMENT, T1));

        assertThat(out.at("/spec/replicas").asInt()).isEqualTo(7);
        assertThat(owned(out, "deployer")).containsExactly(".spec.replicas");
        assertThat(owned(out, "kubectl")).doesNotContain(".spec.replicas").contains(".spec.selector");
    }

    @Test
    void fieldsDroppedFromTheConfigAreRemovedWhenNobodyElseOwnsThem() {
        ObjectNode live = applied(ServerSideApply.apply(null, obj("""
                {'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web','labels':{'app':'web','tier':'fe'}},
                 'spec':{'replicas':2,'template':{'spec':{'containers':[
                   {'name':'web','image':'web:1','env':[{'name':'A','value':'1'},{'name':'B','value':'2'}]},
                   {'name':'sidecar','image':'proxy:1'}]}}}}"""), "kubectl", false, SCHEMA, DEPLOYMENT, T0));

        ObjectNode out = applied(ServerSideApply.apply(live, obj("""
                {'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web','labels':{'app':'web'}},
                 'spec':{'template':{'spec':{'containers':[
                   {'name':'web','image':'web:1','env':[{'name':'B','value':'2'}]}]}}}}"""), "kubectl", false, SCHEMA,
                DEPLOYMENT, T1));

        assertThat(out.at("/metadata/labels")).isEqualTo(obj("{'app':'web'}"));
        assertThat(out.at("/spec").has("replicas")).isFalse();
        assertThat(out.at("/spec/template/spec/containers")).hasSize(1);
        assertThat(out.at("/spec/template/spec/containers/0/env")).isEqualTo(obj("{'e':[{'name':'B','value':'2'}]}").get("e"));
        assertThat(owned(out, "kubectl")).doesNotContain(".spec.replicas", ".metadata.labels.tier");
    }

    @Test
    void droppedFieldsThatAnotherManagerOwnsStay() {
        ObjectNode live = create();
        live = applied(ServerSideApply.apply(live, obj("""
                {'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'nginx'},'spec':{'replicas':3}}"""),
                "hpa-tuner", false, SCHEMA, DEPLOYMENT, T1));
        ObjectNode withoutReplicas = nginx(3, "nginx:1.25");
        ((ObjectNode) withoutReplicas.get("spec")).remove("replicas");

        ObjectNode out = applied(ServerSideApply.apply(live, withoutReplicas, "kubectl", false, SCHEMA, DEPLOYMENT, T1));

        assertThat(out.at("/spec/replicas").asInt()).isEqualTo(3);
        assertThat(owned(out, "hpa-tuner")).containsExactly(".spec.replicas");
        assertThat(owned(out, "kubectl")).doesNotContain(".spec.replicas");
    }

    @Test
    void listItemsMergeByNameAcrossManagers() {
        ObjectNode live = create();
        ObjectNode out = applied(ServerSideApply.apply(live, obj("""
                {'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'nginx'},
                 'spec':{'template':{'spec':{'containers':[{'name':'istio-proxy','image':'proxyv2'}]}}}}"""),
                "sidecar-injector", false, SCHEMA, DEPLOYMENT, T1));

        assertThat(out.at("/spec/template/spec/containers/0/name").asText()).isEqualTo("nginx");
        assertThat(out.at("/spec/template/spec/containers/1/name").asText()).isEqualTo("istio-proxy");
        assertThat(owned(out, "sidecar-injector")).containsExactly(
                ".spec.template.spec.containers[name=\"istio-proxy\"]",
                ".spec.template.spec.containers[name=\"istio-proxy\"].image",
                ".spec.template.spec.containers[name=\"istio-proxy\"].name");
    }

    @Test
    void anUpdateByKubectlEditTakesOwnershipAndLaterConflicts() {
        ObjectNode live = create();
        ObjectNode edited = live.deepCopy();
        ((ObjectNode) edited.get("spec")).put("replicas", 4);
        ObjectNode afterEdit = ManagedFieldsTracker.recordUpdate(live, edited, "kubectl-edit", "Update", "", SCHEMA,
                DEPLOYMENT, T1);

        assertThat(owned(afterEdit, "kubectl-edit")).containsExactly(".spec.replicas");
        assertThat(owned(afterEdit, "kubectl")).doesNotContain(".spec.replicas");

        ApplyResult.Conflicted result = conflicted(
                ServerSideApply.apply(afterEdit, nginx(3, "nginx:1.25"), "kubectl", false, SCHEMA, DEPLOYMENT, T1));
        assertThat(result.message())
                .isEqualTo("Apply failed with 1 conflict: conflict with \"kubectl-edit\" using apps/v1: .spec.replicas");
    }

    @Test
    void aFirstApplyToAnUntrackedObjectConflictsWithBeforeFirstApply() {
        ObjectNode untracked = nginx(2, "nginx:1.25");
        ApplyResult.Conflicted result = conflicted(
                ServerSideApply.apply(untracked, nginx(3, "nginx:1.25"), "kubectl", false, SCHEMA, DEPLOYMENT, T1));
        assertThat(result.conflicts()).extracting(Conflict::manager, Conflict::field)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("before-first-apply", ".spec.replicas"));
    }

    @Test
    void statusIsIgnoredOnTheMainResourceAndAppliedOnStatus() {
        ObjectNode live = create();
        ((ObjectNode) live).putObject("status").put("replicas", 3);
        ObjectNode withStatus = nginx(3, "nginx:1.25");
        withStatus.putObject("status").put("replicas", 99);

        ObjectNode main = applied(ServerSideApply.apply(live, withStatus, "kubectl", false, SCHEMA, DEPLOYMENT, T1, "", true));
        assertThat(main.at("/status/replicas").asInt()).isEqualTo(3);
        assertThat(owned(main, "kubectl")).noneMatch(p -> p.startsWith(".status"));

        ObjectNode status = applied(ServerSideApply.apply(main, obj("""
                {'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'nginx'},
                 'spec':{'replicas':42},'status':{'readyReplicas':3}}"""), "controller", false, SCHEMA, DEPLOYMENT, T1,
                "status", true));
        assertThat(status.at("/status/readyReplicas").asInt()).isEqualTo(3);
        assertThat(status.at("/spec/replicas").asInt()).as("spec untouched via /status").isEqualTo(3);
        ManagedFieldsEntry controller = entry(status, "controller");
        assertThat(controller.subresource()).isEqualTo("status");
        assertThat(controller.fields().toString()).isEqualTo(".status.readyReplicas");
        assertThat(status.at("/metadata/managedFields/1/subresource").asText()).isEqualTo("status");
    }

    @Test
    void customResourcesUseTheirOpenApiListTypes() {
        GroupVersionKind widget = new GroupVersionKind("example.com", "v1", "Widget");
        MergeSchema crd = MergeSchema.fromOpenApi(obj("""
                {'type':'object','properties':{'spec':{'type':'object','properties':{
                  'ports':{'type':'array','x-kubernetes-list-type':'map','x-kubernetes-list-map-keys':['name'],
                           'items':{'type':'object','properties':{'name':{'type':'string'},'port':{'type':'integer'}}}},
                  'tags':{'type':'array','items':{'type':'string'}}}}}}"""));
        ObjectNode live = applied(ServerSideApply.apply(null, obj("""
                {'apiVersion':'example.com/v1','kind':'Widget','metadata':{'name':'w'},
                 'spec':{'ports':[{'name':'http','port':80}],'tags':['a']}}"""), "team-a", false, crd, widget, T0));
        ObjectNode out = applied(ServerSideApply.apply(live, obj("""
                {'apiVersion':'example.com/v1','kind':'Widget','metadata':{'name':'w'},
                 'spec':{'ports':[{'name':'grpc','port':9090}]}}"""), "team-b", false, crd, widget, T1));

        assertThat(out.at("/spec/ports")).hasSize(2);
        assertThat(owned(out, "team-a")).contains(".spec.tags", ".spec.ports[name=\"http\"].port");
    }

    @Test
    void rejectsManagedFieldsInTheConfigAndItemsWithoutKeys() {
        ObjectNode withManaged = nginx(1, "x");
        ((ObjectNode) withManaged.get("metadata")).putArray("managedFields").addObject();
        assertThatThrownBy(() -> ServerSideApply.apply(null, withManaged, "kubectl", false, SCHEMA, DEPLOYMENT, T0))
                .isInstanceOfSatisfying(PatchException.class, e -> assertThat(e.httpStatus()).isEqualTo(400))
                .hasMessage("metadata.managedFields must be nil");

        ObjectNode noName = obj("{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'x'},"
                + "'spec':{'template':{'spec':{'containers':[{'image':'nginx'}]}}}}");
        assertThatThrownBy(() -> ServerSideApply.apply(null, noName, "kubectl", false, SCHEMA, DEPLOYMENT, T0))
                .isInstanceOfSatisfying(PatchException.class, e -> assertThat(e.httpStatus()).isEqualTo(422))
                .hasMessageContaining(".spec.template.spec.containers: element 0")
                .hasMessageContaining("omits key field \"name\"");

        ObjectNode duplicate = obj("{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'x'},"
                + "'spec':{'template':{'spec':{'containers':[{'name':'a'},{'name':'a'}]}}}}");
        assertThatThrownBy(() -> ServerSideApply.apply(null, duplicate, "kubectl", false, SCHEMA, DEPLOYMENT, T0))
                .isInstanceOf(PatchException.class).hasMessageContaining("duplicate entries for key [name=\"a\"]");

        assertThatThrownBy(() -> ServerSideApply.apply(null, nginx(1, "x"), "", false, SCHEMA, DEPLOYMENT, T0))
                .isInstanceOf(PatchException.class).hasMessageContaining("fieldManager");
    }
}

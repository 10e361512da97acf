package dev.fairway.kube.patch;

import static dev.fairway.kube.patch.PatchTestSupport.obj;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.kube.GroupVersionKind;
import dev.fairway.kube.schema.MergeSchema;
import org.junit.jupiter.api.Test;

class StrategicMergePatchTest {

    private static final GroupVersionKind DEPLOYMENT = new GroupVersionKind("apps", "v1", "Deployment");
    private static final GroupVersionKind POD = new GroupVersionKind("", "v1", "Pod");

    private final ObjectNode deployment = obj("""
            {'apiVersion':'apps/v1','kind':'Deployment',
             'metadata':{'name':'web','labels':{'app':'web'},'finalizers':['a.example/x']},
             'spec':{'replicas':2,
               'strategy':{'type':'RollingUpdate','rollingUpdate':{'maxSurge':1}},
               'template':{'metadata':{'labels':{'app':'web'}},
                 'spec':{'containers':[
                   {'name':'nginx','image':'nginx:1.25','ports':[{'containerPort':80}],
                    'env':[{'name':'A','value':'1'},{'name':'B','value':'2'}]},
                   {'name':'sidecar','image':'busybox','args':['sleep','3600']}],
                   'tolerations':[{'key':'a','operator':'Exists'}],
                   'volumes':[{'name':'data','emptyDir':{}}]}}}}""");

    private ObjectNode patch(String patch) {
        return StrategicMergePatch.apply(deployment, obj(patch), MergeSchema.builtin(), DEPLOYMENT);
    }

    private static JsonNode containers(JsonNode d) {
        return d.at("/spec/template/spec/containers");
    }

    @Test
    void changesOneContainerImageAndKeepsTheOthers() {
        ObjectNode out = patch("{'spec':{'template':{'spec':{'containers':[{'name':'nginx','image':'nginx:1.27'}]}}}}");

        assertThat(PatchTestSupport.values(containers(out), "name")).containsExactly("nginx", "sidecar");
        assertThat(containers(out).get(0).get("image").asText()).isEqualTo("nginx:1.27");
        assertThat(containers(out).get(0).get("env")).hasSize(2);
        assertThat(containers(out).get(1).get("image").asText()).isEqualTo("busybox");
        assertThat(containers(deployment).get(0).get("image").asText()).as("input untouched").isEqualTo("nginx:1.25");
    }

    @Test
    void deletesAnEnvVarWithPatchDelete() {
        ObjectNode out = patch("""
                {'spec':{'template':{'spec':{'containers':[
                  {'name':'nginx','env':[{'name':'A','$patch':'delete'}]}]}}}}""");
        assertThat(PatchTestSupport.values(containers(out).get(0).get("env"), "name")).containsExactly("B");
    }

    @Test
    void nullDeletesAFieldAndAddsNewItemsAfterTheServersItems() {
        ObjectNode out = patch("""
                {'spec':{'replicas':null,'template':{'spec':{'containers':[
                  {'name':'metrics','image':'exporter'}]}}}}""");
        assertThat(out.get("spec").has("replicas")).isFalse();
        assertThat(PatchTestSupport.values(containers(out), "name")).containsExactly("nginx", "sidecar", "metrics");
    }

    @Test
    void setElementOrderReordersContainersAsKubectlApplySends() {
        ObjectNode out = patch("""
                {'spec':{'template':{'spec':{
                  '$setElementOrder/containers':[{'name':'sidecar'},{'name':'nginx'}],
                  'containers':[{'name':'nginx','image':'nginx:1.27'}]}}}}""");
        assertThat(PatchTestSupport.values(containers(out), "name")).containsExactly("sidecar", "nginx");
        assertThat(containers(out).get(1).get("image").asText()).isEqualTo("nginx:1.27");
    }

    @Test
    void setElementOrderPlacesNewItemsWhereTheOrderSays() {
        ObjectNode out = patch("""
                {'spec':{'template':{'spec':{
                  '$setElementOrder/containers':[{'name':'init'},{'name':'nginx'},{'name':'sidecar'}],
                  'containers':[{'name':'init','image':'x'}]}}}}""");
        assertThat(PatchTestSupport.values(containers(out), "name")).containsExactly("init", "nginx", "sidecar");
    }

    @Test
    void listsWithoutMergeStrategyAreReplaced() {
        ObjectNode out = patch("""
                {'spec':{'template':{'spec':{'tolerations':[{'key':'b','operator':'Exists'}],
                  'containers':[{'name':'sidecar','args':['sleep','10']}]}}}}""");
        assertThat(PatchTestSupport.values(out.at("/spec/template/spec/tolerations"), "key")).containsExactly("b");
        assertThat(containers(out).get(1).get("args").toString()).isEqualTo("[\"sleep\",\"10\"]");
    }

    @Test
    void containerPortsMergeByContainerPort() {
        ObjectNode out = patch("""
                {'spec':{'template':{'spec':{'containers':[
                  {'name':'nginx','ports':[{'containerPort':80,'name':'http'},{'containerPort':443}]}]}}}}""");
        JsonNode ports = containers(out).get(0).get("ports");
        assertThat(ports).hasSize(2);
        assertThat(ports.get(0).get("name").asText()).isEqualTo("http");
    }

    @Test
    void patchReplaceInAListReplacesTheWholeList() {
        ObjectNode out = patch("""
                {'spec':{'template':{'spec':{'containers':[{'$patch':'replace'},{'name':'only','image':'x'}]}}}}""");
        assertThat(PatchTestSupport.values(containers(out), "name")).containsExactly("only");
    }

    @Test
    void patchReplaceInAMapReplacesTheMap() {
        ObjectNode out = patch("{'metadata':{'labels':{'$patch':'replace','tier':'web'}}}");
        assertThat(out.at("/metadata/labels")).isEqualTo(obj("{'tier':'web'}"));
    }

    @Test
    void patchDeleteInAMapRemovesIt() {
        ObjectNode out = patch("{'spec':{'strategy':{'$patch':'delete'}}}");
        assertThat(out.get("spec").has("strategy")).isFalse();
    }

    @Test
    void retainKeysDropsFieldsOfTheOldStrategy() {
        ObjectNode out = patch("{'spec':{'strategy':{'$retainKeys':['type'],'type':'Recreate'}}}");
        assertThat(out.at("/spec/strategy")).isEqualTo(obj("{'type':'Recreate'}"));
    }

    @Test
    void retainKeysMustListEveryPatchedField() {
        assertThatThrownBy(() -> patch("{'spec':{'strategy':{'$retainKeys':['type'],'type':'Recreate','rollingUpdate':null}}}"))
                .isInstanceOfSatisfying(PatchException.class, e -> assertThat(e.httpStatus()).isEqualTo(422))
                .hasMessageContaining("retainKeys").hasMessageContaining("rollingUpdate");
    }

    @Test
    void volumesHonourRetainKeysPerItem() {
        ObjectNode out = patch("""
                {'spec':{'template':{'spec':{'volumes':[
                  {'name':'data','$retainKeys':['configMap','name'],'configMap':{'name':'cfg'}}]}}}}""");
        assertThat(out.at("/spec/template/spec/volumes/0")).isEqualTo(obj("{'name':'data','configMap':{'name':'cfg'}}"));
    }

    @Test
    void finalizersMergeAsASetAndDeleteFromPrimitiveList() {
        ObjectNode added = patch("{'metadata':{'finalizers':['b.example/y','a.example/x']}}");
        assertThat(added.at("/metadata/finalizers").toString()).isEqualTo("[\"b.example/y\",\"a.example/x\"]");

        ObjectNode removed = patch("{'metadata':{'$deleteFromPrimitiveList/finalizers':['a.example/x']}}");
        assertThat(removed.at("/metadata/finalizers")).isEmpty();
    }

    @Test
    void newFieldsLoseTheirDirectives() {
        ObjectNode out = StrategicMergePatch.apply(obj("{'spec':{}}"), obj("""
                {'spec':{'containers':[{'name':'a','env':[{'name':'X','$patch':'delete'},{'name':'Y','value':'1'}]}]}}"""),
                MergeSchema.builtin(), POD);
        assertThat(out.at("/spec/containers/0/env").toString()).isEqualTo("[{\"name\":\"Y\",\"value\":\"1\"}]");
    }

    @Test
    void unknownKindsReplaceLists() {
        GroupVersionKind widget = new GroupVersionKind("example.com", "v1", "Widget");
        ObjectNode out = StrategicMergePatch.apply(obj("{'spec':{'items':[{'name':'a'},{'name':'b'}]}}"),
                obj("{'spec':{'items':[{'name':'c'}]}}"), MergeSchema.builtin(), widget);
        assertThat(PatchTestSupport.values(out.at("/spec/items"), "name")).containsExactly("c");
    }

    @Test
    void badDirectivesAreBadRequests() {
        assertThatThrownBy(() -> patch("{'spec':{'strategy':{'$patch':'explode'}}}"))
                .isInstanceOfSatisfying(PatchException.class, e -> assertThat(e.httpStatus()).isEqualTo(400))
                .hasMessageContaining("Unknown patch type: \"explode\"").hasMessageContaining(".spec.strategy");
        assertThatThrownBy(() -> patch("{'spec':{'template':{'spec':{'containers':[{'image':'x'}]}}}}"))
                .isInstanceOf(PatchException.class).hasMessageContaining("does not contain declared merge key: name");
        assertThatThrownBy(() -> patch("{'spec':{'template':{'spec':{'$setElementOrder/containers':{'name':'a'}}}}}"))
                .isInstanceOf(PatchException.class).hasMessageContaining("must be a list");
        assertThatThrownBy(() -> patch("{'spec':{'template':{'spec':{'$setElementOrder/containers':['a']}}}}"))
                .isInstanceOf(PatchException.class).hasMessageContaining("merge key \"name\"");
        assertThatThrownBy(() -> patch("{'spec':{'strategy':{'$retainKeys':'type'}}}"))
                .isInstanceOf(PatchException.class).hasMessageContaining("$retainKeys");
    }
}

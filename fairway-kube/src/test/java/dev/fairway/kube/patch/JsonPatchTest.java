package dev.fairway.kube.patch;

import static dev.fairway.kube.patch.PatchTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class JsonPatchTest {

    private final JsonNode deployment = json("""
            {'spec':{'replicas':1,'template':{'spec':{'containers':[
              {'name':'nginx','image':'nginx:1.25'},{'name':'sidecar','image':'busybox'}]}}},
             'metadata':{'labels':{'app.kubernetes.io/name':'web'}}}""");

    @Test
    void replacesAddsAndRemovesLikeKubectlPatchTypeJson() {
        JsonNode out = JsonPatch.apply(deployment, json("""
                [{'op':'replace','path':'/spec/replicas','value':3},
                 {'op':'add','path':'/spec/template/spec/containers/-','value':{'name':'log','image':'fluent'}},
                 {'op':'remove','path':'/spec/template/spec/containers/1'},
                 {'op':'add','path':'/metadata/labels/tier','value':'frontend'}]"""));

        assertThat(out.at("/spec/replicas").asInt()).isEqualTo(3);
        assertThat(out.at("/spec/template/spec/containers").findValuesAsText("name")).containsExactly("nginx", "log");
        assertThat(out.at("/metadata/labels/tier").asText()).isEqualTo("frontend");
        assertThat(deployment.at("/spec/replicas").asInt()).as("input untouched").isEqualTo(1);
    }

    @Test
    void escapesSlashAndTildeInPointers() {
        JsonNode out = JsonPatch.apply(deployment,
                json("[{'op':'replace','path':'/metadata/labels/app.kubernetes.io~1name','value':'api'}]"));
        assertThat(out.at("/metadata/labels").get("app.kubernetes.io/name").asText()).isEqualTo("api");
    }

    @Test
    void testMoveAndCopy() {
        JsonNode out = JsonPatch.apply(deployment, json("""
                [{'op':'test','path':'/spec/replicas','value':1.0},
                 {'op':'copy','from':'/metadata/labels','path':'/spec/template/metadata'},
                 {'op':'move','from':'/spec/replicas','path':'/spec/count'}]"""));
        assertThat(out.at("/spec/template/metadata/app.kubernetes.io~1name").asText()).isEqualTo("web");
        assertThat(out.at("/spec/count").asInt()).isEqualTo(1);
        assertThat(out.at("/spec").has("replicas")).isFalse();
    }

    @Test
    void failedTestIsUnprocessable() {
        assertThatThrownBy(() -> JsonPatch.apply(deployment, json("[{'op':'test','path':'/spec/replicas','value':2}]")))
                .isInstanceOfSatisfying(PatchException.class, e -> assertThat(e.httpStatus()).isEqualTo(422))
                .hasMessageContaining("test failed").hasMessageContaining("/spec/replicas");
    }

    @Test
    void missingPathsAndBadIndexesAreUnprocessable() {
        assertThatThrownBy(() -> JsonPatch.apply(deployment, json("[{'op':'replace','path':'/spec/paused','value':true}]")))
                .isInstanceOf(PatchException.class).hasMessageContaining("missing path: \"/spec/paused\"");
        assertThatThrownBy(() -> JsonPatch.apply(deployment, json("[{'op':'remove','path':'/spec/template/spec/containers/5'}]")))
                .isInstanceOf(PatchException.class).hasMessageContaining("/spec/template/spec/containers/5");
        assertThatThrownBy(() -> JsonPatch.apply(deployment,
                json("[{'op':'add','path':'/spec/template/spec/containers/7','value':{}}]")))
                .isInstanceOf(PatchException.class).hasMessageContaining("out of range");
        assertThatThrownBy(() -> JsonPatch.apply(deployment, json("[{'op':'add','path':'/nope/x','value':1}]")))
                .isInstanceOf(PatchException.class).hasMessageContaining("/nope/x");
        assertThatThrownBy(() -> JsonPatch.apply(deployment, json("[{'op':'move','from':'/spec','path':'/spec/x'}]")))
                .isInstanceOf(PatchException.class).hasMessageContaining("own child");
    }

    @Test
    void malformedPatchesAreBadRequests() {
        assertThatThrownBy(() -> JsonPatch.apply(deployment, json("{'op':'add'}")))
                .isInstanceOfSatisfying(PatchException.class, e -> assertThat(e.httpStatus()).isEqualTo(400))
                .hasMessageContaining("list of operations");
        assertThatThrownBy(() -> JsonPatch.apply(deployment, json("[{'op':'frobnicate','path':'/spec'}]")))
                .isInstanceOf(PatchException.class).hasMessageContaining("unknown op \"frobnicate\"");
        assertThatThrownBy(() -> JsonPatch.apply(deployment, json("[{'op':'add','path':'/spec/x'}]")))
                .isInstanceOf(PatchException.class).hasMessageContaining("no \"value\"");
        assertThatThrownBy(() -> JsonPatch.apply(deployment, json("[{'op':'add','path':'spec','value':1}]")))
                .isInstanceOf(PatchException.class).hasMessageContaining("must start with \"/\"");
        assertThatThrownBy(() -> JsonPatch.apply(deployment, json("[{'op':'remove'}]")))
                .isInstanceOf(PatchException.class).hasMessageContaining("no \"path\"");
    }
}

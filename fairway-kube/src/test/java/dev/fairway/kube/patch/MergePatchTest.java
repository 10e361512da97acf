package dev.fairway.kube.patch;

import static dev.fairway.kube.patch.PatchTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class MergePatchTest {

    @Test
    void mergesObjectsDeletesNullsAndReplacesLists() {
        JsonNode target = json("{'spec':{'replicas':1,'paused':true,'args':['a','b']},'metadata':{'labels':{'a':'1'}}}");
        JsonNode out = MergePatch.apply(target, json("{'spec':{'replicas':2,'paused':null,'args':['c']},'metadata':{'labels':{'b':'2'}}}"));
        assertThat(out).isEqualTo(json("{'spec':{'replicas':2,'args':['c']},'metadata':{'labels':{'a':'1','b':'2'}}}"));
    }

    @Test
    void followsRfc7386Examples() {
        assertThat(MergePatch.apply(json("{'a':'b'}"), json("{'a':'c'}"))).isEqualTo(json("{'a':'c'}"));
        assertThat(MergePatch.apply(json("{'a':'b'}"), json("['c']"))).isEqualTo(json("['c']"));
        assertThat(MergePatch.apply(json("['a','b']"), json("{'a':'c'}"))).isEqualTo(json("{'a':'c'}"));
        assertThat(MergePatch.apply(json("{'e':null}"), json("{'a':1}"))).isEqualTo(json("{'e':null,'a':1}"));
        assertThat(MergePatch.apply(json("{}"), json("{'a':{'bb':{'ccc':null}}}"))).isEqualTo(json("{'a':{'bb':{}}}"));
    }

    @Test
    void rejectsAMissingPatch() {
        assertThatThrownBy(() -> MergePatch.apply(json("{}"), null)).isInstanceOf(PatchException.class);
    }
}

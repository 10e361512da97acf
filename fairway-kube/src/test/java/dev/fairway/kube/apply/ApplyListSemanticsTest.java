package dev.fairway.kube.apply;

import static dev.fairway.kube.apply.ApplyTestSupport.obj;
import static dev.fairway.kube.apply.ApplyTestSupport.owned;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.kube.GroupVersionKind;
import dev.fairway.kube.schema.MergeSchema;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** How atomic lists, sets and keyed lists behave under server-side apply with several managers. */
class ApplyListSemanticsTest {

    private static final GroupVersionKind POD = new GroupVersionKind("", "v1", "Pod");
    private static final MergeSchema SCHEMA = MergeSchema.builtin();
    private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");

    private static ObjectNode apply(ObjectNode live, String config, String manager, boolean force) {
        ApplyResult result = ServerSideApply.apply(live, obj(config), manager, force, SCHEMA, POD, NOW);
        assertThat(result).isInstanceOf(ApplyResult.Applied.class);
        return ((ApplyResult.Applied) result).object();
    }

    @Test
    void finalizersAreASetEachManagerOwnsItsOwn() {
        ObjectNode live = apply(null, "{'apiVersion':'v1','kind':'Pod','metadata':{'name':'p','finalizers':['a/x']}}",
                "one", false);
        live = apply(live, "{'apiVersion':'v1','kind':'Pod','metadata':{'name':'p','finalizers':['b/y']}}", "two", false);
        assertThat(live.at("/metadata/finalizers").toString()).isEqualTo("[\"a/x\",\"b/y\"]");
        assertThat(owned(live, "two")).containsExactly(".metadata.finalizers[=\"b/y\"]");

        live = apply(live, "{'apiVersion':'v1','kind':'Pod','metadata':{'name':'p'}}", "one", false);
        assertThat(live.at("/metadata/finalizers").toString()).isEqualTo("[\"b/y\"]");
    }

    @Test
    void atomicListsAreOwnedWholeAndConflictAsOne() {
        ObjectNode live = apply(null, """
                {'apiVersion':'v1','kind':'Pod','metadata':{'name':'p'},'spec':{
                  'tolerations':[{'key':'a','operator':'Exists'}],
                  'containers':[{'name':'c','image':'i','args':['--a','--b']}]}}""", "one", false);
        assertThat(owned(live, "one")).contains(".spec.tolerations", ".spec.containers[name=\"c\"].args");

        ApplyResult result = ServerSideApply.apply(live, obj("""
                {'apiVersion':'v1','kind':'Pod','metadata':{'name':'p'},'spec':{
                  'tolerations':[{'key':'b','operator':'Exists'}]}}"""), "two", false, SCHEMA, POD, NOW);
        assertThat(((ApplyResult.Conflicted) result).message())
                .isEqualTo("Apply failed with 1 conflict: conflict with \"one\": .spec.tolerations");

        ObjectNode forced = apply(live, """
                {'apiVersion':'v1','kind':'Pod','metadata':{'name':'p'},'spec':{
                  'tolerations':[{'key':'b','operator':'Exists'}]}}""", "two", true);
        assertThat(forced.at("/spec/tolerations")).hasSize(1);
        assertThat(forced.at("/spec/tolerations/0/key").asText()).isEqualTo("b");
    }

    @Test
    void containerPortsAreKeyedByPortAndDefaultedProtocol() {
        ObjectNode live = apply(null, """
                {'apiVersion':'v1','kind':'Pod','metadata':{'name':'p'},'spec':{'containers':[
                  {'name':'c','image':'i','ports':[{'containerPort':53,'protocol':'UDP'},{'containerPort':53}]}]}}""",
                "one", false);
        assertThat(owned(live, "one")).contains(
                ".spec.containers[name=\"c\"].ports[containerPort=53,protocol=\"UDP\"]",
                ".spec.containers[name=\"c\"].ports[containerPort=53,protocol=\"TCP\"].containerPort");

        ApplyResult result = ServerSideApply.apply(live, obj("""
                {'apiVersion':'v1','kind':'Pod','metadata':{'name':'p'},'spec':{'containers':[
                  {'name':'c','ports':[{'containerPort':53,'protocol':'UDP','name':'dns'}]}]}}"""), "two", false,
                SCHEMA, POD, NOW);
        ObjectNode out = ((ApplyResult.Applied) result).object();
        assertThat(out.at("/spec/containers/0/ports/0/name").asText()).isEqualTo("dns");
        assertThat(out.at("/spec/containers/0/ports")).hasSize(2);
    }
}

package dev.fairway.sandbox.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.kube.Json;
import dev.fairway.kube.patch.JsonPatch;
import dev.fairway.kube.patch.MergePatch;
import dev.fairway.kube.patch.PatchException;
import dev.fairway.kube.select.LabelSelector;
import dev.fairway.sandbox.api.ApiException;
import dev.fairway.sandbox.api.Patcher;

/** The {@code autoscaling/v1 Scale} view of workloads ({@code /scale} subresource). */
final class Scales {

    private Scales() {}

    static ObjectNode toScale(ObjectNode obj) {
        ObjectNode s = Json.object();
        s.put("kind", "Scale");
        s.put("apiVersion", "autoscaling/v1");
        ObjectNode m = s.putObject("metadata");
        JsonNode om = obj.path("metadata");
        for (String f : new String[] {"name", "namespace", "uid", "resourceVersion", "creationTimestamp"}) {
            if (om.has(f)) {
                m.set(f, om.get(f));
            }
        }
        s.putObject("spec").put("replicas", obj.path("spec").path("replicas").asInt(1));
        ObjectNode st = s.putObject("status");
        st.put("replicas", obj.path("status").path("replicas").asInt(0));
        LabelSelector sel = LabelSelector.fromObject(obj.path("spec").get("selector"));
        if (sel != null) {
            st.put("selector", sel.toString());
        }
        return s;
    }

    static ObjectNode patch(ObjectNode scale, String patchType, JsonNode patch) throws ApiException {
        try {
            JsonNode r = Patcher.JSON_PATCH.equals(patchType) ? JsonPatch.apply(scale, patch) : MergePatch.apply(scale, patch);
            return (ObjectNode) r;
        } catch (PatchException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }
}

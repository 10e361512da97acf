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
import dev.fairway.sandbox.api.ResourceRegistry;
import dev.fairway.sandbox.api.ResourceType;

/**
 * The {@code autoscaling/v1 Scale} view of workloads ({@code /scale} subresource): built-in kinds
 * keep replicas in {@code .spec.replicas}; custom resources say where in their CRD's
 * {@code subresources.scale} (specReplicasPath, statusReplicasPath, labelSelectorPath).
 */
final class Scales {

    /** Where a kind keeps its desired and current replicas and its selector (dotted JSON paths). */
    record Paths(String specReplicas, String statusReplicas, String labelSelector) {
        static final Paths BUILTIN = new Paths(".spec.replicas", ".status.replicas", null);
    }

    private Scales() {}

    static Paths pathsOf(ResourceRegistry registry, ResourceType t) {
        return registry.custom(t.group(), t.plural())
                .flatMap(c -> c.version(t.version()))
                .map(v -> v.path("subresources").path("scale"))
                .filter(JsonNode::isObject)
                .map(s -> new Paths(s.path("specReplicasPath").asText(".spec.replicas"),
                        s.path("statusReplicasPath").asText(".status.replicas"), s.path("labelSelectorPath").asText(null)))
                .orElse(Paths.BUILTIN);
    }

    static ObjectNode toScale(ObjectNode obj, Paths paths) {
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
        s.putObject("spec").put("replicas", read(obj, paths.specReplicas()).asInt(paths == Paths.BUILTIN ? 1 : 0));
        ObjectNode st = s.putObject("status");
        st.put("replicas", read(obj, paths.statusReplicas()).asInt(0));
        if (paths.labelSelector() != null) {
            JsonNode sel = read(obj, paths.labelSelector());
            if (sel.isTextual()) {
                st.put("selector", sel.asText());
            }
        } else {
            LabelSelector sel = LabelSelector.fromObject(obj.path("spec").get("selector"));
            if (sel != null) {
                st.put("selector", sel.toString());
            }
        }
        return s;
    }

    /** A merge patch that sets the desired replicas where the kind keeps them. */
    static ObjectNode replicasPatch(Paths paths, int replicas) {
        ObjectNode patch = Json.object();
        String[] parts = paths.specReplicas().replaceFirst("^\\.", "").split("\\.");
        ObjectNode cur = patch;
        for (int i = 0; i < parts.length - 1; i++) {
            cur = cur.putObject(parts[i]);
        }
        cur.put(parts[parts.length - 1], replicas);
        return patch;
    }

    private static JsonNode read(JsonNode obj, String dotted) {
        JsonNode cur = obj;
        for (String p : dotted.replaceFirst("^\\.", "").split("\\.")) {
            cur = cur.path(p);
        }
        return cur;
    }

    static ObjectNode patch(ObjectNode scale, String patchType, JsonNode patch) throws ApiException {
        try {
            JsonNode r = Patcher.JSON_PATCH.equals(patchType) ? JsonPatch.apply(scale, patch) : MergePatch.apply(scale, patch);
            if (!(r instanceof ObjectNode o)) {
                throw ApiException.badRequest("the patch must leave the Scale an object");
            }
            return o;
        } catch (PatchException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }
}

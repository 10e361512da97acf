package dev.fairway.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.kube.Json;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * An application's resource tree: the objects it manages (its {@code status.resources}) and, below
 * them, the objects they own through ownerReferences (ReplicaSets, Pods, Jobs, EndpointSlices...),
 * read live from the cluster, as Argo CD's tree view shows them.
 */
final class ResourceTree {

    /** Kinds that workloads create, looked up in the app's namespaces. */
    private static final List<String[]> OWNED_KINDS = List.of(
            new String[] {"apps/v1", "ReplicaSet"}, new String[] {"v1", "Pod"}, new String[] {"batch/v1", "Job"},
            new String[] {"apps/v1", "ControllerRevision"}, new String[] {"discovery.k8s.io/v1", "EndpointSlice"},
            new String[] {"v1", "Endpoints"}, new String[] {"v1", "PersistentVolumeClaim"});

    private final KubernetesClient client;

    ResourceTree(KubernetesClient client) {
        this.client = client;
    }

    ObjectNode of(ObjectNode app) {
        JsonNode resources = app.path("status").path("resources");
        Set<String> namespaces = new TreeSet<>();
        for (JsonNode r : resources) {
            if (!r.path("namespace").asText("").isEmpty()) {
                namespaces.add(r.path("namespace").asText());
            }
        }
        Map<String, List<HasMetadata>> childrenByOwner = new HashMap<>();
        Map<String, HasMetadata> byKey = new HashMap<>();
        for (String ns : namespaces) {
            for (String[] kind : OWNED_KINDS) {
                for (GenericKubernetesResource o : client.genericKubernetesResources(kind[0], kind[1]).inNamespace(ns).list().getItems()) {
                    byKey.put(key(o.getKind(), ns, o.getMetadata().getName()), o);
                    for (OwnerReference ref : o.getMetadata().getOwnerReferences()) {
                        childrenByOwner.computeIfAbsent(ref.getUid(), u -> new ArrayList<>()).add(o);
                    }
                }
            }
        }
        ObjectNode out = Json.object();
        ArrayNode nodes = out.putArray("nodes");
        for (JsonNode r : resources) {
            ObjectNode node = nodes.addObject();
            node.put("group", r.path("group").asText(""));
            node.put("version", r.path("version").asText(""));
            node.put("kind", r.path("kind").asText());
            node.put("namespace", r.path("namespace").asText(""));
            node.put("name", r.path("name").asText());
            node.put("status", r.path("status").asText(""));
            if (r.has("health")) {
                node.set("health", r.path("health"));
            }
            String uid = uidOf(r, byKey);
            children(node.putArray("children"), uid, childrenByOwner, 0);
        }
        return out;
    }

    private String uidOf(JsonNode r, Map<String, HasMetadata> byKey) {
        HasMetadata known = byKey.get(key(r.path("kind").asText(), r.path("namespace").asText(""), r.path("name").asText()));
        if (known != null) {
            return known.getMetadata().getUid();
        }
        String group = r.path("group").asText("");
        String apiVersion = (group.isEmpty() ? "" : group + "/") + r.path("version").asText("v1");
        try {
            var res = r.path("namespace").asText("").isEmpty()
                    ? client.genericKubernetesResources(apiVersion, r.path("kind").asText()).withName(r.path("name").asText()).get()
                    : client.genericKubernetesResources(apiVersion, r.path("kind").asText()).inNamespace(r.path("namespace").asText())
                            .withName(r.path("name").asText()).get();
            return res == null ? null : res.getMetadata().getUid();
        } catch (RuntimeException e) {
            return null; // a kind the cluster no longer serves: no children to show
        }
    }

    private static void children(ArrayNode into, String uid, Map<String, List<HasMetadata>> childrenByOwner, int depth) {
        if (uid == null || depth > 4) {
            return;
        }
        for (HasMetadata child : childrenByOwner.getOrDefault(uid, List.of())) {
            ObjectNode c = into.addObject();
            String apiVersion = child.getApiVersion();
            c.put("group", apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "");
            c.put("version", apiVersion.contains("/") ? apiVersion.substring(apiVersion.indexOf('/') + 1) : apiVersion);
            c.put("kind", child.getKind());
            c.put("namespace", child.getMetadata().getNamespace());
            c.put("name", child.getMetadata().getName());
            if (child instanceof GenericKubernetesResource g && g.getAdditionalProperties().get("status") instanceof Map<?, ?> status
                    && status.get("phase") != null) {
                c.put("phase", String.valueOf(status.get("phase")));
            }
            children(c.putArray("children"), child.getMetadata().getUid(), childrenByOwner, depth + 1);
        }
    }

    private static String key(String kind, String ns, String name) {
        return kind + "/" + ns + "/" + name;
    }
}

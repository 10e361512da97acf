package dev.fairway.sandbox.simulation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.sandbox.api.ObjectService;
import dev.fairway.sandbox.api.ResourceType;
import dev.fairway.sandbox.store.ObjectKey;
import dev.fairway.sandbox.store.StoredObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which objects each owner controls (by the owner's uid), so that a controller reads its own pods
 * or ReplicaSets instead of scanning a namespace: the controllers' equivalent of an informer
 * index. Kept from the store's change feed, which delivers a write before its writer is answered,
 * so a controller always finds what it has just created; rebuilt from the store at start.
 */
final class Dependents {

    private final ObjectService service;
    private final Map<String, Set<ObjectKey>> byOwner = new HashMap<>();
    private final Map<ObjectKey, String> ownerOf = new HashMap<>();

    Dependents(ObjectService service) {
        this.service = service;
    }

    /** The kinds whose owners look them up. */
    static boolean indexed(String group, String resource) {
        return (group.isEmpty() && resource.equals("pods"))
                || (group.equals("apps") && (resource.equals("replicasets") || resource.equals("controllerrevisions")))
                || (group.equals("batch") && resource.equals("jobs"));
    }

    void rebuild(List<ResourceType> types) {
        for (ResourceType t : types) {
            for (StoredObject s : service.store().list(ObjectService.prefix(t, null), null, 0)) {
                update(s.key(), service.read(t, s), false);
            }
        }
    }

    synchronized void update(ObjectKey key, JsonNode obj, boolean deleted) {
        String old = ownerOf.remove(key);
        if (old != null) {
            Set<ObjectKey> keys = byOwner.get(old);
            if (keys != null) {
                keys.remove(key);
                if (keys.isEmpty()) {
                    byOwner.remove(old);
                }
            }
        }
        if (deleted) {
            return;
        }
        for (JsonNode ref : obj.path("metadata").path("ownerReferences")) {
            if (ref.path("controller").asBoolean(false)) {
                String uid = ref.path("uid").asText();
                ownerOf.put(key, uid);
                byOwner.computeIfAbsent(uid, u -> new HashSet<>()).add(key);
                return;
            }
        }
    }

    /** The current objects of a type that the owner controls. */
    List<ObjectNode> of(JsonNode owner, ResourceType type) {
        List<ObjectKey> keys;
        synchronized (this) {
            keys = new ArrayList<>(byOwner.getOrDefault(ObjectFields.uid(owner), Set.of()));
        }
        List<ObjectNode> out = new ArrayList<>();
        for (ObjectKey k : keys) {
            if (!k.group().equals(type.group()) || !k.resource().equals(type.plural())) {
                continue;
            }
            Optional<ObjectNode> o = service.find(type, k.namespace(), k.name());
            if (o.isPresent() && ObjectFields.controlledBy(o.get(), owner)) {
                out.add(o.get());
            }
        }
        return out;
    }
}

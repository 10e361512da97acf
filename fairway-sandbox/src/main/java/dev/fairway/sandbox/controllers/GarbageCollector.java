package dev.fairway.sandbox.controllers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.sandbox.api.ApiException;
import dev.fairway.sandbox.api.DeleteOptions;
import dev.fairway.sandbox.api.ObjectService;
import dev.fairway.sandbox.api.ResourceType;
import dev.fairway.sandbox.store.Change;
import dev.fairway.sandbox.store.ObjectKey;
import dev.fairway.sandbox.store.StoredObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Kubernetes' garbage collector: dependents whose owners (ownerReferences) are all gone are
 * deleted; owners deleted in the foreground wait for their dependents; owners deleted with the
 * orphan policy release them. Indexes owners in memory, rebuilt from the store at start so that
 * owners deleted while the sandbox was down are noticed.
 */
public final class GarbageCollector implements Consumer<Change>, AutoCloseable {

    static final String FOREGROUND = "foregroundDeletion";
    static final String ORPHAN = "orphan";
    private static final String MANAGER = "generic-garbage-collector";

    private final ObjectService service;
    private final Map<String, Set<ObjectKey>> dependents = new HashMap<>();
    private final Map<String, ObjectKey> keyOfUid = new HashMap<>();
    private final Map<ObjectKey, String> uidOfKey = new HashMap<>();
    private final ReconcileQueue<ObjectKey> queue;
    private final java.util.concurrent.LinkedBlockingQueue<Change> changes = new java.util.concurrent.LinkedBlockingQueue<>();
    private final Thread indexer;
    private volatile boolean closed;

    public GarbageCollector(ObjectService service, java.util.concurrent.ScheduledExecutorService delays) {
        this.service = service;
        this.queue = new ReconcileQueue<>("garbage-collector", delays, this::reconcile);
        this.indexer = new Thread(this::indexLoop, "garbage-collector-index");
        this.indexer.setDaemon(true);
    }

    /** Indexes every stored object; call once before the store's changes are delivered. */
    public void start() {
        List<ObjectKey> check = new ArrayList<>();
        synchronized (this) {
            for (StoredObject s : service.store().list("", null, 0)) {
                ObjectNode o = ControllerSupport.parse(s.json());
                index(s.key(), o);
                if (ControllerSupport.deleting(o) || o.path("metadata").has("ownerReferences")) {
                    check.add(s.key());
                }
            }
        }
        check.forEach(queue::add);
        indexer.start();
    }

    /**
     * Takes a committed change; indexing happens on the collector's own thread so that writers are
     * not held up by parsing every object on the commit path.
     */
    @Override
    public void accept(Change c) {
        changes.add(c);
    }

    private void indexLoop() {
        while (!closed) {
            try {
                Change c = changes.poll(500, java.util.concurrent.TimeUnit.MILLISECONDS);
                if (c != null) {
                    indexChange(c);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(GarbageCollector.class).error("event=gc_index_failed", e);
            }
        }
    }

    private void indexChange(Change c) {
        ObjectNode o = ControllerSupport.parse(c.json());
        List<ObjectKey> toCheck = new ArrayList<>();
        synchronized (this) {
            if (c.type() == Change.Type.DELETED) {
                String uid = uidOfKey.remove(c.key());
                if (uid != null) {
                    keyOfUid.remove(uid);
                    toCheck.addAll(dependents.getOrDefault(uid, Set.of()));
                }
                unindexOwners(c.key(), c.previous() == null ? o : ControllerSupport.parse(c.previous()));
            } else {
                if (c.previous() != null) {
                    unindexOwners(c.key(), ControllerSupport.parse(c.previous()));
                }
                index(c.key(), o);
                if (ControllerSupport.deleting(o) || o.path("metadata").has("ownerReferences")) {
                    toCheck.add(c.key());
                }
            }
        }
        toCheck.forEach(queue::add);
    }

    private void index(ObjectKey key, ObjectNode o) {
        String uid = o.path("metadata").path("uid").asText();
        if (!uid.isEmpty()) {
            keyOfUid.put(uid, key);
            uidOfKey.put(key, uid);
        }
        for (JsonNode ref : o.path("metadata").path("ownerReferences")) {
            dependents.computeIfAbsent(ref.path("uid").asText(), u -> new HashSet<>()).add(key);
        }
    }

    private void unindexOwners(ObjectKey key, ObjectNode o) {
        for (JsonNode ref : o.path("metadata").path("ownerReferences")) {
            Set<ObjectKey> deps = dependents.get(ref.path("uid").asText());
            if (deps != null) {
                deps.remove(key);
                if (deps.isEmpty()) {
                    dependents.remove(ref.path("uid").asText());
                }
            }
        }
    }

    private java.time.Duration reconcile(ObjectKey key) throws ApiException {
        Optional<ResourceType> type = service.registry().storageType(key.group(), key.resource());
        if (type.isEmpty()) {
            return null;
        }
        ResourceType t = type.get();
        Optional<ObjectNode> found = service.find(t, key.namespace(), key.name());
        if (found.isEmpty()) {
            return null;
        }
        ObjectNode obj = found.get();
        String uid = obj.path("metadata").path("uid").asText();
        if (ControllerSupport.deleting(obj) && ControllerSupport.hasFinalizer(obj, FOREGROUND)) {
            foreground(t, key, obj, uid);
        } else if (ControllerSupport.deleting(obj) && ControllerSupport.hasFinalizer(obj, ORPHAN)) {
            orphan(t, key, obj, uid);
        }
        checkOwners(t, key, obj);
        return null;
    }

    /** Deletes the dependents; once none is left, releases the owner. */
    private void foreground(ResourceType t, ObjectKey key, ObjectNode owner, String uid) throws ApiException {
        Set<ObjectKey> deps;
        synchronized (this) {
            deps = new HashSet<>(dependents.getOrDefault(uid, Set.of()));
        }
        if (!deps.isEmpty()) {
            for (ObjectKey d : deps) {
                deleteQuietly(d, "Foreground");
            }
            queue.addAfter(key, java.time.Duration.ofMillis(200));
            return;
        }
        ObjectNode updated = owner.deepCopy();
        ControllerSupport.removeFinalizer(updated, FOREGROUND);
        service.update(t, key.namespace(), key.name(), "", updated, ControllerSupport.as(MANAGER));
    }

    /** Removes the owner from its dependents' ownerReferences, then releases the owner. */
    private void orphan(ResourceType t, ObjectKey key, ObjectNode owner, String uid) throws ApiException {
        Set<ObjectKey> deps;
        synchronized (this) {
            deps = new HashSet<>(dependents.getOrDefault(uid, Set.of()));
        }
        for (ObjectKey d : deps) {
            Optional<ResourceType> dt = service.registry().storageType(d.group(), d.resource());
            if (dt.isEmpty()) {
                continue;
            }
            Optional<ObjectNode> dep = service.find(dt.get(), d.namespace(), d.name());
            if (dep.isPresent()) {
                ObjectNode copy = dep.get().deepCopy();
                removeOwnerRefs(copy, Set.of(uid));
                service.update(dt.get(), d.namespace(), d.name(), "", copy, ControllerSupport.as(MANAGER));
            }
        }
        ObjectNode updated = service.get(t, key.namespace(), key.name()).deepCopy();
        ControllerSupport.removeFinalizer(updated, ORPHAN);
        service.update(t, key.namespace(), key.name(), "", updated, ControllerSupport.as(MANAGER));
    }

    /** A dependent whose owners are all gone is deleted; references to gone owners are dropped. */
    private void checkOwners(ResourceType t, ObjectKey key, ObjectNode obj) throws ApiException {
        JsonNode refs = obj.path("metadata").path("ownerReferences");
        if (!refs.isArray() || refs.isEmpty() || ControllerSupport.deleting(obj)) {
            return;
        }
        Set<String> gone = new HashSet<>();
        boolean ownerWaitsForeground = false;
        synchronized (this) {
            for (JsonNode ref : refs) {
                String u = ref.path("uid").asText();
                if (!keyOfUid.containsKey(u)) {
                    gone.add(u);
                }
            }
        }
        if (gone.isEmpty()) {
            return;
        }
        if (gone.size() == refs.size()) {
            deleteQuietly(key, ownerWaitsForeground ? "Foreground" : "Background");
            return;
        }
        ObjectNode copy = obj.deepCopy();
        removeOwnerRefs(copy, gone);
        service.update(t, key.namespace(), key.name(), "", copy, ControllerSupport.as(MANAGER));
    }

    private static void removeOwnerRefs(ObjectNode obj, Set<String> uids) {
        JsonNode refs = obj.path("metadata").get("ownerReferences");
        if (refs instanceof ArrayNode arr) {
            for (int i = arr.size() - 1; i >= 0; i--) {
                if (uids.contains(arr.get(i).path("uid").asText())) {
                    arr.remove(i);
                }
            }
            if (arr.isEmpty()) {
                ((ObjectNode) obj.get("metadata")).remove("ownerReferences");
            }
        }
    }

    private void deleteQuietly(ObjectKey key, String policy) {
        Optional<ResourceType> t = service.registry().storageType(key.group(), key.resource());
        if (t.isEmpty()) {
            return;
        }
        try {
            service.delete(t.get(), key.namespace(), key.name(), new DeleteOptions(policy, null, null, null, false));
        } catch (ApiException e) {
            if (e.code() != 404) {
                queue.addAfter(key, java.time.Duration.ofMillis(500));
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        indexer.interrupt();
        queue.close();
    }
}

package dev.fairway.sandbox.controllers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.sandbox.api.ApiException;
import dev.fairway.sandbox.api.DeleteOptions;
import dev.fairway.sandbox.api.ObjectService;
import dev.fairway.sandbox.api.ObjectService.ListOptions;
import dev.fairway.sandbox.api.ResourceType;
import dev.fairway.sandbox.store.Change;
import dev.fairway.sandbox.store.StoredObject;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Namespace lifecycle: a namespace being deleted has its contents deleted; when nothing is left
 * the {@code kubernetes} finalizer is removed and the namespace goes away.
 */
public final class NamespaceController implements Consumer<Change>, AutoCloseable {

    private static final String MANAGER = "namespace-controller";

    private final ObjectService service;
    private final ResourceType namespaces;
    private final WorkQueue<String> queue;

    public NamespaceController(ObjectService service) {
        this.service = service;
        this.namespaces = service.registry().byResource("", "v1", "namespaces").orElseThrow();
        this.queue = new WorkQueue<>("namespace-controller", this::reconcile);
    }

    public void start() {
        for (StoredObject s : service.store().list(ObjectService.prefix(namespaces, null), null, 0)) {
            if (ControllerSupport.deleting(ControllerSupport.parse(s.json()))) {
                queue.add(s.key().name());
            }
        }
    }

    @Override
    public void accept(Change c) {
        if (c.key().group().isEmpty() && c.key().resource().equals("namespaces") && c.type() != Change.Type.DELETED
                && ControllerSupport.deleting(ControllerSupport.parse(c.json()))) {
            queue.add(c.key().name());
        }
    }

    private boolean reconcile(String name) throws ApiException {
        Optional<ObjectNode> ns = service.find(namespaces, "", name);
        if (ns.isEmpty() || !ControllerSupport.deleting(ns.get())) {
            return false;
        }
        int remaining = 0;
        Set<String> seen = new HashSet<>();
        for (ResourceType t : service.registry().all()) {
            if (!t.namespaced() || !seen.add(t.group() + "/" + t.plural()) || !t.verbs().contains("delete")) {
                continue;
            }
            ResourceType storage = service.registry().storageType(t.group(), t.plural()).orElse(t);
            for (ObjectNode o : service.list(storage, name, ListOptions.ALL).items()) {
                remaining++;
                if (!ControllerSupport.deleting(o)) {
                    try {
                        service.delete(storage, name, o.path("metadata").path("name").asText(), DeleteOptions.DEFAULT);
                    } catch (ApiException e) {
                        if (e.code() != 404) {
                            throw e;
                        }
                    }
                }
            }
        }
        if (remaining > 0) {
            queue.addAfter(name, 250);
            return false;
        }
        ObjectNode updated = ns.get().deepCopy();
        JsonNode fins = updated.path("spec").get("finalizers");
        if (fins instanceof ArrayNode arr) {
            for (int i = arr.size() - 1; i >= 0; i--) {
                if ("kubernetes".equals(arr.get(i).asText())) {
                    arr.remove(i);
                }
            }
        }
        service.update(namespaces, "", name, "", updated, ControllerSupport.as(MANAGER));
        return false;
    }

    @Override
    public void close() {
        queue.close();
    }
}

package dev.fairway.sandbox.controllers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.sandbox.api.ApiException;
import dev.fairway.sandbox.api.DeleteOptions;
import dev.fairway.sandbox.api.ObjectService;
import dev.fairway.sandbox.api.ObjectService.ListOptions;
import dev.fairway.sandbox.api.ResourceRegistry;
import dev.fairway.sandbox.api.ResourceType;
import dev.fairway.sandbox.store.Change;
import dev.fairway.sandbox.store.StoredObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * CustomResourceDefinitions: serves their resources as soon as they are stored (the registry is
 * refreshed before the CRD's writer is answered), reports NamesAccepted/Established and the
 * accepted names in status, and on deletion removes every custom resource before the CRD goes.
 */
public final class CrdController implements Consumer<Change>, AutoCloseable {

    public static final String CLEANUP_FINALIZER = "customresourcecleanup.apiextensions.k8s.io";
    private static final String MANAGER = "kube-apiserver";

    private final ObjectService service;
    private final ResourceType crds;
    private final ReconcileQueue<String> queue;

    public CrdController(ObjectService service, java.util.concurrent.ScheduledExecutorService delays) {
        this.service = service;
        this.crds = service.registry().byResource("apiextensions.k8s.io", "v1", "customresourcedefinitions").orElseThrow();
        this.queue = new ReconcileQueue<>("crd-controller", delays, this::reconcile);
    }

    public void start() {
        refreshRegistry();
        for (StoredObject s : service.store().list(ObjectService.prefix(crds, null), null, 0)) {
            queue.add(s.key().name());
        }
    }

    @Override
    public void accept(Change c) {
        if (c.key().group().equals("apiextensions.k8s.io") && c.key().resource().equals("customresourcedefinitions")) {
            refreshRegistry();
            queue.add(c.key().name());
        }
    }

    private void refreshRegistry() {
        List<ObjectNode> all = new ArrayList<>();
        for (StoredObject s : service.store().list(ObjectService.prefix(crds, null), null, 0)) {
            all.add(ControllerSupport.parse(s.json()));
        }
        service.registry().setCustomResources(all);
    }

    private java.time.Duration reconcile(String name) throws ApiException {
        Optional<ObjectNode> found = service.find(crds, "", name);
        if (found.isEmpty()) {
            return null;
        }
        ObjectNode crd = found.get();
        if (ControllerSupport.deleting(crd)) {
            cleanUp(name, crd);
            return null;
        }
        ObjectNode status = desiredStatus(crd);
        if (status.equals(crd.get("status"))) {
            return null;
        }
        ObjectNode updated = crd.deepCopy();
        updated.set("status", status);
        service.update(crds, "", name, "status", updated, ControllerSupport.as(MANAGER));
        return null;
    }

    private ObjectNode desiredStatus(ObjectNode crd) {
        ObjectNode old = crd.path("status").isObject() ? (ObjectNode) crd.get("status") : null;
        ObjectNode status = crd.objectNode();
        ArrayNode conds = status.putArray("conditions");
        String now = ObjectService.timestamp(service.now());
        conds.add(condition(old, "NamesAccepted", "NoConflicts", "no conflicts found", now));
        conds.add(condition(old, "Established", "InitialNamesAccepted", "the initial names have been accepted", now));
        ObjectNode names = crd.path("spec").path("names").deepCopy();
        if (!names.has("singular")) {
            names.put("singular", names.path("kind").asText().toLowerCase(Locale.ROOT));
        }
        if (!names.has("listKind")) {
            names.put("listKind", names.path("kind").asText() + "List");
        }
        status.set("acceptedNames", names);
        ArrayNode stored = status.putArray("storedVersions");
        List<String> versions = new ArrayList<>();
        if (old != null) {
            old.path("storedVersions").forEach(v -> versions.add(v.asText()));
        }
        for (JsonNode v : crd.path("spec").path("versions")) {
            if (v.path("storage").asBoolean() && !versions.contains(v.path("name").asText())) {
                versions.add(v.path("name").asText());
            }
        }
        versions.forEach(stored::add);
        return status;
    }

    private static ObjectNode condition(ObjectNode old, String type, String reason, String message, String now) {
        if (old != null) {
            for (JsonNode c : old.path("conditions")) {
                if (type.equals(c.path("type").asText()) && "True".equals(c.path("status").asText())) {
                    return (ObjectNode) c.deepCopy();
                }
            }
        }
        ObjectNode c = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        c.put("type", type);
        c.put("status", "True");
        c.put("lastTransitionTime", now);
        c.put("reason", reason);
        c.put("message", message);
        return c;
    }

    private boolean cleanUp(String name, ObjectNode crd) throws ApiException {
        String group = crd.path("spec").path("group").asText();
        String plural = crd.path("spec").path("names").path("plural").asText();
        Optional<ResourceType> t = service.registry().storageType(group, plural);
        int remaining = 0;
        if (t.isPresent()) {
            for (ObjectNode o : service.list(t.get(), null, ListOptions.ALL).items()) {
                remaining++;
                if (!ControllerSupport.deleting(o)) {
                    try {
                        service.delete(t.get(), o.path("metadata").path("namespace").asText(null),
                                o.path("metadata").path("name").asText(), DeleteOptions.DEFAULT);
                    } catch (ApiException e) {
                        if (e.code() != 404) {
                            throw e;
                        }
                    }
                }
            }
        }
        if (remaining > 0) {
            queue.addAfter(name, java.time.Duration.ofMillis(250));
            return false;
        }
        ObjectNode updated = crd.deepCopy();
        ControllerSupport.removeFinalizer(updated, CLEANUP_FINALIZER);
        service.update(crds, "", name, "", updated, ControllerSupport.as(MANAGER));
        return false;
    }

    @Override
    public void close() {
        queue.close();
    }
}

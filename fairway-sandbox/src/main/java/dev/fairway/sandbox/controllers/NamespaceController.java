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
 * Namespace lifecycle: a new namespace gets what every namespace of a real cluster has (the
 * {@code default} ServiceAccount and the {@code kube-root-ca.crt} ConfigMap); a namespace being
 * deleted has its contents deleted, and when nothing is left the {@code kubernetes} finalizer is
 * removed and the namespace goes away.
 */
public final class NamespaceController implements Consumer<Change>, AutoCloseable {

    private static final String MANAGER = "namespace-controller";
    /**
     * How long a Terminating namespace keeps its contents before they are deleted. A real cluster's
     * controller takes about that long to get to them, and {@code kubectl delete -f DIR} counts on
     * it: it deletes the namespace first and then each object in it, failing on NotFound.
     */
    static final java.time.Duration CONTENT_DELETION_DELAY = java.time.Duration.ofSeconds(1);

    private final ObjectService service;
    private final ResourceType namespaces;
    private final ResourceType serviceAccounts;
    private final ResourceType configMaps;
    private final String caCertificate;
    private final ReconcileQueue<String> queue;
    private final java.util.Map<String, java.time.Instant> terminatingSince = new java.util.concurrent.ConcurrentHashMap<>();

    /** @param caCertificate the cluster CA (PEM) published in every namespace as kube-root-ca.crt */
    public NamespaceController(ObjectService service, String caCertificate, java.util.concurrent.ScheduledExecutorService delays) {
        this.service = service;
        this.namespaces = service.registry().byResource("", "v1", "namespaces").orElseThrow();
        this.serviceAccounts = service.registry().byResource("", "v1", "serviceaccounts").orElseThrow();
        this.configMaps = service.registry().byResource("", "v1", "configmaps").orElseThrow();
        this.caCertificate = caCertificate;
        this.queue = new ReconcileQueue<>("namespace-controller", delays, this::reconcile);
    }

    public void start() {
        for (StoredObject s : service.store().list(ObjectService.prefix(namespaces, null), null, 0)) {
            queue.add(s.key().name());
        }
    }

    @Override
    public void accept(Change c) {
        if (c.key().group().isEmpty() && c.key().resource().equals("namespaces") && c.type() != Change.Type.DELETED) {
            queue.add(c.key().name());
        }
    }

    private java.time.Duration reconcile(String name) throws ApiException {
        Optional<ObjectNode> ns = service.find(namespaces, "", name);
        if (ns.isEmpty()) {
            terminatingSince.remove(name);
            return null;
        }
        if (!ControllerSupport.deleting(ns.get())) {
            ensureDefaults(name);
            return null;
        }
        // deletionTimestamp has whole seconds only: time the wait from when this controller saw it
        java.time.Instant since = terminatingSince.computeIfAbsent(name, n -> java.time.Instant.now());
        java.time.Duration terminatingFor = java.time.Duration.between(since, java.time.Instant.now());
        if (terminatingFor.compareTo(CONTENT_DELETION_DELAY) < 0) {
            queue.addAfter(name, CONTENT_DELETION_DELAY.minus(terminatingFor));
            return null;
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
            queue.addAfter(name, java.time.Duration.ofMillis(250));
            return null;
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
        return null;
    }

    private void ensureDefaults(String ns) throws ApiException {
        if (service.find(serviceAccounts, ns, "default").isEmpty()) {
            ObjectNode sa = dev.fairway.kube.Json.object();
            sa.putObject("metadata").put("name", "default");
            createQuietly(serviceAccounts, ns, sa);
        }
        if (service.find(configMaps, ns, "kube-root-ca.crt").isEmpty()) {
            ObjectNode cm = dev.fairway.kube.Json.object();
            ObjectNode meta = cm.putObject("metadata");
            meta.put("name", "kube-root-ca.crt");
            meta.putObject("annotations").put("kubernetes.io/description",
                    "Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.");
            cm.putObject("data").put("ca.crt", caCertificate);
            createQuietly(configMaps, ns, cm);
        }
    }

    private void createQuietly(ResourceType t, String ns, ObjectNode obj) throws ApiException {
        try {
            service.create(t, ns, obj, ControllerSupport.as(t == serviceAccounts ? "kube-controller-manager" : "kube-root-ca-publisher"));
        } catch (ApiException e) {
            // 409: someone made it meanwhile; 403/404: the namespace is going away
            if (e.code() != 409 && e.code() != 403 && e.code() != 404) {
                throw e;
            }
        }
    }

    @Override
    public void close() {
        queue.close();
    }
}

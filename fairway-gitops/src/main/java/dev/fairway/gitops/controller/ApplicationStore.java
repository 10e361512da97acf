package dev.fairway.gitops.controller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.gitops.app.Application;
import dev.fairway.gitops.sync.OperationRecord;
import dev.fairway.gitops.sync.OperationState;
import dev.fairway.kube.Json;
import dev.fairway.kube.Meta;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Duration;
import java.time.Instant;

/** Writes Application status through the API server. */
final class ApplicationStore {

    private final KubernetesClient client;

    ApplicationStore(KubernetesClient client) {
        this.client = client;
    }


    /**
     * Replaces {@code status} (and removes the {@code operation} that was run). Skips the write
     * when only {@code reconciledAt} would change and it is younger than the resync period, so
     * that a status write does not by itself cause another write.
     */
    void writeStatus(ObjectNode application, ObjectNode status, boolean clearOperation, Instant now, Duration resync) {
        writeStatus(application, status, clearOperation, now, resync, false);
    }

    /**
     * As above; with {@code operationRunning} the write happens only if the operation is still
     * {@code Running} in the cluster, so that a terminate request written meanwhile is not lost.
     *
     * @return false when the operation changed meanwhile (nothing written; reconcile again)
     */
    boolean writeStatus(ObjectNode application, ObjectNode status, boolean clearOperation, Instant now, Duration resync,
            boolean operationRunning) {
        JsonNode old = application.path("status");
        if (!clearOperation && old.isObject()) {
            ObjectNode oldCopy = ((ObjectNode) old).deepCopy();
            JsonNode reconciledAt = oldCopy.remove("reconciledAt");
            boolean fresh = reconciledAt != null && isAfter(reconciledAt.asText(), now.minus(resync));
            if (fresh && oldCopy.equals(status)) {
                return true;
            }
        }
        status.put("reconciledAt", OperationRecord.time(now));
        ArrayNode patch = Json.object().arrayNode();
        if (operationRunning) {
            patch.addObject().put("op", "test").put("path", "/status/operationState/phase").put("value", OperationState.RUNNING);
        }
        patch.addObject().put("op", "add").put("path", "/status").set("value", status);
        if (clearOperation && application.has("operation")) {
            patch.addObject().put("op", "remove").put("path", "/operation");
        }
        try {
            client.genericKubernetesResources(Application.API_VERSION, Application.KIND)
                    .inNamespace(Meta.namespace(application)).withName(Meta.name(application))
                    .patch(PatchContext.of(PatchType.JSON), Json.write(patch));
        } catch (KubernetesClientException e) {
            if (operationRunning && (e.getCode() == 422 || e.getCode() == 409)) {
                return false; // the failed test: someone asked to terminate the operation
            }
            if (e.getCode() != 404) { // deleted meanwhile: nothing to report to
                throw e;
            }
        }
        return true;
    }

    /**
     * Asks the running operation to stop, as Argo CD's terminate does: the phase becomes
     * {@code Terminating} and the next reconcile stops it.
     *
     * @return false when no operation is running
     */
    boolean terminateOperation(String namespace, String name) {
        ArrayNode patch = Json.object().arrayNode();
        patch.addObject().put("op", "test").put("path", "/status/operationState/phase").put("value", OperationState.RUNNING);
        patch.addObject().put("op", "replace").put("path", "/status/operationState/phase").put("value", OperationState.TERMINATING);
        try {
            client.genericKubernetesResources(Application.API_VERSION, Application.KIND).inNamespace(namespace).withName(name)
                    .patch(PatchContext.of(PatchType.JSON), Json.write(patch));
            return true;
        } catch (KubernetesClientException e) {
            if (e.getCode() == 422 || e.getCode() == 409 || e.getCode() == 404 || e.getCode() == 400) {
                return false;
            }
            throw e;
        }
    }

    /**
     * Removes one finalizer, guarded by a test of its position so that a concurrent change of the
     * list makes the patch fail (and the next reconcile try again) rather than remove another one.
     */
    void removeFinalizer(ObjectNode application, String finalizer) {
        JsonNode finalizers = application.path("metadata").path("finalizers");
        for (int i = 0; i < finalizers.size(); i++) {
            if (finalizer.equals(finalizers.get(i).asText())) {
                ArrayNode patch = Json.object().arrayNode();
                patch.addObject().put("op", "test").put("path", "/metadata/finalizers/" + i).put("value", finalizer);
                patch.addObject().put("op", "remove").put("path", "/metadata/finalizers/" + i);
                try {
                    client.genericKubernetesResources(Application.API_VERSION, Application.KIND)
                            .inNamespace(Meta.namespace(application)).withName(Meta.name(application))
                            .patch(PatchContext.of(PatchType.JSON), Json.write(patch));
                } catch (KubernetesClientException e) {
                    if (e.getCode() != 404) { // gone already: nothing left to do
                        throw e;
                    }
                }
                return;
            }
        }
    }

    /** Removes one annotation (e.g. a served refresh request); a concurrent removal is fine. */
    void clearAnnotation(ObjectNode application, String annotation) {
        ArrayNode patch = Json.object().arrayNode();
        patch.addObject().put("op", "remove").put("path", "/metadata/annotations/" + annotation.replace("~", "~0").replace("/", "~1"));
        try {
            client.genericKubernetesResources(Application.API_VERSION, Application.KIND)
                    .inNamespace(Meta.namespace(application)).withName(Meta.name(application))
                    .patch(PatchContext.of(PatchType.JSON), Json.write(patch));
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404 && e.getCode() != 422 && e.getCode() != 400) { // gone, or the annotation already removed
                throw e;
            }
        }
    }

    private static boolean isAfter(String time, Instant bound) {
        try {
            return Instant.parse(time).isAfter(bound);
        } catch (RuntimeException e) {
            return false;
        }
    }
}

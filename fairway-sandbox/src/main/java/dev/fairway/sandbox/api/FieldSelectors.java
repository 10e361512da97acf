package dev.fairway.sandbox.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.kube.select.FieldSelector;
import java.util.Map;
import java.util.Set;

/** Which fields each resource can be selected by, as the Kubernetes API allows them. */
public final class FieldSelectors {

    private static final Set<String> COMMON = Set.of("metadata.name", "metadata.namespace");

    private static final Map<String, Set<String>> BY_RESOURCE = Map.of(
            "/pods", Set.of("spec.nodeName", "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName",
                    "spec.hostNetwork", "status.phase", "status.podIP", "status.nominatedNodeName"),
            "/events", Set.of("involvedObject.kind", "involvedObject.namespace", "involvedObject.name",
                    "involvedObject.uid", "involvedObject.apiVersion", "involvedObject.resourceVersion",
                    "involvedObject.fieldPath", "reason", "reportingComponent", "source", "type"),
            "/secrets", Set.of("type"),
            "/nodes", Set.of("spec.unschedulable"),
            "/namespaces", Set.of("status.phase"),
            "/replicationcontrollers", Set.of("status.replicas"),
            "apps/replicasets", Set.of("status.replicas"),
            "batch/jobs", Set.of("status.successful"),
            "certificates.k8s.io/certificatesigningrequests", Set.of("spec.signerName"));

    private FieldSelectors() {}

    public static void check(ResourceType t, FieldSelector selector) throws ApiException {
        Set<String> allowed = BY_RESOURCE.getOrDefault(t.group() + "/" + t.plural(), Set.of());
        for (FieldSelector.Term term : selector.terms()) {
            if (!COMMON.contains(term.field()) && !allowed.contains(term.field())) {
                throw ApiException.badRequest("field label not supported: " + term.field());
            }
        }
    }

    public static boolean matches(ResourceType t, FieldSelector selector, ObjectNode obj) {
        if (selector.isEmpty()) {
            return true;
        }
        if (!t.namespaced()) {
            // cluster-scoped objects have no namespace; "metadata.namespace=" matches them
            return selector.matches(obj);
        }
        return selector.matches(obj);
    }
}

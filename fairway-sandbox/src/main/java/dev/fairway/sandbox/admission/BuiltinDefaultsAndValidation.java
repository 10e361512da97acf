package dev.fairway.sandbox.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.sandbox.api.Admission;
import dev.fairway.sandbox.api.AdmissionRequest;
import dev.fairway.sandbox.api.ApiException;
import dev.fairway.sandbox.api.FieldError;
import dev.fairway.sandbox.api.Schemas;
import dev.fairway.sandbox.defaults.Defaulter;
import dev.fairway.sandbox.validation.BuiltinValidator;
import java.util.List;

/**
 * The built-in kinds' defaulting (what the API server fills in) followed by their validation
 * (names, selectors, immutable fields, ...), as kube-apiserver does before storing.
 */
public final class BuiltinDefaultsAndValidation implements Admission {

    private final Schemas schemas;
    private final Defaulter defaulter = new Defaulter();
    private final BuiltinValidator validator = new BuiltinValidator();

    public BuiltinDefaultsAndValidation(Schemas schemas) {
        this.schemas = schemas;
    }

    @Override
    public void admit(AdmissionRequest req) throws ApiException {
        if (req.operation() == AdmissionRequest.Operation.DELETE) {
            return;
        }
        ObjectNode obj = req.object();
        boolean custom = schemas.isCustom(req.type());
        if (!custom) {
            boolean namespaceUpdate = req.operation() == AdmissionRequest.Operation.UPDATE
                    && req.type().group().isEmpty() && req.type().plural().equals("namespaces");
            JsonNode finalizers = obj.path("spec").get("finalizers");
            defaulter.apply(req.type().gvk(), obj);
            if (namespaceUpdate) {
                // spec.finalizers is set once, at creation; the namespace controller removes "kubernetes" later
                if (finalizers == null) {
                    ((ObjectNode) obj.get("spec")).remove("finalizers");
                } else {
                    ((ObjectNode) obj.get("spec")).set("finalizers", finalizers);
                }
            }
            if (req.operation() == AdmissionRequest.Operation.CREATE && req.type().group().isEmpty()
                    && req.type().plural().equals("pods")) {
                initialPodStatus(obj);
            }
        }
        List<FieldError> errors = validator.validate(req.type().gvk(), obj, req.old(), req.type().namespaced());
        if (!errors.isEmpty()) {
            throw ApiException.invalid(req.type(), obj.path("metadata").path("name").asText(), errors);
        }
    }

    /** A new Pod is Pending with its QoS class, until a scheduler and kubelet move it on. */
    private static void initialPodStatus(ObjectNode pod) {
        ObjectNode status = pod.putObject("status");
        status.put("phase", "Pending");
        status.put("qosClass", qosClass(pod.path("spec")));
    }

    static String qosClass(JsonNode spec) {
        boolean any = false;
        boolean guaranteed = true;
        for (String list : new String[] {"initContainers", "containers"}) {
            for (JsonNode c : spec.path(list)) {
                JsonNode req = c.path("resources").path("requests");
                JsonNode lim = c.path("resources").path("limits");
                for (String r : new String[] {"cpu", "memory"}) {
                    boolean hasReq = req.has(r);
                    boolean hasLim = lim.has(r);
                    any |= hasReq || hasLim;
                    if (!hasLim || (hasReq && !req.get(r).asText().equals(lim.get(r).asText()))) {
                        guaranteed = false;
                    }
                }
            }
        }
        if (!any) {
            return "BestEffort";
        }
        return guaranteed ? "Guaranteed" : "Burstable";
    }
}

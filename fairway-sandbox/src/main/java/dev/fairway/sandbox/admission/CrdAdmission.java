package dev.fairway.sandbox.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.sandbox.api.Admission;
import dev.fairway.sandbox.api.AdmissionRequest;
import dev.fairway.sandbox.api.ApiException;
import dev.fairway.sandbox.api.FieldError;
import dev.fairway.sandbox.controllers.CrdController;
import java.util.ArrayList;
import java.util.List;

/** Validates CustomResourceDefinitions as kube-apiserver does for the mistakes people make, and adds the clean-up finalizer. */
public final class CrdAdmission implements Admission {

    private static final String DNS_LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";

    @Override
    public void admit(AdmissionRequest req) throws ApiException {
        if (!req.type().group().equals("apiextensions.k8s.io") || !req.type().plural().equals("customresourcedefinitions")
                || req.operation() == AdmissionRequest.Operation.DELETE || "status".equals(req.subresource())) {
            return;
        }
        ObjectNode crd = req.object();
        JsonNode spec = crd.path("spec");
        List<FieldError> errors = new ArrayList<>();
        String group = spec.path("group").asText();
        String plural = spec.path("names").path("plural").asText();
        String name = crd.path("metadata").path("name").asText();
        if (group.isEmpty()) {
            errors.add(FieldError.required("spec.group", ""));
        } else if (!group.contains(".")) {
            errors.add(FieldError.invalid("spec.group", "\"" + group + "\"", "should be a domain with at least one dot"));
        }
        if (plural.isEmpty()) {
            errors.add(FieldError.required("spec.names.plural", ""));
        } else if (!plural.matches(DNS_LABEL)) {
            errors.add(FieldError.invalid("spec.names.plural", "\"" + plural + "\"",
                    "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '" + DNS_LABEL + "')"));
        }
        if (spec.path("names").path("kind").asText().isEmpty()) {
            errors.add(FieldError.required("spec.names.kind", ""));
        }
        if (!plural.isEmpty() && !group.isEmpty() && !name.equals(plural + "." + group)) {
            errors.add(FieldError.invalid("metadata.name", "\"" + name + "\"", "must be spec.names.plural+\".\"+spec.group"));
        }
        String scope = spec.path("scope").asText();
        if (!scope.equals("Namespaced") && !scope.equals("Cluster")) {
            errors.add(new FieldError(FieldError.NOT_SUPPORTED, "spec.scope", "\"" + scope + "\"", "supported values: \"Cluster\", \"Namespaced\""));
        }
        JsonNode versions = spec.path("versions");
        if (!versions.isArray() || versions.isEmpty()) {
            errors.add(FieldError.invalid("spec.versions", "null", "must have exactly one version marked as storage version"));
        } else {
            int storage = 0;
            for (int i = 0; i < versions.size(); i++) {
                JsonNode v = versions.get(i);
                if (v.path("storage").asBoolean()) {
                    storage++;
                }
                if (!v.path("schema").has("openAPIV3Schema")) {
                    errors.add(FieldError.required("spec.versions[" + i + "].schema.openAPIV3Schema", "schemas are required"));
                } else if (!v.path("schema").path("openAPIV3Schema").has("type")) {
                    errors.add(FieldError.required("spec.versions[" + i + "].schema.openAPIV3Schema.type", "must not be empty at the root"));
                }
            }
            if (storage != 1) {
                errors.add(FieldError.invalid("spec.versions", "[]apiextensions.CustomResourceDefinitionVersion{...}",
                        "must have exactly one version marked as storage version"));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(req.type(), name, errors);
        }
        if (req.operation() == AdmissionRequest.Operation.CREATE) {
            ObjectNode meta = (ObjectNode) crd.get("metadata");
            ArrayNode fins = meta.has("finalizers") && meta.get("finalizers").isArray()
                    ? (ArrayNode) meta.get("finalizers") : meta.putArray("finalizers");
            boolean has = false;
            for (JsonNode f : fins) {
                has |= CrdController.CLEANUP_FINALIZER.equals(f.asText());
            }
            if (!has) {
                fins.add(CrdController.CLEANUP_FINALIZER);
            }
        }
    }
}

package dev.fairway.sandbox.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fairway.sandbox.api.FieldError;
import java.util.List;

/** Controller checks: replica counts, selectors that match their pod template, immutable fields on update. */
final class WorkloadRules {

    private static final List<String> ALWAYS = List.of("Always");
    private static final List<String> JOB_RESTART_POLICIES = List.of("OnFailure", "Never");
    static final String IMMUTABLE = "field is immutable";
    static final String SELECTOR_MISMATCH = "`selector` does not match template `labels`";
    private static final List<String> STATEFULSET_MUTABLE = List.of(
            "replicas", "ordinals", "template", "updateStrategy", "persistentVolumeClaimRetentionPolicy", "minReadySeconds");

    private WorkloadRules() {}

    /** Deployment and ReplicaSet share the rules (and, as in Kubernetes, the word "deployment"). */
    static void deploymentLike(JsonNode obj, JsonNode old, List<FieldError> errs) {
        JsonNode spec = obj.path("spec");
        nonNegative(spec, "replicas", "spec.replicas", errs);
        selectorAndTemplate(spec, "deployment", true, errs);
        podTemplate(spec.path("template"), "spec.template", ALWAYS, errs);
        immutableSelector(obj, old, errs);
    }

    static void statefulSet(JsonNode obj, JsonNode old, List<FieldError> errs) {
        JsonNode spec = obj.path("spec");
        nonNegative(spec, "replicas", "spec.replicas", errs);
        String policy = spec.path("podManagementPolicy").asText("");
        if (!policy.isEmpty() && !policy.equals("OrderedReady") && !policy.equals("Parallel")) {
            errs.add(FieldError.invalid("spec.podManagementPolicy", GoValues.quote(policy), "must be 'OrderedReady' or 'Parallel'"));
        }
        selectorAndTemplate(spec, "statefulset", true, errs);
        podTemplate(spec.path("template"), "spec.template", ALWAYS, errs);
        if (old != null) {
            JsonNode newSpec = spec.deepCopy();
            JsonNode oldSpec = old.path("spec").deepCopy();
            if (newSpec.isObject() && oldSpec.isObject()) {
                STATEFULSET_MUTABLE.forEach(f -> {
                    ((com.fasterxml.jackson.databind.node.ObjectNode) newSpec).remove(f);
                    ((com.fasterxml.jackson.databind.node.ObjectNode) oldSpec).remove(f);
                });
            }
            if (!newSpec.equals(oldSpec)) {
                errs.add(new FieldError(FieldError.FORBIDDEN, "spec", null,
                        "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', "
                                + "'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden"));
            }
        }
    }

    static void daemonSet(JsonNode obj, JsonNode old, List<FieldError> errs) {
        JsonNode spec = obj.path("spec");
        // A missing selector selects nothing, so it is reported as not matching the template.
        selectorAndTemplate(spec, "daemonset", false, errs);
        podTemplate(spec.path("template"), "spec.template", ALWAYS, errs);
        immutableSelector(obj, old, errs);
    }

    static void job(JsonNode obj, JsonNode old, List<FieldError> errs) {
        JsonNode spec = obj.path("spec");
        nonNegative(spec, "parallelism", "spec.parallelism", errs);
        nonNegative(spec, "completions", "spec.completions", errs);
        nonNegative(spec, "backoffLimit", "spec.backoffLimit", errs);
        JsonNode selector = spec.get("selector");
        if (selector == null || selector.isNull()) {
            errs.add(FieldError.required("spec.selector", ""));
        } else if (!Selectors.matches(selector, spec.path("template").path("metadata").path("labels"))) {
            errs.add(FieldError.invalid("spec.template.metadata.labels",
                    GoValues.stringMap(spec.path("template").path("metadata").get("labels")), SELECTOR_MISMATCH));
        }
        podTemplate(spec.path("template"), "spec.template", JOB_RESTART_POLICIES, errs);
        if (old != null) {
            JsonNode oldSpec = old.path("spec");
            if (!spec.path("selector").equals(oldSpec.path("selector"))) {
                errs.add(FieldError.invalid("spec.selector", GoValues.labelSelector(spec.get("selector")), IMMUTABLE));
            }
            if (!spec.path("completions").equals(oldSpec.path("completions")) && !spec.path("completionMode").asText().equals("Indexed")) {
                errs.add(FieldError.invalid("spec.completions", GoValues.scalar(spec.get("completions")), IMMUTABLE));
            }
            if (!spec.path("template").equals(oldSpec.path("template"))) {
                errs.add(FieldError.invalid("spec.template", "core.PodTemplateSpec{...}", IMMUTABLE));
            }
        }
    }

    static void cronJob(JsonNode obj, List<FieldError> errs) {
        String name = obj.path("metadata").path("name").asText("");
        if (name.length() > 52) {
            errs.add(FieldError.invalid("metadata.name", GoValues.quote(name), "must be no more than 52 characters"));
        }
        JsonNode spec = obj.path("spec");
        if (spec.path("schedule").asText("").isEmpty()) {
            errs.add(FieldError.required("spec.schedule", ""));
        }
        String concurrency = spec.path("concurrencyPolicy").asText("");
        List<String> policies = List.of("Allow", "Forbid", "Replace");
        if (!concurrency.isEmpty() && !policies.contains(concurrency)) {
            errs.add(PodSpecRules.notSupported("spec.concurrencyPolicy", concurrency, policies));
        }
        podTemplate(spec.path("jobTemplate").path("spec").path("template"), "spec.jobTemplate.spec.template", JOB_RESTART_POLICIES, errs);
    }

    private static void podTemplate(JsonNode template, String path, List<String> restartPolicies, List<FieldError> errs) {
        MetadataRules.labels(template.path("metadata").path("labels"), path + ".metadata.labels", errs);
        PodSpecRules.validate(template.path("spec"), path + ".spec", restartPolicies, errs);
    }

    private static void selectorAndTemplate(JsonNode spec, String kindWord, boolean selectorRequired, List<FieldError> errs) {
        JsonNode selector = spec.get("selector");
        JsonNode labels = spec.path("template").path("metadata").path("labels");
        if (selector == null || selector.isNull()) {
            if (selectorRequired) {
                errs.add(FieldError.required("spec.selector", ""));
                return;
            }
        } else if (Selectors.isEmpty(selector)) {
            errs.add(FieldError.invalid("spec.selector", GoValues.labelSelector(selector), "empty selector is invalid for " + kindWord));
            return;
        }
        if (!Selectors.matches(selector, labels)) {
            errs.add(FieldError.invalid("spec.template.metadata.labels",
                    GoValues.stringMap(spec.path("template").path("metadata").get("labels")), SELECTOR_MISMATCH));
        }
    }

    private static void immutableSelector(JsonNode obj, JsonNode old, List<FieldError> errs) {
        if (old != null && !obj.path("spec").path("selector").equals(old.path("spec").path("selector"))) {
            errs.add(FieldError.invalid("spec.selector", GoValues.labelSelector(obj.path("spec").get("selector")), IMMUTABLE));
        }
    }

    static void nonNegative(JsonNode spec, String field, String path, List<FieldError> errs) {
        JsonNode v = spec.get(field);
        if (v != null && v.isNumber() && v.asLong() < 0) {
            errs.add(FieldError.invalid(path, v.asText(), "must be greater than or equal to 0"));
        }
    }
}
